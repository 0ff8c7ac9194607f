package io.tally.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tally.engine.service.EquitySummary;
import io.tally.engine.service.PortfolioService;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What {@code GET /metrics} shows, in Prometheus' text format: sync and valuation durations (from
 * the service's own counters, so scheduled syncs count too), the drift flag, equity, whether prices
 * are stale, the age of the last sync, errors, and the time each endpoint took.
 *
 * <p>Example lines: {@code tally_sync_duration_seconds_count 12}, {@code tally_drift_flag 0},
 * {@code tally_equity_base 25300.12}. Thread-safe.
 */
final class ServerMetrics implements AutoCloseable {

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Counter errors;

  /** Each route's timer, registered once: a registration per request was a lookup and a builder. */
  private final Map<String, Timer> routes = new ConcurrentHashMap<>();

  ServerMetrics(PortfolioService service) {
    FunctionTimer.builder(
            "tally.sync.duration",
            service,
            s -> s.stats().syncs() + s.stats().syncFailures(),
            s -> s.stats().syncNanos(),
            TimeUnit.NANOSECONDS)
        .description("Time spent syncing with Kraken (successful and failed syncs)")
        .register(registry);
    Gauge.builder("tally.sync.failures", service, s -> s.stats().syncFailures())
        .description("Syncs that failed since start-up")
        .register(registry);
    FunctionTimer.builder(
            "tally.valuation.duration",
            service,
            s -> s.stats().valuations(),
            s -> s.stats().valuationNanos(),
            TimeUnit.NANOSECONDS)
        .description("Time spent valuing the books after a write")
        .register(registry);
    Gauge.builder("tally.drift.flag", service, s -> s.getEquity().driftFlag() ? 1 : 0)
        .description("1 when the last reconciliation found drift beyond the tolerance")
        .register(registry);
    Gauge.builder("tally.equity.base", service, s -> equity(s).equity().doubleValue())
        .description("Equity in the base currency (a double: for charts, never for accounting)")
        .register(registry);
    Gauge.builder("tally.prices.stale", service, s -> equity(s).stale() ? 1 : 0)
        .description("1 when a price used is older than max_price_age")
        .register(registry);
    Gauge.builder(
            "tally.sync.age.seconds",
            service,
            s ->
                s.lastSyncAt()
                    .map(at -> (double) Duration.between(at, Instant.now()).toSeconds())
                    .orElse(Double.NaN))
        .description("Seconds since the last successful sync started")
        .register(registry);
    errors =
        Counter.builder("tally.errors")
            .description("Requests answered with a server error or refused writes")
            .register(registry);
  }

  private static EquitySummary equity(PortfolioService service) {
    return service.getEquity();
  }

  /** Counts one failed request. */
  void error() {
    errors.increment();
  }

  /** Records one request to {@code route} that took {@code nanos}. */
  void request(String route, long nanos) {
    routes
        .computeIfAbsent(
            route, r -> Timer.builder("tally.http.requests").tag("route", r).register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /** The registry in Prometheus' text format. */
  String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    registry.close();
  }
}
