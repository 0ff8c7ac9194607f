package io.tally.ledger;

import static java.util.Objects.requireNonNull;

import io.tally.money.Amount;
import io.tally.money.Asset;
import io.tally.money.Pair;
import io.tally.money.Precision;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

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
    String strategy,
    String orderId)
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
    if (!OneWord.isOneWord(strategy)) {
      throw new IllegalArgumentException("Strategy tag must be one word: '" + strategy + "'");
    }
    if (sold.isEmpty() && bought.isEmpty()) {
      throw new IllegalArgumentException("Trade " + id + " has neither a sold nor a bought leg");
    }
    requireNonNull(orderId, "orderId");
    if (OneWord.hasWhitespace(orderId)) {
      throw new IllegalArgumentException("Order id must be one word: '" + orderId + "'");
    }
  }

  /** A trade whose order is unknown (no trades history). */
  public Trade(
      EventId id,
      Instant at,
      TradeKind kind,
      Pair pair,
      List<Amount> sold,
      List<Amount> bought,
      List<Amount> fees,
      String strategy) {
    this(id, at, kind, pair, sold, bought, fees, strategy, "");
  }

  /** The same trade with another pair and strategy tag (enrichment from the trades history). */
  public Trade withPairAndStrategy(Pair newPair, String newStrategy) {
    return new Trade(id, at, kind, newPair, sold, bought, fees, newStrategy, orderId);
  }

  /** The order this trade filled, when the trades history names it. */
  public Optional<String> order() {
    return orderId.isEmpty() ? Optional.empty() : Optional.of(orderId);
  }

  /**
   * The trade's price on its pair: quote units per base unit, from its own legs (what Kraken's
   * trades history calls {@code price}, {@code cost / vol}); empty when a leg is missing.
   */
  public Optional<BigDecimal> price() {
    Optional<Amount> base = leg(pair.base());
    Optional<Amount> quote = leg(pair.quote());
    if (base.isEmpty() || quote.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Precision.price(quote.get().value(), base.get().value()));
  }

  /**
   * Which way the trade went on its pair: {@link Side#BUY} when it received the base asset (or,
   * with no base leg, gave up the quote), else {@link Side#SELL}.
   */
  public Side side() {
    if (has(bought, pair.base())) {
      return Side.BUY;
    }
    if (has(sold, pair.base())) {
      return Side.SELL;
    }
    return has(sold, pair.quote()) ? Side.BUY : Side.SELL;
  }

  /**
   * What the trade's legs did to the holding of {@code asset}, fees left out: received less given
   * up. Example: on a buy of 1 XBT for 40,000 USD, {@code delta(USD)} is {@code -40000}.
   */
  public BigDecimal delta(Asset asset) {
    BigDecimal delta = BigDecimal.ZERO;
    for (Amount leg : bought) {
      if (leg.asset().equals(asset)) {
        delta = delta.add(leg.value());
      }
    }
    for (Amount leg : sold) {
      if (leg.asset().equals(asset)) {
        delta = delta.subtract(leg.value());
      }
    }
    return delta;
  }

  private static boolean has(List<Amount> legs, Asset asset) {
    return legs.stream().anyMatch(leg -> leg.asset().equals(asset));
  }

  private Optional<Amount> leg(Asset asset) {
    for (List<Amount> side : List.of(sold, bought)) {
      for (Amount leg : side) {
        if (leg.asset().equals(asset)) {
          return Optional.of(leg);
        }
      }
    }
    return Optional.empty();
  }
}
