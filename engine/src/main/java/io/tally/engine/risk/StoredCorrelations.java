package io.tally.engine.risk;

import static java.util.Objects.requireNonNull;

import io.tally.engine.Marks;
import io.tally.engine.StoredBooks;
import io.tally.money.Asset;
import io.tally.money.Price;
import io.tally.risk.CorrelationMatrix;
import io.tally.store.PortfolioStore;
import io.tally.valuation.PriceSource;
import io.tally.valuation.PriceTable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The {@link CorrelationMatrix} of assets from the prices a store keeps: each asset's close on each
 * day of a window is its stored price in force at the day's last instant in the reporting time
 * zone, the moment {@link io.tally.series.DailyHistory} values a day at (a price stamped at
 * midnight belongs to the day it starts). The stored prices are in the base currency already: a
 * sync priced each asset through its route ({@code PriceRoute}: a direct, inverted or crossed
 * pair), so they are read as stored, and a store whose prices are in another currency has none.
 *
 * <p>A window of N days as of day D is the closes of days D − N to D: N + 1 closes, N daily
 * returns. Only the prices in force over the window are read ({@link
 * PortfolioStore#pricesInForce(Instant, Instant)}). A day with no new price repeats the last one (a
 * zero return), as the daily history values it; a day before an asset's first price has no close.
 *
 * <p>Example: {@code new StoredCorrelations(store, Asset.USD, ZoneId.of("UTC")).matrix(Set.of(XBT,
 * ETH, USD), LocalDate.parse("2025-03-31"), 30)} correlates XBT's and ETH's 30 daily returns of
 * March (closes of 1 to 31 March, after the close of 28 February); USD, the base, is left out.
 * Thread-safe as the store is.
 */
public final class StoredCorrelations {

  private final PortfolioStore store;
  private final Asset base;
  private final ZoneId zone;

  /**
   * Correlations of the prices {@code store} keeps in {@code base}, with days ending at midnight in
   * {@code zone} (the reporting time zone of {@link io.tally.series.HistorySettings}).
   */
  public StoredCorrelations(PortfolioStore store, Asset base, ZoneId zone) {
    this.store = requireNonNull(store, "store");
    this.base = requireNonNull(base, "base");
    this.zone = requireNonNull(zone, "zone");
  }

  /**
   * The correlations of {@code assets}' daily returns over the {@code windowDays} days up to and
   * including {@code asOf}. The base currency, if among {@code assets}, is left out.
   *
   * @throws IllegalArgumentException if {@code windowDays} is not positive
   */
  public CorrelationMatrix matrix(Set<Asset> assets, LocalDate asOf, int windowDays) {
    return CorrelationMatrix.of(base, closes(assets, asOf, windowDays));
  }

  /** Each asset's close on each day of the window that has one, the base left out. */
  SortedMap<Asset, SortedMap<LocalDate, BigDecimal>> closes(
      Set<Asset> assets, LocalDate asOf, int windowDays) {
    requireNonNull(assets, "assets");
    requireNonNull(asOf, "asOf");
    if (windowDays < 1) {
      throw new IllegalArgumentException("A window has at least one day: " + windowDays);
    }
    LocalDate first = asOf.minusDays(windowDays);
    PriceSource prices = prices(closeOf(first), closeOf(asOf).plusNanos(1));
    SortedMap<Asset, SortedMap<LocalDate, BigDecimal>> closes = new TreeMap<>();
    for (Asset asset : assets) {
      if (asset.equals(base)) {
        continue;
      }
      SortedMap<LocalDate, BigDecimal> series = new TreeMap<>();
      for (LocalDate day = first; !day.isAfter(asOf); day = day.plusDays(1)) {
        // A price of zero (a delisted token) has no return; it is a day without a close.
        Optional<BigDecimal> close =
            prices.price(asset, closeOf(day)).map(Price::value).filter(v -> v.signum() > 0);
        if (close.isPresent()) {
          series.put(day, close.get());
        }
      }
      closes.put(asset, series);
    }
    return closes;
  }

  /** The stored prices in force from {@code from} until just before {@code until}, in the base. */
  private PriceSource prices(Instant from, Instant until) {
    if (!Marks.of(store).pricedIn(base)) {
      return PriceSource.NONE;
    }
    return PriceTable.of(
        store.pricesInForce(from, until).stream().map(StoredBooks::price).toList());
  }

  /** The last instant of {@code day} in the reporting zone, where its close is read. */
  private Instant closeOf(LocalDate day) {
    return day.plusDays(1).atStartOfDay(zone).toInstant().minusNanos(1);
  }
}
