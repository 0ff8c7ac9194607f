package io.tally.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * The books as they stood at a moment, saved so that a question about a past day folds only the
 * events after it: the engine's state after folding every stored event dated strictly before {@code
 * before}, for the books {@code books} names. The store keeps the state as text, never reads it,
 * and deletes it when a commit writes something dated before {@code before} ({@link
 * PortfolioStore#commit}).
 *
 * <p>Example: {@code new DatedBooks("USD WAC KFEE=0.01", Instant.parse("2024-03-01T00:00:00Z"), 7,
 * books.checkpoint())} is the books of every event of February 2024 and before, folded from what
 * imports up to 7 had stored.
 *
 * <p>{@link #toString()} shows the length of the state, not the state. Immutable.
 *
 * @param books the engine's name for the books, such as {@code USD WAC KFEE=0.01}; not blank
 * @param before the moment: the state holds the events with {@code at < before}; in the years 0000
 *     to 9999
 * @param importId the newest import whose events the fold saw, such as {@link
 *     PortfolioStore#lastImportId()} read before reading them; not negative
 * @param state the engine's state as text, not blank; on PostgreSQL it cannot hold the NUL
 *     character
 */
public record DatedBooks(String books, Instant before, long importId, String state) {

  public DatedBooks {
    requireNonNull(books, "books");
    if (books.isBlank()) {
      throw new IllegalArgumentException("books must not be blank");
    }
    StoredInstant.requireStorable(before, "before");
    if (importId < 0) {
      throw new IllegalArgumentException("importId must not be negative: " + importId);
    }
    requireNonNull(state, "state");
    if (state.isBlank()) {
      throw new IllegalArgumentException("state must not be blank");
    }
  }

  @Override
  public String toString() {
    return "DatedBooks[books="
        + books
        + ", before="
        + before
        + ", importId="
        + importId
        + ", state="
        + state.length()
        + " chars]";
  }
}
