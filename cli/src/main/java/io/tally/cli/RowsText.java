package io.tally.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Rows of the contract's JSON as an aligned table for the terminal ({@code tally report --type
 * trades|flows}): a column per scalar key, named in capitals, in the order first met; nested values
 * (a trade's legs) are left to the JSON and CSV; an empty range says so.
 *
 * <p>Example: {@code RowsText.render("Cash flows", rows)}. Stateless.
 */
final class RowsText {

  private RowsText() {}

  static String render(String title, List<Map<String, Object>> rows) {
    if (rows.isEmpty()) {
      return title + ": none in this range." + System.lineSeparator();
    }
    Set<String> keys = new LinkedHashSet<>();
    for (Map<String, Object> row : rows) {
      row.forEach(
          (key, value) -> {
            if (!(value instanceof Map) && !(value instanceof List)) {
              keys.add(key);
            }
          });
    }
    TextTable table =
        new TextTable(
            keys.stream().map(key -> key.toUpperCase(Locale.ROOT)).toArray(String[]::new));
    for (Map<String, Object> row : rows) {
      List<String> cells = new ArrayList<>(keys.size());
      for (String key : keys) {
        Object value = row.get(key);
        cells.add(
            value == null || value instanceof Map || value instanceof List ? "" : value.toString());
      }
      table.row(cells.toArray(String[]::new));
    }
    return title + " (" + rows.size() + ")" + System.lineSeparator() + table.render();
  }
}
