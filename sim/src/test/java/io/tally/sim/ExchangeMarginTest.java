package io.tally.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Worked margin examples on a bare account (100 000 USD, taker fee 0.4 %, rollover 0.02 % per 4
 * hours): the arithmetic is in the comments beside the assertions.
 */
class ExchangeMarginTest {

  private static final String XBTUSD = "XXBTZUSD";
  private static final String ETHUSD = "XETHZUSD";
  private static final Instant T0 = MarginDesk.START.plus(Duration.ofHours(1));

  private static BigDecimal usd(String value) {
    return new BigDecimal(value);
  }

  private final MarginDesk desk = new MarginDesk(3, usd("100000"));

  @Nested
  class OpeningAndClosing {

    @Test
    void aLongOpensWithAZeroAmountMarginRowAndClosesWithItsProfit() {
      // Open: 0.1 XBT × 60 000 = 6 000 cost; fee 0.4 % × 6 000 = 24; margin 6 000 / 2 = 3 000.
      Fill open = desk.trade(T0, XBTUSD, Side.BUY, "0.1", "60000", 2).get(0);
      assertThat(open.cost()).isEqualByComparingTo("6000");
      assertThat(open.fee()).isEqualByComparingTo("24");
      MarginTrade opening = open.margin().orElseThrow();
      assertThat(opening.effect()).isEqualTo(MarginTrade.Effect.OPENS);
      assertThat(opening.margin()).isEqualByComparingTo("3000");
      assertThat(opening.positionTxid()).isEqualTo(open.txid());
      LedgerEntry openRow = desk.lastRow();
      assertThat(openRow.type()).isEqualTo("margin");
      assertThat(openRow.refid()).isEqualTo(open.txid());
      assertThat(openRow.asset()).isEqualTo("ZUSD");
      assertThat(openRow.amount()).isEqualByComparingTo("0");
      assertThat(openRow.fee()).isEqualByComparingTo("24");
      // 100 000 − 24 = 99 976: no spot balance moves, only the fee.
      assertThat(openRow.balance()).isEqualByComparingTo("99976");
      assertThat(desk.exchange.balance("XXBT").signum()).isZero();

      Position position = desk.exchange.findPosition(open.txid()).orElseThrow();
      assertThat(position.side()).isEqualTo(Side.BUY);
      assertThat(position.vol()).isEqualByComparingTo("0.1");
      assertThat(position.margin()).isEqualByComparingTo("3000");
      assertThat(position.terms()).isEqualTo("0.0200% per 4 hours");
      assertThat(position.rolloverTime()).isEqualTo(open.time().plus(Duration.ofHours(4)));

      // Close at 60 500: cost 6 050, profit 6 050 − 6 000 = +50, fee 0.4 % × 6 050 = 24.20.
      Fill close = desk.trade(T0.plusSeconds(600), XBTUSD, Side.SELL, "0.1", "60500", 2).get(0);
      MarginTrade closing = close.margin().orElseThrow();
      assertThat(closing.effect()).isEqualTo(MarginTrade.Effect.CLOSES);
      assertThat(closing.positionTxid()).isEqualTo(open.txid());
      assertThat(closing.profit()).isEqualByComparingTo("50");
      assertThat(close.fee()).isEqualByComparingTo("24.2");
      LedgerEntry closeRow = desk.lastRow();
      assertThat(closeRow.type()).isEqualTo("margin");
      assertThat(closeRow.refid()).isEqualTo(close.txid());
      assertThat(closeRow.amount()).isEqualByComparingTo("50");
      assertThat(closeRow.fee()).isEqualByComparingTo("24.2");
      // 99 976 + 50 − 24.20 = 100 001.80
      assertThat(closeRow.balance()).isEqualByComparingTo("100001.8");
      assertThat(desk.exchange.openPositions()).isEmpty();
      Position closed = desk.exchange.findPosition(open.txid()).orElseThrow();
      assertThat(closed.isOpen()).isFalse();
      // net = 50 − 24.20 = 25.80 (what the closing row added)
      assertThat(closed.net()).isEqualByComparingTo("25.8");
    }

    @Test
    void aShortGainsWhenThePriceFalls() {
      // Open: 0.2 ETH × 3 000 = 600; fee 2.40; margin 600 / 3 = 200.
      Fill open = desk.trade(T0, ETHUSD, Side.SELL, "0.2", "3000", 3).get(0);
      assertThat(open.margin().orElseThrow().margin()).isEqualByComparingTo("200");
      assertThat(desk.lastRow().fee()).isEqualByComparingTo("2.4");
      // Close at 2 900: cost 580, profit 600 − 580 = +20, fee 0.4 % × 580 = 2.32.
      Fill close = desk.trade(T0.plusSeconds(60), ETHUSD, Side.BUY, "0.2", "2900", 3).get(0);
      assertThat(close.margin().orElseThrow().profit()).isEqualByComparingTo("20");
      assertThat(desk.lastRow().amount()).isEqualByComparingTo("20");
      assertThat(desk.lastRow().fee()).isEqualByComparingTo("2.32");
      // 100 000 − 2.40 + 20 − 2.32 = 100 015.28
      assertThat(desk.exchange.balance("ZUSD")).isEqualByComparingTo("100015.28");
    }

    @Test
    void aPartialCloseReleasesItsShareOfCostAndMargin() {
      Fill open = desk.trade(T0, XBTUSD, Side.BUY, "0.1", "60000", 2).get(0);
      // Sell 0.04 at 61 000: cost 2 440; released cost 6 000 × 0.04 / 0.1 = 2 400; profit +40;
      // fee 0.4 % × 2 440 = 9.76; released margin 3 000 × 0.4 = 1 200.
      Fill close = desk.trade(T0.plusSeconds(60), XBTUSD, Side.SELL, "0.04", "61000", 2).get(0);
      assertThat(close.margin().orElseThrow().profit()).isEqualByComparingTo("40");
      Position position = desk.exchange.findPosition(open.txid()).orElseThrow();
      assertThat(position.isOpen()).isTrue();
      assertThat(position.volClosed()).isEqualByComparingTo("0.04");
      assertThat(position.openVol()).isEqualByComparingTo("0.06");
      assertThat(position.openCost()).isEqualByComparingTo("3600");
      assertThat(position.openMargin()).isEqualByComparingTo("1800");
      assertThat(position.closedCost()).isEqualByComparingTo("2440");
      assertThat(position.closedFee()).isEqualByComparingTo("9.76");
      assertThat(position.closedMargin()).isEqualByComparingTo("1200");
      // net = 40 − 9.76 = 30.24
      assertThat(position.net()).isEqualByComparingTo("30.24");
      assertThat(position.closingTrades()).containsExactly(close.txid());
    }

    @Test
    void aFillBeyondTheOpenVolumeClosesAndOpensTheOtherWay() {
      Fill open = desk.trade(T0, XBTUSD, Side.BUY, "0.1", "60000", 2).get(0);
      // Sell 0.25 at 59 000: a closing trade of 0.1 (cost 5 900, profit 5 900 − 6 000 = −100,
      // fee 23.60), then an opening short of 0.15 (cost 8 850, fee 35.40, margin 4 425).
      List<Fill> trades = desk.trade(T0.plusSeconds(60), XBTUSD, Side.SELL, "0.25", "59000", 2);
      assertThat(trades).hasSize(2);
      Fill closing = trades.get(0);
      Fill opening = trades.get(1);
      assertThat(closing.vol()).isEqualByComparingTo("0.1");
      assertThat(closing.margin().orElseThrow().profit()).isEqualByComparingTo("-100");
      assertThat(closing.margin().orElseThrow().positionTxid()).isEqualTo(open.txid());
      assertThat(closing.fee()).isEqualByComparingTo("23.6");
      assertThat(opening.vol()).isEqualByComparingTo("0.15");
      assertThat(opening.fee()).isEqualByComparingTo("35.4");
      assertThat(opening.margin().orElseThrow().margin()).isEqualByComparingTo("4425");
      List<Position> open2 = desk.exchange.openPositions();
      assertThat(open2).hasSize(1);
      assertThat(open2.get(0).txid()).isEqualTo(opening.txid());
      assertThat(open2.get(0).side()).isEqualTo(Side.SELL);
      // Both trades belong to one order, which is closed.
      Order order = desk.exchange.findOrder(opening.orderTxid()).orElseThrow();
      assertThat(order.tradeIds()).containsExactly(closing.txid(), opening.txid());
      assertThat(order.status()).isEqualTo(OrderStatus.CLOSED);
      // 100 000 − 24 − 100 − 23.60 − 35.40 = 99 817
      assertThat(desk.exchange.balance("ZUSD")).isEqualByComparingTo("99817");
    }

    @Test
    void closesTakeTheOldestPositionFirst() {
      Fill first = desk.trade(T0, XBTUSD, Side.BUY, "0.1", "60000", 2).get(0);
      Fill second = desk.trade(T0.plusSeconds(60), XBTUSD, Side.BUY, "0.1", "61000", 3).get(0);
      List<Fill> trades = desk.trade(T0.plusSeconds(120), XBTUSD, Side.SELL, "0.15", "62000", 2);
      assertThat(trades)
          .extracting(fill -> fill.margin().orElseThrow().positionTxid())
          .containsExactly(first.txid(), second.txid());
      // The first closes whole (+200), the second half: 0.05 × (62 000 − 61 000) = +50.
      assertThat(trades.get(0).margin().orElseThrow().profit()).isEqualByComparingTo("200");
      assertThat(trades.get(1).margin().orElseThrow().profit()).isEqualByComparingTo("50");
      // The closing trade's margin uses its position's leverage: 0.05 × 62 000 / 3 = 1 033.3333.
      assertThat(trades.get(1).margin().orElseThrow().margin()).isEqualByComparingTo("1033.3333");
    }
  }

  @Nested
  class Rollovers {

    @Test
    void anOpenPositionPaysARolloverEveryFourHoursOfVirtualTime() {
      Fill open = desk.trade(T0, XBTUSD, Side.BUY, "0.1", "60000", 2).get(0);
      desk.simulation.runUntil(open.time().plus(Duration.ofHours(4)).minusSeconds(1));
      assertThat(rollovers()).isEmpty();
      desk.simulation.runUntil(open.time().plus(Duration.ofHours(4)));
      // 0.02 % × 6 000 = 1.20, refid = the position id, at the position's rollovertm.
      assertThat(rollovers()).hasSize(1);
      LedgerEntry first = rollovers().get(0);
      assertThat(first.refid()).isEqualTo(open.txid());
      assertThat(first.amount()).isEqualByComparingTo("0");
      assertThat(first.fee()).isEqualByComparingTo("1.2");
      assertThat(first.time()).isEqualTo(open.time().plus(Duration.ofHours(4)));
      // 100 000 − 24 − 1.20 = 99 974.80
      assertThat(first.balance()).isEqualByComparingTo("99974.8");
      desk.simulation.runUntil(open.time().plus(Duration.ofHours(8)).plusSeconds(30));
      assertThat(rollovers()).hasSize(2);
      assertThat(rollovers().get(1).time()).isEqualTo(open.time().plus(Duration.ofHours(8)));
      // 99 974.80 − 1.20 = 99 973.60
      assertThat(rollovers().get(1).balance()).isEqualByComparingTo("99973.6");
      assertThat(desk.exchange.findPosition(open.txid()).orElseThrow().rolloverTime())
          .isEqualTo(open.time().plus(Duration.ofHours(12)));
    }

    @Test
    void aPartlyClosedPositionPaysOnWhatIsStillOpen() {
      Fill open = desk.trade(T0, XBTUSD, Side.BUY, "0.1", "60000", 2).get(0);
      desk.trade(T0.plusSeconds(60), XBTUSD, Side.SELL, "0.04", "61000", 2);
      desk.simulation.runUntil(open.time().plus(Duration.ofHours(4)));
      // 0.02 % × (6 000 − 2 400) = 0.72
      assertThat(rollovers())
          .singleElement()
          .satisfies(row -> assertThat(row.fee()).isEqualByComparingTo("0.72"));
    }

    @Test
    void aClosedPositionPaysNoMoreRollovers() {
      Fill open = desk.trade(T0, XBTUSD, Side.BUY, "0.1", "60000", 2).get(0);
      desk.trade(T0.plusSeconds(60), XBTUSD, Side.SELL, "0.1", "60000", 2);
      desk.simulation.runUntil(open.time().plus(Duration.ofHours(9)));
      assertThat(rollovers()).isEmpty();
    }

    private List<LedgerEntry> rollovers() {
      return desk.exchange.ledger().stream().filter(row -> row.type().equals("rollover")).toList();
    }
  }

  @Nested
  class MarginCallsAndLiquidation {

    @Test
    void belowTheMarginStopTheMostLosingPositionIsLiquidatedFirst() {
      BigDecimal p = desk.price(XBTUSD, T0);
      // With P the market price: A = long 0.1 at 1.5 P, 5:1 (margin 0.03 P, loss 0.05 P);
      // B = long 0.1 at 1.02 P, 5:1 (margin 0.0204 P, loss 0.002 P); deposit 0.068 P.
      // Equity = 0.068 P − fees 0.001008 P − losses 0.052 P = 0.014992 P; margin 0.0504 P;
      // level 29.7 % < 40 %: A goes. After: equity 0.014592 P (A's close fee 0.0004 P), margin
      // 0.0204 P, level 71.5 %: above the stop, below the call level (80 %).
      MarginDesk small =
          new MarginDesk(3, p.multiply(new BigDecimal("0.068")).setScale(4, RoundingMode.DOWN));
      String a = small.rest(T0, XBTUSD, Side.BUY, "0.1", 5);
      String b = small.rest(T0, XBTUSD, Side.BUY, "0.1", 5);
      Fill fillA =
          small
              .fillAt(T0, a, p.multiply(new BigDecimal("1.5")).setScale(1, RoundingMode.HALF_EVEN))
              .get(0);
      Fill fillB =
          small
              .fillAt(T0, b, p.multiply(new BigDecimal("1.02")).setScale(1, RoundingMode.HALF_EVEN))
              .get(0);
      small.simulation.runUntil(T0.plus(Duration.ofMinutes(2)));

      assertThat(small.exchange.openPositions())
          .extracting(Position::txid)
          .containsExactly(fillB.txid());
      Position liquidated = small.exchange.findPosition(fillA.txid()).orElseThrow();
      assertThat(liquidated.isOpen()).isFalse();
      Fill closing = small.exchange.fills().get(small.exchange.fills().size() - 1);
      assertThat(closing.margin().orElseThrow().positionTxid()).isEqualTo(fillA.txid());
      Order order = small.exchange.findOrder(closing.orderTxid()).orElseThrow();
      assertThat(order.misc()).isEqualTo("liquidated");
      LedgerEntry row = small.lastRow();
      assertThat(row.type()).isEqualTo("margin");
      assertThat(row.amount().signum()).isNegative();
      assertThat(row.fee().signum()).isPositive();
      assertThat(small.exchange.marginCall()).isTrue();
      // In a margin call, an order that opens more is refused; one that reduces is not.
      assertThatThrownBy(
              () ->
                  small.exchange.submit(
                      small.exchange.lastTime(),
                      OrderRequest.market(XBTUSD, Side.BUY, new BigDecimal("0.001"))
                          .withLeverage(2),
                      Optional.empty()))
          .isInstanceOfSatisfying(
              OrderRejectedException.class,
              e -> assertThat(e.error()).isEqualTo("EOrder:Margin level too low"));
      small.exchange.submit(
          small.exchange.lastTime(),
          OrderRequest.market(XBTUSD, Side.SELL, new BigDecimal("0.1")).withLeverage(5),
          Optional.empty());
      assertThat(small.exchange.openPositions()).isEmpty();
    }

    @Test
    void aLevelAboveTheMarginCallLevelRaisesNoFlag() {
      desk.trade(T0, XBTUSD, Side.BUY, "0.1", "60000", 2);
      desk.simulation.runUntil(T0.plus(Duration.ofMinutes(5)));
      assertThat(desk.exchange.marginCall()).isFalse();
      assertThat(desk.exchange.openPositions()).hasSize(1);
    }
  }

  @Nested
  class Checks {

    @Test
    void leverageOutsideThePairsListIsRejectedWithKrakensError() {
      // DOT/USD lists [2, 3]; 4:1 is not among them.
      assertThat(rejection(OrderRequest.market("DOTUSD", Side.BUY, usd("10")).withLeverage(4)))
          .isEqualTo("EGeneral:Invalid arguments:leverage");
      assertThat(rejection(OrderRequest.market(XBTUSD, Side.SELL, usd("0.01")).withLeverage(6)))
          .isEqualTo("EGeneral:Invalid arguments:leverage");
    }

    @Test
    void marginOffRefusesEveryLeveragedOrder() {
      MarginDesk spot = new MarginDesk(3, usd("100000"), MarginOptions.off());
      assertThatThrownBy(
              () ->
                  spot.exchange.submit(
                      T0,
                      OrderRequest.market(XBTUSD, Side.BUY, usd("0.01")).withLeverage(2),
                      Optional.empty()))
          .isInstanceOfSatisfying(
              OrderRejectedException.class,
              e -> assertThat(e.error()).isEqualTo("EOrder:Margin allowance exceeded"));
    }

    @Test
    void aPositionTheFreeMarginCannotCoverIsRefused() {
      // 10 XBT at ~P with 2:1 needs ~5 P of margin, far more than 100 000 USD.
      assertThat(rejection(OrderRequest.market(XBTUSD, Side.BUY, usd("10")).withLeverage(2)))
          .isEqualTo("EOrder:Insufficient margin");
    }

    @Test
    void positionsBeyondTheAllowanceAreRefused() {
      MarginDesk capped =
          new MarginDesk(
              3, usd("100000"), MarginOptions.on().withoutBot().withAllowance(usd("1000")));
      assertThatThrownBy(
              () ->
                  capped.exchange.submit(
                      T0,
                      OrderRequest.market(XBTUSD, Side.BUY, usd("0.1")).withLeverage(2),
                      Optional.empty()))
          .isInstanceOfSatisfying(
              OrderRejectedException.class,
              e -> assertThat(e.error()).isEqualTo("EOrder:Margin allowance exceeded"));
    }

    private String rejection(OrderRequest request) {
      try {
        desk.exchange.submit(T0, request, Optional.empty());
        return "accepted";
      } catch (OrderRejectedException e) {
        return e.error();
      }
    }
  }
}
