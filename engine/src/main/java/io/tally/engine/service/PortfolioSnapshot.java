package io.tally.engine.service;

import static java.util.Objects.requireNonNull;

import io.tally.money.Asset;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The books at a moment, as {@code createSnapshot()} persists them: equity, cash, realized and
 * unrealized PnL, cumulative net external flows, the drift and stale flags, every holding with its
 * price, where that price came from, value and cost ({@code asset_valuations}), and realized and
 * unrealized PnL by pair. All money in the base currency.
 *
 * <p>The by-pair maps are keyed by the pair's name as every answer writes it ({@code XBTUSD}), in
 * name order: realized PnL of every pair the books have traded (trading PnL, fees included, manual
 * trades too), unrealized PnL of every pair position valued. A snapshot stored before they existed
 * has them empty, and its holdings no {@code sourcePair}.
 *
 * <p>Example: {@code PortfolioSnapshot[takenAt=2026-11-23T10:00:00Z, base=USD,
 * equity=25300.00000000, ..., assetValuations=[Holding[asset=XBT, quantity=0.5, ...,
 * sourcePair=Optional[kraken:ticker:XXBTZUSD]]], realizedByPair={XBTUSD=120.50000000},
 * unrealizedByPair={XBTUSD=800.00000000}]}. Immutable.
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
    List<Holding> assetValuations,
    SortedMap<String, BigDecimal> realizedByPair,
    SortedMap<String, BigDecimal> unrealizedByPair) {

  public PortfolioSnapshot {
    requireNonNull(takenAt, "takenAt");
    requireNonNull(base, "base");
    requireNonNull(equity, "equity");
    requireNonNull(cash, "cash");
    requireNonNull(realized, "realized");
    requireNonNull(unrealized, "unrealized");
    requireNonNull(netFlows, "netFlows");
    assetValuations = List.copyOf(assetValuations);
    realizedByPair = Collections.unmodifiableSortedMap(new TreeMap<>(realizedByPair));
    unrealizedByPair = Collections.unmodifiableSortedMap(new TreeMap<>(unrealizedByPair));
  }

  /**
   * One holding in a snapshot; the price is empty when the asset could not be valued. {@code
   * sourcePair} is where the price came from, as the holdings of {@code /portfolio} say it ({@link
   * ContractJson#sourcePair}): a pair such as {@code XBTUSD} for a price file, Kraken's source and
   * pair key such as {@code kraken:ticker:XXBTZUSD} for a synced price, {@code fixed} for KFEE
   * credits. Empty for the base currency (worth 1 by definition, through no pair) and for an asset
   * no price valued.
   */
  public record Holding(
      Asset asset,
      BigDecimal quantity,
      Optional<BigDecimal> price,
      BigDecimal value,
      BigDecimal cost,
      Optional<String> sourcePair) {
    public Holding {
      requireNonNull(asset, "asset");
      requireNonNull(quantity, "quantity");
      requireNonNull(price, "price");
      requireNonNull(value, "value");
      requireNonNull(cost, "cost");
      requireNonNull(sourcePair, "sourcePair");
    }
  }
}
