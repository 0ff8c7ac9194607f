package io.tally.report;

import java.util.Locale;

/**
 * The forms a report is written in, with the media type the HTTP API serves each as.
 *
 * <p>Example: {@code OutputFormat.parse("pdf").mediaType()} is {@code application/pdf}.
 */
public enum OutputFormat {
  /** Aligned tables for a terminal (the command line only). */
  TEXT("text/plain; charset=utf-8"),
  /** The contract's JSON: names in snake case, amounts as decimal strings. */
  JSON("application/json"),
  /** RFC 4180 CSV. */
  CSV("text/csv; charset=utf-8"),
  /** A paginated PDF document. */
  PDF("application/pdf");

  private final String mediaType;

  OutputFormat(String mediaType) {
    this.mediaType = mediaType;
  }

  /** The media type of a response in this format. */
  public String mediaType() {
    return mediaType;
  }

  /** {@code text}, {@code json}, {@code csv} or {@code pdf}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a format's code, case-insensitively. */
  public static OutputFormat parse(String text) {
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown format '" + text + "': expected text, json, csv or pdf", e);
    }
  }
}
