package io.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The log lines as the {@code tally} command prints them: one line per record, with its instant,
 * level, logger and message, and a stack trace only when something was thrown; Tally's own loggers
 * from INFO, libraries' from WARNING.
 */
class LogLinesTest {

  private static final String NL = System.lineSeparator();

  @AfterEach
  void restoreDefaultLogging() throws Exception {
    LogManager.getLogManager().readConfiguration();
  }

  @Test
  void aRecordIsOneLineWithItsInstantLevelLoggerAndMessage() {
    LogRecord record = new LogRecord(Level.INFO, "TRADE_CLOSED id=XBTUSD-1 realized_pnl=48.25");
    record.setInstant(Instant.parse("2026-12-04T16:40:00.123Z"));
    record.setLoggerName("io.tally.engine.service.PortfolioService");

    assertThat(new LogLines.Line().format(record))
        .isEqualTo(
            "2026-12-04T16:40:00.123Z INFO PortfolioService: TRADE_CLOSED id=XBTUSD-1"
                + " realized_pnl=48.25"
                + NL);
  }

  @Test
  void parametersAreFilledInAndWhatWasThrownFollowsItsLine() {
    LogRecord record = new LogRecord(Level.WARNING, "sync of {0} failed after {1} tries");
    record.setInstant(Instant.parse("2026-12-04T16:40:00Z"));
    record.setLoggerName("Unqualified");
    record.setParameters(new Object[] {"main", 3});
    record.setThrown(new IllegalStateException("Kraken answered 503"));

    String text = new LogLines.Line().format(record);

    assertThat(text)
        .startsWith(
            "2026-12-04T16:40:00Z WARNING Unqualified: sync of main failed after 3 tries"
                + NL
                + "java.lang.IllegalStateException: Kraken answered 503"
                + NL)
        .contains("at io.tally.cli.LogLinesTest.");
  }

  @Test
  void theRootLoggerGetsOneHandlerOnStderrPrintingLines() {
    new LogLines();

    Logger root = Logger.getLogger("");
    assertThat(root.getHandlers()).hasSize(1);
    Handler handler = root.getHandlers()[0];
    assertThat(handler).isInstanceOf(ConsoleHandler.class);
    assertThat(handler.getFormatter()).isInstanceOf(LogLines.Line.class);
    assertThat(handler.getLevel()).isEqualTo(Level.INFO);
  }

  @Test
  void tallySpeaksFromInfoLibrariesFromWarningAndPdfFontsNotAtAll() {
    new LogLines();

    // Tally's own loggers, whether System.Logger (the service) or SLF4J (the Kraken client).
    assertThat(Logger.getLogger("io.tally.engine.service.PortfolioService").isLoggable(Level.INFO))
        .isTrue();
    assertThat(Logger.getLogger("io.tally.kraken.api.Transport").isLoggable(Level.INFO)).isTrue();
    assertThat(Logger.getLogger("io.tally.kraken.api.Transport").isLoggable(Level.FINE)).isFalse();
    // A library's SLF4J logger, which slf4j-jdk14 makes a java.util.logging one of the same name.
    org.slf4j.Logger library = org.slf4j.LoggerFactory.getLogger("org.flywaydb.core.Flyway");
    assertThat(library.isInfoEnabled()).isFalse();
    assertThat(library.isWarnEnabled()).isTrue();
    assertThat(Logger.getLogger("org.apache.pdfbox.pdmodel.font.FileSystemFontProvider"))
        .satisfies(fonts -> assertThat(fonts.isLoggable(Level.WARNING)).isFalse())
        .satisfies(fonts -> assertThat(fonts.isLoggable(Level.SEVERE)).isTrue());
  }
}
