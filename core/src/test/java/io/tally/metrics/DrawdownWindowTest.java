package io.tally.metrics;

import static io.tally.metrics.Days.dec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DrawdownWindowTest {

  /** Wednesday. */
  private static final Instant T0 = Instant.parse("2025-03-05T10:00:00Z");

  @Test
  void aFallIsADrawdownOfEveryWindow() {
    // 10000 → 11000 (new peak) → 9900: 1 − 9900 / 11000 = 0.1, 1100 below the peak.
    DrawdownWindow window =
        DrawdownWindow.start(ResetSchedule.DEFAULT, T0, dec("10000"))
            .observe(T0.plusSeconds(60), dec("11000"), BigDecimal.ZERO)
            .observe(T0.plusSeconds(120), dec("9900"), BigDecimal.ZERO);

    for (HighWaterMark mark :
        new HighWaterMark[] {window.total(), window.daily(), window.weekly()}) {
      assertThat(mark.drawdown()).isEqualByComparingTo("0.1");
      assertThat(mark.peak()).isEqualByComparingTo("11000");
      assertThat(mark.loss()).isEqualByComparingTo("1100");
    }
    assertThat(window.total().resetAt()).isEqualTo(T0);
    assertThat(window.daily().resetAt()).isEqualTo(Instant.parse("2025-03-05T00:00:00Z"));
    assertThat(window.weekly().resetAt()).isEqualTo(Instant.parse("2025-03-03T00:00:00Z"));
  }

  @Test
  void aWithdrawalIsNeverADrawdownAndADepositNeverAPeak() {
    // 10000, then 5000 withdrawn (no market move): still at the peak, which is now 5000.
    DrawdownWindow withdrawn =
        DrawdownWindow.start(ResetSchedule.DEFAULT, T0, dec("10000"))
            .observe(T0.plusSeconds(60), dec("5000"), dec("-5000"));
    assertThat(withdrawn.total().drawdown()).isEqualByComparingTo("0");
    assertThat(withdrawn.total().peak()).isEqualByComparingTo("5000");

    // 10000 → 9000 (10 % down), then 9000 deposited (18000): still 10 % down; the peak moves
    // with the flow in proportion: 10000 × 18000 / 9000 = 20000.
    DrawdownWindow deposited =
        DrawdownWindow.start(ResetSchedule.DEFAULT, T0, dec("10000"))
            .observe(T0.plusSeconds(60), dec("9000"), BigDecimal.ZERO)
            .observe(T0.plusSeconds(120), dec("18000"), dec("9000"));
    assertThat(deposited.daily().drawdown()).isEqualByComparingTo("0.1");
    assertThat(deposited.daily().peak()).isEqualByComparingTo("20000");
    assertThat(deposited.daily().loss()).isEqualByComparingTo("2000");
  }

  @Test
  void theDailyWindowStartsAgainAtItsHourFromTheLastValueBeforeIt() {
    // Reset at 08:00 UTC. 10000 at 10:00 Wed, 9000 at 07:00 Thu (same day window: 10 % down),
    // 8550 at 09:00 Thu: new day from 9000 (the last value before 08:00) → 1 − 8550/9000 = 0.05.
    ResetSchedule schedule = new ResetSchedule(8, DayOfWeek.MONDAY);
    DrawdownWindow beforeReset =
        DrawdownWindow.start(schedule, T0, dec("10000"))
            .observe(Instant.parse("2025-03-06T07:00:00Z"), dec("9000"), BigDecimal.ZERO);
    assertThat(beforeReset.daily().drawdown()).isEqualByComparingTo("0.1");
    assertThat(beforeReset.daily().resetAt()).isEqualTo(Instant.parse("2025-03-05T08:00:00Z"));

    DrawdownWindow afterReset =
        beforeReset.observe(Instant.parse("2025-03-06T09:00:00Z"), dec("8550"), BigDecimal.ZERO);

    assertThat(afterReset.daily().resetAt()).isEqualTo(Instant.parse("2025-03-06T08:00:00Z"));
    assertThat(afterReset.daily().peak()).isEqualByComparingTo("9000");
    assertThat(afterReset.daily().drawdown()).isEqualByComparingTo("0.05");
    // The week (from Monday 08:00) and the total still see the 10000 peak: 1 − 8550/10000.
    assertThat(afterReset.weekly().drawdown()).isEqualByComparingTo("0.145");
    assertThat(afterReset.total().drawdown()).isEqualByComparingTo("0.145");
  }

  @Test
  void theWeeklyWindowStartsAgainOnItsDay() {
    // Weeks from Sunday 00:00 UTC: Sunday 2025-03-09 starts a new week.
    ResetSchedule schedule = new ResetSchedule(0, DayOfWeek.SUNDAY);
    DrawdownWindow window =
        DrawdownWindow.start(schedule, T0, dec("10000"))
            .observe(Instant.parse("2025-03-08T23:00:00Z"), dec("8000"), BigDecimal.ZERO)
            .observe(Instant.parse("2025-03-09T01:00:00Z"), dec("7600"), BigDecimal.ZERO);

    assertThat(window.weekly().resetAt()).isEqualTo(Instant.parse("2025-03-09T00:00:00Z"));
    assertThat(window.weekly().drawdown()).isEqualByComparingTo("0.05"); // 1 − 7600 / 8000
    assertThat(window.total().drawdown()).isEqualByComparingTo("0.24"); // 1 − 7600 / 10000
  }

  @Test
  void windowsFedTheSameObservationsAreEqualAndNextStartsAtTheFirstPositiveEquity() {
    // Two feeds of the same observations (a replay and a resumed service) give equal windows.
    Optional<DrawdownWindow> one = Optional.empty();
    Optional<DrawdownWindow> two = Optional.empty();
    String[] equities = {"0", "10000", "9000", "12000"};
    for (int i = 0; i < equities.length; i++) {
      one =
          DrawdownWindow.next(
              one, ResetSchedule.DEFAULT, T0.plusSeconds(i), dec(equities[i]), BigDecimal.ZERO);
      two =
          DrawdownWindow.next(
              two, ResetSchedule.DEFAULT, T0.plusSeconds(i), dec(equities[i]), BigDecimal.ZERO);
      if (i == 0) {
        assertThat(one).as("nothing to measure at zero equity").isEmpty();
      }
    }
    assertThat(one).isEqualTo(two);
    assertThat(one.orElseThrow().hashCode()).isEqualTo(two.orElseThrow().hashCode());
    assertThat(one.orElseThrow().total().resetAt()).isEqualTo(T0.plusSeconds(1));
    // An observation from before the last leaves the windows as they were.
    assertThat(DrawdownWindow.next(one, ResetSchedule.DEFAULT, T0, dec("1"), BigDecimal.ZERO))
        .isEqualTo(one);
    assertThat(
            DrawdownWindow.next(
                one, ResetSchedule.DEFAULT, T0.plusSeconds(9), dec("6000"), BigDecimal.ZERO))
        .isNotEqualTo(one);
  }

  @Test
  void anObservationFromThePastIsRefused() {
    DrawdownWindow window = DrawdownWindow.start(ResetSchedule.DEFAULT, T0, dec("1"));

    assertThatThrownBy(() -> window.observe(T0.minusSeconds(1), dec("1"), BigDecimal.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("io.tally.testing.Seeds#seeds")
  void flowsChangeNoDrawdownAndTheLongerWindowIsNeverShallower(long seed) {
    // The same market path twice, once with random deposits and withdrawals on top. Marks are
    // scaled at 34 digits, so drawdowns agree to within 1e-25 rather than to the last digit.
    Random random = new Random(seed);
    ResetSchedule schedule =
        new ResetSchedule(random.nextInt(24), DayOfWeek.of(1 + random.nextInt(7)));
    BigDecimal plain = dec("10000");
    BigDecimal flowed = dec("10000");
    DrawdownWindow without = DrawdownWindow.start(schedule, T0, plain);
    DrawdownWindow with = DrawdownWindow.start(schedule, T0, flowed);
    Instant at = T0;
    for (int i = 0; i < 300; i++) {
      at = at.plus(Duration.ofMinutes(1 + random.nextInt(600)));
      BigDecimal move = BigDecimal.valueOf(0.9 + random.nextDouble() * 0.2);
      plain = plain.multiply(move, MathContext.DECIMAL128);
      flowed = flowed.multiply(move, MathContext.DECIMAL128);
      without = without.observe(at, plain, BigDecimal.ZERO);
      BigDecimal flow = BigDecimal.ZERO;
      if (random.nextInt(5) == 0) {
        flow =
            random.nextBoolean()
                ? Days.money(random.nextDouble() * 20_000)
                : Days.money(-flowed.doubleValue() * random.nextDouble() * 0.9);
        flowed = flowed.add(flow);
      }
      with = with.observe(at, flowed, flow);

      assertDrawdownsMatch(seed, without.total(), with.total());
      assertDrawdownsMatch(seed, without.daily(), with.daily());
      assertDrawdownsMatch(seed, without.weekly(), with.weekly());
      assertThat(with.total().drawdown())
          .as("seed %d", seed)
          .isGreaterThanOrEqualTo(with.weekly().drawdown().subtract(new BigDecimal("1e-25")));
      assertThat(with.weekly().drawdown())
          .as("seed %d", seed)
          .isGreaterThanOrEqualTo(with.daily().drawdown().subtract(new BigDecimal("1e-25")));
      assertThat(with.daily().drawdown()).isBetween(new BigDecimal("-1e-25"), BigDecimal.ONE);
    }
  }

  private static void assertDrawdownsMatch(long seed, HighWaterMark a, HighWaterMark b) {
    assertThat(b.drawdown())
        .as("seed %d", seed)
        .isCloseTo(a.drawdown(), org.assertj.core.data.Offset.offset(new BigDecimal("1e-25")));
    assertThat(b.resetAt()).isEqualTo(a.resetAt());
  }
}
