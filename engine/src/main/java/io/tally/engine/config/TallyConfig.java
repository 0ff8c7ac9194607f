package io.tally.engine.config;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * Tally's whole configuration, read once at start from one YAML file (see {@link ConfigFile}): the
 * contract's {@code portfolio:} section, reconciliation, the service's schedules, how to reach
 * Kraken (and where the account is held), the performance figures' conventions, how margin
 * positions are margined, the paper accounts ({@code accounts:}), the risk layer's limits ({@code
 * risk:}) and how tax lots are kept ({@code tax:}).
 *
 * <p>Example: {@code TallyConfig.defaults().kraken().tier()} is {@code starter}. Immutable.
 */
public record TallyConfig(
    PortfolioConfig portfolio,
    ReconciliationConfig reconciliation,
    ScheduleConfig schedule,
    KrakenConfig kraken,
    PerformanceConfig performance,
    MarginConfig margin,
    List<PaperAccountConfig> paperAccounts,
    RiskConfig risk,
    TaxConfig tax) {

  public TallyConfig {
    requireNonNull(portfolio, "portfolio");
    requireNonNull(reconciliation, "reconciliation");
    requireNonNull(schedule, "schedule");
    requireNonNull(kraken, "kraken");
    requireNonNull(performance, "performance");
    requireNonNull(margin, "margin");
    paperAccounts = List.copyOf(requireNonNull(paperAccounts, "paperAccounts"));
    requireNonNull(risk, "risk");
    requireNonNull(tax, "tax");
  }

  /** Every key at its default. */
  public static TallyConfig defaults() {
    return new TallyConfig(
        PortfolioConfig.defaults(),
        ReconciliationConfig.defaults(),
        ScheduleConfig.defaults(),
        KrakenConfig.defaults(),
        PerformanceConfig.defaults(),
        MarginConfig.defaults(),
        List.of(),
        RiskConfig.defaults(),
        TaxConfig.defaults());
  }

  /** The same with another portfolio section. */
  public TallyConfig withPortfolio(PortfolioConfig newPortfolio) {
    return new TallyConfig(
        newPortfolio,
        reconciliation,
        schedule,
        kraken,
        performance,
        margin,
        paperAccounts,
        risk,
        tax);
  }

  /** The same with another reconciliation section. */
  public TallyConfig withReconciliation(ReconciliationConfig newReconciliation) {
    return new TallyConfig(
        portfolio,
        newReconciliation,
        schedule,
        kraken,
        performance,
        margin,
        paperAccounts,
        risk,
        tax);
  }

  /** The same with other schedules. */
  public TallyConfig withSchedule(ScheduleConfig newSchedule) {
    return new TallyConfig(
        portfolio,
        reconciliation,
        newSchedule,
        kraken,
        performance,
        margin,
        paperAccounts,
        risk,
        tax);
  }

  /** The same with other performance and drawdown sections. */
  public TallyConfig withPerformance(PerformanceConfig newPerformance) {
    return new TallyConfig(
        portfolio,
        reconciliation,
        schedule,
        kraken,
        newPerformance,
        margin,
        paperAccounts,
        risk,
        tax);
  }

  /** The same with another Kraken section. */
  public TallyConfig withKraken(KrakenConfig newKraken) {
    return new TallyConfig(
        portfolio,
        reconciliation,
        schedule,
        newKraken,
        performance,
        margin,
        paperAccounts,
        risk,
        tax);
  }

  /** The same with other paper accounts. */
  public TallyConfig withPaperAccounts(List<PaperAccountConfig> accounts) {
    return new TallyConfig(
        portfolio, reconciliation, schedule, kraken, performance, margin, accounts, risk, tax);
  }

  /** The same with another risk section. */
  public TallyConfig withRisk(RiskConfig newRisk) {
    return new TallyConfig(
        portfolio,
        reconciliation,
        schedule,
        kraken,
        performance,
        margin,
        paperAccounts,
        newRisk,
        tax);
  }

  /** The paper account called {@code name}, if configured. */
  public Optional<PaperAccountConfig> paperAccount(String name) {
    return paperAccounts.stream().filter(account -> account.name().equals(name)).findFirst();
  }

  /** The same with another margin section. */
  public TallyConfig withMargin(MarginConfig newMargin) {
    return new TallyConfig(
        portfolio,
        reconciliation,
        schedule,
        kraken,
        performance,
        newMargin,
        paperAccounts,
        risk,
        tax);
  }

  /** The same with another tax section. */
  public TallyConfig withTax(TaxConfig newTax) {
    return new TallyConfig(
        portfolio,
        reconciliation,
        schedule,
        kraken,
        performance,
        margin,
        paperAccounts,
        risk,
        newTax);
  }
}
