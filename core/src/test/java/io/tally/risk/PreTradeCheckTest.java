package io.tally.risk;

import static io.tally.risk.TestBook.ETH;
import static io.tally.risk.TestBook.ETHUSD;
import static io.tally.risk.TestBook.ETHXBT;
import static io.tally.risk.TestBook.SOL;
import static io.tally.risk.TestBook.SOLUSD;
import static io.tally.risk.TestBook.XBT;
import static io.tally.risk.TestBook.XBTUSD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tally.ledger.Side;
import io.tally.money.Pair;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PreTradeCheckTest {

  private static ProposedOrder order(Pair pair, Side side, String volume) {
    return ProposedOrder.of(pair, side, new BigDecimal(volume));
  }

  private static ProposedOrder margin(Pair pair, Side side, String volume, String leverage) {
    return new ProposedOrder(
        pair,
        side,
        new BigDecimal(volume),
        Optional.empty(),
        "limit",
        new BigDecimal(leverage),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        false);
  }

  private static ProposedOrder withStop(ProposedOrder order, String stop) {
    return new ProposedOrder(
        order.pair(),
        order.side(),
        order.volume(),
        order.price(),
        order.orderType(),
        order.leverage(),
        Optional.of(new BigDecimal(stop)),
        order.strategy(),
        order.clientOrderId(),
        order.reserve());
  }

  private static CheckOutcome check(RiskBook book, ProposedOrder order) {
    return PreTradeCheck.check(book, order, Optional.empty());
  }

  private static RiskLimits limits(String leverage, String position, String risk, String reserve) {
    RiskLimits loose = TestBook.loose();
    return new RiskLimits(
        leverage == null ? loose.leverageCap() : new BigDecimal(leverage),
        position == null ? loose.maxPositionPct() : new BigDecimal(position),
        BigDecimal.ZERO,
        BigDecimal.ZERO,
        risk == null ? loose.maxPortfolioRiskPct() : new BigDecimal(risk),
        Optional.empty(),
        Optional.empty(),
        reserve == null ? BigDecimal.ZERO : new BigDecimal(reserve));
  }

  /**
   * The seed's KPI. Equity 10,000; long 1.16 XBT on margin at 50,000 = 58,000, 5.8×. Buying 0.08
   * more adds 4,000: 62,000 / 10,000 = 6.2× over the cap of 6. The largest volume is (60,000 −
   * 58,000) / 50,000 = 0.04, which lands on 6× exactly and passes.
   */
  @Test
  void anOrderTakingLeverageFrom5point8To6point2FailsNamingTheLeverageCap() {
    RiskBook book =
        TestBook.cash("10000")
            .margin(XBTUSD, "1.16", "10")
            .limits(limits("6.0", null, null, null))
            .build();

    CheckOutcome over = check(book, margin(XBTUSD, Side.BUY, "0.08", "10"));

    assertThat(over.passed()).isFalse();
    assertThat(over.failures())
        .extracting(RuleFailure::rule)
        .containsExactly(RiskRule.LEVERAGE_CAP);
    RuleFailure reason = over.failures().get(0);
    assertThat(reason.limit()).contains(new BigDecimal("6.0"));
    assertThat(reason.value().orElseThrow()).isEqualByComparingTo("6.2");
    assertThat(reason.detail()).contains("leverage cap");
    assertThat(over.currentLeverage()).isEqualByComparingTo("5.8");
    assertThat(over.proposedLeverage()).isEqualByComparingTo("6.2");
    // Margin 4,000 / 10 = 400; free after = 10,000 − (5,800 + 400) = 3,800.
    assertThat(over.marginRequired()).isEqualByComparingTo("400");
    assertThat(over.freeMarginAfter()).isEqualByComparingTo("3800");
    assertThat(over.maxVolume()).contains(new BigDecimal("0.04"));

    assertThat(check(book, margin(XBTUSD, Side.BUY, "0.04", "10")).passed()).isTrue();
    assertThat(check(book, margin(XBTUSD, Side.BUY, "0.03999999", "10")).passed()).isTrue();
    assertThat(check(book, margin(XBTUSD, Side.BUY, "0.04000001", "10")).passed()).isFalse();
  }

  /** 10 % of 100,000 is 10,000: 0.2 XBT at 50,000. */
  @Test
  void aPositionIsHeldToItsShareOfEquity() {
    RiskBook book = TestBook.cash("100000").build();

    assertThat(check(book, order(XBTUSD, Side.BUY, "0.2")).passed()).isTrue();
    assertThat(check(book, order(XBTUSD, Side.BUY, "0.1999")).passed()).isTrue();
    CheckOutcome over = check(book, order(XBTUSD, Side.BUY, "0.2001"));
    assertThat(over.failures())
        .extracting(RuleFailure::rule)
        .containsExactly(RiskRule.MAX_POSITION_PCT);
    // 0.2001 × 50,000 = 10,005 = 10.005 % of equity.
    assertThat(over.failures().get(0).value().orElseThrow()).isEqualByComparingTo("10.005");
    assertThat(over.positionAfterPct()).isEqualByComparingTo("10.005");
    assertThat(over.maxVolume()).contains(new BigDecimal("0.2"));
  }

  /**
   * ETH 6 × 2,500 = 15,000 without a stop is 15 % at risk. Buying 0.12 XBT (6,000) without a stop
   * makes 21 %; with a stop at 25,000 (half the price) only 3,000 is at risk: 18 %.
   */
  @Test
  void thePortfolioRiskCountsAPositionWithoutAStopWhole() {
    RiskBook book =
        TestBook.of("100000", "85000")
            .spot(ETH, "6")
            .limits(limits(null, null, "20", null))
            .build();

    CheckOutcome noStop = check(book, order(XBTUSD, Side.BUY, "0.12"));
    assertThat(noStop.failures())
        .extracting(RuleFailure::rule)
        .containsExactly(RiskRule.MAX_PORTFOLIO_RISK_PCT);
    assertThat(noStop.portfolioRiskAfterPct()).isEqualByComparingTo("21");
    // (20,000 − 15,000) / 50,000 = 0.1.
    assertThat(noStop.maxVolume()).contains(new BigDecimal("0.1"));
    assertThat(check(book, order(XBTUSD, Side.BUY, "0.1")).passed()).isTrue();
    assertThat(check(book, order(XBTUSD, Side.BUY, "0.1001")).passed()).isFalse();

    CheckOutcome stopped = check(book, withStop(order(XBTUSD, Side.BUY, "0.12"), "25000"));
    assertThat(stopped.passed()).isTrue();
    assertThat(stopped.portfolioRiskAfterPct()).isEqualByComparingTo("18");
  }

  /** 0.1 % of 100,000 is 100 = 0.002 XBT; 10 USD is 0.0002 XBT. Reducing orders are exempt. */
  @Test
  void anOpeningOrderIsAtLeastTheMinimumPosition() {
    RiskBook big = TestBook.of("100000", "95000").spot(XBT, "0.1").build();
    assertThat(check(big, order(XBTUSD, Side.BUY, "0.002")).passed()).isTrue();
    CheckOutcome small = check(big, order(XBTUSD, Side.BUY, "0.0019"));
    assertThat(small.failures())
        .extracting(RuleFailure::rule)
        .containsExactly(RiskRule.MIN_POSITION_PCT);
    assertThat(check(big, order(XBTUSD, Side.SELL, "0.0001")).passed()).isTrue();

    RiskBook little = TestBook.cash("1000").build();
    assertThat(check(little, order(XBTUSD, Side.BUY, "0.0002")).passed()).isTrue();
    CheckOutcome tiny = check(little, order(XBTUSD, Side.BUY, "0.00019"));
    assertThat(tiny.failures())
        .extracting(RuleFailure::rule)
        .containsExactly(RiskRule.MIN_POSITION_BASE);
  }

  /** Alts (ETH, SOL) at most 20 %: ETH holds 15 %, so SOL may add 5,000 = 50 SOL at 100. */
  @Test
  void anAssetClassIsHeldToItsLimit() {
    RiskPolicy policy =
        TestBook.withLimits(
            withClasses(
                List.of(
                    new AssetClass(
                        "alts", Set.of(ETH, SOL), false, Optional.of(new BigDecimal("20"))))),
            TestBook.loose());
    RiskBook book = TestBook.of("100000", "85000").spot(ETH, "6").policy(policy).build();

    assertThat(check(book, order(SOLUSD, Side.BUY, "50")).passed()).isTrue();
    CheckOutcome over = check(book, order(SOLUSD, Side.BUY, "60"));
    assertThat(over.failures())
        .extracting(RuleFailure::rule)
        .containsExactly(RiskRule.MAX_CLASS_PCT);
    assertThat(over.failures().get(0).value().orElseThrow()).isEqualByComparingTo("21");
    assertThat(over.failures().get(0).detail()).contains("alts");
    assertThat(over.maxVolume()).contains(new BigDecimal("50"));
    assertThat(check(book, order(SOLUSD, Side.BUY, "50.00000001")).passed()).isFalse();
    // XBT is in no class: nothing holds it but the other limits.
    assertThat(check(book, order(XBTUSD, Side.BUY, "1")).passed()).isTrue();
  }

  /** XBT and ETH correlate; at most 25 %: ETH has 15 %, XBT may add 10,000 = 0.2. */
  @Test
  void aCorrelatedGroupIsHeldToItsLimit() {
    RiskLimits loose = TestBook.loose();
    RiskLimits limits =
        new RiskLimits(
            loose.leverageCap(),
            loose.maxPositionPct(),
            BigDecimal.ZERO,
            BigDecimal.ZERO,
            loose.maxPortfolioRiskPct(),
            Optional.of(new BigDecimal("25")),
            Optional.empty(),
            BigDecimal.ZERO);
    RiskBook book =
        TestBook.of("100000", "85000")
            .spot(ETH, "6")
            .correlated(Set.of(XBT, ETH))
            .limits(limits)
            .build();

    assertThat(check(book, order(XBTUSD, Side.BUY, "0.2")).passed()).isTrue();
    CheckOutcome over = check(book, order(XBTUSD, Side.BUY, "0.24"));
    assertThat(over.failures())
        .extracting(RuleFailure::rule)
        .containsExactly(RiskRule.MAX_CORRELATED_EXPOSURE_PCT);
    assertThat(over.failures().get(0).value().orElseThrow()).isEqualByComparingTo("27");
    assertThat(over.maxVolume()).contains(new BigDecimal("0.2"));
    // SOL correlates with nothing.
    assertThat(check(book, order(SOLUSD, Side.BUY, "300")).passed()).isTrue();
  }

  /** A reserve of 30 % of 100,000 leaves 70,000 to spend: 1.4 XBT. */
  @Test
  void freeCashStaysAboveTheReserve() {
    RiskBook book = TestBook.cash("100000").limits(limits(null, null, null, "30")).build();

    assertThat(check(book, order(XBTUSD, Side.BUY, "1.4")).passed()).isTrue();
    CheckOutcome over = check(book, order(XBTUSD, Side.BUY, "1.5"));
    assertThat(over.failures())
        .extracting(RuleFailure::rule)
        .containsExactly(RiskRule.CASH_RESERVE_PCT);
    assertThat(over.failures().get(0).value().orElseThrow()).isEqualByComparingTo("25");
    assertThat(over.maxVolume()).contains(new BigDecimal("1.4"));
    assertThat(check(book, order(XBTUSD, Side.BUY, "1.40000001")).passed()).isFalse();
  }

  /** 10,000 free at 5×: 50,000 of notional, 1 XBT. */
  @Test
  void aMarginOrderNeedsFreeMargin() {
    RiskBook book = TestBook.cash("10000").limits(TestBook.loose()).build();

    CheckOutcome at = check(book, margin(XBTUSD, Side.BUY, "1", "5"));
    assertThat(at.passed()).isTrue();
    assertThat(at.marginRequired()).isEqualByComparingTo("10000");
    assertThat(at.freeMarginAfter()).isEqualByComparingTo("0");
    CheckOutcome over = check(book, margin(XBTUSD, Side.BUY, "1.1", "5"));
    assertThat(over.failures()).extracting(RuleFailure::rule).containsExactly(RiskRule.FREE_MARGIN);
    assertThat(over.failures().get(0).limit().orElseThrow()).isEqualByComparingTo("10000");
    assertThat(over.failures().get(0).value().orElseThrow()).isEqualByComparingTo("11000");
    assertThat(over.maxVolume()).contains(new BigDecimal("1"));
  }

  @Test
  void aSpotOrderSpendsOnlyWhatTheAccountHolds() {
    RiskBook book = TestBook.of("70000", "50000").spot(XBT, "0.4").limits(TestBook.loose()).build();

    assertThat(check(book, order(XBTUSD, Side.SELL, "0.4")).passed()).isTrue();
    CheckOutcome sell = check(book, order(XBTUSD, Side.SELL, "0.41"));
    assertThat(sell.failures()).extracting(RuleFailure::rule).containsExactly(RiskRule.BALANCE);
    assertThat(sell.maxVolume()).contains(new BigDecimal("0.4"));
    // 50,000 USD buys 1 XBT at 50,000.
    assertThat(check(book, order(XBTUSD, Side.BUY, "1")).passed()).isTrue();
    assertThat(check(book, order(XBTUSD, Side.BUY, "1.00000001")).failures())
        .extracting(RuleFailure::rule)
        .containsExactly(RiskRule.BALANCE);
  }

  @Test
  void thePairsOrderRulesApply() {
    RiskBook book = TestBook.cash("100000").limits(TestBook.loose()).build();
    OrderRules rules =
        new OrderRules(new BigDecimal("0.0001"), Optional.of(new BigDecimal("10")), 8);

    assertThat(
            PreTradeCheck.check(book, order(XBTUSD, Side.BUY, "0.0002"), Optional.of(rules))
                .passed())
        .isTrue();
    // 0.0001 × 50,000 = 5 under a costmin of 10; 0.00005 under the ordermin.
    assertThat(
            PreTradeCheck.check(book, order(XBTUSD, Side.BUY, "0.0001"), Optional.of(rules))
                .failures())
        .extracting(RuleFailure::rule)
        .containsExactly(RiskRule.COSTMIN);
    assertThat(
            PreTradeCheck.check(book, order(XBTUSD, Side.BUY, "0.00005"), Optional.of(rules))
                .failures())
        .extracting(RuleFailure::rule)
        .containsExactly(RiskRule.ORDERMIN, RiskRule.COSTMIN);
    assertThat(
            PreTradeCheck.check(book, order(XBTUSD, Side.BUY, "0.123456789"), Optional.of(rules))
                .failures())
        .extracting(RuleFailure::rule)
        .containsExactly(RiskRule.LOT_DECIMALS);
  }

  @Test
  void reducingLetsOnlyReducingOrdersPassAndHaltedNone() {
    TestBook base = TestBook.of("100000", "90000").spot(XBT, "0.2").limits(TestBook.loose());
    RiskBook reducing = base.state(TradingState.REDUCING).build();

    CheckOutcome buy = check(reducing, order(XBTUSD, Side.BUY, "0.01"));
    assertThat(buy.failures())
        .extracting(RuleFailure::rule)
        .containsExactly(RiskRule.TRADING_STATE);
    assertThat(buy.tradingState()).isEqualTo(TradingState.REDUCING);
    assertThat(buy.maxVolume()).contains(BigDecimal.ZERO);
    CheckOutcome sell = check(reducing, order(XBTUSD, Side.SELL, "0.1"));
    assertThat(sell.passed()).isTrue();
    assertThat(sell.maxVolume()).contains(new BigDecimal("0.2"));

    RiskBook halted = base.state(TradingState.HALTED).build();
    assertThat(check(halted, order(XBTUSD, Side.SELL, "0.1")).failures())
        .extracting(RuleFailure::rule)
        .containsExactly(RiskRule.TRADING_STATE);
    assertThat(check(halted, order(XBTUSD, Side.SELL, "0.1")).maxVolume())
        .contains(BigDecimal.ZERO);
  }

  @Test
  void driftAndStalePricesStopNewRiskButNotReductions() {
    RiskBook book =
        TestBook.of("100000", "90000")
            .spot(XBT, "0.2")
            .limits(TestBook.loose())
            .drift()
            .stale()
            .build();

    assertThat(check(book, order(XBTUSD, Side.BUY, "0.01")).failures())
        .extracting(RuleFailure::rule)
        .containsExactly(RiskRule.REFUSE_ON_DRIFT, RiskRule.REFUSE_ON_STALE_PRICES);
    assertThat(check(book, order(XBTUSD, Side.SELL, "0.2")).passed()).isTrue();

    RiskPolicy trusting =
        new RiskPolicy(
            TestBook.loose(),
            java.util.Map.of(),
            List.of(),
            new BigDecimal("0.7"),
            30,
            DrawdownRules.DEFAULT,
            false,
            false,
            new BigDecimal("0.26"));
    RiskBook trusted =
        TestBook.of("100000", "90000").spot(XBT, "0.2").policy(trusting).drift().stale().build();
    assertThat(check(trusted, order(XBTUSD, Side.BUY, "0.01")).passed()).isTrue();
  }

  @Test
  void positionsAndOrdersPerPairAreCounted() {
    RiskLimits loose = TestBook.loose();
    RiskLimits two =
        new RiskLimits(
            loose.leverageCap(),
            loose.maxPositionPct(),
            BigDecimal.ZERO,
            BigDecimal.ZERO,
            loose.maxPortfolioRiskPct(),
            Optional.empty(),
            Optional.of(2),
            BigDecimal.ZERO);
    RiskBook one = TestBook.cash("100000").spot(XBT, "0.1").open(XBTUSD, 1).limits(two).build();
    assertThat(check(one, order(XBTUSD, Side.BUY, "0.01")).passed()).isTrue();

    RiskBook full = TestBook.cash("100000").spot(XBT, "0.1").open(XBTUSD, 2).limits(two).build();
    CheckOutcome third = check(full, order(XBTUSD, Side.BUY, "0.01"));
    assertThat(third.failures())
        .extracting(RuleFailure::rule)
        .containsExactly(RiskRule.MAX_POSITIONS_PER_SYMBOL);
    assertThat(third.failures().get(0).value().orElseThrow()).isEqualByComparingTo("3");
    assertThat(check(full, order(XBTUSD, Side.SELL, "0.05")).passed()).isTrue();
  }

  /** 1 XBT of 100,000: 50 % position, 50 % at risk, 0.5× leverage; every breach is listed. */
  @Test
  void everyFailingRuleIsListedNotOnlyTheFirst() {
    RiskBook book = TestBook.cash("100000").limits(limits("0.4", "10", "20", null)).build();

    CheckOutcome outcome = check(book, order(XBTUSD, Side.BUY, "1"));

    assertThat(outcome.failures())
        .extracting(RuleFailure::rule)
        .containsExactly(
            RiskRule.LEVERAGE_CAP, RiskRule.MAX_POSITION_PCT, RiskRule.MAX_PORTFOLIO_RISK_PCT);
    // The position limit binds first: 10,000 = 0.2 XBT.
    assertThat(outcome.maxVolume()).contains(new BigDecimal("0.2"));
  }

  @Test
  void anOrderWithoutAPriceFailsOnThePrice() {
    RiskBook book = TestBook.cash("100000").build();
    CheckOutcome outcome =
        check(book, order(new Pair(io.tally.money.Asset.of("DOT"), TestBook.USD), Side.BUY, "1"));
    assertThat(outcome.failures()).extracting(RuleFailure::rule).containsExactly(RiskRule.PRICE);
    assertThat(outcome.maxVolume()).contains(BigDecimal.ZERO);
  }

  @Test
  void anOrderWithoutAPriceStillListsTheTradingState() {
    RiskBook book = TestBook.cash("100000").state(TradingState.HALTED).build();
    CheckOutcome outcome =
        check(book, order(new Pair(io.tally.money.Asset.of("DOT"), TestBook.USD), Side.BUY, "1"));
    assertThat(outcome.failures())
        .extracting(RuleFailure::rule)
        .containsExactly(RiskRule.TRADING_STATE, RiskRule.PRICE);
    assertThat(outcome.marginRequired().toPlainString()).isEqualTo("0.00000000");
    assertThat(outcome.positionAfterPct().toPlainString()).isEqualTo("0.0000");
  }

  /**
   * A sell of part of a long with a stop above the price is a short's stop: the long it leaves is
   * still counted whole. 0.2 XBT (10,000) of 100,000 is 10 % at risk; selling 0.02 leaves 9 %.
   */
  @Test
  void aStopOnAReducingOrderDoesNotProtectThePositionLeft() {
    RiskBook book =
        TestBook.of("100000", "90000").spot(XBT, "0.2").limits(TestBook.loose()).build();

    CheckOutcome outcome = check(book, withStop(order(XBTUSD, Side.SELL, "0.02"), "55000"));

    assertThat(outcome.portfolioRiskAfterPct()).isEqualByComparingTo("9");
  }

  /**
   * Buying XBT with EUR in a USD account: EUR is cash in another currency, so only the XBT leg is
   * exposure. 0.1 XBT at 40,000 EUR, with EUR at 1.25 USD, is 0.1 × 40,000 × 1.25 = 5,000 USD of
   * XBT: 5 % of 100,000 (the EUR spent moves no exposure; before, there was none).
   */
  @Test
  void aFiatQuoteLegIsCashNotExposure() {
    RiskBook book =
        TestBook.of("100000", "50000")
            .price(io.tally.money.Asset.of("EUR"), "1.25")
            .spot(io.tally.money.Asset.of("EUR"), "40000")
            .limits(TestBook.loose())
            .build();
    Pair xbteur = new Pair(XBT, io.tally.money.Asset.of("EUR"));

    CheckOutcome outcome =
        check(
            book,
            new ProposedOrder(
                xbteur,
                Side.BUY,
                new BigDecimal("0.1"),
                Optional.of(new BigDecimal("40000")),
                "limit",
                BigDecimal.ONE,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                false));

    assertThat(outcome.passed()).isTrue();
    assertThat(outcome.exposureAfterPct()).isEqualByComparingTo("5");
  }

  @Test
  void aStopOnTheWrongSideIsRefused() {
    RiskBook book = TestBook.cash("100000").build();
    assertThatThrownBy(() -> check(book, withStop(order(XBTUSD, Side.BUY, "0.1"), "51000")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("below");
    assertThatThrownBy(() -> check(book, withStop(order(XBTUSD, Side.SELL, "0.1"), "49000")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("above");
  }

  /**
   * Buying 4 ETH at 0.05 XBT with XBT: 0.2 XBT (10,000 USD) moves from XBT to ETH, so gross
   * exposure, and leverage, stay where they were: 50,000 / 100,000 = 0.5.
   */
  @Test
  void aSpotOrderQuotedInAnotherAssetMovesExposureBetweenItsLegs() {
    RiskBook book = TestBook.of("100000", "50000").spot(XBT, "1").limits(TestBook.loose()).build();

    CheckOutcome outcome =
        PreTradeCheck.check(
            book,
            new ProposedOrder(
                ETHXBT,
                Side.BUY,
                new BigDecimal("4"),
                Optional.of(new BigDecimal("0.05")),
                "limit",
                BigDecimal.ONE,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                false),
            Optional.empty());

    assertThat(outcome.passed()).isTrue();
    assertThat(outcome.currentLeverage()).isEqualByComparingTo("0.5");
    assertThat(outcome.proposedLeverage()).isEqualByComparingTo("0.5");
    assertThat(outcome.positionAfterPct()).isEqualByComparingTo("10");
    // The balance binds: 1 XBT buys 20 ETH at 0.05.
    assertThat(outcome.maxVolume()).contains(new BigDecimal("20"));
  }

  /** A strategy's own limits replace the account's for its orders. */
  @Test
  void aStrategysLimitsApplyToItsOrders() {
    RiskLimits tight = limits(null, "5", null, null);
    RiskPolicy policy =
        new RiskPolicy(
            limits(null, "10", null, null),
            java.util.Map.of("scalper", tight),
            List.of(),
            new BigDecimal("0.7"),
            30,
            DrawdownRules.DEFAULT,
            true,
            true,
            new BigDecimal("0.26"));
    RiskBook book = TestBook.cash("100000").policy(policy).build();
    ProposedOrder plain = order(XBTUSD, Side.BUY, "0.15");
    ProposedOrder scalper =
        new ProposedOrder(
            XBTUSD,
            Side.BUY,
            new BigDecimal("0.15"),
            Optional.empty(),
            "limit",
            BigDecimal.ONE,
            Optional.empty(),
            Optional.of("scalper"),
            Optional.empty(),
            false);

    assertThat(check(book, plain).passed()).isTrue();
    assertThat(check(book, scalper).failures())
        .extracting(RuleFailure::rule)
        .containsExactly(RiskRule.MAX_POSITION_PCT);
  }

  /**
   * Over random books and orders: the max volume passes every rule, and one more unit of the last
   * decimal does not. So {@code max_volume} and the check never disagree.
   */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void theMaxVolumePassesAndOneUnitMoreFails(long seed) {
    Random random = new Random(seed);
    int checked = 0;
    for (int i = 0; i < 200; i++) {
      RiskBook book = randomBook(random);
      Pair pair = random.nextBoolean() ? XBTUSD : random.nextBoolean() ? ETHUSD : SOLUSD;
      Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
      String leverage = random.nextInt(3) == 0 ? "1" : String.valueOf(2 + random.nextInt(4));
      ProposedOrder probe = margin(pair, side, "0.001", leverage);
      if (random.nextBoolean()) {
        probe = withStop(probe, side == Side.BUY ? "0.5" : "1000000");
      }
      Optional<BigDecimal> max = check(book, probe).maxVolume();
      if (max.isEmpty() || max.get().signum() == 0) {
        continue;
      }
      checked++;
      ProposedOrder at = resized(probe, max.get());
      ProposedOrder beyond = resized(probe, max.get().add(new BigDecimal("0.00000001")));
      assertThat(check(book, at).failures()).as("at %s of %s", max.get(), probe).isEmpty();
      assertThat(check(book, beyond).passed()).as("beyond %s of %s", max.get(), probe).isFalse();
    }
    assertThat(checked).isGreaterThan(50);
  }

  private static ProposedOrder resized(ProposedOrder order, BigDecimal volume) {
    return new ProposedOrder(
        order.pair(),
        order.side(),
        volume,
        order.price(),
        order.orderType(),
        order.leverage(),
        order.stopLoss(),
        order.strategy(),
        order.clientOrderId(),
        order.reserve());
  }

  private static RiskBook randomBook(Random random) {
    int equity = 10_000 + random.nextInt(200_000);
    TestBook book =
        TestBook.of(
            String.valueOf(equity), String.valueOf(equity / 2 + random.nextInt(equity / 2)));
    if (random.nextBoolean()) {
      book.spot(XBT, decimal(random, 2), random.nextBoolean() ? "1" : "0.1");
    }
    if (random.nextBoolean()) {
      book.spot(ETH, decimal(random, 20));
    }
    if (random.nextBoolean()) {
      book.margin(SOLUSD, (random.nextBoolean() ? "-" : "") + decimal(random, 200), "3");
    }
    if (random.nextBoolean()) {
      book.correlated(Set.of(XBT, ETH));
    }
    RiskLimits limits =
        new RiskLimits(
            new BigDecimal(1 + random.nextInt(6)),
            new BigDecimal(5 + random.nextInt(60)),
            new BigDecimal("0.1"),
            new BigDecimal("10"),
            new BigDecimal(10 + random.nextInt(90)),
            random.nextBoolean()
                ? Optional.of(new BigDecimal(20 + random.nextInt(80)))
                : Optional.empty(),
            Optional.empty(),
            new BigDecimal(random.nextInt(30)));
    RiskPolicy policy =
        withClasses(
            random.nextBoolean()
                ? List.of(
                    new AssetClass(
                        "alts",
                        Set.of(ETH, SOL),
                        false,
                        Optional.of(new BigDecimal(10 + random.nextInt(60)))))
                : List.of());
    return book.policy(TestBook.withLimits(policy, limits)).build();
  }

  private static String decimal(Random random, int scale) {
    return new BigDecimal(random.nextInt(scale * 1000) + 1).movePointLeft(3).toPlainString();
  }

  private static RiskPolicy withClasses(List<AssetClass> classes) {
    RiskPolicy d = RiskPolicy.DEFAULT;
    return new RiskPolicy(
        d.limits(),
        d.strategies(),
        classes,
        d.correlationThreshold(),
        d.correlationWindowDays(),
        d.drawdown(),
        d.refuseOnDrift(),
        d.refuseOnStalePrices(),
        d.sizingFeePct());
  }
}
