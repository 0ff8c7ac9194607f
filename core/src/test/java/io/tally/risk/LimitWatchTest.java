package io.tally.risk;

import static io.tally.risk.TestBook.XBT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class LimitWatchTest {

  /**
   * 0.19 XBT of 100,000 at 50,000 is 9.5 %; at 55,000 it is 10.45 % (over 10) of 100,000 — the test
   * keeps equity fixed to move only the position: raised once, silent while over, restored under,
   * raised again over.
   */
  @Test
  void aPositionGrowingPastItsLimitByPriceIsRaisedOnceUntilItComesBack() {
    LimitWatch watch = LimitWatch.resumed(Set.of());

    LimitWatch.Step under = watch.observe(book("50000"));
    assertThat(under.raised()).isEmpty();
    LimitWatch.Step over = under.watch().observe(book("55000"));
    assertThat(over.raised()).extracting(LimitUsage::key).containsExactly("max_position_pct:XBT");
    assertThat(over.raised().get(0).value()).isEqualByComparingTo("10.45");
    LimitWatch.Step still = over.watch().observe(book("56000"));
    assertThat(still.raised()).isEmpty();
    LimitWatch.Step back = still.watch().observe(book("50000"));
    assertThat(back.restored()).extracting(LimitUsage::key).containsExactly("max_position_pct:XBT");
    LimitWatch.Step again = back.watch().observe(book("55000"));
    assertThat(again.raised()).extracting(LimitUsage::key).containsExactly("max_position_pct:XBT");
  }

  @Test
  void driftAndStalenessAreWatchedLikeLimits() {
    LimitWatch.Step drift =
        LimitWatch.resumed(Set.of()).observe(TestBook.cash("1000").drift().stale().build());
    assertThat(drift.raised())
        .extracting(LimitUsage::key)
        .containsExactly("refuse_on_drift:books", "refuse_on_stale_prices:books");
    assertThat(drift.watch().observe(TestBook.cash("1000").build()).restored()).hasSize(2);
  }

  /** A position closed while over its limit is restored against the configured limit, 10. */
  @Test
  void aClosedPositionIsRestoredAgainstItsConfiguredLimit() {
    LimitWatch.Step over = LimitWatch.resumed(Set.of()).observe(book("55000"));
    LimitWatch.Step closed = over.watch().observe(TestBook.cash("100000").build());

    assertThat(closed.restored())
        .singleElement()
        .satisfies(
            usage -> {
              assertThat(usage.key()).isEqualTo("max_position_pct:XBT");
              assertThat(usage.limit()).isEqualByComparingTo("10");
              assertThat(usage.value()).isEqualByComparingTo("0");
            });
  }

  @Test
  void aResumedWatchDoesNotRaiseWhatStands() {
    LimitWatch watch = LimitWatch.resumed(Set.of("max_position_pct:XBT"));
    assertThat(watch.observe(book("55000")).raised()).isEmpty();
  }

  private static RiskBook book(String price) {
    return TestBook.of("100000", "90500").price(XBT, price).spot(XBT, "0.19").build();
  }
}
