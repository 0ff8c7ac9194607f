package io.tally.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * How the {@code tally} command logs: libraries speak only when something is wrong (level WARN and
 * above), on stderr, as {@code LEVEL logger: message}; the command's own output is the report.
 * Found by logback through {@code META-INF/services} and set up in code: reading a {@code
 * logback.xml} took a third of a second of every command's start (an XML parser and logback's
 * configuration model), longer than the work of a short command.
 *
 * <p>Example line: {@code WARN o.f.c.i.l.s.Slf4jLog: ...}. Logback creates one per process.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class CommandLogging extends ContextAwareBase implements Configurator {

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%level %logger{20}: %msg%n");
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("STDERR");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(stderr);
    // A PDF report names Helvetica without embedding it (every viewer has it); PDFBox warns that
    // this machine has no Helvetica file to measure with and takes a metric-compatible one.
    context.getLogger("org.apache.pdfbox.pdmodel.font").setLevel(Level.ERROR);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
