package io.tally.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlainDecimalTest {

  /** A plain decimal of 1 to 40 digits, leading and trailing zeros included, maybe negative. */
  private static String plain(Random random) {
    StringBuilder text = new StringBuilder(random.nextBoolean() ? "-" : "");
    int whole = 1 + random.nextInt(random.nextBoolean() ? 3 : 25);
    for (int i = 0; i < whole; i++) {
      text.append(random.nextInt(4) == 0 ? '0' : (char) ('0' + random.nextInt(10)));
    }
    if (random.nextBoolean()) {
      text.append('.');
      int fraction = 1 + random.nextInt(random.nextBoolean() ? 4 : 20);
      for (int i = 0; i < fraction; i++) {
        text.append(random.nextInt(3) == 0 ? '0' : (char) ('0' + random.nextInt(10)));
      }
    }
    return text.toString();
  }

  @Test
  void readsPlainDecimalsToTheDigitsAndScaleOfBigDecimal() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    for (int i = 0; i < 200_000; i++) {
      String text = plain(random);
      BigDecimal expected = new BigDecimal(text);

      BigDecimal read = PlainDecimal.parse(text);

      // equals compares the scale too: 1.50 is not 1.5.
      assertThat(read).as("seed %d: %s", seed, text).isEqualTo(expected);
      assertThat(PlainDecimal.isPlain(text)).as("seed %d: %s", seed, text).isTrue();
    }
  }

  @Test
  void readsTheEdgesOfALongAsBigDecimalDoes() {
    for (String text :
        new String[] {
          "999999999999999999", // 18 nines: the most a long takes here
          "-999999999999999999",
          "9999999999999999999", // 19 digits: BigDecimal's own reading
          "0.000000000000000001",
          "-0",
          "-0.00",
          "000.000",
          "9223372036854775807",
          "-9223372036854775808"
        }) {
      assertThat(PlainDecimal.parse(text)).as(text).isEqualTo(new BigDecimal(text));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.", ".5", "+5", "1e5", "1E+3", "1_000"})
  void leavesWhatIsNotPlainToBigDecimal(String text) {
    assertThat(PlainDecimal.isPlain(text)).isFalse();
    if (text.equals("1_000")) {
      assertThatThrownBy(() -> new BigDecimal(text)).isInstanceOf(NumberFormatException.class);
      assertThatThrownBy(() -> PlainDecimal.parse(text)).isInstanceOf(NumberFormatException.class);
    } else {
      assertThat(PlainDecimal.parse(text)).isEqualTo(new BigDecimal(text));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-", "-.", "1.2.3", "12,5", " 1", "1 ", "--1", "abc"})
  void refusesWhatBigDecimalRefuses(String text) {
    assertThat(PlainDecimal.isPlain(text)).isFalse();
    assertThatThrownBy(() -> PlainDecimal.parse(text)).isInstanceOf(NumberFormatException.class);
  }
}
