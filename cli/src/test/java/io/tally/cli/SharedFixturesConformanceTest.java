package io.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tally.kraken.ExportKind;
import io.tally.kraken.KrakenCsv;
import io.tally.kraken.LedgerRow;
import io.tally.money.AssetSymbol;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real-format Kraken exports from public repositories ({@code ../shared/fixtures/kraken}, skipped
 * when absent): after {@code tally import}, the books hold of every asset exactly what Kraken's own
 * running balances say at the end (summed over wallets), and no balance diverges.
 */
class SharedFixturesConformanceTest {

  @TempDir Path dir;

  static Stream<Path> ledgerExports() throws IOException {
    Path fixtures =
        Path.of(System.getProperty("tally.shared", "../../shared"), "fixtures", "kraken");
    if (!Files.isDirectory(fixtures)) {
      return Stream.of(Path.of("(shared fixtures absent)"));
    }
    List<Path> files = new ArrayList<>();
    try (Stream<Path> listing = Files.list(fixtures)) {
      listing.filter(p -> p.toString().endsWith(".csv")).sorted().forEach(files::add);
    }
    return files.stream().filter(p -> KrakenCsv.read(p).kind() == ExportKind.LEDGERS);
  }

  @ParameterizedTest
  @MethodSource("ledgerExports")
  void booksHoldWhatKrakensBalancesSay(Path export) {
    assumeTrue(Files.exists(export), "../shared/fixtures/kraken is absent");
    String db = dir.resolve("tally.db").toString();
    TallyRun imported = TallyRun.of("import", "--db", db, export.toString());
    assertThat(imported.status()).as(imported.err()).isZero();

    TallyRun run = TallyRun.of("report", "--db", db, "--format", "json");
    assertThat(run.status()).as(run.err()).isZero();
    JsonNode report = JsonMapper.builder().build().readTree(run.out());

    Map<String, BigDecimal> books = new TreeMap<>();
    report
        .get("holdings")
        .forEach(
            h -> books.put(h.get("asset").asString(), new BigDecimal(h.get("amount").asString())));
    books.values().removeIf(value -> value.signum() == 0);
    assertThat(books).as("holdings of %s", export.getFileName()).isEqualTo(finalBalances(export));
    report
        .get("data_issues")
        .forEach(
            issue ->
                assertThat(issue.get("kind").asString())
                    .as("%s: %s", export.getFileName(), issue.get("detail").asString())
                    .isNotEqualTo("balance_mismatch"));
  }

  /** Kraken's last balance of every asset and wallet, summed per canonical asset. */
  private static Map<String, BigDecimal> finalBalances(Path export) {
    List<LedgerRow> rows = new ArrayList<>(KrakenCsv.read(export).ledgerRows());
    rows.sort(Comparator.comparing(LedgerRow::time));
    Map<String, LedgerRow> last = new LinkedHashMap<>();
    for (LedgerRow row : rows) {
      if (!row.isPending() && row.balance().isPresent()) {
        last.put(row.walletKey(), row);
      }
    }
    Map<String, BigDecimal> balances = new TreeMap<>();
    for (LedgerRow row : last.values()) {
      balances.merge(
          AssetSymbol.canonical(row.asset()).code(), row.balance().orElseThrow(), BigDecimal::add);
    }
    balances.replaceAll((asset, value) -> value.stripTrailingZeros());
    balances.values().removeIf(value -> value.signum() == 0);
    return balances;
  }
}
