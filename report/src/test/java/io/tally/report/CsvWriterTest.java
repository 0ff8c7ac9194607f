package io.tally.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvWriterTest {

  @Test
  void fieldsAreQuotedAsRfc4180Says() {
    assertThat(CsvWriter.field("plain")).isEqualTo("plain");
    assertThat(CsvWriter.field("a,b")).isEqualTo("\"a,b\"");
    assertThat(CsvWriter.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(CsvWriter.field("two\nlines")).isEqualTo("\"two\nlines\"");
    assertThat(CsvWriter.field("cr\rhere")).isEqualTo("\"cr\rhere\"");
  }

  @Test
  void rowsEndWithCrlfAndTablesAreSeparatedByAnEmptyLine() {
    String text = new CsvWriter().row("a", "b,c").blank().row("x").text();

    assertThat(text).isEqualTo("a,\"b,c\"\r\n\r\nx\r\n");
  }
}
