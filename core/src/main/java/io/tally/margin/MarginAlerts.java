package io.tally.margin;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * A ladder of margin alerts over successive margin levels: {@code MARGIN_CALL} below 200 %, {@code
 * LIQUIDATION_RISK} below 150 %, {@code MARGIN_CRITICAL} below 110 %, and {@code MARGIN_RESTORED}
 * when the level is back above 200 % after an alert. It raises an alert only when the level crosses
 * into a worse rung, never again while it stays there.
 *
 * <p>Hysteresis: falling, a rung is entered as soon as the level is below its threshold (a fall
 * straight through several rungs raises only the worst). Climbing, a rung is left only once the
 * level is above its threshold plus a band ({@value #DEFAULT_HYSTERESIS} points unless told
 * otherwise), silently, so that a level wavering around a threshold raises one alert, not one per
 * tick; leaving the last rung (above 210 % by default) raises {@code MARGIN_RESTORED}. A summary
 * with no margin used counts as fully restored.
 *
 * <p>Example: levels 250, 195, 190, 145, 105, 115, 125, 108, 220 raise MARGIN_CALL (195),
 * LIQUIDATION_RISK (145), MARGIN_CRITICAL (105), MARGIN_CRITICAL again (108, after 125 left the
 * rung) and MARGIN_RESTORED (220). Not thread-safe: one observer feeds it.
 */
public final class MarginAlerts {

  /** Below this margin level (%), a margin call. */
  public static final BigDecimal MARGIN_CALL_LEVEL = new BigDecimal("200");

  /** Below this margin level (%), liquidation risk. */
  public static final BigDecimal LIQUIDATION_RISK_LEVEL = new BigDecimal("150");

  /** Below this margin level (%), critical. */
  public static final BigDecimal CRITICAL_LEVEL = new BigDecimal("110");

  /** Percentage points above a threshold the level must climb to leave its rung. */
  public static final int DEFAULT_HYSTERESIS = 10;

  /** The thresholds by rung; rung 0 is no alert. */
  private static final List<BigDecimal> THRESHOLDS =
      List.of(MARGIN_CALL_LEVEL, LIQUIDATION_RISK_LEVEL, CRITICAL_LEVEL);

  private static final List<AlertType> RUNGS =
      List.of(AlertType.MARGIN_CALL, AlertType.LIQUIDATION_RISK, AlertType.MARGIN_CRITICAL);

  private final BigDecimal hysteresis;
  private int rung;

  /** A ladder with the default {@value #DEFAULT_HYSTERESIS}-point band and no alert standing. */
  public MarginAlerts() {
    this(BigDecimal.valueOf(DEFAULT_HYSTERESIS));
  }

  /**
   * A ladder with its own band, in percentage points.
   *
   * @throws IllegalArgumentException when the band is negative
   */
  public MarginAlerts(BigDecimal hysteresis) {
    this.hysteresis = Argument.notNegative("hysteresis", hysteresis);
  }

  /**
   * A ladder with the default band that continues from {@code standing}, the alert a previous
   * ladder last raised: a restart that reads the last stored alert does not raise it again while
   * the level stays in its rung. {@code MARGIN_RESTORED} or empty means none is standing.
   *
   * <p>Example: {@code MarginAlerts.resumed(Optional.of(AlertType.MARGIN_CALL))} raises nothing at
   * 195 % and {@code LIQUIDATION_RISK} at 145 %. A rung the previous ladder left silently (the
   * level climbed above its threshold plus the band without restoring) is left again by the first
   * observation, since the level is what decides it.
   */
  public static MarginAlerts resumed(Optional<AlertType> standing) {
    MarginAlerts alerts = new MarginAlerts();
    requireNonNull(standing, "standing")
        .filter(type -> type != AlertType.MARGIN_RESTORED)
        .ifPresent(type -> alerts.rung = RUNGS.indexOf(type) + 1);
    return alerts;
  }

  /** The alert standing (the worst rung not yet left); empty when none. */
  public Optional<AlertType> standing() {
    return rung == 0 ? Optional.empty() : Optional.of(RUNGS.get(rung - 1));
  }

  /** Observes the account's next figures; returns the alert they raise, if any. */
  public Optional<MarginAlert> observe(MarginSummary summary) {
    requireNonNull(summary, "summary");
    Optional<BigDecimal> level = summary.marginLevel();
    int below = level.map(MarginAlerts::rungBelow).orElse(0);
    if (below > rung) {
      rung = below;
      return Optional.of(alert(RUNGS.get(rung - 1), summary));
    }
    int was = rung;
    while (rung > 0
        && (level.isEmpty()
            || level.get().compareTo(THRESHOLDS.get(rung - 1).add(hysteresis)) > 0)) {
      rung--;
    }
    return was > 0 && rung == 0
        ? Optional.of(alert(AlertType.MARGIN_RESTORED, summary))
        : Optional.empty();
  }

  private static int rungBelow(BigDecimal level) {
    int below = 0;
    for (int i = 0; i < THRESHOLDS.size(); i++) {
      if (level.compareTo(THRESHOLDS.get(i)) < 0) {
        below = i + 1;
      }
    }
    return below;
  }

  private static MarginAlert alert(AlertType type, MarginSummary summary) {
    return new MarginAlert(
        type,
        summary.marginLevel(),
        summary.positions().stream().map(PositionMargin::pair).sorted().toList(),
        type == AlertType.MARGIN_CRITICAL
            ? summary.mostLosing().map(PositionMargin::pair)
            : Optional.empty());
  }
}
