package io.tally.books;

import static java.util.Objects.requireNonNull;

import io.tally.money.Asset;
import io.tally.valuation.MarketPrices;
import java.math.BigDecimal;

/**
 * The accounting choices a set of books is kept with.
 *
 * <p>Example: {@code BookConfig.defaults()} is USD, weighted average cost, KFEE at 0.01 USD.
 * Immutable.
 */
public record BookConfig(Asset base, CostBasisMethod method, BigDecimal kfeeUsd) {

  public BookConfig {
    requireNonNull(base, "base");
    requireNonNull(method, "method");
    requireNonNull(kfeeUsd, "kfeeUsd");
    if (kfeeUsd.signum() < 0) {
      throw new IllegalArgumentException("KFEE value must not be negative: " + kfeeUsd);
    }
  }

  /** USD, weighted average cost, KFEE at 0.01 USD. */
  public static BookConfig defaults() {
    return new BookConfig(Asset.USD, CostBasisMethod.WAC, MarketPrices.KFEE_USD);
  }

  /**
   * These choices in one short text, which names the books they keep wherever books of different
   * choices are stored side by side: equal choices give equal names.
   *
   * <p>Example: {@code BookConfig.defaults().name()} is {@code "USD WAC KFEE=0.01"}.
   */
  public String name() {
    return base.code() + ' ' + method.name() + " KFEE=" + kfeeUsd.toPlainString();
  }

  /** The same choices with another base currency. */
  public BookConfig withBase(Asset newBase) {
    return new BookConfig(newBase, method, kfeeUsd);
  }

  /** The same choices with another cost basis method. */
  public BookConfig withMethod(CostBasisMethod newMethod) {
    return new BookConfig(base, newMethod, kfeeUsd);
  }
}
