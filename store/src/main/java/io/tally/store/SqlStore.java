package io.tally.store;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import tools.jackson.core.JacksonException;

/**
 * The {@link PortfolioStore} contract written once over Jdbi and plain JDBC: the tables' SQL, the
 * batch plan of a commit and the wrapping of failures. A subclass says how a handle or connection
 * is had ({@link #withHandle}, {@link #withConnection}, {@link #inTransaction}) and which {@link
 * Dialect} its database speaks. Thread-safe if the subclass's three methods are.
 */
abstract sealed class SqlStore implements PortfolioStore permits SqliteStore, PostgresStore {

  private final String database;
  private final Dialect dialect;
  private final Clock clock;

  /**
   * @param database the database as messages name it: a file, or a URL without its password
   */
  SqlStore(String database, Dialect dialect, Clock clock) {
    this.database = requireNonNull(database, "database");
    this.dialect = requireNonNull(dialect, "dialect");
    this.clock = requireNonNull(clock, "clock");
  }

  /** Runs {@code work} on a handle of the open store, as one or more autocommitted statements. */
  abstract <T> T withHandle(Work<T> work) throws SQLException;

  /**
   * Runs {@code work} on the open store's JDBC connection, as one or more autocommitted statements:
   * the reads a short command makes, which need not start Jdbi (a tenth of a second of {@code tally
   * report}'s start, docs/BENCHMARKS.md §22).
   */
  abstract <T> T withConnection(ConnectionWork<T> work) throws SQLException;

  /**
   * Runs {@code work}, which reads with more than one statement, on the open store's JDBC
   * connection in one read transaction: every statement sees the same committed state, whatever
   * another process commits meanwhile. Nothing is written.
   */
  abstract <T> T withSnapshot(ConnectionWork<T> work) throws SQLException;

  /**
   * Runs {@code work} in one transaction that no other commit runs alongside, and commits it; rolls
   * back if {@code work} throws.
   */
  abstract <T> T inTransaction(Work<T> work) throws SQLException;

  /**
   * Readies a transaction's connection for an import of {@code records} rows and event records:
   * nothing, unless a store says otherwise.
   */
  void beforeImport(Connection connection, long records) throws SQLException {}

  /** The database as messages name it: a file, or a URL without its password. */
  final String database() {
    return database;
  }

  /** The exception for use after {@link #close()}. */
  final IllegalStateException closedException() {
    return new IllegalStateException("The store of " + database + " is closed");
  }

  @Override
  public final CommittedImport commitImport(ImportBatch batch) {
    requireNonNull(batch, "batch");
    return run(
        () ->
            inTransaction(
                transaction -> {
                  beforeImport(
                      transaction.getConnection(),
                      (long) batch.rows().size() + batch.events().size());
                  Map<String, Set<String>> batchIds = BatchPlan.rowIdsBySource(batch);
                  Map<String, Set<String>> stored = new HashMap<>();
                  for (Map.Entry<String, Set<String>> ids : batchIds.entrySet()) {
                    stored.put(
                        ids.getKey(),
                        RowTable.known(
                            transaction.getConnection(), dialect, ids.getKey(), ids.getValue()));
                  }
                  Map<String, EventRevision> latest =
                      EventTable.latest(
                          transaction.getConnection(), dialect, BatchPlan.eventIds(batch));
                  BatchPlan plan = BatchPlan.of(batch, batchIds, stored, latest);
                  long importId =
                      ImportLog.append(
                          transaction.getConnection(),
                          clock.instant(),
                          batch.description(),
                          plan.result());
                  RowTable.insert(transaction.getConnection(), plan.rows(), importId);
                  EventTable.append(
                      transaction.getConnection(),
                      plan.revisions(),
                      importId,
                      id -> latest.containsKey(id) && !latest.get(id).record().retracted());
                  Optional<Instant> pricesChanged =
                      MarkTable.insertPrices(transaction.getConnection(), batch.prices(), importId);
                  MarkTable.insertMarks(transaction.getConnection(), batch.marks(), importId);
                  // The books dated after the earliest event or price written are stale now.
                  Optional<Instant> eventsChanged =
                      BatchPlan.earliestChange(plan.revisions(), latest);
                  Optional<Instant> changed =
                      Stream.of(eventsChanged, pricesChanged)
                          .flatMap(Optional::stream)
                          .min(Comparator.naturalOrder());
                  if (changed.isPresent()) {
                    DatedBooksTable.deleteAfter(transaction.getConnection(), changed.get());
                  }
                  return new CommittedImport(importId, plan.result());
                }),
        () ->
            "commit import '"
                + batch.description()
                + "' ("
                + batch.rows().size()
                + " rows, "
                + batch.events().size()
                + " events) to");
  }

  @Override
  public final Set<String> knownRowIds(String source, Collection<String> rowIds) {
    requireNonNull(source, "source");
    Set<String> ids = distinct(rowIds, "rowIds");
    return run(
        () -> withConnection(connection -> RowTable.known(connection, dialect, source, ids)),
        () -> "look up row ids in");
  }

  @Override
  public final List<SourceRow> rowsInGroups(String source, Collection<String> groupIds) {
    requireNonNull(source, "source");
    Set<String> ids = distinct(groupIds, "groupIds");
    return run(
        () -> withConnection(connection -> RowTable.inGroups(connection, dialect, source, ids)),
        () -> "read groups from");
  }

  @Override
  public final List<SourceRow> rows(String source) {
    requireNonNull(source, "source");
    return run(
        () -> withConnection(connection -> RowTable.all(connection, source)),
        () -> "read rows of " + source + " from");
  }

  @Override
  public final List<EventRecord> events() {
    return run(() -> withConnection(EventTable::visible), () -> "read events from");
  }

  @Override
  public final Optional<EventRecord> findEvent(String eventId) {
    requireNonNull(eventId, "eventId");
    return run(
        () -> withSnapshot(connection -> EventTable.find(connection, dialect, eventId)),
        () -> "find event " + eventId + " in");
  }

  @Override
  public final long rowCount() {
    return run(() -> withConnection(RowTable::count), () -> "count rows in");
  }

  @Override
  public final long eventCount() {
    return run(() -> withConnection(EventTable::countVisible), () -> "count events in");
  }

  @Override
  public final List<ImportLogEntry> imports() {
    return run(() -> withHandle(ImportLog::all), () -> "read the import log of");
  }

  @Override
  public final List<StoredPrice> prices() {
    return run(() -> withConnection(MarkTable::prices), () -> "read prices of");
  }

  @Override
  public final Map<String, String> marks() {
    return run(() -> withConnection(MarkTable::marks), () -> "read sync marks of");
  }

  @Override
  public final long lastImportId() {
    return run(() -> withConnection(ImportLog::lastId), () -> "read the newest import id of");
  }

  @Override
  public final List<EventRevision> revisionsSince(long importId) {
    requireImportId(importId);
    return run(
        () -> withConnection(connection -> EventTable.since(connection, importId)),
        () -> "read event revisions after import " + importId + " from");
  }

  @Override
  public final List<StoredPrice> pricesInForce(Instant from) {
    StoredInstant.requireStorable(from, "from");
    return run(
        () -> withConnection(connection -> MarkTable.pricesInForce(connection, from)),
        () -> "read the prices in force from " + from + " in");
  }

  @Override
  public final List<StoredPrice> pricesInForce(Instant from, Instant until) {
    StoredInstant.requireStorable(from, "from");
    StoredInstant.requireStorable(until, "until");
    if (until.isBefore(from)) {
      throw new IllegalArgumentException("until (" + until + ") is before from (" + from + ")");
    }
    return run(
        () -> withConnection(connection -> MarkTable.pricesInForce(connection, from, until)),
        () -> "read the prices in force from " + from + " until " + until + " in");
  }

  @Override
  public final List<StoredPrice> pricesSince(long importId) {
    requireImportId(importId);
    return run(
        () -> withConnection(connection -> MarkTable.pricesSince(connection, importId)),
        () -> "read prices after import " + importId + " from");
  }

  @Override
  public final List<EventRecord> eventsBefore(
      Optional<EventPosition> before, int limit, long asOfImport) {
    requireNonNull(before, "before");
    requireLimit(limit);
    if (asOfImport < 0) {
      throw new IllegalArgumentException("asOfImport must not be negative: " + asOfImport);
    }
    return run(
        () ->
            withSnapshot(
                connection -> EventTable.before(connection, dialect, before, limit, asOfImport)),
        () ->
            "read "
                + limit
                + " events before "
                + before.map(Object::toString).orElse("the end")
                + " from");
  }

  @Override
  public final void saveCheckpoint(Checkpoint checkpoint) {
    requireNonNull(checkpoint, "checkpoint");
    saveCheckpoint(checkpoint, Optional.empty());
  }

  @Override
  public final void saveCheckpoint(Checkpoint checkpoint, CheckpointTrades trades) {
    requireNonNull(checkpoint, "checkpoint");
    requireNonNull(trades, "trades");
    saveCheckpoint(checkpoint, Optional.of(trades));
  }

  private void saveCheckpoint(Checkpoint checkpoint, Optional<CheckpointTrades> trades) {
    run(
        () ->
            inTransaction(
                transaction -> {
                  long last = ImportLog.lastId(transaction.getConnection());
                  if (checkpoint.importId() > last) {
                    throw new IllegalArgumentException(
                        "A checkpoint after import "
                            + checkpoint.importId()
                            + " cannot be saved: the newest import of "
                            + database
                            + " is "
                            + last);
                  }
                  if (trades.isPresent()) {
                    TradePnlTable.save(transaction.getConnection(), trades.get());
                  }
                  CheckpointTable.insert(transaction, checkpoint);
                  return null;
                }),
        () -> "save a checkpoint after import " + checkpoint.importId() + " to");
  }

  @Override
  public final Map<String, String> tradeLines(String books, Collection<String> eventIds) {
    requireNonNull(books, "books");
    List<String> ids = List.copyOf(eventIds);
    if (ids.isEmpty()) {
      return Map.of();
    }
    return run(
        () -> withConnection(connection -> TradePnlTable.find(connection, dialect, books, ids)),
        () -> "read " + ids.size() + " trades' PnL lines of " + books + " from");
  }

  @Override
  public final Optional<Checkpoint> latestCheckpoint() {
    return run(
        () -> withConnection(CheckpointTable::latest), () -> "read the latest checkpoint of");
  }

  @Override
  public final List<EventRecord> eventsBetween(Instant from, Instant to) {
    StoredInstant.requireStorable(from, "from");
    StoredInstant.requireStorable(to, "to");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("to (" + to + ") is before from (" + from + ")");
    }
    return run(
        () -> withSnapshot(connection -> EventTable.between(connection, dialect, from, to)),
        () -> "read the events from " + from + " to " + to + " from");
  }

  @Override
  public final boolean saveBooksAt(List<DatedBooks> states) {
    List<DatedBooks> saved = List.copyOf(states);
    if (saved.isEmpty()) {
      return true;
    }
    long importId = saved.stream().mapToLong(DatedBooks::importId).max().orElseThrow();
    return run(
        () ->
            inTransaction(
                transaction -> {
                  long last = ImportLog.lastId(transaction.getConnection());
                  if (importId > last) {
                    throw new IllegalArgumentException(
                        "Books of import "
                            + importId
                            + " cannot be saved: the newest import of "
                            + database
                            + " is "
                            + last);
                  }
                  // An import since may have written what the states miss; its commit deleted the
                  // states then, before these existed. Saving nothing is always right.
                  if (saved.stream().anyMatch(state -> state.importId() != last)) {
                    return false;
                  }
                  DatedBooksTable.save(transaction, saved);
                  return true;
                }),
        () -> "save " + saved.size() + " dated books of " + saved.get(0).books() + " to");
  }

  @Override
  public final Optional<DatedBooks> latestBooksAt(String books, Instant atOrBefore) {
    requireNonNull(books, "books");
    StoredInstant.requireStorable(atOrBefore, "atOrBefore");
    return run(
        () -> withHandle(handle -> DatedBooksTable.latest(handle, books, atOrBefore)),
        () -> "read the books " + books + " at or before " + atOrBefore + " from");
  }

  @Override
  public final void saveSnapshot(StoredSnapshot snapshot) {
    requireNonNull(snapshot, "snapshot");
    run(
        () ->
            inTransaction(
                transaction -> {
                  SnapshotTable.insert(transaction, snapshot);
                  return null;
                }),
        () -> "save the snapshot of " + snapshot.takenAt() + " to");
  }

  @Override
  public final List<StoredSnapshot> snapshots(Optional<Instant> since, int limit) {
    requireNonNull(since, "since");
    since.ifPresent(at -> StoredInstant.requireStorable(at, "since"));
    requireLimit(limit);
    return run(
        () -> withHandle(handle -> SnapshotTable.newest(handle, since, limit)),
        () -> "read snapshots from");
  }

  @Override
  public final int pruneSnapshots(Instant olderThan) {
    StoredInstant.requireStorable(olderThan, "olderThan");
    return run(
        () -> inTransaction(transaction -> SnapshotTable.prune(transaction, olderThan)),
        () -> "prune snapshots before " + olderThan + " from");
  }

  @Override
  public final void appendEquityPoint(StoredEquityPoint point) {
    requireNonNull(point, "point");
    run(
        () -> inTransaction(transaction -> EquitySeriesTable.insert(transaction, point)),
        () -> "append the equity point of " + point.at() + " to");
  }

  @Override
  public final List<StoredEquityPoint> equityPoints(Instant since) {
    StoredInstant.requireStorable(since, "since");
    return run(
        () -> withHandle(handle -> EquitySeriesTable.since(handle, since)),
        () -> "read equity points from");
  }

  @Override
  public final int pruneEquityPoints(Instant olderThan) {
    StoredInstant.requireStorable(olderThan, "olderThan");
    return run(
        () -> inTransaction(transaction -> EquitySeriesTable.prune(transaction, olderThan)),
        () -> "prune equity points before " + olderThan + " from");
  }

  @Override
  public final void saveReconciliation(StoredReconciliation reconciliation) {
    requireNonNull(reconciliation, "reconciliation");
    run(
        () ->
            inTransaction(
                transaction -> {
                  ReconciliationTable.insert(transaction, reconciliation);
                  return null;
                }),
        () -> "save the reconciliation of " + reconciliation.checkedAt() + " to");
  }

  @Override
  public final Optional<StoredReconciliation> latestReconciliation() {
    return run(
        () -> withHandle(handle -> ReconciliationTable.latest(handle, false)),
        () -> "read the latest reconciliation of");
  }

  @Override
  public final Optional<StoredReconciliation> latestComparison() {
    return run(
        () -> withHandle(handle -> ReconciliationTable.latest(handle, true)),
        () -> "read the latest reconciliation that compared of");
  }

  @Override
  public final void saveRiskEvent(StoredRiskEvent event) {
    requireNonNull(event, "event");
    run(
        () ->
            inTransaction(
                transaction -> {
                  RiskEventTable.insert(transaction, event);
                  return null;
                }),
        () -> "save the risk event " + event.type() + " of " + event.at() + " to");
  }

  @Override
  public final List<StoredRiskEvent> riskEvents(
      Optional<Instant> since, Set<String> types, int limit) {
    requireNonNull(since, "since");
    since.ifPresent(at -> StoredInstant.requireStorable(at, "since"));
    Set<String> checked = Set.copyOf(requireNonNull(types, "types"));
    checked.forEach(StoredRiskEvent::requireType);
    requireLimit(limit);
    return run(
        () -> withHandle(handle -> RiskEventTable.newest(handle, since, checked, limit)),
        () -> "read risk events from");
  }

  /**
   * Runs {@code action}, wrapping what the database, Jdbi or a stored text throws into a {@link
   * StoreException} that says "Could not {@code doing} database". Bad stored text found while Jdbi
   * maps a row (a {@link SQLDataException} naming column and row) is shown instead of Jdbi's
   * wrapper, which names only the statement.
   */
  final <T> T run(Action<T> action, Supplier<String> doing) {
    try {
      return action.run();
    } catch (SQLException | JdbiException | JacksonException | DateTimeException e) {
      Throwable shown =
          e instanceof JdbiException && e.getCause() instanceof SQLDataException ? e.getCause() : e;
      throw new StoreException("Could not " + doing.get() + " " + database + ": " + shown, e);
    }
  }

  /** Database work on a handle, which may throw what {@link #run} wraps. */
  @FunctionalInterface
  interface Work<T> {
    T run(Handle handle) throws SQLException;
  }

  /** Database work on a plain JDBC connection, which may throw what {@link #run} wraps. */
  @FunctionalInterface
  interface ConnectionWork<T> {
    T run(Connection connection) throws SQLException;
  }

  /** Something {@link #run} wraps the failures of. */
  @FunctionalInterface
  interface Action<T> {
    T run() throws SQLException;
  }

  private static void requireImportId(long importId) {
    if (importId < 0) {
      throw new IllegalArgumentException("importId must not be negative: " + importId);
    }
  }

  private static void requireLimit(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + limit);
    }
  }

  /**
   * {@code ids} as a set, checked to hold no null: the set itself when it is one (an import asks
   * about its 100,000 row ids and 57,000 groups in sets, which were copied here twice), else a copy
   * in their order.
   */
  private static Set<String> distinct(Collection<String> ids, String name) {
    requireNonNull(ids, name);
    for (String id : ids) {
      requireNonNull(id, () -> name + " must not contain null");
    }
    return ids instanceof Set<String> set ? set : new LinkedHashSet<>(ids);
  }
}
