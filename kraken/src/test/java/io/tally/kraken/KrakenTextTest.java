package io.tally.kraken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KrakenTextTest {

  @ParameterizedTest
  @CsvSource({
    "2021-02-07 01:54:53, 2021-02-07T01:54:53Z",
    "2017-11-12 19:04:13.6946, 2017-11-12T19:04:13.694600Z",
    "2017-11-12 19:04:13.1, 2017-11-12T19:04:13.100Z",
    "2017-11-12 19:04:13.123456789, 2017-11-12T19:04:13.123456789Z",
    "2021-02-07T01:54:53Z, 2021-02-07T01:54:53Z",
    "2021-02-07T01:54:53.5, 2021-02-07T01:54:53.500Z",
    "2024-02-29 23:59:59, 2024-02-29T23:59:59Z"
  })
  void parsesExportAndIsoTimesAsUtc(String text, String instant) {
    assertThat(KrakenText.time(text)).isEqualTo(Instant.parse(instant));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "07/02/2021 01:54:53",
        "2021-02-07",
        "2021-02-07 01:54",
        "2021-02-07 01:54:53.",
        "2021-02-07 01:54:53.1234567890",
        "2021-02-07 01:54:53+01:00",
        " 2021-02-07 01:54:53",
        "1612662893"
      })
  void rejectsOtherTimeFormats(String text) {
    assertThatThrownBy(() -> KrakenText.time(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "not a time (expected 'YYYY-MM-DD HH:MM:SS' with an optional fraction, UTC): '"
                + text
                + "'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"2021-02-30 10:00:00", "2021-13-01 10:00:00", "2021-01-01 24:00:00"})
  void rejectsImpossibleDates(String text) {
    assertThatThrownBy(() -> KrakenText.time(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a valid date and time: '" + text + "'");
  }

  @ParameterizedTest
  @CsvSource({
    "-0.0063800000, -0.0063800000",
    "1000.0000000500, 1000.0000000500",
    "0, 0",
    "-0, 0",
    "12, 12",
    "0.000001, 0.000001"
  })
  void parsesPlainDecimalsExactlyAsWritten(String text, String plain) {
    BigDecimal value = KrakenText.decimal(text);

    assertThat(value.toPlainString()).isEqualTo(plain);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"12,5", "1,234.56", "1 234.56", "abc", "-", "+1", ".5", "5.", "1e5", "0x10", " 1"})
  void rejectsAnythingButAPlainDecimal(String text) {
    assertThatThrownBy(() -> KrakenText.decimal(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a decimal number: '" + text + "'");
  }

  @Test
  void rejectsAnEmptyDecimal() {
    assertThatThrownBy(() -> KrakenText.decimal(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("required value is empty");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"spot / main|spot%20/%20main", "100%|100%25", "plain|plain", "''|''"})
  void escapesBlanksAndPercentSignsInWords(String text, String word) {
    assertThat(KrakenText.word(text)).isEqualTo(word);
  }

  /** The shapes {@link KrakenText} accepts, as the regular expressions it once matched with. */
  private static final Pattern TIME =
      Pattern.compile(
          "(\\d{4})-(\\d{2})-(\\d{2})[ T](\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?Z?");

  private static final Pattern DECIMAL = Pattern.compile("-?\\d+(?:\\.\\d+)?");

  /**
   * Times and decimals with one character changed, removed or added are accepted exactly when the
   * patterns match them, and an accepted time is the one its digits say (seeded).
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void changedTextIsAcceptedExactlyWhenItHasTheShape(long seed) {
    Random random = new Random(seed);
    String alphabet = "0123456789-:. TZz+e,";
    List<String> samples =
        List.of(
            "2021-02-07 01:54:53",
            "2021-02-07 01:54:53.6946",
            "2021-02-07T01:54:53.123456789Z",
            "2024-02-29 23:59:59Z",
            "-0.0063800000",
            "1000.0000",
            "42");
    for (int i = 0; i < 20_000; i++) {
      String text = samples.get(random.nextInt(samples.size()));
      int at = random.nextInt(text.length() + 1);
      String changed =
          switch (random.nextInt(3)) {
            case 0 -> text.substring(0, at) + text.substring(Math.min(text.length(), at + 1));
            case 1 ->
                text.substring(0, at)
                    + alphabet.charAt(random.nextInt(alphabet.length()))
                    + text.substring(at);
            default ->
                text.substring(0, at)
                    + alphabet.charAt(random.nextInt(alphabet.length()))
                    + text.substring(Math.min(text.length(), at + 1));
          };

      Matcher time = TIME.matcher(changed);
      if (time.matches()) {
        Instant expected = expectedTime(time);
        if (expected == null) {
          assertThatThrownBy(() -> KrakenText.time(changed))
              .as("seed %d: '%s'", seed, changed)
              .hasMessageStartingWith("not a valid date and time");
        } else {
          assertThat(KrakenText.time(changed))
              .as("seed %d: '%s'", seed, changed)
              .isEqualTo(expected);
        }
      } else {
        assertThatThrownBy(() -> KrakenText.time(changed))
            .as("seed %d: '%s'", seed, changed)
            .hasMessageStartingWith("not a time");
      }
      if (DECIMAL.matcher(changed).matches()) {
        assertThat(KrakenText.decimal(changed)).isEqualTo(new BigDecimal(changed));
      } else {
        assertThatThrownBy(() -> KrakenText.decimal(changed))
            .as("seed %d: '%s'", seed, changed)
            .isInstanceOf(IllegalArgumentException.class);
      }
    }
  }

  /** The instant a matching time's groups write, or null when they are no date and time. */
  private static Instant expectedTime(Matcher time) {
    String fraction = time.group(7) == null ? "" : time.group(7);
    try {
      return LocalDateTime.of(
              Integer.parseInt(time.group(1)),
              Integer.parseInt(time.group(2)),
              Integer.parseInt(time.group(3)),
              Integer.parseInt(time.group(4)),
              Integer.parseInt(time.group(5)),
              Integer.parseInt(time.group(6)),
              fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "00000000").substring(0, 9)))
          .toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      return null;
    }
  }
}
