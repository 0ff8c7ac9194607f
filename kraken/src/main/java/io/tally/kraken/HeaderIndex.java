package io.tally.kraken;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A CSV header's column positions, built once per file, and each record's fields by header name as
 * a read-only view over the record: a million-row export no longer makes a map per record (a {@code
 * LinkedHashMap} of 9 to 25 entries each, half the garbage of reading the file).
 *
 * <p>Example: {@code HeaderIndex.of(List.of("txid", "asset")).fields(record).get("asset")}.
 * Immutable; the views are read-only.
 */
final class HeaderIndex {

  private final List<String> header;
  private final Map<String, Integer> positions;

  private HeaderIndex(List<String> header) {
    this.header = List.copyOf(header);
    this.positions = new HashMap<>();
    for (int i = 0; i < this.header.size(); i++) {
      positions.putIfAbsent(this.header.get(i), i);
    }
  }

  static HeaderIndex of(List<String> header) {
    return new HeaderIndex(header);
  }

  /** The record's fields by header name, in header order; the record has one per column. */
  Map<String, String> fields(CsvRecord record) {
    return new Fields(record.fields());
  }

  /** One record's fields, read through the shared positions. */
  private final class Fields extends AbstractMap<String, String> {
    private final List<String> values;

    Fields(List<String> values) {
      this.values = values;
    }

    @Override
    public String get(Object name) {
      Integer position = positions.get(name);
      return position == null ? null : values.get(position);
    }

    @Override
    public boolean containsKey(Object name) {
      return positions.containsKey(name);
    }

    @Override
    public int size() {
      return header.size();
    }

    @Override
    public Set<Map.Entry<String, String>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public int size() {
          return header.size();
        }

        @Override
        public Iterator<Map.Entry<String, String>> iterator() {
          return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
              return next < header.size();
            }

            @Override
            public Map.Entry<String, String> next() {
              if (!hasNext()) {
                throw new NoSuchElementException();
              }
              int at = next++;
              return new SimpleImmutableEntry<>(header.get(at), values.get(at));
            }
          };
        }
      };
    }
  }
}
