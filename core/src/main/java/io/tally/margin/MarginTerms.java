package io.tally.margin;

import static java.util.Objects.requireNonNull;

import io.tally.money.Asset;
import io.tally.money.Pair;
import io.tally.money.Precision;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * The rules of a margin account: the collateral asset (every pair traded must be quoted in it), the
 * highest leverage per pair, the maintenance margin as a share of the initial margin per pair, the
 * cash reserve kept aside from free margin, and the margin mode.
 *
 * <p>Example: {@code MarginTerms.paper(Asset.USD)}: USD collateral, leverage up to {@value
 * #PAPER_MAX_LEVERAGE}×, maintenance 50 % of initial margin, reserve 10 % of equity, cross mode;
 * {@code .withMaintenance(Pair.parse("SOL/USD"), new BigDecimal("0.8"))} overrides one pair.
 * Immutable.
 *
 * @param maxLeverage the highest leverage on pairs without an override, at least 1
 * @param maintenanceRatio maintenance margin ÷ initial margin on pairs without an override, in (0,
 *     1]
 * @param reserveRatio the share of (positive) equity kept aside as a cash reserve, in [0, 1)
 */
public record MarginTerms(
    Asset collateral,
    int maxLeverage,
    Map<Pair, Integer> maxLeverageByPair,
    BigDecimal maintenanceRatio,
    Map<Pair, BigDecimal> maintenanceByPair,
    BigDecimal reserveRatio,
    MarginMode mode) {

  /**
   * The cap of books that follow a live account: Kraken applied its own leverage limits when it
   * filled, so the books refuse no leverage it gave.
   */
  public static final int NO_LEVERAGE_CAP = Integer.MAX_VALUE;

  /** The highest leverage a paper account allows on any pair. */
  public static final int PAPER_MAX_LEVERAGE = 125;

  /** Maintenance margin as a share of initial margin unless a pair says otherwise: 50 %. */
  public static final BigDecimal DEFAULT_MAINTENANCE_RATIO = new BigDecimal("0.5");

  /** The cash reserve as a share of equity: 10 %. */
  public static final BigDecimal DEFAULT_RESERVE_RATIO = new BigDecimal("0.10");

  public MarginTerms {
    requireNonNull(collateral, "collateral");
    requireNonNull(mode, "mode");
    requireLeverageCap("maxLeverage", maxLeverage);
    maxLeverageByPair = Map.copyOf(requireNonNull(maxLeverageByPair, "maxLeverageByPair"));
    maxLeverageByPair.forEach((pair, max) -> requireLeverageCap("maxLeverage of " + pair, max));
    maintenanceRatio = requireMaintenance("maintenanceRatio", maintenanceRatio);
    Map<Pair, BigDecimal> maintenance = new HashMap<>();
    requireNonNull(maintenanceByPair, "maintenanceByPair")
        .forEach(
            (pair, ratio) ->
                maintenance.put(pair, requireMaintenance("maintenanceRatio of " + pair, ratio)));
    maintenanceByPair = Map.copyOf(maintenance);
    reserveRatio = Precision.canonical(Argument.notNegative("reserveRatio", reserveRatio));
    if (reserveRatio.compareTo(BigDecimal.ONE) >= 0) {
      throw new IllegalArgumentException(
          "reserveRatio must be below 1, got " + reserveRatio.toPlainString());
    }
  }

  /**
   * A paper account's terms: leverage up to {@value #PAPER_MAX_LEVERAGE}× on every pair,
   * maintenance 50 % of initial margin, a 10 % reserve, cross mode.
   */
  public static MarginTerms paper(Asset collateral) {
    return new MarginTerms(
        collateral,
        PAPER_MAX_LEVERAGE,
        Map.of(),
        DEFAULT_MAINTENANCE_RATIO,
        Map.of(),
        DEFAULT_RESERVE_RATIO,
        MarginMode.CROSS);
  }

  /** These terms in another margin mode. */
  public MarginTerms withMode(MarginMode newMode) {
    return new MarginTerms(
        collateral,
        maxLeverage,
        maxLeverageByPair,
        maintenanceRatio,
        maintenanceByPair,
        reserveRatio,
        newMode);
  }

  /** These terms with a pair's own highest leverage (such as Kraken's 5× on XBTUSD). */
  public MarginTerms withMaxLeverage(Pair pair, int max) {
    Map<Pair, Integer> byPair = new HashMap<>(maxLeverageByPair);
    byPair.put(requireNonNull(pair, "pair"), max);
    return new MarginTerms(
        collateral, maxLeverage, byPair, maintenanceRatio, maintenanceByPair, reserveRatio, mode);
  }

  /** These terms with a pair's own maintenance ratio. */
  public MarginTerms withMaintenance(Pair pair, BigDecimal ratio) {
    Map<Pair, BigDecimal> byPair = new HashMap<>(maintenanceByPair);
    byPair.put(requireNonNull(pair, "pair"), ratio);
    return new MarginTerms(
        collateral, maxLeverage, maxLeverageByPair, maintenanceRatio, byPair, reserveRatio, mode);
  }

  /** These terms with another reserve ratio. */
  public MarginTerms withReserve(BigDecimal ratio) {
    return new MarginTerms(
        collateral,
        maxLeverage,
        maxLeverageByPair,
        maintenanceRatio,
        maintenanceByPair,
        ratio,
        mode);
  }

  /** The highest leverage allowed on a pair. */
  public int maxLeverage(Pair pair) {
    return maxLeverageByPair.getOrDefault(pair, maxLeverage);
  }

  /** Maintenance margin ÷ initial margin on a pair. */
  public BigDecimal maintenanceRatio(Pair pair) {
    return maintenanceByPair.getOrDefault(pair, maintenanceRatio);
  }

  /**
   * {@code leverage} when it is between 1 and the pair's maximum.
   *
   * @throws IllegalArgumentException "leverage must be between 1 and 5 for XBTUSD, got 10"
   */
  public int requireLeverage(Pair pair, int leverage) {
    int max = maxLeverage(pair);
    if (leverage < 1 || leverage > max) {
      throw new IllegalArgumentException(
          "leverage must be between 1 and " + max + " for " + pair + ", got " + leverage);
    }
    return leverage;
  }

  /**
   * The pair when it is quoted in the collateral asset, the only money this account keeps.
   *
   * @throws IllegalArgumentException "pair XBTEUR is quoted in EUR, not in the collateral USD"
   */
  public Pair requireQuotedInCollateral(Pair pair) {
    if (!pair.quote().equals(collateral)) {
      throw new IllegalArgumentException(
          "pair "
              + pair
              + " is quoted in "
              + pair.quote()
              + ", not in the collateral "
              + collateral);
    }
    return pair;
  }

  private static void requireLeverageCap(String name, int max) {
    if (max < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, got " + max);
    }
  }

  private static BigDecimal requireMaintenance(String name, BigDecimal ratio) {
    Argument.positive(name, ratio);
    if (ratio.compareTo(BigDecimal.ONE) > 0) {
      throw new IllegalArgumentException(name + " must be at most 1, got " + ratio.toPlainString());
    }
    return Precision.canonical(ratio);
  }
}
