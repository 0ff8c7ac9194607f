package io.tally.engine.config;

import static java.util.Objects.requireNonNull;

import io.tally.margin.MarginMode;
import io.tally.margin.MarginTerms;
import io.tally.money.Asset;
import io.tally.money.Pair;
import io.tally.money.Precision;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * How margin positions are margined ({@code margin:} in the configuration): the mode, the
 * maintenance margin as a share of initial margin (overall and per pair), the cash reserve free
 * margin keeps aside, and the lowest margin level a withdrawal may leave.
 *
 * <p>Example: {@code MarginConfig.defaults().terms(Asset.of("USDT"), 125)}: cross margin, 50 %
 * maintenance, 10 % reserve, up to 125× leverage. Immutable.
 *
 * @param mode cross or isolated
 * @param maintenanceRatio maintenance ÷ initial margin, in (0, 1]
 * @param maintenanceByPair per-pair overrides of {@code maintenanceRatio}
 * @param reserveRatio share of equity kept aside, in [0, 1)
 * @param minWithdrawalLevel the margin level, in percent, a withdrawal must leave at least
 */
public record MarginConfig(
    MarginMode mode,
    BigDecimal maintenanceRatio,
    Map<Pair, BigDecimal> maintenanceByPair,
    BigDecimal reserveRatio,
    BigDecimal minWithdrawalLevel) {

  public MarginConfig {
    requireNonNull(mode, "mode");
    // Canonical decimals, so that equals is numeric equality (10 % is 0.1 however written).
    maintenanceRatio = Precision.canonical(requireNonNull(maintenanceRatio, "maintenanceRatio"));
    Map<Pair, BigDecimal> byPair = new HashMap<>();
    maintenanceByPair.forEach((pair, ratio) -> byPair.put(pair, Precision.canonical(ratio)));
    maintenanceByPair = Map.copyOf(byPair);
    reserveRatio = Precision.canonical(requireNonNull(reserveRatio, "reserveRatio"));
    minWithdrawalLevel =
        Precision.canonical(requireNonNull(minWithdrawalLevel, "minWithdrawalLevel"));
    // The ranges are MarginTerms's: building terms once checks them, with its messages.
    new MarginTerms(
        Asset.USD, 1, Map.of(), maintenanceRatio, maintenanceByPair, reserveRatio, mode);
    if (minWithdrawalLevel.signum() <= 0) {
      throw new IllegalArgumentException(
          "minWithdrawalLevel must be positive, got " + minWithdrawalLevel.toPlainString());
    }
  }

  /** Cross margin, 50 % maintenance, a 10 % reserve, withdrawals down to a 200 % level. */
  public static MarginConfig defaults() {
    return new MarginConfig(
        MarginMode.CROSS,
        MarginTerms.DEFAULT_MAINTENANCE_RATIO,
        Map.of(),
        MarginTerms.DEFAULT_RESERVE_RATIO,
        new BigDecimal("200"));
  }

  /** The terms of a margin account with {@code collateral}, leverage up to {@code maxLeverage}. */
  public MarginTerms terms(Asset collateral, int maxLeverage) {
    return new MarginTerms(
        collateral, maxLeverage, Map.of(), maintenanceRatio, maintenanceByPair, reserveRatio, mode);
  }
}
