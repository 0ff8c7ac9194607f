package io.tally.sim;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;

/**
 * What one unit of each listed asset is worth in USD at one moment of the simulated market, the
 * rates {@code TradeBalance} and the margin level value balances and positions with. KFEE credits
 * are worth nothing.
 *
 * <p>Example: {@code UsdRates.at(market, now).rate("XXBT")} is the XBT/USD price. Immutable.
 */
final class UsdRates {

  private static final String USD = "ZUSD";

  private final Market market;
  private final Instant at;

  private UsdRates(Market market, Instant at) {
    this.market = requireNonNull(market, "market");
    this.at = requireNonNull(at, "at");
  }

  /** The rates of {@code market} at {@code at}. */
  static UsdRates at(Market market, Instant at) {
    return new UsdRates(market, at);
  }

  /** The USD value of one unit of {@code asset}; zero for KFEE credits. */
  BigDecimal rate(String asset) {
    return switch (asset) {
      case USD -> BigDecimal.ONE;
      case "XXBT" -> market.price("XXBTZUSD", at);
      case "XETH" -> market.price("XETHZUSD", at);
      case "DOT", "DOT.S" -> market.price("DOTUSD", at);
      case "USDT" -> market.price("USDTZUSD", at);
      case "ZEUR" ->
          market.price("XXBTZUSD", at).divide(market.price("XXBTZEUR", at), MathContext.DECIMAL128);
      default -> BigDecimal.ZERO;
    };
  }

  /** The USD value of {@code amount} of {@code asset}. */
  BigDecimal usd(String asset, BigDecimal amount) {
    return amount.multiply(rate(asset));
  }
}
