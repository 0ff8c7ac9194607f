package io.tally.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.money.Asset;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MarksTest {

  @Test
  void eachMarkHasItsOwnKey() {
    assertThat(Arrays.stream(Mark.values()).map(Mark::key).distinct().count())
        .isEqualTo(Mark.values().length);
  }

  @Test
  void marksAreReadBackTyped() {
    Marks marks =
        new Marks(
            Map.of(
                Mark.PRICES_BASE.key(), "EUR",
                Mark.FIAT.key(), "EUR,USD",
                Mark.LEDGERS_NEWEST.key(), "2026-03-02T12:00:00.000001Z",
                Mark.ORDER_HOLDS.key(), "text its owner parses"));

    assertThat(marks.pricesBase()).contains(Asset.of("EUR"));
    assertThat(marks.pricedIn(Asset.of("EUR"))).isTrue();
    assertThat(marks.pricedIn(Asset.USD)).isFalse();
    assertThat(marks.fiat()).contains(List.of(Asset.of("EUR"), Asset.USD));
    assertThat(marks.instant(Mark.LEDGERS_NEWEST))
        .contains(Instant.parse("2026-03-02T12:00:00.000001Z"));
    assertThat(marks.instant(Mark.TRADES_NEWEST)).isEmpty();
    assertThat(marks.get(Mark.ORDER_HOLDS)).contains("text its owner parses");
    assertThat(marks.has(Mark.DRIFT_BASELINE)).isFalse();
  }

  @Test
  void anEmptyPricesBaseOrFiatListIsNone() {
    Marks marks = new Marks(Map.of(Mark.PRICES_BASE.key(), "", Mark.FIAT.key(), ""));

    assertThat(marks.pricesBase()).isEmpty();
    assertThat(marks.fiat()).contains(List.of());
    assertThat(Marks.NONE.fiat()).isEmpty();
  }
}
