package io.tally.risk;

import static java.util.Objects.requireNonNull;

import io.tally.money.Asset;
import io.tally.money.Precision;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.Optional;

/**
 * How concentrated an account's exposure is: the largest position and its share of equity, and the
 * Herfindahl index of the assets' shares of gross exposure (1 when one asset holds it all, 1/n for
 * n equal ones).
 *
 * <p>Example: XBT 30,000 and ETH 10,000 of 100,000 equity: largest XBT at 30 %, Herfindahl 0.75² +
 * 0.25² = 0.625. Immutable.
 */
public record Concentration(
    Optional<Asset> largestAsset, BigDecimal largestPct, BigDecimal herfindahl) {

  public Concentration {
    requireNonNull(largestAsset, "largestAsset");
    requireNonNull(largestPct, "largestPct");
    requireNonNull(herfindahl, "herfindahl");
  }

  /** The concentration of {@code book}'s exposure. */
  public static Concentration of(RiskBook book) {
    BigDecimal gross = book.grossExposure();
    Optional<AssetExposure> largest =
        book.exposures().stream()
            .filter(e -> !e.asset().equals(book.base()) && e.value().signum() != 0)
            .max(Comparator.comparing(AssetExposure::size));
    BigDecimal herfindahl = BigDecimal.ZERO;
    if (gross.signum() > 0) {
      for (AssetExposure exposure : book.exposures()) {
        if (!exposure.asset().equals(book.base())) {
          BigDecimal share = exposure.size().divide(gross, Precision.RATIO);
          herfindahl = herfindahl.add(share.multiply(share));
        }
      }
    }
    return new Concentration(
        largest.map(AssetExposure::asset),
        largest.map(e -> book.percentOfEquity(e.size())).orElse(BigDecimal.ZERO),
        herfindahl.setScale(6, Precision.ROUNDING));
  }
}
