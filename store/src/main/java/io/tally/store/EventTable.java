package io.tally.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * SQL for tables {@code event_block} and {@code event_key}: every revision of every event, appended
 * in blocks of up to {@value EventBlock#MAX_REVISIONS} ({@link EventBlock}) and never changed. The
 * latest revision of an id is the one with the highest number; an event is visible when its latest
 * revision is not a tombstone. A block is found by its import, by the times of its revisions
 * ({@code first_at} to {@code last_at}) or by the keys of its ids ({@link IdKey}); which revision
 * of an id is its latest is decided here, after reading the blocks that hold the id.
 *
 * <p>Example: {@code EventTable.append(connection, revisions, 3, id -> false)} writes a first
 * import's revisions; {@code EventTable.visible(connection)} reads back the visible ones, by time
 * and then id. Stateless.
 */
final class EventTable {

  /**
   * The order of visible events: by time, then by id in code point order, as SQLite's and
   * PostgreSQL's {@code "C"} collation compare ids (a language's collation would put {@code a}
   * before {@code B}).
   */
  static final Comparator<EventRecord> ORDER =
      Comparator.comparing(EventRecord::at)
          .thenComparing(EventRecord::eventId, EventTable::compare);

  private static final String BLOCK_COLUMNS = "block_id, import_id, revisions, lines";

  /** The query of {@link #since}: one parameter, the import id. */
  static final String SINCE =
      "SELECT "
          + BLOCK_COLUMNS
          + " FROM event_block WHERE import_id > ? ORDER BY import_id, block_id";

  /**
   * The query that lists the blocks a page of {@link #before} may come from, newest last time first
   * (blocks of the same last time in any order: {@link #before} reads them all before it stops),
   * from index {@code event_block_by_time} alone: parameter 1 is the newest import whose revisions
   * count; when {@code positioned}, parameter 2 is the position's time as {@link StoredInstant}
   * text.
   */
  static String pageBlocksSql(boolean positioned) {
    return "SELECT block_id, last_at FROM event_block WHERE import_id <= ?"
        + (positioned ? " AND first_at <= ?" : "")
        + " ORDER BY last_at DESC";
  }

  /** One block as read: its id, the import that wrote it, and its revisions in order. */
  private record Block(long blockId, long importId, List<EventRevision> revisions) {}

  /** A block a page may come from: its id and its latest time, as stored text. */
  private record PageBlock(long blockId, String lastAt) {}

  private EventTable() {}

  /** The latest revision of each of these ids that has one, by id. */
  static Map<String, EventRevision> latest(
      Connection connection, Dialect dialect, Collection<String> eventIds) throws SQLException {
    if (eventIds.isEmpty() || !anyStored(connection)) {
      return new HashMap<>();
    }
    return latestOf(connection, dialect, new HashSet<>(eventIds), Long.MAX_VALUE, new HashMap<>());
  }

  /**
   * Whether any revision is stored: a store's first import has none, and then need not look up each
   * of its event ids (57,008 of them took 0.05–0.1 s of a 100,000-row import).
   */
  private static boolean anyStored(Connection connection) throws SQLException {
    try (PreparedStatement query =
            connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM event_block)");
        ResultSet result = query.executeQuery()) {
      return result.next() && result.getBoolean(1);
    }
  }

  /** The latest revision of every visible event, in {@link #ORDER}. */
  static List<EventRecord> visible(Connection connection) throws SQLException {
    Map<String, EventRevision> latest = new HashMap<>();
    for (Block block : blocks(connection, "SELECT " + BLOCK_COLUMNS + " FROM event_block", 0)) {
      for (EventRevision revision : block.revisions()) {
        latest.merge(revision.record().eventId(), revision, EventTable::newer);
      }
    }
    return visibleOf(latest.values());
  }

  /**
   * The latest revision of every visible event dated in {@code [from, to)}, in {@link #ORDER}. The
   * revisions of those times are read from the blocks whose times overlap the range, and each is
   * kept if it is its id's latest: an event moved out of the range by a later revision, or
   * retracted, is left out, and one moved into it is in.
   */
  static List<EventRecord> between(Connection connection, Dialect dialect, Instant from, Instant to)
      throws SQLException {
    List<Block> blocks =
        blocks(
            connection,
            "SELECT "
                + BLOCK_COLUMNS
                + " FROM event_block WHERE last_at >= ? AND first_at < ? ORDER BY block_id",
            2,
            StoredInstant.toText(from),
            StoredInstant.toText(to));
    Map<Long, Block> read = new HashMap<>();
    List<EventRevision> inRange = new ArrayList<>();
    for (Block block : blocks) {
      read.put(block.blockId(), block);
      for (EventRevision revision : block.revisions()) {
        Instant at = revision.record().at();
        if (!revision.record().retracted() && !at.isBefore(from) && at.isBefore(to)) {
          inRange.add(revision);
        }
      }
    }
    return visibleOf(stillLatest(connection, dialect, inRange, Long.MAX_VALUE, read));
  }

  /**
   * Every revision written by the imports after {@code importId}, tombstones included, in write
   * order. Commits run one at a time and take increasing import and block ids, so (import id, block
   * id) order is write order; it is the order of index {@code event_block_by_import}, so the
   * database need not sort.
   */
  static List<EventRevision> since(Connection connection, long importId) throws SQLException {
    List<EventRevision> revisions = new ArrayList<>();
    for (Block block : blocks(connection, SINCE, 1, importId)) {
      revisions.addAll(block.revisions());
    }
    return revisions;
  }

  /**
   * At most {@code limit} visible events as of import {@code asOfImport}, newest first ({@link
   * #ORDER} reversed), strictly before {@code before} if given. Blocks are read newest last time
   * first (index {@code event_block_by_time}); the read stops once {@code limit} events are found
   * and the next block ends before the oldest of them, so a page reads the blocks near its
   * position, not the whole log.
   */
  static List<EventRecord> before(
      Connection connection,
      Dialect dialect,
      Optional<EventPosition> before,
      int limit,
      long asOfImport)
      throws SQLException {
    if (limit <= 0) {
      return List.of();
    }
    Comparator<EventRecord> newestFirst = ORDER.reversed();
    TreeSet<EventRecord> found = new TreeSet<>(newestFirst);
    Map<Long, Block> read = new HashMap<>();
    for (PageBlock page : pageBlocks(connection, before, asOfImport)) {
      if (found.size() >= limit
          && page.lastAt().compareTo(StoredInstant.toText(found.last().at())) < 0) {
        break;
      }
      Block block = readBlock(connection, page.blockId(), read);
      if (block.importId() > asOfImport) {
        continue;
      }
      List<EventRevision> candidates = new ArrayList<>();
      for (EventRevision revision : block.revisions()) {
        EventRecord record = revision.record();
        if (!record.retracted()
            && before.map(position -> isBefore(record, position)).orElse(true)) {
          candidates.add(revision);
        }
      }
      for (EventRevision latest : stillLatest(connection, dialect, candidates, asOfImport, read)) {
        if (!latest.record().retracted()) {
          found.add(latest.record());
        }
      }
      while (found.size() > limit) {
        found.pollLast();
      }
    }
    return new ArrayList<>(found);
  }

  /**
   * How many events are visible: the sum of the blocks' {@code visible_change}, which each append
   * works out from the ids' states before it.
   */
  static long countVisible(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery("SELECT coalesce(sum(visible_change), 0) FROM event_block")) {
      result.next();
      return result.getLong(1);
    }
  }

  /** The latest revision of {@code eventId}, tombstone or not. */
  static Optional<EventRecord> find(Connection connection, Dialect dialect, String eventId)
      throws SQLException {
    return Optional.ofNullable(
            latestOf(connection, dialect, Set.of(eventId), Long.MAX_VALUE, new HashMap<>())
                .get(eventId))
        .map(EventRevision::record);
  }

  /**
   * Appends these revisions, in order, as written by import {@code importId}: in blocks of {@link
   * EventBlock#MAX_REVISIONS}, made by a {@link BlockPress} (on a thread of its own for more than
   * one block), then the keys of their ids. {@code visibleBefore} says whether an id's event was
   * visible before this append, which each block's {@code visible_change} is worked out from; an
   * id's revisions come in the order of their numbers.
   */
  static void append(
      Connection connection,
      List<EventRevision> revisions,
      long importId,
      Predicate<String> visibleBefore)
      throws SQLException {
    if (revisions.isEmpty()) {
      return;
    }
    long blockId = BlockIds.next(connection, "event_block");
    // Whether an event is visible after each of its revisions this append writes, kept only for
    // the ids that have a revision after their first (a million-event first import keeps none).
    Set<String> revised = new HashSet<>();
    for (EventRevision revision : revisions) {
      if (revision.revision() > 1) {
        revised.add(revision.record().eventId());
      }
    }
    Map<String, Boolean> visibleNow = new HashMap<>();
    BlockKeys blockKeys = new BlockKeys(revisions.size());
    try (PreparedStatement insertBlock =
            connection.prepareStatement(
                "INSERT INTO event_block"
                    + " (block_id, import_id, first_at, last_at, revisions, visible_change, lines)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)");
        BlockPress<PressedBlock, EventRevision> press =
            BlockPress.forEvents(
                revisions.size(), (block, bytes) -> insert(insertBlock, importId, block, bytes))) {
      for (int from = 0; from < revisions.size(); from += EventBlock.MAX_REVISIONS, blockId++) {
        List<EventRevision> block =
            revisions.subList(from, Math.min(revisions.size(), from + EventBlock.MAX_REVISIONS));
        Instant first = StoredInstant.MAX;
        Instant last = StoredInstant.MIN;
        int visibleChange = 0;
        for (EventRevision revision : block) {
          EventRecord record = revision.record();
          blockKeys.add(IdKey.of(record.eventId()), blockId);
          first = record.at().isBefore(first) ? record.at() : first;
          last = record.at().isAfter(last) ? record.at() : last;
          Boolean was = visibleNow.get(record.eventId());
          boolean wasVisible = was != null ? was : visibleBefore.test(record.eventId());
          visibleChange += (record.retracted() ? 0 : 1) - (wasVisible ? 1 : 0);
          if (revised.contains(record.eventId())) {
            visibleNow.put(record.eventId(), !record.retracted());
          }
        }
        press.press(new PressedBlock(blockId, first, last, block.size(), visibleChange), block);
      }
      press.finish();
    }
    blockKeys.insert(connection, "event_key");
  }

  /** A block given to the press: where it is written, and what is written beside it. */
  private record PressedBlock(
      long blockId, Instant first, Instant last, int revisions, int visibleChange) {}

  /** Writes a block the press made. */
  private static void insert(
      PreparedStatement insertBlock, long importId, PressedBlock block, byte[] bytes)
      throws SQLException {
    insertBlock.setLong(1, block.blockId());
    insertBlock.setLong(2, importId);
    insertBlock.setString(3, StoredInstant.toText(block.first()));
    insertBlock.setString(4, StoredInstant.toText(block.last()));
    insertBlock.setInt(5, block.revisions());
    insertBlock.setInt(6, block.visibleChange());
    insertBlock.setBytes(7, bytes);
    insertBlock.executeUpdate();
  }

  /**
   * Of {@code revisions}, those that are the latest revision of their id as of import {@code
   * asOfImport}.
   */
  private static List<EventRevision> stillLatest(
      Connection connection,
      Dialect dialect,
      List<EventRevision> revisions,
      long asOfImport,
      Map<Long, Block> read)
      throws SQLException {
    if (revisions.isEmpty()) {
      return List.of();
    }
    Set<String> ids = new HashSet<>();
    revisions.forEach(revision -> ids.add(revision.record().eventId()));
    Map<String, EventRevision> latest = latestOf(connection, dialect, ids, asOfImport, read);
    List<EventRevision> still = new ArrayList<>();
    for (EventRevision revision : revisions) {
      EventRevision newest = latest.get(revision.record().eventId());
      if (newest != null && newest.revision() == revision.revision()) {
        still.add(revision);
      }
    }
    return still;
  }

  /**
   * The latest revision, as of import {@code asOfImport}, of each of {@code ids} that has one: the
   * blocks their keys name are read (those in {@code read} already are not read again) and, of
   * those written by that import or before, the highest revision of each id is kept.
   */
  private static Map<String, EventRevision> latestOf(
      Connection connection,
      Dialect dialect,
      Set<String> ids,
      long asOfImport,
      Map<Long, Block> read)
      throws SQLException {
    List<Long> keys = IdKey.ofAll(ids);
    List<Long> blockIds = new ArrayList<>();
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT DISTINCT k.block_id FROM "
                + dialect.numberTable("h")
                + " CROSS JOIN event_key AS k WHERE k.id_hash = h.value")) {
      dialect.bindNumbers(query, 1, keys);
      try (ResultSet result = query.executeQuery()) {
        while (result.next()) {
          blockIds.add(result.getLong(1));
        }
      }
    }
    List<Long> unread = blockIds.stream().filter(id -> !read.containsKey(id)).toList();
    if (!unread.isEmpty()) {
      try (PreparedStatement query =
          connection.prepareStatement(
              "SELECT "
                  + BLOCK_COLUMNS
                  + " FROM event_block WHERE block_id IN (SELECT b.value FROM "
                  + dialect.numberTable("b")
                  + ")")) {
        dialect.bindNumbers(query, 1, unread);
        for (Block block : blocks(query)) {
          read.put(block.blockId(), block);
        }
      }
    }
    Map<String, EventRevision> latest = new HashMap<>();
    for (long blockId : blockIds) {
      Block block = read.get(blockId);
      if (block.importId() > asOfImport) {
        continue;
      }
      for (EventRevision revision : block.revisions()) {
        if (ids.contains(revision.record().eventId())) {
          latest.merge(revision.record().eventId(), revision, EventTable::newer);
        }
      }
    }
    return latest;
  }

  /** The blocks a page of {@link #before} may come from, newest last time first. */
  private static List<PageBlock> pageBlocks(
      Connection connection, Optional<EventPosition> before, long asOfImport) throws SQLException {
    List<PageBlock> pages = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement(pageBlocksSql(before.isPresent()))) {
      query.setLong(1, asOfImport);
      if (before.isPresent()) {
        query.setString(2, StoredInstant.toText(before.get().at()));
      }
      try (ResultSet result = query.executeQuery()) {
        while (result.next()) {
          pages.add(new PageBlock(result.getLong(1), result.getString(2)));
        }
      }
    }
    return pages;
  }

  /** Block {@code blockId}, from {@code read} if read before, else from the table (and kept). */
  private static Block readBlock(Connection connection, long blockId, Map<Long, Block> read)
      throws SQLException {
    Block known = read.get(blockId);
    if (known != null) {
      return known;
    }
    Block block =
        blocks(
                connection,
                "SELECT " + BLOCK_COLUMNS + " FROM event_block WHERE block_id = ?",
                1,
                blockId)
            .get(0);
    read.put(blockId, block);
    return block;
  }

  /**
   * The blocks {@code sql} selects ({@link #BLOCK_COLUMNS}), with its first {@code parameters} of
   * {@code values} bound in order.
   */
  private static List<Block> blocks(
      Connection connection, String sql, int parameters, Object... values) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters; i++) {
        query.setObject(i + 1, values[i]);
      }
      return blocks(query);
    }
  }

  private static List<Block> blocks(PreparedStatement query) throws SQLException {
    List<Block> blocks = new ArrayList<>();
    try (ResultSet result = query.executeQuery()) {
      while (result.next()) {
        long blockId = result.getLong(1);
        blocks.add(
            new Block(
                blockId,
                result.getLong(2),
                EventBlock.revisions(result.getBytes(4), result.getInt(3), blockId)));
      }
    }
    return blocks;
  }

  /** The visible records of these latest revisions, in {@link #ORDER}. */
  private static List<EventRecord> visibleOf(Collection<EventRevision> latest) {
    List<EventRecord> visible = new ArrayList<>(latest.size());
    for (EventRevision revision : latest) {
      if (!revision.record().retracted()) {
        visible.add(revision.record());
      }
    }
    visible.sort(ORDER);
    return visible;
  }

  private static EventRevision newer(EventRevision one, EventRevision other) {
    return other.revision() > one.revision() ? other : one;
  }

  /** Whether {@code record} comes before {@code position} in {@link #ORDER}. */
  private static boolean isBefore(EventRecord record, EventPosition position) {
    int byTime = record.at().compareTo(position.at());
    return byTime < 0 || (byTime == 0 && compare(record.eventId(), position.eventId()) < 0);
  }

  /**
   * Compares two ids by code point, as UTF-8 bytes compare: UTF-16 order, except that a surrogate
   * (a code point past U+FFFF) comes after U+E000 to U+FFFF.
   */
  static int compare(String one, String other) {
    int length = Math.min(one.length(), other.length());
    for (int i = 0; i < length; i++) {
      char a = one.charAt(i);
      char b = other.charAt(i);
      if (a != b) {
        if (a >= Character.MIN_SURROGATE && b >= Character.MIN_SURROGATE) {
          return codePointRank(a) - codePointRank(b);
        }
        return a - b;
      }
    }
    return one.length() - other.length();
  }

  /** Where a char of U+D800 or above ranks among them by the code point it belongs to. */
  private static int codePointRank(char c) {
    return c >= 0xE000 ? c - 0x800 : c + 0x2000;
  }
}
