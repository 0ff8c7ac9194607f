package io.tally.store;

import static io.tally.store.Fixtures.LEDGERS;
import static io.tally.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceRowTest {

  @Test
  void fieldsKeepTheirOrderAndCannotBeChanged() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("z", "1");
    fields.put("a", "2");
    fields.put("m", "3");

    SourceRow row = new SourceRow(LEDGERS, "L1", "R1", T0, fields);
    fields.put("later", "4");

    assertThat(row.fields().keySet()).containsExactly("z", "a", "m");
    assertThatThrownBy(() -> row.fields().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void fieldsMadeFromNamesAndValuesEqualTheMapOfTheSameEntries() {
    Map<String, String> fields = SourceRow.fields(List.of("z", "a"), new String[] {"1", "2"});

    assertThat(fields).isEqualTo(Map.of("z", "1", "a", "2"));
    assertThat(fields.keySet()).containsExactly("z", "a");
    assertThat(new SourceRow(LEDGERS, "L1", "R1", T0, fields).fields()).isSameAs(fields);
    assertThatThrownBy(() -> SourceRow.fields(List.of("z", "a"), new String[] {"1", null}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("field 1 is null");
    assertThatThrownBy(() -> SourceRow.fields(List.of("z", "a"), new String[] {"1"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 field names but 1 values");
  }

  @Test
  void blankIdsAreRejectedByName() {
    assertThatThrownBy(() -> new SourceRow(" ", "L1", "R1", T0, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("source");
    assertThatThrownBy(() -> new SourceRow(LEDGERS, "", "R1", T0, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rowId");
    assertThatThrownBy(() -> new SourceRow(LEDGERS, "L1", "", T0, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("groupId");
  }

  @Test
  void nullFieldNamesOrValuesAreRejected() {
    Map<String, String> fields = new HashMap<>();
    fields.put("amount", null);

    assertThatThrownBy(() -> new SourceRow(LEDGERS, "L1", "R1", T0, fields))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("L1")
        .hasMessageContaining("amount");
  }

  @Test
  void timesBeyondYear9999AreRejected() {
    Instant tooLate = Instant.parse("+10000-01-01T00:00:00Z");

    assertThatThrownBy(() -> new SourceRow(LEDGERS, "L1", "R1", tooLate, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("+10000-01-01T00:00:00Z");
  }

  @Test
  void rowsWithEqualFieldsAreEqualWhateverTheMapType() {
    Map<String, String> linked = new LinkedHashMap<>();
    linked.put("a", "1");
    linked.put("b", "2");

    assertThat(new SourceRow(LEDGERS, "L1", "R1", T0, linked))
        .isEqualTo(new SourceRow(LEDGERS, "L1", "R1", T0, Map.of("a", "1", "b", "2")));
  }
}
