package io.tally.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Schema 12, a Java migration: moves the rows of schema 10, which schema 11 renamed to {@code
 * source_row_v10} (one row per table row, its values as {@link RowText}), into the blocks of schema
 * 11 ({@link RowTable#insertBlocks}), keeping their order and import, then drops {@code
 * source_row_v10}. It is Java, not SQL, so that old rows are written by the same code as new ones
 * on both databases. Rows move in chunks of {@value #CHUNK}, in {@code seq} order, so memory stays
 * small for any number of rows; each import's rows start a block of their own. The blocks' keys are
 * not written here: schema 11's key tables are gone by schema 19, whose migration ({@link KeyRows})
 * reads the keys from every block, in the same transaction as this one.
 *
 * <p>Example: {@code Flyway.configure().javaMigrations(new BlockRows())}. A failure names the row
 * and fails the whole migration, which the store runs in one transaction with schema 11, so the
 * store stays at schema 10. Stateless.
 */
final class BlockRows extends RowMigration {

  /** Rows moved per batch. */
  static final int CHUNK = 10_000;

  BlockRows() {
    super("12", "row blocks");
  }

  @Override
  void migrate(Connection connection) throws SQLException {
    Map<Long, RowLayout> layouts = RowTable.readLayouts(connection);
    long after = Long.MIN_VALUE;
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT r.seq, s.source, r.row_id, r.group_id, r.at, r.layout_id, r.row_values,"
                + " r.import_id FROM source_row_v10 AS r"
                + " JOIN row_source AS s ON s.source_id = r.source_id"
                + " WHERE r.seq > ? ORDER BY r.seq LIMIT "
                + CHUNK)) {
      while (true) {
        select.setLong(1, after);
        List<SourceRow> run = new ArrayList<>();
        long runImport = -1;
        try (ResultSet result = select.executeQuery()) {
          while (result.next()) {
            after = result.getLong(1);
            long importId = result.getLong(8);
            if (importId != runImport) {
              RowTable.insertBlocks(connection, run, runImport);
              run = new ArrayList<>();
              runImport = importId;
            }
            run.add(oldRow(result, layouts));
          }
        }
        if (run.isEmpty()) {
          break;
        }
        RowTable.insertBlocks(connection, run, runImport);
      }
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE source_row_v10");
    }
  }

  /** The row of schema 10 at the result's cursor; stored text that is no row is an error. */
  private static SourceRow oldRow(ResultSet result, Map<Long, RowLayout> layouts)
      throws SQLException {
    long seq = result.getLong(1);
    String source = result.getString(2);
    String rowId = result.getString(3);
    String groupId = result.getString(4);
    long layoutId = result.getLong(6);
    RowLayout layout = layouts.get(layoutId);
    try {
      if (layout == null) {
        throw new IllegalArgumentException("row_layout holds no layout " + layoutId);
      }
      Instant at = StoredInstant.fromText(result.getString(5));
      String[] values = RowText.values(result.getString(7), layout.size(), rowId, groupId, at);
      return new SourceRow(source, rowId, groupId, at, new RowFields(layout, values));
    } catch (IllegalArgumentException | DateTimeException e) {
      throw cannotMove(source, rowId, seq, "source_row_v10", "a block", e);
    }
  }
}
