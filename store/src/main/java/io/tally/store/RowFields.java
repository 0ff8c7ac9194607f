package io.tally.store;

import static java.util.Objects.requireNonNull;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The fields of a {@link SourceRow}: an unmodifiable map from field name to value that iterates in
 * its {@link RowLayout}'s order, holding only an array of values beside the shared layout. A
 * million ledger rows of one export then share one list of names, where a {@code LinkedHashMap} per
 * row held fourteen entries and a table each. Equal to any map of the same entries, as {@link
 * Map#equals} asks.
 *
 * <p>Example: {@code RowFields.copyOf(Map.of("asset", "XXBT"), "L1").get("asset")} is {@code XXBT}.
 * Immutable and thread-safe.
 */
final class RowFields extends AbstractMap<String, String> {

  private final RowLayout layout;
  private final String[] values;

  /** The fields of these values in {@code layout}'s order; takes {@code values} as it is. */
  RowFields(RowLayout layout, String[] values) {
    this.layout = requireNonNull(layout, "layout");
    this.values = requireNonNull(values, "values");
    if (values.length != layout.size()) {
      throw new IllegalArgumentException(
          layout.size() + " field names but " + values.length + " values: " + layout);
    }
  }

  /**
   * Fields with the entries of {@code fields}, in its iteration order; {@code fields} itself if it
   * already is such a map.
   *
   * @throws IllegalArgumentException naming the row and field if a name or value is null
   */
  static RowFields copyOf(Map<String, String> fields, String rowId) {
    if (fields instanceof RowFields rowFields) {
      return rowFields;
    }
    List<String> names = new ArrayList<>(fields.size());
    String[] values = new String[fields.size()];
    for (Map.Entry<String, String> entry : fields.entrySet()) {
      String name = entry.getKey();
      String value = entry.getValue();
      if (name == null || value == null) {
        throw new IllegalArgumentException(
            "Fields of row " + rowId + " must not hold null: " + name + "=" + value);
      }
      values[names.size()] = value;
      names.add(name);
    }
    return new RowFields(RowLayout.of(names), values);
  }

  /** The layout: the field names in order. */
  RowLayout layout() {
    return layout;
  }

  /** The value of the field at {@code position} in the layout. */
  String value(int position) {
    return values[position];
  }

  @Override
  public int size() {
    return values.length;
  }

  @Override
  public boolean containsKey(Object name) {
    return layout.indexOf(name) >= 0;
  }

  @Override
  public String get(Object name) {
    int position = layout.indexOf(name);
    return position < 0 ? null : values[position];
  }

  @Override
  public Set<Map.Entry<String, String>> entrySet() {
    return new Entries();
  }

  private final class Entries extends AbstractSet<Map.Entry<String, String>> {

    @Override
    public int size() {
      return values.length;
    }

    @Override
    public Iterator<Map.Entry<String, String>> iterator() {
      return new Iterator<>() {
        private int next;

        @Override
        public boolean hasNext() {
          return next < values.length;
        }

        @Override
        public Map.Entry<String, String> next() {
          if (next >= values.length) {
            throw new NoSuchElementException();
          }
          int position = next++;
          return new AbstractMap.SimpleImmutableEntry<>(
              layout.names().get(position), values[position]);
        }
      };
    }
  }
}
