package io.tally.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

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
}
