package io.tally.store;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The field names of a source row, in order: what rows of one export or one API response share, so
 * that the store keeps the names once (table {@code row_layout}) and each row only its values, and
 * rows in memory share one list of names. Two layouts are equal when their names are, in order.
 *
 * <p>Example: {@code RowLayout.of(List.of("txid", "refid", "time", "amount"))}, whose {@link
 * #indexOf} of {@code "time"} is 2. Immutable and thread-safe.
 */
final class RowLayout {

  /**
   * Layouts kept for sharing; when this many are kept, the cache starts empty again. Rows keep
   * their layouts, and layouts compare by their names, so forgetting one only costs memory.
   */
  private static final int SHARED_MAX = 4_096;

  private static final Map<List<String>, RowLayout> SHARED = new ConcurrentHashMap<>();

  private final List<String> names;
  private final Map<String, Integer> positions;

  private RowLayout(List<String> names) {
    this.names = names;
    this.positions = new HashMap<>(names.size() * 2);
    for (int i = 0; i < names.size(); i++) {
      if (positions.put(names.get(i), i) != null) {
        throw new IllegalArgumentException("field name '" + names.get(i) + "' repeats: " + names);
      }
    }
  }

  /**
   * The layout of these names, shared with every other row of the same names.
   *
   * @throws IllegalArgumentException if a name repeats
   */
  static RowLayout of(List<String> names) {
    RowLayout shared = SHARED.get(names);
    if (shared != null) {
      return shared;
    }
    RowLayout layout = new RowLayout(List.copyOf(names));
    if (SHARED.size() >= SHARED_MAX) {
      // Far more layouts than any export or API has: start afresh rather than stop sharing.
      SHARED.clear();
    }
    RowLayout raced = SHARED.putIfAbsent(layout.names, layout);
    return raced == null ? layout : raced;
  }

  /** The field names in order; unmodifiable. */
  List<String> names() {
    return names;
  }

  int size() {
    return names.size();
  }

  /** The position of the field {@code name}, or -1 if the layout has none of that name. */
  int indexOf(Object name) {
    Integer position = positions.get(name);
    return position == null ? -1 : position;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RowLayout layout && names.equals(layout.names);
  }

  @Override
  public int hashCode() {
    return names.hashCode();
  }

  @Override
  public String toString() {
    return "RowLayout" + names;
  }
}
