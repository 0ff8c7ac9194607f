package io.tally.store;

import static io.tally.store.Fixtures.T0;
import static io.tally.store.Fixtures.deflated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.SQLDataException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EventBlockTest {

  private static byte[] write(List<EventRevision> revisions) {
    try (EventBlock.Writer writer = new EventBlock.Writer()) {
      revisions.forEach(writer::add);
      return writer.finish();
    }
  }

  /** A random revision: any id and line texts, a tombstone, or a line that starts with its head. */
  private static EventRevision randomRevision(RandomRows texts, Random random) {
    String id = texts.id();
    Instant at =
        StoredInstant.MIN
            .plusSeconds((long) (random.nextDouble() * 315_000_000_000L))
            .plusNanos(random.nextInt(3) == 0 ? random.nextInt(1_000_000_000) : 0);
    long revision = 1 + random.nextInt(5);
    EventRecord record =
        switch (random.nextInt(4)) {
          case 0 -> EventRecord.retracted(id, at);
          case 1 -> EventRecord.of(id, at, EventBlock.head(id, at) + texts.text() + "x");
          case 2 -> EventRecord.of(id, at, EventBlock.head(id, at));
          default -> EventRecord.of(id, at, texts.text() + "x");
        };
    return new EventRevision(record, revision);
  }

  @Test
  void randomRevisionsReadBackEqualBlockAfterBlock() throws Exception {
    long seed = System.nanoTime();
    RandomRows texts = new RandomRows(seed);
    Random random = new Random(seed);
    try (EventBlock.Writer writer = new EventBlock.Writer()) {
      for (int block = 0; block < 40; block++) {
        List<EventRevision> revisions = new ArrayList<>();
        for (int i = 1 + block * 13 % EventBlock.MAX_REVISIONS; i > 0; i--) {
          revisions.add(randomRevision(texts, random));
        }
        revisions.forEach(writer::add);
        assertThat(writer.revisions()).isEqualTo(revisions.size());

        byte[] bytes = writer.finish();

        assertThat(EventBlock.revisions(bytes, revisions.size(), block))
            .as("seed %d, block %d", seed, block)
            .isEqualTo(revisions);
        assertThat(writer.revisions()).isZero();
      }
    }
  }

  @Test
  void aLineThatStartsWithItsHeadIsKeptWithoutIt() throws Exception {
    // Head: the time as Instant.toString writes it, the id, a space after each.
    Instant at = Instant.parse("2024-03-01T12:00:00.250Z");
    List<EventRevision> revisions =
        List.of(
            new EventRevision(EventRecord.of("R1", at, "2024-03-01T12:00:00.250Z R1 trade x"), 1),
            new EventRevision(EventRecord.of("R2", at, "2024-03-01T12:00:00.250Z R2 "), 1),
            new EventRevision(EventRecord.retracted("R3", at), 2));

    String text = Deflated.inflate(write(revisions), SQLDataException::new);

    assertThat(text)
        .isEqualTo(
            "1\th\t2024-03-01T12:00:00.250000000Z\tR1\ttrade x\n"
                + "1\tw\t2024-03-01T12:00:00.250000000Z\tR2\t2024-03-01T12:00:00.250Z R2 \n"
                + "2\tt\t2024-03-01T12:00:00.250000000Z\tR3\t\n");
  }

  @Test
  void aBlockOfMoreThanItsMostRevisionsIsRefused() {
    try (EventBlock.Writer writer = new EventBlock.Writer()) {
      EventRevision revision = new EventRevision(EventRecord.of("E1", T0, "x"), 1);
      for (int i = 0; i < EventBlock.MAX_REVISIONS; i++) {
        writer.add(revision);
      }

      assertThatThrownBy(() -> writer.add(revision))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("at most " + EventBlock.MAX_REVISIONS);
    }
  }

  @Test
  void bytesThatAreNoBlockAreNamedWithTheirBlockAndWhy() {
    byte[] good = write(List.of(new EventRevision(EventRecord.of("E1", T0, "x"), 1)));
    String at = StoredInstant.toText(T0);

    assertThatThrownBy(() -> EventBlock.revisions(good, 2, 7))
        .isInstanceOf(SQLDataException.class)
        .hasMessage(
            "column lines of event_block 7 is not a block of event revisions:"
                + " it holds 1 revisions, not 2");
    assertThatThrownBy(() -> EventBlock.revisions(Arrays.copyOf(good, good.length - 3), 1, 7))
        .hasMessageContaining("event_block 7")
        .hasMessageContaining("its bytes end before the block does");
    assertThatThrownBy(() -> EventBlock.revisions("no zlib".getBytes(StandardCharsets.UTF_8), 1, 7))
        .hasMessageContaining("its bytes do not inflate");
    assertThatThrownBy(() -> EventBlock.revisions(deflated("1\tw\t" + at + "\tE1\tx"), 1, 7))
        .hasMessageContaining("its last line has no line feed");
    assertThatThrownBy(() -> EventBlock.revisions(deflated("1\tq\t" + at + "\tE1\tx\n"), 1, 7))
        .hasMessageContaining("unknown form 'q' in the line '1\tq\t");
    assertThatThrownBy(() -> EventBlock.revisions(deflated("1\tt\t" + at + "\tE1\tx\n"), 1, 7))
        .hasMessageContaining("a tombstone holds the line 'x'");
    assertThatThrownBy(() -> EventBlock.revisions(deflated("0\tw\t" + at + "\tE1\tx\n"), 1, 7))
        .hasMessageContaining("revision of E1 must be at least 1");
    assertThatThrownBy(() -> EventBlock.revisions(deflated("1\tw\tyesterday\tE1\tx\n"), 1, 7))
        .hasMessageContaining("event_block 7")
        .hasMessageContaining("in the line '1\tw\tyesterday\tE1\tx'");
    assertThatThrownBy(() -> EventBlock.revisions(deflated("1\tw\t" + at + "\tE1\n"), 1, 7))
        .hasMessageContaining("expected 5 texts, found 4");
  }
}
