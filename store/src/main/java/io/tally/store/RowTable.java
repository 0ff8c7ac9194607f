package io.tally.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * SQL for the raw rows: table {@code source_row} with its sources ({@code row_source}) and field
 * layouts ({@code row_layout}), appended and never changed. A row is stored as its layout's number
 * and its values' text ({@link RowText}), so the field names are stored once per layout. Lists of
 * ids are bound as one value and joined as a table ({@link Dialect#idTable}), so a query takes any
 * number of ids (no bound-variable limit) and reads one snapshot.
 *
 * <p>Reading rows reads the layouts first, in a statement of its own; the rows' statement sees at
 * most layouts written after that, which are read when a row names one (ids are never reused by a
 * committed layout, and layouts never change).
 */
final class RowTable {

  /** Rows bound per JDBC batch, which bounds the memory the driver holds for bindings. */
  private static final int INSERT_CHUNK = 10_000;

  private static final String ROW_COLUMNS = "s.row_id, s.group_id, s.at, s.layout_id, s.row_values";

  private RowTable() {}

  /** Which of these row ids of {@code source} are stored. */
  static Set<String> known(
      Connection connection, Dialect dialect, String source, Collection<String> rowIds)
      throws SQLException {
    if (rowIds.isEmpty()) {
      return Set.of();
    }
    Optional<Long> sourceId = sourceId(connection, source);
    if (sourceId.isEmpty()) {
      return Set.of();
    }
    // On SQLite, CROSS JOIN keeps the ids outside, so each id is one lookup in the unique index.
    Set<String> known = new HashSet<>();
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT s.row_id FROM "
                + dialect.idTable("id")
                + " CROSS JOIN source_row AS s"
                + " WHERE s.source_id = ? AND s.row_id = id.value")) {
      dialect.bindIds(query, 1, rowIds);
      query.setLong(2, sourceId.get());
      try (ResultSet result = query.executeQuery()) {
        while (result.next()) {
          known.add(result.getString(1));
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
        connection.prepareStatement(
            "SELECT "
                + ROW_COLUMNS
                + " FROM "
                + dialect.idTable("g")
                + " CROSS JOIN source_row AS s"
                + " WHERE s.source_id = ? AND s.group_id = g.value ORDER BY s.seq")) {
      dialect.bindIds(query, 1, groupIds);
      query.setLong(2, sourceId.get());
      return rows(query, source, layouts);
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
            "SELECT "
                + ROW_COLUMNS
                + " FROM source_row AS s WHERE s.source_id = ? ORDER BY s.seq")) {
      query.setLong(1, sourceId.get());
      return rows(query, source, layouts);
    }
  }

  /** The rows of {@code source} that {@code query} selects ({@link #ROW_COLUMNS}), in its order. */
  private static List<SourceRow> rows(PreparedStatement query, String source, Layouts layouts)
      throws SQLException {
    List<SourceRow> rows = new ArrayList<>();
    try (ResultSet result = query.executeQuery()) {
      while (result.next()) {
        rows.add(row(result, source, layouts));
      }
    }
    return rows;
  }

  /** How many rows are stored, of all sources. */
  static long count(Handle handle) {
    return handle.createQuery("SELECT count(*) FROM source_row").mapTo(Long.class).one();
  }

  /**
   * Appends these rows, in order, as written by import {@code importId}, adding the sources and
   * layouts the store lacks. Plain JDBC batches: for 200,000 rows about a quarter faster than
   * binding through Jdbi.
   */
  static void insert(Connection connection, List<SourceRow> rows, long importId)
      throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    // Sources and layouts are looked up as rows name them: one pass over the rows, each row made
    // once (an import's rows may be made on demand, ImportBatch.DerivedRows).
    Map<String, Long> sources = new HashMap<>();
    Map<RowLayout, Long> layouts = new HashMap<>();
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO source_row"
                + " (source_id, row_id, group_id, at, layout_id, row_values, import_id)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      int pending = 0;
      for (SourceRow row : rows) {
        if (!sources.containsKey(row.source())) {
          sources.putAll(sourceIds(connection, List.of(row)));
        }
        RowFields fields = RowFields.copyOf(row.fields(), row.rowId());
        if (!layouts.containsKey(fields.layout())) {
          layouts.putAll(layoutIds(connection, List.of(row)));
        }
        bind(insert, 1, row, fields, sources, layouts);
        insert.setLong(7, importId);
        insert.addBatch();
        if (++pending == INSERT_CHUNK) {
          insert.executeBatch();
          pending = 0;
        }
      }
      insert.executeBatch();
    }
  }

  /**
   * Appends rows that were stored before under their own {@code seqs} and {@code importIds} (the
   * schema migration moving rows to this table), adding the sources and layouts the store lacks. A
   * PostgreSQL caller must move the identity of {@code seq} past the last one afterwards.
   */
  static void insertStored(
      Connection connection, Dialect dialect, List<SourceRow> rows, long[] seqs, long[] importIds)
      throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    Map<String, Long> sources = sourceIds(connection, rows);
    Map<RowLayout, Long> layouts = layoutIds(connection, rows);
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO source_row"
                + " (seq, source_id, row_id, group_id, at, layout_id, row_values, import_id)"
                + dialect.overridingIdentity()
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (int i = 0; i < rows.size(); i++) {
        insert.setLong(1, seqs[i]);
        SourceRow row = rows.get(i);
        bind(insert, 2, row, RowFields.copyOf(row.fields(), row.rowId()), sources, layouts);
        insert.setLong(8, importIds[i]);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /** Binds the row's six columns from source_id to row_values, starting at {@code first}. */
  private static void bind(
      PreparedStatement insert,
      int first,
      SourceRow row,
      RowFields fields,
      Map<String, Long> sources,
      Map<RowLayout, Long> layouts)
      throws SQLException {
    insert.setLong(first, sources.get(row.source()));
    insert.setString(first + 1, row.rowId());
    insert.setString(first + 2, row.groupId());
    insert.setString(first + 3, StoredInstant.toText(row.at()));
    insert.setLong(first + 4, layouts.get(fields.layout()));
    insert.setString(first + 5, RowText.values(row, fields));
  }

  /** The ids of the rows' sources, adding those the store lacks. */
  private static Map<String, Long> sourceIds(Connection connection, List<SourceRow> rows)
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
  private static Map<RowLayout, Long> layoutIds(Connection connection, List<SourceRow> rows)
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
  private static Map<Long, RowLayout> readLayouts(Connection connection) throws SQLException {
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

  private static SourceRow row(ResultSet result, String source, Layouts layouts)
      throws SQLException {
    String rowId = result.getString(1);
    String groupId = result.getString(2);
    Instant at = StoredInstant.fromText(result.getString(3));
    long layoutId = result.getLong(4);
    RowLayout layout = layouts.layout(layoutId, source, rowId);
    String[] values;
    try {
      values = RowText.values(result.getString(5), layout.size(), rowId, groupId, at);
    } catch (IllegalArgumentException e) {
      throw new SQLDataException(
          "column row_values of "
              + source
              + " row "
              + rowId
              + " does not hold the "
              + layout.size()
              + " values of layout "
              + layoutId
              + ": "
              + e.getMessage(),
          e);
    }
    return new SourceRow(source, rowId, groupId, at, new RowFields(layout, values));
  }

  /** The stored layouts by id, read again when a row names one written since. */
  private static final class Layouts {

    private final Connection connection;
    private Map<Long, RowLayout> byId;

    Layouts(Connection connection) throws SQLException {
      this.connection = connection;
      this.byId = readLayouts(connection);
    }

    RowLayout layout(long id, String source, String rowId) throws SQLException {
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
