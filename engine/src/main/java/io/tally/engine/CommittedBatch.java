package io.tally.engine;

import static java.util.Objects.requireNonNull;

import io.tally.ledger.LedgerEvent;
import io.tally.store.CommitResult;
import io.tally.store.CommittedImport;
import io.tally.store.EventRecord;
import io.tally.store.ImportBatch;
import java.util.List;

/**
 * A batch this process has just committed to a store, with its events as the ledger events its
 * records' lines were formatted from: what {@link LiveBooks#fold} applies without reading the store
 * back (a paper account commits one after every few orders).
 *
 * <p>Example: {@code new CommittedBatch(store.commitImport(batch), batch, entries)}, where {@code
 * batch}'s records are {@code EventRecord.of(e.id().value(), e.at(), EventText.format(e))} for each
 * {@code e} of {@code entries}. Immutable.
 *
 * @param committed the import the commit made and what it wrote
 * @param batch the batch committed
 * @param events the batch's events, one per record and in the same order, as {@link
 *     io.tally.ledger.EventText#parse} reads its line back
 */
public record CommittedBatch(
    CommittedImport committed, ImportBatch batch, List<LedgerEvent> events) {

  public CommittedBatch {
    requireNonNull(committed, "committed");
    requireNonNull(batch, "batch");
    events = List.copyOf(events);
    List<EventRecord> records = batch.events();
    if (records.size() != events.size()) {
      throw new IllegalArgumentException(
          "the batch has " + records.size() + " records but " + events.size() + " events");
    }
    for (int i = 0; i < events.size(); i++) {
      if (records.get(i).retracted()
          || !records.get(i).eventId().equals(events.get(i).id().value())) {
        throw new IllegalArgumentException(
            "record " + i + " of the batch is " + records.get(i) + ", not " + events.get(i));
      }
    }
  }

  /** The import the commit made. */
  public long importId() {
    return committed.importId();
  }

  /**
   * Whether the commit wrote, of what the books fold, only new events: every record was the first
   * revision of its id, and the batch has no price.
   */
  boolean onlyAppendedEvents() {
    CommitResult result = committed.result();
    return result.eventsAdded() == events.size()
        && result.eventsRevised() == 0
        && result.eventsRetracted() == 0
        && result.eventsUnchanged() == 0
        && batch.prices().isEmpty();
  }
}
