package io.tally.kraken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

  private static CsvTable read(String text) {
    return CsvReader.read(new StringReader(text), "t.csv");
  }

  @Test
  void readsTheHeaderAndEachRecordWithItsLine() {
    CsvTable table = read("a,b\n1,2\n3,4\n");

    assertThat(table.header()).containsExactly("a", "b");
    assertThat(table.records())
        .containsExactly(new CsvRecord(2, List.of("1", "2")), new CsvRecord(3, List.of("3", "4")));
  }

  @Test
  void unquotesFieldsAndUndoublesQuotes() {
    CsvTable table = read("\"a\",\"b\"\n\"x\",\"say \"\"hi\"\"\"\n");

    assertThat(table.header()).containsExactly("a", "b");
    assertThat(table.records().get(0).fields()).containsExactly("x", "say \"hi\"");
  }

  @Test
  void keepsCommasInsideQuotes() {
    CsvTable table = read("id,ledgers\nT1,\"L1,L2, L3\"\n");

    assertThat(table.records().get(0).fields()).containsExactly("T1", "L1,L2, L3");
  }

  @Test
  void keepsLineBreaksInsideQuotesAndCountsThemAsPhysicalLines() {
    CsvTable table = read("a,b\n\"two\nlines\",x\nnext,y\n");

    assertThat(table.records().get(0)).isEqualTo(new CsvRecord(2, List.of("two\nlines", "x")));
    assertThat(table.records().get(1)).isEqualTo(new CsvRecord(4, List.of("next", "y")));
  }

  @Test
  void readsEmptyFieldsQuotedOrNot() {
    CsvTable table = read("a,b,c,d\n,\"\",,x\n");

    assertThat(table.records().get(0).fields()).containsExactly("", "", "", "x");
  }

  @Test
  void skipsAByteOrderMark() {
    CsvTable table = read("\uFEFF\"txid\",\"refid\"\nL1,R1\n");

    assertThat(table.header()).containsExactly("txid", "refid");
  }

  @Test
  void acceptsCrlfLineEnds() {
    CsvTable table = read("a,b\r\n1,2\r\n3,4\r\n");

    assertThat(table.records())
        .containsExactly(new CsvRecord(2, List.of("1", "2")), new CsvRecord(3, List.of("3", "4")));
  }

  @Test
  void acceptsAMissingFinalLineEnd() {
    CsvTable table = read("a,b\n1,2");

    assertThat(table.records()).containsExactly(new CsvRecord(2, List.of("1", "2")));
  }

  @Test
  void ignoresBlankLinesAtTheEnd() {
    CsvTable table = read("a,b\r\n1,2\r\n\r\n\n");

    assertThat(table.records()).containsExactly(new CsvRecord(2, List.of("1", "2")));
  }

  @Test
  void readsAHeaderWithoutRecords() {
    CsvTable table = read("a,b\n");

    assertThat(table.header()).containsExactly("a", "b");
    assertThat(table.records()).isEmpty();
  }

  @Test
  void dropsEmptyTrailingHeaderColumnsAndTheirEmptyFields() {
    CsvTable table = read("\"a\",\"b\",\"\"\n1,2,\"\"\n3,4,\n5,6\n");

    assertThat(table.header()).containsExactly("a", "b");
    assertThat(table.records())
        .extracting(CsvRecord::fields)
        .containsExactly(List.of("1", "2"), List.of("3", "4"), List.of("5", "6"));
  }

  @Test
  void rejectsAValueInAnUnnamedTrailingColumn() {
    assertThatThrownBy(() -> read("a,b,\"\"\n1,2,3\n"))
        .isInstanceOf(KrakenException.class)
        .hasMessage("t.csv line 2: field 3 has no header name but holds '3'");
  }

  @Test
  void rejectsARecordWithTooFewFields() {
    assertThatThrownBy(() -> read("a,b,c\n1,2,3\n4,5\n"))
        .isInstanceOf(KrakenException.class)
        .hasMessage("t.csv line 3: expected 3 fields as in the header but found 2");
  }

  @Test
  void rejectsARecordWithTooManyFields() {
    assertThatThrownBy(() -> read("a,b\n\"x\ny\",2\n1,2,3\n"))
        .isInstanceOf(KrakenException.class)
        .hasMessage("t.csv line 4: expected 2 fields as in the header but found 3");
  }

  @Test
  void skipsBlankLinesAfterTheHeaderInTheMiddleAndAtTheEndKeepingRealLines() {
    // line 1 header, 2 blank, 3 record, 4-5 blank, 6 record, 7 blank
    CsvTable table = read("a,b\n\n1,2\n\n\n3,4\n\n");

    assertThat(table.headerLine()).isEqualTo(1);
    assertThat(table.records())
        .containsExactly(new CsvRecord(3, List.of("1", "2")), new CsvRecord(6, List.of("3", "4")));
  }

  @Test
  void skipsBlankLinesBeforeTheHeader() {
    CsvTable table = read("\uFEFF\r\n\r\na,b\r\n1,2\r\n");

    assertThat(table.headerLine()).isEqualTo(3);
    assertThat(table.header()).containsExactly("a", "b");
    assertThat(table.records()).containsExactly(new CsvRecord(4, List.of("1", "2")));
  }

  @Test
  void skipsWhitespaceOnlyLinesWithCrlfLineEnds() {
    CsvTable table = read("a,b\r\n \t\r\n1,2\r\n   \r\n\r\n3,4\r\n  ");

    assertThat(table.records())
        .containsExactly(new CsvRecord(3, List.of("1", "2")), new CsvRecord(6, List.of("3", "4")));
  }

  @Test
  void skipsRowsOfEmptyFieldsAsASpreadsheetSavesAnEmptyRow() {
    CsvTable table = read("a,b,c\n1,2,3\n,,\n\"\",\"\",\"\"\n4,5,6\n, ,\n");

    assertThat(table.records())
        .containsExactly(
            new CsvRecord(2, List.of("1", "2", "3")), new CsvRecord(5, List.of("4", "5", "6")));
  }

  @Test
  void keepsABlankLineInsideAQuotedField() {
    CsvTable table = read("a,b\n\"x\n\ny\",2\n\n3,4\n");

    assertThat(table.records())
        .containsExactly(
            new CsvRecord(2, List.of("x\n\ny", "2")), new CsvRecord(6, List.of("3", "4")));
  }

  @Test
  void namesTheRealLineOfABadRecordAfterBlankLines() {
    assertThatThrownBy(() -> read("a,b\n\n \n1,2,3\n"))
        .isInstanceOf(KrakenException.class)
        .hasMessage("t.csv line 4: expected 2 fields as in the header but found 3");
  }

  @Test
  void namesTheRealLineOfABadHeaderAfterBlankLines() {
    assertThatThrownBy(() -> read("\n\na,b,a\n1,2,3\n"))
        .isInstanceOf(KrakenException.class)
        .hasMessage("t.csv line 3: header names 'a' twice");
  }

  @Test
  void rejectsAnUnclosedQuote() {
    assertThatThrownBy(() -> read("a,b\n1,\"open\n2,3\n"))
        .isInstanceOf(KrakenException.class)
        .hasMessage(
            "t.csv line 2: quoted field opened on line 2 is not closed before the end of the file");
  }

  @Test
  void rejectsTextAfterAClosingQuote() {
    assertThatThrownBy(() -> read("a,b\n\"x\"y,2\n"))
        .isInstanceOf(KrakenException.class)
        .hasMessageStartingWith("t.csv line 2: unexpected 'y' after a closing quote");
  }

  @Test
  void rejectsAnEmptyFile() {
    assertThatThrownBy(() -> read("\uFEFF\n\n"))
        .isInstanceOf(KrakenException.class)
        .hasMessage("t.csv: empty file, expected a header line");
  }

  @Test
  void rejectsAFileOfBlankLinesAsEmpty() {
    assertThatThrownBy(() -> read(" \r\n\t\r\n,,\r\n"))
        .isInstanceOf(KrakenException.class)
        .hasMessage("t.csv: empty file, expected a header line");
  }

  @Test
  void rejectsADuplicateHeaderName() {
    assertThatThrownBy(() -> read("a,b,a\n1,2,3\n"))
        .isInstanceOf(KrakenException.class)
        .hasMessage("t.csv line 1: header names 'a' twice");
  }

  @Test
  void rejectsAnUnnamedColumnInsideTheHeader() {
    assertThatThrownBy(() -> read("a,,b\n1,2,3\n"))
        .isInstanceOf(KrakenException.class)
        .hasMessage("t.csv line 1: header column 2 has no name");
  }

  @Test
  void mapsARecordsFieldsByHeaderName() {
    CsvTable table = read("a,b\n1,2\n");

    assertThat(table.fieldsByName(table.records().get(0)))
        .containsExactly(java.util.Map.entry("a", "1"), java.util.Map.entry("b", "2"));
  }

  /** A reader that gives one character per read: every field and line end crosses a refill. */
  private static Reader trickling(String text) {
    return new FilterReader(new StringReader(text)) {
      @Override
      public int read(char[] buffer, int offset, int length) throws IOException {
        return super.read(buffer, offset, Math.min(1, length));
      }
    };
  }

  @Test
  void readsTheSameWhateverSizeTheReadsComeIn() {
    String text =
        "\uFEFF\"a\",b,c,\"\"\r\n\r\n\"x\"\"y\",\"two\r\nlines\",\"\",\r\n"
            + "plain,\"cr\rend\",z\n  \n,,,\nlast,\"q\"\"\",";

    CsvTable whole = read(text);
    CsvTable trickled = CsvReader.read(trickling(text), "t.csv");

    assertThat(trickled).isEqualTo(whole);
    assertThat(whole.records())
        .containsExactly(
            new CsvRecord(3, List.of("x\"y", "two\r\nlines", "")),
            new CsvRecord(5, List.of("plain", "cr\rend", "z")),
            new CsvRecord(9, List.of("last", "q\"", "")));
  }

  @Test
  void readsFieldsLongerThanItsBuffer() {
    String longValue = "v".repeat(200_000);
    String text = "a,b\n" + longValue + ",\"" + longValue + "\"\"\"\n";

    CsvTable table = read(text);

    assertThat(table.records().get(0).fields()).containsExactly(longValue, longValue + "\"");
  }

  @Test
  void streamsRecordsOneAtATimeAfterTheHeader() {
    CsvReader csv = CsvReader.open(trickling("\n\na,b\n1,2\n\n3,4"), "t.csv");

    assertThat(csv.header()).containsExactly("a", "b");
    assertThat(csv.headerLine()).isEqualTo(3);
    assertThat(csv.next()).contains(new CsvRecord(4, List.of("1", "2")));
    assertThat(csv.next()).contains(new CsvRecord(6, List.of("3", "4")));
    assertThat(csv.next()).isEmpty();
  }

  @Test
  void streamingReportsABadRecordWhenItComesToIt() {
    CsvReader csv = CsvReader.open(new StringReader("a,b\n1,2\n3\n"), "t.csv");

    assertThat(csv.next()).isPresent();
    assertThatThrownBy(csv::next)
        .isInstanceOf(KrakenException.class)
        .hasMessage("t.csv line 3: expected 2 fields as in the header but found 1");
  }

  @Test
  void sharesAColumnsRepeatedValuesButNotItsDistinctOnes() {
    StringBuilder text = new StringBuilder("id,type\n");
    for (int i = 0; i < 200; i++) {
      text.append("L").append(i).append(",trade\n");
    }

    List<CsvRecord> records = read(text.toString()).records();

    assertThat(records.get(0).fields().get(1)).isSameAs(records.get(199).fields().get(1));
    assertThat(records).extracting(r -> r.fields().get(0)).doesNotHaveDuplicates();
  }

  @Test
  void sharesAManyValuedColumnsValueWithTheRecordAboveWhenEqual() {
    // 200 refids, two rows each (a trade's legs): past 64 distinct values the column keeps no
    // table, yet each second leg's refid is the first leg's string, and the values stay as read.
    StringBuilder text = new StringBuilder("txid,refid\n");
    for (int i = 0; i < 200; i++) {
      text.append("L").append(2 * i).append(",T").append(i).append('\n');
      text.append("L").append(2 * i + 1).append(",T").append(i).append('\n');
    }

    List<CsvRecord> records = read(text.toString()).records();

    for (int i = 0; i < 200; i++) {
      String first = records.get(2 * i).fields().get(1);
      assertThat(first).isEqualTo("T" + i);
      assertThat(records.get(2 * i + 1).fields().get(1)).isSameAs(first);
    }
    assertThat(records.get(398).fields().get(1)).isNotSameAs(records.get(396).fields().get(1));
    assertThat(records).extracting(r -> r.fields().get(0)).doesNotHaveDuplicates();
  }
}
