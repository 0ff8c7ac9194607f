package io.tally.sim;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The simulated market: one price per pair per minute, from seeded random walks of five factors
 * (BTC, ETH and DOT in USD, EUR in USD, USDT in USD). Cross pairs are derived from the factors, so
 * {@code ETHXBT ≈ ETHUSD / XBTUSD} and {@code XBTEUR ≈ XBTUSD / EURUSD} at every minute. Minute
 * {@code i} covers {@code [origin + i min, origin + (i + 1) min)} and its price is that minute's
 * close; the minute before gives its open. Volumes and trade counts per minute are derived from the
 * seed, so nothing but the closes is stored (as integer ticks at each pair's price decimals). The
 * public trades of a minute ({@link #trades}) are derived the same way: that many trades sharing
 * the minute's volume, all at its close, the first at the minute's start.
 *
 * <p>Example: {@code market.price("XXBTZUSD", Instant.parse("2026-11-01T12:00:30Z"))} is {@code
 * 61234.5}. Thread-safe: every method is synchronized.
 */
public final class Market {

  /** Kraken keeps at most this many candles per OHLC response. */
  public static final int MAX_CANDLES = 720;

  private static final Duration MINUTE = Duration.ofMinutes(1);

  /** The first public trade id of every pair (ids then grow by 100 a minute). */
  private static final long TRADE_ID_BASE = 10_000_000L;

  private final Listing listing;
  private final long seed;
  private final Instant origin;
  private final Map<String, long[]> ticks = new HashMap<>();
  private final PriceWalk btc;
  private final PriceWalk eth;
  private final PriceWalk dot;
  private final PriceWalk eurUsd;
  private final PriceWalk usdt;
  private int size;

  /** A market whose first minute starts at {@code start} truncated to the minute. */
  Market(Listing listing, long seed, Instant start) {
    this.listing = requireNonNull(listing, "listing");
    this.seed = seed;
    this.origin = requireNonNull(start, "start").truncatedTo(ChronoUnit.MINUTES);
    SplittableRandom random = new SplittableRandom(seed ^ 0x6d61726b6574L);
    this.btc = new PriceWalk(random.split(), around(random, 60_000), 790, 0);
    this.eth = new PriceWalk(random.split(), around(random, 3_000), 1_050, 0);
    this.dot = new PriceWalk(random.split(), around(random, 7), 1_300, 0);
    long eur = (108 + random.nextInt(-3, 4)) * 1_000_000L;
    this.eurUsd = new PriceWalk(random.split(), eur, 130, eur);
    this.usdt = new PriceWalk(random.split(), 100_000_000L, 40, 100_000_000L);
    for (ListedPair pair : listing.pairs()) {
      ticks.put(pair.key(), new long[1024]);
    }
    append();
  }

  /** The start of the first minute. */
  public Instant origin() {
    return origin;
  }

  /** The start of the newest minute that has a price. */
  public synchronized Instant newestMinute() {
    return origin.plus(MINUTE.multipliedBy(size - 1L));
  }

  /**
   * The price of {@code pair} (a key such as {@code XXBTZUSD}) at {@code at}: the close of the
   * minute that contains it, or of the first or newest minute outside the simulated range.
   */
  public synchronized BigDecimal price(String pair, Instant at) {
    ListedPair listed = listing.pair(pair);
    return BigDecimal.valueOf(series(pair)[clamp(minuteIndex(at))], listed.pairDecimals());
  }

  /**
   * The OHLC candles of {@code pair} at {@code intervalMinutes}, aligned to multiples of the
   * interval since the epoch, from the first simulated minute up to the one containing {@code now};
   * the last candle is the current, unfinished one. At most {@value #MAX_CANDLES}, newest kept.
   */
  public synchronized List<Candle> candles(String pair, int intervalMinutes, Instant now) {
    if (intervalMinutes <= 0) {
      throw new IllegalArgumentException("Interval must be positive: " + intervalMinutes);
    }
    long interval = intervalMinutes * 60L;
    long lastMinute = clamp(minuteIndex(now));
    long firstBucket = Math.floorDiv(origin.getEpochSecond(), interval) * interval;
    long lastBucket = Math.floorDiv(origin.getEpochSecond() + lastMinute * 60, interval) * interval;
    long from = Math.max(firstBucket, lastBucket - (MAX_CANDLES - 1) * interval);
    List<Candle> candles = new ArrayList<>();
    for (long bucket = from; bucket <= lastBucket; bucket += interval) {
      Instant start = Instant.ofEpochSecond(bucket);
      Instant end = Instant.ofEpochSecond(bucket + interval - 60);
      candles.add(summary(pair, start, end.isAfter(now) ? now : end, start));
    }
    return candles;
  }

  /**
   * One candle summarising the minutes from the one containing {@code from} to the one containing
   * {@code to} (both clamped to the simulated range), stamped {@code time}.
   */
  public synchronized Candle summary(String pair, Instant from, Instant to, Instant time) {
    ListedPair listed = listing.pair(pair);
    long[] series = series(pair);
    int first = clamp(minuteIndex(from));
    int last = Math.max(first, clamp(minuteIndex(to)));
    int scale = listed.pairDecimals();
    long open = series[Math.max(0, first - 1)];
    long high = open;
    long low = open;
    BigDecimal turnover = BigDecimal.ZERO;
    long volume = 0;
    int count = 0;
    for (int i = first; i <= last; i++) {
      long close = series[i];
      high = Math.max(high, close);
      low = Math.min(low, close);
      long minuteVolume = minuteVolume(listed, i);
      volume += minuteVolume;
      count += minuteCount(listed, i);
      turnover = turnover.add(BigDecimal.valueOf(close).multiply(BigDecimal.valueOf(minuteVolume)));
    }
    BigDecimal vwap =
        volume == 0
            ? BigDecimal.valueOf(series[last], scale)
            : turnover
                .divide(BigDecimal.valueOf(volume), 0, RoundingMode.HALF_EVEN)
                .movePointLeft(scale);
    return new Candle(
        time,
        BigDecimal.valueOf(open, scale),
        BigDecimal.valueOf(high, scale),
        BigDecimal.valueOf(low, scale),
        BigDecimal.valueOf(series[last], scale),
        vwap,
        BigDecimal.valueOf(volume, listed.lotDecimals()),
        count);
  }

  /**
   * The public trades of {@code pair} after {@code after} (exclusive) and at or before {@code
   * until}, oldest first, at most {@code limit} of them (the oldest ones). Minute {@code i} has
   * {@code count} trades (as its candle says) at its close: the first at the minute's start, the
   * others spread over it in whole microseconds; they share the minute's volume, the last taking
   * the remainder. So the last trade at or before {@code t} is priced {@link #price price(pair,
   * t)}, and OHLC candles, the Ticker and the trades tell one story.
   */
  public synchronized List<MarketTrade> trades(
      String pair, Instant after, Instant until, int limit) {
    ListedPair listed = listing.pair(pair);
    long[] series = series(pair);
    List<MarketTrade> trades = new ArrayList<>();
    long first = Math.max(0, minuteIndex(after));
    long last = Math.min(size - 1L, minuteIndex(until));
    for (long minute = first; minute <= last && trades.size() < limit; minute++) {
      int count = minuteCount(listed, minute);
      long volume = minuteVolume(listed, minute);
      long share = volume / count;
      long slot = MINUTE.toNanos() / 1_000 / count;
      Instant start = minuteStart(minute);
      BigDecimal price = BigDecimal.valueOf(series[(int) minute], listed.pairDecimals());
      for (int k = 0; k < count && trades.size() < limit; k++) {
        long hash = mix(seed ^ 0x7472616465L, listing.indexOf(listed), minute * 128 + k);
        long micros = k == 0 ? 0 : k * slot + Math.floorMod(hash, slot);
        Instant time = start.plusNanos(micros * 1_000);
        if (!time.isAfter(after)) {
          continue;
        }
        if (time.isAfter(until)) {
          break;
        }
        long units = k == count - 1 ? volume - share * (count - 1) : share;
        trades.add(
            new MarketTrade(
                pair,
                time,
                price,
                BigDecimal.valueOf(units, listed.lotDecimals()),
                (hash & 1) == 0 ? Side.BUY : Side.SELL,
                (hash & 2) == 0,
                TRADE_ID_BASE + minute * 100 + k));
      }
    }
    return trades;
  }

  /**
   * The {@code limit} newest public trades of {@code pair} at or before {@code until}, oldest first
   * (what {@code Trades} answers without {@code since}).
   */
  public synchronized List<MarketTrade> latestTrades(String pair, Instant until, int limit) {
    ListedPair listed = listing.pair(pair);
    long minute = Math.min(size - 1L, minuteIndex(until));
    long counted = 0;
    while (minute > 0 && counted < limit) {
      counted += minuteCount(listed, minute);
      minute--;
    }
    List<MarketTrade> trades =
        trades(pair, minuteStart(minute).minusNanos(1), until, Integer.MAX_VALUE);
    return trades.subList(Math.max(0, trades.size() - limit), trades.size());
  }

  /** Extends every price path so that the minute containing {@code at} has a price. */
  synchronized void extendTo(Instant at) {
    long target = minuteIndex(at);
    while (size <= target) {
      btc.step();
      eth.step();
      dot.step();
      eurUsd.step();
      usdt.step();
      append();
    }
  }

  /** The index of the minute containing {@code at}; negative before the origin. */
  long minuteIndex(Instant at) {
    return Math.floorDiv(Duration.between(origin, at).toSeconds(), 60);
  }

  /** The start of minute {@code index}. */
  Instant minuteStart(long index) {
    return origin.plus(MINUTE.multipliedBy(index));
  }

  private int clamp(long index) {
    return (int) Math.max(0, Math.min(size - 1L, index));
  }

  private long[] series(String pair) {
    long[] series = ticks.get(pair);
    if (series == null) {
      throw new IllegalArgumentException("Unknown pair key: '" + pair + "'");
    }
    return series;
  }

  private void append() {
    for (ListedPair pair : listing.pairs()) {
      long[] series = ticks.get(pair.key());
      if (size == series.length) {
        series = Arrays.copyOf(series, series.length * 2);
        ticks.put(pair.key(), series);
      }
      series[size] = factorPrice(pair).unscaledValue().longValueExact();
    }
    size++;
  }

  private BigDecimal factorPrice(ListedPair pair) {
    int scale = pair.pairDecimals();
    return switch (pair.key()) {
      case "XXBTZUSD" -> factor(btc).setScale(scale, RoundingMode.HALF_EVEN);
      case "XETHZUSD" -> factor(eth).setScale(scale, RoundingMode.HALF_EVEN);
      case "XETHXXBT" -> factor(eth).divide(factor(btc), scale, RoundingMode.HALF_EVEN);
      case "DOTUSD" -> factor(dot).setScale(scale, RoundingMode.HALF_EVEN);
      case "XXBTZEUR" -> factor(btc).divide(factor(eurUsd), scale, RoundingMode.HALF_EVEN);
      case "USDTZUSD" -> factor(usdt).setScale(scale, RoundingMode.HALF_EVEN);
      default -> throw new IllegalStateException("No price model for pair " + pair.key());
    };
  }

  private static BigDecimal factor(PriceWalk walk) {
    return BigDecimal.valueOf(walk.value(), PriceWalk.SCALE);
  }

  private static long around(SplittableRandom random, long units) {
    // units × (0.7 … 1.3), in 10⁻⁸ units
    return units * (70 + random.nextInt(61)) * 1_000_000L;
  }

  /** Base volume traded by the whole market in minute {@code index}, in lot units. */
  private long minuteVolume(ListedPair pair, long index) {
    long typical = typicalVolume(pair).movePointRight(pair.lotDecimals()).longValueExact();
    long hash = mix(seed, listing.indexOf(pair), index);
    return typical * (200 + Math.floorMod(hash, 1601)) / 1000;
  }

  /** Public trades in minute {@code index}: 5 to 80. */
  private int minuteCount(ListedPair pair, long index) {
    long hash = mix(seed ^ 0x636f756e74L, listing.indexOf(pair), index);
    return 5 + Math.floorMod(hash, 76);
  }

  private static BigDecimal typicalVolume(ListedPair pair) {
    return switch (pair.key()) {
      case "XXBTZUSD" -> new BigDecimal("2");
      case "XETHZUSD" -> new BigDecimal("30");
      case "XETHXXBT" -> new BigDecimal("5");
      case "DOTUSD" -> new BigDecimal("2000");
      case "XXBTZEUR" -> new BigDecimal("1");
      default -> new BigDecimal("50000");
    };
  }

  /** A well-mixed 64-bit hash of three numbers (SplitMix64's finaliser). */
  private static long mix(long a, long b, long c) {
    long z = a * 0x9E3779B97F4A7C15L + b * 0xBF58476D1CE4E5B9L + c * 0x94D049BB133111EBL;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
