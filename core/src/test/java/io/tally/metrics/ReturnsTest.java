package io.tally.metrics;

import static io.tally.metrics.Days.day;
import static io.tally.metrics.Days.dec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ReturnsTest {

  private static final Instant NOON_D2 = Instant.parse("2025-01-03T12:00:00Z");

  @Nested
  class WorkedExamples {

    @Test
    void aDepositMidPeriodDoesNotChangeTheTwr() {
      // Without the deposit: 1000 → 1100 (+10 %) → 1100 (0 %) → 1210 (+10 %): TWR 1.1 × 1.1 − 1.
      Returns plain =
          Returns.of(
              List.of(
                  DailyValue.of(day(0), dec("1000"), dec("1000"), BigDecimal.ZERO),
                  DailyValue.of(day(1), dec("1100")),
                  DailyValue.of(day(2), dec("1100")),
                  DailyValue.of(day(3), dec("1210"))));
      // With 5000 deposited at noon on day 2, worth 1100 just before: 6100 after, flat to the
      // day's end (6100 / 6100 − 1 = 0), then +10 % to 6710 on day 3.
      Returns exact =
          Returns.of(
              List.of(
                  DailyValue.of(day(0), dec("1000"), dec("1000"), BigDecimal.ZERO),
                  DailyValue.of(day(1), dec("1100")),
                  DailyValue.withFlows(
                      day(2),
                      dec("6100"),
                      List.of(new FlowPoint(NOON_D2, dec("1100"), dec("5000")))),
                  DailyValue.of(day(3), dec("6710"))));
      // The daily fallback agrees: (6100 + 0) / (1100 + 5000) − 1 = 0.
      Returns fallback =
          Returns.of(
              List.of(
                  DailyValue.of(day(0), dec("1000"), dec("1000"), BigDecimal.ZERO),
                  DailyValue.of(day(1), dec("1100")),
                  DailyValue.of(day(2), dec("6100"), dec("5000"), BigDecimal.ZERO),
                  DailyValue.of(day(3), dec("6710"))));

      assertThat(plain.twr()).isEqualByComparingTo("0.21");
      assertThat(exact.twr()).isEqualByComparingTo("0.21");
      assertThat(fallback.twr()).isEqualByComparingTo("0.21");
      // PnL: 6710 − 0 − (1000 + 5000) = 710, the same money as 1210 − 1000 + 500 earned on 5000.
      assertThat(exact.totalPnl()).isEqualByComparingTo("710");
    }

    @Test
    void aDaySplitAtItsFlowsChainsTheSubPeriods() {
      // Day 1 starts at 1000; at noon it is 1200 (+20 %) and 800 is withdrawn (400 left); it ends
      // at 300 (−25 %): 1.2 × 0.75 − 1 = −0.1. The fallback would say (300 + 800) / 1000 − 1 =
      // +0.1.
      List<FlowPoint> flows =
          List.of(new FlowPoint(Instant.parse("2025-01-02T12:00:00Z"), dec("1200"), dec("-800")));
      Returns exact =
          Returns.of(
              List.of(
                  DailyValue.of(day(0), dec("1000"), dec("1000"), BigDecimal.ZERO),
                  DailyValue.withFlows(day(1), dec("300"), flows)));

      assertThat(exact.daily().get(1).value()).isEqualByComparingTo("-0.1");
      assertThat(exact.days().get(1).outflow()).isEqualByComparingTo("800");
    }

    @Test
    void theSeriesStartsAtTheFirstInflow() {
      // Two empty days are dropped; day 2 takes 1000 at its start and ends at 1050: +5 %.
      Returns returns =
          Returns.of(
              List.of(
                  DailyValue.of(day(0), BigDecimal.ZERO),
                  DailyValue.of(day(1), BigDecimal.ZERO),
                  DailyValue.of(day(2), dec("1050"), dec("1000"), BigDecimal.ZERO)));

      assertThat(returns.daily()).extracting(Dated::date).containsExactly(day(2));
      assertThat(returns.twr()).isEqualByComparingTo("0.05");
      assertThat(returns.index())
          .extracting(Dated::date)
          .containsExactly(day(1), day(2)); // the start (1) is dated the day before
    }

    @Test
    void valueWithoutCapitalIsUnmeasuredAndCountsAsZero() {
      // An airdrop worth 50 lands in an empty account: 50 / 0 has no meaning.
      Returns returns = Returns.of(List.of(DailyValue.of(day(0), dec("50"))));

      assertThat(returns.twr()).isEqualByComparingTo("0");
      assertThat(returns.unmeasuredDays()).containsExactly(day(0));
    }

    @Test
    void cagrCountsCalendarDaysWithBothEndsIncluded() {
      // 2025-01-01 … 2025-12-31 is 365 days; TWR 0.21 → 1.21^(365.25/365) − 1 = 0.2101579902.
      String[] returns = Days.repeat("0", 365);
      returns[100] = "0.21";
      Returns year = Returns.of(Days.fromReturns("1000", returns));

      assertThat(year.calendarDays()).isEqualTo(365);
      assertThat(year.cagr().orElseThrow()).isCloseTo(0.2101579902, within(1e-10));
      // Two days, 1 and 2 January, +1 % in all: 1.01^(365.25/2) − 1.
      Returns twoDays = Returns.of(Days.fromReturns("1000", "0", "0.01"));
      assertThat(twoDays.calendarDays()).isEqualTo(2);
      assertThat(twoDays.cagr().orElseThrow())
          .isCloseTo(Math.pow(1.01, 365.25 / 2) - 1, within(1e-9));
    }

    @Test
    void cagrIsAbsentWithoutDaysOrAfterLosingEverything() {
      assertThat(Returns.of(List.of()).cagr().reason()).contains("no days");
      assertThat(Returns.of(Days.fromReturns("1000", "0", "-1")).cagr().reason()).isPresent();
    }

    @Test
    void periodsChainTheirDaysAndCarryLabels() {
      // 30 Jan +10 %, 31 Jan −10 % (January: 1.1 × 0.9 − 1 = −0.01), 1 Feb +5 % (February).
      List<DailyValue> days = new ArrayList<>();
      days.add(DailyValue.of(LocalDate.parse("2025-01-30"), dec("1100"), dec("1000"), dec("0")));
      days.add(DailyValue.of(LocalDate.parse("2025-01-31"), dec("990")));
      days.add(DailyValue.of(LocalDate.parse("2025-02-01"), dec("1039.5")));
      Returns returns = Returns.of(days);

      assertThat(returns.byPeriod(ReportingPeriod.MONTH))
          .extracting(PeriodReturn::label)
          .containsExactly("2025-01", "2025-02");
      assertThat(returns.byPeriod(ReportingPeriod.MONTH).get(0).value())
          .isEqualByComparingTo("-0.01");
      assertThat(returns.best(ReportingPeriod.MONTH).orElseThrow().label()).isEqualTo("2025-02");
      assertThat(returns.worst(ReportingPeriod.MONTH).orElseThrow().label()).isEqualTo("2025-01");
      assertThat(returns.byPeriod(ReportingPeriod.QUARTER)).hasSize(1);
      assertThat(returns.bestDay().orElseThrow().date()).isEqualTo(LocalDate.parse("2025-01-30"));
      assertThat(returns.worstDay().orElseThrow().value()).isEqualByComparingTo("-0.1");
    }

    @Test
    void aWindowStartsFromTheEquityOfTheDayBefore() {
      // 1000 → 1100 → 1210 (deposit 100 at the start of day 2: (1210) / (1100 + 100) − 1).
      Returns returns =
          Returns.of(
              List.of(
                  DailyValue.of(day(0), dec("1000"), dec("1000"), BigDecimal.ZERO),
                  DailyValue.of(day(1), dec("1100")),
                  DailyValue.of(day(2), dec("1212"), dec("100"), BigDecimal.ZERO)));

      Returns window = returns.between(day(2), day(2));

      assertThat(window.startEquity()).isEqualByComparingTo("1100");
      assertThat(window.twr()).isEqualByComparingTo("0.01"); // 1212 / 1200 − 1
      assertThat(window.totalPnl()).isEqualByComparingTo("12"); // 1212 − 1100 − 100
      assertThatThrownBy(() -> returns.between(day(2), day(3)))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMissingDayIsRefused() {
      assertThatThrownBy(
              () ->
                  Returns.of(
                      List.of(
                          DailyValue.of(day(0), dec("1"), dec("1"), BigDecimal.ZERO),
                          DailyValue.of(day(2), dec("1")))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("every calendar day");
    }
  }

  @Nested
  class Properties {

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("io.tally.testing.Seeds#seeds")
    void depositingAndWithdrawingAtOnceChangesNoTwr(long seed) {
      Random random = new Random(seed);
      List<DailyValue> days = Days.randomExact(random, 20 + random.nextInt(100));
      int target = 1 + random.nextInt(days.size() - 1);
      DailyValue day = days.get(target);
      // At the day's start the value is the previous day's end; D goes in and straight out again.
      BigDecimal before = days.get(target - 1).equity();
      BigDecimal amount = Days.money(1 + random.nextDouble() * 50_000);
      Instant start = day.date().atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
      List<FlowPoint> flows = new ArrayList<>();
      flows.add(new FlowPoint(start, before, amount));
      flows.add(new FlowPoint(start, before.add(amount), amount.negate()));
      flows.addAll(day.flows());
      List<DailyValue> changed = new ArrayList<>(days);
      changed.set(target, DailyValue.withFlows(day.date(), day.equity(), flows));

      assertThat(Returns.of(changed).twr())
          .as("seed %d", seed)
          .isEqualByComparingTo(Returns.of(days).twr());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("io.tally.testing.Seeds#seeds")
    void scalingEquityAndFlowsChangesNoReturn(long seed) {
      Random random = new Random(seed);
      List<DailyValue> days =
          random.nextBoolean()
              ? Days.randomExact(random, 20 + random.nextInt(100))
              : Days.randomTotals(random, 20 + random.nextInt(100));
      BigDecimal factor = BigDecimal.valueOf(1 + random.nextInt(100_000), random.nextInt(6));

      Returns original = Returns.of(days);
      Returns scaled = Returns.of(scaled(days, factor));

      assertThat(scaled.twr()).as("seed %d", seed).isEqualByComparingTo(original.twr());
      RiskRatios a = RiskRatios.of(original, RatioSettings.DEFAULT);
      RiskRatios b = RiskRatios.of(scaled, RatioSettings.DEFAULT);
      assertThat(b.sharpe()).as("seed %d", seed).isEqualTo(a.sharpe());
      assertThat(b.volatility()).as("seed %d", seed).isEqualTo(a.volatility());
      assertThat(scaled.totalPnl())
          .isEqualByComparingTo(
              original.totalPnl().multiply(factor).setScale(8, java.math.RoundingMode.HALF_EVEN));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("io.tally.testing.Seeds#seeds")
    void chainedDailyReturnsAreThePeriodTwr(long seed) {
      Random random = new Random(seed);
      List<DailyValue> days = Days.randomExact(random, 20 + random.nextInt(200));
      Returns returns = Returns.of(days);

      // The TWR computed independently: one walk over every sub-period of the whole history.
      BigDecimal growth = BigDecimal.ONE;
      BigDecimal start = BigDecimal.ZERO;
      for (DailyValue day : days) {
        for (FlowPoint flow : day.flows()) {
          if (start.signum() > 0) {
            growth = growth.multiply(flow.valueBefore().divide(start, MathContext.DECIMAL128));
          }
          start = flow.valueAfter();
        }
        growth = growth.multiply(day.equity().divide(start, MathContext.DECIMAL128));
        start = day.equity();
      }
      assertThat(returns.twr())
          .as("seed %d", seed)
          .isCloseTo(growth.subtract(BigDecimal.ONE), within(new BigDecimal("1e-25")));

      // Splitting the period anywhere and chaining the parts gives the whole.
      LocalDate split = day(random.nextInt(days.size() - 1));
      LocalDate last = days.get(days.size() - 1).date();
      BigDecimal chained =
          BigDecimal.ONE
              .add(returns.twr(day(0), split))
              .multiply(BigDecimal.ONE.add(returns.twr(split.plusDays(1), last)))
              .subtract(BigDecimal.ONE);
      assertThat(chained)
          .as("seed %d", seed)
          .isCloseTo(returns.twr(), within(new BigDecimal("1e-25")));

      // And so does chaining the months; the PnL of the parts adds up to the whole's.
      BigDecimal months = BigDecimal.ONE;
      for (PeriodReturn month : returns.byPeriod(ReportingPeriod.MONTH)) {
        months = months.multiply(BigDecimal.ONE.add(month.value()));
      }
      assertThat(months.subtract(BigDecimal.ONE))
          .as("seed %d", seed)
          .isCloseTo(returns.twr(), within(new BigDecimal("1e-25")));
      assertThat(
              returns
                  .between(day(0), split)
                  .totalPnl()
                  .add(returns.between(split.plusDays(1), last).totalPnl()))
          .isEqualByComparingTo(returns.totalPnl());
    }

    private List<DailyValue> scaled(List<DailyValue> days, BigDecimal factor) {
      List<DailyValue> scaled = new ArrayList<>();
      for (DailyValue day : days) {
        List<FlowPoint> flows = new ArrayList<>();
        for (FlowPoint flow : day.flows()) {
          flows.add(
              new FlowPoint(
                  flow.at(), flow.valueBefore().multiply(factor), flow.amount().multiply(factor)));
        }
        scaled.add(
            new DailyValue(
                day.date(),
                day.equity().multiply(factor),
                day.inflow().multiply(factor),
                day.outflow().multiply(factor),
                flows));
      }
      return scaled;
    }
  }
}
