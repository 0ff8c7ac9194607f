package io.tally.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tally.money.Asset;
import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class AssetBalanceTest {

  private static BigDecimal d(String value) {
    return new BigDecimal(value);
  }

  @Test
  void aHoldIsReservedAndTheRestIsFree() {
    AssetBalance xbt = AssetBalance.of(Asset.XBT, d("0.50000000"), d("0.1"));

    // 0.5 − 0.1 = 0.4 free
    assertThat(xbt.free()).isEqualByComparingTo("0.4");
    assertThat(xbt.reserved()).isEqualByComparingTo("0.1");
    assertThat(xbt.total()).isEqualByComparingTo("0.5");
    assertThat(xbt.isReserved()).isTrue();
    assertThat(xbt).isEqualTo(new AssetBalance(Asset.XBT, d("0.4"), d("0.10"), d("0.5")));
    assertThat(xbt.toString())
        .isEqualTo("AssetBalance[asset=XBT, free=0.4, reserved=0.1, total=0.5]");
  }

  @Test
  void withoutAHoldEverythingIsFree() {
    AssetBalance usd = AssetBalance.unreserved(Asset.USD, d("1000.0000"));

    assertThat(usd.free()).isEqualByComparingTo("1000");
    assertThat(usd.reserved()).isZero();
    assertThat(usd.isReserved()).isFalse();
  }

  @Test
  void aHoldLargerThanTheHoldingReservesAllOfItAndNeverMakesFreeNegative() {
    AssetBalance xbt = AssetBalance.of(Asset.XBT, d("0.5"), d("0.7"));

    // reserved = min(0.7, 0.5) = 0.5; free = 0.5 − 0.5 = 0; 0.2 of the hold is unbacked
    assertThat(xbt.reserved()).isEqualByComparingTo("0.5");
    assertThat(xbt.free()).isZero();
    assertThat(AssetBalance.unbacked(d("0.5"), d("0.7"))).isEqualByComparingTo("0.2");
    assertThat(AssetBalance.unbacked(d("0.5"), d("0.1"))).isZero();
  }

  @Test
  void aHoldOnNothingHeldReservesNothing() {
    AssetBalance eth = AssetBalance.of(Asset.of("ETH"), BigDecimal.ZERO, d("1.25"));

    assertThat(eth.total()).isZero();
    assertThat(eth.reserved()).isZero();
    assertThat(eth.free()).isZero();
    assertThat(AssetBalance.unbacked(BigDecimal.ZERO, d("1.25"))).isEqualByComparingTo("1.25");
  }

  @Test
  void partsThatDoNotAddUpOrGoNegativeAreRejected() {
    assertThatThrownBy(() -> new AssetBalance(Asset.XBT, d("0.4"), d("0.2"), d("0.5")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0.4 + 0.2 != 0.5");
    assertThatThrownBy(() -> new AssetBalance(Asset.XBT, d("-0.1"), d("0.6"), d("0.5")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-0.1");
    assertThatThrownBy(() -> AssetBalance.of(Asset.XBT, d("-1"), BigDecimal.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
    assertThatThrownBy(() -> AssetBalance.of(Asset.XBT, d("1"), d("-0.1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-0.1");
  }

  /**
   * Free plus reserved is the total, exactly, and neither is negative, for any holding and hold.
   */
  @RepeatedTest(500)
  void freePlusReservedIsAlwaysTheTotalExactly(RepetitionInfo repetition) {
    long seed = 15_006L * repetition.getCurrentRepetition();
    SplittableRandom random = new SplittableRandom(seed);
    BigDecimal total = BigDecimal.valueOf(random.nextLong(0, 10_000_000_000L), random.nextInt(11));
    BigDecimal held = BigDecimal.valueOf(random.nextLong(0, 10_000_000_000L), random.nextInt(11));

    AssetBalance balance = AssetBalance.of(Asset.XBT, total, held);

    String where = "seed " + seed + ": total " + total + ", held " + held;
    assertThat(balance.free().add(balance.reserved())).as(where).isEqualByComparingTo(total);
    assertThat(balance.free().signum()).as(where).isNotNegative();
    assertThat(balance.reserved()).as(where).isLessThanOrEqualTo(held);
    assertThat(balance.reserved().add(AssetBalance.unbacked(total, held)))
        .as("%s: reserved plus unbacked is the hold", where)
        .isEqualByComparingTo(held);
  }
}
