package io.tally.engine.sync;

import static java.util.Objects.requireNonNull;

import io.tally.money.Asset;
import java.math.BigDecimal;

/**
 * An asset whose quantity in the books differs from what Kraken's {@code Balance} reports.
 *
 * <p>Example: {@code BalanceDifference[asset=XBT, books=0.5, exchange=0.4999]}. Immutable.
 */
public record BalanceDifference(Asset asset, BigDecimal books, BigDecimal exchange) {

  public BalanceDifference {
    requireNonNull(asset, "asset");
    requireNonNull(books, "books");
    requireNonNull(exchange, "exchange");
  }

  /** {@code exchange − books}. */
  public BigDecimal difference() {
    return exchange.subtract(books);
  }
}
