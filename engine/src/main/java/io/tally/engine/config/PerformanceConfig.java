package io.tally.engine.config;

import static java.util.Objects.requireNonNull;

import io.tally.metrics.RatioSettings;
import io.tally.metrics.ResetSchedule;
import io.tally.money.Asset;
import io.tally.series.HistorySettings;
import java.time.ZoneId;

/**
 * The {@code performance:} and {@code drawdown:} sections: how the daily history is cut and which
 * flows are external, the conventions of the risk ratios, the default benchmark, and when the live
 * daily and weekly drawdown windows start again (ACCOUNTING.md §9).
 *
 * <p>Example: {@code PerformanceConfig.defaults().history().zone()} is UTC; in YAML:
 *
 * <pre>{@code
 * performance:
 *   timezone: Europe/Berlin
 *   rewards_as: contribution
 *   risk_free_rate: 0.04
 * drawdown:
 *   daily_reset_hour_utc: 8
 *   weekly_reset_day: monday
 * }</pre>
 *
 * Immutable.
 *
 * @param history the reporting time zone and whether rewards are contributions
 * @param ratios the annualisation factor, risk-free rate and minimum observations
 * @param benchmark the asset {@code tally performance} compares with unless told otherwise
 * @param drawdown when the live daily and weekly drawdown windows reset
 */
public record PerformanceConfig(
    HistorySettings history, RatioSettings ratios, Asset benchmark, ResetSchedule drawdown) {

  public PerformanceConfig {
    requireNonNull(history, "history");
    requireNonNull(ratios, "ratios");
    requireNonNull(benchmark, "benchmark");
    requireNonNull(drawdown, "drawdown");
  }

  /** UTC days, rewards as income, factor 365, no risk-free rate, XBT, resets at 00:00 Monday. */
  public static PerformanceConfig defaults() {
    return new PerformanceConfig(
        new HistorySettings(ZoneId.of("UTC"), false),
        RatioSettings.DEFAULT,
        Asset.of("XBT"),
        ResetSchedule.DEFAULT);
  }

  /** The reporting time zone. */
  public ZoneId zone() {
    return history.zone();
  }
}
