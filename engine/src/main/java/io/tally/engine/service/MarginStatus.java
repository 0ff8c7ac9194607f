package io.tally.engine.service;

import static java.util.Objects.requireNonNull;

import io.tally.margin.MarginMode;
import io.tally.margin.MarginSummary;
import io.tally.margin.PositionMargin;
import io.tally.valuation.MarginPositionValuation;
import java.util.List;
import java.util.Optional;

/**
 * The books' margin now ({@code GET /portfolio/margin}): the account's figures in the base currency
 * ({@link io.tally.valuation.AccountMargin}) and each open Kraken margin position, valued in its
 * own quote asset and in the base currency.
 *
 * <p>Example: {@code service.queries().getMargin().summary().marginLevel()}. Immutable.
 *
 * @param summary equity, margin used, free margin, level, maintenance and reserve, base currency
 * @param positions every open margin position as valued, in pair order
 */
public record MarginStatus(MarginSummary summary, List<MarginPositionValuation> positions) {

  public MarginStatus {
    requireNonNull(summary, "summary");
    positions = List.copyOf(positions);
  }

  /** Cross or isolated, as configured. */
  public MarginMode mode() {
    return summary.mode();
  }

  /** The base-currency figures of {@code position} (empty when it is unvalued). */
  public Optional<PositionMargin> inBase(MarginPositionValuation position) {
    return summary.positions().stream()
        .filter(margin -> margin.pair().base().equals(position.position().pair().base()))
        .findFirst();
  }
}
