package io.tally.cli;

import static io.tally.cli.TallyCommandTest.export;
import static io.tally.cli.TallyCommandTest.withoutTime;
import static org.assertj.core.api.Assertions.assertThat;

import io.tally.store.Checkpoint;
import io.tally.store.PortfolioStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code tally import} folds what it stored and saves a checkpoint; {@code tally report} answers
 * from it; {@code tally import --prices} stores a prices file with the rows.
 */
class ReportFromCheckpointTest {

  @TempDir Path dir;

  private String db(String name) {
    return dir.resolve(name + ".db").toString();
  }

  private static TallyRun succeeded(String... args) {
    TallyRun run = TallyRun.of(args);
    assertThat(run.status()).as(run.err()).isZero();
    return run;
  }

  private static JsonNode report(String db, String... extra) {
    return withoutTime(TallyRun.reportJson(db, extra));
  }

  /** {@code tally import --db DB --prices PRICES --base BASE EXPORT}, run in-process. */
  private static TallyRun importWithPrices(String db, Path prices, String base, String export) {
    return TallyRun.of("import", "--db", db, "--prices", prices.toString(), "--base", base, export);
  }

  /** Prices of the swap export's deposit and swap, in USD. */
  private Path swapPrices() throws IOException {
    Path file = dir.resolve("swap-prices.csv");
    Files.writeString(
        file,
        "time,asset,price\n"
            + "2024-01-01T10:00:00Z,ADA,0.60\n"
            + "2024-01-05T10:00:00Z,ADA,0.62\n"
            + "2024-01-05T10:00:00Z,DOT,7.5\n");
    return file;
  }

  @Test
  void theImportSavesTheCheckpointOfItsLastImportAndTheNextImportResumesFromIt()
      throws IOException {
    String db = db("books");
    TallyRun first = succeeded("import", "--db", db, export("swap-ledgers.csv").toString());
    // A first import: the books are folded from its batch beside the write, not read back.
    assertThat(first.err()).contains("books folded beside the write and checkpointed");

    TallyRun second = succeeded("import", "--db", db, export("swap-trades.csv").toString());
    // The trades-history rows revise the swap's pair: a revision replays, as the rule says.
    assertThat(second.out()).contains("revised 1");

    // A deposit after everything stored: folded on top of the checkpoint.
    Path later = dir.resolve("later-ledgers.csv");
    Files.writeString(
        later,
        "\"txid\",\"refid\",\"time\",\"type\",\"subtype\",\"aclass\",\"asset\",\"amount\","
            + "\"fee\",\"balance\"\n"
            + "\"LB0009-BBBBB-BBBBBB\",\"QDEP009-BBBBBB-BBBBBB\",\"2024-02-01 10:00:00\","
            + "\"deposit\",\"\",\"currency\",\"ADA\",10.00000000,0.00000000,10.00000000\n");
    TallyRun third = succeeded("import", "--db", db, later.toString());
    assertThat(third.err()).contains("books resumed from the last checkpoint");
    try (PortfolioStore store = PortfolioStore.open(db)) {
      Checkpoint checkpoint = store.latestCheckpoint().orElseThrow();
      assertThat(checkpoint.importId()).isEqualTo(store.lastImportId());
    }
  }

  @Test
  void storedPricesGiveTheReportThatAPricesFileGives() throws IOException {
    Path prices = swapPrices();
    String stored = db("stored");
    String passed = db("passed");
    TallyRun imported =
        importWithPrices(stored, prices, "USD", export("swap-ledgers.csv").toString());
    assertThat(imported.status()).as(imported.err()).isZero();
    succeeded("import", "--db", passed, export("swap-ledgers.csv").toString());

    // Every moment the books ask about has its own price: the deposit's ADA, the swap's sold ADA
    // (which values the swap, so the bought DOT is not asked about) and the DOT fee.
    assertThat(imported.out())
        .contains("prices added:       3")
        .contains("past prices:        0 moments lack a price");
    JsonNode fromCheckpoint = report(stored, "--price", "DOT=8");
    JsonNode replayed =
        report(passed, "--prices", prices.toString(), "--base", "USD", "--price", "DOT=8");
    // The same figures; only the reason for the base currency differs (the stored prices' one).
    assertThat(fromCheckpoint.get("base_currency_choice").asString()).isEqualTo("prices");
    assertThat(replayed.get("base_currency_choice").asString()).isEqualTo("configured");
    ((ObjectNode) fromCheckpoint).remove("base_currency_choice");
    ((ObjectNode) replayed).remove("base_currency_choice");
    assertThat(fromCheckpoint).isEqualTo(replayed);
    // 100 ADA deposited at 0.60 = 60 of cost, swapped at 0.62 for 5 DOT: 62 - 60 = 2 realized
    JsonNode ada = fromCheckpoint.get("holdings").get(0);
    assertThat(ada.get("asset").asString()).isEqualTo("ADA");
    assertThat(ada.get("realized_pnl_base").asString()).isEqualTo("2.00000000");
  }

  @Test
  void importingThePricesAgainAddsNone() throws IOException {
    String db = db("books");
    Path prices = swapPrices();
    String export = export("swap-ledgers.csv").toString();
    assertThat(importWithPrices(db, prices, "USD", export).status()).isZero();

    TallyRun again = importWithPrices(db, prices, "USD", export);

    assertThat(again.status()).as(again.err()).isZero();
    assertThat(again.out()).contains("rows added:         0").contains("prices added:       0");
  }

  @Test
  void aPricesFileWithoutItsCurrencyIsRefusedBeforeAnythingIsWritten() throws IOException {
    String db = db("books");
    TallyRun run =
        TallyRun.of(
            "import",
            "--db",
            db,
            "--prices",
            swapPrices().toString(),
            export("swap-ledgers.csv").toString());

    assertThat(run.status()).isNotZero();
    assertThat(run.err()).contains("--prices").contains("--base");
    try (PortfolioStore store = PortfolioStore.open(db)) {
      assertThat(store.eventCount()).isZero();
    }
  }

  @Test
  void pricesInAnotherCurrencyThanTheStoredOnesAreRefused() throws IOException {
    String db = db("books");
    Path prices = swapPrices();
    assertThat(importWithPrices(db, prices, "USD", export("swap-ledgers.csv").toString()).status())
        .isZero();

    TallyRun run = importWithPrices(db, prices, "EUR", export("account-ledgers.csv").toString());

    assertThat(run.status()).isNotZero();
    assertThat(run.err()).contains("the store's prices are in USD, not EUR");
    try (PortfolioStore store = PortfolioStore.open(db)) {
      assertThat(store.eventCount()).isEqualTo(2);
    }
  }
}
