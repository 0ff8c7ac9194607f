package io.tally.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tally.money.Asset;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CorrelationMatrixTest {

  private static final Asset XBT = Asset.XBT;
  private static final Asset ETH = Asset.of("ETH");
  private static final Asset SOL = Asset.of("SOL");
  private static final Asset ADA = Asset.of("ADA");
  private static final Asset DOT = Asset.of("DOT");
  private static final Asset USDT = Asset.of("USDT");
  private static final LocalDate DAY0 = LocalDate.parse("2025-03-01");
  private static final BigDecimal THRESHOLD = new BigDecimal("0.7");

  /**
   * Closes from {@code start} on {@link #DAY0}, each next day's close the last one times 1 + the
   * return given in hundredths (exactly, so the matrix finds these very returns again).
   */
  private static SortedMap<LocalDate, BigDecimal> closes(String start, int... hundredths) {
    return closesFrom(DAY0, start, hundredths);
  }

  private static SortedMap<LocalDate, BigDecimal> closesFrom(
      LocalDate day, String start, int... hundredths) {
    SortedMap<LocalDate, BigDecimal> closes = new TreeMap<>();
    BigDecimal close = new BigDecimal(start);
    closes.put(day, close);
    for (int r : hundredths) {
      day = day.plusDays(1);
      close = close.multiply(BigDecimal.ONE.add(BigDecimal.valueOf(r, 2)));
      closes.put(day, close);
    }
    return closes;
  }

  private static CorrelationMatrix matrix(Object... assetsAndCloses) {
    Map<Asset, SortedMap<LocalDate, BigDecimal>> closes = new LinkedHashMap<>();
    for (int i = 0; i < assetsAndCloses.length; i += 2) {
      @SuppressWarnings("unchecked")
      SortedMap<LocalDate, BigDecimal> series =
          (SortedMap<LocalDate, BigDecimal>) assetsAndCloses[i + 1];
      closes.put((Asset) assetsAndCloses[i], series);
    }
    return CorrelationMatrix.of(Asset.USD, closes);
  }

  private static Optional<BigDecimal> r(String value) {
    return Optional.of(new BigDecimal(value));
  }

  @Test
  void theWorkedExample() {
    // Returns in hundredths, x = XBT, y = ETH (10 returns from 11 closes):
    //   x:  1 −1  2 −2  1 −1  2 −2  1 −1   Σx = 0, Σx² = 1+1+4+4+1+1+4+4+1+1 = 22
    //   y:  2  0  1 −3  1 −1  3 −2  0 −1   Σy = 0, Σy² = 4+0+1+9+1+1+9+4+0+1 = 30
    //   xy: 2  0  2  6  1  1  6  4  0  1   Σxy = 23
    // The means are 0, so r = Σxy / √(Σx² Σy²) = 23 / √660 = 23 / 25.690465 = 0.895274
    CorrelationMatrix matrix =
        matrix(
            XBT, closes("60000", 1, -1, 2, -2, 1, -1, 2, -2, 1, -1),
            ETH, closes("3000", 2, 0, 1, -3, 1, -1, 3, -2, 0, -1));

    assertThat(matrix.correlation(XBT, ETH)).isEqualTo(r("0.895274"));
    assertThat(matrix.correlation(ETH, XBT)).isEqualTo(r("0.895274"));
    assertThat(matrix.correlation(XBT, XBT)).isEqualTo(r("1.000000"));
    assertThat(matrix.correlatedWith(XBT, THRESHOLD)).containsExactly(ETH, XBT);
    assertThat(matrix.groups(THRESHOLD)).containsExactly(Set.of(ETH, XBT));
    assertThat(matrix.groups(new BigDecimal("0.895274"))).as("at the threshold").hasSize(1);
    assertThat(matrix.groups(new BigDecimal("0.895275"))).as("just above it").isEmpty();
    assertThat(matrix.correlatedWith(XBT, new BigDecimal("0.9"))).containsExactly(XBT);
    assertThat(matrix.assets()).containsExactly(ETH, XBT);
    assertThat(matrix.toString()).isEqualTo("CorrelationMatrix[base=USD, ETH/XBT=0.895274]");
  }

  @Test
  void returnsThatMoveInProportionCorrelateAtOne() {
    // SOL's returns are XBT's doubled plus 1: y = 2x + 1 (in hundredths), a perfect line
    int[] x = {1, -1, 2, -2, 1, -1, 2, -2, 1, -1, 3};
    int[] y = new int[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = 2 * x[i] + 1;
    }
    CorrelationMatrix matrix =
        matrix(XBT, closes("60000", x), SOL, closes("150", y), ETH, scaled(closes("60000", x)));

    assertThat(matrix.correlation(XBT, SOL)).isEqualTo(r("1.000000"));
    assertThat(matrix.correlation(XBT, ETH))
        .as("ETH closes at XBT's / 20")
        .isEqualTo(r("1.000000"));
    assertThat(matrix.groups(BigDecimal.ONE)).containsExactly(Set.of(ETH, SOL, XBT));
  }

  private static SortedMap<LocalDate, BigDecimal> scaled(SortedMap<LocalDate, BigDecimal> closes) {
    SortedMap<LocalDate, BigDecimal> scaled = new TreeMap<>();
    closes.forEach((day, close) -> scaled.put(day, close.divide(new BigDecimal("20"))));
    return scaled;
  }

  @Test
  void oppositeReturnsCorrelateAtMinusOne() {
    int[] x = {1, -1, 2, -2, 1, -1, 2, -2, 1, -1};
    int[] y = new int[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = -x[i];
    }
    CorrelationMatrix matrix = matrix(XBT, closes("60000", x), ETH, closes("3000", y));

    assertThat(matrix.correlation(XBT, ETH)).isEqualTo(r("-1.000000"));
    assertThat(matrix.groups(THRESHOLD)).as("a hedge is not a concentration").isEmpty();
    assertThat(matrix.groups(new BigDecimal("-1"))).containsExactly(Set.of(ETH, XBT));
  }

  @Test
  void fewerThanTenCommonReturnsGiveNoCorrelation() {
    int[] nine = {1, -1, 2, -2, 1, -1, 2, -2, 1};
    int[] ten = {1, -1, 2, -2, 1, -1, 2, -2, 1, -1};

    // 10 closes are 9 returns: too few, even of an asset with itself
    CorrelationMatrix short9 = matrix(XBT, closes("60000", nine), ETH, closes("3000", nine));
    assertThat(short9.correlation(XBT, ETH)).isEmpty();
    assertThat(short9.correlation(XBT, XBT)).isEmpty();
    assertThat(short9.groups(new BigDecimal("-1"))).isEmpty();
    assertThat(short9.correlatedWith(XBT, THRESHOLD)).containsExactly(XBT);

    // 11 closes are 10 returns: enough
    CorrelationMatrix enough = matrix(XBT, closes("60000", ten), ETH, closes("3000", ten));
    assertThat(enough.correlation(XBT, ETH)).isEqualTo(r("1.000000"));
  }

  @Test
  void onlyTheDaysBothAssetsHaveReturnsForCount() {
    int[] returns = {1, -1, 2, -2, 1, -1, 2, -2, 1, -1, 2, -2, 1, -1};
    // XBT from day 0 (returns on days 1..14), ETH from day 5 (returns on days 6..19): days 6..14
    // are common, 9 returns
    CorrelationMatrix nine =
        matrix(
            XBT, closes("60000", returns),
            ETH, closesFrom(DAY0.plusDays(5), "3000", returns));
    assertThat(nine.correlation(XBT, ETH)).isEmpty();
    assertThat(nine.correlation(XBT, XBT)).as("14 returns of its own").isPresent();

    // ETH from day 4: days 5..14 are common, 10 returns
    CorrelationMatrix ten =
        matrix(
            XBT, closes("60000", returns),
            ETH, closesFrom(DAY0.plusDays(4), "3000", returns));
    assertThat(ten.correlation(XBT, ETH)).isPresent();
  }

  @Test
  void aMissingDayTakesTheReturnsOnEitherSideOfItAway() {
    // 13 closes are 12 returns; without day 6's close, days 6 and 7 have no return: 10 left
    SortedMap<LocalDate, BigDecimal> xbt = closes("60000", 1, -1, 2, -2, 1, -1, 2, -2, 1, -1, 3, 1);
    xbt.remove(DAY0.plusDays(6));
    CorrelationMatrix ten =
        matrix(XBT, xbt, ETH, closes("3000", 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3));
    assertThat(ten.correlation(XBT, ETH)).isPresent();

    xbt.remove(DAY0.plusDays(9));
    // and without day 9's as well, days 9 and 10 too: 8 left
    CorrelationMatrix eight =
        matrix(XBT, xbt, ETH, closes("3000", 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3));
    assertThat(eight.correlation(XBT, ETH)).isEmpty();
  }

  @Test
  void anAssetWhoseReturnsDoNotVaryHasNoCorrelation() {
    int[] x = {1, -1, 2, -2, 1, -1, 2, -2, 1, -1};
    int[] flat = new int[x.length];
    int[] steady = new int[x.length];
    Arrays.fill(steady, 1);
    CorrelationMatrix matrix =
        matrix(
            XBT, closes("60000", x),
            USDT, closes("1.0001", flat),
            // every return exactly 1 %: no variance either, though the price moves
            SOL, closes("150", steady));

    assertThat(matrix.correlation(XBT, USDT)).isEmpty();
    assertThat(matrix.correlation(USDT, USDT)).isEmpty();
    assertThat(matrix.correlation(XBT, SOL)).isEmpty();
    assertThat(matrix.correlation(SOL, SOL)).isEmpty();
    assertThat(matrix.correlation(XBT, XBT)).isEqualTo(r("1.000000"));
    assertThat(matrix.groups(new BigDecimal("-1"))).isEmpty();
    assertThat(matrix.assets()).containsExactly(SOL, USDT, XBT);
  }

  @Test
  void groupsAreConnectedComponentsInAStableOrder() {
    // Returns in hundredths, 12 of each:
    //   a = ETH:  1 −1  1 −1 …          Σa = 0, Σa² = 12
    //   c = XBT:  1  1 −1 −1 …          Σc = 0, Σc² = 12, Σac = 0 (each block of 4: 1 −1 −1 1)
    //   b = SOL = a + c: 2 0 0 −2 …     Σb = 0, Σb² = 12 + 2·0 + 12 = 24, Σab = Σa² + Σac = 12
    //   r(ETH, SOL) = 12 / √(12 × 24) = 1/√2 = 0.707107 = r(XBT, SOL); r(ETH, XBT) = 0
    //   ADA: 1 1 1 −1 −1 −1 …, and DOT the same: r(ADA, DOT) = 1; USDT flat: no correlation
    int[] a = {1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, -1};
    int[] c = {1, 1, -1, -1, 1, 1, -1, -1, 1, 1, -1, -1};
    int[] b = new int[a.length];
    for (int i = 0; i < a.length; i++) {
      b[i] = a[i] + c[i];
    }
    int[] d = {1, 1, 1, -1, -1, -1, 1, 1, 1, -1, -1, -1};
    CorrelationMatrix matrix =
        matrix(
            XBT, closes("60000", c),
            USDT, closes("1", new int[12]),
            SOL, closes("150", b),
            DOT, closes("7", d),
            ETH, closes("3000", a),
            ADA, closes("0.7", d));

    assertThat(matrix.correlation(ETH, SOL)).isEqualTo(r("0.707107"));
    assertThat(matrix.correlation(XBT, SOL)).isEqualTo(r("0.707107"));
    assertThat(matrix.correlation(ETH, XBT)).isEqualTo(r("0.000000"));
    assertThat(matrix.correlatedWith(ETH, THRESHOLD)).containsExactly(ETH, SOL);
    assertThat(matrix.correlatedWith(SOL, THRESHOLD)).containsExactly(ETH, SOL, XBT);
    assertThat(matrix.groups(THRESHOLD))
        .as("ETH and XBT are linked through SOL")
        .containsExactly(Set.of(ADA, DOT), Set.of(ETH, SOL, XBT));
    assertThat(matrix.groups(THRESHOLD).get(1)).containsExactly(ETH, SOL, XBT);
    assertThat(matrix.groups(new BigDecimal("0.71"))).containsExactly(Set.of(ADA, DOT));
    assertThat(matrix.correlatedWith(Asset.of("LTC"), THRESHOLD))
        .as("an asset not in the matrix")
        .containsExactly(Asset.of("LTC"));
    assertThat(matrix.correlation(Asset.of("LTC"), ETH)).isEmpty();
  }

  @Test
  void refusesTheBaseCurrencyAndPricesThatAreNotPositive() {
    assertThatThrownBy(() -> matrix(Asset.USD, closes("1", 0, 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The closes are in USD, so USD cannot be one of their assets");
    assertThatThrownBy(() -> matrix(XBT, closes("0", 1, 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("A close must be positive: XBT on 2025-03-01 closed at 0");
    CorrelationMatrix matrix = matrix(XBT, closes("1", 1));
    assertThatThrownBy(() -> matrix.groups(new BigDecimal("1.1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1.1");
    assertThatThrownBy(() -> matrix.correlatedWith(XBT, new BigDecimal("-1.5")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * Seeded random markets: every asset's returns are its own mix of a common market move and noise,
   * some assets hedges (a negative mix), some flat, some starting late or missing days.
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("io.tally.testing.Seeds#seeds")
  void correlationsAreSymmetricBoundedScaleFreeAndAgreeWithDoubles(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int days = 12 + random.nextInt(40);
    int count = 2 + random.nextInt(6);
    List<Integer> market = new ArrayList<>();
    for (int day = 0; day < days; day++) {
      market.add(random.nextInt(-400, 401));
    }
    Map<Asset, SortedMap<LocalDate, BigDecimal>> closes = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      closes.put(Asset.of("A" + i), randomCloses(random, market));
    }

    CorrelationMatrix matrix = CorrelationMatrix.of(Asset.USD, closes);

    Asset scaledAsset = Asset.of("A" + random.nextInt(count));
    BigDecimal factor = BigDecimal.valueOf(1 + random.nextInt(100_000), random.nextInt(6));
    Map<Asset, SortedMap<LocalDate, BigDecimal>> rescaled = new HashMap<>(closes);
    SortedMap<LocalDate, BigDecimal> scaledCloses = new TreeMap<>();
    closes.get(scaledAsset).forEach((day, close) -> scaledCloses.put(day, close.multiply(factor)));
    rescaled.put(scaledAsset, scaledCloses);
    CorrelationMatrix scaled = CorrelationMatrix.of(Asset.USD, rescaled);

    for (Asset a : closes.keySet()) {
      Optional<BigDecimal> self = matrix.correlation(a, a);
      self.ifPresent(
          one ->
              assertThat(one)
                  .as("seed %d, %s itself", seed, a)
                  .isEqualTo(new BigDecimal("1.000000")));
      for (Asset b : closes.keySet()) {
        Optional<BigDecimal> ab = matrix.correlation(a, b);
        String what = String.format("seed %d, %s/%s", seed, a, b);
        assertThat(ab).as(what + " symmetric").isEqualTo(matrix.correlation(b, a));
        assertThat(scaled.correlation(a, b))
            .as(what + " with %s's closes × %s", scaledAsset, factor)
            .isEqualTo(ab);
        if (ab.isPresent()) {
          assertThat(ab.get()).as(what).isBetween(new BigDecimal("-1"), BigDecimal.ONE);
          assertThat(ab.get().scale()).as(what).isEqualTo(CorrelationMatrix.SCALE);
          assertThat(self).as(what + ": a known correlation needs a known variance").isPresent();
          DoublePearson.of(closes.get(a), closes.get(b))
              .ifPresent(
                  expected ->
                      assertThat(ab.get().doubleValue())
                          .as(what)
                          .isCloseTo(expected, within(2e-6)));
        }
      }
    }
    List<Set<Asset>> groups = matrix.groups(THRESHOLD);
    Set<Asset> grouped = new TreeSet<>();
    for (Set<Asset> group : groups) {
      assertThat(group).as("seed %d: %s", seed, group).hasSizeGreaterThanOrEqualTo(2);
      assertThat(new ArrayList<>(group)).as("seed %d: %s", seed, group).isSorted();
      for (Asset member : group) {
        assertThat(grouped.add(member)).as("seed %d: %s in two groups", seed, member).isTrue();
        assertThat(matrix.correlatedWith(member, THRESHOLD))
            .as("seed %d: %s links to its group and only to it", seed, member)
            .hasSizeGreaterThanOrEqualTo(2)
            .isSubsetOf(group);
      }
    }
    for (Asset asset : closes.keySet()) {
      if (!grouped.contains(asset)) {
        assertThat(matrix.correlatedWith(asset, THRESHOLD))
            .as("seed %d", seed)
            .containsExactly(asset);
      }
    }
    assertThat(matrix.groups(THRESHOLD)).as("seed %d: stable", seed).isEqualTo(groups);
  }

  /** One random asset's closes over the market's days: its mix of the market, noise and gaps. */
  private static SortedMap<LocalDate, BigDecimal> randomCloses(
      SplittableRandom random, List<Integer> market) {
    int kind = random.nextInt(10);
    int beta = random.nextInt(-2, 4);
    int noise = kind == 0 ? 0 : 20 + random.nextInt(400);
    int start = kind == 1 ? random.nextInt(market.size()) : 0;
    SortedMap<LocalDate, BigDecimal> closes = new TreeMap<>();
    BigDecimal close = BigDecimal.valueOf(1 + random.nextInt(1_000_000), random.nextInt(5));
    for (int day = start; day < market.size(); day++) {
      // a return in hundredths of a percent, at most ±12 %: the close stays positive
      int r = (kind == 0 ? 0 : beta * market.get(day)) + random.nextInt(-noise, noise + 1);
      r = Math.max(-1200, Math.min(1200, r));
      close =
          close
              .multiply(BigDecimal.ONE.add(BigDecimal.valueOf(r, 4)))
              .setScale(10, RoundingMode.HALF_EVEN);
      if (kind != 2 || random.nextInt(6) != 0) {
        closes.put(DAY0.plusDays(day), close);
      }
    }
    return closes;
  }

  /** An independent Pearson correlation in doubles, two-pass, for the property above. */
  private static final class DoublePearson {
    static OptionalDouble of(
        SortedMap<LocalDate, BigDecimal> a, SortedMap<LocalDate, BigDecimal> b) {
      Map<LocalDate, Double> ra = returns(a);
      Map<LocalDate, Double> rb = returns(b);
      List<double[]> common = new ArrayList<>();
      ra.forEach(
          (day, x) -> {
            if (rb.containsKey(day)) {
              common.add(new double[] {x, rb.get(day)});
            }
          });
      if (common.size() < CorrelationMatrix.MIN_OBSERVATIONS) {
        return OptionalDouble.empty();
      }
      double mx = common.stream().mapToDouble(p -> p[0]).average().getAsDouble();
      double my = common.stream().mapToDouble(p -> p[1]).average().getAsDouble();
      double sxx = 0;
      double syy = 0;
      double sxy = 0;
      for (double[] p : common) {
        sxx += (p[0] - mx) * (p[0] - mx);
        syy += (p[1] - my) * (p[1] - my);
        sxy += (p[0] - mx) * (p[1] - my);
      }
      if (sxx < 1e-12 || syy < 1e-12) {
        return OptionalDouble.empty();
      }
      return OptionalDouble.of(sxy / Math.sqrt(sxx * syy));
    }

    private static Map<LocalDate, Double> returns(SortedMap<LocalDate, BigDecimal> closes) {
      Map<LocalDate, Double> returns = new HashMap<>();
      closes.forEach(
          (day, close) -> {
            BigDecimal before = closes.get(day.minusDays(1));
            if (before != null) {
              returns.put(day, close.doubleValue() / before.doubleValue() - 1);
            }
          });
      return returns;
    }
  }
}
