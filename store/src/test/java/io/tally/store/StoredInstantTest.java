package io.tally.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class StoredInstantTest {

  /** The shape the store writes, as the JDK's formatter writes it. */
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

  @Test
  void everyInstantIsWrittenWithNineFractionDigits() {
    assertThat(StoredInstant.toText(Instant.parse("2024-03-01T12:00:00Z")))
        .isEqualTo("2024-03-01T12:00:00.000000000Z");
    assertThat(StoredInstant.toText(Instant.parse("2024-03-01T12:00:00.5Z")))
        .isEqualTo("2024-03-01T12:00:00.500000000Z");
    assertThat(StoredInstant.toText(StoredInstant.MIN)).isEqualTo("0000-01-01T00:00:00.000000000Z");
    assertThat(StoredInstant.toText(StoredInstant.MAX)).isEqualTo("9999-12-31T23:59:59.999999999Z");
  }

  @Test
  void instantsOutsideYears0000To9999AreRejected() {
    assertThatThrownBy(() -> StoredInstant.toText(StoredInstant.MIN.minusNanos(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StoredInstant.toText(StoredInstant.MAX.plusNanos(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @RepeatedTest(20)
  void textOrderIsTimeOrderAndTextReadsBackExactly() {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    List<Instant> instants = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      long second =
          StoredInstant.MIN.getEpochSecond()
              + (long)
                  (random.nextDouble()
                      * (StoredInstant.MAX.getEpochSecond() - StoredInstant.MIN.getEpochSecond()));
      // Whole seconds, millis and nanos, as Kraken's and the caller's times come.
      int nanos =
          switch (random.nextInt(3)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1_000) * 1_000_000;
            default -> random.nextInt(1_000_000_000);
          };
      instants.add(Instant.ofEpochSecond(second, nanos));
    }

    List<String> texts = instants.stream().map(StoredInstant::toText).toList();

    assertThat(texts).as("seed %d", seed).isEqualTo(instants.stream().map(FORMAT::format).toList());
    assertThat(texts.stream().map(StoredInstant::fromText).toList())
        .as("seed %d", seed)
        .isEqualTo(instants);
    assertThat(texts.stream().sorted().map(StoredInstant::fromText).toList())
        .as("seed %d", seed)
        .isEqualTo(instants.stream().sorted(Comparator.naturalOrder()).toList());
  }
}
