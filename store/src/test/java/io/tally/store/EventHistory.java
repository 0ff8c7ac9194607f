package io.tally.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a store's events must read back as, worked out the plain way from every revision and the
 * import that wrote it: a test's model of {@code event_block}, with no blocks, keys or SQL.
 *
 * <p>Example: {@code history.add(3, new EventRevision(EventRecord.of("E1", t, "A"), 1))}, then
 * {@code history.visible(Long.MAX_VALUE)} is {@code [E1 A]}. Mutable; for one test.
 */
final class EventHistory {

  private record Written(long importId, EventRevision revision) {}

  private final List<Written> written = new ArrayList<>();

  /** Records that import {@code importId} wrote {@code revision}, after every revision before. */
  void add(long importId, EventRevision revision) {
    written.add(new Written(importId, revision));
  }

  /** The latest revision of {@code eventId} as of import {@code asOfImport}, if it has one. */
  Optional<EventRevision> latest(String eventId, long asOfImport) {
    return Optional.ofNullable(latestById(asOfImport).get(eventId));
  }

  /** The visible events as of import {@code asOfImport}, by time and then id. */
  List<EventRecord> visible(long asOfImport) {
    List<EventRecord> visible = new ArrayList<>();
    for (EventRevision revision : latestById(asOfImport).values()) {
      if (!revision.record().retracted()) {
        visible.add(revision.record());
      }
    }
    visible.sort(EventTable.ORDER);
    return visible;
  }

  /** Every revision written by the imports after {@code importId}, in write order. */
  List<EventRevision> since(long importId) {
    return written.stream()
        .filter(one -> one.importId() > importId)
        .map(Written::revision)
        .toList();
  }

  /** Every id that has a revision. */
  List<String> ids() {
    return List.copyOf(latestById(Long.MAX_VALUE).keySet());
  }

  private Map<String, EventRevision> latestById(long asOfImport) {
    Map<String, EventRevision> latest = new HashMap<>();
    for (Written one : written) {
      if (one.importId() <= asOfImport) {
        latest.merge(
            one.revision().record().eventId(),
            one.revision(),
            (a, b) -> b.revision() > a.revision() ? b : a);
      }
    }
    return latest;
  }
}
