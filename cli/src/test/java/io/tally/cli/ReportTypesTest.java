package io.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code tally report --type tax|income|performance|monthly|annual|holdings} on an imported export,
 * in each format, with the options' rules: what each report holds, worked by hand, and the errors
 * that name what to change.
 */
class ReportTypesTest {

  @TempDir Path dir;

  private String db;

  @BeforeEach
  void importAHistory() throws IOException {
    db = ImportedHistory.importInto(dir);
  }

  @Test
  void theTaxReportOfAYearListsItsDisposalsInForm8949sOrder() {
    // Tax-style fees: the lot is 0.5 XBT at 10,000 + 10 = 10,010. The sale's proceeds are
    // 12,000 − 12 = 11,988; its cost 10,010 × 0.2 / 0.5 = 4,004; gain 7,984. Held 2024-01-10 →
    // 2025-03-01, 416 days: long.
    TallyRun run =
        TallyRun.of("report", "--db", db, "--type", "tax", "--year", "2025", "--format", "csv");

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out())
        .startsWith(
            "description,date_acquired,date_sold,proceeds,cost_basis,gain_or_loss,term,asset,"
                + "quantity,kind,event_id,lot_event_id\r\n"
                + "0.2 XBT,2024-01-10,2025-03-01,11988.00000000,4004.00000000,7984.00000000,long,"
                + "XBT,0.2,trade,TR0002-AAAAA-AAAAAA,TR0001-AAAAA-AAAAAA\r\n")
        .contains("\r\n2025,long,1,11988.00000000,4004.00000000,7984.00000000\r\n");
  }

  @Test
  void theMethodAndTheRangeAreTheCallersToChoose() {
    TallyRun run =
        TallyRun.of(
            "report",
            "--db",
            db,
            "--type",
            "tax",
            "--from",
            "2024-01-01",
            "--to",
            "2025-12-31",
            "--method",
            "hifo",
            "--format",
            "json");

    assertThat(run.status()).as(run.err()).isZero();
    JsonNode doc = JsonMapper.builder().build().readTree(run.out());
    assertThat(doc.get("method").asString()).isEqualTo("hifo");
    assertThat(doc.get("from").asString()).isEqualTo("2024-01-01");
    assertThat(doc.get("total").get("gain_base").asString()).isEqualTo("7984.00000000");
    assertThat(doc.get("disposals")).hasSize(1);

    // 2024 had no disposal: the text says so.
    TallyRun empty = TallyRun.of("report", "--db", db, "--type", "tax", "--year", "2024");
    assertThat(empty.status()).as(empty.err()).isZero();
    assertThat(empty.out())
        .contains("Realized gains 2024-01-01 .. 2024-12-31")
        .contains("No disposals");
  }

  @Test
  void theIncomeReportValuesRewardsWhenReceived() {
    // 1.5 DOT × 6 = 9 USD in February 2025.
    TallyRun run =
        TallyRun.of("report", "--db", db, "--type", "income", "--year", "2025", "--format", "json");

    assertThat(run.status()).as(run.err()).isZero();
    JsonNode doc = JsonMapper.builder().build().readTree(run.out());
    assertThat(doc.get("total_base").asString()).isEqualTo("9.00000000");
    assertThat(doc.get("by_month").get(0).get("month").asString()).isEqualTo("2025-02");
  }

  @Test
  void thePerformanceReportIsWrittenAsAPdfWithItsPeriodOnEveryPage() throws IOException {
    Path pdf = dir.resolve("annual.pdf");
    TallyRun run =
        TallyRun.of(
            "report",
            "--db",
            db,
            "--type",
            "annual",
            "--year",
            "2024",
            "--format",
            "pdf",
            "--output",
            pdf.toString());

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).contains("wrote " + pdf);
    try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
      String text = new PDFTextStripper().getText(document);
      // The year as far as the history reaches: from its first day, 2024-01-02.
      assertThat(text).contains("2024-01-02 to 2024-12-31").contains("page 1 of");
    }
    assertThat(Files.list(dir).filter(p -> p.toString().endsWith(".part"))).isEmpty();
  }

  @Test
  void aMonthlyReportIsACalendarMonth() {
    TallyRun run =
        TallyRun.of(
            "report", "--db", db, "--type", "monthly", "--from", "2025-02-14", "--format", "json");

    assertThat(run.status()).as(run.err()).isZero();
    JsonNode doc = JsonMapper.builder().build().readTree(run.out());
    assertThat(doc.get("from").asString()).isEqualTo("2025-02-01");
    assertThat(doc.get("to").asString()).isEqualTo("2025-02-28");
  }

  @Test
  void theTradesAndFlowsOfAYearAreListedOldestFirst() {
    TallyRun trades =
        TallyRun.of("report", "--db", db, "--type", "trades", "--year", "2025", "--format", "csv");
    assertThat(trades.status()).as(trades.err()).isZero();
    // The books' default (WAC, fees apart): 12,000 − 10,000 × 0.2 / 0.5 − 12 = 7,988.
    assertThat(trades.out().split("\r\n")).hasSize(2);
    assertThat(trades.out()).contains("TR0002-AAAAA-AAAAAA").contains("7988.00000000");

    TallyRun flows = TallyRun.of("report", "--db", db, "--type", "flows");
    assertThat(flows.status()).as(flows.err()).isZero();
    assertThat(flows.out()).startsWith("Cash flows (2)").contains("deposit").contains("reward");
  }

  @Test
  void theHoldingsComeAsCsvToo() {
    TallyRun run = TallyRun.of("report", "--db", db, "--format", "csv");

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out())
        .startsWith("asset,quantity,cost_basis,price,price_at,value,unrealized,realized,")
        .contains("\r\nXBT,0.3,")
        .contains("\r\nequity,");
  }

  @Test
  void optionsThatDoNotFitTheReportAreRefusedNamingThem() {
    assertThat(TallyRun.of("report", "--db", db, "--type", "tax", "--format", "pdf").err())
        .contains("tally: --type tax comes as text, json, csv, not pdf");
    assertThat(TallyRun.of("report", "--db", db, "--type", "annual", "--format", "pdf").err())
        .contains("--format pdf writes a file: give --output FILE");
    assertThat(
            TallyRun.of(
                    "report", "--db", db, "--type", "tax", "--year", "2025", "--from", "2025-01-01")
                .err())
        .contains("--year names a whole year");
    assertThat(TallyRun.of("report", "--db", db, "--year", "2025").err())
        .contains("--year is not for the holdings report");
    assertThat(TallyRun.of("report", "--db", db, "--type", "gains").err())
        .contains("unknown report type 'gains'");
    assertThat(TallyRun.of("report", "--db", db, "--type", "tax", "--price", "XBT=1").err())
        .contains("--price is for --type holdings, not tax");
    assertThat(TallyRun.of("report", "--db", db, "--type", "income", "--method", "fifo").err())
        .contains("--method is for --type tax");
    TallyRun lofi = TallyRun.of("report", "--db", db, "--type", "tax", "--method", "lofi");
    assertThat(lofi.status()).isEqualTo(1);
    assertThat(lofi.err()).contains("Unknown lot method 'lofi'");
  }
}
