package io.tally.engine;

import static java.util.Objects.requireNonNull;

import io.tally.ledger.EventText;
import io.tally.ledger.LedgerEvent;
import io.tally.store.EventRecord;
import io.tally.store.EventRevision;
import io.tally.store.PortfolioStore;
import io.tally.store.StoredPrice;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the imports after one import wrote, when they only append to a fold of the log up to it: the
 * one rule for resuming ({@link LiveBooks}). Every later event revision is the first revision of a
 * new event that sorts after the last event folded, and every later price is dated after it.
 * Anything else (a revised or retracted event, an event back in time, a price for a moment already
 * folded) is no tail: the fold must start again from the log. {@link LiveBooks} and the daily
 * history's cache both follow it.
 *
 * <p>Example: {@code AppendedTail.since(store, importId, last).map(AppendedTail::events)}.
 * Immutable.
 *
 * @param events the new events, in {@link LedgerEvent#ORDER}
 * @param prices the new prices, in the order written
 */
public record AppendedTail(List<LedgerEvent> events, List<StoredPrice> prices) {

  public AppendedTail {
    events = List.copyOf(events);
    prices = List.copyOf(prices);
  }

  /**
   * What {@code store}'s imports after {@code importId} wrote, if it only appends to a fold whose
   * last event is {@code last}; empty if the fold must start again.
   */
  public static Optional<AppendedTail> since(
      PortfolioStore store, long importId, Optional<LedgerEvent> last) {
    requireNonNull(last, "last");
    List<EventRevision> revisions = store.revisionsSince(importId);
    List<LedgerEvent> events = new ArrayList<>(revisions.size());
    for (EventRevision revision : revisions) {
      EventRecord record = revision.record();
      if (revision.revision() != 1 || record.retracted()) {
        return Optional.empty();
      }
      LedgerEvent event = EventText.parse(record.line());
      if (last.isPresent() && LedgerEvent.ORDER.compare(event, last.get()) <= 0) {
        return Optional.empty();
      }
      events.add(event);
    }
    List<StoredPrice> prices = store.pricesSince(importId);
    Instant lastAt = last.map(LedgerEvent::at).orElse(Instant.MIN);
    for (StoredPrice price : prices) {
      if (!price.at().isAfter(lastAt)) {
        return Optional.empty();
      }
    }
    events.sort(LedgerEvent.ORDER);
    return Optional.of(new AppendedTail(events, prices));
  }
}
