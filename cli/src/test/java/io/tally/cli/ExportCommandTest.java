package io.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code tally export} of an imported history ({@link ImportedHistory}), in CSV and JSON. */
class ExportCommandTest {

  @TempDir Path dir;

  private String db;

  @BeforeEach
  void importAHistory() throws IOException {
    db = ImportedHistory.importInto(dir);
  }

  @Test
  void tradesComeOldestFirstWithWhatEachRealized() {
    // Fees apart (the books' default, WAC): the buy realizes −10 (its fee); the sale
    // 12,000 − 10,000 × 0.2 / 0.5 − 12 = 7,988.
    TallyRun run = TallyRun.of("export", "trades", "--db", db, "--format", "json");

    assertThat(run.status()).as(run.err()).isZero();
    JsonNode rows = JsonMapper.builder().build().readTree(run.out()).get("rows");
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).toString()).contains("TR0001-AAAAA-AAAAAA").contains("-10.00000000");
    assertThat(rows.get(1).toString()).contains("TR0002-AAAAA-AAAAAA").contains("7988.00000000");
  }

  @Test
  void aRangeKeepsTheFlowsOfItsDays() throws IOException {
    Path csv = dir.resolve("flows.csv");
    TallyRun run =
        TallyRun.of(
            "export", "flows", "--db", db, "--from", "2025-01-01", "--output", csv.toString());

    assertThat(run.status()).as(run.err()).isZero();
    String text = Files.readString(csv);
    assertThat(text).startsWith("id,at,kind,asset,amount,fee,");
    assertThat(text.split("\r\n")).hasSize(2);
    assertThat(text).contains("reward,DOT,1.5");
  }

  @Test
  void theDailyHistoryHasADayPerRow() {
    TallyRun run =
        TallyRun.of("export", "history", "--db", db, "--from", "2024-01-02", "--to", "2024-01-11");

    assertThat(run.status()).as(run.err()).isZero();
    String[] lines = run.out().split("\r\n");
    assertThat(lines[0]).startsWith("date,equity_base,net_flow_base,return,twr_index,drawdown");
    assertThat(lines).hasSize(1 + 10);
    // 2024-01-11: 9,990 USD + 0.5 XBT at 20,000 (the last price before midnight) = 19,990.
    assertThat(lines[10]).startsWith("2024-01-11,19990.00000000,");
  }

  @Test
  void aRangeThatEndsBeforeItStartsIsRefused() {
    TallyRun run =
        TallyRun.of("export", "flows", "--db", db, "--from", "2025-02-01", "--to", "2025-01-01");

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).contains("--from 2025-02-01 is after --to 2025-01-01");
  }

  @Test
  void theWholeHistoryAsABeancountJournalThatBeanCheckAccepts() throws Exception {
    // FIFO, tax-style fees: the lot is 0.5 XBT for 10,010 USD; the sale takes 0.2 of it.
    Path journal = dir.resolve("books.beancount");
    TallyRun run =
        TallyRun.of("export", "--db", db, "--format", "beancount", "--output", journal.toString());

    assertThat(run.status()).as(run.err()).isZero();
    String text = Files.readString(journal);
    assertThat(text)
        .contains("0.5 XBT {{10010.00000000 USD, 2024-01-10, \"TR0001-AAAAA-AAAAAA\"}}")
        .contains("-0.2 XBT {2024-01-10, \"TR0001-AAAAA-AAAAAA\"}");
    Assumptions.assumeTrue(
        onPath("bean-check"), "bean-check not on PATH: install Debian's beancount to run this");
    Process check =
        new ProcessBuilder("bean-check", journal.toString()).redirectErrorStream(true).start();
    String said = new String(check.getInputStream().readAllBytes());
    assertThat(check.waitFor()).as(said).isZero();
    assertThat(said).isBlank();
  }

  @Test
  void aLedgerJournalBalancesToTheHoldings() throws Exception {
    Path journal = dir.resolve("books.ledger");
    TallyRun run =
        TallyRun.of("export", "--db", db, "--format", "ledger", "--output", journal.toString());
    assertThat(run.status()).as(run.err()).isZero();
    Assumptions.assumeTrue(
        onPath("ledger"), "ledger not on PATH: install Debian's ledger to run this");

    Process balance =
        new ProcessBuilder("ledger", "-f", journal.toString(), "bal", "Assets")
            .redirectErrorStream(true)
            .start();
    String said = new String(balance.getInputStream().readAllBytes());
    assertThat(balance.waitFor()).as(said).isZero();
    // 0.3 XBT, 1.5 DOT and 21,978 USD are held.
    assertThat(said).contains("0.3 XBT").contains("1.5 DOT").contains("21978");
  }

  @Test
  void aJournalIsTheWholeHistoryAndNeedsDatedLots() {
    assertThat(TallyRun.of("export", "trades", "--db", db, "--format", "ledger").err())
        .contains("writes the whole history: give no WHAT, --from or --to");
    assertThat(TallyRun.of("export", "--db", db, "--format", "beancount", "--method", "wac").err())
        .contains("A journal needs dated lots: use fifo, lifo or hifo, not wac");
    assertThat(TallyRun.of("export", "--db", db).err()).contains("export what?");
  }

  private static boolean onPath(String tool) {
    for (String folder : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(folder, tool))) {
        return true;
      }
    }
    return false;
  }
}
