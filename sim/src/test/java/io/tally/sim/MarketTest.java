package io.tally.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MarketTest {

  private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

  private static Market market(long seed) {
    Market market = new Market(Listing.kraken(), seed, START);
    market.extendTo(START.plus(Duration.ofDays(2)));
    return market;
  }

  @Test
  void pricesAreSeededAndStayOnThePairsGrid() {
    Market one = market(1);
    Market again = market(1);
    Instant at = START.plus(Duration.ofHours(30));
    for (ListedPair pair : Listing.kraken().pairs()) {
      BigDecimal price = one.price(pair.key(), at);
      assertThat(price).isEqualByComparingTo(again.price(pair.key(), at));
      assertThat(price.scale()).isEqualTo(pair.pairDecimals());
      assertThat(price.signum()).isPositive();
    }
  }

  @Test
  void crossPairsFollowTheirLegs() {
    Market market = market(9);
    for (int hour = 0; hour < 48; hour += 7) {
      Instant at = START.plus(Duration.ofHours(hour));
      BigDecimal implied =
          market
              .price("XETHZUSD", at)
              .divide(market.price("XXBTZUSD", at), 5, RoundingMode.HALF_EVEN);
      // Each leg is rounded to its own grid, so the cross may differ by a few ticks.
      assertThat(market.price("XETHXXBT", at).subtract(implied).abs())
          .isLessThanOrEqualTo(new BigDecimal("0.00002"));
      assertThat(market.price("USDTZUSD", at))
          .isBetween(new BigDecimal("0.99"), new BigDecimal("1.01"));
    }
  }

  @Test
  void candlesSummariseTheirMinutes() {
    Market market = market(4);
    Instant now = START.plus(Duration.ofHours(5)).plusSeconds(90);
    List<Candle> hours = market.candles("DOTUSD", 60, now);
    assertThat(hours).hasSize(6);
    Candle second = hours.get(1);
    assertThat(second.time()).isEqualTo(START.plus(Duration.ofHours(1)));
    assertThat(second.open())
        .isEqualByComparingTo(market.price("DOTUSD", second.time().minusSeconds(1)));
    assertThat(second.close())
        .isEqualByComparingTo(market.price("DOTUSD", second.time().plusSeconds(3599)));
    for (int minute = 0; minute < 60; minute++) {
      BigDecimal price = market.price("DOTUSD", second.time().plus(Duration.ofMinutes(minute)));
      assertThat(price).isBetween(second.low(), second.high());
    }
    assertThat(second.vwap()).isBetween(second.low(), second.high());
    assertThat(second.count()).isBetween(60 * 5, 60 * 80);
    assertThat(hours.get(5).close()).isEqualByComparingTo(market.price("DOTUSD", now));
  }

  /**
   * Property: over random moments (seeded; the seed is in every message), trades and walk agree.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34})
  void theLastTradeAtOrBeforeAnyMomentHasTheMarketsPriceThen(long seed) {
    Market market = market(seed);
    List<ListedPair> pairs = Listing.kraken().pairs();
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < 300; i++) {
      ListedPair pair = pairs.get(random.nextInt(pairs.size()));
      Instant minute = START.plus(Duration.ofMinutes(random.nextLong(2 * 24 * 60)));
      // anywhere in a minute, and the edges: its first and its last nanosecond
      Instant t =
          switch (i % 3) {
            case 0 -> minute;
            case 1 -> minute.plusSeconds(60).minusNanos(1);
            default -> minute.plusNanos(random.nextLong(60_000_000_000L));
          };
      List<MarketTrade> trades = market.trades(pair.key(), t.minus(Duration.ofMinutes(2)), t, 1000);

      assertThat(trades).as("seed %d: trades of %s before %s", seed, pair.key(), t).isNotEmpty();
      MarketTrade last = trades.get(trades.size() - 1);
      assertThat(last.time()).as("seed %d", seed).isBeforeOrEqualTo(t);
      assertThat(last.price())
          .as("seed %d: %s at %s", seed, pair.key(), t)
          .isEqualByComparingTo(market.price(pair.key(), t));
    }
  }

  @Test
  void tradesAddUpToTheirCandles() {
    Market market = market(6);
    Instant now = START.plus(Duration.ofHours(3));
    Candle hour = market.candles("XXBTZUSD", 60, now).get(1);

    List<MarketTrade> trades =
        market.trades(
            "XXBTZUSD",
            hour.time().minusNanos(1),
            hour.time().plusSeconds(3600).minusNanos(1),
            5000);

    assertThat(trades).hasSize((int) hour.count());
    assertThat(trades.get(0).time()).isEqualTo(hour.time());
    assertThat(trades.stream().map(MarketTrade::volume).reduce(BigDecimal.ZERO, BigDecimal::add))
        .isEqualByComparingTo(hour.volume());
    assertThat(trades.get(trades.size() - 1).price()).isEqualByComparingTo(hour.close());
    for (int i = 1; i < trades.size(); i++) {
      assertThat(trades.get(i).time()).isAfter(trades.get(i - 1).time());
      assertThat(trades.get(i).id()).isGreaterThan(trades.get(i - 1).id());
      assertThat(trades.get(i).price()).isBetween(hour.low(), hour.high());
    }
  }

  @Test
  void theLatestTradesEndAtTheClockAndNoneComeBeforeTheMarketStarts() {
    Market market = market(7);
    Instant now = START.plus(Duration.ofHours(7)).plusMillis(12_345);

    List<MarketTrade> latest = market.latestTrades("XETHZUSD", now, 1000);

    assertThat(latest).hasSize(1000);
    assertThat(latest.get(999).time()).isBeforeOrEqualTo(now);
    assertThat(market.trades("XETHZUSD", latest.get(999).time(), now, 10)).isEmpty();
    assertThat(market.trades("XETHZUSD", START.minus(Duration.ofDays(3)), START, 10))
        .singleElement()
        .satisfies(first -> assertThat(first.time()).isEqualTo(START));
  }
}
