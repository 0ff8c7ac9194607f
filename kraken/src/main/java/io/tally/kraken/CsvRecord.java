package io.tally.kraken;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One record of a CSV file: its fields in header order and the physical line it starts on (a quoted
 * field may span lines).
 *
 * <p>Example: {@code CsvRecord[line=2, fields=[LNT5DQ-UQJQ2-HVRVTR, ST7V5BP-P52HA-PW2YEC, ...]]}.
 * Immutable.
 *
 * @param line the 1-based line on which the record starts
 * @param fields the unquoted field values, as many as the header names
 */
public record CsvRecord(int line, List<String> fields) {

  public CsvRecord {
    fields = List.copyOf(requireNonNull(fields, "fields"));
    if (line < 1) {
      throw new IllegalArgumentException("Line numbers start at 1: " + line);
    }
  }
}
