package io.tally.books;

import io.tally.ledger.Trade;
import io.tally.money.Amount;
import io.tally.money.Asset;
import io.tally.money.Pair;
import io.tally.money.Precision;
import io.tally.money.RunningSum;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * The books' projection onto pairs (ACCOUNTING.md §4): for each pair traded, the base units its
 * buys still hold with what they cost in the base currency and in the quote, and the trading PnL
 * and fees booked on it. {@link Books} opens the books, adds buys, and takes units out as they
 * leave their asset's pool; {@link #positions()} gives them as {@link PairPosition}s.
 *
 * <p>Example: after {@code buy} of 1 XBT on XBT/USD for 40,000 and {@code leave(XBT, 0.4, 1,
 * XBT/USD)}, {@code size(XBT/USD)} is {@code 0.6} and its base cost 24,000.
 *
 * <p>Mutable and not thread-safe: it belongs to one fold.
 */
final class PairBooks {

  private static final BigDecimal ZERO = Precision.money(BigDecimal.ZERO);

  /** The books in the order their pairs were first met. */
  private final Map<Pair, PairBook> pairs = new LinkedHashMap<>();

  /** The pair books by their base asset, in pair order: the holders a disposal may reduce. */
  private final Map<Asset, SortedMap<Pair, PairBook>> pairsByBase = new HashMap<>();

  /**
   * Scratch space of one disposal, cleared before each use rather than made anew: the positions it
   * reduces pro rata and what each loses ({@link #leave(Asset, BigDecimal, BigDecimal)}).
   */
  private final List<PairBook> holders = new ArrayList<>();

  private final List<BigDecimal> losses = new ArrayList<>();

  /** Running figures of one pair; see {@link PairPosition}. */
  static final class PairBook {
    BigDecimal size = BigDecimal.ZERO;
    BigDecimal costBase = ZERO;
    BigDecimal costQuote = BigDecimal.ZERO;
    RunningSum realized = new RunningSum(ZERO);
    RunningSum fees = new RunningSum(ZERO);
  }

  /** The book of {@code pair}, opened empty the first time it is asked for. */
  PairBook book(Pair pair) {
    PairBook book = pairs.get(pair);
    if (book == null) {
      book = new PairBook();
      pairs.put(pair, book);
      pairsByBase.computeIfAbsent(pair.base(), base -> new TreeMap<>()).put(pair, book);
    }
    return book;
  }

  /**
   * Adds a bought leg that cost {@code cost} to the trade's pair position when the leg is the
   * pair's base, with the quote units the trade sold for it.
   */
  void buy(Trade trade, Amount bought, BigDecimal cost) {
    Pair pair = trade.pair();
    if (!pair.base().equals(bought.asset())) {
      return;
    }
    PairBook book = book(pair);
    book.size = Precision.sum(book.size, bought.value());
    book.costBase = Precision.sum(book.costBase, cost);
    List<Amount> sold = trade.sold();
    for (int i = 0; i < sold.size(); i++) {
      Amount leg = sold.get(i);
      if (leg.asset().equals(pair.quote())) {
        book.costQuote = Precision.sum(book.costQuote, leg.value());
      }
    }
  }

  /**
   * Takes {@code quantity} units of {@code asset} out of the pair positions as they leave a pool of
   * {@code held} units. Units sold on a pair whose base is the asset leave that pair's own position
   * first. Every other unit leaves all holders of the asset pro rata: each pair position with that
   * base, and the non-pair remainder ({@code held} less the positions' sizes, never stored). A
   * position's share is rounded down; the remainder absorbs what rounding leaves, and when it holds
   * too little to, the positions give the rest in pair order. So Σ sizes never exceeds the holding,
   * no size goes negative, and taking the whole pool empties every position.
   */
  void leave(Asset asset, BigDecimal quantity, BigDecimal held, Pair soldOn) {
    if (soldOn.base().equals(asset)) {
      PairBook own = pairs.get(soldOn);
      if (own != null && own.size.signum() > 0) {
        BigDecimal taken = quantity.min(own.size);
        reduce(own, taken);
        if (taken.compareTo(quantity) == 0) {
          return;
        }
        leave(asset, quantity.subtract(taken), held.subtract(taken));
        return;
      }
    }
    leave(asset, quantity, held);
  }

  /**
   * Takes {@code rest} units of {@code asset} out of every holder pro rata as they leave a pool of
   * {@code pool} units (see {@link #leave(Asset, BigDecimal, BigDecimal, Pair)}).
   */
  void leave(Asset asset, BigDecimal rest, BigDecimal pool) {
    if (rest.signum() <= 0) {
      return;
    }
    // The holders in pair order: where rounding goes must not depend on the order pairs were met
    // in, which a checkpoint does not keep.
    SortedMap<Pair, PairBook> onAsset = pairsByBase.get(asset);
    if (onAsset == null) {
      return;
    }
    holders.clear();
    losses.clear();
    BigDecimal pairHeld = BigDecimal.ZERO;
    for (PairBook book : onAsset.values()) {
      if (book.size.signum() > 0) {
        holders.add(book);
        pairHeld = Precision.sum(pairHeld, book.size);
      }
    }
    if (holders.isEmpty()) {
      return;
    }
    if (rest.compareTo(pool) >= 0) {
      for (int i = 0; i < holders.size(); i++) {
        reduce(holders.get(i), holders.get(i).size);
      }
      return;
    }
    BigDecimal taken = BigDecimal.ZERO;
    for (int i = 0; i < holders.size(); i++) {
      PairBook book = holders.get(i);
      BigDecimal loss = Precision.quantityShareDown(rest, book.size, pool);
      losses.add(loss);
      taken = Precision.sum(taken, loss);
    }
    // What the non-pair remainder cannot absorb of the rounding (only when it holds almost none).
    BigDecimal excess = rest.subtract(taken).subtract(pool.subtract(pairHeld));
    for (int i = 0; i < holders.size() && excess.signum() > 0; i++) {
      BigDecimal extra = excess.min(holders.get(i).size.subtract(losses.get(i)));
      losses.set(i, losses.get(i).add(extra));
      excess = excess.subtract(extra);
    }
    for (int i = 0; i < holders.size(); i++) {
      reduce(holders.get(i), losses.get(i));
    }
  }

  /** Lowers a position by {@code quantity} units, releasing its costs pro rata; at most to zero. */
  private static void reduce(PairBook book, BigDecimal quantity) {
    if (quantity.signum() <= 0) {
      return;
    }
    if (quantity.compareTo(book.size) >= 0) {
      book.size = BigDecimal.ZERO;
      book.costBase = ZERO;
      book.costQuote = BigDecimal.ZERO;
      return;
    }
    BigDecimal releasedBase = Precision.share(book.costBase, quantity, book.size);
    BigDecimal releasedQuote = Precision.quantityShare(book.costQuote, quantity, book.size);
    book.costBase = book.costBase.subtract(releasedBase);
    book.costQuote = book.costQuote.subtract(releasedQuote);
    book.size = book.size.subtract(quantity);
  }

  /** The units of {@code pair}'s base its position holds; zero when flat or never traded. */
  BigDecimal size(Pair pair) {
    PairBook book = pairs.get(pair);
    return book == null ? BigDecimal.ZERO : book.size;
  }

  /** Every pair's book, in the order the pairs were first met (a checkpoint's order). */
  void forEach(BiConsumer<Pair, PairBook> action) {
    pairs.forEach(action);
  }

  /** The positions, in pair order. */
  List<PairPosition> positions() {
    List<PairPosition> positions = new ArrayList<>(pairs.size());
    new TreeMap<>(pairs)
        .forEach(
            (pair, book) ->
                positions.add(
                    new PairPosition(
                        pair,
                        Precision.canonical(book.size),
                        book.costBase,
                        Precision.canonical(book.costQuote),
                        book.realized.value(),
                        book.fees.value())));
    return positions;
  }
}
