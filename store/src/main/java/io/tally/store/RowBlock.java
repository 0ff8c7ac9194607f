package io.tally.store;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Rows of one source, in their order, as table {@code row_block} keeps them: one line per row,
 * ended by a line feed, holding its layout's id, its id, its group id, its time ({@link
 * StoredInstant}) and its values, all written as {@link RowText} writes texts (escaped, separated
 * by a TAB), the lines {@link Deflated} together. A block of a ledger's rows takes under a third of
 * its lines' text, since neighbouring rows repeat their types, assets, wallets and file names.
 *
 * <p>Example: {@code new RowBlock.Writer()} fed {@code add(row, fields, 1)} for each of 512 rows
 * gives {@link Writer#finish()}'s bytes; {@code RowBlock.rows(bytes, 512, 7, "kraken.ledgers",
 * layouts, group -> true)} gives the rows back. A writer is not thread-safe; reading is stateless.
 */
final class RowBlock {

  /**
   * The most rows one block holds: enough that a block's last page is a small part of it, few
   * enough that reading one group inflates about 100 KB.
   */
  static final int MAX_ROWS = 512;

  private static final char SEPARATOR = '\t';

  private RowBlock() {}

  /** The stored layouts by id, as a block's reader needs them. */
  interface Layouts {

    /**
     * The layout {@code id}, which the row {@code rowId} of {@code source} names.
     *
     * @throws SQLException if the store holds no such layout
     */
    RowLayout layout(long id, String source, String rowId) throws SQLException;
  }

  /**
   * One row as a block is to hold it: the row, its fields, and the id its fields' layout is stored
   * under.
   */
  record Line(SourceRow row, RowFields fields, long layoutId) {}

  /** Collects one block's rows and deflates them; reusable block after block. */
  static final class Writer implements BlockPress.Maker<Line> {

    private final Deflated.Writer block = new Deflated.Writer(MAX_ROWS, "rows", 160, 40);

    /**
     * Adds {@code row}, whose fields are {@code fields}, in the layout stored as {@code layoutId}.
     */
    void add(SourceRow row, RowFields fields, long layoutId) {
      StringBuilder text = block.startLine();
      text.append(layoutId).append(SEPARATOR);
      RowText.appendEscaped(text, row.rowId());
      text.append(SEPARATOR);
      RowText.appendEscaped(text, row.groupId());
      text.append(SEPARATOR).append(StoredInstant.toText(row.at())).append(SEPARATOR);
      RowText.appendValues(text, row, fields);
      block.endLine();
    }

    /** How many rows the block holds so far. */
    int rows() {
      return block.lines();
    }

    /** The deflated block of {@code lines}, after the rows added since the last finish. */
    @Override
    public byte[] make(List<Line> lines) {
      for (Line line : lines) {
        add(line.row(), line.fields(), line.layoutId());
      }
      return finish();
    }

    /** The deflated block of the rows added since the last finish; the writer is empty again. */
    byte[] finish() {
      return block.finish();
    }

    @Override
    public void close() {
      block.close();
    }
  }

  /**
   * Of the {@code count} rows of {@code source} that block {@code blockId} holds, those whose group
   * {@code inGroup} accepts, in the block's order ({@code group -> true} for all). The others are
   * read no further than their group, so finding a group's rows in a full block does not make the
   * 511 rows around them.
   *
   * @throws SQLDataException naming the block, and the row where one is to blame, if the bytes are
   *     not such a block
   */
  static List<SourceRow> rows(
      byte[] block,
      int count,
      long blockId,
      String source,
      Layouts layouts,
      Predicate<String> inGroup)
      throws SQLException {
    List<SourceRow> rows = new ArrayList<>();
    for (String line :
        Deflated.lines(block, count, "rows", why -> notABlock(blockId, source, why))) {
      row(line, blockId, source, layouts, inGroup).ifPresent(rows::add);
    }
    return rows;
  }

  /** Receives the id and group of each row of a block, in the block's order. */
  interface Heads {

    /** Takes the row {@code rowId} of group {@code groupId}. */
    void accept(String rowId, String groupId) throws SQLException;
  }

  /**
   * Gives {@code heads} the id and group of each of the {@code count} rows of {@code source} that
   * block {@code blockId} holds, in the block's order, reading no further into a line than its head
   * (layout, id, group and time): what a lookup of row ids and the keys of stored blocks need.
   *
   * @throws SQLDataException naming the block, and the line where one is to blame, if the bytes are
   *     not such a block
   */
  static void heads(byte[] block, int count, long blockId, String source, Heads heads)
      throws SQLException {
    for (String line :
        Deflated.lines(block, count, "rows", why -> notABlock(blockId, source, why))) {
      Head head = head(line, blockId, source);
      heads.accept(head.rowId(), head.groupId());
    }
  }

  /**
   * The four texts a line starts with (its layout's id, its id, its group and its time) and where
   * its values start.
   */
  private record Head(String layoutId, String rowId, String groupId, String at, int valuesStart) {}

  private static Head head(String line, long blockId, String source) throws SQLException {
    int valuesStart = 0;
    for (int i = 0; i < 4; i++) {
      valuesStart = line.indexOf(SEPARATOR, valuesStart) + 1;
      if (valuesStart == 0) {
        throw notABlock(blockId, source, "a line holds fewer than five texts: '" + line + "'");
      }
    }
    List<String> head;
    try {
      head = RowText.names(line.substring(0, valuesStart - 1), 4);
    } catch (IllegalArgumentException e) {
      throw notABlock(blockId, source, e.getMessage() + " in the line '" + line + "'");
    }
    return new Head(head.get(0), head.get(1), head.get(2), head.get(3), valuesStart);
  }

  /** The row a block's line holds, if {@code inGroup} accepts its group. */
  private static Optional<SourceRow> row(
      String line, long blockId, String source, Layouts layouts, Predicate<String> inGroup)
      throws SQLException {
    Head head = head(line, blockId, source);
    String rowId = head.rowId();
    String groupId = head.groupId();
    if (!inGroup.test(groupId)) {
      return Optional.empty();
    }
    long layoutId;
    Instant at;
    try {
      layoutId = Long.parseLong(head.layoutId());
      at = StoredInstant.fromText(head.at());
    } catch (IllegalArgumentException | DateTimeException e) {
      throw notABlock(blockId, source, e.getMessage() + " in the line '" + line + "'");
    }
    RowLayout layout = layouts.layout(layoutId, source, rowId);
    try {
      String[] values =
          RowText.values(line.substring(head.valuesStart()), layout.size(), rowId, groupId, at);
      return Optional.of(new SourceRow(source, rowId, groupId, at, new RowFields(layout, values)));
    } catch (IllegalArgumentException e) {
      throw new SQLDataException(
          "row_block "
              + blockId
              + " holds "
              + source
              + " row "
              + rowId
              + ", whose values do not fit the "
              + layout.size()
              + " names of layout "
              + layoutId
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private static SQLDataException notABlock(long blockId, String source, String why) {
    return new SQLDataException(
        "column rows of row_block " + blockId + " (" + source + ") is not a block of rows: " + why);
  }
}
