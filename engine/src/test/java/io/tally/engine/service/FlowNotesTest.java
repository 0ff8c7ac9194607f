package io.tally.engine.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.engine.ingest.Ingest;
import io.tally.engine.ingest.IngestBatch;
import io.tally.engine.ingest.StrategyTags;
import io.tally.kraken.LedgerRow;
import io.tally.ledger.CashFlow;
import io.tally.ledger.EventId;
import io.tally.ledger.EventText;
import io.tally.ledger.FlowKind;
import io.tally.ledger.LedgerEvent;
import io.tally.money.Amount;
import io.tally.money.Asset;
import io.tally.store.PortfolioStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlowNotesTest {

  @TempDir Path directory;

  private static LedgerRow row(
      String txid,
      String refid,
      int minute,
      String type,
      String subtype,
      String asset,
      String amount,
      String balance) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("txid", txid);
    fields.put("refid", refid);
    fields.put("time", Instant.parse("2024-01-02T10:00:00Z").plusSeconds(60L * minute).toString());
    fields.put("type", type);
    fields.put("subtype", subtype);
    fields.put("asset", asset);
    fields.put("amount", amount);
    fields.put("fee", "0");
    fields.put("balance", balance);
    return LedgerRow.fromFields(fields, "kraken-api", 0);
  }

  @Test
  void aFlowIsNotedWithItsLedgerSubtypeOrTypeOrWhyTallyBookedIt() {
    try (PortfolioStore store =
        PortfolioStore.open(directory.resolve("tally.db").toString(), Map.of())) {
      new Ingest(store, new StrategyTags(Map.of()), phase -> {})
          .run(
              new IngestBatch(
                  List.of(
                      row("L1", "RD1", 0, "deposit", "", "ZUSD", "1000", "1000"),
                      row("L2", "RS1", 1, "staking", "", "DOT.S", "1.5", "1.5"),
                      row("L3", "RE1", 2, "earn", "reward", "XXBT", "0.001", "0.001"),
                      row("L4", "RA1", 3, "transfer", "airdrop", "XETH", "0.2", "0.2"),
                      // 1000 + 500 is 1500, but Kraken says 2000: rows are missing before it.
                      row("L5", "RD2", 4, "deposit", "", "ZUSD", "500", "2000")),
                  List.of(),
                  List.of(),
                  List.of(),
                  Map.of(),
                  "notes"));
      List<CashFlow> flows = new ArrayList<>();
      for (var record : store.events()) {
        LedgerEvent event = EventText.parse(record.line());
        if (event instanceof CashFlow flow) {
          flows.add(flow);
        }
      }
      flows.add(
          new CashFlow(
              EventId.of("reconcile:XBT:2024-01-02T11:00:00Z"),
              Instant.parse("2024-01-02T11:00:00Z"),
              FlowKind.ADJUSTMENT,
              Amount.of("XBT", "-0.0001"),
              Amount.zero(Asset.XBT)));
      flows.add(
          new CashFlow(
              EventId.of("manual:1"),
              Instant.parse("2024-01-02T11:00:00Z"),
              FlowKind.DEPOSIT,
              Amount.of("USD", "1"),
              Amount.zero(Asset.USD)));

      Map<EventId, String> notes = FlowNotes.of(store, flows);

      Map<String, String> byId = new TreeMap<>();
      notes.forEach((id, note) -> byId.put(id.value(), note));
      String gap =
          flows.stream()
              .map(flow -> flow.id().value())
              .filter(id -> id.startsWith("gap:"))
              .findFirst()
              .orElseThrow();
      assertThat(byId)
          .containsExactlyInAnyOrderEntriesOf(
              Map.of(
                  "RD1",
                  "deposit",
                  "RS1",
                  "staking",
                  "RE1",
                  "reward",
                  "RA1",
                  "airdrop",
                  "RD2",
                  "deposit",
                  gap,
                  "balance gap",
                  "reconcile:XBT:2024-01-02T11:00:00Z",
                  "reconciliation adjustment"));
      assertThat(notes).as("no stored rows, no note").doesNotContainKey(EventId.of("manual:1"));
    }
  }
}
