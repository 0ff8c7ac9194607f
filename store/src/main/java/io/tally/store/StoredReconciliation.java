package io.tally.store;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One reconciliation as the store keeps it: when it ran, its status as the engine spells it, the
 * drift flag it reported and, when it compared the books with the exchange, that {@link
 * Comparison}: the tolerance, the total difference valued in the base currency and every asset
 * compared. The store does no arithmetic and gives the status no meaning; what comes back is what
 * was saved (decimals numerically equal, with their scale when it is not negative).
 *
 * <p>Example: {@code new StoredReconciliation(Instant.parse("2026-03-02T12:00:01Z"), "drift", true,
 * Optional.of(new Comparison(new BigDecimal("1.00"), new BigDecimal("650.00"), List.of(new
 * AssetDifference("XBT", new BigDecimal("1.5"), new BigDecimal("1.51"), new BigDecimal("0.01"),
 * Optional.of(new BigDecimal("650.00")))))))}, saved with {@link
 * PortfolioStore#saveReconciliation}. Immutable.
 *
 * @param checkedAt when the reconciliation ran; it must lie in the years 0000 to 9999
 * @param status the engine's code for what it could say, lower-case letters and underscores, such
 *     as {@code ok}, {@code drift} or {@code no_quiet_moment}
 * @param driftFlag the drift flag the reconciliation reported
 * @param comparison the books against the exchange, when this reconciliation compared them
 */
public record StoredReconciliation(
    Instant checkedAt, String status, boolean driftFlag, Optional<Comparison> comparison) {

  private static final Pattern STATUS = Pattern.compile("[a-z_]+");

  public StoredReconciliation {
    StoredInstant.requireStorable(checkedAt, "checkedAt");
    requireNonNull(status, "status");
    if (!STATUS.matcher(status).matches()) {
      throw new IllegalArgumentException(
          "status must be lower-case letters and underscores, such as no_quiet_moment, not '"
              + status
              + "'");
    }
    requireNonNull(comparison, "comparison");
  }

  /**
   * The books compared with the exchange: the tolerance beyond which a difference is drift, the sum
   * of the valued differences, and every asset held by either side. The store gives the assets back
   * ordered by code (code point order). Immutable.
   *
   * @param tolerance the tolerance in the base currency, not negative
   * @param totalDifferenceBase the sum of the valued differences (exchange − books)
   * @param assets one entry per asset, no asset twice
   */
  public record Comparison(
      BigDecimal tolerance, BigDecimal totalDifferenceBase, List<AssetDifference> assets) {

    public Comparison {
      requireNonNull(tolerance, "tolerance");
      if (tolerance.signum() < 0) {
        throw new IllegalArgumentException(
            "tolerance must not be negative: " + tolerance.toPlainString());
      }
      requireNonNull(totalDifferenceBase, "totalDifferenceBase");
      assets = List.copyOf(requireNonNull(assets, "assets"));
      Set<String> seen = new HashSet<>();
      for (AssetDifference asset : assets) {
        if (!seen.add(asset.asset())) {
          throw new IllegalArgumentException("assets name " + asset.asset() + " twice");
        }
      }
    }
  }

  /**
   * One asset compared: what the books hold, what the exchange holds, the difference ({@code
   * exchange − internal}) and that difference valued in the base currency, empty when no price
   * valued it. Immutable.
   *
   * @param asset the asset's code, such as {@code XBT}; not blank
   */
  public record AssetDifference(
      String asset,
      BigDecimal internal,
      BigDecimal exchange,
      BigDecimal difference,
      Optional<BigDecimal> differenceBase) {

    public AssetDifference {
      requireNonNull(asset, "asset");
      if (asset.isBlank()) {
        throw new IllegalArgumentException("asset must not be blank");
      }
      requireNonNull(internal, "internal");
      requireNonNull(exchange, "exchange");
      requireNonNull(difference, "difference");
      requireNonNull(differenceBase, "differenceBase");
    }
  }
}
