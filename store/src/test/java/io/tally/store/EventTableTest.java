package io.tally.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EventTableTest {

  private static final String[] PIECES = {
    "a", "B", "-", "_", "0", "é", "\uFFFD", "\uE000", "\uD7FF", "🚀", "𝄞", "\u0000", "z"
  };

  private static String randomId(Random random) {
    StringBuilder id = new StringBuilder();
    for (int i = random.nextInt(4); i >= 0; i--) {
      id.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return id.toString();
  }

  @Test
  void idsCompareAsTheirUtf8BytesDoThatIsByCodePoint() {
    // SQLite's BINARY and PostgreSQL's "C" collation compare UTF-8 bytes; UTF-16 order differs
    // where a character past U+FFFF (a surrogate pair) meets one of U+E000 to U+FFFF.
    long seed = System.nanoTime();
    Random random = new Random(seed);
    for (int i = 0; i < 100_000; i++) {
      String one = randomId(random);
      String other = randomId(random);

      int bytes =
          Arrays.compareUnsigned(
              one.getBytes(StandardCharsets.UTF_8), other.getBytes(StandardCharsets.UTF_8));

      assertThat(Integer.signum(EventTable.compare(one, other)))
          .as("seed %d: '%s' against '%s'", seed, one, other)
          .isEqualTo(Integer.signum(bytes));
    }
  }

  @Test
  void aCharacterPastTheBasicPlaneComesAfterOneNearItsEnd() {
    assertThat(EventTable.compare("🚀", "\uFFFD")).isPositive();
    assertThat("🚀".compareTo("\uFFFD"))
        .as("UTF-16 order, which the store does not use")
        .isNegative();
    assertThat(EventTable.compare("a", "ab")).isNegative();
    assertThat(EventTable.compare("B", "a")).isNegative();
  }
}
