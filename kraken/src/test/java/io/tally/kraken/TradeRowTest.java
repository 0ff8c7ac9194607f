package io.tally.kraken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TradeRowTest {

  /** A 2017 (T1) row. */
  private static Map<String, String> t1Row() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("txid", "TFWNEI-DWFNM-DPKYGT");
    fields.put("ordertxid", "OTVM57-ZCIA2-HXL3O6");
    fields.put("pair", "XXMRZEUR");
    fields.put("time", "2017-11-12 19:04:13.6946");
    fields.put("type", "buy");
    fields.put("ordertype", "market");
    fields.put("price", "103.22000000");
    fields.put("cost", "10.32200000");
    fields.put("fee", "0.02683720");
    fields.put("vol", "0.10000000");
    fields.put("margin", "0.00000000");
    fields.put("misc", "");
    fields.put("ledgers", "L3ZB4N-T33RW-ATJMAH,LKFD5C-OY5LR-PWEQW2");
    return fields;
  }

  private static Map<String, String> with(String name, String value) {
    Map<String, String> changed = t1Row();
    changed.put(name, value);
    return changed;
  }

  private static Map<String, String> without(String name) {
    Map<String, String> changed = t1Row();
    changed.remove(name);
    return changed;
  }

  @Test
  void parsesEveryFieldOfAT1Row() {
    TradeRow row = TradeRow.fromFields(t1Row(), "trades.csv", 2);

    assertThat(row.txid()).isEqualTo("TFWNEI-DWFNM-DPKYGT");
    assertThat(row.orderTxid()).isEqualTo("OTVM57-ZCIA2-HXL3O6");
    assertThat(row.pair()).isEqualTo("XXMRZEUR");
    assertThat(row.time()).isEqualTo(Instant.parse("2017-11-12T19:04:13.6946Z"));
    assertThat(row.type()).isEqualTo("buy");
    assertThat(row.orderType()).isEqualTo("market");
    assertThat(row.price()).isEqualByComparingTo("103.22");
    assertThat(row.cost()).isEqualByComparingTo("10.322");
    assertThat(row.fee()).isEqualByComparingTo("0.0268372");
    assertThat(row.vol()).isEqualByComparingTo("0.1");
    assertThat(row.ledgerIds()).containsExactly("L3ZB4N-T33RW-ATJMAH", "LKFD5C-OY5LR-PWEQW2");
    assertThat(row.source()).isEqualTo("trades.csv");
    assertThat(row.line()).isEqualTo(2);
  }

  @Test
  void trimsLedgerIdsAndDropsEmptyOnes() {
    TradeRow row = TradeRow.fromFields(with("ledgers", " LA, LB,,LC ,"), "trades.csv", 2);

    assertThat(row.ledgerIds()).containsExactly("LA", "LB", "LC");
  }

  @Test
  void readsAbsentOptionalColumnsAsEmpty() {
    Map<String, String> fields = t1Row();
    fields.remove("ordertxid");
    fields.remove("ordertype");
    fields.remove("ledgers");

    TradeRow row = TradeRow.fromFields(fields, "trades.csv", 2);

    assertThat(row.orderTxid()).isEmpty();
    assertThat(row.orderType()).isEmpty();
    assertThat(row.ledgerIds()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"txid", "pair", "time", "type", "price", "cost", "fee", "vol"})
  void namesAMissingRequiredColumn(String column) {
    assertThatThrownBy(() -> TradeRow.fromFields(without(column), "trades.csv", 3))
        .isInstanceOf(KrakenException.class)
        .hasMessage("trades.csv line 3, field '" + column + "': missing required column");
  }

  @ParameterizedTest
  @ValueSource(strings = {"hold", "Buy", "SELL", "margin"})
  void rejectsATypeOtherThanBuyOrSell(String type) {
    assertThatThrownBy(() -> TradeRow.fromFields(with("type", type), "trades.csv", 4))
        .isInstanceOf(KrakenException.class)
        .hasMessage("trades.csv line 4, field 'type': not 'buy' or 'sell': '" + type + "'");
  }

  @Test
  void namesABadPrice() {
    assertThatThrownBy(() -> TradeRow.fromFields(with("price", "103,22"), "trades.csv", 4))
        .isInstanceOf(KrakenException.class)
        .hasMessage("trades.csv line 4, field 'price': not a decimal number: '103,22'");
  }

  @Test
  void readsASpotRowsZeroMarginAsNoMargin() {
    assertThat(TradeRow.fromFields(t1Row(), "trades.csv", 2).margin()).isEmpty();
  }

  @Test
  void readsAnOpeningMarginFillAsAPositionOfItsOwnTxid() {
    // 0.1 XMR cost 10.322 EUR at leverage 2: initial margin 10.322 / 2 = 5.161.
    TradeRow row = TradeRow.fromFields(with("margin", "5.16100000"), "trades.csv", 2);

    assertThat(row.margin())
        .contains(new MarginTrade(new BigDecimal("5.161"), "TFWNEI-DWFNM-DPKYGT", false));
    assertThat(row.margin().orElseThrow().leverage(row.cost())).isEqualByComparingTo("2");
  }

  @Test
  void readsAClosingMarginFillAsClosingThePositionItNames() {
    Map<String, String> fields = with("margin", "5.161");
    fields.put("misc", "initiated, closing");
    fields.put("postxid", "TOPEN1-AAAAA-BBBBBB");

    TradeRow row = TradeRow.fromFields(fields, "trades.csv", 2);

    assertThat(row.margin())
        .contains(new MarginTrade(new BigDecimal("5.161"), "TOPEN1-AAAAA-BBBBBB", true));
    assertThat(TradeRow.fromFields(row.toFields(), "trades.csv", 2)).isEqualTo(row);
  }

  @Test
  void readsThe2025PositionColumn() {
    Map<String, String> fields = with("margin", "5.161");
    fields.put("misc", "closing");
    fields.put("posttxid", "TOPEN1-AAAAA-BBBBBB");

    assertThat(TradeRow.fromFields(fields, "trades.csv", 2).margin().map(MarginTrade::positionId))
        .contains("TOPEN1-AAAAA-BBBBBB");
  }

  @Test
  void namesAClosingMarginFillWithoutItsPosition() {
    Map<String, String> fields = with("margin", "5.161");
    fields.put("misc", "closing");

    assertThatThrownBy(() -> TradeRow.fromFields(fields, "trades.csv", 7))
        .isInstanceOf(KrakenException.class)
        .hasMessage(
            "trades.csv line 7, field 'postxid': a closing margin trade must name its position");
  }

  @Test
  void namesANegativeMargin() {
    assertThatThrownBy(() -> TradeRow.fromFields(with("margin", "-1"), "trades.csv", 5))
        .isInstanceOf(KrakenException.class)
        .hasMessage("trades.csv line 5, field 'margin': negative initial margin: -1");
  }

  @Test
  void printsOneCanonicalLine() {
    assertThat(TradeRow.fromFields(with("ordertype", "stop market"), "trades.csv", 2))
        .hasToString(
            "trades.csv line 2 txid=TFWNEI-DWFNM-DPKYGT ordertxid=OTVM57-ZCIA2-HXL3O6"
                + " pair=XXMRZEUR time=2017-11-12T19:04:13.694600Z type=buy"
                + " ordertype=stop%20market price=103.22 cost=10.322 fee=0.0268372 vol=0.1"
                + " ledgers=L3ZB4N-T33RW-ATJMAH,LKFD5C-OY5LR-PWEQW2");
  }

  static List<Path> tradeSamples() {
    return Samples.all().stream()
        .filter(p -> p.getFileName().toString().startsWith("trades-"))
        .toList();
  }

  @ParameterizedTest
  @MethodSource("tradeSamples")
  void rebuildsEveryRowOfEverySampleExactlyFromItsFields(Path sample) {
    List<TradeRow> rows = KrakenCsv.read(sample).tradeRows();

    assertThat(rows).isNotEmpty();
    for (TradeRow row : rows) {
      assertThat(TradeRow.fromFields(row.toFields(), row.source(), row.line())).isEqualTo(row);
    }
  }
}
