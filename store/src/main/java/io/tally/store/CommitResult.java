package io.tally.store;

/**
 * What one {@link PortfolioStore#commit} wrote: how many raw rows were new and how many were
 * already stored, and what became of each event record.
 *
 * <p>Example: committing the same batch twice gives {@code CommitResult[rowsAdded=3, rowsSkipped=0,
 * eventsAdded=2, ...]} and then {@code CommitResult[rowsAdded=0, rowsSkipped=3, eventsAdded=0,
 * eventsRevised=0, eventsRetracted=0, eventsUnchanged=2]}. Immutable.
 *
 * @param rowsAdded rows stored for the first time
 * @param rowsSkipped rows whose source and row id were already stored (or came earlier in the same
 *     batch); they are not updated
 * @param eventsAdded records of event ids seen for the first time
 * @param eventsRevised live records that replaced a different latest revision, including ones that
 *     bring a retracted event back
 * @param eventsRetracted tombstones that retracted a live event
 * @param eventsUnchanged records equal to the latest revision, and tombstones for events that are
 *     unknown or already retracted; nothing was written for them
 */
public record CommitResult(
    int rowsAdded,
    int rowsSkipped,
    int eventsAdded,
    int eventsRevised,
    int eventsRetracted,
    int eventsUnchanged) {

  public CommitResult {
    requireCount(rowsAdded, "rowsAdded");
    requireCount(rowsSkipped, "rowsSkipped");
    requireCount(eventsAdded, "eventsAdded");
    requireCount(eventsRevised, "eventsRevised");
    requireCount(eventsRetracted, "eventsRetracted");
    requireCount(eventsUnchanged, "eventsUnchanged");
  }

  private static void requireCount(int count, String name) {
    if (count < 0) {
      throw new IllegalArgumentException(name + " must not be negative: " + count);
    }
  }
}
