package io.tally.engine.paper;

import io.tally.ledger.EventId;
import io.tally.margin.CollateralFlow;
import io.tally.margin.MarginAccount;
import io.tally.margin.MarginBook;
import io.tally.margin.MarginEvent;
import io.tally.margin.MarginFill;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A paper account's own event log beside the {@link MarginBook} it folds into: every event is
 * applied to the book first and kept only if the book took it, so replaying the log gives the same
 * account. Hands out the events' ids: {@code <name>-D<n>} deposits, {@code <name>-T<n>} fills,
 * {@code <name>-F<n>} funding. Not thread-safe: {@link PaperAccount} serialises.
 */
final class PaperLedger {

  private final String name;
  private final MarginBook book;
  private final List<MarginEvent> events = new ArrayList<>();

  /** The strategy of each logged event's order, null where none (aligned with the events). */
  private final List<String> strategies = new ArrayList<>();

  private long deposits;
  private long fills;
  private long charges;

  PaperLedger(PaperTerms terms) {
    this.name = terms.name();
    this.book = new MarginBook(terms.margin());
  }

  EventId nextDepositId() {
    return EventId.of(name + "-D" + ++deposits);
  }

  EventId nextFillId() {
    return EventId.of(name + "-T" + ++fills);
  }

  EventId nextChargeId() {
    return EventId.of(name + "-F" + ++charges);
  }

  /**
   * Takes up {@code events}, the log of an account that starts again, as if each had been applied
   * in turn: ids go on after theirs.
   */
  void resume(List<MarginEvent> events) {
    for (MarginEvent event : events) {
      apply(event);
      if (event instanceof CollateralFlow) {
        deposits++;
      } else if (event instanceof MarginFill) {
        fills++;
      } else {
        charges++;
      }
    }
  }

  /** Applies the event to the book, then logs it; a rejected event is neither. */
  void apply(MarginEvent event) {
    apply(event, Optional.empty());
  }

  /** Applies a fill of an order of {@code strategy} (if it names one), then logs it. */
  void apply(MarginEvent event, Optional<String> strategy) {
    book.apply(event);
    events.add(event);
    strategies.add(strategy.orElse(null));
  }

  /** The strategy of each fill logged from position {@code index} on whose order names one. */
  Map<EventId, String> strategiesFrom(int index) {
    Map<EventId, String> named = new HashMap<>();
    for (int i = index; i < events.size(); i++) {
      if (strategies.get(i) != null) {
        named.put(events.get(i).id(), strategies.get(i));
      }
    }
    return named;
  }

  MarginAccount account() {
    return book.account();
  }

  /** The account with its open trades only: cheap, for margin checks and summaries. */
  MarginAccount standing() {
    return book.standing();
  }

  int size() {
    return events.size();
  }

  List<MarginEvent> eventsFrom(int index) {
    return List.copyOf(events.subList(index, events.size()));
  }
}
