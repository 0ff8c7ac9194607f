package io.tally.engine.service;

import static java.util.Objects.requireNonNull;

import io.tally.margin.MarginSummary;
import io.tally.metrics.DrawdownWindow;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code getEquity()}: equity, cash (the base currency's own balance), other fiat (valued in the
 * base currency), realized and unrealized PnL in the base currency, the drift flag of the last
 * reconciliation, whether any price used is older than {@code max_price_age} at the moment of
 * asking, when the books were last brought up to date, the time of the oldest price used (empty
 * when nothing needed a price), and the live drawdown windows (total, daily, weekly: empty until
 * equity was first observed above zero), and, when the account has open margin positions, their
 * margin figures in the base currency ({@link PortfolioQueries#getMargin()}'s summary: its equity
 * is this equity; margin used, free margin and margin level).
 *
 * <p>Example: {@code EquitySummary[equity=25300.00000000, cash=1000.00000000, otherFiat=0E-8,
 * realized=-20.5, unrealized=4320.5, driftFlag=false, stale=false, asOf=2026-11-23T10:00:00Z, ...,
 * margin=Optional.empty]}. Immutable.
 */
public record EquitySummary(
    BigDecimal equity,
    BigDecimal cash,
    BigDecimal otherFiat,
    BigDecimal realized,
    BigDecimal unrealized,
    boolean driftFlag,
    boolean stale,
    Instant asOf,
    Optional<Instant> oldestPriceAt,
    Optional<DrawdownWindow> drawdown,
    Optional<MarginSummary> margin) {

  public EquitySummary {
    requireNonNull(equity, "equity");
    requireNonNull(cash, "cash");
    requireNonNull(otherFiat, "otherFiat");
    requireNonNull(realized, "realized");
    requireNonNull(unrealized, "unrealized");
    requireNonNull(asOf, "asOf");
    requireNonNull(oldestPriceAt, "oldestPriceAt");
    requireNonNull(drawdown, "drawdown");
    requireNonNull(margin, "margin");
  }
}
