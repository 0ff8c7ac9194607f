package io.tally.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowFieldsTest {

  private static Map<String, String> ledgerFields(String txid, String amount) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("txid", txid);
    fields.put("asset", "XXBT");
    fields.put("amount", amount);
    return fields;
  }

  @Test
  void fieldsAreAnOrderedMapEqualToTheOneTheyCopy() {
    Map<String, String> given = ledgerFields("L1", "0.0100000000");

    RowFields fields = RowFields.copyOf(given, "L1");

    assertThat(fields).isEqualTo(given).hasSameHashCodeAs(given);
    assertThat(fields).containsExactlyEntriesOf(given);
    assertThat(fields.toString()).isEqualTo(given.toString());
    assertThat(fields.get("amount")).isEqualTo("0.0100000000");
    assertThat(fields.get("missing")).isNull();
    assertThat(fields.getOrDefault("missing", "0")).isEqualTo("0");
    assertThat(fields.containsKey("asset")).isTrue();
    assertThat(fields.keySet()).containsExactly("txid", "asset", "amount");
  }

  @Test
  void fieldsCannotBeChanged() {
    RowFields fields = RowFields.copyOf(ledgerFields("L1", "1"), "L1");

    assertThatThrownBy(() -> fields.put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> fields.remove("txid"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> fields.entrySet().iterator().next().setValue("z"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void rowsOfTheSameFieldNamesShareOneLayout() {
    RowFields first = RowFields.copyOf(ledgerFields("L1", "1"), "L1");
    RowFields second = RowFields.copyOf(ledgerFields("L2", "2"), "L2");

    assertThat(second.layout()).isSameAs(first.layout());
    assertThat(RowLayout.of(List.of("txid", "asset", "amount"))).isSameAs(first.layout());
    assertThat(RowFields.copyOf(first, "L1")).isSameAs(first);
  }

  @Test
  void aLayoutKnowsWhereEachNameIs() {
    RowLayout layout = RowLayout.of(List.of("txid", "refid", "time"));

    assertThat(layout.indexOf("time")).isEqualTo(2);
    assertThat(layout.indexOf("amount")).isEqualTo(-1);
    assertThat(layout).isEqualTo(RowLayout.of(List.of("txid", "refid", "time")));
    assertThat(layout).isNotEqualTo(RowLayout.of(List.of("refid", "txid", "time")));
  }

  @Test
  void aRepeatedNameOrAMissingValueIsRejected() {
    assertThatThrownBy(() -> RowLayout.of(List.of("a", "b", "a")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("field name 'a' repeats: [a, b, a]");
    assertThatThrownBy(() -> new RowFields(RowLayout.of(List.of("a", "b")), new String[] {"1"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("2 field names but 1 values: RowLayout[a, b]");
  }
}
