package io.tally.kraken;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.ledger.CashFlow;
import io.tally.money.Asset;
import java.io.StringReader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AssetNamesTest {

  @Test
  void theExchangeOverridesTheBuiltInTableOnlyWhereItDisagrees() {
    AssetNames names =
        AssetNames.fromExchange(
            Map.of("XXBT", "XBT", "ZUSD", "USD", "KFEE", "FEE", "XNEWX", "NEW", "ADA.S", "ADA.S"));

    assertThat(names.overrides()).containsExactly(Map.entry("XNEWX", Asset.of("NEW")));
    assertThat(names.canonical("XNEWX")).isEqualTo(Asset.of("NEW"));
    assertThat(names.canonical("XNEWX.S")).isEqualTo(Asset.of("NEW"));
    assertThat(names.rename("XNEWX.S")).isEqualTo("NEW.S");
    assertThat(names.canonical("XXBT")).isEqualTo(Asset.XBT);
    assertThat(names.rename("XXBT")).isEqualTo("XXBT");
  }

  @Test
  void theClassifierBooksRowsUnderTheExchangesNames() {
    String csv =
        "\"txid\",\"refid\",\"time\",\"type\",\"subtype\",\"aclass\",\"asset\",\"amount\",\"fee\",\"balance\"\n"
            + "\"L1\",\"Q1\",\"2024-01-01 00:00:00\",\"deposit\",\"\",\"currency\",\"XNEWX\",5,0,5\n";
    var rows = KrakenCsv.read(new StringReader(csv), "t.csv").ledgerRows();
    AssetNames names = AssetNames.fromExchange(Map.of("XNEWX", "NEW"));

    var events = LedgerClassifier.classify(rows, new Enrichment(Map.of(), Map.of(), names));

    assertThat(events)
        .singleElement()
        .isInstanceOfSatisfying(
            CashFlow.class, flow -> assertThat(flow.amount().asset()).isEqualTo(Asset.of("NEW")));
    assertThat(LedgerClassifier.classify(rows, Map.of()))
        .singleElement()
        .isInstanceOfSatisfying(
            CashFlow.class, flow -> assertThat(flow.amount().asset()).isEqualTo(Asset.of("XNEWX")));
  }
}
