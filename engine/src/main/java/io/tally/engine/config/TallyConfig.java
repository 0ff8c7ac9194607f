package io.tally.engine.config;

import static java.util.Objects.requireNonNull;

/**
 * Tally's whole configuration, read once at start from one YAML file (see {@link ConfigFile}): the
 * contract's {@code portfolio:} section, reconciliation, the service's schedules, how to reach
 * Kraken (and where the account is held), the performance figures' conventions, and how margin
 * positions are margined.
 *
 * <p>Example: {@code TallyConfig.defaults().kraken().tier()} is {@code starter}. Immutable.
 */
public record TallyConfig(
    PortfolioConfig portfolio,
    ReconciliationConfig reconciliation,
    ScheduleConfig schedule,
    KrakenConfig kraken,
    PerformanceConfig performance,
    MarginConfig margin) {

  public TallyConfig {
    requireNonNull(portfolio, "portfolio");
    requireNonNull(reconciliation, "reconciliation");
    requireNonNull(schedule, "schedule");
    requireNonNull(kraken, "kraken");
    requireNonNull(performance, "performance");
    requireNonNull(margin, "margin");
  }

  /** Every key at its default. */
  public static TallyConfig defaults() {
    return new TallyConfig(
        PortfolioConfig.defaults(),
        ReconciliationConfig.defaults(),
        ScheduleConfig.defaults(),
        KrakenConfig.defaults(),
        PerformanceConfig.defaults(),
        MarginConfig.defaults());
  }

  /** The same with another portfolio section. */
  public TallyConfig withPortfolio(PortfolioConfig newPortfolio) {
    return new TallyConfig(newPortfolio, reconciliation, schedule, kraken, performance, margin);
  }

  /** The same with another reconciliation section. */
  public TallyConfig withReconciliation(ReconciliationConfig newReconciliation) {
    return new TallyConfig(portfolio, newReconciliation, schedule, kraken, performance, margin);
  }

  /** The same with other schedules. */
  public TallyConfig withSchedule(ScheduleConfig newSchedule) {
    return new TallyConfig(portfolio, reconciliation, newSchedule, kraken, performance, margin);
  }

  /** The same with other performance and drawdown sections. */
  public TallyConfig withPerformance(PerformanceConfig newPerformance) {
    return new TallyConfig(portfolio, reconciliation, schedule, kraken, newPerformance, margin);
  }

  /** The same with another Kraken section. */
  public TallyConfig withKraken(KrakenConfig newKraken) {
    return new TallyConfig(portfolio, reconciliation, schedule, newKraken, performance, margin);
  }

  /** The same with another margin section. */
  public TallyConfig withMargin(MarginConfig newMargin) {
    return new TallyConfig(portfolio, reconciliation, schedule, kraken, performance, newMargin);
  }
}
