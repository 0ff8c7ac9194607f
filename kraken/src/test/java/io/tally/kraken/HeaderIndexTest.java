package io.tally.kraken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderIndexTest {

  private final HeaderIndex columns = HeaderIndex.of(List.of("txid", "asset", "amount"));
  private final CsvRecord record = new CsvRecord(2, List.of("L1", "XXBT", "0.5"));

  @Test
  void aRecordsFieldsReadByNameEqualTheMapOfItsColumns() {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("txid", "L1");
    expected.put("asset", "XXBT");
    expected.put("amount", "0.5");

    Map<String, String> fields = columns.fields(record);

    assertThat(fields).isEqualTo(expected);
    assertThat(fields).containsExactlyEntriesOf(expected);
    assertThat(fields.get("asset")).isEqualTo("XXBT");
    assertThat(fields.get("fee")).isNull();
    assertThat(fields.containsKey("fee")).isFalse();
  }

  @Test
  void theViewIsReadOnly() {
    assertThatThrownBy(() -> columns.fields(record).put("fee", "0"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
