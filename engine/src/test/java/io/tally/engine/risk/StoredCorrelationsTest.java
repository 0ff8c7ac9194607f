package io.tally.engine.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tally.engine.Mark;
import io.tally.money.Asset;
import io.tally.money.Precision;
import io.tally.risk.CorrelationMatrix;
import io.tally.store.ImportBatch;
import io.tally.store.PortfolioStore;
import io.tally.store.StoredPrice;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Correlations from prices kept in a real SQLite store, written as a sync writes them: in the base
 * currency, at moments of the day, with the source of their route.
 */
class StoredCorrelationsTest {

  private static final Asset XBT = Asset.XBT;
  private static final Asset ETH = Asset.of("ETH");
  private static final Asset DOT = Asset.of("DOT");
  private static final Asset SOL = Asset.of("SOL");
  private static final ZoneId UTC = ZoneId.of("UTC");
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  /** The first day of the worked example's window: its closes are of 1 to 11 March. */
  private static final LocalDate FIRST = LocalDate.parse("2025-03-01");

  private static final LocalDate AS_OF = LocalDate.parse("2025-03-11");

  /** CorrelationMatrixTest's worked example, in hundredths: r = 23 / √(22 × 30) = 0.895274. */
  private static final int[] XBT_RETURNS = {1, -1, 2, -2, 1, -1, 2, -2, 1, -1};

  private static final int[] ETH_RETURNS = {2, 0, 1, -3, 1, -1, 3, -2, 0, -1};

  @TempDir Path directory;

  private PortfolioStore open() {
    return PortfolioStore.open(directory.resolve("tally.db").toString(), Map.of());
  }

  /** Closes from {@code start} on {@code day}, each next one times 1 + the return in hundredths. */
  private static SortedMap<LocalDate, BigDecimal> closes(
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

  /** The closes in their shortest form, as prices read back from the store are. */
  private static SortedMap<LocalDate, BigDecimal> canonical(
      SortedMap<LocalDate, BigDecimal> closes) {
    SortedMap<LocalDate, BigDecimal> canonical = new TreeMap<>();
    closes.forEach((day, close) -> canonical.put(day, Precision.canonical(close)));
    return canonical;
  }

  private static Instant at(LocalDate day, String time) {
    return day.atTime(LocalTime.parse(time)).toInstant(ZoneOffset.UTC);
  }

  private static StoredPrice price(Asset asset, Instant at, BigDecimal value, String source) {
    return new StoredPrice(asset.code(), at, value.toPlainString(), source);
  }

  private static void commit(PortfolioStore store, List<StoredPrice> prices, String base) {
    store.commit(
        new ImportBatch(List.of(), List.of(), prices, Map.of(Mark.PRICES_BASE.key(), base), "p"));
  }

  /**
   * XBT's closes at 23:00 UTC with decoys around them (10:00 the same day, and the next midnight
   * exactly, which starts the next day); ETH's at the day's last microsecond, priced through a
   * cross as a sync stores it. Before the window, prices that would correlate the two at −1.
   */
  private static List<StoredPrice> workedExample() {
    List<StoredPrice> prices = new ArrayList<>();
    // 20 to 28 February: XBT up when ETH is down and the other way round
    for (int i = 0; i < 9; i++) {
      LocalDate day = FIRST.minusDays(9 - i);
      String up = i % 2 == 0 ? "61000" : "59000";
      String down = i % 2 == 0 ? "2900" : "3100";
      prices.add(price(XBT, at(day, "23:00"), new BigDecimal(up), "kraken:trades:XXBTZUSD"));
      prices.add(price(ETH, at(day, "23:00"), new BigDecimal(down), "kraken:trades:XETHZUSD"));
    }
    closes(FIRST, "60000", XBT_RETURNS)
        .forEach(
            (day, close) -> {
              prices.add(
                  price(XBT, at(day, "10:00"), new BigDecimal("1"), "kraken:trades:XXBTZUSD"));
              prices.add(price(XBT, at(day, "23:00"), close, "kraken:trades:XXBTZUSD"));
              prices.add(
                  price(
                      XBT,
                      at(day.plusDays(1), "00:00"),
                      new BigDecimal("999999"),
                      "kraken:trades:XXBTZUSD"));
            });
    closes(FIRST, "3000", ETH_RETURNS)
        .forEach(
            (day, close) ->
                prices.add(
                    price(
                        ETH,
                        at(day, "23:59:59.999999"),
                        close,
                        "kraken:trades:XETHXXBT*XXBTZUSD")));
    return prices;
  }

  @Test
  void eachDaysCloseIsThePriceInForceAtItsLastInstant() {
    try (PortfolioStore store = open()) {
      commit(store, workedExample(), "USD");
      StoredCorrelations correlations = new StoredCorrelations(store, Asset.USD, UTC);

      SortedMap<Asset, SortedMap<LocalDate, BigDecimal>> closes =
          correlations.closes(Set.of(XBT, ETH), AS_OF, 10);

      // A window of 10 days as of 11 March: the closes of 1 to 11 March, the 23:00 prices (not
      // 10:00's, not the next midnight's)
      assertThat(closes.get(XBT)).isEqualTo(canonical(closes(FIRST, "60000", XBT_RETURNS)));
      assertThat(closes.get(ETH)).isEqualTo(canonical(closes(FIRST, "3000", ETH_RETURNS)));
    }
  }

  @Test
  void theWorkedExampleFromTheStore() {
    try (PortfolioStore store = open()) {
      commit(store, workedExample(), "USD");
      StoredCorrelations correlations = new StoredCorrelations(store, Asset.USD, UTC);

      CorrelationMatrix matrix = correlations.matrix(Set.of(XBT, ETH, Asset.USD), AS_OF, 10);

      // 23 / √(22 × 30) = 0.895274; February's prices, outside the window, play no part
      assertThat(matrix.correlation(XBT, ETH)).contains(new BigDecimal("0.895274"));
      assertThat(matrix.assets()).as("the base is left out").containsExactly(ETH, XBT);
      assertThat(matrix.groups(new BigDecimal("0.7"))).containsExactly(Set.of(ETH, XBT));

      // 11 days back the window takes in 28 February's close: a different correlation
      assertThat(correlations.matrix(Set.of(XBT, ETH), AS_OF, 11).correlation(XBT, ETH))
          .isPresent()
          .isNotEqualTo(Optional.of(new BigDecimal("0.895274")));
      // 9 days: 9 returns, too few
      assertThat(correlations.matrix(Set.of(XBT, ETH), AS_OF, 9).correlation(XBT, ETH)).isEmpty();
    }
  }

  @Test
  void daysEndAtMidnightInTheReportingZone() {
    try (PortfolioStore store = open()) {
      List<StoredPrice> prices = new ArrayList<>();
      // Every price at 23:30 UTC: in Berlin (UTC+1 in early March) that is 00:30 the next day
      closes(FIRST, "60000", XBT_RETURNS)
          .forEach((day, close) -> prices.add(price(XBT, at(day, "23:30"), close, "t")));
      closes(FIRST, "3000", ETH_RETURNS)
          .forEach((day, close) -> prices.add(price(ETH, at(day, "23:30"), close, "t")));
      commit(store, prices, "USD");
      StoredCorrelations utc = new StoredCorrelations(store, Asset.USD, UTC);
      StoredCorrelations berlin = new StoredCorrelations(store, Asset.USD, BERLIN);

      // 1 March 23:30 UTC is 2 March in Berlin: Berlin's closes are UTC's a day later
      assertThat(berlin.closes(Set.of(XBT), AS_OF.plusDays(1), 10).get(XBT).values())
          .containsExactlyElementsOf(utc.closes(Set.of(XBT), AS_OF, 10).get(XBT).values());
      assertThat(berlin.closes(Set.of(XBT), AS_OF.plusDays(1), 10).get(XBT).firstKey())
          .isEqualTo(FIRST.plusDays(1));
      assertThat(berlin.matrix(Set.of(XBT, ETH), AS_OF.plusDays(1), 10).correlation(XBT, ETH))
          .contains(new BigDecimal("0.895274"));
      assertThat(berlin.matrix(Set.of(XBT, ETH), AS_OF, 10).correlation(XBT, ETH))
          .as("in Berlin 1 March has no close yet: 9 returns")
          .isEmpty();
    }
  }

  @Test
  void anAssetHasClosesFromItsFirstPriceAndAStalePriceIsFlat() {
    try (PortfolioStore store = open()) {
      List<StoredPrice> prices = new ArrayList<>(workedExample());
      // DOT first priced on 5 March; SOL last priced in January, so it closes at that price
      closes(FIRST.plusDays(4), "4", 1, 2, 3, 4, 5, 6)
          .forEach((day, close) -> prices.add(price(DOT, at(day, "12:00"), close, "t")));
      prices.add(price(SOL, Instant.parse("2025-01-15T12:00:00Z"), new BigDecimal("150"), "t"));
      commit(store, prices, "USD");
      StoredCorrelations correlations = new StoredCorrelations(store, Asset.USD, UTC);

      SortedMap<Asset, SortedMap<LocalDate, BigDecimal>> closes =
          correlations.closes(Set.of(XBT, DOT, SOL, Asset.of("ADA")), AS_OF, 10);

      assertThat(closes.get(DOT).firstKey()).isEqualTo(FIRST.plusDays(4));
      assertThat(closes.get(DOT)).hasSize(7);
      assertThat(closes.get(SOL)).hasSize(11).containsValue(new BigDecimal("150"));
      assertThat(closes.get(Asset.of("ADA"))).as("never priced").isEmpty();
      CorrelationMatrix matrix =
          correlations.matrix(Set.of(XBT, DOT, SOL, Asset.of("ADA")), AS_OF, 10);
      assertThat(matrix.correlation(XBT, DOT)).as("6 common returns").isEmpty();
      assertThat(matrix.correlation(XBT, SOL)).as("SOL's returns are all 0").isEmpty();
      assertThat(matrix.correlation(XBT, Asset.of("ADA"))).isEmpty();
      assertThat(matrix.assets()).containsExactly(Asset.of("ADA"), DOT, SOL, XBT);
    }
  }

  @Test
  void pricesInAnotherBaseAreNotUsed() {
    try (PortfolioStore store = open()) {
      commit(store, workedExample(), "EUR");

      CorrelationMatrix matrix =
          new StoredCorrelations(store, Asset.USD, UTC).matrix(Set.of(XBT, ETH), AS_OF, 10);

      assertThat(matrix.correlation(XBT, ETH)).isEmpty();
      assertThat(
              new StoredCorrelations(store, Asset.of("EUR"), UTC)
                  .matrix(Set.of(XBT, ETH), AS_OF, 10)
                  .correlation(XBT, ETH))
          .contains(new BigDecimal("0.895274"));
    }
  }

  @Test
  void aWindowHasAtLeastOneDay() {
    try (PortfolioStore store = open()) {
      assertThatThrownBy(
              () -> new StoredCorrelations(store, Asset.USD, UTC).matrix(Set.of(XBT), AS_OF, 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("A window has at least one day: 0");
    }
  }
}
