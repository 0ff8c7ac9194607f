package io.tally.ledger;

/**
 * One event line cut into its fields, as {@link EventText#parse} reads it: the fields split at each
 * space as {@link String#split} splits them (trailing empty fields dropped), the first three the
 * time, the id and the type, the rest {@code key=value} pairs, the last of a key counting. Nothing
 * is copied out of the line but the values asked for: a line read through {@code split} and a map
 * made some 3 KB of objects, a replay from the store reads every line, and an import's books read
 * each line they fold (docs/BENCHMARKS.md §28).
 *
 * <p>Example: {@code EventFields.of("2024-01-01T00:00:00Z T1 flow kind=DEPOSIT amount=EUR:5
 * fee=EUR:0")} has {@code field(2)} {@code flow} and {@code value("kind")} {@code DEPOSIT}.
 * Immutable.
 */
final class EventFields {

  private final String line;
  // Field i is line[starts[i], ends[i]); of a pair, equals[i] is where its '=' is.
  private final int[] starts;
  private final int[] ends;
  private final int[] equals;
  private final int count;

  private EventFields(String line, int[] starts, int[] ends, int count) {
    this.line = line;
    this.starts = starts;
    this.ends = ends;
    this.equals = new int[count];
    this.count = count;
  }

  /**
   * The fields of {@code line}.
   *
   * @throws IllegalArgumentException ("too few fields") when it has fewer than three
   */
  static EventFields of(String line) {
    int spaces = 0;
    for (int i = 0; i < line.length(); i++) {
      if (line.charAt(i) == ' ') {
        spaces++;
      }
    }
    int[] starts = new int[spaces + 1];
    int[] ends = new int[spaces + 1];
    int count = 0;
    int start = 0;
    for (int i = 0; i <= line.length(); i++) {
      if (i == line.length() || line.charAt(i) == ' ') {
        starts[count] = start;
        ends[count] = i;
        count++;
        start = i + 1;
      }
    }
    // As split drops them: the empty fields at the end, unless the line has no separator at all.
    while (count > 1 && starts[count - 1] == ends[count - 1]) {
      count--;
    }
    if (count < 3) {
      throw new IllegalArgumentException("too few fields");
    }
    return new EventFields(line, starts, ends, count);
  }

  /** Field {@code index}: 0 the time, 1 the id, 2 the type. */
  String field(int index) {
    return line.substring(starts[index], ends[index]);
  }

  /**
   * Checks that every field after the type is {@code key=value} with a key.
   *
   * @throws IllegalArgumentException ("not key=value: '...'") naming the first that is not
   */
  EventFields checkPairs() {
    for (int i = 3; i < count; i++) {
      int at = line.indexOf('=', starts[i]);
      if (at < 0 || at >= ends[i] || at == starts[i]) {
        throw new IllegalArgumentException("not key=value: '" + field(i) + "'");
      }
      equals[i] = at;
    }
    return this;
  }

  /**
   * The value of {@code key}, its last one if the line gives it twice (after {@link #checkPairs}).
   *
   * @throws IllegalArgumentException ("missing key") when the line does not give it
   */
  String value(String key) {
    int pair = find(key);
    if (pair < 0) {
      throw new IllegalArgumentException("missing " + key);
    }
    return line.substring(equals[pair] + 1, ends[pair]);
  }

  /** The value of {@code key}, or {@code otherwise} when the line does not give it. */
  String valueOr(String key, String otherwise) {
    int pair = find(key);
    return pair < 0 ? otherwise : line.substring(equals[pair] + 1, ends[pair]);
  }

  private int find(String key) {
    for (int i = count - 1; i >= 3; i--) {
      if (equals[i] - starts[i] == key.length()
          && line.regionMatches(starts[i], key, 0, key.length())) {
        return i;
      }
    }
    return -1;
  }
}
