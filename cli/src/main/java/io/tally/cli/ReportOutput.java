package io.tally.cli;

import io.tally.report.OutputFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Where a report goes: the terminal, or the file {@code --output} names, written whole or not at
 * all (a temporary file beside it, moved into place), so a report that fails half-way leaves no
 * half-written file. A PDF needs a file.
 *
 * <p>Example: {@code new ReportOutput(Optional.of(Path.of("tax.csv")), out).write(csvText)}.
 */
final class ReportOutput {

  private final Optional<Path> file;
  private final PrintWriter terminal;

  ReportOutput(Optional<Path> file, PrintWriter terminal) {
    this.file = file;
    this.terminal = terminal;
  }

  /** Refuses a format the terminal cannot take before any work is done. */
  void check(OutputFormat format) {
    if (format == OutputFormat.PDF && file.isEmpty()) {
      throw new IllegalArgumentException("--format pdf writes a file: give --output FILE");
    }
  }

  /** Writes {@code text}: to the file as UTF-8, or to the terminal. */
  void write(String text) {
    if (file.isEmpty()) {
      terminal.print(text);
      terminal.flush();
      return;
    }
    write(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes {@code bytes} to the file (a PDF). */
  void write(byte[] bytes) {
    Path target = file.orElseThrow(() -> new IllegalStateException("no --output file"));
    Path absolute = target.toAbsolutePath();
    try {
      Path temporary =
          Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".part");
      try {
        Files.write(temporary, bytes);
        try {
          Files.move(
              temporary,
              absolute,
              StandardCopyOption.REPLACE_EXISTING,
              StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "--output " + target + ": cannot write: " + e.getMessage(), e);
    }
    terminal.println("wrote " + target);
    terminal.flush();
  }
}
