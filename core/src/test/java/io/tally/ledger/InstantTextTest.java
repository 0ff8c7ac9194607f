package io.tally.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InstantTextTest {

  @Test
  void anyTextIsReadAsInstantParseReadsIt() {
    for (String text :
        List.of(
            "2024-03-01T12:00:00.500000000Z",
            "2024-02-29T23:59:59.999999999Z",
            "0000-01-01T00:00:00.000000000Z",
            "9999-12-31T23:59:59.999999999Z",
            "2024-03-01T12:00:00Z",
            "2024-03-01T12:00:00.5Z",
            "2024-03-01T12:00:00.05Z",
            "2024-03-01T12:00:00.123456Z",
            "2024-03-01T12:00:00.12345678Z",
            "2024-03-01T12:00:00.Z",
            "2024-03-01T12:00:00.1234567890Z",
            "2024-03-01t12:00:00z",
            "2024-03-01T23:59:60.000000000Z",
            "2024-03-01T24:00:00.000000000Z",
            "2023-02-29T00:00:00.000000000Z",
            "2024-13-01T00:00:00.000000000Z",
            "2024-00-01T00:00:00.000000000Z",
            "2024-04-31T00:00:00.000000000Z",
            "2024-03-01T25:00:00.000000000Z",
            "2024-03-01T12:60:00.000000000Z",
            "2024-03-01T12:00:00.00000000xZ",
            "2024-03-01T12:00:00.000000000+",
            "2024-03-01T12:00:00+01:00",
            "+2024-03-01T12:00:00.00000000Z",
            "+12024-03-01T12:00:00Z",
            "-0001-03-01T12:00:00Z",
            "2024-03-01 12:00:00.000000000Z",
            "２024-03-01T12:00:00.000000000Z",
            "")) {
      assertThat(read(text)).as("'%s'", text).isEqualTo(expected(text));
    }
  }

  /** Every instant of years 0000 to 9999, written by Instant.toString, reads back exactly. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42, 2026})
  void whatInstantWritesReadsBackExactly(long seed) {
    Random random = new Random(seed);
    long first = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    for (int i = 0; i < 5_000; i++) {
      long second = first + (long) (random.nextDouble() * (last - first));
      // Whole seconds, millis, micros and nanos: toString writes 0, 3, 6 or 9 fraction digits.
      int nanos =
          switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1_000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            default -> random.nextInt(1_000_000_000);
          };
      Instant instant = Instant.ofEpochSecond(second, nanos);
      assertThat(InstantText.parse(instant.toString())).as("seed %d", seed).isEqualTo(instant);
    }
  }

  /** Text with one character changed is read, or refused, exactly as Instant.parse does. */
  @ParameterizedTest
  @ValueSource(longs = {7, 8, 9})
  void changedTextIsReadOrRefusedAsInstantParseDoes(long seed) {
    Random random = new Random(seed);
    String alphabet = "0123456789-:.TZtz+ 9";
    for (int i = 0; i < 5_000; i++) {
      String text =
          Instant.ofEpochSecond(random.nextInt(Integer.MAX_VALUE), random.nextInt(1_000_000_000))
              .toString();
      int at = random.nextInt(text.length());
      String changed =
          text.substring(0, at)
              + alphabet.charAt(random.nextInt(alphabet.length()))
              + text.substring(at + 1);
      assertThat(read(changed)).as("seed %d: '%s'", seed, changed).isEqualTo(expected(changed));
    }
  }

  private static Object read(String text) {
    try {
      return InstantText.parse(text);
    } catch (DateTimeParseException e) {
      return DateTimeParseException.class;
    }
  }

  private static Object expected(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return DateTimeParseException.class;
    }
  }

  @Test
  void anyInstantIsWrittenAsItsToStringWritesIt() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    long first = Instant.parse("-0005-01-01T00:00:00Z").getEpochSecond();
    long last = Instant.parse("+10005-12-31T23:59:59Z").getEpochSecond();
    int[] nanoShapes = {0, 1_000_000, 1_000, 1};
    for (int i = 0; i < 200_000; i++) {
      // Most times in 0000-9999, some outside, and each fraction shape: none, millis, micros,
      // nanos.
      long second =
          i % 10 == 0
              ? first + (long) (random.nextDouble() * (last - first))
              : Instant.parse("0000-01-01T00:00:00Z").getEpochSecond()
                  + (long) (random.nextDouble() * 315_537_897_600L);
      int shape = nanoShapes[random.nextInt(nanoShapes.length)];
      int nano = shape == 0 ? 0 : random.nextInt(1_000_000_000 / shape) * shape;
      Instant at = Instant.ofEpochSecond(second, nano);

      assertThat(InstantText.format(at)).as("seed %d, %s", seed, at).isEqualTo(at.toString());
    }
  }

  @Test
  void theEdgesOfFourDigitYearsAreWrittenAsToStringWritesThem() {
    for (String text :
        List.of(
            "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999999Z",
            "-0001-12-31T23:59:59Z",
            "+10000-01-01T00:00:00Z",
            "1970-01-01T00:00:00.001Z",
            "2024-02-29T12:00:00.000001Z",
            "2024-03-01T12:00:00.100Z")) {
      Instant at = Instant.parse(text);

      assertThat(InstantText.format(at)).isEqualTo(at.toString()).isEqualTo(text);
    }
  }

  @Test
  void theFixedWidthTextHasNineFractionDigitsSortsAsTimeAndReadsBack() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    long first = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    long span = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond() - first;
    Instant previous = Instant.parse("0000-01-01T00:00:00Z");
    String previousText = InstantText.fixedWidth(previous);
    for (int i = 0; i < 100_000; i++) {
      Instant at =
          Instant.ofEpochSecond(
              first + (long) (random.nextDouble() * span), random.nextInt(1_000_000_000));
      String text = InstantText.fixedWidth(at);

      assertThat(text).as("seed %d", seed).hasSize(30);
      assertThat(InstantText.parse(text)).as("seed %d", seed).isEqualTo(at);
      assertThat(Integer.signum(text.compareTo(previousText)))
          .as("seed %d: %s against %s", seed, at, previous)
          .isEqualTo(Integer.signum(at.compareTo(previous)));
      previous = at;
      previousText = text;
    }
    assertThat(InstantText.fixedWidth(Instant.parse("2024-03-01T12:00:00.5Z")))
        .isEqualTo("2024-03-01T12:00:00.500000000Z");
    assertThatThrownBy(() -> InstantText.fixedWidth(Instant.parse("+10000-01-01T00:00:00Z")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("+10000-01-01T00:00:00Z");
  }
}
