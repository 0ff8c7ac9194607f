package io.tally.engine.paper;

import static io.tally.engine.paper.PaperFixtures.ETH;
import static io.tally.engine.paper.PaperFixtures.T0;
import static io.tally.engine.paper.PaperFixtures.XBT;
import static io.tally.engine.paper.PaperFixtures.bd;
import static io.tally.engine.paper.PaperFixtures.hours;
import static io.tally.engine.paper.PaperFixtures.minutes;
import static io.tally.engine.paper.PaperFixtures.noSlippage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tally.ledger.EventId;
import io.tally.ledger.Side;
import io.tally.margin.CarryCharge;
import io.tally.margin.CarryKind;
import io.tally.margin.MarginAccount;
import io.tally.margin.MarginBook;
import io.tally.margin.MarginEvent;
import io.tally.margin.MarginFill;
import io.tally.margin.TradeLifecycle;
import io.tally.margin.TradeStatus;
import io.tally.money.Pair;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Worked examples of paper accounts, the arithmetic beside each assertion. */
class PaperAccountTest {

  private final ScriptedMarket market = new ScriptedMarket();

  private static MarginFill fill(MarginEvent event) {
    return (MarginFill) event;
  }

  @Test
  void openingDepositsTheInitialBalance() {
    PaperAccount account = PaperAccount.open(PaperTerms.of("demo"), market, T0);

    assertThat(account.events()).hasSize(1);
    assertThat(account.events().get(0).id()).isEqualTo(EventId.of("demo-D1"));
    assertThat(account.collateral().code()).isEqualTo("USDT");
    assertThat(account.account().collateral()).isEqualByComparingTo("10000");
    assertThat(account.summary().equity()).isEqualByComparingTo("10000");
  }

  @Nested
  class MarketOrders {

    @Test
    void aMarketBuyFillsAtTheAskPlusSlippageAndPaysTheTakerFee() {
      market.quote(XBT, T0, bd("59990"), bd("60000"), bd("59995"));
      PaperTerms terms =
          PaperTerms.of("demo").withSlippage(new SlippageModel(bd("2"), bd("1"), bd("10000")));
      PaperAccount account = PaperAccount.open(terms, market, T0);

      PaperOrder order = account.placeOrder(OrderRequest.market(XBT, Side.BUY, bd("0.1")));

      assertThat(order.status()).isEqualTo(OrderStatus.FILLED);
      // notional at the ask 0.1 × 60,000 = 6,000; slippage 2 + 1 × 6,000 ÷ 10,000 = 2.6 bps
      // price 60,000 × (1 + 0.00026) = 60,015.6
      assertThat(order.averagePrice()).contains(bd("60015.6"));
      MarginFill fill = fill(account.events().get(1));
      assertThat(fill.id()).isEqualTo(EventId.of("demo-T1"));
      assertThat(fill.price()).isEqualByComparingTo("60015.6");
      // value 0.1 × 60,015.6 = 6,001.56; taker 0.40 % → 24.00624
      assertThat(fill.fee()).isEqualByComparingTo("24.00624");
      assertThat(order.fees()).isEqualByComparingTo("24.00624");
      assertThat(order.fills()).containsExactly(fill.id());
      // collateral 10,000 − 24.00624; marked at the last 59,995: 0.1 × 59,995 − 6,001.56 = −2.06
      assertThat(account.account().collateral()).isEqualByComparingTo("9975.99376");
      assertThat(account.summary().unrealizedPnl()).isEqualByComparingTo("-2.06");
      assertThat(account.summary().equity()).isEqualByComparingTo("9973.93376");
    }

    @Test
    void aMarketSellFillsAtTheBidLessSlippage() {
      market.quote(XBT, T0, bd("59990"), bd("60000"), bd("59995"));
      PaperTerms terms =
          PaperTerms.of("demo").withSlippage(new SlippageModel(bd("2"), bd("0"), bd("1")));
      PaperAccount account = PaperAccount.open(terms, market, T0);

      PaperOrder order =
          account.placeOrder(OrderRequest.market(XBT, Side.SELL, bd("0.1")).withLeverage(2));

      // 59,990 × (1 − 0.0002) = 59,978.002: a short at 2×
      assertThat(order.averagePrice()).contains(bd("59978.002"));
      assertThat(account.account().position(XBT).size()).isEqualByComparingTo("-0.1");
      assertThat(account.account().position(XBT).leverage()).isEqualTo(2);
    }

    @Test
    void aLimitAlreadyThroughTheMarketFillsAtOnceAtTheTouchAsTaker() {
      market.quote(XBT, T0, bd("59990"), bd("60010"), bd("60000"));
      PaperAccount account = PaperAccount.open(noSlippage(), market, T0);

      PaperOrder order =
          account.placeOrder(OrderRequest.limit(XBT, Side.BUY, bd("0.1"), bd("61000")));

      // fills at the ask 60,010, not at its limit: 6,001 × 0.40 % = 24.004
      assertThat(order.status()).isEqualTo(OrderStatus.FILLED);
      assertThat(order.averagePrice()).contains(bd("60010"));
      assertThat(order.fees()).isEqualByComparingTo("24.004");
    }

    @Test
    void seedsKpiALongOpenedAt60000AndClosedAt60500IsAClosedTradeWithItsLine() {
      market.price(XBT, T0, bd("60000")).price(XBT, hours(1), bd("60500"));
      PaperAccount account = PaperAccount.open(noSlippage(), market, T0);

      account.placeOrder(OrderRequest.market(XBT, Side.BUY, bd("0.1")).withStrategy("kpi"));
      account.advanceTo(hours(1));
      account.placeOrder(OrderRequest.market(XBT, Side.SELL, bd("0.1")).withStrategy("kpi"));

      MarginAccount after = account.account();
      assertThat(after.trades()).hasSize(1);
      TradeLifecycle trade = after.trades().get(0);
      assertThat(trade.status()).isEqualTo(TradeStatus.CLOSED);
      // realized 0.1 × (60,500 − 60,000) = 50; fees 0.40 % of 6,000 and of 6,050 = 24 + 24.20
      assertThat(trade.realizedPnl()).isPositive().isEqualByComparingTo("50");
      assertThat(trade.feesPaid()).isPositive().isEqualByComparingTo("48.20");
      assertThat(trade.closedLine())
          .isEqualTo(
              "TRADE_CLOSED id=demo-T1 pair=XBT/USDT side=long qty=0.1 entry=60000 exit=60500"
                  + " fee_paid=48.20000000 funding_paid=0.00000000 realized_pnl=50.00000000"
                  + " net_pnl=1.80000000");
      // equity 10,000 + 50 − 48.20 = 10,001.80
      assertThat(account.summary().equity()).isEqualByComparingTo("10001.80");
    }
  }

  @Nested
  class LimitOrders {

    @Test
    void aRestingLimitFillsInPartsAgainstTradesThroughItsPriceThenCancelKeepsTheFills() {
      market.quote(XBT, T0, bd("59990"), bd("60010"), bd("60000"));
      market.trade(XBT, minutes(1), bd("58990"), bd("0.05"), Side.SELL);
      market.trade(XBT, minutes(2), bd("59000"), bd("1"), Side.SELL); // at the limit: nothing
      market.trade(XBT, minutes(3), bd("59100"), bd("1"), Side.BUY); // above it: nothing
      market.trade(XBT, minutes(4), bd("58950"), bd("0.07"), Side.SELL);
      market.trade(XBT, minutes(6), bd("58000"), bd("1"), Side.SELL); // after the cancel
      PaperAccount account = PaperAccount.open(PaperTerms.of("demo"), market, T0);

      PaperOrder placed =
          account.placeOrder(
              OrderRequest.limit(XBT, Side.BUY, bd("0.2"), bd("59000")).withLeverage(2));
      assertThat(placed.status()).isEqualTo(OrderStatus.OPEN);
      List<MarginEvent> produced = account.advanceTo(minutes(5));

      // two fills at the order's own price, each at most the trade's volume, maker 0.25 %:
      // 0.05 × 59,000 = 2,950 → 7.375; 0.07 × 59,000 = 4,130 → 10.325
      assertThat(produced).hasSize(2);
      assertThat(fill(produced.get(0)).quantity()).isEqualByComparingTo("0.05");
      assertThat(fill(produced.get(0)).price()).isEqualByComparingTo("59000");
      assertThat(fill(produced.get(0)).fee()).isEqualByComparingTo("7.375");
      assertThat(fill(produced.get(0)).at()).isEqualTo(minutes(1));
      assertThat(fill(produced.get(1)).quantity()).isEqualByComparingTo("0.07");
      assertThat(fill(produced.get(1)).fee()).isEqualByComparingTo("10.325");
      PaperOrder partly = account.order(placed.id());
      assertThat(partly.status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
      assertThat(partly.filledVolume()).isEqualByComparingTo("0.12");
      assertThat(partly.averagePrice()).contains(bd("59000"));
      assertThat(partly.fees()).isEqualByComparingTo("17.70");

      MarginAccount beforeCancel = account.account();
      PaperOrder canceled = account.cancelOrder(placed.id());

      assertThat(canceled.status()).isEqualTo(OrderStatus.CANCELED);
      assertThat(canceled.filledVolume()).isEqualByComparingTo("0.12");
      assertThat(canceled.remainingVolume()).isEqualByComparingTo("0.08");
      assertThat(canceled.reason()).contains("canceled by request");
      assertThat(account.account()).isEqualTo(beforeCancel);
      assertThat(account.advanceTo(minutes(7))).isEmpty();
      assertThat(account.events()).hasSize(3);
      // long 0.12 at 2×; collateral 10,000 − 17.70
      assertThat(account.account().position(XBT).size()).isEqualByComparingTo("0.12");
      assertThat(account.account().position(XBT).leverage()).isEqualTo(2);
      assertThat(account.account().collateral()).isEqualByComparingTo("9982.30");
      assertThat(account.openOrders()).isEmpty();
    }

    @Test
    void oneTradeServesTheHigherBidFirstAndNoMoreThanItsVolume() {
      market.quote(XBT, T0, bd("59990"), bd("60010"), bd("60000"));
      market.trade(XBT, minutes(1), bd("58000"), bd("0.15"), Side.SELL);
      PaperAccount account = PaperAccount.open(PaperTerms.of("demo"), market, T0);
      PaperOrder lower =
          account.placeOrder(
              OrderRequest.limit(XBT, Side.BUY, bd("0.1"), bd("59000")).withLeverage(5));
      PaperOrder higher =
          account.placeOrder(
              OrderRequest.limit(XBT, Side.BUY, bd("0.1"), bd("59500")).withLeverage(5));

      account.advanceTo(minutes(2));

      // 0.15 traded: 0.1 to the 59,500 bid, the remaining 0.05 to the 59,000 one
      assertThat(account.order(higher.id()).status()).isEqualTo(OrderStatus.FILLED);
      assertThat(account.order(lower.id()).filledVolume()).isEqualByComparingTo("0.05");
    }

    @Test
    void aCanceledOrderThatNeverFilledChangesNothing() {
      market.quote(XBT, T0, bd("59990"), bd("60010"), bd("60000"));
      market.trade(XBT, minutes(2), bd("58000"), bd("1"), Side.SELL);
      PaperAccount account = PaperAccount.open(PaperTerms.of("demo"), market, T0);
      PaperOrder order =
          account.placeOrder(OrderRequest.limit(XBT, Side.BUY, bd("0.1"), bd("59000")));
      account.advanceTo(minutes(1));

      PaperOrder canceled = account.cancelOrder(order.id());
      account.advanceTo(minutes(3));

      assertThat(canceled.status()).isEqualTo(OrderStatus.CANCELED);
      assertThat(canceled.fills()).isEmpty();
      assertThat(account.events()).hasSize(1);
      assertThat(account.account().openPositions()).isEmpty();
      // a second cancel answers the order as it stands
      assertThat(account.cancelOrder(order.id())).isEqualTo(canceled);
    }
  }

  @Nested
  class TriggeredOrders {

    @Test
    void aStopLossTriggersWhenATradeFallsToItAndFillsAtTheBid() {
      market.price(XBT, T0, bd("60000"));
      market.trade(XBT, minutes(1), bd("59500"), bd("0.3"), Side.SELL); // above the trigger
      market.quote(XBT, minutes(2), bd("58880"), bd("58920"), bd("58900"));
      market.trade(XBT, minutes(2), bd("58900"), bd("0.2"), Side.SELL); // through it
      PaperAccount account = PaperAccount.open(noSlippage(), market, T0);
      account.placeOrder(OrderRequest.market(XBT, Side.BUY, bd("0.1")));

      PaperOrder stop =
          account.placeOrder(OrderRequest.stopLoss(XBT, Side.SELL, bd("0.1"), bd("59000")));
      assertThat(stop.status()).isEqualTo(OrderStatus.OPEN);
      List<MarginEvent> produced = account.advanceTo(minutes(3));

      // triggered at 58,900 ≤ 59,000, sold at the bid 58,880 as a taker:
      // fee 0.40 % × 5,888 = 23.552; realized 0.1 × (58,880 − 60,000) = −112
      assertThat(produced).hasSize(1);
      assertThat(fill(produced.get(0)).at()).isEqualTo(minutes(2));
      assertThat(fill(produced.get(0)).price()).isEqualByComparingTo("58880");
      assertThat(fill(produced.get(0)).fee()).isEqualByComparingTo("23.552");
      assertThat(account.order(stop.id()).status()).isEqualTo(OrderStatus.FILLED);
      TradeLifecycle trade = account.account().closedTrades().get(0);
      assertThat(trade.realizedPnl()).isEqualByComparingTo("-112");
      // net −112 − 24 − 23.552; collateral 10,000 − 159.552
      assertThat(trade.netPnl()).isEqualByComparingTo("-159.552");
      assertThat(account.account().collateral()).isEqualByComparingTo("9840.448");
    }

    @Test
    void aTakeProfitTriggersWhenTheLastPriceRisesToIt() {
      market.price(XBT, T0, bd("60000"));
      market.trade(XBT, minutes(1), bd("60900"), bd("0.3"), Side.BUY);
      market.quote(XBT, minutes(2), bd("61040"), bd("61060"), bd("61050"));
      market.trade(XBT, minutes(2), bd("61050"), bd("0.2"), Side.BUY);
      PaperAccount account = PaperAccount.open(noSlippage(), market, T0);
      account.placeOrder(OrderRequest.market(XBT, Side.BUY, bd("0.1")));

      PaperOrder takeProfit =
          account.placeOrder(OrderRequest.takeProfit(XBT, Side.SELL, bd("0.1"), bd("61000")));
      account.advanceTo(minutes(1));
      assertThat(account.order(takeProfit.id()).status()).isEqualTo(OrderStatus.OPEN);
      account.advanceTo(minutes(3));

      // sold at the bid 61,040: realized 0.1 × 1,040 = 104, fee 0.40 % × 6,104 = 24.416
      assertThat(account.order(takeProfit.id()).averagePrice()).contains(bd("61040"));
      TradeLifecycle trade = account.account().closedTrades().get(0);
      assertThat(trade.realizedPnl()).isEqualByComparingTo("104");
      assertThat(trade.feesPaid()).isEqualByComparingTo("48.416");
    }

    @Test
    void aStopTheQuoteAlreadyReachedFillsAtOnce() {
      market.price(XBT, T0, bd("60000"));
      PaperAccount account = PaperAccount.open(noSlippage(), market, T0);

      PaperOrder stop =
          account.placeOrder(OrderRequest.stopLoss(XBT, Side.BUY, bd("0.1"), bd("59000")));

      assertThat(stop.status()).isEqualTo(OrderStatus.FILLED);
      assertThat(stop.averagePrice()).contains(bd("60000"));
    }

    @Test
    void aStopTriggersOnTheQuoteWithoutAnyTrade() {
      market.price(XBT, T0, bd("60000")).price(XBT, minutes(5), bd("58000"));
      PaperAccount account = PaperAccount.open(noSlippage(), market, T0);
      account.placeOrder(OrderRequest.market(XBT, Side.BUY, bd("0.1")));
      PaperOrder stop =
          account.placeOrder(OrderRequest.stopLoss(XBT, Side.SELL, bd("0.1"), bd("59000")));

      account.advanceTo(minutes(10));

      assertThat(account.order(stop.id()).averagePrice()).contains(bd("58000"));
      assertThat(fill(account.events().get(2)).at()).isEqualTo(minutes(10));
    }
  }

  @Nested
  class Funding {

    @Test
    void aFiveTimesLongIsFundedTwiceOverSixteenHours() {
      market.price(XBT, T0, bd("60000")).price(XBT, hours(8), bd("61000"));
      market.price(XBT, hours(16), bd("62000")).price(ETH, T0, bd("3000"));
      PaperAccount account = PaperAccount.open(noSlippage(), market, T0);
      account.placeOrder(OrderRequest.market(XBT, Side.BUY, bd("0.5")).withLeverage(5));
      account.placeOrder(OrderRequest.market(ETH, Side.BUY, bd("0.5"))); // 1×: never funded

      List<MarginEvent> produced = account.advanceTo(hours(16));

      // 08:00: 0.5 × 61,000 × 0.0001 = 3.05; 16:00: 0.5 × 62,000 × 0.0001 = 3.10
      assertThat(produced)
          .containsExactly(
              new CarryCharge(EventId.of("demo-F1"), hours(8), XBT, CarryKind.FUNDING, bd("3.05")),
              new CarryCharge(
                  EventId.of("demo-F2"), hours(16), XBT, CarryKind.FUNDING, bd("3.10")));
      assertThat(account.account().position(XBT).fundingPaid()).isEqualByComparingTo("6.15");
      assertThat(account.account().position(ETH).fundingPaid()).isZero();
      // fees: 0.40 % of 30,000 = 120; the ETH buy comes after 30,000 of 30-day volume, so it
      // pays the 10,000 tier's 0.35 % of 1,500 = 5.25; collateral 10,000 − 125.25 − 6.15
      assertThat(account.account().collateral()).isEqualByComparingTo("9868.60");
    }

    @Test
    void aLeveragedShortReceivesAPositiveRate() {
      market.price(XBT, T0, bd("60000")).price(XBT, hours(8), bd("61000"));
      PaperAccount account = PaperAccount.open(noSlippage(), market, T0.plusSeconds(60));
      account.placeOrder(OrderRequest.market(XBT, Side.SELL, bd("0.5")).withLeverage(5));

      List<MarginEvent> produced = account.advanceTo(hours(9));

      // −0.5 × 61,000 × 0.0001 = −3.05: received
      assertThat(produced).hasSize(1);
      assertThat(((CarryCharge) produced.get(0)).amount()).isEqualByComparingTo("-3.05");
    }
  }

  @Nested
  class Rejections {

    @Test
    void aPairNotQuotedInTheCollateralIsRefusedAndNothingIsRecorded() {
      PaperAccount account = PaperAccount.open(PaperTerms.of("demo"), market, T0);

      assertThatThrownBy(
              () ->
                  account.placeOrder(
                      OrderRequest.market(Pair.parse("XBT/EUR"), Side.BUY, bd("0.1"))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("pair XBTEUR is quoted in EUR, not in the collateral USDT");
      assertThat(account.orders()).isEmpty();
    }

    @Test
    void aLeverageAboveTheMaximumIsRefused() {
      PaperAccount account = PaperAccount.open(PaperTerms.of("demo"), market, T0);

      assertThatThrownBy(
              () ->
                  account.placeOrder(
                      OrderRequest.market(XBT, Side.BUY, bd("0.1")).withLeverage(126)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("leverage must be between 1 and 125 for XBTUSDT, got 126");
    }

    @Test
    void aMarketOrderWithoutAPriceIsRejected() {
      PaperAccount account = PaperAccount.open(PaperTerms.of("demo"), market, T0);

      PaperOrder order = account.placeOrder(OrderRequest.market(XBT, Side.BUY, bd("0.1")));

      assertThat(order.status()).isEqualTo(OrderStatus.REJECTED);
      assertThat(order.reason())
          .contains("EOrder:No market price for XBTUSDT at 2026-03-02T00:00:00Z");
      assertThat(account.events()).hasSize(1);
    }

    @Test
    void anOrderBeyondTheFreeMarginIsRejectedAsInsufficientMargin() {
      market.price(XBT, T0, bd("60000"));
      PaperAccount account = PaperAccount.open(noSlippage(), market, T0);

      PaperOrder tooBig = account.placeOrder(OrderRequest.market(XBT, Side.BUY, bd("0.2")));

      // needs 0.2 × 60,000 ÷ 1 + 0.40 % × 12,000 = 12,048; free 10,000 − 10 % reserve = 9,000
      assertThat(tooBig.status()).isEqualTo(OrderStatus.REJECTED);
      assertThat(tooBig.reason())
          .contains(
              "EOrder:Insufficient margin: needs 12048.00000000 USDT (initial margin and taker"
                  + " fee), 9000.00000000 USDT free after the reserve and open orders");
      assertThat(account.events()).hasSize(1);
      assertThat(account.orders()).containsExactly(tooBig);
      // at 2× it needs 6,000 + 48 = 6,048
      assertThat(
              account
                  .placeOrder(OrderRequest.market(XBT, Side.BUY, bd("0.2")).withLeverage(2))
                  .status())
          .isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void openOrdersHoldTheirMargin() {
      market.quote(XBT, T0, bd("59990"), bd("60010"), bd("60000"));
      PaperAccount account = PaperAccount.open(PaperTerms.of("demo"), market, T0);
      OrderRequest bid = OrderRequest.limit(XBT, Side.BUY, bd("0.2"), bd("59000")).withLeverage(2);

      // 0.2 × 59,000 ÷ 2 = 5,900 (+ 47.20 fee) of 9,000: accepted, and holds 5,900
      assertThat(account.placeOrder(bid).status()).isEqualTo(OrderStatus.OPEN);
      PaperOrder second = account.placeOrder(bid);

      assertThat(second.status()).isEqualTo(OrderStatus.REJECTED);
      assertThat(second.reason())
          .contains(
              "EOrder:Insufficient margin: needs 5947.20000000 USDT (initial margin and taker"
                  + " fee), 3100.00000000 USDT free after the reserve and open orders");
    }

    @Test
    void anOrderAddingToAPositionAtAnotherLeverageIsRejected() {
      market.price(XBT, T0, bd("60000"));
      PaperAccount account = PaperAccount.open(noSlippage(), market, T0);
      account.placeOrder(OrderRequest.market(XBT, Side.BUY, bd("0.1")).withLeverage(5));

      PaperOrder adding =
          account.placeOrder(OrderRequest.market(XBT, Side.BUY, bd("0.1")).withLeverage(2));

      assertThat(adding.reason())
          .contains(
              "EOrder:Cannot open position: leverage 2 differs from the 5 of the open XBTUSDT"
                  + " position");
      // reducing at any leverage is fine
      assertThat(
              account
                  .placeOrder(OrderRequest.market(XBT, Side.SELL, bd("0.1")).withLeverage(2))
                  .status())
          .isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void anUnknownOrderIdIsNotFound() {
      PaperAccount account = PaperAccount.open(PaperTerms.of("demo"), market, T0);

      assertThatThrownBy(() -> account.cancelOrder("demo-O99"))
          .isInstanceOf(PaperOrderNotFoundException.class)
          .hasMessage("EOrder:Unknown order: demo-O99");
      assertThat(account.findOrder("demo-O99")).isEmpty();
    }

    @Test
    void timeDoesNotGoBack() {
      PaperAccount account = PaperAccount.open(PaperTerms.of("demo"), market, hours(1));

      assertThatThrownBy(() -> account.advanceTo(T0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "until 2026-03-02T00:00:00Z is before the account's time 2026-03-02T01:00:00Z");
    }
  }

  @Test
  void finishedOrdersBeyondTheRecentCountAreNoLongerListed() {
    market.price(XBT, T0, bd("60000"));
    PaperAccount account = PaperAccount.open(noSlippage().withRecentOrders(2), market, T0);
    for (int i = 0; i < 3; i++) {
      account.placeOrder(OrderRequest.market(XBT, Side.BUY, bd("0.01")));
    }

    assertThat(account.orders()).extracting(PaperOrder::id).containsExactly("demo-O2", "demo-O3");
    assertThat(account.events()).hasSize(4);
  }

  @Test
  void replayingTheLogGivesTheSameAccount() {
    market.price(XBT, T0, bd("60000")).price(XBT, hours(8), bd("61000"));
    PaperAccount account = PaperAccount.open(noSlippage(), market, T0);
    account.placeOrder(
        OrderRequest.market(XBT, Side.BUY, bd("0.1"))
            .withLeverage(3)
            .withClientOrderId("my-1")
            .withStrategy("trend"));
    account.advanceTo(hours(9));

    assertThat(MarginBook.replay(account.terms().margin(), account.events()))
        .isEqualTo(account.account());
    assertThat(account.orders().get(0).request().clientOrderId()).isEqualTo(Optional.of("my-1"));
    assertThat(account.eventsFrom(2)).hasSize(1);
  }

  @Test
  void eventsWhoseEntriesAStoreTookCanBeForgottenLeavingTheAccountAsItWas() {
    market.price(XBT, T0, bd("60000"));
    PaperAccount account = PaperAccount.open(noSlippage(), market, T0);
    account.placeOrder(OrderRequest.market(XBT, Side.BUY, bd("0.1")));
    // The deposit and the fill: their entries go to the store, then the events are forgotten.
    account.takeLedgerEntries();
    account.placeOrder(OrderRequest.market(XBT, Side.SELL, bd("0.04")));
    MarginAccount before = account.account();
    List<MarginEvent> notTaken = account.events().subList(2, 3);

    account.forgetStoredEvents();

    assertThat(account.events()).isEqualTo(notTaken);
    assertThat(account.eventsFrom(2)).isEqualTo(notTaken);
    assertThatThrownBy(() -> account.eventsFrom(1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("index must be between 2 and 3, got 1");
    assertThat(account.account()).isEqualTo(before);
    // Ids go on; the next take and forget leave nothing held, the closed trade included.
    account.placeOrder(OrderRequest.market(XBT, Side.SELL, bd("0.06")));
    assertThat(account.events().get(1).id()).isEqualTo(EventId.of("demo-T3"));
    MarginAccount closed = account.account();
    assertThat(closed.trades())
        .extracting(TradeLifecycle::status)
        .containsExactly(TradeStatus.CLOSED);
    account.takeLedgerEntries();
    account.forgetStoredEvents();
    assertThat(account.events()).isEmpty();
    assertThat(account.account().trades()).isEmpty();
    assertThat(account.account().openPositions()).isEmpty();
    assertThat(account.account().collateral()).isEqualByComparingTo(closed.collateral());
    assertThat(account.summary()).isEqualTo(closed.summary());
  }

  @Test
  void theSameCallsGiveTheSameEvents() {
    market.price(XBT, T0, bd("60000"));
    List<List<MarginEvent>> runs =
        List.of(1, 2).stream()
            .map(
                run -> {
                  PaperAccount account = PaperAccount.open(PaperTerms.of("demo"), market, T0);
                  account.placeOrder(OrderRequest.market(XBT, Side.BUY, new BigDecimal("0.1")));
                  return account.events();
                })
            .toList();

    assertThat(runs.get(0)).isEqualTo(runs.get(1));
  }
}
