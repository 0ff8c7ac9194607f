package io.tally.metrics;

import static io.tally.metrics.Days.dec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MoneyWeightedReturnTest {

  private static final LocalDate D0 = LocalDate.parse("2025-01-01");

  private static Dated<BigDecimal> flow(LocalDate date, String amount) {
    return new Dated<>(date, dec(amount));
  }

  @Test
  void tenPercentAfterExactlyOneYear() {
    // −1000 on day 0, +1100 365 days later: 1100 / (1 + r) = 1000 → r = 0.1.
    Metric<Double> rate =
        MoneyWeightedReturn.solve(List.of(flow(D0, "-1000"), flow(D0.plusDays(365), "1100")));

    assertThat(rate.orElseThrow()).isCloseTo(0.1, within(1e-12));
  }

  @Test
  void aDailySeriesPaysInAtTheStartAndTakesTheEquityOutAtTheEnd() {
    // 1000 deposited at the start of 2025-01-01, 1100 at the end of 2025-12-31: 365 days → 10 %.
    String[] flat = Days.repeat("0", 365);
    flat[364] = "0.1";
    Returns returns = Returns.of(Days.fromReturns("1000", flat));

    assertThat(MoneyWeightedReturn.cashFlows(returns))
        .containsExactly(flow(D0, "-1000"), flow(D0.plusDays(365), "1100.0"));
    assertThat(MoneyWeightedReturn.of(returns).orElseThrow()).isCloseTo(0.1, within(1e-12));
  }

  @Test
  void aLaterDepositWeighsLessThanTheFirst() {
    // −1000 at t=0, −1000 at t=0.5 y, +2200 at t=1 y: 1000·1.1r + 1000·√(1+r) = 2200, r ≈ 0.13.
    // Check the defining equation rather than a rounded constant.
    List<Dated<BigDecimal>> flows =
        List.of(flow(D0, "-1000"), flow(D0.plusDays(182), "-1000"), flow(D0.plusDays(365), "2200"));
    double rate = MoneyWeightedReturn.solve(flows).orElseThrow();

    assertThat(rate).isBetween(0.12, 0.14);
    assertThat(MoneyWeightedReturn.npv(flows, rate)).isCloseTo(0, within(1e-6));
  }

  @Test
  void noSolutionIsAnAnswerWithItsReason() {
    assertThat(MoneyWeightedReturn.solve(List.of()).reason()).contains("no cash flows");
    assertThat(
            MoneyWeightedReturn.solve(List.of(flow(D0, "-1000"), flow(D0.plusDays(10), "-5")))
                .reason()
                .orElseThrow())
        .contains("one sign");
    assertThat(
            MoneyWeightedReturn.solve(List.of(flow(D0, "-1000"), flow(D0, "1100")))
                .reason()
                .orElseThrow())
        .contains("one day");
    // −1000, +3000, −2500 (a year apart each): NPV = −1000 + 3000x − 2500x² has no real root
    // (discriminant 9e6 − 1e7 < 0), so no rate exists although the signs change.
    assertThat(
            MoneyWeightedReturn.solve(
                    List.of(
                        flow(D0, "-1000"),
                        flow(D0.plusDays(365), "3000"),
                        flow(D0.plusDays(730), "-2500")))
                .reason()
                .orElseThrow())
        .contains("sets the cash flows' value to zero");
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("io.tally.testing.Seeds#seeds")
  void aReportedRateZeroesTheNetPresentValue(long seed) {
    Random random = new Random(seed);
    List<Dated<BigDecimal>> flows;
    if (random.nextBoolean()) {
      flows =
          MoneyWeightedReturn.cashFlows(
              Returns.of(Days.randomTotals(random, 2 + random.nextInt(800))));
    } else {
      flows = new ArrayList<>();
      int count = 2 + random.nextInt(10);
      for (int i = 0; i < count; i++) {
        double amount = (random.nextDouble() - (i == 0 ? 1 : 0.5)) * 10_000;
        flows.add(new Dated<>(D0.plusDays(random.nextInt(2000)), Days.money(amount)));
      }
    }

    Metric<Double> rate = MoneyWeightedReturn.solve(flows);

    double size = flows.stream().mapToDouble(flow -> Math.abs(flow.value().doubleValue())).sum();
    rate.value()
        .ifPresent(
            r ->
                assertThat(Math.abs(MoneyWeightedReturn.npv(flows, r)))
                    .as("seed %d, rate %s", seed, r)
                    .isLessThanOrEqualTo(1e-8 * size));
    if (!rate.isPresent()) {
      assertThat(rate.reason()).as("seed %d", seed).isPresent();
    }
  }
}
