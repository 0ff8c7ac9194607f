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
 * @param margin the books' margin against the exchange's (schema 10), when this reconciliation
 *     compared it; only with a comparison
 */
public record StoredReconciliation(
    Instant checkedAt,
    String status,
    boolean driftFlag,
    Optional<Comparison> comparison,
    Optional<MarginComparison> margin) {

  private static final Pattern STATUS = Pattern.compile("[a-z_]+");

  /** A reconciliation without a margin comparison. */
  public StoredReconciliation(
      Instant checkedAt, String status, boolean driftFlag, Optional<Comparison> comparison) {
    this(checkedAt, status, driftFlag, comparison, Optional.empty());
  }

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
    requireNonNull(margin, "margin");
    if (margin.isPresent() && comparison.isEmpty()) {
      throw new IllegalArgumentException("a margin comparison without a comparison of balances");
    }
  }

  /**
   * The books' margin figures and open position sizes against the exchange's, as the engine
   * compared them: the currency the exchange valued its figures in, the tolerance (absolute in the
   * base currency, relative to the exchange's figure), the exchange's value of what it does not
   * count as collateral, why the figures were not compared (when they were not), each figure and
   * each pair's size. Immutable.
   *
   * <p>Example: {@code new MarginComparison("USD", new BigDecimal("1.00"), new BigDecimal("0.005"),
   * new BigDecimal("1285.4770"), Optional.empty(), List.of(new MarginFigureRow("equity",
   * Optional.of(new BigDecimal("118833.59")), Optional.of(new BigDecimal("118833.08")))),
   * List.of(new MarginPositionRow("ETH/USD", new BigDecimal("-1.4"), new BigDecimal("-1.4"))))}.
   *
   * @param currency the exchange's currency code, such as {@code USD}; not blank
   * @param figuresSkipped why the figures were not compared; then {@code figures} is empty
   * @param figures one row per figure name, such as {@code equity}, none twice
   * @param positions one row per pair, such as {@code ETH/USD}, none twice
   */
  public record MarginComparison(
      String currency,
      BigDecimal absoluteTolerance,
      BigDecimal relativeTolerance,
      BigDecimal nonCollateral,
      Optional<String> figuresSkipped,
      List<MarginFigureRow> figures,
      List<MarginPositionRow> positions) {

    public MarginComparison {
      requireNonNull(currency, "currency");
      if (currency.isBlank()) {
        throw new IllegalArgumentException("currency must not be blank");
      }
      requireNonNull(absoluteTolerance, "absoluteTolerance");
      requireNonNull(relativeTolerance, "relativeTolerance");
      requireNonNull(nonCollateral, "nonCollateral");
      requireNonNull(figuresSkipped, "figuresSkipped");
      figures = List.copyOf(requireNonNull(figures, "figures"));
      positions = List.copyOf(requireNonNull(positions, "positions"));
      Set<String> seen = new HashSet<>();
      for (MarginFigureRow figure : figures) {
        if (!seen.add(figure.figure())) {
          throw new IllegalArgumentException("figures name " + figure.figure() + " twice");
        }
      }
      seen.clear();
      for (MarginPositionRow position : positions) {
        if (!seen.add(position.pair())) {
          throw new IllegalArgumentException("positions name " + position.pair() + " twice");
        }
      }
    }
  }

  /**
   * One margin figure: the books' value and the exchange's, either absent when that side has none.
   * Immutable.
   *
   * @param figure the engine's name, such as {@code margin_level}; not blank
   */
  public record MarginFigureRow(
      String figure, Optional<BigDecimal> internal, Optional<BigDecimal> exchange) {

    public MarginFigureRow {
      requireNonNull(figure, "figure");
      if (figure.isBlank()) {
        throw new IllegalArgumentException("figure must not be blank");
      }
      requireNonNull(internal, "internal");
      requireNonNull(exchange, "exchange");
    }
  }

  /**
   * One pair's signed open position size in the books and at the exchange. Immutable.
   *
   * @param pair the pair as the engine writes it, such as {@code ETH/USD}; not blank
   */
  public record MarginPositionRow(String pair, BigDecimal internal, BigDecimal exchange) {

    public MarginPositionRow {
      requireNonNull(pair, "pair");
      if (pair.isBlank()) {
        throw new IllegalArgumentException("pair must not be blank");
      }
      requireNonNull(internal, "internal");
      requireNonNull(exchange, "exchange");
    }
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
