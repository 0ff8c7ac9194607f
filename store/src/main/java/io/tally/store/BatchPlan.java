package io.tally.store;

import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.RandomAccess;
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
    // The batch's rows, or a view of some of them: not copied, so rows made on demand stay so.
    rows =
        rows instanceof Picked || rows instanceof ImportBatch.DerivedRows
            ? rows
            : List.copyOf(rows);
    revisions = List.copyOf(revisions);
  }

  /** The row ids of the batch by source, the lookups {@link #of} needs. */
  static Map<String, Set<String>> rowIdsBySource(ImportBatch batch) {
    Map<String, Set<String>> ids = new LinkedHashMap<>();
    List<SourceRow> rows = batch.rows();
    for (int i = 0; i < rows.size(); i++) {
      ids.computeIfAbsent(source(rows, i), source -> new HashSet<>()).add(rowId(rows, i));
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
    return of(batch, rowIdsBySource(batch), storedRowIds, latestRevisions);
  }

  /**
   * The plan for {@code batch}, given its {@link #rowIdsBySource}, which it empties (each row id is
   * taken by the first row that has it: one set of a million ids, not two), the stored row ids
   * among them and the latest stored revision of its event ids.
   */
  static BatchPlan of(
      ImportBatch batch,
      Map<String, Set<String>> batchRowIds,
      Map<String, Set<String>> storedRowIds,
      Map<String, EventRevision> latestRevisions) {
    List<SourceRow> all = batch.rows();
    int[] picked = new int[all.size()];
    int count = 0;
    for (int i = 0; i < all.size(); i++) {
      String source = source(all, i);
      String rowId = rowId(all, i);
      boolean stored = storedRowIds.getOrDefault(source, Set.of()).contains(rowId);
      boolean first = batchRowIds.getOrDefault(source, Set.of()).remove(rowId);
      if (!stored && first) {
        picked[count++] = i;
      }
    }
    List<SourceRow> rows =
        count == all.size() ? all : new Picked(all, Arrays.copyOf(picked, count));

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

  /**
   * The earliest time the event revisions of a plan touch: the time of each revision written and of
   * each stored revision it replaces ({@code latestRevisions}, the latest stored revision by id, as
   * given to {@link #of}), since a revision can move an event in time. Everything the stored events
   * said from then on may have changed; nothing before it did. Empty if nothing is written.
   *
   * <p>Example: moving event E1 from 12:00 to 15:00 touches 12:00.
   */
  static Optional<Instant> earliestChange(
      List<EventRevision> revisions, Map<String, EventRevision> latestRevisions) {
    Optional<Instant> earliest = Optional.empty();
    for (EventRevision revision : revisions) {
      EventRecord record = revision.record();
      earliest = earlier(earliest, record.at());
      EventRevision replaced = latestRevisions.get(record.eventId());
      if (replaced != null) {
        earliest = earlier(earliest, replaced.record().at());
      }
    }
    return earliest;
  }

  private static Optional<Instant> earlier(Optional<Instant> earliest, Instant at) {
    return earliest.isPresent() && !at.isBefore(earliest.get()) ? earliest : Optional.of(at);
  }

  private static String source(List<SourceRow> rows, int index) {
    return rows instanceof ImportBatch.DerivedRows derived
        ? derived.source(index)
        : rows.get(index).source();
  }

  private static String rowId(List<SourceRow> rows, int index) {
    return rows instanceof ImportBatch.DerivedRows derived
        ? derived.rowId(index)
        : rows.get(index).rowId();
  }

  /** Some of a batch's rows, by their positions in it, in order. Immutable. */
  private static final class Picked extends AbstractList<SourceRow> implements RandomAccess {
    private final List<SourceRow> rows;
    private final int[] positions;

    Picked(List<SourceRow> rows, int[] positions) {
      this.rows = rows;
      this.positions = positions;
    }

    @Override
    public SourceRow get(int index) {
      return rows.get(positions[index]);
    }

    @Override
    public int size() {
      return positions.length;
    }
  }
}
