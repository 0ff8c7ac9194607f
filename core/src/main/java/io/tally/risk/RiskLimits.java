package io.tally.risk;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The limits a pre-trade check holds one order to: the account's ({@code risk:}) or a strategy's
 * ({@code risk.strategies.<tag>}, each key falling back to the account's). Percentages are percent
 * of equity; {@code leverageCap} a multiple of it.
 *
 * <p>Example: {@link #DEFAULT} caps leverage at 6, a position at 10 % of equity, the sum of the
 * positions' risk to their stops at 20 %, and refuses an order worth less than 0.1 % of equity or
 * 10 in the base currency. Immutable.
 *
 * @param leverageCap gross exposure over equity, at most ({@code leverage_cap})
 * @param maxPositionPct one asset's exposure, at most this percent of equity
 * @param minPositionPct an opening order's value, at least this percent of equity
 * @param minPositionBase an opening order's value, at least this much base currency
 * @param maxPortfolioRiskPct the positions' risk to their stops, at most this percent of equity
 * @param maxCorrelatedExposurePct a correlated group's exposure, at most this percent (none: no
 *     limit)
 * @param maxPositionsPerSymbol open positions and orders on one pair, at most this many (none: no
 *     limit)
 * @param cashReservePct free cash kept, at least this percent of equity
 */
public record RiskLimits(
    BigDecimal leverageCap,
    BigDecimal maxPositionPct,
    BigDecimal minPositionPct,
    BigDecimal minPositionBase,
    BigDecimal maxPortfolioRiskPct,
    Optional<BigDecimal> maxCorrelatedExposurePct,
    Optional<Integer> maxPositionsPerSymbol,
    BigDecimal cashReservePct) {

  /** The limits of a {@code risk:} section that sets none. */
  public static final RiskLimits DEFAULT =
      new RiskLimits(
          new BigDecimal("6.0"),
          new BigDecimal("10"),
          new BigDecimal("0.1"),
          new BigDecimal("10"),
          new BigDecimal("20"),
          Optional.empty(),
          Optional.empty(),
          BigDecimal.ZERO);

  public RiskLimits {
    requireNonNull(leverageCap, "leverageCap");
    requireNonNull(maxPositionPct, "maxPositionPct");
    requireNonNull(minPositionPct, "minPositionPct");
    requireNonNull(minPositionBase, "minPositionBase");
    requireNonNull(maxPortfolioRiskPct, "maxPortfolioRiskPct");
    requireNonNull(maxCorrelatedExposurePct, "maxCorrelatedExposurePct");
    requireNonNull(maxPositionsPerSymbol, "maxPositionsPerSymbol");
    requireNonNull(cashReservePct, "cashReservePct");
    if (leverageCap.signum() <= 0) {
      throw new IllegalArgumentException("leverage_cap must be above 0, not " + leverageCap);
    }
  }
}
