package io.tally.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void fieldsOfSchemaFourAreReadInTheirOrder() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("txid", "L1");
    fields.put("amount", "0.0000000001");
    fields.put("balance", "12345.123456789012345678");

    assertThat(
            Json.readFields(
                "{\"txid\":\"L1\",\"amount\":\"0.0000000001\","
                    + "\"balance\":\"12345.123456789012345678\"}"))
        .containsExactlyEntriesOf(fields);
  }

  @Test
  void awkwardCharactersOfSchemaFourReadBackExactly() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("quote \" and \\", "line\nbreak\ttab \u0000 nul");
    fields.put("ünïcødé", "₿ 🚀");
    fields.put("", "");

    assertThat(Json.readFields(SchemaFour.fieldsJson(fields))).containsExactlyEntriesOf(fields);
  }
}
