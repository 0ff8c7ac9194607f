package io.tally.store;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One account's store: the raw source rows exactly as imported, and the classified events as the
 * caller's text lines, both append-only; beside them, what the engine derives from them and keeps
 * to save work (checkpoints, portfolio snapshots, the equity series), which may be pruned. Two
 * implementations keep the same contract: {@link SqliteStore} in a file (the default) and {@link
 * PostgresStore} on a PostgreSQL server.
 *
 * <p>Example:
 *
 * <pre>{@code
 * try (PortfolioStore store = PortfolioStore.open("tally.db", System.getenv())) {
 *   CommitResult result = store.commit(new ImportBatch(rows, events, "ledgers-2024.csv"));
 *   List<EventRecord> events = store.events();
 * }
 * }</pre>
 *
 * <p><b>Rows</b> are identified by (source, row id); committing a row that is already stored skips
 * it and never updates it. <b>Events</b> are versioned by id: a record that differs from the latest
 * revision of its id is appended as a new revision, readers see only the latest revision, and a
 * tombstone ({@link EventRecord#retracted}) as the latest revision hides the event. Every commit is
 * one transaction and adds one entry to the import log.
 *
 * <p><b>History and derived data.</b> The history tables (the import log, rows, event revisions,
 * prices and sync marks) are append-only: the database itself rejects updates and deletes. The
 * derived tables (checkpoints, dated books, snapshots, equity points and reconciliations) hold what
 * the engine computed from the history and the exchange, so the store deletes from them: it keeps
 * the newest two checkpoints and the last reconciliations ({@link #saveReconciliation}), a commit
 * deletes the dated books it makes stale ({@link #saveBooksAt}), and {@link #pruneSnapshots} and
 * {@link #pruneEquityPoints} delete old entries. Nothing deletes from the history.
 *
 * <p><b>Resuming from a checkpoint.</b> Each revision and price is written by one import, so what
 * came after import N is well defined: {@link #revisionsSince} and {@link #pricesSince}. To bring a
 * checkpoint up to date, read {@link #lastImportId()} first, then fold what came after the
 * checkpoint's import, then save a checkpoint of the id read first. Another process may commit in
 * between, so the fold may see revisions and prices of newer imports, and the next fold sees them
 * again; revisions are identified by (event id, revision) and prices by (asset, time, source), so
 * folding one twice can be made harmless. Reading the id after the fold instead could name an
 * import the fold did not see.
 *
 * <p><b>Text only.</b> Fields, lines, ids, states and bodies are stored as text, so amounts such as
 * {@code 12345.123456789012345678} come back character for character; comparisons and ordering are
 * by code point and case-sensitive. Times are stored as fixed-width UTC text with nine fraction
 * digits, such as {@code 2024-03-01T12:00:00.500000000Z}, so they keep full precision and text
 * order is time order; every time given to the store, also to select or prune, must lie in the
 * years 0000 to 9999.
 *
 * <p><b>Failures.</b> Every database failure is a {@link StoreException} naming the database (a URL
 * never with its password) and what was being done. Using a closed store is an {@link
 * IllegalStateException}.
 *
 * <p><b>Threads.</b> Implementations are thread-safe. Each read is one SQL statement, or several in
 * one read transaction, so it sees one committed state. Each write (a commit, saving a checkpoint
 * or snapshot, appending an equity point, pruning) is one transaction; writes run one at a time,
 * also across processes.
 */
public interface PortfolioStore extends AutoCloseable {

  /** The start of a location that names a PostgreSQL database: {@value}. */
  String POSTGRESQL_PREFIX = "jdbc:postgresql:";

  /**
   * Opens the store at {@code location} like {@link #open(String, Map)}, with database credentials
   * from the process's environment.
   */
  static PortfolioStore open(String location) {
    return open(location, System.getenv());
  }

  /**
   * Opens the store at {@code location}, migrating its schema to the newest version:
   *
   * <ul>
   *   <li>{@code jdbc:postgresql://host[:port]/database[?user=...&password=...]} opens a {@link
   *       PostgresStore}. A user or password missing from the URL is taken from {@code env}:
   *       {@value PostgresStore#USER_VARIABLE} and {@value PostgresStore#PASSWORD_VARIABLE}.
   *   <li>any other {@code jdbc:} URL is rejected: only SQLite files and PostgreSQL are supported.
   *   <li>anything else is the path of a SQLite file, opened as a {@link SqliteStore} (created with
   *       its directories if missing).
   * </ul>
   *
   * @param env the environment to read database credentials from, such as {@link System#getenv()}
   * @throws IllegalArgumentException if {@code location} is blank or an unsupported URL
   * @throws StoreException if the database cannot be reached, opened or migrated
   */
  static PortfolioStore open(String location, Map<String, String> env) {
    return open(location, env, Durability.POWER_LOSS);
  }

  /**
   * Opens the store at {@code location} like {@link #open(String, Map)}, a SQLite file's commits as
   * durable as {@code durability} says ({@link Durability#PROCESS_CRASH}: a paper account's store
   * only); a PostgreSQL server keeps its own settings.
   *
   * <p>Example: {@code PortfolioStore.open("paper.paper.db", env, Durability.PROCESS_CRASH)}.
   */
  static PortfolioStore open(String location, Map<String, String> env, Durability durability) {
    requireNonNull(location, "location");
    requireNonNull(env, "env");
    requireNonNull(durability, "durability");
    if (location.isBlank()) {
      throw new IllegalArgumentException("The database location must not be blank");
    }
    if (location.startsWith(POSTGRESQL_PREFIX)) {
      return PostgresStore.open(location, env);
    }
    if (location.startsWith("jdbc:")) {
      throw new IllegalArgumentException(
          "Unsupported database URL '"
              + describe(location)
              + "': use a SQLite file path or a "
              + POSTGRESQL_PREFIX
              + "//host/database URL");
    }
    return SqliteStore.open(Path.of(location), Clock.systemUTC(), durability);
  }

  /**
   * {@code location} as messages and progress lines may show it: a file path as given, a URL
   * without its password.
   */
  static String describe(String location) {
    requireNonNull(location, "location");
    return location.startsWith("jdbc:") ? PostgresLocation.redact(location) : location;
  }

  /**
   * Writes a batch in one transaction: its new rows, the event records that change something, its
   * prices and marks, and an import log entry (also when nothing was new). Either all of it is
   * written or, if this throws, none of it.
   *
   * <p>A row whose (source, row id) is stored, or came earlier in the batch, is skipped: stored
   * rows are never updated. An event record is appended as the next revision of its id unless it
   * equals the latest revision (both tombstones, or both live with the same time and line), or is a
   * tombstone for an event that was never stored. Records of one id apply in batch order. A price
   * whose (asset, time, source) is stored is skipped; a mark is appended when its value differs
   * from the latest one.
   *
   * <p>In the same transaction it deletes the {@link DatedBooks} it makes stale: those of every
   * books whose moment is after the earliest time among the revisions it appends, the revisions
   * they replace (a revision can move an event), and the prices it adds.
   *
   * @return how many rows were added and skipped, and what became of the event records
   * @throws StoreException if the database fails; nothing of the batch is then stored
   */
  default CommitResult commit(ImportBatch batch) {
    return commitImport(batch).result();
  }

  /**
   * Writes a batch like {@link #commit} and says which import it was: the id of the import log
   * entry it made, which {@link #lastImportId()} returns until the next commit.
   *
   * <p>Example: on a fresh store, {@code commitImport(batch).importId()} is 1.
   *
   * @throws StoreException if the database fails; nothing of the batch is then stored
   */
  CommittedImport commitImport(ImportBatch batch);

  /**
   * Which of {@code rowIds} of {@code source} are stored. The ids go to the database in one query
   * whatever their number, so an importer can ask about a whole export at once (a million ids take
   * about a second on SQLite).
   */
  Set<String> knownRowIds(String source, Collection<String> rowIds);

  /**
   * Every stored row of {@code source} whose group is one of {@code groupIds}, in insertion order:
   * what a group's classification is rerun from when it gains rows.
   */
  List<SourceRow> rowsInGroups(String source, Collection<String> groupIds);

  /** Every stored row of {@code source}, in insertion order. */
  List<SourceRow> rows(String source);

  /**
   * The visible events: the latest revision of every event id unless it is a tombstone, ordered by
   * time and then id.
   */
  List<EventRecord> events();

  /**
   * The latest revision of event {@code eventId}, or empty if it was never stored. A retracted
   * event is returned as its tombstone ({@link EventRecord#retracted()} is true), so callers can
   * tell a retracted event from an unknown one; {@link #events()} leaves it out.
   */
  Optional<EventRecord> findEvent(String eventId);

  /** How many rows are stored, of all sources. */
  long rowCount();

  /** How many events are visible: the size of {@link #events()}. */
  long eventCount();

  /** The import log, oldest entry first: one entry per commit. */
  List<ImportLogEntry> imports();

  /** Every price a sync stored, oldest first. */
  List<StoredPrice> prices();

  /**
   * The prices in force at or after {@code from}, oldest first: of each asset, the prices at its
   * latest time at or before {@code from}, and every price after it. They answer every moment from
   * {@code from} on exactly as {@link #prices()} do, so a fold resumed at {@code from} needs no
   * other.
   *
   * <p>Example: with XBT priced at 10:00, 11:00 and 13:00, {@code pricesInForce(12:00)} is the
   * prices of 11:00 and 13:00.
   */
  List<StoredPrice> pricesInForce(Instant from);

  /**
   * {@link #pricesInForce(Instant)} without the prices dated at or after {@code until}: they answer
   * every moment from {@code from} until just before {@code until} exactly as {@link #prices()} do,
   * which is all a fold of the events before {@code until}, resumed at {@code from}, needs.
   *
   * <p>Example: with XBT priced at 10:00, 11:00 and 13:00, {@code pricesInForce(10:30, 13:00)} is
   * the prices of 10:00 and 11:00.
   *
   * @throws IllegalArgumentException if {@code until} is before {@code from}
   */
  List<StoredPrice> pricesInForce(Instant from, Instant until);

  /** The latest value of every sync mark, such as the newest ledger time synced. */
  Map<String, String> marks();

  /**
   * The id of the newest import log entry, or 0 if nothing was ever committed: the {@code importId}
   * of a {@link Checkpoint} of everything stored.
   *
   * <p>Example: after three commits on a fresh SQLite store, {@code lastImportId()} is 3.
   */
  long lastImportId();

  /**
   * Every event revision written by the imports after {@code importId}, tombstones included, in the
   * order they were written: what to fold into a {@link Checkpoint} of import {@code importId} to
   * bring it up to date. {@code revisionsSince(0)} is every revision ever stored.
   *
   * <p>Example: if import 1 stored {@code EventRecord.of("E1", at, "A")} and {@code
   * EventRecord.of("E2", at, "B")}, and import 2 then committed {@code EventRecord.of("E1", at,
   * "C")} and {@code EventRecord.retracted("E2", at)}, {@code revisionsSince(1)} is {@code [new
   * EventRevision(EventRecord.of("E1", at, "C"), 2), new EventRevision(EventRecord.retracted("E2",
   * at), 2)]}.
   *
   * @param importId an import id, or 0; import ids need not be consecutive (on PostgreSQL a failed
   *     commit leaves a gap)
   * @throws IllegalArgumentException if {@code importId} is negative
   */
  List<EventRevision> revisionsSince(long importId);

  /**
   * Every price written by the imports after {@code importId}, in the order they were written
   * (unlike {@link #prices()}, which orders by time). A price already stored when an import offered
   * it again was not written by that import.
   *
   * <p>Example: {@code store.pricesSince(checkpoint.importId())} are the prices a checkpoint of
   * that import has not seen.
   *
   * @throws IllegalArgumentException if {@code importId} is negative
   */
  List<StoredPrice> pricesSince(long importId);

  /**
   * At most {@code limit} visible events, newest first: by time descending, then by id descending;
   * strictly before {@code before} in that order when it is given. Paging with the position of each
   * page's last event returns every visible event exactly once, also across events of equal time.
   * The store reads the blocks of revisions (512 each) whose times reach {@code before}, latest
   * first, and stops once the next ends before the page's oldest event, so a page inflates the
   * blocks near it whatever the size of the log (and lists one index entry per block).
   *
   * <p>Example:
   *
   * <pre>{@code
   * List<EventRecord> page = store.eventsBefore(Optional.empty(), 50); // the newest 50
   * List<EventRecord> older =
   *     store.eventsBefore(Optional.of(EventPosition.of(page.get(page.size() - 1))), 50);
   * }</pre>
   *
   * @throws IllegalArgumentException if {@code limit} is less than 1
   */
  default List<EventRecord> eventsBefore(Optional<EventPosition> before, int limit) {
    return eventsBefore(before, limit, Long.MAX_VALUE);
  }

  /**
   * Like {@link #eventsBefore(Optional, int)}, but the events as they were visible after import
   * {@code asOfImport}: revisions and tombstones written by later imports are ignored. A reader
   * whose books are folded up to an import pages the log as of that same import, so what it lists
   * and what its books hold agree while other commits go on.
   *
   * @throws IllegalArgumentException if {@code limit} is less than 1 or {@code asOfImport} negative
   */
  List<EventRecord> eventsBefore(Optional<EventPosition> before, int limit, long asOfImport);

  /**
   * Saves {@code checkpoint} and deletes every checkpoint but the newest two (this one and the one
   * saved before it), in one transaction.
   *
   * <p>Example: {@code store.saveCheckpoint(new Checkpoint(importId, clock.instant(), state))},
   * with {@code importId} the {@link #lastImportId()} read before folding.
   *
   * @throws IllegalArgumentException if the checkpoint's import id is newer than {@link
   *     #lastImportId()}: a checkpoint of imports the store does not have would make {@link
   *     #revisionsSince} skip the imports that come to have those ids
   * @throws StoreException if the database fails; nothing is then saved or deleted
   */
  void saveCheckpoint(Checkpoint checkpoint);

  /**
   * Saves {@code checkpoint} like {@link #saveCheckpoint(Checkpoint)} and, in the same transaction,
   * the lines of {@code trades}: so the trades' lines are there when the checkpoint is, and a
   * failure saves neither.
   *
   * <p>Example: {@code store.saveCheckpoint(checkpoint, new CheckpointTrades("USD WAC", false,
   * lines))}.
   *
   * @throws IllegalArgumentException as {@link #saveCheckpoint(Checkpoint)}
   * @throws StoreException if the database fails; nothing is then saved or deleted
   */
  void saveCheckpoint(Checkpoint checkpoint, CheckpointTrades trades);

  /**
   * The lines saved with checkpoints ({@link CheckpointTrades}) for {@code books}, by event id, for
   * those of {@code eventIds} that have one.
   *
   * <p>Example: {@code store.tradeLines("USD WAC", List.of("TXID-1", "TXID-9"))} is {@code
   * {TXID-1=4990.00000000\t10.00000000\t-}} when only the first was saved.
   */
  Map<String, String> tradeLines(String books, Collection<String> eventIds);

  /**
   * The checkpoint saved last (by insertion order, not by import id or time), or empty if none was.
   *
   * <p>Example: {@code store.latestCheckpoint().map(Checkpoint::importId).orElse(0L)} is the import
   * to fold from.
   */
  Optional<Checkpoint> latestCheckpoint();

  /**
   * The latest revision of every visible event dated at or after {@code from} and strictly before
   * {@code to}, ordered by time and then id: {@link #events()} of that time range, read from the
   * blocks of revisions whose times overlap it, so it costs about the events in the range whatever
   * the size of the log. An event whose latest revision moved it out of the range, or retracted it,
   * is left out.
   *
   * <p>Example: {@code store.eventsBetween(Instant.parse("2024-03-01T00:00:00Z"),
   * Instant.parse("2024-03-16T00:00:00Z"))} is the events of March 1 to 15, 2024 (UTC).
   *
   * @throws IllegalArgumentException if {@code to} is before {@code from}, or either is outside the
   *     years 0000 to 9999
   */
  List<EventRecord> eventsBetween(Instant from, Instant to);

  /**
   * Saves {@code states}, the books as they stood at moments, in one transaction, each replacing a
   * stored state of the same books and moment; or, if an import was committed after the import the
   * states were folded from ({@link DatedBooks#importId()}), saves none and returns false: that
   * commit may have written events or prices the states miss, and it deleted the stale states
   * before these existed. Saving nothing is returned as true.
   *
   * <p>A saved state stays until a commit writes an event revision or a price dated before its
   * moment, replaces a revision dated before it, or adds such a price ({@link #commit}); then the
   * commit deletes it in its own transaction, so {@link #latestBooksAt} never answers a state that
   * the stored history no longer gives.
   *
   * <p>Example: {@code store.saveBooksAt(List.of(new DatedBooks("USD WAC KFEE=0.01", monthStart,
   * importId, books.checkpoint())))} with {@code importId} the {@link #lastImportId()} read before
   * the events were.
   *
   * @return whether the states were saved
   * @throws IllegalArgumentException if a state's import is newer than {@link #lastImportId()}
   * @throws StoreException if the database fails; nothing is then saved
   */
  boolean saveBooksAt(List<DatedBooks> states);

  /**
   * The state of {@code books} saved with the latest moment at or before {@code atOrBefore}, or
   * empty if none is: what a fold up to {@code atOrBefore} resumes from, reading only {@link
   * #eventsBetween} its moment and {@code atOrBefore}.
   *
   * <p>Example: with states of "USD WAC KFEE=0.01" saved at March 1 and April 1, {@code
   * store.latestBooksAt("USD WAC KFEE=0.01", Instant.parse("2024-03-20T00:00:00Z"))} is the state
   * of March 1, and for any instant before March 1 it is empty.
   */
  Optional<DatedBooks> latestBooksAt(String books, Instant atOrBefore);

  /**
   * Saves {@code snapshot}. Snapshots are not deduplicated: saving two with the same time keeps
   * both.
   *
   * <p>Example: {@code store.saveSnapshot(new StoredSnapshot(now, json))}.
   *
   * @throws StoreException if the database fails; nothing is then saved
   */
  void saveSnapshot(StoredSnapshot snapshot);

  /**
   * At most {@code limit} snapshots taken at or after {@code since} (all of them if empty), newest
   * first: by time descending, then the later saved first among equal times.
   *
   * <p>Example: {@code store.snapshots(Optional.empty(), 1)} is the newest snapshot, and {@code
   * store.snapshots(Optional.of(now.minus(Duration.ofDays(7))), 100)} the last week's, at most 100.
   *
   * @throws IllegalArgumentException if {@code limit} is less than 1
   */
  List<StoredSnapshot> snapshots(Optional<Instant> since, int limit);

  /**
   * Deletes the snapshots taken strictly before {@code olderThan}, in one transaction, and returns
   * how many. Touches nothing else.
   *
   * <p>Example: {@code store.pruneSnapshots(now.minus(Duration.ofDays(90)))} keeps 90 days.
   */
  int pruneSnapshots(Instant olderThan);

  /**
   * Appends {@code point} to the equity series, unless a point at the same time is stored: then it
   * does nothing, even if the values differ (the first point of a time stays).
   *
   * <p>Example: {@code store.appendEquityPoint(new StoredEquityPoint(at, "10500.25", "500.25",
   * "10000", "0"))}; appending it again changes nothing.
   *
   * @throws StoreException if the database fails; nothing is then appended
   */
  void appendEquityPoint(StoredEquityPoint point);

  /**
   * Every point of the equity series at or after {@code since}, oldest first.
   *
   * <p>Example: {@code store.equityPoints(now.minus(Duration.ofDays(30)))} is the last 30 days.
   */
  List<StoredEquityPoint> equityPoints(Instant since);

  /**
   * Deletes the equity points strictly before {@code olderThan}, in one transaction, and returns
   * how many. Touches nothing else.
   *
   * <p>Example: {@code store.pruneEquityPoints(now.minus(Duration.ofDays(365)))} keeps a year.
   */
  int pruneEquityPoints(Instant olderThan);

  /**
   * Saves {@code reconciliation} and deletes every reconciliation but the newest saved and the
   * newest saved with a {@link StoredReconciliation#comparison() comparison} (this one, when it has
   * one), in one transaction: the store keeps what the last reconciliation said and the last time
   * the books were compared with the exchange.
   *
   * <p>Example: {@code store.saveReconciliation(new StoredReconciliation(now, "unchecked", false,
   * Optional.empty()))} after {@code store.saveReconciliation(drift)}: both are kept, and {@link
   * #latestComparison()} is still {@code drift}.
   *
   * @throws StoreException if the database fails; nothing is then saved or deleted
   */
  void saveReconciliation(StoredReconciliation reconciliation);

  /**
   * The reconciliation saved last (by insertion order, not by time), or empty if none was.
   *
   * @throws StoreException if the database fails or a stored value is not what was saved (the
   *     message names the column)
   */
  Optional<StoredReconciliation> latestReconciliation();

  /**
   * The reconciliation with a comparison saved last (by insertion order), or empty if none was:
   * when the books were last compared with the exchange, and what was found.
   *
   * <p>Example: {@code store.latestComparison().map(StoredReconciliation::checkedAt)} is when.
   *
   * @throws StoreException if the database fails or a stored value is not what was saved (the
   *     message names the column)
   */
  Optional<StoredReconciliation> latestComparison();

  /**
   * Saves {@code event}. Risk events are kept (never pruned) and not deduplicated: saving two with
   * the same time keeps both.
   *
   * <p>Example: {@code store.saveRiskEvent(new StoredRiskEvent(now, "MARGIN_CALL", json))}.
   *
   * @throws StoreException if the database fails; nothing is then saved
   */
  void saveRiskEvent(StoredRiskEvent event);

  /**
   * At most {@code limit} risk events raised at or after {@code since} (any time if empty), of one
   * of {@code types} (any type if empty), newest first: by time descending, then the later saved
   * first among equal times.
   *
   * <p>Example: {@code store.riskEvents(Optional.empty(), Set.of("MARGIN_CALL", "MARGIN_RESTORED"),
   * 1)} is the newest of those two types.
   *
   * @throws IllegalArgumentException if {@code limit} is less than 1 or a type is not upper-case
   *     letters and underscores
   */
  List<StoredRiskEvent> riskEvents(Optional<Instant> since, Set<String> types, int limit);

  /** Releases the store's connections; closing again does nothing. */
  @Override
  void close();
}
