package io.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code tally performance} on an imported export: its JSON figures and its text; and {@code tally
 * report --as-of} on the same days.
 */
class PerformanceCommandTest {

  @TempDir Path dir;

  private String db;

  /**
   * 1,000 USD deposited on 1 January 2024 buys 0.025 XBT at 40,000; XBT is 42,000 at the day's end
   * and 44,000 at noon on 2 January, when 500 USD more is deposited.
   */
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
        "time,asset,price\n"
            + "2024-01-01T11:00:00Z,XBT,40000\n"
            + "2024-01-01T23:00:00Z,XBT,42000\n"
            + "2024-01-02T12:00:00Z,XBT,44000\n");
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

  @Test
  void theJsonSplitsReturnsAtTheDepositAndSaysWhyRatiosAreMissing() {
    // Day 1: 0.025 × 42,000 = 1,050 from 1,000 deposited: +5 %.
    // Day 2: 0.025 × 44,000 = 1,100 just before the 500 deposit, 1,600 at the end:
    //   1,100 / 1,050 − 1 = +4.7619 %; TWR 1.05 × 1.047619 − 1 = 10 %.
    TallyRun run =
        TallyRun.of(
            "performance",
            "--db",
            db,
            "--from",
            "2024-01-01",
            "--to",
            "2024-01-02",
            "--format",
            "json");
    assertThat(run.status()).as(run.err()).isZero();
    JsonNode doc = JsonMapper.builder().build().readTree(run.out());

    assertThat(doc.get("base_currency").asString()).isEqualTo("USD");
    assertThat(doc.get("timezone").asString()).isEqualTo("UTC");
    assertThat(doc.get("observations").asInt()).isEqualTo(2);
    JsonNode second = doc.get("daily").get(1);
    assertThat(second.get("equity_base").asString()).isEqualTo("1600.00000000");
    assertThat(second.get("net_flow_base").asString()).isEqualTo("500.00000000");
    assertThat(second.get("return").asDouble()).isCloseTo(1100.0 / 1050 - 1, within(1e-12));
    assertThat(doc.get("returns").get("twr").asDouble()).isCloseTo(0.1, within(1e-12));
    assertThat(doc.get("returns").get("total_pnl_base").asString()).isEqualTo("100.00000000");
    assertThat(doc.get("risk").get("sharpe").isNull()).isTrue();
    assertThat(doc.get("risk").get("sharpe_reason").asString())
        .isEqualTo("fewer than 30 daily observations (2)");
    assertThat(doc.get("trades").get("count").asInt()).isZero();
    // Attribution: XBT's 0.025 gained 0.025 × (44,000 − 40,000) = 100 unrealized, on a capital of
    // 0 + 1,000 + 500 deposited = 1,500: a contribution of 100 / 1,500 = 6.67 %.
    JsonNode xbt = doc.get("by_asset").get(doc.get("by_asset").size() - 1);
    assertThat(xbt.get("asset").asString()).isEqualTo("XBT");
    assertThat(xbt.get("unrealized_base").asString()).isEqualTo("100.00000000");
    assertThat(xbt.get("contribution").asDouble()).isCloseTo(100.0 / 1500, within(1e-12));
    JsonNode manual = doc.get("by_strategy").get(0);
    assertThat(manual.get("strategy").asString()).isEqualTo("manual");
    assertThat(manual.get("trades").asInt()).isEqualTo(1);
    assertThat(manual.get("unrealized_base").isNull()).isTrue();
    assertThat(doc.get("benchmark").get("asset").asString()).isEqualTo("XBT");
    // Holding XBT from the first deposit is the same portfolio here: no excess return.
    assertThat(doc.get("benchmark").get("excess_return").asDouble()).isCloseTo(0, within(1e-9));
  }

  @Test
  void theTextShowsTheHeadlineFigures() {
    TallyRun run = TallyRun.of("performance", "--db", db, "--to", "2024-01-02");
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("Performance 2024-01-01 .. 2024-01-02 (UTC, 2 days, USD)")
        .contains("Time-weighted return     10.00 %")
        .contains("Sharpe                   n/a (fewer than 30 daily observations (2))")
        .contains("2024-01    10.00 %");
  }

  @Test
  void theReportAsOfADayShowsTheBooksAsTheyStoodAtItsEnd() {
    // End of 1 January: 0.025 XBT at 42,000 = 1,050, no cash; the 500 of 2 January is not there.
    JsonNode first = report("--as-of", "2024-01-01");
    assertThat(first.get("equity_base").asString()).isEqualTo("1050.00000000");
    assertThat(first.get("cash_base").asString()).isEqualTo("0.00000000");
    assertThat(first.get("as_of").asString()).isEqualTo("2024-01-01T23:59:59.999999999Z");
    // End of 2 January: 0.025 × 44,000 + 500 = 1,600, unrealized 0.025 × (44,000 − 40,000) = 100.
    JsonNode second = report("--as-of", "2024-01-02");
    assertThat(second.get("equity_base").asString()).isEqualTo("1600.00000000");
    assertThat(second.get("unrealized_pnl_base_total").asString()).isEqualTo("100.00000000");

    TallyRun priced =
        TallyRun.of("report", "--db", db, "--as-of", "2024-01-01", "--price", "XBT=1");
    assertThat(priced.status()).isNotZero();
    assertThat(priced.err()).contains("--price sets today's prices");
  }

  private JsonNode report(String... extra) {
    return TallyRun.reportJson(db, extra);
  }

  @Test
  void aBadDateNamesItsOption() {
    TallyRun run = TallyRun.of("performance", "--db", db, "--from", "01/02/2024");
    assertThat(run.status()).isNotZero();
    assertThat(run.err()).contains("--from 01/02/2024: expected a date YYYY-MM-DD");
  }
}
