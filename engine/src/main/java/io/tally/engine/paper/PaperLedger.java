package io.tally.engine.paper;

import io.tally.ledger.EventId;
import io.tally.ledger.LedgerEvent;
import io.tally.ledger.Trade;
import io.tally.margin.CollateralFlow;
import io.tally.margin.MarginAccount;
import io.tally.margin.MarginBook;
import io.tally.margin.MarginEvent;
import io.tally.margin.MarginFill;
import io.tally.money.Asset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A paper account's own event log beside the {@link MarginBook} it folds into: every event is
 * applied to the book first and kept only if the book took it, so replaying the log gives the same
 * account. As it is applied, each event's ledger entries are made ({@link PaperJournal}) and wait
 * until the store takes them ({@link #takeEntries}); once the store has them, the events themselves
 * and the book's closed trades may be forgotten ({@link #forgetTaken}), so that an account whose
 * log is in a store does not also hold it in memory. Hands out the events' ids: {@code <name>-D<n>}
 * deposits, {@code <name>-T<n>} fills, {@code <name>-F<n>} funding. Not thread-safe: {@link
 * PaperAccount} serialises.
 */
final class PaperLedger {

  private final String name;
  private final Asset collateral;
  private final MarginBook book;

  /** The log from event number {@link #forgotten} on. */
  private final List<MarginEvent> events = new ArrayList<>();

  /** How many events were applied before the first one {@link #events} holds. */
  private int forgotten;

  /** How many events were applied when the store last took the entries. */
  private int taken;

  /** The ledger entries of the events applied since the store last took them. */
  private final List<LedgerEvent> unwritten = new ArrayList<>();

  private long deposits;
  private long fills;
  private long charges;

  PaperLedger(PaperTerms terms) {
    this.name = terms.name();
    this.collateral = terms.collateral();
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
   * in turn: ids go on after theirs, and their ledger entries, in the store already, are not taken
   * again.
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
    unwritten.clear();
    taken = size();
  }

  /** Applies the event to the book, then logs it; a rejected event is neither. */
  void apply(MarginEvent event) {
    apply(event, Optional.empty());
  }

  /** Applies a fill of an order of {@code strategy} (if it names one), then logs it. */
  void apply(MarginEvent event, Optional<String> strategy) {
    List<LedgerEvent> entries =
        PaperJournal.apply(book, collateral, event, strategy.orElse(Trade.MANUAL));
    events.add(event);
    unwritten.addAll(entries);
  }

  /** The ledger entries of the events applied since the last call, in order; then none. */
  List<LedgerEvent> takeEntries() {
    List<LedgerEvent> entries = List.copyOf(unwritten);
    unwritten.clear();
    taken = size();
    return entries;
  }

  /** Drops from memory the events whose entries the store has taken, and the closed trades. */
  void forgetTaken() {
    events.subList(0, taken - forgotten).clear();
    forgotten = taken;
    book.forgetClosedTrades();
  }

  MarginAccount account() {
    return book.account();
  }

  /** The account with its open trades only: cheap, for margin checks and summaries. */
  MarginAccount standing() {
    return book.standing();
  }

  /** How many events were applied, forgotten ones included. */
  int size() {
    return forgotten + events.size();
  }

  /** The number of the first event still held. */
  int firstHeld() {
    return forgotten;
  }

  /** The events from number {@code index} on; {@code index} at least {@link #firstHeld()}. */
  List<MarginEvent> eventsFrom(int index) {
    return List.copyOf(events.subList(index - forgotten, events.size()));
  }
}
