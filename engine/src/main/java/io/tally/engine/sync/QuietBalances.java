package io.tally.engine.sync;

import static java.util.Objects.requireNonNull;

import io.tally.money.Asset;
import io.tally.reconcile.ExchangeMargin;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the {@link QuietMoment} protocol found: Kraken's balances (by canonical asset, wallets such
 * as {@code XBT.M} added in) taken while its ledger stood still, with the ledger's newest row then
 * (which the store holds, so books folded from the store hold exactly that ledger), and how many
 * tries it took; or no balances when ledger rows kept arriving through every try. Beside them, what
 * open orders held when the balances were last read ({@code hold_trade}): at the quiet moment when
 * there was one, else at the last try that read balances.
 *
 * <p>Example: {@code QuietBalances[balances=Optional[{USD=1000.0000, XBT=0.5000000000}],
 * holds=Optional[OrderHolds[asOf=2026-03-02T12:00:01Z, byAsset={XBT=0.1}]],
 * newestLedgerId=Optional[L4UESK-KG3EQ-UFO4T5], tries=2]}. Immutable.
 *
 * @param balances Kraken's balances at the quiet moment; empty when none was found
 * @param holds what open orders held when balances were last read; empty when no try read them
 *     (every try found the books behind already)
 * @param newestLedgerId the ledger's newest row at the quiet moment; empty when none was found or
 *     the ledger has no rows
 * @param tries how many tries were made (1 when the first was quiet)
 * @param margin Kraken's margin figures read between the same two reads of the ledger's head as the
 *     balances; empty when no quiet moment was found or the sync did not ask for them
 */
public record QuietBalances(
    Optional<SortedMap<Asset, BigDecimal>> balances,
    Optional<OrderHolds> holds,
    Optional<String> newestLedgerId,
    int tries,
    Optional<ExchangeMargin> margin) {

  public QuietBalances {
    balances = requireNonNull(balances, "balances").map(QuietBalances::frozen);
    requireNonNull(holds, "holds");
    requireNonNull(newestLedgerId, "newestLedgerId");
    if (tries < 1) {
      throw new IllegalArgumentException("At least one try is made, got " + tries);
    }
    if (balances.isPresent() && holds.isEmpty()) {
      throw new IllegalArgumentException("Balances read without their holds: " + balances.get());
    }
    requireNonNull(margin, "margin");
    if (balances.isEmpty() && margin.isPresent()) {
      throw new IllegalArgumentException("Margin figures without a quiet moment: " + margin.get());
    }
    if (balances.isEmpty() && newestLedgerId.isPresent()) {
      throw new IllegalArgumentException(
          "A newest ledger row without balances: " + newestLedgerId.get());
    }
  }

  /** Balances, and the holds read with them, found at a quiet moment on try {@code tries}. */
  public static QuietBalances found(
      Map<Asset, BigDecimal> balances,
      OrderHolds holds,
      Optional<String> newestLedgerId,
      int tries) {
    return found(balances, holds, newestLedgerId, tries, Optional.empty());
  }

  /** As {@link #found(Map, OrderHolds, Optional, int)}, with Kraken's margin figures. */
  public static QuietBalances found(
      Map<Asset, BigDecimal> balances,
      OrderHolds holds,
      Optional<String> newestLedgerId,
      int tries,
      Optional<ExchangeMargin> margin) {
    return new QuietBalances(
        Optional.of(new TreeMap<>(balances)), Optional.of(holds), newestLedgerId, tries, margin);
  }

  /** No quiet moment in {@code tries} tries; {@code holds} as last read, if any try read them. */
  public static QuietBalances none(int tries, Optional<OrderHolds> holds) {
    return new QuietBalances(Optional.empty(), holds, Optional.empty(), tries, Optional.empty());
  }

  /** Whether a quiet moment was found, so the balances may be compared with the books. */
  public boolean found() {
    return balances.isPresent();
  }

  private static SortedMap<Asset, BigDecimal> frozen(SortedMap<Asset, BigDecimal> balances) {
    return Collections.unmodifiableSortedMap(new TreeMap<>(balances));
  }
}
