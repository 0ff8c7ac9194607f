package io.tally.engine.prices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tally.money.Asset;
import io.tally.money.Price;
import io.tally.valuation.PriceTable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LivePricesTest {

  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  private static Price xbt(long minute, String value) {
    return new Price(Asset.XBT, new BigDecimal(value), T0.plusSeconds(60 * minute), "test");
  }

  @Test
  void momentsFromTheStartAreAnsweredWithoutReadingEveryPrice() {
    // XBT at minutes 0, 10, 20, 30; exact from minute 25 on: in force are 20 and 30
    List<Price> every = List.of(xbt(0, "1"), xbt(10, "2"), xbt(20, "3"), xbt(30, "4"));
    AtomicInteger reads = new AtomicInteger();
    LivePrices prices =
        LivePrices.from(
            T0.plusSeconds(60 * 25),
            List.of(xbt(20, "3"), xbt(30, "4")),
            () -> {
              reads.incrementAndGet();
              return PriceTable.of(every);
            });

    assertThat(prices.price(Asset.XBT, T0.plusSeconds(60 * 25))).contains(xbt(20, "3"));
    assertThat(prices.price(Asset.XBT, T0.plusSeconds(60 * 31))).contains(xbt(30, "4"));
    assertThat(reads).hasValue(0);

    // Minute 15 is before the start: every price is read, once.
    assertThat(prices.price(Asset.XBT, T0.plusSeconds(60 * 15))).contains(xbt(10, "2"));
    assertThat(prices.price(Asset.XBT, T0.plusSeconds(60 * 5))).contains(xbt(0, "1"));
    assertThat(prices.price(Asset.XBT, T0.minusSeconds(1))).isEmpty();
    assertThat(reads).hasValue(1);
  }

  /**
   * Property over seeded random prices: from any start, prices in force then (plus later ones added
   * with {@code with}) answer every moment as a table of all of them does.
   */
  @Test
  void pricesInForceAndAddedAnswerLikeOneTableOfAll() {
    Random random = new Random(5);
    for (int round = 0; round < 50; round++) {
      List<Price> every = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        every.add(xbt(random.nextInt(100), Integer.toString(1 + random.nextInt(99))));
      }
      every.sort((a, b) -> a.at().compareTo(b.at()));
      long start = random.nextInt(100);
      Instant from = T0.plusSeconds(60 * start);
      List<Price> inForce = new ArrayList<>();
      Instant floor =
          every.stream()
              .map(Price::at)
              .filter(at -> !at.isAfter(from))
              .max(Instant::compareTo)
              .orElse(Instant.MIN);
      for (Price price : every) {
        if (!price.at().isBefore(floor)) {
          inForce.add(price);
        }
      }
      List<Price> later = List.of(xbt(100 + random.nextInt(20), "7"), xbt(125, "8"));
      List<Price> all = new ArrayList<>(every);
      all.addAll(later);
      PriceTable expected = PriceTable.of(all);
      LivePrices prices = LivePrices.from(from, inForce, () -> PriceTable.of(every)).with(later);

      for (long minute = -1; minute <= 130; minute++) {
        Instant at = T0.plusSeconds(60 * minute);
        assertThat(prices.price(Asset.XBT, at))
            .as("round %d, from minute %d, at minute %d", round, start, minute)
            .isEqualTo(expected.price(Asset.XBT, at));
      }
    }
  }

  @Test
  void aPriceAddedForAMomentAlreadyFoldedIsRefused() {
    LivePrices prices =
        LivePrices.from(T0.plusSeconds(600), List.of(xbt(5, "1")), () -> PriceTable.of(List.of()));

    assertThatThrownBy(() -> prices.with(List.of(xbt(10, "2"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not after " + T0.plusSeconds(600));
    assertThat(prices.with(List.of(xbt(11, "2"))).price(Asset.XBT, T0.plusSeconds(660)))
        .contains(xbt(11, "2"));
  }
}
