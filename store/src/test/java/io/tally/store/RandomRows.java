package io.tally.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Seeded random source rows for property tests: field names and values made of the characters the
 * store's texts must survive (TAB, backslash, quotes, commas, line breaks, NUL, letters from
 * outside Latin-1 and outside the BMP, blanks), empty values, texts that look like the store's
 * escapes ({@code \i}, {@code \t}), and values equal to the row's own id, group id or time. A test
 * prints its seed, so a failure can be replayed with {@code new RandomRows(seed)}.
 *
 * <p>Example: {@code new RandomRows(42).rows("kraken.ledgers", 100)}. Not thread-safe.
 */
final class RandomRows {

  private static final String[] PIECES = {
    "a",
    "Z",
    "0",
    "9",
    ".",
    "-",
    " ",
    ",",
    "\"",
    "'",
    "\\",
    "\t",
    "\n",
    "\r",
    "\r\n",
    "\u0000",
    "\u0001",
    "ü",
    "€",
    "₿",
    "日本",
    "🚀",
    "\\i",
    "\\g",
    "\\a",
    "\\t",
    "\\\\",
    "\\0",
    "=",
    "{",
    "}",
    ":",
    "txid",
    "0.0000000001",
    "_"
  };

  private final SplittableRandom random;

  RandomRows(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** A text of zero to six pieces. */
  String text() {
    int pieces = random.nextInt(7);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < pieces; i++) {
      text.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return text.toString();
  }

  /** A text that is not blank and has no NUL, as ids must be (PostgreSQL text cannot hold NUL). */
  String id() {
    String id;
    do {
      id = text();
    } while (id.isBlank() || id.indexOf('\u0000') >= 0);
    return id;
  }

  /** Up to eight fields with distinct random names; some values are the row's id, group or time. */
  Map<String, String> fields(String rowId, String groupId, Instant at) {
    Map<String, String> fields = new LinkedHashMap<>();
    int count = random.nextInt(9);
    while (fields.size() < count) {
      int kind = random.nextInt(10);
      String value = kind == 0 ? rowId : kind == 1 ? groupId : kind == 2 ? at.toString() : text();
      fields.putIfAbsent(text(), value);
    }
    return fields;
  }

  /** A row of {@code source} with random ids, time and fields. */
  SourceRow row(String source) {
    String rowId = id();
    String groupId = random.nextInt(4) == 0 ? rowId : id();
    Instant at =
        Instant.ofEpochSecond(
            random.nextLong(StoredInstant.MIN.getEpochSecond(), StoredInstant.MAX.getEpochSecond()),
            random.nextInt(3) == 0 ? 0 : random.nextInt(1_000_000_000));
    return new SourceRow(source, rowId, groupId, at, fields(rowId, groupId, at));
  }

  /** {@code count} rows of {@code source} with distinct row ids. */
  List<SourceRow> rows(String source, int count) {
    List<SourceRow> rows = new ArrayList<>(count);
    Set<String> ids = new HashSet<>();
    while (rows.size() < count) {
      SourceRow row = row(source);
      if (ids.add(row.rowId())) {
        rows.add(row);
      }
    }
    return rows;
  }
}
