package io.tally.risk;

import static io.tally.risk.TestBook.XBT;
import static io.tally.risk.TestBook.XBTUSD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tally.ledger.Side;
import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PositionSizerTest {

  private static SizeRequest request(
      Side side, String entry, String stop, String riskPct, String leverage) {
    return new SizeRequest(
        XBTUSD,
        side,
        new BigDecimal(entry),
        new BigDecimal(stop),
        new BigDecimal(riskPct),
        new BigDecimal(leverage),
        Optional.empty());
  }

  /**
   * Equity 100,000, risk 1 % = 1,000; buy at 60,000, stop 57,000, fee 0.26 % a side: loss per XBT
   * 3,000 + 0.0026 × (60,000 + 57,000) = 3,304.2; 1,000 / 3,304.2 = 0.302645118... → 0.30264511 (8
   * decimals, rounded down). No limit binds with loose limits.
   */
  @Test
  void theVolumeIsTheRiskAmountOverTheLossAtTheStopNetOfFees() {
    RiskBook book = TestBook.cash("100000").price(XBT, "60000").limits(TestBook.loose()).build();

    SizeOutcome size =
        PositionSizer.size(book, request(Side.BUY, "60000", "57000", "1", "1"), Optional.empty());

    assertThat(size.riskAmount()).isEqualByComparingTo("1000");
    assertThat(size.volume()).isEqualByComparingTo("0.30264511");
    assertThat(size.limitedBy()).isEmpty();
  }

  /**
   * The same with the default 10 % position limit: 10,000 / 60,000 = 0.16666666 XBT, named. The
   * stop alone asked for 0.3026...
   */
  @Test
  void eachReductionIsNamed() {
    RiskBook book = TestBook.cash("100000").price(XBT, "60000").build();

    SizeOutcome size =
        PositionSizer.size(book, request(Side.BUY, "60000", "57000", "1", "1"), Optional.empty());

    assertThat(size.volume()).isEqualByComparingTo("0.16666666");
    assertThat(size.limitedBy()).containsExactly(RiskRule.MAX_POSITION_PCT);
    assertThat(size.reasons())
        .extracting(RuleFailure::rule)
        .containsExactly(RiskRule.MAX_POSITION_PCT);
  }

  /**
   * Free margin 1,000 at 2×: 95 % of it carries 950 × 2 = 1,900 of notional, 0.03166666 XBT at
   * 60,000; the stop (1 % of 10,000 = 100 over 3,304.2) asked for 0.0302645..., so a 5 % stop at 10
   * % risk is cut.
   */
  @Test
  void aMarginSizeFitsNinetyFivePercentOfTheFreeMargin() {
    RiskBook book =
        TestBook.cash("10000")
            .price(XBT, "60000")
            .margin(XBTUSD, "0.3", "2")
            .limits(TestBook.loose())
            .build();
    // Margin used 0.3 × 60,000 / 2 = 9,000: free 1,000.

    SizeOutcome size =
        PositionSizer.size(book, request(Side.BUY, "60000", "57000", "10", "2"), Optional.empty());

    assertThat(size.volume()).isEqualByComparingTo("0.03166666");
    assertThat(size.limitedBy()).containsExactly(RiskRule.FREE_MARGIN);
  }

  @Test
  void noFreeMarginAnswersInsufficientMargin() {
    RiskBook book =
        TestBook.cash("10000")
            .price(XBT, "60000")
            .margin(XBTUSD, "0.5", "3")
            .limits(TestBook.loose())
            .build();
    // Margin used 30,000 / 3 = 10,000 = equity: nothing free.

    SizeOutcome size =
        PositionSizer.size(book, request(Side.BUY, "60000", "57000", "1", "3"), Optional.empty());

    assertThat(size.volume()).isEqualByComparingTo("0");
    assertThat(size.reasons())
        .extracting(RuleFailure::detail)
        .containsExactly("Insufficient margin");
  }

  @Test
  void aStopOnTheWrongSideOrAtTheEntryIsRejected() {
    assertThatThrownBy(() -> request(Side.BUY, "60000", "61000", "1", "1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("above the entry");
    assertThatThrownBy(() -> request(Side.SELL, "60000", "59000", "1", "1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("below the entry");
    assertThatThrownBy(() -> request(Side.BUY, "60000", "60000", "1", "1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("equals the entry");
  }

  /** Lot decimals 4: 0.30264511 → 0.3026, named. */
  @Test
  void theVolumeIsRoundedToThePairsLot() {
    RiskBook book = TestBook.cash("100000").price(XBT, "60000").limits(TestBook.loose()).build();
    OrderRules rules = new OrderRules(new BigDecimal("0.0001"), Optional.empty(), 4);

    SizeOutcome size =
        PositionSizer.size(book, request(Side.BUY, "60000", "57000", "1", "1"), Optional.of(rules));

    assertThat(size.volume()).isEqualByComparingTo("0.3026");
    assertThat(size.limitedBy()).containsExactly(RiskRule.LOT_DECIMALS);
  }
}
