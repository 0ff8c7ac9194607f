package io.tally.engine.sync;

import static java.util.Objects.requireNonNull;

import io.tally.engine.Mark;
import io.tally.engine.Marks;
import io.tally.kraken.api.ExtendedBalance;
import io.tally.money.Asset;
import io.tally.money.AssetSymbol;
import io.tally.money.Precision;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What Kraken's open orders held of each asset at one moment: the {@code hold_trade} of {@code
 * BalanceEx} by canonical asset (wallets such as {@code XBT.M} added in, as for the balances), only
 * the assets with a hold. Holds are not books: no event records them, they are read again at every
 * sync, and the last ones are kept as the store mark {@link Mark#ORDER_HOLDS} ({@link #toText()})
 * so a restart still knows them, with the moment they were read.
 *
 * <p>Example: {@code OrderHolds[asOf=2026-03-02T12:00:01Z, byAsset={USD=1503.7500, XBT=0.1}]},
 * stored as {@code 2026-03-02T12:00:01Z USD=1503.7500 XBT=0.1}. Immutable.
 *
 * @param asOf when Kraken answered {@code BalanceEx} (Tally's clock)
 * @param byAsset the hold per canonical asset, each positive
 */
public record OrderHolds(Instant asOf, SortedMap<Asset, BigDecimal> byAsset) {

  public OrderHolds {
    requireNonNull(asOf, "asOf");
    TreeMap<Asset, BigDecimal> copy = new TreeMap<>();
    requireNonNull(byAsset, "byAsset")
        .forEach(
            (asset, held) -> {
              if (requireNonNull(held, "held").signum() <= 0) {
                throw new IllegalArgumentException(
                    "A hold must be positive: " + asset + " " + held.toPlainString());
              }
              copy.put(requireNonNull(asset, "asset"), held);
            });
    byAsset = Collections.unmodifiableSortedMap(copy);
  }

  /**
   * The holds of a {@code BalanceEx} answer (raw asset ids) read at {@code asOf}, summed by
   * canonical asset. A sum that is not positive is no hold: Kraken sends {@code 0} for most assets,
   * and a negative hold (never seen; wallets show {@code -1e-10} artefacts elsewhere) would hold
   * nothing.
   */
  public static OrderHolds of(Instant asOf, Map<String, ExtendedBalance> balances) {
    Map<Asset, BigDecimal> sums = new TreeMap<>();
    balances.forEach(
        (id, balance) ->
            sums.merge(AssetSymbol.canonical(id), balance.holdTrade(), BigDecimal::add));
    SortedMap<Asset, BigDecimal> held = new TreeMap<>();
    sums.forEach(
        (asset, sum) -> {
          if (sum.signum() > 0) {
            held.put(asset, Precision.canonical(sum));
          }
        });
    return new OrderHolds(asOf, held);
  }

  /** What open orders hold of {@code asset}; zero when nothing. */
  public BigDecimal of(Asset asset) {
    return byAsset.getOrDefault(asset, BigDecimal.ZERO);
  }

  /** The holds last stored in {@code marks}, if a sync ever stored any. */
  public static Optional<OrderHolds> from(Marks marks) {
    return marks.get(Mark.ORDER_HOLDS).map(OrderHolds::parse);
  }

  /** The mark's text: the time, then {@code ASSET=amount} per asset, separated by spaces. */
  public String toText() {
    StringBuilder text = new StringBuilder(asOf.toString());
    byAsset.forEach(
        (asset, held) ->
            text.append(' ').append(asset.code()).append('=').append(held.toPlainString()));
    return text.toString();
  }

  /** Reads {@link #toText()}. */
  public static OrderHolds parse(String text) {
    String[] parts = requireNonNull(text, "text").strip().split(" ");
    try {
      SortedMap<Asset, BigDecimal> held = new TreeMap<>();
      for (int i = 1; i < parts.length; i++) {
        int equals = parts[i].lastIndexOf('=');
        if (equals <= 0) {
          throw new IllegalArgumentException("no ASSET=amount: '" + parts[i] + "'");
        }
        held.put(
            Asset.of(parts[i].substring(0, equals)),
            new BigDecimal(parts[i].substring(equals + 1)));
      }
      return new OrderHolds(Instant.parse(parts[0]), held);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("Not the holds of open orders: '" + text + "'", e);
    }
  }
}
