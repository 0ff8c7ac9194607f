package io.tally.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --format text|json} option of the commands that print books: text for people, JSON
 * (the contract's names, amounts as decimal strings) for programs.
 *
 * <p>Example: {@code @Mixin FormatOption format;} then {@code if (format.json()) ...}.
 */
final class FormatOption {

  /** The two output formats. */
  enum Format {
    text,
    json
  }

  @Option(
      names = "--format",
      paramLabel = "text|json",
      description = "output format (default: ${DEFAULT-VALUE})",
      defaultValue = "text")
  Format format;

  /** Whether JSON was asked for. */
  boolean json() {
    return format == Format.json;
  }
}
