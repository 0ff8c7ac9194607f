package io.tally.money;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The value of one unit of an asset in the base currency at a time, and where that figure came
 * from.
 *
 * <p>Example: {@code new Price(Asset.XBT, new BigDecimal("60000"), Instant.parse(...), "XBTUSD")}
 * reads "1 XBT = 60000 base units, per XBTUSD". Immutable.
 */
public record Price(Asset asset, BigDecimal value, Instant at, String source) {

  public Price {
    requireNonNull(asset, "asset");
    requireNonNull(at, "at");
    requireNonNull(source, "source");
    value = Precision.canonical(requireNonNull(value, "value"));
    if (value.signum() < 0) {
      throw new IllegalArgumentException(
          "Negative price " + value.toPlainString() + " for " + asset);
    }
  }
}
