package io.tally.engine.sync;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The orders resting on Kraken when a sync asked ({@code OpenOrders}), oldest first. They are not
 * books and are not stored: each sync reads them again, and a restart knows none until its first
 * sync.
 *
 * <p>Example: {@code OpenOrders[asOf=2026-03-02T12:00:01Z, orders=[OpenOrder[txid=OB5VMB-…, …]]]}.
 * Immutable.
 *
 * @param asOf when Kraken answered (Tally's clock)
 * @param orders the open orders, oldest first (by the time they were placed, then by id)
 */
public record OpenOrders(Instant asOf, List<OpenOrder> orders) {

  public OpenOrders {
    requireNonNull(asOf, "asOf");
    orders =
        requireNonNull(orders, "orders").stream()
            .sorted(Comparator.comparing(OpenOrder::openedAt).thenComparing(OpenOrder::txid))
            .toList();
  }
}
