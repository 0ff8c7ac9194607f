package io.tally.engine.risk;

import static java.util.Objects.requireNonNull;

import io.tally.money.Pair;
import io.tally.risk.OrderRules;
import io.tally.store.PortfolioStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * Kraken's order rules as the store lists them ({@link ListedOrderRules}), read again when the last
 * read is older than {@link #MAX_AGE}: a service started before its first sync (the demo) learns
 * the rules once that sync has stored Kraken's pair list, without a store read per check.
 *
 * <p>Example: {@code new FreshOrderRules(store, clock).apply(xbtusd)}. Thread-safe.
 */
final class FreshOrderRules implements Function<Pair, Optional<OrderRules>> {

  /** How long a read of the listing is trusted. */
  static final Duration MAX_AGE = Duration.ofMinutes(1);

  private final PortfolioStore store;
  private final Clock clock;
  private ListedOrderRules listed;
  private Instant readAt;

  FreshOrderRules(PortfolioStore store, Clock clock) {
    this.store = requireNonNull(store, "store");
    this.clock = requireNonNull(clock, "clock");
  }

  @Override
  public Optional<OrderRules> apply(Pair pair) {
    return current().of(pair);
  }

  private synchronized ListedOrderRules current() {
    Instant now = clock.instant();
    if (listed == null || now.isAfter(readAt.plus(MAX_AGE))) {
      listed = ListedOrderRules.of(store);
      readAt = now;
    }
    return listed;
  }
}
