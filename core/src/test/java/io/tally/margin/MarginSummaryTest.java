package io.tally.margin;

import static io.tally.margin.MarginFixtures.ETHUSD;
import static io.tally.margin.MarginFixtures.XBTUSD;
import static io.tally.margin.MarginFixtures.buy;
import static io.tally.margin.MarginFixtures.d;
import static io.tally.margin.MarginFixtures.deposit;
import static io.tally.margin.MarginFixtures.paper;
import static io.tally.margin.MarginFixtures.sell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tally.ledger.EventId;
import io.tally.ledger.Side;
import io.tally.money.Asset;
import io.tally.money.Pair;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MarginSummaryTest {

  /** 5,000 USD; long 1 XBT at 10,000 at 5× (initial margin 2,000, maintenance 1,000). */
  private static MarginAccount oneLong(MarginTerms terms) {
    return MarginBook.replay(
        terms, List.of(deposit("D1", 0, "5000"), buy("T1", 1, XBTUSD, "1", "10000", "0", 5)));
  }

  /** {@link #oneLong} plus short 10 ETH at 300 at 3× (initial margin 1,000, maintenance 500). */
  private static MarginAccount longAndShort(MarginTerms terms) {
    return MarginBook.replay(
        terms,
        List.of(
            deposit("D1", 0, "5000"),
            buy("T1", 1, XBTUSD, "1", "10000", "0", 5),
            sell("T2", 2, ETHUSD, "10", "300", "0", 3)));
  }

  @Test
  void theFiguresFollowTheirDefinitions() {
    MarginSummary summary = oneLong(paper()).summary(Map.of(XBTUSD, d("9000")));
    // equity 5,000 + (9,000 − 10,000) = 4,000; used 10,000 / 5 = 2,000
    assertThat(summary.equity()).isEqualByComparingTo("4000");
    assertThat(summary.marginUsed()).isEqualByComparingTo("2000");
    assertThat(summary.maintenanceMargin()).isEqualByComparingTo("1000");
    // free 4,000 − 2,000 = 2,000; reserve 10 % of 4,000 = 400; after it 1,600
    assertThat(summary.freeMargin()).isEqualByComparingTo("2000");
    assertThat(summary.reserve()).isEqualByComparingTo("400");
    assertThat(summary.freeMarginAfterReserve()).isEqualByComparingTo("1600");
    // 4,000 / 2,000 × 100 = 200 %
    assertThat(summary.marginLevel()).contains(new BigDecimal("200.0000"));
    PositionMargin position = summary.positions().get(0);
    assertThat(position.notional()).isEqualByComparingTo("10000");
    assertThat(position.marketValue()).isEqualByComparingTo("9000");
    assertThat(position.borrowed()).isEqualByComparingTo("8000");
  }

  @Test
  void withoutPositionsThereIsNoMarginLevelAndNoReserveOnNegativeEquity() {
    MarginSummary summary = MarginBook.replay(paper(), List.of(deposit("D1", 0, "100"))).summary();
    assertThat(summary.marginUsed()).isEqualByComparingTo("0");
    assertThat(summary.marginLevel()).isEmpty();
    assertThat(summary.freeMargin()).isEqualByComparingTo("100");
    assertThat(summary.freeMarginAfterReserve()).isEqualByComparingTo("90");
    MarginSummary underwater = new MarginSummary(MarginMode.CROSS, d("-5"), d("0.1"), List.of());
    assertThat(underwater.reserve()).isEqualByComparingTo("0");
  }

  @Nested
  class LiquidationPrices {

    @Test
    void anIsolatedLongIsLiquidatedWhenItsOwnMarginFallsToMaintenance() {
      PositionMargin position =
          oneLong(paper().withMode(MarginMode.ISOLATED)).summary().positions().get(0);
      // 2,000 + (P − 10,000) = 1,000 → P = 9,000
      assertThat(position.liquidationPrice()).contains(d("9000"));
    }

    @Test
    void aCrossLongIsLiquidatedWhenTheAccountFallsToMaintenance() {
      PositionMargin position = oneLong(paper()).summary().positions().get(0);
      // 5,000 + (P − 10,000) = 1,000 → P = 6,000
      assertThat(position.liquidationPrice()).contains(d("6000"));
    }

    @Test
    void crossPricesHoldTheOtherPositionsAtTheirMarks() {
      MarginSummary summary = longAndShort(paper()).summary(Map.of(ETHUSD, d("320")));
      // ETH short marked at 320: −(3,200 − 3,000) = −200; Σ maintenance 1,000 + 500 = 1,500
      PositionMargin eth = summary.positions().get(0);
      PositionMargin xbt = summary.positions().get(1);
      assertThat(eth.pair()).isEqualTo(ETHUSD);
      // XBT: 5,000 − 200 + (P − 10,000) = 1,500 → P = 6,700
      assertThat(xbt.liquidationPrice()).contains(d("6700"));
      // ETH: 5,000 + 0 (XBT at its mark, 10,000) − (10 P − 3,000) = 1,500 → 10 P = 6,500 → P = 650
      assertThat(eth.liquidationPrice()).contains(d("650"));
      // the account at those prices is at its maintenance margin
      assertThat(longAndShort(paper()).summary(Map.of(ETHUSD, d("650"))).equity())
          .isEqualByComparingTo("1500");
    }

    @Test
    void isolatedPricesIgnoreTheOtherPositionsAndUseThePairsMaintenance() {
      MarginTerms terms =
          paper().withMode(MarginMode.ISOLATED).withMaintenance(ETHUSD, new BigDecimal("0.8"));
      MarginSummary summary = longAndShort(terms).summary(Map.of(ETHUSD, d("320")));
      PositionMargin eth = summary.positions().get(0);
      // maintenance 0.8 × 1,000 = 800; short: 1,000 − (10 P − 3,000) = 800 → P = 320
      assertThat(eth.maintenanceMargin()).isEqualByComparingTo("800");
      assertThat(eth.liquidationPrice()).contains(d("320"));
      assertThat(summary.positions().get(1).liquidationPrice()).contains(d("9000"));
    }

    @Test
    void aFullyCoveredCrossLongHasNoLiquidationPrice() {
      MarginAccount account =
          MarginBook.replay(
              paper(),
              List.of(deposit("D1", 0, "20000"), buy("T1", 1, XBTUSD, "1", "10000", "0", 1)));
      // 20,000 + (P − 10,000) = 5,000 → P = −5,000: no positive price liquidates it
      assertThat(account.summary().positions().get(0).liquidationPrice()).isEmpty();
      // isolated, it stands on its own 10,000: 10,000 + (P − 10,000) = 5,000 → P = 5,000
      assertThat(
              account.withMode(MarginMode.ISOLATED).summary().positions().get(0).liquidationPrice())
          .contains(d("5000"));
    }
  }

  @Nested
  class Ticks {

    @Test
    void aTickRevaluesThePositionTheTotalsAndEveryCrossLiquidationPrice() {
      MarginSummary before = longAndShort(paper()).summary();
      MarginSummary after = before.withMark(ETHUSD, d("320"));
      // ETH short at 320: −(3,200 − 3,000) = −200; equity 5,000 − 200 = 4,800
      assertThat(after.equity()).isEqualByComparingTo("4800");
      assertThat(after.positions().get(0).unrealizedPnl()).isEqualByComparingTo("-200");
      // XBT: 5,000 − 200 + (P − 10,000) = 1,500 → P = 6,700 (it was 6,500 with ETH at 300)
      assertThat(before.positions().get(1).liquidationPrice()).contains(d("6500"));
      assertThat(after.positions().get(1).liquidationPrice()).contains(d("6700"));
      assertThat(after).isEqualTo(longAndShort(paper()).summary(Map.of(ETHUSD, d("320"))));
    }

    @Test
    void aTickOnAPairWithoutAPositionChangesNothingButABadPriceIsRefused() {
      MarginSummary summary = oneLong(paper()).summary();
      assertThat(summary.withMark(ETHUSD, d("320"))).isSameAs(summary);
      assertThatThrownBy(() -> summary.withMark(XBTUSD, d("0")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("price of XBTUSD must be positive, got 0");
    }

    @Test
    void theTotalsOfAHandMadeSummaryAreItsSumsAfterATick() {
      // unrealized given with 10 decimals: the sum after the tick no longer has them
      PositionMargin handMade =
          new PositionMargin(
              XBTUSD,
              PositionSide.LONG,
              d("1"),
              5,
              d("10000"),
              d("9000"),
              d("10000"),
              d("9000"),
              d("-1000.0000000000"),
              d("2000"),
              d("1000"),
              java.util.Optional.empty());
      MarginSummary summary =
          new MarginSummary(MarginMode.ISOLATED, d("5000"), d("0.1"), List.of(handMade));
      MarginSummary after = summary.withMark(XBTUSD, d("9500"));
      assertThat(after.unrealizedPnl()).isEqualTo(d("-500.00000000"));
      assertThat(after.unrealizedPnl()).isEqualTo(resummed(after).unrealizedPnl());
    }

    /**
     * The fast revaluation equals the full one: over random accounts (1 to 40 pairs, long and
     * short, 1× to 125×, adding, reducing and flipping fills, some pairs with their own maintenance
     * ratio, cross and isolated) and 60 random ticks each, a chain of {@link
     * MarginSummary#withMark} from the account's summary is, after every tick, exactly the
     * account's summary at the marks so far: every position's figures and liquidation price, every
     * total, to the last digit and scale.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("io.tally.testing.Seeds#seeds")
    void aChainOfTicksEqualsTheFullRevaluation(long seed) {
      SplittableRandom random = new SplittableRandom(seed);
      MarginAccount account = randomAccount(random);
      List<Pair> pairs = new ArrayList<>(account.positions().keySet());
      pairs.sort(null);
      pairs.add(new Pair(Asset.of("NONE"), Asset.USD));
      Map<Pair, BigDecimal> marks = new HashMap<>();
      MarginSummary fast = account.summary();
      for (int tick = 0; tick < 60; tick++) {
        Pair pair = pairs.get(random.nextInt(pairs.size()));
        BigDecimal current = account.marks().getOrDefault(pair, d("100"));
        BigDecimal price =
            tick % 7 == 6
                ? current
                : current
                    .multiply(BigDecimal.valueOf(50 + random.nextInt(101), 2))
                    .setScale(random.nextInt(7), java.math.RoundingMode.HALF_EVEN)
                    .max(new BigDecimal("0.000001"));
        fast = fast.withMark(pair, price);
        if (account.positions().containsKey(pair) && !account.position(pair).isFlat()) {
          marks.put(pair, price);
        }
        MarginSummary full = account.summary(marks);
        String what = "seed " + seed + ", tick " + tick + ": " + pair + " at " + price;
        assertThat(fast).as(what).isEqualTo(full);
        assertSameTotals(what, fast, full);
        assertSameTotals(what, fast, resummed(fast));
      }
    }

    private void assertSameTotals(String what, MarginSummary fast, MarginSummary full) {
      assertThat(fast.unrealizedPnl()).as(what).isEqualTo(full.unrealizedPnl());
      assertThat(fast.equity()).as(what).isEqualTo(full.equity());
      assertThat(fast.marginUsed()).as(what).isEqualTo(full.marginUsed());
      assertThat(fast.maintenanceMargin()).as(what).isEqualTo(full.maintenanceMargin());
      assertThat(fast.freeMargin()).as(what).isEqualTo(full.freeMargin());
      assertThat(fast.reserve()).as(what).isEqualTo(full.reserve());
      assertThat(fast.freeMarginAfterReserve()).as(what).isEqualTo(full.freeMarginAfterReserve());
      assertThat(fast.marginLevel()).as(what).isEqualTo(full.marginLevel());
    }

    /** The same positions summed from scratch by the public constructor. */
    private MarginSummary resummed(MarginSummary summary) {
      return new MarginSummary(
          summary.mode(), summary.collateral(), summary.reserveRatio(), summary.positions());
    }

    private MarginAccount randomAccount(SplittableRandom random) {
      MarginTerms terms = paper();
      if (random.nextBoolean()) {
        terms = terms.withMode(MarginMode.ISOLATED);
      }
      int count = 1 + random.nextInt(40);
      List<Pair> pairs = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        Pair pair = new Pair(Asset.of("C" + i), Asset.USD);
        pairs.add(pair);
        if (random.nextInt(4) == 0) {
          terms = terms.withMaintenance(pair, BigDecimal.valueOf(1 + random.nextInt(100), 2));
        }
      }
      MarginBook book = new MarginBook(terms);
      java.time.Instant at = MarginFixtures.START;
      book.apply(
          CollateralFlow.deposit(
              EventId.of("D0"), at, BigDecimal.valueOf(1 + random.nextLong(100_000_000_000L), 2)));
      int fills = count + random.nextInt(3 * count);
      for (int i = 0; i < fills; i++) {
        int which = i < count ? i : random.nextInt(count);
        Pair pair = pairs.get(which);
        at = at.plusSeconds(1);
        BigDecimal price =
            BigDecimal.valueOf(1 + random.nextLong(10_000_000_000L), random.nextInt(9));
        BigDecimal quantity =
            BigDecimal.valueOf(1 + random.nextLong(100_000_000L), random.nextInt(11));
        BigDecimal fee = BigDecimal.valueOf(random.nextInt(10_000), 2);
        int leverage = 1 + (which * 37) % 125;
        book.apply(
            new MarginFill(
                EventId.of("T" + i),
                at,
                pair,
                random.nextBoolean() ? Side.BUY : Side.SELL,
                quantity,
                price,
                fee,
                leverage));
        if (random.nextInt(5) == 0) {
          book.apply(
              new MarkPrice(
                  EventId.of("M" + i),
                  at,
                  pair,
                  price.multiply(BigDecimal.valueOf(90 + random.nextInt(21), 2))));
        }
      }
      return book.account();
    }
  }

  @Nested
  class Withdrawals {

    @Test
    void aWithdrawalThatKeepsTheLevelAtTheMinimumIsAllowed() {
      MarginSummary summary = oneLong(paper()).summary();
      // equity 5,000, used 2,000: level 250 %; after 1,000: 4,000 / 2,000 = 200 %
      WithdrawalDecision decision = summary.checkWithdrawal(d("1000"));
      assertThat(decision.allowed()).isTrue();
      assertThat(decision.marginLevelAfter()).contains(new BigDecimal("200.0000"));
      assertThat(decision.reason())
          .isEqualTo(
              "margin level after the withdrawal 200.0000 % stays at or above the minimum 200 %");
    }

    @Test
    void aWithdrawalThatWouldRaiseAMarginCallIsRefused() {
      MarginSummary summary = oneLong(paper()).summary();
      // 3,999.99 / 2,000 × 100 = 199.9995 %
      WithdrawalDecision decision = summary.checkWithdrawal(d("1000.01"));
      assertThat(decision.allowed()).isFalse();
      assertThat(decision.marginLevelAfter()).contains(new BigDecimal("199.9995"));
      assertThat(decision.reason())
          .isEqualTo(
              "margin level after the withdrawal 199.9995 % would be below the minimum 200 %");
      assertThat(summary.checkWithdrawal(d("1000.01"), d("150")).allowed()).isTrue();
    }

    @Test
    void moreThanTheCollateralIsNeverWithdrawn() {
      MarginSummary summary = oneLong(paper()).summary(Map.of(XBTUSD, d("30000")));
      // equity 25,000 would allow it by level, but unrealized gains are not cash
      WithdrawalDecision decision = summary.checkWithdrawal(d("6000"));
      assertThat(decision.allowed()).isFalse();
      assertThat(decision.reason())
          .isEqualTo("withdrawal 6000 exceeds the collateral 5000.00000000");
    }

    @Test
    void withoutMarginInUseOnlyTheCollateralLimitsIt() {
      MarginSummary summary =
          MarginBook.replay(paper(), List.of(deposit("D1", 0, "100"))).summary();
      WithdrawalDecision decision = summary.checkWithdrawal(d("100"));
      assertThat(decision.allowed()).isTrue();
      assertThat(decision.marginLevelAfter()).isEmpty();
      assertThat(decision.reason()).isEqualTo("no margin in use");
      assertThatThrownBy(() -> summary.checkWithdrawal(d("0")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("amount must be positive, got 0");
    }
  }
}
