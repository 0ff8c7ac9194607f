package io.tally.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * How the {@code tally} command prints log lines: one line each on stderr, as {@code TIME LEVEL
 * Logger: message}, so that a {@code TRADE_CLOSED} or {@code RISK_EVENT} line is one line a script
 * can read (the JDK's default printed each record on two lines through {@code String.format},
 * docs/BENCHMARKS.md §21). Tally's own loggers ({@code io.tally.*}: the service's {@link
 * System.Logger}s and the client's SLF4J ones) speak from INFO; libraries, whose SLF4J lines reach
 * {@code java.util.logging} through {@code slf4j-jdk14}, only when something is wrong (WARNING and
 * above), and PDFBox's font warnings not at all (a PDF names Helvetica without embedding it, every
 * viewer has it, and PDFBox warns that this machine has no Helvetica file to measure with).
 *
 * <p>{@link Tally#main} names this class in {@code java.util.logging.config.class}, so {@link
 * LogManager} builds it when something first logs; a command that logs nothing never starts {@code
 * java.util.logging}.
 *
 * <p>Example line: {@code 2026-12-04T16:40:00.123Z INFO PortfolioService: TRADE_CLOSED id=XBTUSD-1
 * ...}.
 */
public final class LogLines {

  /** The property {@link LogManager} reads for a class that configures it. */
  static final String CONFIG_CLASS = "java.util.logging.config.class";

  /**
   * The loggers given a level of their own, held here: {@link LogManager} keeps loggers only
   * weakly, and one collected would come back without its level.
   */
  private static final Logger TALLY = Logger.getLogger("io.tally");

  private static final Logger PDF_FONTS = Logger.getLogger("org.apache.pdfbox.pdmodel.font");

  /**
   * Replaces the root logger's handlers with one {@link ConsoleHandler} printing {@link Line}s, and
   * sets the levels: WARNING for the root, INFO for {@code io.tally}, SEVERE for PDFBox's fonts.
   */
  public LogLines() {
    Logger root = Logger.getLogger("");
    for (Handler handler : root.getHandlers()) {
      root.removeHandler(handler);
    }
    ConsoleHandler stderr = new ConsoleHandler();
    stderr.setLevel(Level.INFO);
    stderr.setFormatter(new Line());
    root.setLevel(Level.WARNING);
    root.addHandler(stderr);
    TALLY.setLevel(Level.INFO);
    PDF_FONTS.setLevel(Level.SEVERE);
  }

  /**
   * One record as one line: its instant, its level, the last part of its logger's name and its
   * message (with its parameters filled in), then the stack trace of what was thrown, if anything.
   */
  static final class Line extends Formatter {

    @Override
    public String format(LogRecord record) {
      String logger = record.getLoggerName() == null ? "" : record.getLoggerName();
      StringBuilder line =
          new StringBuilder(96)
              .append(record.getInstant())
              .append(' ')
              .append(record.getLevel().getName())
              .append(' ')
              .append(logger, logger.lastIndexOf('.') + 1, logger.length())
              .append(": ")
              .append(record.getParameters() == null ? record.getMessage() : formatMessage(record))
              .append(System.lineSeparator());
      if (record.getThrown() != null) {
        StringWriter trace = new StringWriter();
        record.getThrown().printStackTrace(new PrintWriter(trace));
        line.append(trace);
      }
      return line.toString();
    }
  }
}
