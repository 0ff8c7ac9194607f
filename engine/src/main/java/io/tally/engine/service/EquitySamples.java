package io.tally.engine.service;

import io.tally.series.EquityPoint;
import io.tally.store.PortfolioStore;
import io.tally.store.StoredEquityPoint;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The equity samples a store keeps, read back as points of the equity series.
 *
 * <p>Example: {@code EquitySamples.since(store, Instant.EPOCH)} is every retained sample, oldest
 * first. Stateless.
 */
final class EquitySamples {

  private EquitySamples() {}

  /** The samples taken at or after {@code since}, oldest first. */
  static List<EquityPoint> since(PortfolioStore store, Instant since) {
    List<EquityPoint> samples = new ArrayList<>();
    for (StoredEquityPoint stored : store.equityPoints(since)) {
      samples.add(
          new EquityPoint(
              stored.at(),
              new BigDecimal(stored.equity()),
              new BigDecimal(stored.cash()),
              new BigDecimal(stored.flows()),
              new BigDecimal(stored.botPnl())));
    }
    return samples;
  }
}
