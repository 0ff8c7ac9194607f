package io.tally.engine.risk;

import static java.util.Objects.requireNonNull;

import io.tally.money.Asset;
import io.tally.risk.CorrelationMatrix;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The correlated groups from the store's prices ({@link StoredCorrelations}), worked out once a day
 * for each set of assets held and kept until the day changes: a valuation does not read a month of
 * prices again, nor does an account that goes flat and back within the day (a bot's round trips, a
 * paper account's every other order). At most {@value #SETS_PER_DAY} sets are kept a day; the next
 * set clears them.
 *
 * <p>Example: {@code new DailyCorrelationGroups(correlations, zone, new BigDecimal("0.7"),
 * 30).of(Set.of(XBT, ETH), now)}. Thread-safe.
 */
final class DailyCorrelationGroups implements CorrelationGroups {

  /** How many sets of assets held one day's groups are kept for. */
  static final int SETS_PER_DAY = 32;

  private final StoredCorrelations correlations;
  private final ZoneId zone;
  private final BigDecimal threshold;
  private final int windowDays;
  private LocalDate day;
  private final Map<Set<Asset>, Map<Asset, Set<Asset>>> groupsByHeld = new HashMap<>();

  DailyCorrelationGroups(
      StoredCorrelations correlations, ZoneId zone, BigDecimal threshold, int windowDays) {
    this.correlations = requireNonNull(correlations, "correlations");
    this.zone = requireNonNull(zone, "zone");
    this.threshold = requireNonNull(threshold, "threshold");
    this.windowDays = windowDays;
  }

  @Override
  public synchronized Map<Asset, Set<Asset>> of(Set<Asset> held, Instant asOf) {
    LocalDate today = asOf.atZone(zone).toLocalDate();
    if (!today.equals(day)
        || groupsByHeld.size() >= SETS_PER_DAY && !groupsByHeld.containsKey(held)) {
      groupsByHeld.clear();
      day = today;
    }
    Map<Asset, Set<Asset>> known = groupsByHeld.get(held);
    if (known != null) {
      return known;
    }
    CorrelationMatrix matrix = correlations.matrix(held, today, windowDays);
    Map<Asset, Set<Asset>> next = new HashMap<>();
    for (Set<Asset> group : matrix.groups(threshold)) {
      for (Asset asset : group) {
        next.put(asset, group);
      }
    }
    Map<Asset, Set<Asset>> groups = Map.copyOf(next);
    groupsByHeld.put(Set.copyOf(held), groups);
    return groups;
  }
}
