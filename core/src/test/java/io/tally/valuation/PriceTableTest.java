package io.tally.valuation;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.money.Asset;
import io.tally.money.Price;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PriceTableTest {

  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  @Test
  void givesTheLastPointAtOrBeforeAMoment() {
    Price first = xbt("40000", T0);
    Price second = xbt("41000", T0.plusSeconds(60));
    PriceTable table = PriceTable.of(List.of(second, first));

    assertThat(table.price(Asset.XBT, T0.minusNanos(1))).isEmpty();
    assertThat(table.price(Asset.XBT, T0)).contains(first);
    assertThat(table.price(Asset.XBT, T0.plusSeconds(59).plusNanos(999_999_999))).contains(first);
    assertThat(table.price(Asset.XBT, T0.plusSeconds(60))).contains(second);
    assertThat(table.price(Asset.XBT, Instant.MAX)).contains(second);
    assertThat(table.price(Asset.of("ETH"), T0)).isEmpty();
    assertThat(table.latest()).containsExactly(second);
  }

  @Test
  void letsALaterPointAtTheSameMomentReplaceAnEarlierOne() {
    Price earlier = xbt("40000", T0);
    Price replacement = xbt("40001", T0);
    assertThat(PriceTable.of(List.of(earlier, replacement)).price(Asset.XBT, T0))
        .contains(replacement);
  }

  @Test
  void findsWhatASortedMapsFloorFindsAtAnyMoment() {
    // Seeded points for three assets at moments apart by whole seconds and by nanoseconds (some
    // the same moment twice), asked at moments around and between them: the table's answer is the
    // floor entry of a TreeMap of the same points, the later of two at one moment kept.
    Random random = new Random(11);
    List<Asset> assets = List.of(Asset.XBT, Asset.of("ETH"), Asset.of("SOL"));
    for (int round = 0; round < 200; round++) {
      List<Price> points = new ArrayList<>();
      Map<Asset, NavigableMap<Instant, Price>> expected = new HashMap<>();
      int count = random.nextInt(50);
      for (int i = 0; i < count; i++) {
        Asset asset = assets.get(random.nextInt(assets.size()));
        Price point = new Price(asset, BigDecimal.valueOf(i + 1), moment(random), "test");
        points.add(point);
        expected.computeIfAbsent(asset, a -> new TreeMap<>()).put(point.at(), point);
      }
      PriceTable table = PriceTable.of(points);
      for (int ask = 0; ask < 100; ask++) {
        Asset asset = assets.get(random.nextInt(assets.size()));
        Instant at = moment(random);
        NavigableMap<Instant, Price> series = expected.get(asset);
        Optional<Price> floor =
            series == null
                ? Optional.empty()
                : Optional.ofNullable(series.floorEntry(at)).map(Map.Entry::getValue);
        assertThat(table.price(asset, at))
            .as("round %d, %s at %s", round, asset, at)
            .isEqualTo(floor);
      }
    }
  }

  /** A moment within ten seconds of T0, on a whole second or a few nanoseconds past one. */
  private static Instant moment(Random random) {
    return T0.plusSeconds(random.nextInt(10)).plusNanos(random.nextInt(3) * random.nextInt(5));
  }

  private static Price xbt(String value, Instant at) {
    return new Price(Asset.XBT, new BigDecimal(value), at, "test");
  }
}
