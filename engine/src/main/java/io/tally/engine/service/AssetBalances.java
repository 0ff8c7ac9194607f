package io.tally.engine.service;

import static java.util.Objects.requireNonNull;

import io.tally.books.BookState;
import io.tally.books.DataIssue;
import io.tally.books.Holding;
import io.tally.books.IssueKind;
import io.tally.engine.sync.OrderHolds;
import io.tally.money.Asset;
import io.tally.reconcile.AssetBalance;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Every asset the books hold, split into what Kraken's open orders hold of it and what is free
 * ({@link AssetBalance}): the books' holding is the total, Kraken's {@code hold_trade} as of the
 * last sync ({@code reservedAsOf}) the reserved part. Without holds (no Kraken, or no sync yet)
 * everything is free. A hold larger than the holding reserves the whole holding and is listed as a
 * {@code reserved_exceeds_holding} data issue.
 *
 * <p>Example: books holding 0.5 XBT and 1000 USD, a sell order holding 0.1 XBT: {@code
 * AssetBalances[reservedAsOf=Optional[2026-03-02T12:00:01Z], byAsset={USD=AssetBalance[asset=USD,
 * free=1000, reserved=0, total=1000], XBT=AssetBalance[asset=XBT, free=0.4, reserved=0.1,
 * total=0.5]}, issues=[]]}. Immutable.
 *
 * @param reservedAsOf when the holds were read; empty without holds
 * @param byAsset each asset the books hold, or open orders hold, in asset order
 * @param issues a {@code reserved_exceeds_holding} issue per asset whose hold exceeds the holding
 */
public record AssetBalances(
    Optional<Instant> reservedAsOf,
    SortedMap<Asset, AssetBalance> byAsset,
    List<DataIssue> issues) {

  public AssetBalances {
    requireNonNull(reservedAsOf, "reservedAsOf");
    byAsset = Collections.unmodifiableSortedMap(new TreeMap<>(byAsset));
    issues = List.copyOf(issues);
  }

  /** The holdings of {@code books} split by {@code holds}, when there are holds. */
  public static AssetBalances of(BookState books, Optional<OrderHolds> holds) {
    requireNonNull(books, "books");
    requireNonNull(holds, "holds");
    SortedMap<Asset, BigDecimal> totals = new TreeMap<>();
    for (Map.Entry<Asset, Holding> holding : books.holdings().entrySet()) {
      if (holding.getValue().quantity().signum() != 0) {
        totals.put(holding.getKey(), holding.getValue().quantity());
      }
    }
    SortedMap<Asset, BigDecimal> held = holds.map(OrderHolds::byAsset).orElse(new TreeMap<>());
    held.keySet().forEach(asset -> totals.putIfAbsent(asset, BigDecimal.ZERO));
    SortedMap<Asset, AssetBalance> byAsset = new TreeMap<>();
    List<DataIssue> issues = new ArrayList<>();
    totals.forEach(
        (asset, total) -> {
          BigDecimal hold = held.getOrDefault(asset, BigDecimal.ZERO);
          AssetBalance balance = AssetBalance.of(asset, total, hold);
          byAsset.put(asset, balance);
          BigDecimal unbacked = AssetBalance.unbacked(total, hold);
          if (unbacked.signum() > 0) {
            issues.add(
                new DataIssue(
                    IssueKind.RESERVED_EXCEEDS_HOLDING,
                    "",
                    asset.code(),
                    "Kraken's open orders held "
                        + hold.toPlainString()
                        + " "
                        + asset
                        + " at "
                        + holds.get().asOf()
                        + ", "
                        + unbacked.toPlainString()
                        + " more than the books hold ("
                        + total.toPlainString()
                        + "): all of it is shown reserved, none free"));
          }
        });
    return new AssetBalances(holds.map(OrderHolds::asOf), byAsset, issues);
  }

  /** The balance of {@code asset}; all zero when neither the books nor open orders hold any. */
  public AssetBalance balance(Asset asset) {
    AssetBalance balance = byAsset.get(requireNonNull(asset, "asset"));
    return balance == null ? AssetBalance.unreserved(asset, BigDecimal.ZERO) : balance;
  }
}
