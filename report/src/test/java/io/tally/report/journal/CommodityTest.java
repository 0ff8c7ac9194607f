package io.tally.report.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tally.ledger.CashFlow;
import io.tally.ledger.EventId;
import io.tally.ledger.FlowKind;
import io.tally.ledger.LedgerEvent;
import io.tally.money.Amount;
import io.tally.money.Asset;
import io.tally.report.SampleEvents;
import io.tally.tax.LotMethod;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommodityTest {

  @Test
  void krakensCodesAreKeptAsTheyAre() {
    for (String code : List.of("XBT", "DOT", "USD", "KFEE", "USDT", "ETH2.S")) {
      assertThat(Commodity.of(Asset.of(code)).symbol()).isEqualTo(code);
    }
  }

  @Test
  void codesBeancountRefusesAreMappedDeterministically() {
    assertThat(Commodity.of(Asset.of("1INCH")).symbol()).isEqualTo("X1INCH");
    assertThat(Commodity.of(Asset.of("T")).symbol()).isEqualTo("TX");
    assertThat(Commodity.of(Asset.of("flr")).symbol()).isEqualTo("FLR");
    assertThat(Commodity.of(Asset.of("FOO_")).symbol()).isEqualTo("FOO_X");
    assertThat(Commodity.of(Asset.of("A+B")).symbol()).isEqualTo("A-B");
  }

  @Test
  void accountsAndLedgerSymbolsKeepOnlyWhatTheToolsRead() {
    Commodity staked = Commodity.of(Asset.of("ETH2.S"));

    assertThat(Account.holding(staked).name()).isEqualTo("Assets:Kraken:ETH2-S");
    assertThat(staked.ledgerSymbol()).isEqualTo("\"ETH2.S\"");
    assertThat(Commodity.of(Asset.XBT).ledgerSymbol()).isEqualTo("XBT");
  }

  @Test
  void twoAssetsOfOneSymbolAreRefused() {
    List<LedgerEvent> events =
        List.of(
            new CashFlow(
                EventId.of("D1"),
                SampleEvents.at("2024-01-01"),
                FlowKind.DEPOSIT,
                Amount.parse("1INCH 5"),
                Amount.parse("1INCH 0")),
            new CashFlow(
                EventId.of("D2"),
                SampleEvents.at("2024-01-02"),
                FlowKind.DEPOSIT,
                Amount.parse("X1INCH 5"),
                Amount.parse("X1INCH 0")));
    JournalInput input =
        JournalInput.of(
            JournalSample.rules(LotMethod.FIFO, true), List.of(), events, JournalSample.GENERATED);

    assertThatThrownBy(() -> BeancountJournal.of(input))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Assets 1INCH and X1INCH would both be commodity X1INCH");
  }
}
