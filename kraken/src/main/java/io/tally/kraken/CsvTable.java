package io.tally.kraken;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * A CSV file as read by {@link CsvReader}: its header names and its records, every record with
 * exactly one field per header name.
 *
 * <p>Example: {@code CsvTable[source=ledgers.csv, headerLine=1, header=[txid, refid, time, ...],
 * records=[...]]}. Immutable.
 *
 * @param source the file name, for messages
 * @param headerLine the 1-based line of the header (later than 1 when blank lines come first)
 * @param header the column names, in file order, unique and non-empty
 * @param records the records, in file order
 */
public record CsvTable(
    String source, int headerLine, List<String> header, List<CsvRecord> records) {

  public CsvTable {
    requireNonNull(source, "source");
    if (headerLine < 1) {
      throw new IllegalArgumentException("Line numbers start at 1: " + headerLine);
    }
    header = List.copyOf(requireNonNull(header, "header"));
    records = List.copyOf(requireNonNull(records, "records"));
    for (CsvRecord record : records) {
      if (record.fields().size() != header.size()) {
        throw new IllegalArgumentException(
            source + " line " + record.line() + ": field count differs from the header");
      }
    }
  }

  /** Whether the header has a column of this name. */
  public boolean hasColumn(String name) {
    return header.contains(name);
  }

  /**
   * One record's fields by header name, in header order (a view; many records: {@link
   * HeaderIndex}).
   */
  public Map<String, String> fieldsByName(CsvRecord record) {
    return HeaderIndex.of(header).fields(record);
  }
}
