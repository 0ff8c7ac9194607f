package io.tally.store;

import static io.tally.store.Fixtures.LEDGERS;
import static io.tally.store.Fixtures.deflated;
import static io.tally.store.Fixtures.ledger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLDataException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RowBlockTest {

  /** Layouts numbered as the writer meets them, which the reader looks up. */
  private final Map<RowLayout, Long> ids = new HashMap<>();

  private final Map<Long, RowLayout> layouts = new HashMap<>();

  private long id(RowFields fields) {
    return ids.computeIfAbsent(
        fields.layout(),
        layout -> {
          long id = ids.size() + 1L;
          layouts.put(id, layout);
          return id;
        });
  }

  private RowLayout layout(long id, String source, String rowId) throws SQLDataException {
    RowLayout layout = layouts.get(id);
    if (layout == null) {
      throw new SQLDataException("no layout " + id + " for " + source + " row " + rowId);
    }
    return layout;
  }

  private byte[] write(List<SourceRow> rows) {
    try (RowBlock.Writer writer = new RowBlock.Writer()) {
      for (SourceRow row : rows) {
        RowFields fields = RowFields.copyOf(row.fields(), row.rowId());
        writer.add(row, fields, id(fields));
      }
      return writer.finish();
    }
  }

  @Test
  void randomRowsOfManyLayoutsReadBackEqualBlockAfterBlock() throws Exception {
    long seed = System.nanoTime();
    RandomRows random = new RandomRows(seed);
    try (RowBlock.Writer writer = new RowBlock.Writer()) {
      for (int block = 0; block < 40; block++) {
        List<SourceRow> rows = random.rows(LEDGERS, 1 + block * 6 % RowBlock.MAX_ROWS);
        for (SourceRow row : rows) {
          RowFields fields = RowFields.copyOf(row.fields(), row.rowId());
          writer.add(row, fields, id(fields));
        }
        assertThat(writer.rows()).isEqualTo(rows.size());

        byte[] bytes = writer.finish();

        assertThat(writer.rows()).isZero();
        assertThat(RowBlock.rows(bytes, rows.size(), block, LEDGERS, this::layout, group -> true))
            .as("seed %d, block %d", seed, block)
            .isEqualTo(rows);
      }
    }
  }

  @Test
  void headsAreEveryRowsIdAndGroupInTheBlocksOrder() throws Exception {
    long seed = System.nanoTime();
    List<SourceRow> rows = new RandomRows(seed).rows(LEDGERS, RowBlock.MAX_ROWS);
    byte[] bytes = write(rows);
    List<String> heads = new ArrayList<>();

    RowBlock.heads(
        bytes, rows.size(), 3, LEDGERS, (rowId, groupId) -> heads.add(rowId + " / " + groupId));

    assertThat(heads)
        .as("seed %d", seed)
        .isEqualTo(rows.stream().map(row -> row.rowId() + " / " + row.groupId()).toList());
  }

  @Test
  void headsOfBytesThatAreNoBlockNameTheBlock() {
    byte[] bytes = write(List.of(ledger("L1", "R1", 0)));

    assertThatThrownBy(() -> RowBlock.heads(bytes, 2, 9, LEDGERS, (rowId, groupId) -> {}))
        .isInstanceOf(SQLDataException.class)
        .hasMessageContaining("column rows of row_block 9 (kraken.ledgers) is not a block of rows");
    assertThatThrownBy(
            () -> RowBlock.heads(new byte[] {1, 2, 3}, 1, 9, LEDGERS, (rowId, groupId) -> {}))
        .isInstanceOf(SQLDataException.class)
        .hasMessageContaining("row_block 9 (kraken.ledgers)");
  }

  @Test
  void aGroupsRowsAreReadAloneAndInTheirOrder() throws Exception {
    List<SourceRow> rows = new ArrayList<>();
    for (int i = 0; i < RowBlock.MAX_ROWS; i++) {
      rows.add(ledger("L" + i, "R" + i % 7, i));
    }
    byte[] bytes = write(rows);

    assertThat(RowBlock.rows(bytes, rows.size(), 1, LEDGERS, this::layout, Set.of("R3")::contains))
        .isEqualTo(rows.stream().filter(row -> row.groupId().equals("R3")).toList())
        .hasSize(73);
    assertThat(RowBlock.rows(bytes, rows.size(), 1, LEDGERS, this::layout, group -> false))
        .isEmpty();
    // A block's count is checked whichever rows are read.
    assertThatThrownBy(
            () -> RowBlock.rows(bytes, rows.size() + 1, 1, LEDGERS, this::layout, group -> false))
        .hasMessageContaining("it holds 512 rows, not 513");
  }

  @Test
  void aBlockOfLedgerRowsTakesAFractionOfItsText() {
    List<SourceRow> rows = new ArrayList<>();
    for (int i = 0; i < RowBlock.MAX_ROWS; i++) {
      rows.add(ledger("L" + i, "R" + i / 2, i));
    }
    // Each line is about 70 characters (layout, ids, the 30-character time, two values).
    assertThat(write(rows).length).isLessThan(RowBlock.MAX_ROWS * 70 / 3);
  }

  @Test
  void aWriterHoldsAtMostTheMostRowsOfABlock() {
    try (RowBlock.Writer writer = new RowBlock.Writer()) {
      SourceRow row = ledger("L1", "R1", 0);
      RowFields fields = RowFields.copyOf(row.fields(), row.rowId());
      for (int i = 0; i < RowBlock.MAX_ROWS; i++) {
        writer.add(row, fields, 1);
      }

      assertThatThrownBy(() -> writer.add(row, fields, 1))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("at most " + RowBlock.MAX_ROWS + " rows");
    }
  }

  @Test
  void linesThatAreNoRowsNameTheBlockAndWhatIsWrong() {
    write(List.of(ledger("L1", "R1", 0)));
    String at = "2024-03-01T12:00:00.000000000Z";

    assertThatThrownBy(
            () ->
                RowBlock.rows(deflated("1\tL1\tR1\n"), 1, 9, LEDGERS, this::layout, group -> true))
        .isInstanceOf(SQLDataException.class)
        .hasMessage(
            "column rows of row_block 9 (kraken.ledgers) is not a block of rows: a line holds"
                + " fewer than five texts: '1\tL1\tR1'");
    assertThatThrownBy(
            () ->
                RowBlock.rows(
                    deflated("1\tL1\tR1\t" + at + "\t\\i\t\\g\tXXBT\t1"),
                    1,
                    9,
                    LEDGERS,
                    this::layout,
                    group -> true))
        .hasMessageContaining("its last line has no line feed");
    assertThatThrownBy(
            () ->
                RowBlock.rows(
                    deflated("x\tL1\tR1\t" + at + "\t\\i\t\\g\tXXBT\t1\n"),
                    1,
                    9,
                    LEDGERS,
                    this::layout,
                    group -> true))
        .hasMessageContaining("row_block 9")
        .hasMessageContaining("'x\tL1");
    assertThatThrownBy(
            () ->
                RowBlock.rows(
                    deflated("7\tL1\tR1\t" + at + "\t\\i\t\\g\tXXBT\t1\n"),
                    1,
                    9,
                    LEDGERS,
                    this::layout,
                    group -> true))
        .hasMessage("no layout 7 for kraken.ledgers row L1");
    byte[] good = deflated("1\tL1\tR1\t" + at + "\t\\i\t\\g\tXXBT\t1\n");
    byte[] longer = Arrays.copyOf(good, good.length + 3);
    assertThatThrownBy(() -> RowBlock.rows(longer, 1, 9, LEDGERS, this::layout, group -> true))
        .hasMessageContaining("3 bytes follow the block");
    byte[] shorter = Arrays.copyOf(good, good.length - 5);
    assertThatThrownBy(() -> RowBlock.rows(shorter, 1, 9, LEDGERS, this::layout, group -> true))
        .hasMessageContaining("its bytes end before the block does");
  }
}
