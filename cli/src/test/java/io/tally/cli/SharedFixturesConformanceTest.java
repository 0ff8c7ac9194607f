package io.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tally.kraken.BalanceCheck;
import io.tally.kraken.ExportKind;
import io.tally.kraken.KrakenCsv;
import io.tally.kraken.LedgerRow;
import io.tally.kraken.RunningBalanceCheck;
import io.tally.money.AssetSymbol;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real-format Kraken exports from public repositories ({@code ../shared/fixtures/kraken}, skipped
 * when absent): after {@code tally import}, the books hold of every asset exactly what Kraken's own
 * running balances say at the end (summed over wallets). That holds for every {@code ledgers.csv},
 * for every recorded Ledgers answer (written as a CSV first), and for every export cut in three
 * with the middle part missing (a {@code balance_gap}) until that part is imported too.
 */
class SharedFixturesConformanceTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Exact decimals, as the Kraken client reads answers: times keep their microseconds. */
  private static final JsonMapper EXACT_JSON =
      JsonMapper.builder()
          .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  @TempDir Path dir;

  private static Path fixtures() {
    return Path.of(System.getProperty("tally.shared", "../../shared"), "fixtures", "kraken");
  }

  private static Stream<Path> fixtureFiles(String suffix) throws IOException {
    if (!Files.isDirectory(fixtures())) {
      return Stream.of(Path.of("(shared fixtures absent)"));
    }
    List<Path> files = new ArrayList<>();
    try (Stream<Path> listing = Files.list(fixtures())) {
      listing.filter(p -> p.toString().endsWith(suffix)).sorted().forEach(files::add);
    }
    return files.stream();
  }

  static Stream<Path> ledgerExports() throws IOException {
    return fixtureFiles(".csv")
        .filter(p -> !Files.exists(p) || KrakenCsv.read(p).kind() == ExportKind.LEDGERS);
  }

  /** Recorded Ledgers answers: {@code result.ledger} by ledger id, or an array of entries. */
  static Stream<Path> ledgerRecordings() throws IOException {
    return fixtureFiles(".json").filter(p -> !Files.exists(p) || ledgerEntries(p).isPresent());
  }

  @ParameterizedTest
  @MethodSource("ledgerExports")
  void booksHoldWhatKrakensBalancesSay(Path export) {
    assumeTrue(Files.exists(export), "../shared/fixtures/kraken is absent");
    String db = dir.resolve("tally.db").toString();

    JsonNode report = importAndReport(db, export);

    assertThat(holdings(report))
        .as("holdings of %s", export.getFileName())
        .isEqualTo(finalBalances(rows(export)));
    // A whole export has neither a hole nor a disagreement.
    assertThat(issueKinds(report))
        .as("%s", report.get("data_issues"))
        .doesNotContain("balance_mismatch", "balance_gap");
  }

  @ParameterizedTest
  @MethodSource("ledgerRecordings")
  void booksHoldWhatARecordedLedgersAnswerSays(Path recording) throws IOException {
    assumeTrue(Files.exists(recording), "../shared/fixtures/kraken is absent");
    Path export = dir.resolve(recording.getFileName() + ".csv");
    Files.writeString(export, asCsv(recording), StandardCharsets.UTF_8);
    String db = dir.resolve("tally.db").toString();

    JsonNode report = importAndReport(db, export);

    assertThat(holdings(report))
        .as("holdings of %s", recording.getFileName())
        .isEqualTo(finalBalances(rows(export)));
    assertThat(issueKinds(report)).doesNotContain("balance_mismatch");
  }

  /**
   * The export cut in three: the first and last parts (saved by hand, with blank lines) hold what
   * their balance column says, every hole a {@code balance_gap} that makes the ledger check fail;
   * the middle part, imported later, retracts the gaps and the books hold what the whole export
   * says.
   */
  @ParameterizedTest
  @MethodSource("ledgerExports")
  void anExportWithAHoleHoldsWhatItsBalancesSayUntilTheMissingPartArrives(Path export)
      throws IOException {
    assumeTrue(Files.exists(export), "../shared/fixtures/kraken is absent");
    List<String> lines = Files.readAllLines(export, StandardCharsets.UTF_8);
    List<LedgerRow> all = rows(export);
    int from = cut(all, all.size() / 3);
    int to = cut(all, 2 * all.size() / 3);
    String header = lines.get(0);
    Path before = dir.resolve("before.csv");
    Path middle = dir.resolve("middle.csv");
    Path after = dir.resolve("after.csv");
    // Lines 2.. hold rows 0..; a hand-saved file with blank lines after the header, in the middle
    // (blanks only) and at the end.
    List<String> first = lines.subList(1, 1 + from);
    Files.writeString(
        before,
        header
            + "\r\n\r\n"
            + String.join("\r\n", first.subList(0, first.size() / 2))
            + "\r\n   \r\n"
            + String.join("\r\n", first.subList(first.size() / 2, first.size()))
            + "\r\n\r\n\r\n",
        StandardCharsets.UTF_8);
    Files.writeString(
        middle, header + "\n" + String.join("\n", lines.subList(1 + from, 1 + to)) + "\n");
    Files.writeString(
        after, header + "\n\n" + String.join("\n", lines.subList(1 + to, lines.size())) + "\n");
    String db = dir.resolve("tally.db").toString();
    List<LedgerRow> kept = new ArrayList<>(rows(before));
    kept.addAll(rows(after));
    assertThat(kept).hasSize(all.size() - (to - from));

    JsonNode holed = importAndReport(db, before, after);

    assertThat(holdings(holed))
        .as("holdings of %s without its middle", export.getFileName())
        .isEqualTo(finalBalances(kept));
    BalanceCheck check = RunningBalanceCheck.check(timeOrdered(kept));
    long gaps = issueKinds(holed).stream().filter("balance_gap"::equals).count();
    assertThat(gaps).as("%s", holed.get("data_issues")).isEqualTo(check.gaps().size());
    if (export.getFileName().toString().startsWith("satfolio")) {
      // Its middle third moves EUR, BTC, ETH and EIGEN in the spot wallet: four holes.
      assertThat(gaps).isEqualTo(4);
    }
    assertThat(issueKinds(holed)).doesNotContain("balance_mismatch");
    JsonNode ledgerCheck = reconcile(db).get("ledger_check");
    assertThat(ledgerCheck.get("ok").asBoolean()).isEqualTo(gaps == 0);
    if (gaps > 0) {
      assertThat(ledgerCheck.get("first_divergence").get("kind").asString())
          .isEqualTo("balance_gap");
    }

    JsonNode whole = importAndReport(db, middle);

    assertThat(holdings(whole))
        .as("holdings of %s", export.getFileName())
        .isEqualTo(finalBalances(all));
    assertThat(issueKinds(whole)).doesNotContain("balance_mismatch", "balance_gap");
    assertThat(reconcile(db).get("ledger_check").get("ok").asBoolean()).isTrue();
  }

  /** {@code index}, moved on past rows Kraken booked together (one refid at one moment). */
  private static int cut(List<LedgerRow> rows, int index) {
    int cut = Math.max(1, index);
    while (cut < rows.size()
        && rows.get(cut).refid().equals(rows.get(cut - 1).refid())
        && rows.get(cut).time().equals(rows.get(cut - 1).time())) {
      cut++;
    }
    return cut;
  }

  private static JsonNode importAndReport(String db, Path... exports) {
    List<String> args = new ArrayList<>(List.of("import", "--db", db));
    for (Path export : exports) {
      args.add(export.toString());
    }
    TallyRun imported = TallyRun.of(args.toArray(String[]::new));
    assertThat(imported.status()).as(imported.err()).isZero();
    TallyRun run = TallyRun.of("report", "--db", db, "--format", "json");
    assertThat(run.status()).as(run.err()).isZero();
    return JSON.readTree(run.out());
  }

  private static JsonNode reconcile(String db) {
    TallyRun run = TallyRun.of("reconcile", "--db", db, "--format", "json");
    assertThat(run.status()).as(run.err()).isZero();
    return JSON.readTree(run.out());
  }

  private static Map<String, BigDecimal> holdings(JsonNode report) {
    Map<String, BigDecimal> books = new TreeMap<>();
    report
        .get("holdings")
        .forEach(
            h ->
                books.put(
                    h.get("asset").asString(),
                    new BigDecimal(h.get("amount").asString()).stripTrailingZeros()));
    books.values().removeIf(value -> value.signum() == 0);
    return books;
  }

  private static List<String> issueKinds(JsonNode report) {
    List<String> kinds = new ArrayList<>();
    report.get("data_issues").forEach(issue -> kinds.add(issue.get("kind").asString()));
    return kinds;
  }

  private static List<LedgerRow> rows(Path export) {
    return KrakenCsv.read(export).ledgerRows();
  }

  private static List<LedgerRow> timeOrdered(List<LedgerRow> rows) {
    List<LedgerRow> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparing(LedgerRow::time));
    return sorted;
  }

  /** Kraken's last balance of every asset and wallet, summed per canonical asset. */
  private static Map<String, BigDecimal> finalBalances(List<LedgerRow> rows) {
    Map<String, LedgerRow> last = new LinkedHashMap<>();
    for (LedgerRow row : timeOrdered(rows)) {
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

  /** The ledger entries of a recording, by ledger id, when it is a Ledgers answer. */
  private static Optional<Map<String, JsonNode>> ledgerEntries(Path recording) {
    JsonNode root;
    try {
      root = EXACT_JSON.readTree(Files.readString(recording, StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    Map<String, JsonNode> entries = new LinkedHashMap<>();
    if (root.isArray()) {
      for (JsonNode entry : root) {
        if (!entry.has("refid") || !entry.has("balance") || !entry.has("id")) {
          return Optional.empty();
        }
        entries.put(entry.get("id").asString(), entry);
      }
    } else if (root.path("result").path("ledger").isObject()) {
      root.get("result")
          .get("ledger")
          .properties()
          .forEach(e -> entries.put(e.getKey(), e.getValue()));
    }
    return entries.isEmpty() ? Optional.empty() : Optional.of(entries);
  }

  /** A recorded Ledgers answer as a ledgers export, oldest first, times as ISO-8601. */
  private static String asCsv(Path recording) {
    Map<String, JsonNode> entries = ledgerEntries(recording).orElseThrow();
    List<Map.Entry<String, JsonNode>> sorted = new ArrayList<>(entries.entrySet());
    sorted.sort(Comparator.comparing(entry -> time(entry.getValue())));
    StringBuilder csv =
        new StringBuilder("txid,refid,time,type,subtype,aclass,asset,amount,fee,balance\n");
    for (Map.Entry<String, JsonNode> entry : sorted) {
      JsonNode row = entry.getValue();
      csv.append(
          String.join(
              ",",
              entry.getKey(),
              row.get("refid").asString(),
              time(row).toString(),
              row.get("type").asString(),
              text(row, "subtype"),
              text(row, "aclass"),
              row.get("asset").asString(),
              row.get("amount").asString(),
              text(row, "fee"),
              text(row, "balance")));
      csv.append('\n');
    }
    return csv.toString();
  }

  /** A field's text; empty when absent or null. */
  private static String text(JsonNode row, String name) {
    JsonNode value = row.get(name);
    return value == null || value.isNull() ? "" : value.asString();
  }

  private static Instant time(JsonNode row) {
    BigDecimal seconds = row.get("time").decimalValue();
    return Instant.ofEpochSecond(
        seconds.longValue(), seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
  }
}
