package io.tally.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.tax.LotMethod;
import io.tally.tax.TaxReport;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/v1/portfolio/reports/{type}} end to end over a real server and a service synced
 * from the simulator: each report in each of its formats, with the media type it is served as and
 * the figures the service itself answers; parameters it refuses are 400 problems naming them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportRoutesTest {

  @TempDir static Path directory;

  private ServedAccount served;
  private final HttpClient http = HttpClient.newHttpClient();
  private final JsonMapper json = JsonMapper.builder().build();

  @BeforeAll
  void start() {
    served = new ServedAccount(directory, 23, 20);
  }

  @AfterAll
  void stop() {
    served.close();
  }

  private <T> HttpResponse<T> get(String path, HttpResponse.BodyHandler<T> body)
      throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(served.uri(path)).GET().build(), body);
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return get(path, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theTaxReportIsTheServicesInJsonAndInCsv() throws Exception {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    TaxReport expected = served.service.getTaxReport(LotMethod.HIFO, today.withDayOfYear(1), today);

    HttpResponse<String> response = get("/api/v1/portfolio/reports/tax?method=hifo");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type").orElse(""))
        .startsWith("application/json");
    JsonNode doc = json.readTree(response.body());
    assertThat(doc.get("method").asString()).isEqualTo("hifo");
    assertThat(doc.get("from").asString()).isEqualTo(today.withDayOfYear(1).toString());
    assertThat(doc.get("disposals")).hasSize(expected.rows().size());
    assertThat(doc.get("total").get("gain_base").asString())
        .isEqualTo(expected.total().gain().toPlainString());
    assertThat(expected.rows()).as("the simulated account sells something").isNotEmpty();

    HttpResponse<String> csv = get("/api/v1/portfolio/reports/tax?method=hifo&format=csv");
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("content-type").orElse("")).startsWith("text/csv");
    assertThat(csv.body())
        .startsWith("description,date_acquired,date_sold,proceeds,cost_basis,gain_or_loss,")
        .contains("\r\ntotal,," + expected.total().rows() + ",");
  }

  @Test
  void thePerformanceReportIsServedAsAPdfToSave() throws Exception {
    HttpResponse<byte[]> response =
        get(
            "/api/v1/portfolio/reports/performance?format=pdf",
            HttpResponse.BodyHandlers.ofByteArray());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type").orElse(""))
        .startsWith("application/pdf");
    assertThat(response.headers().firstValue("content-disposition").orElse(""))
        .startsWith("inline; filename=\"tally-performance-");
    try (PDDocument document = Loader.loadPDF(response.body())) {
      String text = new PDFTextStripper().getText(document);
      assertThat(text).contains("page 1 of " + document.getNumberOfPages());
    }
  }

  @Test
  void thePerformanceReportsJsonHasTheSameReturnAsThePerformanceAnswer() throws Exception {
    JsonNode report = json.readTree(get("/api/v1/portfolio/reports/performance").body());
    JsonNode performance = json.readTree(get("/api/v1/portfolio/performance").body());

    assertThat(report.get("summary").get("twr").asDouble())
        .isEqualTo(performance.get("returns").get("twr").asDouble());
    assertThat(report.get("returns").get("total_pnl_base").asString())
        .isEqualTo(performance.get("returns").get("total_pnl_base").asString());
  }

  @Test
  void theHoldingsReportIsThePortfolioAndComesAsCsv() throws Exception {
    JsonNode holdings = json.readTree(get("/api/v1/portfolio/reports/holdings").body());
    JsonNode portfolio = json.readTree(get("/api/v1/portfolio").body());
    assertThat(holdings.get("equity_base")).isEqualTo(portfolio.get("equity_base"));

    HttpResponse<String> csv = get("/api/v1/portfolio/reports/holdings?format=csv");
    assertThat(csv.body()).startsWith("asset,quantity,cost_basis,").contains("\r\nequity,");
    assertThat(get("/api/v1/portfolio/reports/income?format=csv").body())
        .startsWith("date,asset,quantity,value,event_id\r\n");
  }

  @Test
  void theTradesReportListsWhatTheServiceRealizedOldestFirst() throws Exception {
    JsonNode doc = json.readTree(get("/api/v1/portfolio/reports/trades").body());
    JsonNode rows = doc.get("rows");

    assertThat(doc.get("export").asString()).isEqualTo("trades");
    assertThat(rows.size()).isGreaterThan(1);
    assertThat(rows.get(0).toString()).isNotEqualTo(rows.get(rows.size() - 1).toString());
    assertThat(get("/api/v1/portfolio/reports/flows?format=csv").body())
        .startsWith("id,at,kind,asset,amount,fee,");
  }

  @Test
  void anUnknownReportIsNotFound() throws Exception {
    HttpResponse<String> response = get("/api/v1/portfolio/reports/gains");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json.readTree(response.body()).get("detail").asString())
        .contains("unknown report type 'gains'");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "/api/v1/portfolio/reports/tax?format=pdf, format",
    "/api/v1/portfolio/reports/tax?format=text, format",
    "/api/v1/portfolio/reports/tax?year=20x5, year",
    "/api/v1/portfolio/reports/tax?year=2025&from=2025-01-01, year",
    "/api/v1/portfolio/reports/tax?method=lofi, method",
    "/api/v1/portfolio/reports/tax?from=2026-02-01&to=2026-01-01, from",
    "/api/v1/portfolio/reports/monthly?to=2026-01-31, to",
    "/api/v1/portfolio/reports/holdings?year=2026, year",
    "/api/v1/portfolio/reports/performance?from=1990-01-01, from"
  })
  void aBadParameterIsA400ProblemNamingIt(String path, String parameter) throws Exception {
    HttpResponse<String> response = get(path);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(json.readTree(response.body()).get("detail").asString())
        .contains("'" + parameter + "'");
  }
}
