package io.tally.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What committing a batch writes, worked out from what is already stored: the rows that are new,
 * the event revisions that change something, and the counts. Pure: it reads nothing and writes
 * nothing. Immutable.
 *
 * @param rows the batch's rows whose (source, row id) is neither stored nor earlier in the batch
 * @param revisions the event records to append, each numbered after the latest revision of its id
 * @param result the counts for the import log and the caller
 */
record BatchPlan(List<SourceRow> rows, List<EventRevision> revisions, CommitResult result) {

  BatchPlan {
    rows = List.copyOf(rows);
    revisions = List.copyOf(revisions);
  }

  /** The row ids of the batch by source, the lookups {@link #of} needs. */
  static Map<String, Set<String>> rowIdsBySource(ImportBatch batch) {
    Map<String, Set<String>> ids = new LinkedHashMap<>();
    for (SourceRow row : batch.rows()) {
      ids.computeIfAbsent(row.source(), source -> new LinkedHashSet<>()).add(row.rowId());
    }
    return ids;
  }

  /** The event ids of the batch, the lookups {@link #of} needs. */
  static Set<String> eventIds(ImportBatch batch) {
    Set<String> ids = new LinkedHashSet<>();
    batch.events().forEach(event -> ids.add(event.eventId()));
    return ids;
  }

  /**
   * The plan for {@code batch}, given the stored row ids among its rows (by source) and the latest
   * stored revision of its event ids (by id).
   */
  static BatchPlan of(
      ImportBatch batch,
      Map<String, Set<String>> storedRowIds,
      Map<String, EventRevision> latestRevisions) {
    Map<String, Set<String>> seen = new HashMap<>();
    List<SourceRow> rows = new ArrayList<>();
    for (SourceRow row : batch.rows()) {
      boolean stored = storedRowIds.getOrDefault(row.source(), Set.of()).contains(row.rowId());
      boolean first =
          seen.computeIfAbsent(row.source(), source -> new HashSet<>()).add(row.rowId());
      if (!stored && first) {
        rows.add(row);
      }
    }

    Map<String, EventRevision> latest = new HashMap<>(latestRevisions);
    List<EventRevision> revisions = new ArrayList<>();
    int added = 0;
    int revised = 0;
    int retracted = 0;
    int unchanged = 0;
    for (EventRecord event : batch.events()) {
      EventRevision previous = latest.get(event.eventId());
      boolean changes;
      if (previous == null) {
        // Retracting an event that was never stored has nothing to hide.
        changes = !event.retracted();
        added += changes ? 1 : 0;
      } else {
        changes = !previous.record().sameAs(event);
        if (changes && event.retracted()) {
          retracted++;
        } else if (changes) {
          revised++;
        }
      }
      if (!changes) {
        unchanged++;
        continue;
      }
      EventRevision revision =
          new EventRevision(event, previous == null ? 1 : previous.revision() + 1);
      latest.put(event.eventId(), revision);
      revisions.add(revision);
    }

    CommitResult result =
        new CommitResult(
            rows.size(), batch.rows().size() - rows.size(), added, revised, retracted, unchanged);
    return new BatchPlan(rows, revisions, result);
  }
}
