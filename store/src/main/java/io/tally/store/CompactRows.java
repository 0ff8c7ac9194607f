package io.tally.store;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;

/**
 * Schema 6, a Java migration: moves the rows of schema 4, which schema 5 renamed to {@code
 * source_row_v4} (fields as a JSON object with their names), into the compact {@code source_row} of
 * schema 5, keeping each row's {@code seq} and import, then drops {@code source_row_v4}. It is
 * Java, not SQL, so that old rows are written by the same code as new ones were then ({@link
 * RowText}) on both databases, and so that JSON a database's own functions would refuse (PostgreSQL
 * cannot turn {@code \u0000} into text) still moves. Rows move in chunks of {@value #CHUNK}, in
 * {@code seq} order, so memory stays small for any number of rows. On PostgreSQL, the identity of
 * {@code seq} then continues after the last row moved.
 *
 * <p>Example: {@code Flyway.configure().javaMigrations(new CompactRows(Dialect.SQLITE))}. A failure
 * names the row and fails the whole migration, which the store runs in one transaction with schema
 * 5, so the store stays at schema 4. Stateless.
 */
final class CompactRows extends RowMigration {

  /** Rows moved per batch. */
  static final int CHUNK = 10_000;

  private final Dialect dialect;

  CompactRows(Dialect dialect) {
    super("6", "compact rows");
    this.dialect = requireNonNull(dialect, "dialect");
  }

  @Override
  void migrate(Connection connection) throws SQLException {
    long after = Long.MIN_VALUE;
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT seq, source, row_id, group_id, at, fields, import_id FROM source_row_v4"
                + " WHERE seq > ? ORDER BY seq LIMIT "
                + CHUNK)) {
      while (true) {
        select.setLong(1, after);
        List<SourceRow> rows = new ArrayList<>(CHUNK);
        long[] seqs = new long[CHUNK];
        long[] importIds = new long[CHUNK];
        try (ResultSet result = select.executeQuery()) {
          while (result.next()) {
            seqs[rows.size()] = result.getLong(1);
            importIds[rows.size()] = result.getLong(7);
            rows.add(oldRow(result));
          }
        }
        if (rows.isEmpty()) {
          break;
        }
        insertCompact(
            connection,
            rows,
            Arrays.copyOf(seqs, rows.size()),
            Arrays.copyOf(importIds, rows.size()));
        after = seqs[rows.size() - 1];
      }
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE source_row_v4");
      if (dialect == Dialect.POSTGRESQL) {
        statement.execute(
            "SELECT setval(pg_get_serial_sequence('source_row', 'seq'), max(seq))"
                + " FROM source_row HAVING count(*) > 0");
      }
    }
  }

  /**
   * Appends rows to schema 5's {@code source_row} under their own {@code seqs} and {@code
   * importIds}, adding the sources and layouts the store lacks.
   */
  private void insertCompact(
      Connection connection, List<SourceRow> rows, long[] seqs, long[] importIds)
      throws SQLException {
    Map<String, Long> sources = RowTable.sourceIds(connection, rows);
    Map<RowLayout, Long> layouts = RowTable.layoutIds(connection, rows);
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO source_row"
                + " (seq, source_id, row_id, group_id, at, layout_id, row_values, import_id)"
                + dialect.overridingIdentity()
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (int i = 0; i < rows.size(); i++) {
        SourceRow row = rows.get(i);
        RowFields fields = RowFields.copyOf(row.fields(), row.rowId());
        insert.setLong(1, seqs[i]);
        insert.setLong(2, sources.get(row.source()));
        insert.setString(3, row.rowId());
        insert.setString(4, row.groupId());
        insert.setString(5, StoredInstant.toText(row.at()));
        insert.setLong(6, layouts.get(fields.layout()));
        insert.setString(7, RowText.values(row, fields));
        insert.setLong(8, importIds[i]);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /** The row of schema 4 at the result's cursor; stored text that is no row is an error. */
  private static SourceRow oldRow(ResultSet result) throws SQLException {
    long seq = result.getLong(1);
    String source = result.getString(2);
    String rowId = result.getString(3);
    try {
      return new SourceRow(
          source,
          rowId,
          result.getString(4),
          StoredInstant.fromText(result.getString(5)),
          Json.readFields(result.getString(6)));
    } catch (JacksonException | IllegalArgumentException | DateTimeException e) {
      throw cannotMove(source, rowId, seq, "source_row_v4", "the compact layout", e);
    }
  }
}
