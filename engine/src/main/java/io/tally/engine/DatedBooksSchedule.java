package io.tally.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.function.Consumer;

/**
 * Which UTC midnights a fold of {@link PastBooks} saves its books at as it passes them: every month
 * start, so any day has saved books less than a month before it, and the first midnight after
 * {@value #EVENTS_PER_STATE} events were folded since the last books saved or resumed from, so a
 * question folds at most about that many events and a day's, however busy the account. A quiet
 * account saves about twelve a year; a million events over two years about two hundred and twenty.
 *
 * <p>Example: a fold resumed from the books of 2024-03-01 that folds 12,000 events by March 20
 * saves at the first midnights after its 5,000th and 10,000th event, and at 2024-04-01. Mutable:
 * one fold's.
 */
final class DatedBooksSchedule {

  /** How many events a fold passes before it saves its books at the next midnight. */
  static final int EVENTS_PER_STATE = 5_000;

  private static final Duration DAY = Duration.ofDays(1);

  private final int eventsPerState;
  private Instant next;
  private int folded;

  /** A schedule for a fold whose books hold the events before {@code start}. */
  DatedBooksSchedule(Instant start) {
    this(start, EVENTS_PER_STATE);
  }

  /** A schedule that saves after every {@code eventsPerState} events instead, for tests. */
  DatedBooksSchedule(Instant start, int eventsPerState) {
    if (eventsPerState < 1) {
      throw new IllegalArgumentException("eventsPerState must be at least 1: " + eventsPerState);
    }
    this.next = midnightAfter(start);
    this.eventsPerState = eventsPerState;
  }

  /**
   * Passes the midnights up to and including {@code at}, the time of the next event to fold (or the
   * fold's end), giving {@code save} those to save the books at: the books then hold exactly the
   * events before each (an event at a midnight is folded after it).
   */
  void passTo(Instant at, Consumer<Instant> save) {
    while (!next.isAfter(at)) {
      if (folded >= eventsPerState || isMonthStart(next)) {
        save.accept(next);
        folded = 0;
      }
      next = next.plus(DAY);
    }
  }

  /** Counts one event folded. */
  void folded() {
    folded++;
  }

  /** The first UTC midnight strictly after {@code at}. */
  static Instant midnightAfter(Instant at) {
    return at.atZone(ZoneOffset.UTC)
        .toLocalDate()
        .plusDays(1)
        .atStartOfDay(ZoneOffset.UTC)
        .toInstant();
  }

  /** The first UTC month start strictly after {@code at}. */
  static Instant monthStartAfter(Instant at) {
    ZonedDateTime start =
        at.atZone(ZoneOffset.UTC).withDayOfMonth(1).toLocalDate().atStartOfDay(ZoneOffset.UTC);
    return start.plusMonths(1).toInstant();
  }

  private static boolean isMonthStart(Instant midnight) {
    return midnight.atZone(ZoneOffset.UTC).getDayOfMonth() == 1;
  }
}
