package io.tally.report.journal;

import static java.util.Objects.requireNonNull;

import io.tally.ledger.EventId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One entry of a journal, for one event of the history: a transaction, or a note for an event that
 * moves no balance and no cost (an internal move without a fee, a margin position's fill).
 *
 * <p>Example: {@code Note(2024-05-01, …, R1, "internal move EUR 100 spot / main -> earn / flexible:
 * a location change, no posting")}. Implementations are immutable records.
 */
sealed interface JournalEntry permits JournalEntry.Transaction, JournalEntry.Note {

  /** The date of the event in the reporting time zone. */
  LocalDate date();

  /** When the event happened. */
  Instant at();

  /** The event. */
  EventId event();

  /** What happened, in words. */
  String narration();

  /**
   * A balanced transaction: its postings' weights add up to zero in every commodity. {@code linked}
   * marks one of the two halves of an event split in two (see {@link Account#CLEARING}).
   */
  record Transaction(
      LocalDate date,
      Instant at,
      EventId event,
      String narration,
      List<Posting> postings,
      boolean linked)
      implements JournalEntry {
    public Transaction {
      requireNonNull(date, "date");
      requireNonNull(at, "at");
      requireNonNull(event, "event");
      requireNonNull(narration, "narration");
      postings = List.copyOf(postings);
    }
  }

  /** An event written as a comment only, saying why it has no posting. */
  record Note(LocalDate date, Instant at, EventId event, String narration) implements JournalEntry {
    public Note {
      requireNonNull(date, "date");
      requireNonNull(at, "at");
      requireNonNull(event, "event");
      requireNonNull(narration, "narration");
    }
  }
}
