package io.tally.ledger;

import java.time.Instant;
import java.util.Comparator;

/**
 * One economic event on the account, classified from the exchange's ledger rows. The books are a
 * fold over these events in {@link #ORDER}.
 *
 * <p>Example: a {@link Trade} that sold {@code USD 40000} for {@code XBT 1}. Implementations are
 * immutable records.
 */
public sealed interface LedgerEvent
    permits Trade, CashFlow, InternalMove, MarginPnl, PositionFill, PositionCarry, Unclassified {

  /**
   * Replay order: by time, ties broken by id (the exchange's refid), so replay is deterministic.
   */
  Comparator<LedgerEvent> ORDER =
      Comparator.comparing(LedgerEvent::at).thenComparing(LedgerEvent::id);

  /** The event's identity; ingesting an event with a known id twice changes nothing. */
  EventId id();

  /** When the event happened (UTC). */
  Instant at();
}
