package io.tally.kraken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.tally.ledger.CashFlow;
import io.tally.ledger.EventText;
import io.tally.ledger.FlowKind;
import io.tally.ledger.InternalMove;
import io.tally.ledger.LedgerEvent;
import io.tally.ledger.MarginPnl;
import io.tally.ledger.PositionCarry;
import io.tally.ledger.PositionFill;
import io.tally.ledger.Side;
import io.tally.ledger.Trade;
import io.tally.ledger.TradeKind;
import io.tally.ledger.Unclassified;
import io.tally.money.Amount;
import io.tally.money.Asset;
import io.tally.money.Pair;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LedgerClassifierTest {

  /** The trades export written alongside each ledgers sample, when there is one. */
  private static final Map<String, String> TRADES_OF =
      Map.of(
          "ledgers-L0.csv", "trades-T2.csv",
          "ledgers-L1.csv", "trades-T1.csv",
          "ledgers-L3.csv", "trades-T3.csv",
          "ledgers-L3u.csv", "trades-T3u.csv");

  static Stream<Path> ledgerSamples() {
    return Samples.ledgers().stream();
  }

  /** The trades of the trades export written alongside a ledgers sample, by trade id. */
  private static Map<String, TradeRow> tradesOf(Path sample) {
    Map<String, TradeRow> trades = new HashMap<>();
    Optional.ofNullable(TRADES_OF.get(sample.getFileName().toString()))
        .map(Samples::sample)
        .ifPresent(file -> KrakenCsv.read(file).tradeRows().forEach(t -> trades.put(t.txid(), t)));
    return trades;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ledgerSamples")
  void classifiesEverySampleExportAsItsGoldenFileSays(Path sample) {
    List<LedgerRow> rows = KrakenCsv.read(sample).ledgerRows();
    Map<String, TradeRow> trades = tradesOf(sample);

    List<LedgerEvent> events = LedgerClassifier.classify(rows, trades);

    Samples.assertGolden(sample, "events", events.stream().map(EventText::format).toList());
    assertThat(events).isSortedAccordingTo(LedgerEvent.ORDER);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ledgerSamples")
  void handsOutEachEventOfEverySampleOnceGroupByGroup(Path sample) {
    List<LedgerRow> rows = KrakenCsv.read(sample).ledgerRows();
    Map<String, TradeRow> trades = tradesOf(sample);
    List<LedgerEvent> handedOut = new ArrayList<>();

    LedgerClassifier.classifyEach(rows, Enrichment.ofTrades(trades), handedOut::add);

    assertThat(handedOut)
        .containsExactlyInAnyOrderElementsOf(LedgerClassifier.classify(rows, trades));
  }

  @Test
  void handsOutAConversionsTwoLegsAsOneTradeAfterEveryGroup() {
    // An outflow of DOT and an inflow of ETH two days apart, under refids of their own, with a
    // deposit between them: the deposit is handed out first, then the one conversion.
    String csv =
        "\"txid\",\"refid\",\"time\",\"type\",\"subtype\",\"aclass\",\"subclass\",\"asset\","
            + "\"wallet\",\"amount\",\"fee\",\"balance\"\n"
            + "\"L1\",\"A1\",\"2024-01-01 00:00:00\",\"adjustment\",\"\",\"currency\",\"crypto\","
            + "\"DOT\",\"spot / main\",-10,0,0\n"
            + "\"L2\",\"D1\",\"2024-01-02 00:00:00\",\"deposit\",\"\",\"currency\",\"fiat\","
            + "\"EUR\",\"spot / main\",100,0,100\n"
            + "\"L3\",\"A2\",\"2024-01-03 00:00:00\",\"adjustment\",\"\",\"currency\",\"crypto\","
            + "\"ETH\",\"spot / main\",0.02,0,0.02\n";
    List<LedgerRow> rows = KrakenCsv.read(new StringReader(csv), "test.csv").ledgerRows();
    List<LedgerEvent> handedOut = new ArrayList<>();

    LedgerClassifier.classifyEach(rows, Enrichment.ofTrades(Map.of()), handedOut::add);

    assertThat(handedOut).hasSize(2);
    assertThat(handedOut.get(0)).isInstanceOf(CashFlow.class);
    assertThat(handedOut.get(1))
        .isInstanceOfSatisfying(
            Trade.class, trade -> assertThat(trade.kind()).isEqualTo(TradeKind.CONVERSION));
    assertThat(handedOut.get(1).id().value()).isEqualTo("A1+A2");
  }

  private static List<LedgerEvent> classify(String csvRows) {
    String csv =
        "\"txid\",\"refid\",\"time\",\"type\",\"subtype\",\"aclass\",\"subclass\",\"asset\","
            + "\"wallet\",\"amount\",\"fee\",\"balance\"\n"
            + csvRows;
    return LedgerClassifier.classify(
        KrakenCsv.read(new StringReader(csv), "test.csv").ledgerRows(), Map.of());
  }

  private static Amount amount(String text) {
    return Amount.parse(text);
  }

  @Nested
  class MarginPositions {

    private List<LedgerEvent> zcrypto() {
      Optional<Path> folder = Samples.sharedFixtures();
      assumeThat(folder).as("shared fixtures folder (system property tally.shared)").isPresent();
      List<LedgerRow> rows =
          KrakenCsv.read(folder.get().resolve("zcrypto_synthetic_ledgers_16col.csv")).ledgerRows();
      Map<String, TradeRow> trades = new HashMap<>();
      KrakenCsv.read(folder.get().resolve("zcrypto_synthetic_trades_24col.csv"))
          .tradeRows()
          .forEach(trade -> trades.put(trade.txid(), trade));
      return LedgerClassifier.classify(rows, trades);
    }

    @Test
    void everyMarginTradeIsAPositionFillBesideItsLedgerEvents() {
      List<PositionFill> fills =
          zcrypto().stream()
              .filter(PositionFill.class::isInstance)
              .map(PositionFill.class::cast)
              .toList();

      // TFX004..TFX012 have a positive margin column; TFX001..TFX003 are spot.
      assertThat(fills)
          .extracting(fill -> fill.id().value())
          .containsExactly(
              "TFX004-SYNTH-TRADES:fill",
              "TFX005-SYNTH-TRADES:fill",
              "TFX006-SYNTH-TRADES:fill",
              "TFX007-SYNTH-TRADES:fill",
              "TFX008-SYNTH-TRADES:fill",
              "TFX009-SYNTH-TRADES:fill",
              "TFX010-SYNTH-TRADES:fill",
              "TFX011-SYNTH-TRADES:fill",
              "TFX012-SYNTH-TRADES:fill");
      PositionFill opening = fills.get(0);
      // buy 3 ATOM at 6.25 EUR, cost 18.75, margin 9.375: leverage 18.75 / 9.375 = 2.
      assertThat(opening.pair()).isEqualTo(new Pair(Asset.of("ATOM"), Asset.of("EUR")));
      assertThat(opening.side()).isEqualTo(Side.BUY);
      assertThat(opening.volume()).isEqualByComparingTo("3");
      assertThat(opening.price()).isEqualByComparingTo("6.25");
      assertThat(opening.leverage()).isEqualTo(2);
      assertThat(opening.positionId()).isEqualTo("TFX004-SYNTH-TRADES");
      assertThat(opening.fee()).isEqualTo(amount("EUR 0.075"));
      // TFX007 buys back the 70 ALGO short TFX005 opened.
      assertThat(fills.get(3).positionId()).isEqualTo("TFX005-SYNTH-TRADES");
      assertThat(fills.get(3).settles()).isFalse();
      // TFX011's own ledger rows are 'settled': it settles TFX010's long with spot euros.
      assertThat(fills.get(7).positionId()).isEqualTo("TFX010-SYNTH-TRADES");
      assertThat(fills.get(7).settles()).isTrue();
    }

    @Test
    void eachRolloverIsACarryOfItsPositionAtItsOwnTime() {
      List<PositionCarry> carries =
          zcrypto().stream()
              .filter(PositionCarry.class::isInstance)
              .map(PositionCarry.class::cast)
              .toList();

      // LFX013 and LFX014: rollovers of TFX005's short, 4 and 8 hours after it opened.
      assertThat(carries)
          .extracting(PositionCarry::positionId, PositionCarry::at, PositionCarry::fee)
          .containsExactly(
              tuple(
                  "TFX005-SYNTH-TRADES",
                  Instant.parse("2031-03-03T16:05:00Z"),
                  amount("EUR 0.0035")),
              tuple(
                  "TFX005-SYNTH-TRADES",
                  Instant.parse("2031-03-03T20:05:00Z"),
                  amount("EUR 0.0035")));
      // The opening fee of the same refid stays a margin event, dated at the opening.
      assertThat(zcrypto())
          .filteredOn(
              event ->
                  event instanceof MarginPnl
                      && event.id().value().startsWith("TFX005-SYNTH-TRADES"))
          .singleElement()
          .isInstanceOfSatisfying(
              MarginPnl.class,
              margin -> {
                assertThat(margin.fee()).isEqualTo(amount("EUR 0.065"));
                assertThat(margin.at()).isEqualTo(Instant.parse("2031-03-03T12:05:00Z"));
              });
    }
  }

  @Nested
  class Trades {

    @Test
    void twoLegsAndAKfeeRowAreOneTradeWithAKfeeFee() {
      List<LedgerEvent> events =
          classify(
              "\"L1\",\"T1\",\"2024-01-01 00:00:00\",\"trade\",\"\",\"currency\",\"fiat\",\"ZUSD\",\"\",-100.0000,0,0\n"
                  + "\"L2\",\"T1\",\"2024-01-01 00:00:00\",\"trade\",\"\",\"currency\",\"crypto\",\"XXBT\",\"\",0.0025,0,0.0025\n"
                  + "\"L3\",\"T1\",\"2024-01-01 00:00:00\",\"trade\",\"\",\"currency\",\"\",\"KFEE\",\"\",0,16.00,84.00\n");

      assertThat(events)
          .singleElement()
          .isInstanceOfSatisfying(
              Trade.class,
              trade -> {
                assertThat(trade.kind()).isEqualTo(TradeKind.ORDER_BOOK);
                assertThat(trade.sold()).containsExactly(amount("USD 100"));
                assertThat(trade.bought()).containsExactly(amount("XBT 0.0025"));
                assertThat(trade.fees()).containsExactly(amount("KFEE 16"));
                assertThat(trade.pair()).isEqualTo(new Pair(Asset.XBT, Asset.USD));
              });
    }

    @Test
    void legsOfOneAssetFromSeveralWalletsAreSummed() {
      List<LedgerEvent> events =
          classify(
              "\"L1\",\"T1\",\"2024-01-01 00:00:00\",\"trade\",\"tradespot\",\"currency\",\"crypto\",\"DOT\",\"spot / main\",-3,0,0\n"
                  + "\"L2\",\"T1\",\"2024-01-01 00:00:00\",\"trade\",\"tradespot\",\"currency\",\"crypto\",\"DOT\",\"earn / flexible\",-2,0,0\n"
                  + "\"L3\",\"T1\",\"2024-01-01 00:00:00\",\"trade\",\"tradespot\",\"currency\",\"fiat\",\"EUR\",\"spot / main\",30,0.05,29.95\n");

      assertThat(events)
          .singleElement()
          .isInstanceOfSatisfying(
              Trade.class,
              trade -> {
                assertThat(trade.sold()).containsExactly(amount("DOT 5"));
                assertThat(trade.bought()).containsExactly(amount("EUR 30"));
                assertThat(trade.fees()).containsExactly(amount("EUR 0.05"));
                assertThat(trade.pair()).isEqualTo(new Pair(Asset.of("DOT"), Asset.of("EUR")));
              });
    }

    @Test
    void theTradesHistoryDecidesWhichAssetIsThePairsBase() {
      List<Amount> sold = List.of(amount("ADA 100"));
      List<Amount> bought = List.of(amount("DOT 5"));
      TradeRow sell =
          TradeRow.fromFields(
              Map.of(
                  "txid",
                  "T1",
                  "pair",
                  "ADA/DOT",
                  "time",
                  "2024-01-01 00:00:00",
                  "type",
                  "sell",
                  "price",
                  "0.05",
                  "cost",
                  "5",
                  "fee",
                  "0",
                  "vol",
                  "100"),
              "trades.csv",
              2);

      assertThat(PairInference.fromTrade(sell, sold, bought))
          .contains(new Pair(Asset.of("ADA"), Asset.of("DOT")));
      assertThat(PairInference.fromLegs(sold, bought))
          .isEqualTo(new Pair(Asset.of("DOT"), Asset.of("ADA")));
    }

    @Test
    void withoutTheTradesHistoryTheQuoteIsTheLegThatRanksHigherAsAQuoteCurrency() {
      assertThat(PairInference.fromLegs(List.of(amount("XBT 1")), List.of(amount("EUR 50000"))))
          .isEqualTo(new Pair(Asset.XBT, Asset.of("EUR")));
      assertThat(PairInference.fromLegs(List.of(amount("USDT 10")), List.of(amount("ETH 0.004"))))
          .isEqualTo(new Pair(Asset.of("ETH"), Asset.of("USDT")));
      assertThat(PairInference.fromLegs(List.of(amount("XBT 0.1")), List.of(amount("ETH 2"))))
          .isEqualTo(new Pair(Asset.of("ETH"), Asset.XBT));
    }

    @Test
    void legsThatCancelDropOutOfTheSwap() {
      // tokenized sale: asset spend, fiat receive, and a USD spend/receive pair that cancels
      List<LedgerEvent> events =
          classify(
              "\"L1\",\"R1\",\"2024-01-01 00:00:00\",\"spend\",\"\",\"tokenized_asset\",\"\",\"TSLAx\",\"\",-1,0,0\n"
                  + "\"L2\",\"R1\",\"2024-01-01 00:00:00\",\"receive\",\"\",\"currency\",\"fiat\",\"EUR\",\"\",200,0,200\n"
                  + "\"L3\",\"R1\",\"2024-01-01 00:00:00\",\"spend\",\"\",\"currency\",\"fiat\",\"ZUSD\",\"\",-215,0,0\n"
                  + "\"L4\",\"R1\",\"2024-01-01 00:00:00\",\"receive\",\"\",\"currency\",\"fiat\",\"ZUSD\",\"\",215,0,215\n");

      assertThat(events)
          .singleElement()
          .isInstanceOfSatisfying(
              Trade.class,
              trade -> {
                assertThat(trade.sold()).containsExactly(amount("TSLAx 1"));
                assertThat(trade.bought()).containsExactly(amount("EUR 200"));
                assertThat(trade.kind()).isEqualTo(TradeKind.SPEND_RECEIVE);
              });
    }
  }

  @Nested
  class Funding {

    @Test
    void aFailedWithdrawalAndItsReversalMakeNoEvent() {
      List<LedgerEvent> events =
          classify(
              "\"L1\",\"FT1\",\"2024-01-01 00:00:00\",\"withdrawal\",\"\",\"currency\",\"crypto\",\"AKT\",\"\",-385.15553711,0.5,0\n"
                  + "\"L2\",\"FT1\",\"2024-01-01 00:30:00\",\"withdrawal\",\"\",\"currency\",\"crypto\",\"AKT\",\"\",385.15553711,-0.5,385.65553711\n");

      assertThat(events).isEmpty();
    }

    @Test
    void pendingRowsWithoutALedgerIdAreNotEvents() {
      List<LedgerEvent> events =
          classify(
              "\"\",\"Q1\",\"2024-01-01 00:00:00\",\"deposit\",\"\",\"currency\",\"fiat\",\"ZEUR\",\"\",500,0,\n"
                  + "\"L1\",\"Q1\",\"2024-01-01 00:05:00\",\"deposit\",\"\",\"currency\",\"fiat\",\"ZEUR\",\"\",500,0,500\n");

      assertThat(events)
          .singleElement()
          .isInstanceOfSatisfying(
              CashFlow.class,
              flow -> {
                assertThat(flow.kind()).isEqualTo(FlowKind.DEPOSIT);
                assertThat(flow.amount()).isEqualTo(amount("EUR 500"));
              });
    }

    @Test
    void anEarnAllocationIsAnInternalMoveBetweenWallets() {
      List<LedgerEvent> events =
          classify(
              "\"L1\",\"E1\",\"2024-01-01 00:00:00\",\"earn\",\"allocation\",\"currency\",\"fiat\",\"EUR\",\"spot / main\",-149.116,0,0\n"
                  + "\"L2\",\"E1\",\"2024-01-01 00:00:00\",\"earn\",\"allocation\",\"currency\",\"fiat\",\"EUR\",\"earn / flexible\",149.116,0,149.116\n");

      assertThat(events)
          .singleElement()
          .isInstanceOfSatisfying(
              InternalMove.class,
              move -> {
                assertThat(move.amount()).isEqualTo(amount("EUR 149.116"));
                assertThat(move.route()).isEqualTo("spot / main -> earn / flexible");
              });
    }

    @Test
    void aCollateralConversionIsBookedBeforeTheMarginFeeItPays() {
      List<LedgerEvent> events =
          classify(
              "\"L9\",\"T4\",\"2024-01-01 00:00:00\",\"collateralconversion\",\"\",\"currency\",\"fiat\",\"EUR\",\"spot / main\",-0.075,0,10\n"
                  + "\"L10\",\"T4\",\"2024-01-01 00:00:00\",\"collateralconversion\",\"\",\"currency\",\"stable_coin\",\"EURC\",\"spot / main\",0.075,0,0.075\n"
                  + "\"L8\",\"T4\",\"2024-01-01 00:00:00\",\"margin\",\"\",\"currency\",\"stable_coin\",\"EURC\",\"spot / main\",0,0.075,0\n");

      assertThat(events).hasSize(2);
      assertThat(events.get(0)).isInstanceOf(Trade.class);
      assertThat(events.get(1))
          .isInstanceOfSatisfying(
              MarginPnl.class, margin -> assertThat(margin.fee()).isEqualTo(amount("EURC 0.075")));
    }

    @Test
    void anUnknownTypeIsKeptAsUnclassified() {
      List<LedgerEvent> events =
          classify(
              "\"L1\",\"N1\",\"2024-01-01 00:00:00\",\"nfttrade\",\"\",\"currency\",\"fiat\",\"EUR\",\"spot / main\",-25,0,0\n");

      assertThat(events)
          .singleElement()
          .isInstanceOfSatisfying(
              Unclassified.class,
              unknown -> {
                assertThat(unknown.type()).isEqualTo("nfttrade");
                assertThat(unknown.amount()).isEqualTo(amount("EUR -25"));
              });
    }
  }
}
