package io.tally.sim;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.List;

/**
 * An asset pair as Kraken's {@code /0/public/AssetPairs} lists it: the pair key used by trades,
 * Ticker and OHLC, the altname used by orders, the two assets, precisions, minimums and fees.
 *
 * <p>Example: {@code XXBTZUSD} (altname {@code XBTUSD}, base {@code XXBT}, quote {@code ZUSD},
 * prices with 1 decimal, volumes with 8). Immutable.
 *
 * @param key the pair key, such as {@code XXBTZUSD}
 * @param altname the altname, such as {@code XBTUSD}
 * @param wsname the WebSocket v1 name, such as {@code XBT/USD}
 * @param base the asset bought or sold
 * @param quote the asset prices are expressed in
 * @param pairDecimals decimals of a price
 * @param lotDecimals decimals of a volume (in base)
 * @param costDecimals decimals of a cost or fee (in quote) on the wire
 * @param ordermin the smallest volume an order may have (base)
 * @param costmin the smallest cost an order may have (quote)
 * @param takerFeePercent the fee of a taker fill, in percent of its cost
 * @param makerFeePercent the fee of a maker fill, in percent of its cost
 * @param leverage the leverage levels a margin buy may use ({@code leverage_buy}), such as {@code
 *     [2, 3, 4, 5]}
 * @param leverageSell the leverage levels a margin sell may use ({@code leverage_sell})
 * @param marginCall the margin level in percent below which the account gets a margin call
 * @param marginStop the margin level in percent below which positions are liquidated
 */
public record ListedPair(
    String key,
    String altname,
    String wsname,
    ListedAsset base,
    ListedAsset quote,
    int pairDecimals,
    int lotDecimals,
    int costDecimals,
    BigDecimal ordermin,
    BigDecimal costmin,
    BigDecimal takerFeePercent,
    BigDecimal makerFeePercent,
    List<Integer> leverage,
    List<Integer> leverageSell,
    int marginCall,
    int marginStop) {

  /** Kraken's margin call level of every simulated pair, in percent. */
  public static final int MARGIN_CALL = 80;

  /** Kraken's liquidation level of every simulated pair, in percent. */
  public static final int MARGIN_STOP = 40;

  public ListedPair {
    requireNonNull(key, "key");
    requireNonNull(altname, "altname");
    requireNonNull(wsname, "wsname");
    requireNonNull(base, "base");
    requireNonNull(quote, "quote");
    requireNonNull(ordermin, "ordermin");
    requireNonNull(costmin, "costmin");
    requireNonNull(takerFeePercent, "takerFeePercent");
    requireNonNull(makerFeePercent, "makerFeePercent");
    leverage = List.copyOf(leverage);
    leverageSell = List.copyOf(leverageSell);
    if (marginStop <= 0 || marginCall <= marginStop) {
      throw new IllegalArgumentException(
          "Margin call " + marginCall + " must be above margin stop " + marginStop + ": " + key);
    }
    if (lotDecimals > base.decimals()) {
      throw new IllegalArgumentException("Volumes of " + key + " finer than " + base.id());
    }
  }

  /**
   * A pair whose buys and sells may use the same {@code leverage} levels, with Kraken's margin call
   * (80 %) and stop (40 %) levels.
   */
  public ListedPair(
      String key,
      String altname,
      String wsname,
      ListedAsset base,
      ListedAsset quote,
      int pairDecimals,
      int lotDecimals,
      int costDecimals,
      BigDecimal ordermin,
      BigDecimal costmin,
      BigDecimal takerFeePercent,
      BigDecimal makerFeePercent,
      List<Integer> leverage) {
    this(
        key,
        altname,
        wsname,
        base,
        quote,
        pairDecimals,
        lotDecimals,
        costDecimals,
        ordermin,
        costmin,
        takerFeePercent,
        makerFeePercent,
        leverage,
        leverage,
        MARGIN_CALL,
        MARGIN_STOP);
  }

  /** The leverage levels a margin order on {@code side} may use. */
  public List<Integer> leverage(Side side) {
    return side == Side.BUY ? leverage : leverageSell;
  }

  /** The smallest price step, such as {@code 0.1} for {@code XXBTZUSD}. */
  public BigDecimal tickSize() {
    return BigDecimal.ONE.movePointLeft(pairDecimals);
  }

  /**
   * The scale at which costs and fees in quote are booked: the finer of the wire's cost decimals
   * and the quote asset's ledger decimals would create digits the ledger cannot hold, so it is the
   * coarser of the two ({@code ZUSD}: 4).
   */
  public int bookingScale() {
    return Math.min(costDecimals, quote.decimals());
  }
}
