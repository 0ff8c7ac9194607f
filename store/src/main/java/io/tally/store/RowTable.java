package io.tally.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * SQL for the raw rows, appended and never changed: their blocks ({@code row_block}, {@link
 * RowBlock}), the keys of the row ids ({@code row_id_key}) and of the groups ({@code
 * row_group_key}) each block holds ({@link RowKeys}), beside their sources ({@code row_source}) and
 * field layouts ({@code row_layout}), so the field names are stored once per layout. A lookup reads
 * the blocks its ids' keys name and keeps the rows it asked for, since two ids may share a key. The
 * keys of a lookup are bound as one value ({@link KeyedBlocks}), so a query takes any number of
 * them (no bound-variable limit) and reads one snapshot.
 *
 * <p>Reading rows reads the layouts first, in a statement of its own; the rows' statement sees at
 * most layouts written after that, which are read when a row names one (ids are never reused by a
 * committed layout, and layouts never change).
 */
final class RowTable {

  private RowTable() {}

  /** Which of these row ids of {@code source} are stored. */
  static Set<String> known(
      Connection connection, Dialect dialect, String source, Set<String> rowIds)
      throws SQLException {
    if (rowIds.isEmpty()) {
      return Set.of();
    }
    Optional<Long> sourceId = sourceId(connection, source);
    if (sourceId.isEmpty()) {
      return Set.of();
    }
    Set<String> known = new HashSet<>();
    try (PreparedStatement query =
        blocksOfKeys(connection, dialect, sourceId.get(), "row_id_key", rowIds)) {
      try (ResultSet result = query.executeQuery()) {
        while (result.next()) {
          RowBlock.heads(
              result.getBytes(3),
              result.getInt(2),
              result.getLong(1),
              source,
              (rowId, groupId) -> {
                if (rowIds.contains(rowId)) {
                  known.add(rowId);
                }
              });
        }
      }
    }
    return Collections.unmodifiableSet(known);
  }

  /** Every row of these groups of {@code source}, in insertion order. */
  static List<SourceRow> inGroups(
      Connection connection, Dialect dialect, String source, Set<String> groupIds)
      throws SQLException {
    if (groupIds.isEmpty()) {
      return List.of();
    }
    Optional<Long> sourceId = sourceId(connection, source);
    if (sourceId.isEmpty()) {
      return List.of();
    }
    Layouts layouts = new Layouts(connection);
    try (PreparedStatement query =
        blocksOfKeys(connection, dialect, sourceId.get(), "row_group_key", groupIds)) {
      return rows(query, source, layouts, groupIds::contains);
    }
  }

  /**
   * The query of the blocks of source {@code sourceId} that the key table {@code keyTable} names
   * for any of {@code ids}, in block order: their ids, row counts and rows.
   */
  private static PreparedStatement blocksOfKeys(
      Connection connection, Dialect dialect, long sourceId, String keyTable, Set<String> ids)
      throws SQLException {
    PreparedStatement query =
        KeyedBlocks.query(
            connection,
            dialect,
            "SELECT block_id, row_count, rows FROM row_block WHERE source_id = ?",
            keyTable,
            ids);
    try {
      query.setLong(1, sourceId);
      return query;
    } catch (SQLException e) {
      query.close();
      throw e;
    }
  }

  /** Every row of {@code source}, in insertion order. */
  static List<SourceRow> all(Connection connection, String source) throws SQLException {
    Optional<Long> sourceId = sourceId(connection, source);
    if (sourceId.isEmpty()) {
      return List.of();
    }
    Layouts layouts = new Layouts(connection);
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT block_id, row_count, rows FROM row_block WHERE source_id = ?"
                + " ORDER BY block_id")) {
      query.setLong(1, sourceId.get());
      return rows(query, source, layouts, group -> true);
    }
  }

  /**
   * The rows of the groups {@code inGroup} accepts, in the blocks of {@code source} that {@code
   * query} selects, in its order.
   */
  private static List<SourceRow> rows(
      PreparedStatement query, String source, Layouts layouts, Predicate<String> inGroup)
      throws SQLException {
    List<SourceRow> rows = new ArrayList<>();
    try (ResultSet result = query.executeQuery()) {
      while (result.next()) {
        rows.addAll(
            RowBlock.rows(
                result.getBytes(3), result.getInt(2), result.getLong(1), source, layouts, inGroup));
      }
    }
    return rows;
  }

  /** How many rows are stored, of all sources: what their blocks hold. */
  static long count(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery("SELECT coalesce(sum(row_count), 0) FROM row_block")) {
      result.next();
      return result.getLong(1);
    }
  }

  /**
   * Appends these rows, in order, as written by import {@code importId}, adding the sources and
   * layouts the store lacks: the rows of one source fill its blocks in order, {@link
   * RowBlock#MAX_ROWS} at most to a block, made by a {@link BlockPress} (on a thread of its own for
   * more than one block's rows). Plain JDBC batches: for 200,000 rows about a quarter faster than
   * binding through Jdbi. The caller holds the store's one write transaction, which the block ids
   * count on.
   */
  static void insert(Connection connection, List<SourceRow> rows, long importId)
      throws SQLException {
    insert(connection, rows, importId, true);
  }

  /**
   * Appends these rows' blocks as {@link #insert} does, without their keys: schema 12's migration
   * ({@link BlockRows}) writes its blocks before the key tables exist, and schema 19's ({@link
   * KeyRows}) reads the keys from every block.
   */
  static void insertBlocks(Connection connection, List<SourceRow> rows, long importId)
      throws SQLException {
    insert(connection, rows, importId, false);
  }

  private static void insert(
      Connection connection, List<SourceRow> rows, long importId, boolean withKeys)
      throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (BlockInserts inserts = new BlockInserts(connection, importId, rows.size(), withKeys)) {
      // Sources and layouts are looked up as rows name them: one pass over the rows, each row made
      // once (an import's rows may be made on demand, ImportBatch.DerivedRows).
      for (SourceRow row : rows) {
        inserts.add(row);
      }
      inserts.finish();
    }
  }

  /**
   * The statement of one insert, and the block it is filling for each source: rows of two sources
   * that come interleaved (a sync's ledger entries and trades) still fill blocks of their own
   * source. Each block goes to the press, under the next id and with its rows' keys, when full or
   * when the insert ends, and is written, then its keys, when the press hands it back.
   */
  private static final class BlockInserts implements AutoCloseable {

    private final Connection connection;
    private final long importId;
    private final PreparedStatement blocks;
    private final boolean withKeys;
    private final BlockPress<PressedBlock, RowBlock.Line> press;
    private final Map<String, OpenBlock> open = new LinkedHashMap<>();
    private final Map<RowLayout, Long> layouts = new HashMap<>();
    private long blockId;

    /** A block being filled: its source's id and its rows. */
    private record OpenBlock(long sourceId, List<RowBlock.Line> lines) {

      OpenBlock(long sourceId) {
        this(sourceId, new ArrayList<>(RowBlock.MAX_ROWS));
      }
    }

    /** A full block given to the press: where it is written, and its rows' keys. */
    private record PressedBlock(long blockId, long sourceId, int rowCount, RowKeys keys) {}

    BlockInserts(Connection connection, long importId, int rows, boolean withKeys)
        throws SQLException {
      this.connection = connection;
      this.importId = importId;
      this.withKeys = withKeys;
      // The id of the last block written: each block pressed takes the one after it.
      blockId = BlockIds.next(connection, "row_block") - 1;
      blocks =
          connection.prepareStatement(
              "INSERT INTO row_block (block_id, source_id, import_id, row_count, rows)"
                  + " VALUES (?, ?, ?, ?, ?)");
      press = BlockPress.forRows(rows, this::write);
    }

    void add(SourceRow row) throws SQLException {
      OpenBlock block = open.get(row.source());
      if (block == null) {
        block = new OpenBlock(sourceIds(connection, List.of(row)).get(row.source()));
        open.put(row.source(), block);
      }
      RowFields fields = RowFields.copyOf(row.fields(), row.rowId());
      if (!layouts.containsKey(fields.layout())) {
        layouts.putAll(layoutIds(connection, List.of(row)));
      }
      block.lines().add(new RowBlock.Line(row, fields, layouts.get(fields.layout())));
      if (block.lines().size() == RowBlock.MAX_ROWS) {
        press(row.source(), block);
      }
    }

    /** Writes every block still being filled or pressed. */
    void finish() throws SQLException {
      for (Map.Entry<String, OpenBlock> block : List.copyOf(open.entrySet())) {
        if (!block.getValue().lines().isEmpty()) {
          press(block.getKey(), block.getValue());
        }
      }
      press.finish();
    }

    /**
     * Gives {@code block}, of {@code source}, to the press under the next id, and starts a new one
     * for the source: the press reads the old block's rows later.
     */
    private void press(String source, OpenBlock block) throws SQLException {
      blockId++;
      open.put(source, new OpenBlock(block.sourceId()));
      RowKeys keys = new RowKeys(withKeys ? block.lines().size() : 0);
      if (withKeys) {
        for (RowBlock.Line line : block.lines()) {
          keys.add(line.row().rowId(), line.row().groupId(), blockId);
        }
      }
      press.press(
          new PressedBlock(blockId, block.sourceId(), block.lines().size(), keys), block.lines());
    }

    /**
     * Writes a block the press made, then its rows' keys: while the press makes the blocks after
     * it. Inserting every key after the last block, in one sorted run, left the press's thread idle
     * for as long and made a 100,000-row import 4–7 % slower (BENCHMARKS §30).
     */
    private void write(PressedBlock block, byte[] bytes) throws SQLException {
      blocks.setLong(1, block.blockId());
      blocks.setLong(2, block.sourceId());
      blocks.setLong(3, importId);
      blocks.setInt(4, block.rowCount());
      blocks.setBytes(5, bytes);
      blocks.executeUpdate();
      block.keys().insert(connection);
    }

    @Override
    public void close() throws SQLException {
      try (blocks;
          press) {
        // Only closes the press and the statement, each even if the other fails to.
      }
    }
  }

  /** The ids of the rows' sources, adding those the store lacks. */
  static Map<String, Long> sourceIds(Connection connection, List<SourceRow> rows)
      throws SQLException {
    Set<String> wanted = new LinkedHashSet<>();
    rows.forEach(row -> wanted.add(row.source()));
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO row_source (source) VALUES (?) ON CONFLICT (source) DO NOTHING")) {
      for (String source : wanted) {
        insert.setString(1, source);
        insert.addBatch();
      }
      insert.executeBatch();
    }
    Map<String, Long> ids = new HashMap<>();
    try (Statement select = connection.createStatement();
        ResultSet result = select.executeQuery("SELECT source_id, source FROM row_source")) {
      while (result.next()) {
        ids.put(result.getString(2), result.getLong(1));
      }
    }
    return ids;
  }

  /** The ids of the rows' layouts, adding those the store lacks. */
  static Map<RowLayout, Long> layoutIds(Connection connection, List<SourceRow> rows)
      throws SQLException {
    Set<RowLayout> wanted = new LinkedHashSet<>();
    rows.forEach(row -> wanted.add(RowFields.copyOf(row.fields(), row.rowId()).layout()));
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO row_layout (field_count, names) VALUES (?, ?)"
                + " ON CONFLICT (field_count, names) DO NOTHING")) {
      for (RowLayout layout : wanted) {
        insert.setInt(1, layout.size());
        insert.setString(2, RowText.names(layout.names()));
        insert.addBatch();
      }
      insert.executeBatch();
    }
    Map<RowLayout, Long> ids = new HashMap<>();
    for (Map.Entry<Long, RowLayout> stored : readLayouts(connection).entrySet()) {
      ids.put(stored.getValue(), stored.getKey());
    }
    return ids;
  }

  private static Optional<Long> sourceId(Connection connection, String source) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement("SELECT source_id FROM row_source WHERE source = ?")) {
      query.setString(1, source);
      try (ResultSet result = query.executeQuery()) {
        return result.next() ? Optional.of(result.getLong(1)) : Optional.empty();
      }
    }
  }

  /** Every stored layout by id; a layout text that does not hold its count is an error. */
  static Map<Long, RowLayout> readLayouts(Connection connection) throws SQLException {
    Map<Long, RowLayout> layouts = new HashMap<>();
    try (Statement select = connection.createStatement();
        ResultSet result =
            select.executeQuery("SELECT layout_id, field_count, names FROM row_layout")) {
      while (result.next()) {
        long id = result.getLong(1);
        try {
          layouts.put(id, RowLayout.of(RowText.names(result.getString(3), result.getInt(2))));
        } catch (IllegalArgumentException e) {
          throw new SQLDataException(
              "column names of row_layout " + id + " is not a layout: " + e.getMessage(), e);
        }
      }
    }
    return layouts;
  }

  /** The stored layouts by id, read again when a row names one written since. */
  private static final class Layouts implements RowBlock.Layouts {

    private final Connection connection;
    private Map<Long, RowLayout> byId;

    Layouts(Connection connection) throws SQLException {
      this.connection = connection;
      this.byId = readLayouts(connection);
    }

    @Override
    public RowLayout layout(long id, String source, String rowId) throws SQLException {
      RowLayout layout = byId.get(id);
      if (layout == null) {
        byId = readLayouts(connection);
        layout = byId.get(id);
      }
      if (layout == null) {
        throw new SQLDataException(
            source + " row " + rowId + " names layout " + id + ", which row_layout does not hold");
      }
      return layout;
    }
  }
}
