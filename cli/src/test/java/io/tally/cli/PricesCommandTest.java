package io.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.sim.AccountGenerator;
import io.tally.sim.KrakenExport;
import io.tally.sim.KrakenSimulator;
import io.tally.sim.SimulatedAccount;
import io.tally.sim.SimulatorOptions;
import io.tally.store.PortfolioStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code tally prices fetch} end to end against the simulator started in this process on port 0: a
 * CSV user's books (the account exported as Kraken's ledgers.csv and trades.csv, imported with no
 * price file, then priced by {@code prices fetch} with no key) equal a sync user's books of the
 * same account.
 */
class PricesCommandTest {

  private static final String KEY = "prices-test-key";
  private static final String SECRET =
      "kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==";
  private static final Map<String, String> KEYS =
      Map.of("KRAKEN_API_KEY", KEY, "KRAKEN_API_SECRET", SECRET);

  @TempDir Path dir;

  private SimulatedAccount account;
  private KrakenSimulator simulator;
  private Path config;

  @BeforeEach
  void startSimulator() throws IOException {
    // Up to now: the commands run on the system clock, so the account lies in its past.
    account = AccountGenerator.generate(23, 4, Instant.now().truncatedTo(ChronoUnit.MINUTES));
    simulator =
        KrakenSimulator.start(
            account,
            0,
            SimulatorOptions.defaults().withCredentials(KEY, SECRET).withoutRateLimit());
    config = dir.resolve("tally.yaml");
    Files.writeString(
        config,
        String.join("\n", "kraken:", "  base_url: " + simulator.baseUrl(), "  tier: pro", ""));
  }

  @AfterEach
  void stopSimulator() {
    simulator.close();
  }

  private TallyRun tally(Map<String, String> env, String db, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--db", dir.resolve(db).toString(), "--config", config.toString()));
    TallyRun run = TallyRun.withEnv(env, all.toArray(String[]::new));
    assertThat(run.status()).as(run.err()).isZero();
    return run;
  }

  private TallyRun importExport(String db) {
    Path ledgers = dir.resolve("ledgers.csv");
    Path trades = dir.resolve("trades.csv");
    KrakenExport export = KrakenExport.of(account);
    export.writeLedgers(ledgers);
    export.writeTrades(trades);
    return tally(Map.of(), db, "import", ledgers.toString(), trades.toString());
  }

  private int trades() {
    return simulator.callsReceived().getOrDefault("Trades", 0);
  }

  /** The report without what stands for "now": the report's time and each current price's. */
  private JsonNode report(String db) {
    JsonNode report =
        JsonMapper.builder()
            .build()
            .readTree(tally(Map.of(), db, "report", "--format", "json").out());
    ((ObjectNode) report).remove("as_of");
    report.get("holdings").forEach(holding -> ((ObjectNode) holding).remove("price_at"));
    return report;
  }

  private static int number(String text, String pattern) {
    Matcher matcher = Pattern.compile(pattern).matcher(text);
    assertThat(matcher.find()).as("'%s' in:%n%s", pattern, text).isTrue();
    return Integer.parseInt(matcher.group(1).replace(",", ""));
  }

  @Test
  void anImportedExportPricedByPricesFetchHasTheBooksOfASyncOfTheSameAccount() {
    tally(KEYS, "synced.db", "sync");

    TallyRun imported = importExport("imported.db");
    int lacking =
        number(
            imported.out(),
            "past prices: +([\\d,]+) moments lack a price; 'tally prices fetch' fills them");
    assertThat(lacking)
        .as("crypto deposits, withdrawals, rewards and swaps need prices")
        .isPositive();

    int tradesBefore = trades();
    TallyRun fetched = tally(Map.of(), "imported.db", "prices", "fetch");

    assertThat(fetched.out())
        .contains("past moments priced: " + String.format("%,d of %,d", lacking, lacking))
        .contains("still unpriced:     0")
        .contains("from OHLC candles:  0");
    assertThat(number(fetched.out(), "from public trades: ([\\d,]+)")).isEqualTo(lacking);
    assertThat(number(fetched.out(), "current prices: +([\\d,]+)")).isPositive();
    assertThat(fetched.err()).contains("fetching Kraken's asset list").contains("trades XXBTZUSD");
    assertThat(trades() - tradesBefore)
        .as("Trades pages asked for")
        .isEqualTo(number(fetched.out(), "Trades pages fetched: ([\\d,]+)"))
        .isPositive();

    JsonNode synced = report("synced.db");
    JsonNode priced = report("imported.db");
    // A sync tags trades with the strategy of their order; an export has no orders, so every
    // trade is 'manual' there. Everything else is the same books.
    ((ObjectNode) synced).remove("realized_pnl_base_by_strategy");
    ((ObjectNode) priced).remove("realized_pnl_base_by_strategy");
    assertThat(priced.get("holdings").size()).isPositive();
    assertThat(priced.get("data_issues").size()).as("no missing prices").isZero();
    assertThat(priced).isEqualTo(synced);

    TallyRun again = tally(Map.of(), "imported.db", "prices", "fetch");
    assertThat(again.out()).contains("past moments priced: 0 of 0");
    assertThat(trades())
        .as("a second fetch asks for no Trades")
        .isEqualTo(tradesBefore + number(fetched.out(), "Trades pages fetched: ([\\d,]+)"));
    assertThat(
            tally(Map.of(), "imported.db", "import", dir.resolve("ledgers.csv").toString()).out())
        .contains("past prices:        0 moments lack a price");
  }

  @Test
  void aBaseOtherThanTheStoredPricesIsRefusedAndAMissingStoreNamed() {
    importExport("imported.db");
    tally(Map.of(), "imported.db", "prices", "fetch");

    TallyRun eur =
        TallyRun.withEnv(
            Map.of(),
            "prices",
            "fetch",
            "--base",
            "EUR",
            "--db",
            dir.resolve("imported.db").toString(),
            "--config",
            config.toString());
    assertThat(eur.status()).isEqualTo(1);
    assertThat(eur.err())
        .contains("--base EUR: the prices in this store are in USD")
        .doesNotContain("Exception");

    TallyRun none = TallyRun.of("prices", "fetch", "--db", dir.resolve("none.db").toString());
    assertThat(none.status()).isEqualTo(1);
    assertThat(none.err()).contains("no database at").contains("none.db");
    assertThat(Files.exists(dir.resolve("none.db"))).isFalse();
    try (PortfolioStore store =
        PortfolioStore.open(dir.resolve("imported.db").toString(), Map.of())) {
      assertThat(store.prices()).allSatisfy(p -> assertThat(p.source()).startsWith("kraken:"));
    }
  }
}
