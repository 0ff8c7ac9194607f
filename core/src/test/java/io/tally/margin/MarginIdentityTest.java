package io.tally.margin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.money.Pair;
import io.tally.money.Precision;
import io.tally.testing.Seeds;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The margin identities over seeded random histories ({@link MarginHistory}; docs/ACCOUNTING-
 * DECISIONS.md, margin positions): after every event, equity is the collateral flows, fill cash and
 * carry plus the open positions at their marks, to the last digit; {@code Δequity = Δrealized +
 * Δunrealized − Δfees − Δcarry} for every event that is not a flow; {@code free margin = equity −
 * margin used}; the trades add up to the positions; replay from scratch equals applying in steps;
 * and at each liquidation price the position (isolated) or the account (cross) stands at its
 * maintenance margin. A failure names its seed; {@code -Dtally.seed=N} replays it.
 */
class MarginIdentityTest {

  private static final BigDecimal ZERO = Precision.money(BigDecimal.ZERO);

  private static List<MarginEvent> history(long seed) {
    return MarginHistory.generate(seed, Seeds.events(seed));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("io.tally.testing.Seeds#seeds")
  void equityIsTheCashThatMovedPlusTheOpenPositionsAtTheirMarks(long seed) {
    MarginBook book = new MarginBook(MarginFixtures.paper());
    BigDecimal cash = ZERO;
    Map<Pair, BigDecimal> sizes = new HashMap<>();
    Map<Pair, BigDecimal> marks = new HashMap<>();
    int applied = 0;
    for (MarginEvent event : history(seed)) {
      book.apply(event);
      applied++;
      if (event instanceof MarginFill) {
        MarginFill fill = (MarginFill) event;
        // a buy pays quantity × price, a sell receives it; the fee is paid either way
        BigDecimal value = fill.value();
        cash = cash.add(fill.signedQuantity().signum() > 0 ? value.negate() : value);
        cash = cash.subtract(fill.fee());
        sizes.merge(fill.pair(), fill.signedQuantity(), BigDecimal::add);
        marks.put(fill.pair(), fill.price());
      } else if (event instanceof CarryCharge) {
        cash = cash.subtract(((CarryCharge) event).amount());
      } else if (event instanceof CollateralFlow) {
        cash = cash.add(((CollateralFlow) event).amount());
      } else {
        MarkPrice mark = (MarkPrice) event;
        marks.put(mark.pair(), mark.price());
      }
      BigDecimal expected = cash;
      for (Map.Entry<Pair, BigDecimal> size : sizes.entrySet()) {
        BigDecimal value = Precision.valueOf(size.getValue().abs(), marks.get(size.getKey()));
        expected = expected.add(size.getValue().signum() < 0 ? value.negate() : value);
      }
      MarginAccount account = book.account();
      assertThat(account.summary().equity())
          .as("seed %d, event %d: equity", seed, applied)
          .isEqualByComparingTo(expected);
      // collateral = net deposits + realized − fees − carry
      assertThat(account.collateral())
          .as("seed %d, event %d: collateral", seed, applied)
          .isEqualByComparingTo(
              account
                  .netDeposits()
                  .add(account.realizedPnl())
                  .subtract(account.feesPaid())
                  .subtract(account.fundingPaid()));
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("io.tally.testing.Seeds#seeds")
  void equityMovesByRealizedPlusUnrealizedLessFeesAndCarry(long seed) {
    MarginBook book = new MarginBook(MarginFixtures.paper());
    MarginAccount before = book.account();
    int applied = 0;
    for (MarginEvent event : history(seed)) {
      book.apply(event);
      applied++;
      MarginAccount after = book.account();
      if (!(event instanceof CollateralFlow)) {
        BigDecimal change = after.summary().equity().subtract(before.summary().equity());
        BigDecimal explained =
            after
                .realizedPnl()
                .subtract(before.realizedPnl())
                .add(after.summary().unrealizedPnl().subtract(before.summary().unrealizedPnl()))
                .subtract(after.feesPaid().subtract(before.feesPaid()))
                .subtract(after.fundingPaid().subtract(before.fundingPaid()));
        assertThat(change)
            .as("seed %d, event %d (%s): Δequity", seed, applied, event)
            .isEqualByComparingTo(explained);
      }
      before = after;
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("io.tally.testing.Seeds#seeds")
  void freeMarginIsEquityLessMarginUsed(long seed) {
    MarginBook book = new MarginBook(MarginFixtures.paper());
    int applied = 0;
    for (MarginEvent event : history(seed)) {
      book.apply(event);
      applied++;
      MarginAccount account = book.account();
      MarginSummary summary = account.summary();
      String what = "seed " + seed + ", event " + applied;
      BigDecimal used = ZERO;
      for (MarginPosition position : account.openPositions()) {
        used =
            used.add(
                Precision.moneyQuotient(
                    position.entryValue(), BigDecimal.valueOf(position.leverage())));
      }
      assertThat(summary.marginUsed())
          .as(what + ": Σ notional / leverage")
          .isEqualByComparingTo(used);
      assertThat(summary.freeMargin())
          .as(what + ": free margin")
          .isEqualByComparingTo(summary.equity().subtract(used));
      assertThat(summary.freeMarginAfterReserve())
          .as(what + ": after the reserve")
          .isEqualByComparingTo(summary.freeMargin().subtract(summary.reserve()));
      assertThat(summary.reserve().signum()).as(what + ": reserve").isNotNegative();
      if (used.signum() == 0) {
        assertThat(summary.marginLevel()).as(what).isEmpty();
      } else {
        assertThat(summary.marginLevel())
            .as(what + ": margin level")
            .contains(Precision.percent(summary.equity(), used));
      }
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("io.tally.testing.Seeds#seeds")
  void theTradesAddUpToThePositions(long seed) {
    MarginAccount account = MarginBook.replay(MarginFixtures.paper(), history(seed));
    BigDecimal realized = ZERO;
    BigDecimal fees = ZERO;
    BigDecimal funding = ZERO;
    Map<Pair, BigDecimal> openSize = new HashMap<>();
    for (TradeLifecycle trade : account.trades()) {
      String what = "seed " + seed + ", trade " + trade.id();
      realized = realized.add(trade.realizedPnl());
      fees = fees.add(trade.feesPaid());
      funding = funding.add(trade.fundingPaid());
      if (trade.status() == TradeStatus.CLOSED) {
        BigDecimal gain = trade.closedValue().subtract(trade.openedValue());
        assertThat(trade.realizedPnl())
            .as(what + ": (closed − opened value) × sign")
            .isEqualByComparingTo(gain.multiply(BigDecimal.valueOf(trade.side().sign())));
        assertThat(trade.closedQuantity()).as(what).isEqualByComparingTo(trade.openedQuantity());
        assertThat(trade.closedLine()).as(what).startsWith("TRADE_CLOSED id=" + trade.id() + " ");
      } else {
        assertThat(
                openSize.put(trade.pair(), trade.openedQuantity().subtract(trade.closedQuantity())))
            .as(what + ": one open trade per pair")
            .isNull();
      }
    }
    assertThat(realized)
        .as("seed %d: Σ realized", seed)
        .isEqualByComparingTo(account.realizedPnl());
    assertThat(fees).as("seed %d: Σ fees", seed).isEqualByComparingTo(account.feesPaid());
    assertThat(funding).as("seed %d: Σ carry", seed).isEqualByComparingTo(account.fundingPaid());
    for (MarginPosition position : account.positions().values()) {
      BigDecimal open = openSize.getOrDefault(position.pair(), BigDecimal.ZERO);
      assertThat(open)
          .as("seed %d, %s: the open trade's size", seed, position.pair())
          .isEqualByComparingTo(position.quantity());
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("io.tally.testing.Seeds#seeds")
  void replayingFromScratchEqualsApplyingInSteps(long seed) {
    List<MarginEvent> events = history(seed);
    MarginAccount fromScratch = MarginBook.replay(MarginFixtures.paper(), events);
    SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    MarginBook stepped = new MarginBook(MarginFixtures.paper());
    MarginBook resumed = new MarginBook(MarginFixtures.paper());
    int applied = 0;
    while (applied < events.size()) {
      int end = Math.min(events.size(), applied + 1 + random.nextInt(1 + events.size() / 4));
      events.subList(applied, end).forEach(stepped::apply);
      events.subList(applied, end).forEach(resumed::apply);
      applied = end;
      resumed = MarginBook.resume(resumed.account());
    }
    assertThat(stepped.account()).as("seed %d, in steps", seed).isEqualTo(fromScratch);
    assertThat(resumed.account()).as("seed %d, resumed", seed).isEqualTo(fromScratch);
    assertThat(resumed.account().summary()).as("seed %d", seed).isEqualTo(fromScratch.summary());
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("io.tally.testing.Seeds#seeds")
  void atALiquidationPriceThePositionOrTheAccountIsAtItsMaintenance(long seed) {
    List<MarginEvent> events = history(seed);
    MarginBook book = new MarginBook(MarginFixtures.paper());
    List<MarginAccount> samples = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      book.apply(events.get(i));
      if (i % 10 == 9 || i == events.size() - 1) {
        samples.add(book.account());
      }
    }
    int checked = 0;
    for (MarginAccount sample : samples) {
      for (MarginMode mode : MarginMode.values()) {
        MarginAccount account = sample.withMode(mode);
        for (PositionMargin position : account.summary().positions()) {
          if (position.liquidationPrice().isEmpty()) {
            continue;
          }
          BigDecimal price = position.liquidationPrice().get();
          MarginSummary there = account.summary(Map.of(position.pair(), price));
          PositionMargin moved =
              there.positions().stream()
                  .filter(p -> p.pair().equals(position.pair()))
                  .findFirst()
                  .orElseThrow();
          BigDecimal gap =
              mode == MarginMode.CROSS
                  ? there.equity().subtract(there.maintenanceMargin())
                  : moved
                      .initialMargin()
                      .add(moved.unrealizedPnl())
                      .subtract(moved.maintenanceMargin());
          // the price is rounded to 12 decimals (|size| × 0.5e-12) and the value to 8 (0.5e-8)
          BigDecimal tolerance =
              new BigDecimal("1E-8").add(position.size().abs().multiply(new BigDecimal("1E-12")));
          assertThat(gap.abs())
              .as("seed %d, %s, %s at %s: equity − maintenance", seed, mode, position.pair(), price)
              .isLessThanOrEqualTo(tolerance);
          checked++;
        }
      }
    }
    assertThat(checked).as("seed %d: some liquidation prices", seed).isPositive();
  }
}
