package io.tally.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * SQL for table {@code risk_event}: the risk events the engine raised, kept. Newest first is by
 * time, then by insertion order ({@code seq}) among equal times.
 */
final class RiskEventTable {

  private RiskEventTable() {}

  /** Appends {@code event}. */
  static void insert(Handle handle, StoredRiskEvent event) {
    handle
        .createUpdate("INSERT INTO risk_event (at, type, body) VALUES (?, ?, ?)")
        .bind(0, StoredInstant.toText(event.at()))
        .bind(1, event.type())
        .bind(2, event.body())
        .execute();
  }

  /**
   * At most {@code limit} events raised at or after {@code since} if given, of one of {@code types}
   * if any is given, newest first.
   */
  static List<StoredRiskEvent> newest(
      Handle handle, Optional<Instant> since, Set<String> types, int limit) {
    List<String> where = new ArrayList<>();
    since.ifPresent(at -> where.add("at >= :since"));
    List<String> sorted = new ArrayList<>(new TreeSet<>(types));
    if (!sorted.isEmpty()) {
      List<String> names = new ArrayList<>();
      for (int i = 0; i < sorted.size(); i++) {
        names.add(":type" + i);
      }
      where.add("type IN (" + String.join(", ", names) + ")");
    }
    Query query =
        handle.createQuery(
            "SELECT at, type, body FROM risk_event"
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY at DESC, seq DESC LIMIT :limit");
    since.ifPresent(at -> query.bind("since", StoredInstant.toText(at)));
    for (int i = 0; i < sorted.size(); i++) {
      query.bind("type" + i, sorted.get(i));
    }
    return query
        .bind("limit", limit)
        .map(
            (result, context) ->
                new StoredRiskEvent(
                    StoredInstant.fromText(result.getString(1)),
                    result.getString(2),
                    result.getString(3)))
        .list();
  }
}
