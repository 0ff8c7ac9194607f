package io.tally.kraken.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tally.kraken.api.CallCounter.Tier;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CallCounterTest {

  private final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));

  @ParameterizedTest
  @CsvSource({"starter,STARTER", "Intermediate,INTERMEDIATE", " PRO ,PRO"})
  void parsesTierNames(String text, Tier tier) {
    assertThat(Tier.parse(text)).isEqualTo(tier);
  }

  @Test
  void rejectsUnknownTiers() {
    assertThatThrownBy(() -> Tier.parse("gold"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'gold'")
        .hasMessageContaining("starter, intermediate or pro");
  }

  @Test
  void tiersHaveKrakensLimits() {
    assertThat(Tier.STARTER.max()).isEqualTo(15);
    assertThat(Tier.STARTER.decayPerSecond()).isEqualTo(0.33);
    assertThat(Tier.INTERMEDIATE.max()).isEqualTo(20);
    assertThat(Tier.INTERMEDIATE.decayPerSecond()).isEqualTo(0.5);
    assertThat(Tier.PRO.max()).isEqualTo(20);
    assertThat(Tier.PRO.decayPerSecond()).isEqualTo(1.0);
  }

  @Test
  void historyCallsCostTwoOthersOne() {
    assertThat(CallCounter.cost("Ledgers")).isEqualTo(2);
    assertThat(CallCounter.cost("QueryLedgers")).isEqualTo(2);
    assertThat(CallCounter.cost("TradesHistory")).isEqualTo(2);
    assertThat(CallCounter.cost("QueryTrades")).isEqualTo(2);
    assertThat(CallCounter.cost("ClosedOrders")).isEqualTo(2);
    assertThat(CallCounter.cost("Balance")).isEqualTo(1);
    assertThat(CallCounter.cost("QueryOrders")).isEqualTo(1);
  }

  @Test
  void fillsUpToTheMaximumWithoutWaiting() {
    var counter = new CallCounter(Tier.STARTER, clock, clock.sleeper());

    for (int i = 0; i < 7; i++) {
      counter.acquire(2);
    }
    counter.acquire(1);

    assertThat(clock.sleeps()).isEmpty();
    assertThat(counter.level()).isEqualTo(15.0);
  }

  @Test
  void waitsUntilTheCallFitsInsteadOfExceeding() {
    var counter = new CallCounter(Tier.STARTER, clock, clock.sleeper());
    for (int i = 0; i < 7; i++) {
      counter.acquire(2);
    }

    counter.acquire(2);

    // 14 + 2 = 16 > 15: wait (16 - 15) / 0.33 = 3.0303 s, after which the counter is 15 again.
    assertThat(clock.slept().toNanos() / 1e9).isCloseTo(1 / 0.33, within(1e-6));
    assertThat(counter.level()).isCloseTo(15.0, within(1e-6));
  }

  @Test
  void decaysContinuously() {
    var counter = new CallCounter(Tier.INTERMEDIATE, clock, clock.sleeper());
    counter.acquire(10);

    clock.advance(Duration.ofMillis(2500));

    // 10 - 2.5 s × 0.5/s = 8.75
    assertThat(counter.level()).isCloseTo(8.75, within(1e-9));
    clock.advance(Duration.ofSeconds(60));
    assertThat(counter.level()).isZero();
  }

  @Test
  void decayBetweenCallsShortensTheWait() {
    var counter = new CallCounter(Tier.PRO, clock, clock.sleeper());
    counter.acquire(20);
    clock.advance(Duration.ofMillis(500));

    counter.acquire(2);

    // 20 - 0.5 = 19.5; 19.5 + 2 - 20 = 1.5 points at 1/s
    assertThat(clock.slept()).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void aRateLimitAnswerMakesTheNextCallWaitAtLeastTwoOverDecay() {
    var counter = new CallCounter(Tier.INTERMEDIATE, clock, clock.sleeper());
    counter.acquire(1);

    counter.penalize();
    counter.acquire(1);

    // full (20) + 2, then 1 more: (22 + 1 - 20) / 0.5 = 6 s ≥ 2 / 0.5 = 4 s
    assertThat(clock.slept()).isEqualTo(Duration.ofSeconds(6));
  }

  @Test
  void refusesCostsAboveTheMaximum() {
    var counter = new CallCounter(Tier.STARTER, clock, clock.sleeper());

    assertThatThrownBy(() -> counter.acquire(16))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("16");
  }
}
