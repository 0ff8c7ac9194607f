package io.tally.reconcile;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;

/**
 * How far a margin figure of the books may lie from Kraken's before it is drift: a money figure
 * within {@code max(absolute, relative × |Kraken's figure|)}, the margin level (a percent) within
 * {@code max(0.01, relative × |Kraken's level|)} (0.01: Kraken writes {@code ml} to 2 decimals).
 * The relative part is there because the books value positions and holdings at the Ticker prices
 * their sync fetched, Kraken at its own prices of the moment {@code TradeBalance} answers; the
 * absolute part is {@code reconciliation.tolerance}, the balances' own, for small accounts.
 *
 * <p>Example: {@code new MarginTolerance(new BigDecimal("1.00"), new BigDecimal("0.005"))} lets an
 * equity of 10,050.00 pass against Kraken's 10,000.00 ({@code max(1.00, 0.005 × 10000) = 50.00}),
 * not 10,050.01. Immutable.
 *
 * @param absolute in the base currency, not negative
 * @param relative a fraction of Kraken's figure (0.005 is 0.5 %), not negative
 */
public record MarginTolerance(BigDecimal absolute, BigDecimal relative) {

  /** The relative part Tally uses: 0.5 % of Kraken's figure. */
  public static final BigDecimal RELATIVE = new BigDecimal("0.005");

  /** The smallest tolerance of a margin level: Kraken's {@code ml} has 2 decimals. */
  public static final BigDecimal LEVEL_ROUNDING = new BigDecimal("0.01");

  public MarginTolerance {
    requireNonNull(absolute, "absolute");
    requireNonNull(relative, "relative");
    if (absolute.signum() < 0 || relative.signum() < 0) {
      throw new IllegalArgumentException(
          "a margin tolerance is not negative: absolute "
              + absolute.toPlainString()
              + ", relative "
              + relative.toPlainString());
    }
  }

  /** The balances' tolerance {@code absolute} with Tally's relative part, {@link #RELATIVE}. */
  public static MarginTolerance of(BigDecimal absolute) {
    return new MarginTolerance(absolute, RELATIVE);
  }

  /** The largest difference allowed for {@code figure} against Kraken's value {@code exchange}. */
  public BigDecimal limit(MarginFigure figure, BigDecimal exchange) {
    BigDecimal part = relative.multiply(exchange.abs());
    return part.max(figure.money() ? absolute : LEVEL_ROUNDING);
  }

  /**
   * Whether {@code books} is within the tolerance of Kraken's {@code exchange} for {@code figure}.
   */
  public boolean allows(MarginFigure figure, BigDecimal books, BigDecimal exchange) {
    return books.subtract(exchange).abs().compareTo(limit(figure, exchange)) <= 0;
  }
}
