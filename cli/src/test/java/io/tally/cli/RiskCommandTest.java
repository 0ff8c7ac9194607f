package io.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code tally risk check} and {@code tally risk status} on an imported export: 0.025 XBT (bought
 * with 1,000 USD) and 500 USD, XBT last priced at 44,000 in January 2024, so the prices are stale
 * today.
 */
class RiskCommandTest {

  @TempDir Path dir;

  private String db;

  @BeforeEach
  void importTwoDays() throws IOException {
    Path ledgers = dir.resolve("ledgers.csv");
    Files.writeString(
        ledgers,
        String.join(
            "\n",
            "\"txid\",\"refid\",\"time\",\"type\",\"subtype\",\"aclass\",\"asset\",\"amount\",\"fee\",\"balance\"",
            "\"LP0001-AAAAA-AAAAAA\",\"QDEP01-AAAAA-AAAAAA\",\"2024-01-01 10:00:00\",\"deposit\",\"\",\"currency\",\"ZUSD\",1000.0000,0.0000,1000.0000",
            "\"LP0002-AAAAA-AAAAAA\",\"TP0001-AAAAA-AAAAAA\",\"2024-01-01 11:00:00\",\"trade\",\"\",\"currency\",\"ZUSD\",-1000.0000,0.0000,0.0000",
            "\"LP0003-AAAAA-AAAAAA\",\"TP0001-AAAAA-AAAAAA\",\"2024-01-01 11:00:00\",\"trade\",\"\",\"currency\",\"XXBT\",0.0250000000,0.0000000000,0.0250000000",
            "\"LP0004-AAAAA-AAAAAA\",\"QDEP02-AAAAA-AAAAAA\",\"2024-01-02 12:30:00\",\"deposit\",\"\",\"currency\",\"ZUSD\",500.0000,0.0000,500.0000",
            ""));
    Path prices = dir.resolve("prices.csv");
    Files.writeString(
        prices,
        "time,asset,price\n2024-01-01T11:00:00Z,XBT,40000\n2024-01-02T12:00:00Z,XBT,44000\n");
    db = dir.resolve("tally.db").toString();
    TallyRun imported =
        TallyRun.of(
            "import",
            "--db",
            db,
            "--prices",
            prices.toString(),
            "--base",
            "USD",
            ledgers.toString());
    assertThat(imported.status()).as(imported.err()).isZero();
  }

  /**
   * Buying 0.001 XBT (44 USD) adds to a position of 1,100 of 1,600 equity (68.75 %, over 10 %) on
   * stale prices: refused, exit status 1, every reason listed.
   */
  @Test
  void anOrderAddingToAnOversizedPositionOnStalePricesIsRefused() {
    TallyRun run =
        TallyRun.of(
            "risk",
            "check",
            "--db",
            db,
            "--pair",
            "btc/usd",
            "--side",
            "buy",
            "--volume",
            "0.001",
            "--format",
            "json");

    assertThat(run.status()).as(run.err()).isEqualTo(1);
    JsonNode doc = JsonMapper.builder().build().readTree(run.out());
    assertThat(doc.get("passed").asBoolean()).isFalse();
    List<String> rules = new ArrayList<>();
    doc.get("reasons").forEach(reason -> rules.add(reason.get("rule").asString()));
    assertThat(rules)
        .contains("refuse_on_stale_prices", "max_position_pct", "max_portfolio_risk_pct");
    // (1,100 + 44) / 1,600 = 71.5 %.
    assertThat(doc.get("position_after_pct").asString()).isEqualTo("71.5000");
  }

  /** Selling 0.01 of the 0.025 XBT reduces the position: it passes, stale prices or not. */
  @Test
  void anOrderThatReducesThePositionPasses() {
    TallyRun run =
        TallyRun.of(
            "risk", "check", "--db", db, "--pair", "XBT/USD", "--side", "sell", "--volume", "0.01");

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("PASSED  sell 0.01 XBT/USD at the current price");
  }

  /** Leverage 1,100 / 1,600 = 0.6875; the prices are stale. */
  @Test
  void theStatusListsEachLimitWithItsUse() {
    TallyRun run = TallyRun.of("risk", "status", "--db", db, "--format", "json");

    assertThat(run.status()).as(run.err()).isZero();
    JsonNode doc = JsonMapper.builder().build().readTree(run.out());
    assertThat(doc.get("trading_state").asString()).isEqualTo("ACTIVE");
    assertThat(doc.get("stale").asBoolean()).isTrue();
    JsonNode leverage = doc.get("limits").get(0);
    assertThat(leverage.get("rule").asString()).isEqualTo("leverage_cap");
    assertThat(leverage.get("value").asString()).isEqualTo("0.6875");
    assertThat(doc.get("concentration").get("largest_asset").asString()).isEqualTo("XBT");

    TallyRun text = TallyRun.of("risk", "status", "--db", db);
    assertThat(text.out()).contains("trading state", "max_position_pct", "OVER");
  }

  @Test
  void aPairThatIsNotBaseSlashQuoteIsRefusedNamingTheOption() {
    TallyRun run =
        TallyRun.of(
            "risk", "check", "--db", db, "--pair", "XBTUSD", "--side", "buy", "--volume", "1");

    assertThat(run.status()).isNotZero();
    assertThat(run.err()).contains("--pair must be BASE/QUOTE such as XBT/USD, got 'XBTUSD'");
  }
}
