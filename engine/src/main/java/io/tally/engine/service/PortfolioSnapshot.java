package io.tally.engine.service;

import static java.util.Objects.requireNonNull;

import io.tally.money.Asset;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The books at a moment, as {@code createSnapshot()} persists them: equity, cash, realized and
 * unrealized PnL, cumulative net external flows, the drift and stale flags, and every holding with
 * its price, value and cost. All money in the base currency.
 *
 * <p>Example: {@code PortfolioSnapshot[takenAt=2026-11-23T10:00:00Z, base=USD,
 * equity=25300.00000000, ..., holdings=[Holding[asset=XBT, quantity=0.5, ...]]]}. Immutable.
 */
public record PortfolioSnapshot(
    Instant takenAt,
    Asset base,
    BigDecimal equity,
    BigDecimal cash,
    BigDecimal realized,
    BigDecimal unrealized,
    BigDecimal netFlows,
    boolean driftFlag,
    boolean stale,
    List<Holding> holdings) {

  public PortfolioSnapshot {
    requireNonNull(takenAt, "takenAt");
    requireNonNull(base, "base");
    requireNonNull(equity, "equity");
    requireNonNull(cash, "cash");
    requireNonNull(realized, "realized");
    requireNonNull(unrealized, "unrealized");
    requireNonNull(netFlows, "netFlows");
    holdings = List.copyOf(holdings);
  }

  /** One holding in a snapshot; the price is empty when the asset could not be valued. */
  public record Holding(
      Asset asset,
      BigDecimal quantity,
      Optional<BigDecimal> price,
      BigDecimal value,
      BigDecimal cost) {
    public Holding {
      requireNonNull(asset, "asset");
      requireNonNull(quantity, "quantity");
      requireNonNull(price, "price");
      requireNonNull(value, "value");
      requireNonNull(cost, "cost");
    }
  }
}
