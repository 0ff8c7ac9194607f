package io.tally.books;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.ledger.CashFlow;
import io.tally.ledger.EventId;
import io.tally.ledger.FlowKind;
import io.tally.ledger.InternalMove;
import io.tally.ledger.LedgerEvent;
import io.tally.ledger.MarginPnl;
import io.tally.ledger.Trade;
import io.tally.ledger.TradeKind;
import io.tally.ledger.Unclassified;
import io.tally.money.Amount;
import io.tally.money.Asset;
import io.tally.money.Pair;
import io.tally.money.Price;
import io.tally.valuation.PriceSource;
import io.tally.valuation.PriceTable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Worked examples of ACCOUNTING.md §3–§4, each with its arithmetic beside the assertion. */
class BooksTest {

  private static final Asset USD = Asset.USD;
  private static final Asset XBT = Asset.XBT;
  private static final Asset ETH = Asset.of("ETH");
  private static final Asset EUR = Asset.of("EUR");
  private static final Asset DOT = Asset.of("DOT");
  private static final Pair XBTUSD = new Pair(XBT, USD);
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  private static Instant day(int n) {
    return T0.plusSeconds(86_400L * n);
  }

  private static Trade trade(
      String id, int day, Pair pair, String sold, String bought, String... fees) {
    return new Trade(
        EventId.of(id),
        day(day),
        TradeKind.ORDER_BOOK,
        pair,
        sold.isEmpty() ? List.of() : List.of(Amount.parse(sold)),
        bought.isEmpty() ? List.of() : List.of(Amount.parse(bought)),
        amounts(fees),
        Trade.MANUAL);
  }

  private static List<Amount> amounts(String... texts) {
    List<Amount> list = new ArrayList<>();
    for (String text : texts) {
      list.add(Amount.parse(text));
    }
    return list;
  }

  private static CashFlow flow(String id, int day, FlowKind kind, String amount, String fee) {
    return new CashFlow(EventId.of(id), day(day), kind, Amount.parse(amount), Amount.parse(fee));
  }

  private static BookState replay(PriceSource prices, LedgerEvent... events) {
    return Books.replay(BookConfig.defaults(), prices, List.of(events));
  }

  private static BookState replay(LedgerEvent... events) {
    return replay(PriceSource.NONE, events);
  }

  private static PriceTable prices(Object... assetDayPrice) {
    List<Price> points = new ArrayList<>();
    for (int i = 0; i < assetDayPrice.length; i += 3) {
      points.add(
          new Price(
              Asset.of((String) assetDayPrice[i]),
              new BigDecimal((String) assetDayPrice[i + 2]),
              day((Integer) assetDayPrice[i + 1]),
              "test"));
    }
    return PriceTable.of(points);
  }

  private static BigDecimal money(String value) {
    return new BigDecimal(value);
  }

  @Nested
  class SpotTrades {

    @Test
    void buyingWithABaseCurrencyFeeRealizesTheFee() {
      // buy 1 XBT for 40,000 USD, fee 10 USD: realized = -10; XBT cost = 40,000
      BookState books =
          replay(
              flow("D", 0, FlowKind.DEPOSIT, "USD 40010", "USD 0"),
              trade("T1", 1, XBTUSD, "USD 40000", "XBT 1", "USD 10"));

      assertThat(books.realizedTotal()).isEqualByComparingTo("-10");
      assertThat(books.holdings().get(XBT).cost()).isEqualByComparingTo("40000");
      assertThat(books.quantity(USD)).isEqualByComparingTo("0");
      assertThat(books.fees().total()).isEqualByComparingTo("10");
    }

    @Test
    void sellingHalfAtAHigherPriceRealizesGainMinusFee() {
      // sell 0.5 XBT at 50,000 with 10 USD fee: 25,000 - 40,000 × 0.5 / 1 - 10 = 4,990;
      // total with the buy's fee: 4,990 - 10 = 4,980
      BookState books =
          replay(
              flow("D", 0, FlowKind.DEPOSIT, "USD 40010", "USD 0"),
              trade("T1", 1, XBTUSD, "USD 40000", "XBT 1", "USD 10"),
              trade("T2", 2, XBTUSD, "XBT 0.5", "USD 25000", "USD 10"));

      assertThat(books.realizedTotal()).isEqualByComparingTo("4980");
      assertThat(books.realizedByPair().get(XBTUSD)).isEqualByComparingTo("4980");
      assertThat(books.holdings().get(XBT).cost()).isEqualByComparingTo("20000");
      assertThat(books.quantity(USD)).isEqualByComparingTo("24990"); // 25,000 - 10
    }

    @Test
    void severalBuysAndPartialSellsFollowTheWeightedAverage() {
      // buy 1 @ 30,000 and 1 @ 40,000: quantity 2, cost 70,000, average 35,000
      // sell 0.5 @ 50,000: released 70,000 × 0.5 / 2 = 17,500; gain 25,000 - 17,500 = 7,500
      // buy 0.5 @ 20,000: quantity 2, cost 52,500 + 10,000 = 62,500, average 31,250
      // sell 1 @ 31,250: released 62,500 × 1 / 2 = 31,250; gain 0
      BookState books =
          replay(
              flow("D", 0, FlowKind.DEPOSIT, "USD 100000", "USD 0"),
              trade("T1", 1, XBTUSD, "USD 30000", "XBT 1"),
              trade("T2", 2, XBTUSD, "USD 40000", "XBT 1"),
              trade("T3", 3, XBTUSD, "XBT 0.5", "USD 25000"),
              trade("T4", 4, XBTUSD, "USD 10000", "XBT 0.5"),
              trade("T5", 5, XBTUSD, "XBT 1", "USD 31250"));

      assertThat(books.realizedTotal()).isEqualByComparingTo("7500");
      assertThat(books.holdings().get(XBT).quantity()).isEqualByComparingTo("1");
      assertThat(books.holdings().get(XBT).cost()).isEqualByComparingTo("31250");
      assertThat(books.holdings().get(XBT).averageCost())
          .hasValueSatisfying(avg -> assertThat(avg).isEqualByComparingTo("31250"));
    }

    @Test
    void disposingOfEverythingLeavesExactlyZeroCost() {
      // three buys at awkward prices: 100/3 does not divide evenly, yet selling all releases all
      BookState books =
          replay(
              flow("D", 0, FlowKind.DEPOSIT, "USD 1000", "USD 0"),
              trade("T1", 1, XBTUSD, "USD 100", "XBT 0.003"),
              trade("T2", 2, XBTUSD, "USD 200", "XBT 0.007"),
              trade("T3", 3, XBTUSD, "XBT 0.0033333333", "USD 111.11"),
              trade("T4", 4, XBTUSD, "XBT 0.0066666667", "USD 222.22"));

      assertThat(books.holdings().get(XBT).quantity()).isEqualByComparingTo("0");
      assertThat(books.holdings().get(XBT).cost()).isEqualByComparingTo("0");
      // cost 300 in, proceeds 333.33 out: realized exactly 33.33
      assertThat(books.realizedTotal()).isEqualByComparingTo("33.33");
    }

    @Test
    void aFeeInTheBaseAssetOfThePairIsValuedAtTheTradesOwnPrice() {
      // sell 1000 XDG for 100 USD, fee 5 XDG on the XDG leg: own price 100 / 1000 = 0.1 USD
      // fee value 5 × 0.1 = 0.5; XDG cost 80 for 1005 units (bought at 0.0796...)
      // sale: released 80 × 1000/1005 = 79.60199005; gain 100 - 79.60199005 = 20.39800995
      // fee disposal: released 80 - 79.60199005 = 0.39800995; realized -0.39800995
      // total 20.39800995 - 0.39800995 = 20.00000000 (= 100 proceeds - 80 cost, everything gone)
      Asset xdg = Asset.of("XDG");
      Pair xdgusd = new Pair(xdg, USD);
      BookState books =
          replay(
              flow("D", 0, FlowKind.DEPOSIT, "USD 80", "USD 0"),
              trade("T1", 1, xdgusd, "USD 80", "XDG 1005"),
              trade("T2", 2, xdgusd, "XDG 1000", "USD 100", "XDG 5"));

      assertThat(books.fees().byAsset().get(xdg)).isEqualByComparingTo("0.5");
      assertThat(books.realizedTotal()).isEqualByComparingTo("20");
      assertThat(books.holdings().get(xdg).cost()).isEqualByComparingTo("0");
    }

    @Test
    void aFeeInTheQuoteCurrencyIsConvertedAtTheTradesOwnPrice() {
      // USD base, EUR at 1.10 on day 0. Deposit 1,001 EUR: cost 1,101.10 USD.
      // Buy 0.025 XBT for 1,000 EUR + 1 EUR fee on day 1 (EUR now 1.20).
      // V = 1,000 EUR × 1.20 = 1,200 USD; EUR released 1,101.10 × 1000/1001 = 1,100.0000000 (1100)
      // gain on EUR sold: 1,200 - 1,100 = 100; fee: own price 1,200/1,000 = 1.2 → 1.20 USD,
      // fee units released 1.10; realized -1.10; total 98.90
      Pair xbteur = new Pair(XBT, EUR);
      BookState books =
          replay(
              prices("EUR", 0, "1.10", "EUR", 1, "1.20"),
              flow("D", 0, FlowKind.DEPOSIT, "EUR 1001", "EUR 0"),
              trade("T1", 1, xbteur, "EUR 1000", "XBT 0.025", "EUR 1"));

      assertThat(books.holdings().get(XBT).cost()).isEqualByComparingTo("1200");
      assertThat(books.fees().total()).isEqualByComparingTo("1.2");
      assertThat(books.realizedTotal()).isEqualByComparingTo("98.9");
      assertThat(books.realizedByPair().get(xbteur)).isEqualByComparingTo("98.9");
      assertThat(books.holdings().get(EUR).quantity()).isEqualByComparingTo("0");
      assertThat(books.holdings().get(EUR).cost()).isEqualByComparingTo("0");
    }

    @Test
    void aFeeInAThirdAssetIsValuedAtItsMarketPrice() {
      // ETH fee on an XBTUSD trade: 0.01 ETH at 2,000 USD = 20 USD expense.
      // ETH bought at 1,500: released cost 15; realized on the fee leg = 20 - 15 - 20 = -15
      Pair ethusd = new Pair(ETH, USD);
      BookState books =
          replay(
              prices("ETH", 0, "1500", "ETH", 2, "2000"),
              flow("D", 0, FlowKind.DEPOSIT, "USD 41500", "USD 0"),
              trade("T0", 0, ethusd, "USD 1500", "ETH 1"),
              trade("T1", 2, XBTUSD, "USD 40000", "XBT 1", "ETH 0.01"));

      assertThat(books.fees().byAsset().get(ETH)).isEqualByComparingTo("20");
      assertThat(books.fees().byPair().get(XBTUSD)).isEqualByComparingTo("20");
      assertThat(books.realizedTotal()).isEqualByComparingTo("-15");
      assertThat(books.holdings().get(ETH).cost()).isEqualByComparingTo("1485");
    }

    @Test
    void kfeeCreditsAreWorthOneCentAndNeverProduceAGain() {
      // 1,000 KFEE deposited at 0.01 = 10 USD cost; a fee of 250 KFEE = 2.50 USD expense
      // released cost 2.50, so the fee leg realizes exactly -2.50
      BookState books =
          replay(
              flow("K", 0, FlowKind.DEPOSIT, "KFEE 1000", "KFEE 0"),
              flow("D", 0, FlowKind.DEPOSIT, "USD 40000", "USD 0"),
              trade("T1", 1, XBTUSD, "USD 40000", "XBT 1", "KFEE 250"));

      assertThat(books.fees().byAsset().get(Asset.KFEE)).isEqualByComparingTo("2.5");
      assertThat(books.realizedTotal()).isEqualByComparingTo("-2.5");
      assertThat(books.holdings().get(Asset.KFEE).cost()).isEqualByComparingTo("7.5");
    }

    @Test
    void aCryptoToCryptoSwapIsValuedAtTheSoldAssetsMarketPrice() {
      // buy 1 XBT for 30,000; later swap 0.5 XBT for 10 ETH when XBT is 40,000:
      // V = 0.5 × 40,000 = 20,000; XBT released 15,000; gain 5,000; ETH cost 20,000
      Pair ethxbt = new Pair(ETH, XBT);
      BookState books =
          replay(
              prices("XBT", 2, "40000", "ETH", 2, "1999"),
              flow("D", 0, FlowKind.DEPOSIT, "USD 30000", "USD 0"),
              trade("T1", 1, XBTUSD, "USD 30000", "XBT 1"),
              trade("T2", 2, ethxbt, "XBT 0.5", "ETH 10"));

      assertThat(books.realizedTotal()).isEqualByComparingTo("5000");
      assertThat(books.realizedByPair().get(ethxbt)).isEqualByComparingTo("5000");
      assertThat(books.holdings().get(ETH).cost()).isEqualByComparingTo("20000");
      assertThat(books.holdings().get(XBT).cost()).isEqualByComparingTo("15000");
    }

    @Test
    void aSwapWithNoPriceCarriesTheSoldCostAndSaysSo() {
      // no XBT or ETH price on day 2: ETH takes the XBT cost released (15,000), no gain
      Pair ethxbt = new Pair(ETH, XBT);
      BookState books =
          replay(
              flow("D", 0, FlowKind.DEPOSIT, "USD 30000", "USD 0"),
              trade("T1", 1, XBTUSD, "USD 30000", "XBT 1"),
              trade("T2", 2, ethxbt, "XBT 0.5", "ETH 10"));

      assertThat(books.realizedTotal()).isEqualByComparingTo("0");
      assertThat(books.holdings().get(ETH).cost()).isEqualByComparingTo("15000");
      assertThat(books.issues())
          .extracting(DataIssue::kind, DataIssue::event)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(IssueKind.MISSING_PRICE, "T2"));
    }

    @Test
    void aOneLegTradeIsWorthNothing() {
      // Kraken wrote no USD row because it rounded to 0: the XBT dust was sold for nothing.
      // XBT 0.00001 bought for 0.4 → sold for 0: realized -0.4
      BookState books =
          replay(
              flow("D", 0, FlowKind.DEPOSIT, "USD 0.4", "USD 0"),
              trade("T1", 1, XBTUSD, "USD 0.4", "XBT 0.00001"),
              trade("T2", 2, XBTUSD, "XBT 0.00001", ""));

      assertThat(books.realizedTotal()).isEqualByComparingTo("-0.4");
      assertThat(books.holdings().get(XBT).cost()).isEqualByComparingTo("0");
    }

    @Test
    void aDustSweepSharesTheProceedsByMarketValue() {
      // sweep 0.0001 XBT (worth 4) and 0.002 ETH (worth 4) into 7.6 USD (fee already deducted):
      // V = 7.6 shared 50/50 → 3.8 each. XBT cost 3, ETH cost 5 → gains 0.8 and -1.2
      Pair dotusd = new Pair(DOT, USD);
      Trade sweep =
          new Trade(
              EventId.of("S1"),
              day(3),
              TradeKind.DUST_SWEEP,
              new Pair(XBT, USD),
              amounts("XBT 0.0001", "ETH 0.002"),
              amounts("USD 7.6"),
              List.of(),
              Trade.MANUAL);
      BookState books =
          replay(
              prices("XBT", 3, "40000", "ETH", 3, "2000"),
              flow("D", 0, FlowKind.DEPOSIT, "USD 8", "USD 0"),
              trade("T1", 1, XBTUSD, "USD 3", "XBT 0.0001"),
              trade("T2", 1, new Pair(ETH, USD), "USD 5", "ETH 0.002"),
              sweep);

      assertThat(books.realizedByPair().get(XBTUSD)).isEqualByComparingTo("0.8");
      assertThat(books.realizedByPair().get(new Pair(ETH, USD))).isEqualByComparingTo("-1.2");
      assertThat(books.realizedTotal()).isEqualByComparingTo("-0.4");
      assertThat(books.realizedByPair()).doesNotContainKey(dotusd);
    }

    @Test
    void sellingMoreThanWasBoughtAssumesTheMissingUnitsAtTheSalePrice() {
      // history starts after the account did: sell 2 XBT having bought 1 at 30,000, for 80,000.
      // 1 uncovered XBT assumed bought at 80,000 / 2 = 40,000. Cost 70,000, gain 10,000.
      BookState books =
          replay(
              flow("D", 0, FlowKind.DEPOSIT, "USD 30000", "USD 0"),
              trade("T1", 1, XBTUSD, "USD 30000", "XBT 1"),
              trade("T2", 2, XBTUSD, "XBT 2", "USD 80000"));

      assertThat(books.realizedTotal()).isEqualByComparingTo("10000");
      assertThat(books.issues())
          .singleElement()
          .satisfies(
              issue -> {
                assertThat(issue.kind()).isEqualTo(IssueKind.MISSING_ACQUISITION);
                assertThat(issue.asset()).isEqualTo("XBT");
                assertThat(issue.event()).isEqualTo("T2");
                assertThat(issue.detail()).contains("1 XBT");
              });
    }

    @Test
    void pairPositionsProjectTheTradesOfOnePair() {
      // XBTUSD: buy 1 for 40,000 (fee 10), sell 0.25 for 12,500 (fee 5)
      // size 0.75, cost 30,000 USD; avg entry 40,000; realized 12,500 - 10,000 - 10 - 5 = 2,485
      BookState books =
          replay(
              flow("D", 0, FlowKind.DEPOSIT, "USD 40010", "USD 0"),
              trade("T1", 1, XBTUSD, "USD 40000", "XBT 1", "USD 10"),
              trade("T2", 2, XBTUSD, "XBT 0.25", "USD 12500", "USD 5"));

      PairPosition position = books.positions().get(0);
      assertThat(position.pair()).isEqualTo(XBTUSD);
      assertThat(position.baseSize()).isEqualByComparingTo("0.75");
      assertThat(position.costBase()).isEqualByComparingTo("30000");
      assertThat(position.averageEntryPrice())
          .hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("40000"));
      assertThat(position.realized()).isEqualByComparingTo("2485");
      assertThat(position.fees()).isEqualByComparingTo("15");
    }

    @Test
    void strategyTagsSplitTradingPnl() {
      Trade bot =
          trade("T2", 2, XBTUSD, "XBT 0.5", "USD 25000").withPairAndStrategy(XBTUSD, "trend_v1");
      BookState books =
          replay(
              flow("D", 0, FlowKind.DEPOSIT, "USD 40000", "USD 0"),
              trade("T1", 1, XBTUSD, "USD 40000", "XBT 1", "USD 0.5")
                  .withPairAndStrategy(XBTUSD, "manual"),
              bot);
      // manual: fee -0.5; trend_v1: 25,000 - 20,000 = 5,000
      assertThat(books.realizedByStrategy()).containsOnlyKeys("manual", "trend_v1");
      assertThat(books.realizedByStrategy().get("trend_v1")).isEqualByComparingTo("5000");
      assertThat(books.realizedByStrategy().get("manual")).isEqualByComparingTo("-0.5");
    }
  }

  @Nested
  class TradeRecords {

    /** What each trade did to PnL in the fold of {@code events}, valued with {@code prices}. */
    private TradePnls tradePnls(PriceSource prices, LedgerEvent... events) {
      Books books = new Books(BookConfig.defaults(), prices);
      List.of(events).forEach(books::apply);
      return books.tradePnls();
    }

    private TradePnls tradePnls(LedgerEvent... events) {
      return tradePnls(PriceSource.NONE, events);
    }

    @Test
    void eachTradeKeepsItsRealizedPnlAndFees() {
      // T1: buy 1 XBT for 40,000 USD, fee 10 USD: realized -10, fees 10
      // T2: sell 0.5 XBT for 25,000 USD, fee 10 USD: 25,000 - 20,000 - 10 = 4,990, fees 10
      Trade buy = trade("T1", 1, XBTUSD, "USD 40000", "XBT 1", "USD 10");
      Trade sell = trade("T2", 2, XBTUSD, "XBT 0.5", "USD 25000", "USD 10");
      TradePnls books = tradePnls(flow("D", 0, FlowKind.DEPOSIT, "USD 40010", "USD 0"), buy, sell);

      assertThat(books.find(buy))
          .contains(
              new TradePnl(
                  money("-10.00000000"), money("10.00000000"), Optional.of(money("-10.00000000"))));
      assertThat(books.find(sell))
          .contains(
              new TradePnl(
                  money("4990.00000000"),
                  money("10.00000000"),
                  Optional.of(money("4990.00000000"))));
      assertThat(books.find(trade("T3", 2, XBTUSD, "XBT 0.5", "USD 25000"))).isEmpty();
      assertThat(books.size()).isEqualTo(2);
    }

    @Test
    void aFeeInTheSoldAssetCountsItsCostAsRealized() {
      // buy 1 XBT for 30,000 USD; sell 0.5 XBT for 20,000 USD paying 0.001 XBT:
      // legs: 20,000 - 15,000 = 5,000; the fee's 0.001 XBT carried 30 USD of cost: 5,000 - 30
      // = 4,970; the fee is worth 0.001 × 40,000 = 40 USD at the trade's own price
      Trade sell = trade("T2", 2, XBTUSD, "XBT 0.5", "USD 20000", "XBT 0.001");
      TradePnls books =
          tradePnls(
              flow("D", 0, FlowKind.DEPOSIT, "USD 30000", "USD 0"),
              trade("T1", 1, XBTUSD, "USD 30000", "XBT 1"),
              sell);

      TradePnl sale = books.find(sell).orElseThrow();
      assertThat(sale.realized()).isEqualByComparingTo("4970");
      assertThat(sale.fees()).isEqualByComparingTo("40");
    }

    @Test
    void aCryptoQuotedTradeAlsoStatesItsPnlInTheQuote() {
      // buy 10 ETH for 10,000 USD; sell 10 ETH for 0.5 XBT when XBT is 40,000 USD:
      // V = 0.5 × 40,000 = 20,000; realized 20,000 - 10,000 = 10,000 USD
      // in XBT at the trade's own value of its XBT leg: 10,000 × 0.5 / 20,000 = 0.25 XBT
      Pair ethxbt = new Pair(ETH, XBT);
      Trade sell = trade("T2", 2, ethxbt, "ETH 10", "XBT 0.5");
      TradePnls books =
          tradePnls(
              prices("XBT", 2, "40000", "ETH", 2, "2000"),
              flow("D", 0, FlowKind.DEPOSIT, "USD 10000", "USD 0"),
              trade("T1", 1, new Pair(ETH, USD), "USD 10000", "ETH 10"),
              sell);

      TradePnl sale = books.find(sell).orElseThrow();
      assertThat(sale.realized()).isEqualByComparingTo("10000");
      assertThat(sale.realizedQuote()).contains(money("0.25000000"));
    }

    @Test
    void aOneLegTradeHasNoQuotePnlWhenItsQuoteIsNotTheBase() {
      // Kraken wrote no XBT row (it rounded to zero): nothing to convert at
      Trade dust = trade("T1", 1, new Pair(ETH, XBT), "ETH 0.00000001", "");
      TradePnls books = tradePnls(flow("D", 0, FlowKind.DEPOSIT, "ETH 1", "ETH 0"), dust);

      assertThat(books.find(dust).orElseThrow().realizedQuote()).isEmpty();
    }
  }

  @Nested
  class CashFlows {

    @Test
    void aWithdrawalRealizesTransferPnlAndIsAnOutflow() {
      // buy 1 XBT at 30,000; withdraw 0.5 when XBT is 50,000 with a 0.0001 XBT fee:
      // proceeds 25,000, released 15,000 → transfer gain 10,000; fee 0.0001 × 50,000 = 5 expense,
      // its units released 3 → transfer realized 10,000 - 3 = 9,997; outflow 25,000
      BookState books =
          replay(
              prices("XBT", 2, "50000"),
              flow("D", 0, FlowKind.DEPOSIT, "USD 30000", "USD 0"),
              trade("T1", 1, XBTUSD, "USD 30000", "XBT 1"),
              flow("W", 2, FlowKind.WITHDRAWAL, "XBT -0.5", "XBT 0.0001"));

      assertThat(books.realized(PnlKind.TRANSFER)).isEqualByComparingTo("9997");
      assertThat(books.realized(PnlKind.TRADE)).isEqualByComparingTo("0");
      assertThat(books.flows().withdrawals()).isEqualByComparingTo("25000");
      assertThat(books.flows().net()).isEqualByComparingTo("5000"); // 30,000 in - 25,000 out
      assertThat(books.fees().total()).isEqualByComparingTo("5");
      assertThat(books.quantity(XBT)).isEqualByComparingTo("0.4999");
    }

    @Test
    void aWithdrawalWithoutAPriceIsValuedAtItsCostSoNoGainIsInvented() {
      // buy 1 XBT at 30,000; withdraw 0.5 with no XBT price: released 15,000 = value; realized 0
      BookState books =
          replay(
              flow("D", 0, FlowKind.DEPOSIT, "USD 30000", "USD 0"),
              trade("T1", 1, XBTUSD, "USD 30000", "XBT 1"),
              flow("W", 2, FlowKind.WITHDRAWAL, "XBT -0.5", "XBT 0"));

      assertThat(books.realizedTotal()).isEqualByComparingTo("0");
      assertThat(books.flows().withdrawals()).isEqualByComparingTo("15000");
      assertThat(books.holdings().get(XBT).cost()).isEqualByComparingTo("15000");
      assertThat(books.issues())
          .extracting(DataIssue::kind)
          .containsExactly(IssueKind.MISSING_PRICE);
    }

    @Test
    void aRewardIsAcquiredAtMarketValueAndCountsAsIncomeNotPnl() {
      // 2 DOT staking reward at 6.5: cost 13, rewards 13, realized 0
      BookState books =
          replay(prices("DOT", 0, "6.5"), flow("R", 1, FlowKind.REWARD, "DOT 2", "DOT 0"));

      assertThat(books.holdings().get(DOT).cost()).isEqualByComparingTo("13");
      assertThat(books.flows().rewards()).isEqualByComparingTo("13");
      assertThat(books.realizedTotal()).isEqualByComparingTo("0");
    }

    @Test
    void aDepositWithoutAPriceIsBookedAtZeroAndListed() {
      BookState books = replay(flow("D", 0, FlowKind.DEPOSIT, "DOT 10", "DOT 0"));

      assertThat(books.holdings().get(DOT).cost()).isEqualByComparingTo("0");
      assertThat(books.issues())
          .extracting(DataIssue::kind)
          .containsExactly(IssueKind.MISSING_PRICE);
    }

    @Test
    void anInternalMoveChangesNothingButItsFee() {
      BookState books =
          replay(
              prices("DOT", 0, "5"),
              flow("D", 0, FlowKind.DEPOSIT, "DOT 10", "DOT 0"),
              new InternalMove(
                  EventId.of("M"),
                  day(1),
                  Amount.parse("DOT 10"),
                  Amount.parse("DOT 0"),
                  "spot -> staked"));

      assertThat(books.quantity(DOT)).isEqualByComparingTo("10");
      assertThat(books.holdings().get(DOT).cost()).isEqualByComparingTo("50");
      assertThat(books.realizedTotal()).isEqualByComparingTo("0");
    }

    @Test
    void marginProfitIsRealizedAsMarginPnl() {
      // margin close credits 1.75 USD and charges a 0.065 USD fee: margin realized 1.75 - 0.065
      BookState books =
          replay(
              new MarginPnl(
                  EventId.of("M"), day(1), Amount.parse("USD 1.75"), Amount.parse("USD 0.065")));

      assertThat(books.realized(PnlKind.MARGIN)).isEqualByComparingTo("1.685");
      assertThat(books.quantity(USD)).isEqualByComparingTo("1.685");
    }

    @Test
    void anUnclassifiedRowKeepsHoldingsRightAndIsListed() {
      BookState books =
          replay(
              prices("ETH", 0, "2000"),
              new Unclassified(
                  EventId.of("N"),
                  day(1),
                  "nfttrade",
                  "",
                  Amount.parse("ETH 0.1"),
                  Amount.parse("ETH 0")));

      assertThat(books.quantity(ETH)).isEqualByComparingTo("0.1");
      assertThat(books.flows().adjustments()).isEqualByComparingTo("200");
      assertThat(books.issues())
          .extracting(DataIssue::kind)
          .containsExactly(IssueKind.UNCLASSIFIED);
    }
  }

  @Nested
  class Fifo {

    @Test
    void fifoReleasesTheOldestLotsFirst() {
      // lots: 1 @ 30,000 then 1 @ 40,000; sell 1.5 for 75,000:
      // FIFO releases 30,000 + 0.5 × 40,000 = 50,000 → gain 25,000 (WAC: 52,500 → 22,500)
      LedgerEvent[] events = {
        flow("D", 0, FlowKind.DEPOSIT, "USD 70000", "USD 0"),
        trade("T1", 1, XBTUSD, "USD 30000", "XBT 1"),
        trade("T2", 2, XBTUSD, "USD 40000", "XBT 1"),
        trade("T3", 3, XBTUSD, "XBT 1.5", "USD 75000")
      };
      BookState fifo =
          Books.replay(
              BookConfig.defaults().withMethod(CostBasisMethod.FIFO),
              PriceSource.NONE,
              List.of(events));
      BookState wac = replay(events);

      assertThat(fifo.realizedTotal()).isEqualByComparingTo("25000");
      assertThat(fifo.holdings().get(XBT).cost()).isEqualByComparingTo("20000");
      assertThat(wac.realizedTotal()).isEqualByComparingTo("22500");
    }
  }

  /** Pair positions add up to the asset books (docs/ACCOUNTING-DECISIONS.md, pair positions). */
  @Nested
  class PairPositions {

    private final Pair xbtEur = new Pair(XBT, EUR);
    private final Pair ethXbt = new Pair(ETH, XBT);

    private PairPosition position(BookState books, Pair pair) {
      return books.positions().stream()
          .filter(p -> p.pair().equals(pair))
          .findFirst()
          .orElseThrow();
    }

    private List<LedgerEvent> history() {
      return List.of(
          flow("D1", 0, FlowKind.DEPOSIT, "USD 40000", "USD 0"),
          flow("D2", 0, FlowKind.DEPOSIT, "EUR 36000", "EUR 0"),
          trade("T1", 1, XBTUSD, "USD 40000", "XBT 1"),
          trade("T2", 2, xbtEur, "EUR 36000", "XBT 1"),
          flow("D3", 3, FlowKind.DEPOSIT, "XBT 2", "XBT 0"),
          flow("W1", 4, FlowKind.WITHDRAWAL, "XBT -1", "XBT 0"),
          trade("T3", 5, XBTUSD, "XBT 0.5", "USD 30000"),
          trade("T4", 6, ethXbt, "XBT 1", "ETH 20"));
    }

    private BookState after(int events) {
      return Books.replay(BookConfig.defaults(), PriceSource.NONE, history().subList(0, events));
    }

    @Test
    void aWithdrawalLeavesEveryHolderProRata() {
      // holders of 4 XBT: XBTUSD 1, XBTEUR 1, remainder (the deposit) 2. Withdraw 1:
      // XBTUSD and XBTEUR lose 1 × 1/4 = 0.25 each, the remainder 1 × 2/4 = 0.5.
      BookState books = after(6);

      assertThat(position(books, XBTUSD).baseSize()).isEqualByComparingTo("0.75");
      assertThat(position(books, xbtEur).baseSize()).isEqualByComparingTo("0.75");
      assertThat(books.nonPairHoldings().get(XBT)).isEqualByComparingTo("1.5");
      assertThat(books.quantity(XBT)).isEqualByComparingTo("3");
      // cost leaves with the units: 40,000 × 0.75 = 30,000 USD; 36,000 × 0.75 = 27,000 EUR
      assertThat(position(books, XBTUSD).costBase()).isEqualByComparingTo("30000");
      assertThat(position(books, XBTUSD).costQuote()).isEqualByComparingTo("30000");
      assertThat(position(books, xbtEur).costQuote()).isEqualByComparingTo("27000");
      assertThat(position(books, xbtEur).averageEntryPrice())
          .hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("36000"));
    }

    @Test
    void aSaleOnAPairLeavesItsOwnPositionFirst() {
      // sell 0.5 on XBTUSD: XBTUSD 0.75 - 0.5 = 0.25; XBTEUR and the remainder keep theirs
      BookState books = after(7);

      assertThat(position(books, XBTUSD).baseSize()).isEqualByComparingTo("0.25");
      assertThat(position(books, XBTUSD).costBase()).isEqualByComparingTo("10000");
      assertThat(position(books, xbtEur).baseSize()).isEqualByComparingTo("0.75");
      assertThat(books.nonPairHoldings().get(XBT)).isEqualByComparingTo("1.5");
      assertThat(books.quantity(XBT)).isEqualByComparingTo("2.5");
    }

    @Test
    void spendingTheAssetAsAQuoteLeavesEveryHolderProRata() {
      // sell 1 XBT on ETHXBT (buy ETH): holders 0.25, 0.75, 1.5 of 2.5 lose
      // 1 × 0.25/2.5 = 0.1, 1 × 0.75/2.5 = 0.3, 1 × 1.5/2.5 = 0.6 → 0.15, 0.45, 0.9 of 1.5
      BookState books = after(8);

      assertThat(position(books, XBTUSD).baseSize()).isEqualByComparingTo("0.15");
      assertThat(position(books, xbtEur).baseSize()).isEqualByComparingTo("0.45");
      assertThat(books.nonPairHoldings().get(XBT)).isEqualByComparingTo("0.9");
      assertThat(books.quantity(XBT)).isEqualByComparingTo("1.5");
      // 10,000 × 0.15/0.25 = 6,000 USD; 27,000 × 0.45/0.75 = 16,200 EUR
      assertThat(position(books, XBTUSD).costBase()).isEqualByComparingTo("6000");
      assertThat(position(books, xbtEur).costQuote()).isEqualByComparingTo("16200");
      // ETH was bought through ETHXBT: all of it is the position's, no remainder
      assertThat(position(books, ethXbt).baseSize()).isEqualByComparingTo("20");
      assertThat(books.nonPairHoldings()).doesNotContainKey(ETH);
    }

    @Test
    void aFeeInTheBaseAssetLeavesThePositions() {
      // buy 1 XBT on XBTUSD with a 0.001 XBT fee: the only holder is XBTUSD, 1 - 0.001 = 0.999
      BookState books =
          replay(
              flow("D", 0, FlowKind.DEPOSIT, "USD 40000", "USD 0"),
              trade("T1", 1, XBTUSD, "USD 40000", "XBT 1", "XBT 0.001"));

      assertThat(position(books, XBTUSD).baseSize()).isEqualByComparingTo("0.999");
      assertThat(books.quantity(XBT)).isEqualByComparingTo("0.999");
      assertThat(books.nonPairHoldings()).doesNotContainKey(XBT);
    }

    @Test
    void takingTheWholePoolEmptiesEveryPosition() {
      // 1 XBT bought on XBTUSD, 1 deposited, 2 withdrawn: nothing is left anywhere
      BookState books =
          replay(
              flow("D", 0, FlowKind.DEPOSIT, "USD 40000", "USD 0"),
              trade("T1", 1, XBTUSD, "USD 40000", "XBT 1"),
              flow("D2", 2, FlowKind.DEPOSIT, "XBT 1", "XBT 0"),
              flow("W", 3, FlowKind.WITHDRAWAL, "XBT -2", "XBT 0"));

      assertThat(position(books, XBTUSD).baseSize()).isZero();
      assertThat(position(books, XBTUSD).costBase()).isZero();
      assertThat(position(books, XBTUSD).costQuote()).isZero();
      assertThat(books.nonPairHoldings()).doesNotContainKey(XBT);
    }

    @Test
    void roundingNeverLetsPositionsExceedTheHolding() {
      // three positions of 1 XBT, no remainder; spend 1 XBT on ETHXBT: each exact share is 1/3.
      // Rounded down, 3 × 0.3333333333 = 0.9999999999: the last 0.0000000001 has no remainder to
      // come from, so the first position in pair order (XBTEUR) gives it.
      Pair xbtGbp = new Pair(XBT, Asset.of("GBP"));
      BookState books =
          replay(
              trade("T1", 1, XBTUSD, "USD 40000", "XBT 1"),
              trade("T2", 2, xbtEur, "EUR 36000", "XBT 1"),
              trade("T3", 3, xbtGbp, "GBP 31000", "XBT 1"),
              trade("T4", 4, ethXbt, "XBT 1", "ETH 20"));

      assertThat(position(books, xbtEur).baseSize()).isEqualByComparingTo("0.6666666666");
      assertThat(position(books, xbtGbp).baseSize()).isEqualByComparingTo("0.6666666667");
      assertThat(position(books, XBTUSD).baseSize()).isEqualByComparingTo("0.6666666667");
      assertThat(books.quantity(XBT)).isEqualByComparingTo("2");
      assertThat(books.nonPairHoldings()).doesNotContainKey(XBT);
    }
  }
}
