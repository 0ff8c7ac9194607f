package io.tally.engine.service;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The lines the {@link PortfolioService} logs while a test runs ({@code TRADE_CLOSED}, {@code
 * RISK_EVENT}, ...), captured from its {@code java.util.logging} logger.
 *
 * <p>Example: {@code ServiceLog log = ServiceLog.start(); ... log.lines(); log.stop();}.
 */
final class ServiceLog extends Handler {

  private final Logger logger = Logger.getLogger(PortfolioService.class.getName());
  private final List<String> lines = new CopyOnWriteArrayList<>();

  private ServiceLog() {}

  /** Captures from now on. */
  static ServiceLog start() {
    ServiceLog log = new ServiceLog();
    log.logger.addHandler(log);
    return log;
  }

  /** Stops capturing. */
  void stop() {
    logger.removeHandler(this);
  }

  /** The messages logged so far, in order. */
  List<String> lines() {
    return lines;
  }

  @Override
  public void publish(LogRecord record) {
    lines.add(record.getMessage());
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
