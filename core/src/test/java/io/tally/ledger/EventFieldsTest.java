package io.tally.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class EventFieldsTest {

  private static final String[] WORDS = {"", "a", "kind=X", "k=", "=v", "x=y=z", "T1", "%20"};

  @Test
  void splitsAtSpacesAsStringSplitDoes() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    for (int i = 0; i < 100_000; i++) {
      StringBuilder line = new StringBuilder();
      int words = random.nextInt(8);
      for (int w = 0; w < words; w++) {
        if (w > 0 || random.nextInt(5) == 0) {
          line.append(' ');
        }
        line.append(WORDS[random.nextInt(WORDS.length)]);
      }
      String text = line.toString();
      String[] split = text.split(" ");

      if (split.length < 3) {
        assertThatThrownBy(() -> EventFields.of(text))
            .as("seed %d: '%s'", seed, text)
            .hasMessage("too few fields");
        continue;
      }
      EventFields fields = EventFields.of(text);
      for (int f = 0; f < 3; f++) {
        assertThat(fields.field(f)).as("seed %d: '%s'", seed, text).isEqualTo(split[f]);
      }
    }
  }

  @Test
  void readsPairsTheLastOfAKeyCountingAndNamesOneWithoutAKey() {
    EventFields fields =
        EventFields.of("2024-01-01T00:00:00Z T1 flow kind=DEPOSIT fee=EUR:0 kind=WITHDRAWAL x=")
            .checkPairs();

    assertThat(fields.field(2)).isEqualTo("flow");
    assertThat(fields.value("kind")).isEqualTo("WITHDRAWAL");
    assertThat(fields.value("fee")).isEqualTo("EUR:0");
    assertThat(fields.value("x")).isEmpty();
    // A key is the whole of what comes before '=': "kin" is not "kind".
    assertThat(fields.valueOr("kin", "none")).isEqualTo("none");
    assertThatThrownBy(() -> fields.value("amount")).hasMessage("missing amount");

    assertThatThrownBy(() -> EventFields.of("t T1 flow kind=A =B").checkPairs())
        .hasMessage("not key=value: '=B'");
    assertThatThrownBy(() -> EventFields.of("t T1 flow kind=A  fee=B").checkPairs())
        .hasMessage("not key=value: ''");
    assertThatThrownBy(() -> EventFields.of("t T1 flow kind").checkPairs())
        .hasMessage("not key=value: 'kind'");
    // Spaces at the end are no fields, as split drops them.
    assertThat(EventFields.of("t T1 flow kind=A   ").checkPairs().value("kind")).isEqualTo("A");
  }
}
