package io.tally.store;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Text kept deflated, as the store's blocks keep their lines ({@link RowBlock}, {@link EventBlock},
 * {@link TradePnlBlock}): UTF-8 in zlib's format (RFC 1950, whose checksum tells a damaged block)
 * at its fastest level, which takes a ledger's rows to under a third of their text; zlib's default
 * level saves a tenth more for over twice the time (BENCHMARKS §27).
 *
 * <p>Example: {@code try (Deflated.Writer writer = new Deflated.Writer(512, "rows", 160, 40)) {
 * writer.startLine().append("a\tb"); writer.endLine(); byte[] bytes = writer.finish(); }}, then
 * {@code Deflated.inflate(bytes, SQLDataException::new)} is {@code "a\tb\n"} and {@code
 * Deflated.lines(bytes, 1, "rows", SQLDataException::new)} is {@code ["a\tb"]}. A {@link Writer} is
 * reusable, not thread-safe; inflating is stateless.
 */
final class Deflated {

  private Deflated() {}

  /**
   * One block's lines being written, each ended by a line feed, and the zlib state that deflates
   * them; reusable block after block, and freed on close. A line is begun with {@link #startLine}
   * (which refuses one past the block's most) and ended with {@link #endLine}.
   */
  static final class Writer implements AutoCloseable {

    private final int maxLines;
    private final String what;
    private final StringBuilder text;
    private final Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    private final ByteArrayOutputStream out;
    private final byte[] buffer = new byte[8_192];
    private int lines;

    /**
     * A writer of blocks of at most {@code maxLines} lines, which messages call {@code what}, of
     * about {@code lineChars} characters each, deflated to about {@code lineBytes} bytes each.
     */
    Writer(int maxLines, String what, int lineChars, int lineBytes) {
      this.maxLines = maxLines;
      this.what = what;
      text = new StringBuilder(maxLines * lineChars);
      out = new ByteArrayOutputStream(maxLines * lineBytes);
    }

    /**
     * The text to write the next line's texts to.
     *
     * @throws IllegalStateException if the block holds its most lines already
     */
    StringBuilder startLine() {
      if (lines == maxLines) {
        throw new IllegalStateException("A block holds at most " + maxLines + " " + what);
      }
      return text;
    }

    /** Ends the line begun by {@link #startLine}. */
    void endLine() {
      text.append('\n');
      lines++;
    }

    /** How many lines the block holds so far. */
    int lines() {
      return lines;
    }

    /** The deflated UTF-8 bytes of the lines written since the last finish; the block is empty. */
    byte[] finish() {
      deflater.reset();
      deflater.setInput(text.toString().getBytes(StandardCharsets.UTF_8));
      deflater.finish();
      out.reset();
      while (!deflater.finished()) {
        out.write(buffer, 0, deflater.deflate(buffer));
      }
      text.setLength(0);
      lines = 0;
      return out.toByteArray();
    }

    @Override
    public void close() {
      deflater.end();
    }
  }

  /**
   * The text {@code block} holds; bytes that are no whole zlib stream, or more than one, are an
   * error that {@code damaged} makes of the reason.
   */
  static <E extends Exception> String inflate(byte[] block, Function<String, E> damaged) throws E {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(block);
      ByteArrayOutputStream out = new ByteArrayOutputStream(block.length * 6);
      byte[] buffer = new byte[8_192];
      while (!inflater.finished()) {
        int inflated = inflater.inflate(buffer);
        if (inflated == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw damaged.apply("its bytes end before the block does");
        }
        out.write(buffer, 0, inflated);
      }
      if (inflater.getRemaining() > 0) {
        throw damaged.apply(inflater.getRemaining() + " bytes follow the block");
      }
      return out.toString(StandardCharsets.UTF_8);
    } catch (DataFormatException e) {
      throw damaged.apply("its bytes do not inflate (" + e.getMessage() + ")");
    } finally {
      inflater.end();
    }
  }

  /**
   * The {@code count} lines {@code block} holds, each ended by a line feed, without it; bytes that
   * are no such block are an error that {@code damaged} makes of the reason, which calls the lines
   * {@code what}.
   */
  static <E extends Exception> List<String> lines(
      byte[] block, int count, String what, Function<String, E> damaged) throws E {
    String text = inflate(block, damaged);
    List<String> lines = new ArrayList<>(count);
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        throw damaged.apply("its last line has no line feed");
      }
      lines.add(text.substring(start, end));
      start = end + 1;
    }
    if (lines.size() != count) {
      throw damaged.apply("it holds " + lines.size() + " " + what + ", not " + count);
    }
    return lines;
  }
}
