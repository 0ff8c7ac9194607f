package io.tally.series;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;

/**
 * What one strategy tag or one asset made, in the base currency: realized PnL (fees included as
 * costs), unrealized PnL, the fees themselves, and the trades behind them. In a {@link DayEnd} the
 * figures are totals since the first event (unrealized: at the day's end); {@link #since} turns two
 * of them into a range's.
 *
 * <p>Example: {@code new Attribution(new BigDecimal("1979"), BigDecimal.ZERO, new BigDecimal("21"),
 * 2)} is a round trip that made 1,979 after 21 of fees. Immutable.
 *
 * @param realized realized PnL, fees deducted
 * @param unrealized unrealized PnL (zero for a strategy: positions are kept per pair, not per tag)
 * @param fees the fees paid
 * @param trades how many trades
 */
public record Attribution(
    BigDecimal realized, BigDecimal unrealized, BigDecimal fees, long trades) {

  /** Nothing made. */
  public static final Attribution NONE =
      new Attribution(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 0);

  public Attribution {
    requireNonNull(realized, "realized");
    requireNonNull(unrealized, "unrealized");
    requireNonNull(fees, "fees");
  }

  /** Realized plus unrealized. */
  public BigDecimal pnl() {
    return realized.add(unrealized);
  }

  /** This total less {@code earlier}'s: what was made between the two. */
  public Attribution since(Attribution earlier) {
    return new Attribution(
        realized.subtract(earlier.realized),
        unrealized.subtract(earlier.unrealized),
        fees.subtract(earlier.fees),
        trades - earlier.trades);
  }

  /** This with one more trade's realized PnL and fees. */
  Attribution plusTrade(BigDecimal tradeRealized, BigDecimal tradeFees) {
    return new Attribution(
        realized.add(tradeRealized), unrealized, fees.add(tradeFees), trades + 1);
  }
}
