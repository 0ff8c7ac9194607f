package io.tally.store;

import java.sql.SQLDataException;
import java.util.ArrayList;
import java.util.List;

/**
 * Trades' PnL lines of one books, as table {@code trade_pnl_block} keeps them: one line per trade,
 * ended by a line feed, holding its event id and its line (the engine's text, opaque to the store),
 * written as {@link RowText} writes texts (escaped, separated by a TAB), the lines {@link Deflated}
 * together. A block of a ledger's trades takes about a quarter of their lines' text.
 *
 * <p>Example: {@code new TradePnlBlock.Writer()} fed {@code add("T1", "4990.00\t10.00\t-")} gives
 * {@link Writer#finish()}'s bytes; {@code TradePnlBlock.lines(bytes, 1, 7)} is {@code [Line[T1,
 * 4990.00\t10.00\t-]]}. A writer is not thread-safe; reading is stateless.
 */
final class TradePnlBlock {

  /**
   * The most lines one block holds: enough that a block's last page is a small part of it, few
   * enough that finding one trade inflates about 25 KB.
   */
  static final int MAX_LINES = 512;

  private TradePnlBlock() {}

  /** One trade's line: its event id and the engine's text. */
  record Line(String eventId, String text) {}

  /** Collects one block's lines and deflates them; reusable block after block. */
  static final class Writer implements AutoCloseable {

    private final Deflated.Writer block = new Deflated.Writer(MAX_LINES, "lines", 64, 16);

    /** Adds the line {@code line} of trade {@code eventId}. */
    void add(String eventId, String line) {
      StringBuilder text = block.startLine();
      RowText.appendEscaped(text, eventId);
      text.append('\t');
      RowText.appendEscaped(text, line);
      block.endLine();
    }

    /** How many lines the block holds so far. */
    int lines() {
      return block.lines();
    }

    /** The deflated block of the lines added since the last finish; the writer is empty again. */
    byte[] finish() {
      return block.finish();
    }

    @Override
    public void close() {
      block.close();
    }
  }

  /**
   * The {@code count} lines block {@code blockId} holds, in its order.
   *
   * @throws SQLDataException naming the block, and the line where one is to blame, if the bytes are
   *     not such a block
   */
  static List<Line> lines(byte[] block, int count, long blockId) throws SQLDataException {
    List<Line> lines = new ArrayList<>(count);
    for (String line : Deflated.lines(block, count, "lines", why -> notABlock(blockId, why))) {
      try {
        List<String> texts = RowText.names(line, 2);
        if (texts.get(0).isEmpty() || texts.get(1).isEmpty()) {
          throw new IllegalArgumentException("an event id or a line is empty");
        }
        lines.add(new Line(texts.get(0), texts.get(1)));
      } catch (IllegalArgumentException e) {
        throw notABlock(blockId, e.getMessage() + " in the line '" + line + "'");
      }
    }
    return lines;
  }

  private static SQLDataException notABlock(long blockId, String why) {
    return new SQLDataException(
        "column lines of trade_pnl_block " + blockId + " is not a block of trade lines: " + why);
  }
}
