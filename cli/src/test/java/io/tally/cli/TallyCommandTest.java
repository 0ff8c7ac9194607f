package io.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.store.PortfolioStore;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code tally import} and {@code tally report} end to end, on exports written by this project. */
class TallyCommandTest {

  @TempDir Path dir;

  static Path export(String name) {
    try {
      return Path.of(TallyCommandTest.class.getResource("/exports/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private String db() {
    return dir.resolve("tally.db").toString();
  }

  private JsonNode reportJson(String... extra) {
    String[] args = new String[4 + extra.length];
    args[0] = "report";
    args[1] = "--db";
    args[2] = db();
    args[3] = "--format=json";
    System.arraycopy(extra, 0, args, 4, extra.length);
    TallyRun run = TallyRun.of(args);
    assertThat(run.status()).as(run.err()).isZero();
    return JsonMapper.builder().build().readTree(run.out());
  }

  /** The report without the moments "now" stands for: the report's time and fresh prices'. */
  static JsonNode withoutTime(JsonNode report) {
    ((tools.jackson.databind.node.ObjectNode) report).remove("as_of");
    for (JsonNode holding : report.get("holdings")) {
      ((tools.jackson.databind.node.ObjectNode) holding).remove("price_at");
    }
    return report;
  }

  private static BigDecimal amount(JsonNode node, String field) {
    assertThat(node.get(field).isString()).as("%s is a decimal string", field).isTrue();
    return new BigDecimal(node.get(field).asString());
  }

  private static Map<String, JsonNode> holdings(JsonNode report) {
    Map<String, JsonNode> byAsset = new HashMap<>();
    report.get("holdings").forEach(h -> byAsset.put(h.get("asset").asString(), h));
    return byAsset;
  }

  @Test
  void reportsTheWorkedAccountExactly() {
    TallyRun imported =
        TallyRun.of("import", "--db", db(), export("account-ledgers.csv").toString());
    assertThat(imported.status()).as(imported.err()).isZero();
    assertThat(imported.out()).contains("rows read:          6").contains("rows added:         6");

    JsonNode report =
        reportJson("--prices", export("account-prices.csv").toString(), "--price", "XBT=60000");

    // buy 1 XBT for 40,000 (fee 10): realized -10
    // sell 0.5 for 25,000 (fee 10): 25,000 - 20,000 - 10 = 4,990
    // withdraw 0.1 XBT at 50,000 (fee 0.0001): 5,000 - 4,000 = 1,000; fee 5 expensed, its
    //   units released 16,000 × 0.0001 / 0.4 = 4 → transfer 996
    assertThat(amount(report, "realized_pnl_base_total")).isEqualByComparingTo("5976");
    assertThat(amount(report.get("realized_pnl_base_by_kind"), "trade"))
        .isEqualByComparingTo("4980");
    assertThat(amount(report.get("realized_pnl_base_by_kind"), "transfer"))
        .isEqualByComparingTo("996");
    // holdings: USD 34,980; XBT 0.3999 cost 15,996, value 0.3999 × 60,000 = 23,994
    Map<String, JsonNode> holdings = holdings(report);
    assertThat(amount(holdings.get("XBT"), "amount")).isEqualByComparingTo("0.3999");
    assertThat(amount(holdings.get("XBT"), "cost_basis_base")).isEqualByComparingTo("15996");
    assertThat(amount(holdings.get("XBT"), "unrealized_pnl_base")).isEqualByComparingTo("7998");
    assertThat(holdings.get("XBT").get("source_pair").asString()).isEqualTo("XBTUSD");
    assertThat(amount(report, "equity_base")).isEqualByComparingTo("58974"); // 34,980 + 23,994
    assertThat(amount(report, "cash_base")).isEqualByComparingTo("34980");
    assertThat(amount(report, "fees_base_total")).isEqualByComparingTo("25");
    // flows: 50,000 in, 5,000 out
    assertThat(amount(report, "net_cash_flows_base")).isEqualByComparingTo("45000");
    assertThat(amount(report.get("cash_flows"), "withdrawals_base")).isEqualByComparingTo("5000");
    // identity: equity = net flows + realized + unrealized = 45,000 + 5,976 + 7,998
    assertThat(amount(report, "unrealized_pnl_base_total")).isEqualByComparingTo("7998");
    assertThat(report.get("stale").asBoolean()).isFalse();
    assertThat(report.get("data_issues").size()).isZero();
    assertThat(report.get("positions").get(0).get("pair").asString()).isEqualTo("XBTUSD");
    // every XBT was bought on XBTUSD, so the withdrawal and its fee left that position:
    // 1 - 0.5 - 0.1 - 0.0001 = 0.3999 = the holding; USD is no pair's base, all of it non-pair
    assertThat(amount(report.get("positions").get(0), "base_size")).isEqualByComparingTo("0.3999");
    JsonNode nonPair = report.get("non_pair_holdings");
    assertThat(nonPair.size()).isEqualTo(1);
    assertThat(nonPair.get(0).get("asset").asString()).isEqualTo("USD");
    assertThat(amount(nonPair.get(0), "non_pair_amount")).isEqualByComparingTo("34980");
  }

  @Test
  void aHistoryWhoseOnlyFiatIsEuroReportsInEuroAndSaysSo() throws IOException {
    Path ledgers = dir.resolve("euro-ledgers.csv");
    Files.writeString(
        ledgers,
        String.join(
            "\n",
            "\"txid\",\"refid\",\"time\",\"type\",\"subtype\",\"aclass\",\"asset\",\"amount\","
                + "\"fee\",\"balance\"",
            "\"LE01\",\"RE01\",\"2024-01-01 10:00:00\",\"deposit\",\"\",\"currency\",\"ZEUR\","
                + "1000.0000,0.0000,1000.0000",
            "\"LE02\",\"TE01\",\"2024-01-02 10:00:00\",\"trade\",\"\",\"currency\",\"ZEUR\","
                + "-900.0000,1.0000,99.0000",
            "\"LE03\",\"TE01\",\"2024-01-02 10:00:00\",\"trade\",\"\",\"currency\",\"XXBT\","
                + "0.0200000000,0.0000000000,0.0200000000",
            ""));
    TallyRun.of("import", "--db", db(), ledgers.toString());

    TallyRun text = TallyRun.of("report", "--db", db(), "--price", "XBT=50000");
    JsonNode json = reportJson("--price", "XBT=50000");
    JsonNode inUsd = reportJson("--base", "USD");

    assertThat(text.out().lines().findFirst().orElseThrow())
        .startsWith("Base currency EUR: the only fiat currency in the history");
    assertThat(json.get("base_currency").asString()).isEqualTo("EUR");
    assertThat(json.get("base_currency_choice").asString()).isEqualTo("only_fiat");
    // 99 EUR cash + 0.02 XBT × 50,000 EUR = 1,099 EUR; the XBT cost 900 EUR, the fee 1 EUR.
    assertThat(amount(json, "equity_base")).isEqualByComparingTo("1099");
    assertThat(amount(json, "cash_base")).isEqualByComparingTo("99");
    assertThat(amount(json, "realized_pnl_base_total")).isEqualByComparingTo("-1");
    assertThat(inUsd.get("base_currency").asString()).isEqualTo("USD");
    assertThat(inUsd.get("base_currency_choice").asString()).isEqualTo("configured");
  }

  @Test
  void reimportingTheSameExportAddsNothing() {
    String file = export("account-ledgers.csv").toString();
    TallyRun.of("import", "--db", db(), file);
    JsonNode before = withoutTime(reportJson("--price", "XBT=60000"));

    TallyRun again = TallyRun.of("import", "--db", db(), file, file);

    assertThat(again.status()).isZero();
    assertThat(again.out()).contains("rows added:         0").contains("duplicates skipped: 12");
    assertThat(withoutTime(reportJson("--price", "XBT=60000"))).isEqualTo(before);
    try (PortfolioStore store = PortfolioStore.open(db(), Map.of())) {
      assertThat(store.rowCount()).isEqualTo(6);
    }
  }

  @Test
  void aBadRowStopsTheImportAndLeavesTheStoreAsItWas() {
    TallyRun.of("import", "--db", db(), export("account-ledgers.csv").toString());

    TallyRun bad = TallyRun.of("import", "--db", db(), export("bad-ledgers.csv").toString());

    assertThat(bad.status()).isEqualTo(1);
    assertThat(bad.err()).contains("bad-ledgers.csv line 3, field 'amount'").contains("abc");
    try (PortfolioStore store = PortfolioStore.open(db(), Map.of())) {
      assertThat(store.rowCount()).isEqualTo(6);
    }
  }

  /** A new store's schema is made beside the reading; a file that cannot be read leaves none. */
  @Test
  void aBadRowInAFirstImportLeavesNoStoreBehind() throws IOException {
    TallyRun bad = TallyRun.of("import", "--db", db(), export("bad-ledgers.csv").toString());

    assertThat(bad.status()).isEqualTo(1);
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left).isEmpty();
    }
    TallyRun good = TallyRun.of("import", "--db", db(), export("account-ledgers.csv").toString());
    assertThat(good.status()).as(good.err()).isZero();
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left).containsExactly(Path.of(db()));
    }
  }

  @Test
  void theTradesHistoryRevisesATradesPair() {
    TallyRun.of("import", "--db", db(), export("swap-ledgers.csv").toString());
    // Ledger rows alone: neither ADA nor DOT ranks as a quote currency, so the sold ADA is taken
    // as the quote.
    assertThat(reportJson().get("positions").get(0).get("pair").asString()).isEqualTo("DOTADA");

    TallyRun enriched = TallyRun.of("import", "--db", db(), export("swap-trades.csv").toString());

    assertThat(enriched.out()).contains("revised 1");
    assertThat(reportJson().get("positions").get(0).get("pair").asString()).isEqualTo("ADADOT");
  }

  @Test
  void theHelpListsEveryCommandAndAMistypedOneIsSuggested() {
    TallyRun help = TallyRun.of("--help");
    TallyRun mistyped = TallyRun.of("repot", "--db", db());

    assertThat(help.status()).isZero();
    assertThat(help.out())
        .contains(
            "import",
            "prices",
            "report",
            "performance",
            "export",
            "sync",
            "paper",
            "risk",
            "reconcile",
            "snapshot",
            "history",
            "serve",
            "demo",
            "sim",
            "config");
    assertThat(mistyped.status()).isEqualTo(2);
    assertThat(mistyped.err()).contains("Unmatched argument").contains("report");
  }

  @Test
  void onlyTheCommandNamedIsBuiltAndItsHelpIsItsOwn() {
    TallyRun reportHelp = TallyRun.of("report", "--help");

    assertThat(Tally.commandsFor("report")).containsExactly(ReportCommand.class);
    assertThat(Tally.commandsFor("prices", "fetch")).containsExactly(PricesCommand.class);
    assertThat(Tally.commandsFor()).hasSize(15);
    assertThat(Tally.commandsFor("--version")).hasSize(15);
    assertThat(reportHelp.status()).isZero();
    assertThat(reportHelp.out()).startsWith("Usage: tally report").contains("--format");
  }

  @Test
  void reportingWithoutADatabaseSaysWhatToDo() {
    TallyRun run = TallyRun.of("report", "--db", db());

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).contains("no database at").contains("tally import");
  }

  @Test
  void aBadPricesFileNamesLineAndField() throws IOException {
    TallyRun.of("import", "--db", db(), export("account-ledgers.csv").toString());
    Path prices = dir.resolve("prices.csv");
    Files.writeString(
        prices, "time,asset,price\n2024-01-01T00:00:00Z,XBT,40000\nyesterday,XBT,1\n");

    TallyRun run = TallyRun.of("report", "--db", db(), "--prices", prices.toString());

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).contains("prices.csv line 3, field 'time'");
  }

  @Test
  void textReportShowsTheSameFiguresRoundedToCents() {
    TallyRun.of("import", "--db", db(), export("account-ledgers.csv").toString());

    TallyRun run =
        TallyRun.of(
            "report",
            "--db",
            db(),
            "--prices",
            export("account-prices.csv").toString(),
            "--price",
            "XBT=60000");

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("Equity")
        .contains("58974.00")
        .contains("5976.00")
        .contains("7998.00")
        .contains("XBTUSD");
  }

  @Test
  void fifoGivesTheSameTotalOnceEverythingIsClosedAndMayDifferBefore() {
    TallyRun.of("import", "--db", db(), export("account-ledgers.csv").toString());
    JsonNode wac =
        reportJson("--prices", export("account-prices.csv").toString(), "--price", "XBT=60000");
    JsonNode fifo =
        reportJson(
            "--prices",
            export("account-prices.csv").toString(),
            "--price",
            "XBT=60000",
            "--cost-basis",
            "fifo");
    // one buy lot only: FIFO and WAC agree exactly here
    assertThat(fifo.get("cost_basis_method").asString()).isEqualTo("fifo");
    assertThat(amount(fifo, "realized_pnl_base_total"))
        .isEqualByComparingTo(amount(wac, "realized_pnl_base_total"));
  }

  @Test
  void theConfigurationSetsTheReportsDefaultsAndWhichAssetsAreListed() throws IOException {
    TallyRun.of("import", "--db", db(), export("account-ledgers.csv").toString());
    Path config = dir.resolve("tally.yaml");
    Files.writeString(config, "portfolio:\n  cost_basis_method: fifo\n  exclude_assets: [USD]\n");

    JsonNode report = reportJson("--config", config.toString(), "--price", "XBT=60000");

    assertThat(report.get("cost_basis_method").asString()).isEqualTo("fifo");
    assertThat(holdings(report)).containsOnlyKeys("XBT");
    // totals stay whole: equity still counts the 34,980 USD that is not listed
    assertThat(amount(report, "cash_base")).isEqualByComparingTo("34980");
  }

  @Test
  void aBadConfigurationStopsTheCommandNamingTheKey() throws IOException {
    Path config = dir.resolve("tally.yaml");
    Files.writeString(config, "portfolio:\n  cost_basis_method: lifo\n");
    TallyRun.of("import", "--db", db(), export("account-ledgers.csv").toString());

    TallyRun run = TallyRun.of("report", "--db", db(), "--config", config.toString());

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).contains("portfolio.cost_basis_method: expected wac or fifo, got 'lifo'");
  }

  @Test
  void theConfigTemplateIsPrintedAndChecksClean() throws IOException {
    TallyRun template = TallyRun.of("config", "template");
    assertThat(template.status()).isZero();
    assertThat(template.out()).contains("strategy_tags").contains("tier: starter");

    Path config = dir.resolve("tally.yaml");
    Files.writeString(config, template.out());
    TallyRun check = TallyRun.of("config", "check", "--config", config.toString());
    assertThat(check.status()).as(check.err()).isZero();
    assertThat(check.out()).startsWith("configuration is valid");
  }

  @Test
  void syncWithoutKeysSaysWhichVariablesToSet() {
    TallyRun run = TallyRun.of("sync", "--db", db());

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).contains("KRAKEN_API_KEY").contains("KRAKEN_API_SECRET");
  }
}
