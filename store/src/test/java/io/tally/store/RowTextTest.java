package io.tally.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class RowTextTest {

  private static final Instant AT = Instant.parse("2024-03-01T12:00:00Z");

  @Test
  void aLedgerRowStoresItsValuesWithoutItsIdGroupAndTime() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("txid", "L1");
    fields.put("refid", "R1");
    fields.put("time", "2024-03-01T12:00:00Z");
    fields.put("note", "a\tb\\c");
    fields.put("fee", "");
    SourceRow row = new SourceRow("kraken.ledgers", "L1", "R1", AT, fields);
    RowFields stored = (RowFields) row.fields();

    String values = RowText.values(row, stored);

    assertThat(values).isEqualTo("\\i\t\\g\t\\a\ta\\tb\\\\c\t");
    assertThat(RowText.names(stored.layout().names())).isEqualTo("txid\trefid\ttime\tnote\tfee");
    assertThat(RowText.values(values, 5, "L1", "R1", AT))
        .containsExactly("L1", "R1", "2024-03-01T12:00:00Z", "a\tb\\c", "");
  }

  @Test
  void everyEscapeReadsBack() {
    List<String> names = List.of("\\", "\t", "\n", "\r", "\u0000", "\\i", "", "🚀 ünï");

    String text = RowText.names(names);

    assertThat(text).isEqualTo("\\\\\t\\t\t\\n\t\\r\t\\0\t\\\\i\t\t🚀 ünï");
    assertThat(RowText.names(text, names.size())).isEqualTo(names);
  }

  @Test
  void theCountTellsNoTextFromOneEmptyText() {
    assertThat(RowText.names(List.of())).isEmpty();
    assertThat(RowText.names(List.of(""))).isEmpty();
    assertThat(RowText.names("", 0)).isEmpty();
    assertThat(RowText.names("", 1)).containsExactly("");
    assertThat(RowText.names("\t", 2)).containsExactly("", "");
  }

  @Test
  void aBackReferenceIsOnlyAWholeValueOfARow() {
    // In a name, or inside a longer value, \i is no back-reference: the writer never makes one.
    assertThatThrownBy(() -> RowText.names("\\i", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown escape '\\i'")
        .hasMessageContaining("whole value");
    assertThatThrownBy(() -> RowText.values("x\\i", 1, "L1", "R1", AT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("text 1 has the unknown escape '\\i'");
  }

  @Test
  void malformedTextIsRejectedWithWhatIsWrong() {
    assertThatThrownBy(() -> RowText.values("a\tb", 3, "L1", "R1", AT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected 3 texts, found 2: 'a\tb'");
    assertThatThrownBy(() -> RowText.values("a\tb\tc", 2, "L1", "R1", AT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected 2 texts, found more: 'a\tb\tc'");
    assertThatThrownBy(() -> RowText.values("a\\", 1, "L1", "R1", AT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("text 1 ends in a lone backslash: 'a\\'");
    assertThatThrownBy(() -> RowText.values("a\\x", 1, "L1", "R1", AT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("text 1 has the unknown escape '\\x': 'a\\x'");
    assertThatThrownBy(() -> RowText.names("x", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected no texts, found 'x'");
  }

  @RepeatedTest(200)
  void randomRowsReadBackEqual(RepetitionInfo repetition) {
    long seed = 1_000L + repetition.getCurrentRepetition();
    RandomRows random = new RandomRows(seed);
    for (int i = 0; i < 20; i++) {
      SourceRow row = random.row("kraken.ledgers");
      RowFields fields = (RowFields) row.fields();

      String names = RowText.names(fields.layout().names());
      String values = RowText.values(row, fields);

      List<String> namesBack = RowText.names(names, fields.size());
      String[] valuesBack =
          RowText.values(values, fields.size(), row.rowId(), row.groupId(), row.at());
      SourceRow back =
          new SourceRow(
              row.source(),
              row.rowId(),
              row.groupId(),
              row.at(),
              new RowFields(RowLayout.of(namesBack), valuesBack));
      assertThat(back).as("seed %d, row %s", seed, row).isEqualTo(row);
      assertThat(new ArrayList<>(back.fields().keySet()))
          .as("seed %d: field order", seed)
          .isEqualTo(new ArrayList<>(row.fields().keySet()));
      assertThat(names + values).as("seed %d: one line per row", seed).doesNotContain("\n", "\r");
    }
  }
}
