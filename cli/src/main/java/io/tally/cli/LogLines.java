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
 * How the {@code tally} command prints the engine's own log lines (the service's {@link
 * System.Logger}, which writes through {@code java.util.logging}): one line each on stderr, level
 * INFO and above, as {@code TIME LEVEL Logger: message}, so that a {@code TRADE_CLOSED} or {@code
 * RISK_EVENT} line is one line a script can read. The JDK's default printed each record on two
 * lines through {@code String.format} (docs/BENCHMARKS.md §21).
 *
 * <p>{@link Tally#main} names this class in {@code java.util.logging.config.class}, so {@link
 * LogManager} builds it when something first logs; a command that logs nothing never starts {@code
 * java.util.logging}. Libraries log through SLF4J ({@link CommandLogging}), not here.
 *
 * <p>Example line: {@code 2026-12-04T16:40:00.123Z INFO PortfolioService: TRADE_CLOSED id=XBTUSD-1
 * ...}.
 */
public final class LogLines {

  /** The property {@link LogManager} reads for a class that configures it. */
  static final String CONFIG_CLASS = "java.util.logging.config.class";

  /** Replaces the root logger's handlers with one {@link ConsoleHandler} printing {@link Line}s. */
  public LogLines() {
    Logger root = Logger.getLogger("");
    for (Handler handler : root.getHandlers()) {
      root.removeHandler(handler);
    }
    ConsoleHandler stderr = new ConsoleHandler();
    stderr.setLevel(Level.INFO);
    stderr.setFormatter(new Line());
    root.setLevel(Level.INFO);
    root.addHandler(stderr);
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
