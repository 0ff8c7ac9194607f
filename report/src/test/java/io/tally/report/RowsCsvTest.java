package io.tally.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowsCsvTest {

  private static Map<String, Object> row(Object... keysAndValues) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      row.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return row;
  }

  @Test
  void everyKeyIsAColumnInTheOrderFirstMetAndNestedValuesAreJson() {
    String csv =
        RowsCsv.of(
            List.of(
                row("id", "A", "amount", "1.5", "note", null),
                row("id", "B", "amount", "2", "holdings", List.of(Map.of("asset", "XBT")))));

    assertThat(csv)
        .isEqualTo(
            "id,amount,note,holdings\r\n"
                + "A,1.5,,\r\n"
                + "B,2,,\"[{\"\"asset\"\":\"\"XBT\"\"}]\"\r\n");
  }

  @Test
  void noRowsIsAnEmptyDocument() {
    assertThat(RowsCsv.of(List.of())).isEmpty();
  }
}
