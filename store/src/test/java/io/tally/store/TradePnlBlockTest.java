package io.tally.store;

import static io.tally.store.Fixtures.deflated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLDataException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TradePnlBlockTest {

  @Test
  void randomLinesReadBackEqualBlockAfterBlock() throws Exception {
    long seed = System.nanoTime();
    RandomRows texts = new RandomRows(seed);
    try (TradePnlBlock.Writer writer = new TradePnlBlock.Writer()) {
      for (int block = 0; block < 30; block++) {
        List<TradePnlBlock.Line> lines = new ArrayList<>();
        for (int i = 1 + block * 17 % TradePnlBlock.MAX_LINES; i > 0; i--) {
          lines.add(new TradePnlBlock.Line(texts.id(), texts.text() + "\t-"));
        }
        lines.forEach(line -> writer.add(line.eventId(), line.text()));
        assertThat(writer.lines()).isEqualTo(lines.size());

        byte[] bytes = writer.finish();

        assertThat(TradePnlBlock.lines(bytes, lines.size(), block))
            .as("seed %d, block %d", seed, block)
            .isEqualTo(lines);
        assertThat(writer.lines()).isZero();
      }
    }
  }

  @Test
  void aBlockOfMoreThanItsMostLinesIsRefused() {
    try (TradePnlBlock.Writer writer = new TradePnlBlock.Writer()) {
      for (int i = 0; i < TradePnlBlock.MAX_LINES; i++) {
        writer.add("T" + i, "1\t2\t-");
      }

      assertThatThrownBy(() -> writer.add("T", "1\t2\t-"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("at most " + TradePnlBlock.MAX_LINES);
    }
  }

  @Test
  void bytesThatAreNoBlockAreNamedWithTheirBlockAndWhy() {
    assertThatThrownBy(() -> TradePnlBlock.lines(deflated("T1\t1\\t2\n"), 2, 7))
        .isInstanceOf(SQLDataException.class)
        .hasMessage(
            "column lines of trade_pnl_block 7 is not a block of trade lines:"
                + " it holds 1 lines, not 2");
    assertThatThrownBy(() -> TradePnlBlock.lines(deflated("T1\n"), 1, 7))
        .hasMessageContaining("expected 2 texts, found 1");
    assertThatThrownBy(() -> TradePnlBlock.lines(deflated("T1\t\n"), 1, 7))
        .hasMessageContaining("an event id or a line is empty in the line 'T1\t'");
    assertThatThrownBy(() -> TradePnlBlock.lines(deflated("T1\t1\\q\n"), 1, 7))
        .hasMessageContaining("unknown escape");
  }
}
