package io.tally.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One row of a source exactly as it was imported, kept so that classification can be improved and
 * rerun later. A row is identified by its source and row id; its group (such as Kraken's {@code
 * refid}) ties together the rows that make one event.
 *
 * <p>Example: {@code new SourceRow("kraken.ledgers", "L4UESK-KG3EQ-UFO4T5", "TJKLXX-PGMUI-4NTLXU",
 * Instant.parse("2024-03-01T12:00:00.1234Z"), Map.of("asset", "XXBT", "amount", "0.0100000000"))}.
 *
 * <p>The fields are text by header name, kept exactly as given and in the given order (an
 * unmodifiable copy of the map, iterating as the given map did, equal to any map of the same
 * entries). Rows with the same field names share one list of names, in memory and in the store,
 * which keeps only each row's values. Ids are case-sensitive: {@code FTabc} and {@code FTABC} are
 * different rows. {@code at} must lie in the years 0000 to 9999. Immutable.
 *
 * @param source where the row came from, such as {@code kraken.ledgers} or {@code kraken.trades}
 * @param rowId the exchange's id of the row, unique within its source, such as a ledger id
 * @param groupId the group the row belongs to, such as the {@code refid}; may equal {@code rowId}
 * @param at when the row happened, as the source says
 * @param fields the row's values by header name, as text
 */
public record SourceRow(
    String source, String rowId, String groupId, Instant at, Map<String, String> fields) {

  public SourceRow {
    requireText(source, "source");
    requireText(rowId, "rowId");
    requireText(groupId, "groupId");
    StoredInstant.requireStorable(at, "at");
    fields = RowFields.copyOf(requireNonNull(fields, "fields"), rowId);
  }

  /**
   * Fields named {@code names} holding {@code values}, position by position, in the form a row
   * keeps them: rows made with one list of names share it, and each holds only its values (no map
   * of its own to copy). {@code values} is taken as it is.
   *
   * <p>Example: {@code SourceRow.fields(List.of("asset", "amount"), new String[] {"XXBT", "1"})}.
   *
   * @throws IllegalArgumentException if a name repeats, the counts differ or a value is null
   */
  public static Map<String, String> fields(List<String> names, String[] values) {
    for (int i = 0; i < values.length; i++) {
      if (values[i] == null) {
        throw new IllegalArgumentException("The value of field " + i + " is null: " + names);
      }
    }
    return new RowFields(RowLayout.of(names), values);
  }

  private static void requireText(String value, String name) {
    requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank: '" + value + "'");
    }
  }
}
