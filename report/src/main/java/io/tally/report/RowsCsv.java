package io.tally.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rows of the contract's JSON (the API's and {@code --format json}'s objects) as CSV, so an export
 * has the same names in both formats: the header is every key the rows have, in the order first
 * met; a missing or {@code null} value is an empty field; a nested object or list (a snapshot's
 * holdings) is its compact JSON in one field. No rows is an empty document.
 *
 * <p>Example: {@code RowsCsv.of(List.of(Map.of("date", "2025-01-01", "equity_base", "10.5")))} is
 * {@code "date,equity_base\r\n2025-01-01,10.5\r\n"} (with an ordered map). Stateless.
 */
public final class RowsCsv {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private RowsCsv() {}

  /** The CSV of {@code rows}, each a JSON object as a map. */
  public static String of(List<Map<String, Object>> rows) {
    if (rows.isEmpty()) {
      return "";
    }
    Set<String> keys = new LinkedHashSet<>();
    rows.forEach(row -> keys.addAll(row.keySet()));
    CsvWriter csv = new CsvWriter().row(keys.toArray(String[]::new));
    for (Map<String, Object> row : rows) {
      List<String> fields = new ArrayList<>(keys.size());
      for (String key : keys) {
        fields.add(field(row.get(key)));
      }
      csv.row(fields.toArray(String[]::new));
    }
    return csv.text();
  }

  private static String field(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Map || value instanceof List) {
      return JSON.writeValueAsString(value);
    }
    return value.toString();
  }
}
