package io.tally.ledger;

import static java.util.Objects.requireNonNull;

import io.tally.money.Amount;
import io.tally.money.Pair;
import java.time.Instant;
import java.util.List;

/**
 * A swap: the account gave up the {@code sold} amounts and received the {@code bought} amounts,
 * paying {@code fees}. Amounts are positive; each list holds at most one amount per asset (legs of
 * one asset drawn from several wallets are summed). A dust sweep has several sold assets; a one-leg
 * trade (Kraken writes no row for a leg that rounds to zero) has an empty side.
 *
 * <p>Example: {@code Trade[id=T1, at=2024-01-01T00:00:00Z, kind=ORDER_BOOK, pair=XBTUSD, sold=[USD
 * 40000], bought=[XBT 1], fees=[USD 10], strategy=manual]}. Immutable.
 */
public record Trade(
    EventId id,
    Instant at,
    TradeKind kind,
    Pair pair,
    List<Amount> sold,
    List<Amount> bought,
    List<Amount> fees,
    String strategy)
    implements LedgerEvent {

  /** The strategy tag of a trade no bot claims. */
  public static final String MANUAL = "manual";

  public Trade {
    requireNonNull(id, "id");
    requireNonNull(at, "at");
    requireNonNull(kind, "kind");
    requireNonNull(pair, "pair");
    sold = Legs.positive("sold", sold);
    bought = Legs.positive("bought", bought);
    fees = Legs.positive("fees", fees);
    requireNonNull(strategy, "strategy");
    if (strategy.isBlank() || strategy.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("Strategy tag must be one word: '" + strategy + "'");
    }
    if (sold.isEmpty() && bought.isEmpty()) {
      throw new IllegalArgumentException("Trade " + id + " has neither a sold nor a bought leg");
    }
  }

  /** The same trade with another pair and strategy tag (enrichment from the trades history). */
  public Trade withPairAndStrategy(Pair newPair, String newStrategy) {
    return new Trade(id, at, kind, newPair, sold, bought, fees, newStrategy);
  }
}
