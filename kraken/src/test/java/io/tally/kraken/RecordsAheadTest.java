package io.tally.kraken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordsAheadTest {

  /** A header and {@code count} records, one of them quoted across two lines every 97. */
  private static String csv(int count) {
    StringBuilder text = new StringBuilder("id,note\n");
    for (int i = 1; i <= count; i++) {
      text.append('L').append(i).append(',');
      text.append(i % 97 == 0 ? "\"two\nlines, " + i + "\"" : "n" + i).append('\n');
    }
    return text.toString();
  }

  /** Every record {@code text} holds, read one at a time on this thread. */
  private static List<CsvRecord> oneByOne(String text) {
    CsvReader csv = CsvReader.open(new StringReader(text), "t.csv");
    List<CsvRecord> records = new ArrayList<>();
    for (Optional<CsvRecord> next = csv.next(); next.isPresent(); next = csv.next()) {
      records.add(next.get());
    }
    return records;
  }

  @ParameterizedTest
  @ValueSource(
      ints = {
        0,
        1,
        RecordsAhead.CHUNK - 1,
        RecordsAhead.CHUNK,
        RecordsAhead.CHUNK + 1,
        (RecordsAhead.AHEAD + 3) * RecordsAhead.CHUNK + 7
      })
  void chunksHoldEveryRecordInFileOrderAndEndEmpty(int count) {
    String text = csv(count);
    List<CsvRecord> chunked = new ArrayList<>();
    int chunks = 0;
    try (RecordsAhead records = RecordsAhead.start(CsvReader.open(new StringReader(text), "t"))) {
      for (List<CsvRecord> chunk = records.next(); !chunk.isEmpty(); chunk = records.next()) {
        assertThat(chunk.size()).isLessThanOrEqualTo(RecordsAhead.CHUNK);
        chunked.addAll(chunk);
        chunks++;
      }
      // Once ended, it stays ended.
      assertThat(records.next()).isEmpty();
    }

    assertThat(chunked).hasSize(count).isEqualTo(oneByOne(text));
    // Full chunks, then the rest: ceil(count / CHUNK) chunks.
    assertThat(chunks).isEqualTo((count + RecordsAhead.CHUNK - 1) / RecordsAhead.CHUNK);
  }

  @Test
  void aMalformedLineComesAfterEveryRecordBeforeIt() {
    int good = 5 * RecordsAhead.CHUNK + 3;
    // The record after the good ones opens a quote it never closes.
    String text = csv(good) + "L-bad,\"never closed\n";
    List<CsvRecord> given = new ArrayList<>();
    try (RecordsAhead records = RecordsAhead.start(CsvReader.open(new StringReader(text), "t"))) {
      assertThatThrownBy(
              () -> {
                for (List<CsvRecord> chunk = records.next();
                    !chunk.isEmpty();
                    chunk = records.next()) {
                  given.addAll(chunk);
                }
              })
          .isInstanceOf(KrakenException.class)
          .hasMessageContaining("is not closed before the end of the file");
      // What reading threw is thrown once; then the records are at their end.
      assertThat(records.next()).isEmpty();
    }
    assertThat(given).isEqualTo(oneByOne(csv(good)));
  }

  @Test
  void closingBeforeTheEndStopsTheReadingThread() throws Exception {
    String text = csv(50 * RecordsAhead.CHUNK);
    RecordsAhead records = RecordsAhead.start(CsvReader.open(new StringReader(text), "t"));
    assertThat(records.next()).hasSize(RecordsAhead.CHUNK);
    assertThat(records.next()).hasSize(RecordsAhead.CHUNK);

    records.close();

    // close() returns once the reading thread has ended: none of this reader's is left running.
    assertThat(readersAlive()).isZero();
  }

  private static long readersAlive() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().equals("tally-csv-reader") && thread.isAlive())
        .count();
  }
}
