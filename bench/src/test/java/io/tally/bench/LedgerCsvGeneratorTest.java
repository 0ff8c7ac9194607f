package io.tally.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.kraken.BalanceCheck;
import io.tally.kraken.ExportFile;
import io.tally.kraken.ExportKind;
import io.tally.kraken.KrakenCsv;
import io.tally.kraken.LedgerClassifier;
import io.tally.kraken.LedgerRow;
import io.tally.kraken.RunningBalanceCheck;
import io.tally.ledger.LedgerEvent;
import io.tally.ledger.Unclassified;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerCsvGeneratorTest {

  @TempDir Path dir;

  @Test
  void generatedLedgersPassKrakensRunningBalanceCheckWithoutAnOpeningBalance() throws IOException {
    Path file = dir.resolve("ledgers.csv");
    LedgerCsvGenerator.write(file, 2_000, 42);

    ExportFile export = KrakenCsv.read(file);
    List<LedgerRow> rows = export.ledgerRows();
    BalanceCheck check = RunningBalanceCheck.check(rows);

    assertThat(export.kind()).isEqualTo(ExportKind.LEDGERS);
    assertThat(rows).hasSize(2_000);
    assertThat(check.ok()).as("first divergence: %s", check.firstDivergence()).isTrue();
    assertThat(check.openingBalances()).isEmpty();
    assertThat(check.rowsChecked()).isEqualTo(2_000);
    for (LedgerRow row : rows) {
      assertThat(row.balance().orElseThrow().signum()).as("%s", row).isNotNegative();
    }
  }

  @Test
  void everyRowHasItsOwnLedgerIdAndRefidsGroupOnlyTradeLegs() throws IOException {
    Path file = dir.resolve("ledgers.csv");
    LedgerCsvGenerator.write(file, 2_000, 7);
    List<LedgerRow> rows = KrakenCsv.read(file).ledgerRows();

    Set<String> txids = new HashSet<>();
    Map<String, List<LedgerRow>> groups = new HashMap<>();
    for (LedgerRow row : rows) {
      assertThat(txids.add(row.txid())).as("repeated ledger id %s", row.txid()).isTrue();
      groups.computeIfAbsent(row.refid(), r -> new ArrayList<>()).add(row);
    }
    Set<String> shapes = new TreeSet<>();
    for (List<LedgerRow> group : groups.values()) {
      LedgerRow first = group.get(0);
      shapes.add(first.type() + " " + first.asset());
      if (group.size() > 1) {
        // Two legs of one trade: EUR with the fee, then the crypto without.
        assertThat(group).hasSize(2);
        assertThat(first.type()).isEqualTo("trade");
        assertThat(first.asset()).isEqualTo("EUR");
        assertThat(group.get(1).fee().signum()).isZero();
        assertThat(group.get(1).time()).isEqualTo(first.time());
      }
    }
    assertThat(shapes)
        .contains(
            "deposit EUR",
            "deposit BTC",
            "trade EUR",
            "earn BTC",
            "earn ETH",
            "earn SOL",
            "withdrawal EUR");
  }

  @Test
  void everyRowBecomesAKnownEvent() throws IOException {
    Path file = dir.resolve("ledgers.csv");
    LedgerCsvGenerator.write(file, 2_000, 42);

    List<LedgerEvent> events =
        LedgerClassifier.classify(KrakenCsv.read(file).ledgerRows(), Map.of());

    assertThat(events).isNotEmpty().noneMatch(Unclassified.class::isInstance);
  }

  @Test
  void theSameSeedWritesTheSameFile() throws IOException {
    Path first = dir.resolve("first.csv");
    Path second = dir.resolve("second.csv");
    LedgerCsvGenerator.write(first, 500, 3);
    LedgerCsvGenerator.write(second, 500, 3);

    assertThat(Files.readString(second, StandardCharsets.UTF_8))
        .isEqualTo(Files.readString(first, StandardCharsets.UTF_8))
        .startsWith(LedgerCsvGenerator.HEADER + "\n");
  }

  @Test
  void pricesLeaveTheLedgerFileAsItIsAndPriceEveryRowFromTheFirstOn() throws IOException {
    Path alone = dir.resolve("alone.csv");
    Path ledgers = dir.resolve("ledgers.csv");
    Path prices = dir.resolve("prices.csv");
    LedgerCsvGenerator.write(alone, 2_000, 42);
    LedgerCsvGenerator.write(ledgers, 2_000, 42, Optional.of(prices));

    assertThat(Files.readString(ledgers, StandardCharsets.UTF_8))
        .isEqualTo(Files.readString(alone, StandardCharsets.UTF_8));
    List<String> lines = Files.readAllLines(prices, StandardCharsets.UTF_8);
    assertThat(lines.get(0)).isEqualTo(LedgerCsvGenerator.PRICES_HEADER);
    // One line per coin (BTC, ETH, SOL) for each hour that has a row, the first at the first row.
    Instant firstRow = KrakenCsv.read(ledgers).ledgerRows().get(0).time();
    assertThat(lines.get(1)).startsWith(firstRow + ",BTC,");
    assertThat(lines.get(2)).startsWith(firstRow + ",ETH,");
    assertThat(lines.get(3)).startsWith(firstRow + ",SOL,");
    assertThat((lines.size() - 1) % 3).isZero();
    Set<String> hours = new HashSet<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] fields = line.split(",");
      assertThat(new BigDecimal(fields[2]).signum()).as(line).isPositive();
      hours.add(fields[0].substring(0, 13) + fields[1]);
    }
    assertThat(hours).hasSize(lines.size() - 1);
  }
}
