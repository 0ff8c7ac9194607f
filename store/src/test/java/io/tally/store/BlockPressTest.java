package io.tally.store;

import static io.tally.store.Fixtures.LEDGERS;
import static io.tally.store.Fixtures.ledger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BlockPressTest {

  /** A block the sink had: its name and its bytes. */
  private record Made(int block, byte[] bytes) {}

  /** The layouts the rows have, each stored under its position plus one. */
  private final List<RowLayout> layouts = new ArrayList<>();

  private final Map<RowLayout, Long> layoutIds = new HashMap<>();

  /** Seeded rows cut into blocks of 1 to {@link RowBlock#MAX_ROWS} lines. */
  private List<List<RowBlock.Line>> blocks(long seed, int count) {
    RandomRows random = new RandomRows(seed);
    List<List<RowBlock.Line>> blocks = new ArrayList<>();
    for (int block = 0; block < count; block++) {
      List<RowBlock.Line> lines = new ArrayList<>();
      for (SourceRow row : random.rows(LEDGERS, 1 + block * 37 % RowBlock.MAX_ROWS)) {
        RowFields fields = RowFields.copyOf(row.fields(), row.rowId());
        long layoutId =
            layoutIds.computeIfAbsent(
                fields.layout(),
                layout -> {
                  layouts.add(layout);
                  return (long) layouts.size();
                });
        lines.add(new RowBlock.Line(row, fields, layoutId));
      }
      blocks.add(lines);
    }
    return blocks;
  }

  /** What a press for {@code rows} rows hands its sink for these blocks, in the order it does. */
  private static List<Made> pressed(int rows, List<List<RowBlock.Line>> blocks)
      throws SQLException {
    List<Made> made = new ArrayList<>();
    try (BlockPress<Integer, RowBlock.Line> press =
        BlockPress.forRows(rows, (block, bytes) -> made.add(new Made(block, bytes)))) {
      for (int block = 0; block < blocks.size(); block++) {
        press.press(block, blocks.get(block));
      }
      press.finish();
    }
    return made;
  }

  @Test
  void anInsertOfMoreThanOneBlocksRowsMakesThemOnAThreadOfItsOwn() {
    try (BlockPress<Integer, RowBlock.Line> one =
            BlockPress.forRows(RowBlock.MAX_ROWS, (block, bytes) -> {});
        BlockPress<Integer, RowBlock.Line> more =
            BlockPress.forRows(RowBlock.MAX_ROWS + 1, (block, bytes) -> {})) {
      assertThat(one.threaded()).isFalse();
      assertThat(more.threaded()).isTrue();
    }
  }

  @Test
  void blocksMadeOnTheirOwnThreadComeInOrderWithTheBytesOfTheCallersThread() throws Exception {
    long seed = System.nanoTime();
    List<List<RowBlock.Line>> blocks = blocks(seed, 60);

    List<Made> inline = pressed(1, blocks);
    List<Made> threaded = pressed(Integer.MAX_VALUE, blocks);

    assertThat(threaded)
        .extracting(Made::block)
        .as("seed %d", seed)
        .containsExactlyElementsOf(inline.stream().map(Made::block).toList());
    assertThat(threaded.stream().map(Made::block)).isSorted().hasSize(60);
    for (int block = 0; block < blocks.size(); block++) {
      assertThat(Arrays.equals(threaded.get(block).bytes(), inline.get(block).bytes()))
          .as("seed %d, block %d", seed, block)
          .isTrue();
      // Each block reads back as its own rows: the press's writer was emptied between blocks.
      assertThat(
              RowBlock.rows(
                  threaded.get(block).bytes(),
                  blocks.get(block).size(),
                  block,
                  LEDGERS,
                  (id, source, rowId) -> layouts.get((int) id - 1),
                  group -> true))
          .as("seed %d, block %d", seed, block)
          .isEqualTo(blocks.get(block).stream().map(RowBlock.Line::row).toList());
    }
  }

  @Test
  void whatMakingABlockThrowsOnThePressesThreadIsThrownToTheCallerAndNothingAfterIsHanded()
      throws Exception {
    SourceRow row = ledger("L1", "R1", 0);
    RowBlock.Line line = new RowBlock.Line(row, RowFields.copyOf(row.fields(), row.rowId()), 1);
    // One line more than a block holds: the writer refuses it.
    List<RowBlock.Line> tooMany = new ArrayList<>();
    for (int i = 0; i <= RowBlock.MAX_ROWS; i++) {
      tooMany.add(line);
    }
    List<Integer> handed = new ArrayList<>();
    try (BlockPress<Integer, RowBlock.Line> press =
        BlockPress.forRows(Integer.MAX_VALUE, (block, bytes) -> handed.add(block))) {
      assertThat(press.threaded()).isTrue();

      assertThatThrownBy(
              () -> {
                press.press(1, List.of(line));
                press.press(2, tooMany);
                press.press(3, List.of(line));
                press.finish();
              })
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("at most " + RowBlock.MAX_ROWS + " rows");
    }
    assertThat(handed).containsExactly(1);
  }

  @Test
  void aSinksFailureIsThrownAsItIsAndThePressStillCloses() {
    SourceRow row = ledger("L1", "R1", 0);
    RowBlock.Line line = new RowBlock.Line(row, RowFields.copyOf(row.fields(), row.rowId()), 1);
    BlockPress<Integer, RowBlock.Line> press =
        BlockPress.forRows(
            Integer.MAX_VALUE,
            (block, bytes) -> {
              throw new SQLException("disk full at block " + block);
            });

    assertThatThrownBy(
            () -> {
              for (int block = 1; block <= 2 * BlockPress.AHEAD; block++) {
                press.press(block, List.of(line));
              }
              press.finish();
            })
        .isInstanceOf(SQLException.class)
        .hasMessage("disk full at block 1");
    press.close();
  }
}
