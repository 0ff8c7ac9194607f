package io.tally.series;

import static java.util.Objects.requireNonNull;

import java.time.ZoneId;

/**
 * How {@link DailyHistory} cuts the log into days and which flows are external: the reporting time
 * zone (ACCOUNTING.md §1; UTC unless configured) and whether rewards are contributions (a flow, as
 * a deposit) or income (a return), the {@code rewards_as} choice of §4.
 *
 * <p>Example: {@code HistorySettings.defaults()} is UTC with rewards as income; {@code new
 * HistorySettings(ZoneId.of("Europe/Berlin"), true)} ends days at Berlin's midnight and counts
 * staking rewards as money put in. Immutable.
 */
public record HistorySettings(ZoneId zone, boolean rewardsAsContribution) {

  public HistorySettings {
    requireNonNull(zone, "zone");
  }

  /** UTC days, rewards as income. */
  public static HistorySettings defaults() {
    return new HistorySettings(ZoneId.of("UTC"), false);
  }
}
