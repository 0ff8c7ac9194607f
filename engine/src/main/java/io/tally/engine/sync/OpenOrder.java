package io.tally.engine.sync;

import static java.util.Objects.requireNonNull;

import io.tally.engine.ingest.StrategyTags;
import io.tally.kraken.api.KrakenOrder;
import io.tally.money.Asset;
import io.tally.money.Pair;
import io.tally.money.Precision;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * One order resting on Kraken at the last sync ({@code OpenOrders}): what a risk layer counts as if
 * it filled. Besides Kraken's facts it says which asset the order holds and how much ({@link
 * #reservedAsset()}, {@link #reservedAmount()}): the base asset's remaining volume for a sell, the
 * remaining volume at the limit price for a buy, before fees. That is Tally's reading of one order;
 * what Kraken holds of an asset in all (its {@code hold_trade}, fees included) is {@link
 * OrderHolds}.
 *
 * <p>Example: {@code OpenOrder[txid=OB5VMB-B4U2U-DK2WRW, krakenPair=XBTUSD, pair=Optional[XBTUSD],
 * side=BUY, orderType=limit, volume=0.275, volumeExecuted=0, limitPrice=Optional[14500],
 * volumeInQuote=false, userref=1002, clientOrderId=, strategy=grid_v2,
 * openedAt=2025-09-03T21:20:00Z]}, whose reserved amount is 0.275 × 14500 = 3987.5 USD. Immutable.
 *
 * @param txid Kraken's order id
 * @param krakenPair the pair as Kraken names it in {@code descr.pair}, such as {@code XBTUSD}
 * @param pair the pair in canonical assets; empty when Kraken's pair list does not name it
 * @param side buy or sell
 * @param orderType Kraken's order type as written, such as {@code limit} or {@code stop-loss}
 * @param volume the volume ordered, in the base asset (in the quote asset when {@code
 *     volumeInQuote})
 * @param volumeExecuted the part of it already filled
 * @param limitPrice the price the order fills at or better (quote per base): {@code descr.price} of
 *     a limit or iceberg order, {@code descr.price2} of a stop-loss-limit or take-profit-limit
 *     order; empty for orders that fill at the market when triggered
 * @param volumeInQuote whether Kraken's {@code viqc} flag puts the volume in the quote asset
 * @param userref the client's numeric tag; 0 when none
 * @param clientOrderId the client's order id; empty when none
 * @param strategy the strategy tag, by the rules trades are tagged by ({@link StrategyTags})
 * @param openedAt when the order was placed
 */
public record OpenOrder(
    String txid,
    String krakenPair,
    Optional<Pair> pair,
    OrderSide side,
    String orderType,
    BigDecimal volume,
    BigDecimal volumeExecuted,
    Optional<BigDecimal> limitPrice,
    boolean volumeInQuote,
    long userref,
    String clientOrderId,
    String strategy,
    Instant openedAt) {

  public OpenOrder {
    requireNonNull(txid, "txid");
    requireNonNull(krakenPair, "krakenPair");
    requireNonNull(pair, "pair");
    requireNonNull(side, "side");
    requireNonNull(orderType, "orderType");
    volume = Precision.canonical(requireNonNull(volume, "volume"));
    volumeExecuted = Precision.canonical(requireNonNull(volumeExecuted, "volumeExecuted"));
    limitPrice = requireNonNull(limitPrice, "limitPrice").map(Precision::canonical);
    requireNonNull(clientOrderId, "clientOrderId");
    requireNonNull(strategy, "strategy");
    requireNonNull(openedAt, "openedAt");
  }

  /**
   * The open order Kraken describes, its pair named in canonical assets by {@code pairs} (empty
   * when unknown) and tagged by {@code tags}.
   */
  public static OpenOrder of(KrakenOrder order, Optional<Pair> pair, StrategyTags tags) {
    return new OpenOrder(
        order.txid(),
        order.pair(),
        pair,
        OrderSide.parse(order.type()),
        order.orderType(),
        order.vol(),
        order.volExec(),
        limitPriceOf(order),
        Arrays.asList(order.oflags().split(",")).contains("viqc"),
        order.userref(),
        order.clOrdId(),
        tags.tagOf(order.userref(), order.clOrdId()),
        order.openTime());
  }

  /**
   * The limit of an order as Kraken describes it: {@code descr.price} of a limit or iceberg order,
   * {@code descr.price2} of a stop-loss-limit or take-profit-limit one; empty for the others, and
   * for anything that is not a plain positive decimal (a trailing stop's {@code +5.0%} is an
   * offset, not a price).
   */
  static Optional<BigDecimal> limitPriceOf(KrakenOrder order) {
    String text =
        switch (order.orderType()) {
          case "limit", "iceberg" -> order.descrPrice();
          case "stop-loss-limit", "take-profit-limit" -> order.descrPrice2();
          default -> "";
        };
    if (!text.matches("[0-9]+(\\.[0-9]+)?|\\.[0-9]+")) {
      return Optional.empty();
    }
    BigDecimal price = new BigDecimal(text);
    return price.signum() > 0 ? Optional.of(price) : Optional.empty();
  }

  /** The volume still to fill: ordered less executed. */
  public BigDecimal remaining() {
    return Precision.canonical(volume.subtract(volumeExecuted));
  }

  /**
   * The asset the order holds until it fills: the quote asset of a buy, the base asset of a sell;
   * empty when the pair is unknown.
   */
  public Optional<Asset> reservedAsset() {
    return pair.map(p -> side == OrderSide.BUY ? p.quote() : p.base());
  }

  /**
   * How much of {@link #reservedAsset()} the order holds, before fees: a sell's remaining volume; a
   * buy's remaining volume times its limit price (exact: digits are only multiplied). Empty when
   * that cannot be known: an unknown pair, a buy with no limit (it fills at the market), or a sell
   * whose volume is in the quote asset.
   */
  public Optional<BigDecimal> reservedAmount() {
    if (pair.isEmpty()) {
      return Optional.empty();
    }
    if (side == OrderSide.SELL) {
      return volumeInQuote ? Optional.empty() : Optional.of(remaining());
    }
    if (volumeInQuote) {
      return Optional.of(remaining());
    }
    return limitPrice.map(price -> Precision.canonical(remaining().multiply(price)));
  }
}
