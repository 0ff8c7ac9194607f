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
 * for the assets held and kept until the day or the assets change: a valuation does not read a
 * month of prices again.
 *
 * <p>Example: {@code new DailyCorrelationGroups(correlations, zone, new BigDecimal("0.7"),
 * 30).of(Set.of(XBT, ETH), now)}. Thread-safe.
 */
final class DailyCorrelationGroups implements CorrelationGroups {

  private final StoredCorrelations correlations;
  private final ZoneId zone;
  private final BigDecimal threshold;
  private final int windowDays;
  private LocalDate day;
  private Set<Asset> assets = Set.of();
  private Map<Asset, Set<Asset>> groups = Map.of();

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
    if (today.equals(day) && held.equals(assets)) {
      return groups;
    }
    CorrelationMatrix matrix = correlations.matrix(held, today, windowDays);
    Map<Asset, Set<Asset>> next = new HashMap<>();
    for (Set<Asset> group : matrix.groups(threshold)) {
      for (Asset asset : group) {
        next.put(asset, group);
      }
    }
    day = today;
    assets = Set.copyOf(held);
    groups = Map.copyOf(next);
    return groups;
  }
}
