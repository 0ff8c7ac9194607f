package io.tally.engine.service;

import static java.util.Objects.requireNonNull;

import io.tally.books.TradePnl;
import io.tally.ledger.Side;
import io.tally.ledger.Trade;
import io.tally.money.Amount;
import io.tally.money.Pair;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The contract's {@code RealizedPnLRecord}: one trade and what it realized, as the books folded it.
 * Every contract field is a method here ({@code tradeId}, {@code orderId}, {@code pair}, {@code
 * time}, {@code side}, {@code baseDelta}, {@code quoteDelta}, {@code feeAsset}, {@code feeAmount},
 * {@code pnlQuote}, {@code strategyTag}); {@link #pnlBase()} is the same PnL in the base currency,
 * whose sum by strategy tag is the PnL summary's by strategy, exactly.
 *
 * <p>Fees: a Kraken trade pays its fee in one asset, which {@link #feeAsset()} and {@link
 * #feeAmount()} name; the rare trade with fee legs in several assets lists them all in {@link
 * #fees()} (the contract's pair of fields then names the first), and a trade without a fee says
 * zero in its quote currency.
 *
 * <p>Example: selling 0.5 XBT for 25,000 USD with a 10 USD fee, bought at 40,000 USD per XBT:
 * {@code side()} is {@code SELL}, {@code baseDelta()} {@code -0.5}, {@code quoteDelta()} {@code
 * 25000}, {@code feeAmount()} {@code 10} and {@code pnlQuote()} {@code 4990.00000000} USD.
 * Immutable.
 *
 * @param trade the trade as stored
 * @param pnl what the trade did to trading PnL
 */
public record RealizedPnLRecord(Trade trade, TradePnl pnl) {

  public RealizedPnLRecord {
    requireNonNull(trade, "trade");
    requireNonNull(pnl, "pnl");
  }

  /** The trade's event id (Kraken's reference id of its ledger rows). */
  public String tradeId() {
    return trade.id().value();
  }

  /** The order the trade filled, when the trades history names it. */
  public Optional<String> orderId() {
    return trade.order();
  }

  /** The trade's pair. */
  public Pair pair() {
    return trade.pair();
  }

  /** When the trade happened. */
  public Instant time() {
    return trade.at();
  }

  /** Whether the trade bought or sold the pair's base asset. */
  public Side side() {
    return trade.side();
  }

  /** The base asset received (positive) or given up (negative), fees left out. */
  public BigDecimal baseDelta() {
    return trade.delta(trade.pair().base());
  }

  /** The quote asset received (positive) or given up (negative), fees left out. */
  public BigDecimal quoteDelta() {
    return trade.delta(trade.pair().quote());
  }

  /** The asset of the (first) fee leg; the quote currency when the trade paid no fee. */
  public String feeAsset() {
    return trade.fees().isEmpty()
        ? trade.pair().quote().code()
        : trade.fees().get(0).asset().code();
  }

  /** The amount of the (first) fee leg, in {@link #feeAsset()}; zero when the trade paid none. */
  public BigDecimal feeAmount() {
    return trade.fees().isEmpty() ? BigDecimal.ZERO : trade.fees().get(0).value();
  }

  /** Every fee leg, in the order Kraken wrote them. */
  public List<Amount> fees() {
    return trade.fees();
  }

  /** The fee legs' value in the base currency. */
  public BigDecimal feesBase() {
    return pnl.fees();
  }

  /**
   * Realized PnL in the pair's quote currency, at the trade's own value of its quote; empty when
   * the trade has no quote leg to convert at (see {@link TradePnl#realizedQuote()}).
   */
  public Optional<BigDecimal> pnlQuote() {
    return pnl.realizedQuote();
  }

  /** Realized PnL in the base currency: what the PnL summary adds up. */
  public BigDecimal pnlBase() {
    return pnl.realized();
  }

  /** The strategy tag of the bot that placed the order, or {@code manual}. */
  public String strategyTag() {
    return trade.strategy();
  }
}
