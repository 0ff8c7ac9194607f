package io.tally.report.performance;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The PDF read back with PDFBox: its text (every headline number equal to the JSON's, formatted by
 * {@link FigureText}; the period, base currency, generation time and page count on every page), its
 * pagination, and page 1 rendered to an image (the curves are drawn).
 */
class PerformancePdfTest {

  private static PerformanceReport seeded;
  private static Map<String, Object> json;
  private static byte[] pdf;

  @BeforeAll
  static void render() {
    seeded = ReportSamples.seeded();
    json = PerformanceReportJson.of(seeded, false);
    pdf = PerformancePdf.render(seeded);
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyHeadlineNumberIsTheJsonsFormattedTheSameWay() throws IOException {
    String text = flat(textOf(pdf));
    Map<String, Object> summary = (Map<String, Object>) json.get("summary");
    Map<String, Object> risk = (Map<String, Object>) json.get("risk");

    assertThat(text)
        .contains("Equity at start " + FigureText.money((String) summary.get("equity_start_base")))
        .contains("Equity at end " + FigureText.money((String) summary.get("equity_end_base")))
        .contains("Time-weighted return (TWR) " + FigureText.percent((Double) summary.get("twr")))
        .contains("Money-weighted return (MWR) " + FigureText.percent((Double) summary.get("mwr")))
        .contains("Total PnL " + FigureText.money((String) summary.get("total_pnl_base")))
        .contains("Fees " + FigureText.money((String) summary.get("fees_base")))
        .contains("Inflows " + FigureText.money((String) summary.get("inflows_base")))
        .contains("Outflows " + FigureText.money((String) summary.get("outflows_base")))
        .contains("Max drawdown " + FigureText.percent((Double) risk.get("max_drawdown")))
        .contains("Sharpe " + FigureText.ratio((Double) risk.get("sharpe")))
        .contains("Sortino " + FigureText.ratio((Double) risk.get("sortino")));
    // The seeded report's figures, so a format that dropped them all would fail here too:
    // equity ends at 120,331.59 USD after a TWR of -1.98 %.
    assertThat(text).contains("Equity at end 120,331.59 USD").contains("(TWR) -1.98%");
  }

  @Test
  @SuppressWarnings("unchecked")
  void eachYearsRowShowsItsMonthlyReturnsInOrder() throws IOException {
    String text = flat(textOf(pdf));
    List<Object> years = (List<Object>) json.get("monthly_returns");
    assertThat(years).isNotEmpty();
    for (Object item : years) {
      Map<String, Object> year = (Map<String, Object>) item;
      StringBuilder row = new StringBuilder(year.get("year").toString());
      for (Object month : (List<Object>) year.get("months")) {
        if (month != null) {
          row.append(' ').append(FigureText.percent((Double) month));
        }
      }
      row.append(' ').append(FigureText.percent((Double) year.get("year_return")));
      assertThat(text).contains(row.toString());
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void theStrategyTableHasEveryStrategysRealizedPnl() throws IOException {
    String text = flat(textOf(pdf));
    for (Object item : (List<Object>) json.get("by_strategy")) {
      Map<String, Object> strategy = (Map<String, Object>) item;
      assertThat(text)
          .contains(
              strategy.get("strategy")
                  + " "
                  + FigureText.money((String) strategy.get("realized_base"))
                  + " "
                  + FigureText.money((String) strategy.get("fees_base"))
                  + " "
                  + strategy.get("trades"));
    }
  }

  @Test
  void theDataIssuesAreListedWithTheirEffect() throws IOException {
    String text = flat(textOf(pdf));
    assertThat(text)
        .contains("missing_price event E000042 asset DOT")
        .contains("Effect: " + ReportedIssue.effect(io.tally.books.IssueKind.MISSING_PRICE))
        .contains("opening_balance asset EUR");
  }

  @Test
  void everyPageNamesThePeriodTheCurrencyTheGenerationTimeAndItsNumber() throws IOException {
    PerformanceReport report = ReportSamples.longHistory(3, 3_000, 400, 60, 40);
    byte[] bytes = PerformancePdf.render(report);
    try (PDDocument document = Loader.loadPDF(bytes)) {
      int count = document.getNumberOfPages();
      assertThat(count).isGreaterThan(1);
      for (int page = 1; page <= count; page++) {
        String text = pageText(document, page);
        assertThat(text)
            .as("page %d", page)
            .contains(report.from() + " to " + report.to())
            .contains("base currency USD")
            .contains("Generated 2026-12-04T10:00:00Z (UTC)")
            .contains("page " + page + " of " + count);
      }
    }
  }

  @Test
  void aLongHistoryWithManyStrategiesRunsOverSeveralPages() throws IOException {
    // About three years of trades spread over 150 strategy tags and 120 data issues: the monthly
    // grid has a row per year, and the strategy table and the issues go on over the pages.
    PerformanceReport report = ReportSamples.longHistory(5, 14_000, 1_100, 150, 120);
    assertThat(report.monthlyReturns()).hasSizeGreaterThanOrEqualTo(3);
    try (PDDocument document = Loader.loadPDF(PerformancePdf.render(report))) {
      assertThat(document.getNumberOfPages()).isGreaterThanOrEqualTo(5);
      String all = flat(new PDFTextStripper().getText(document));
      assertThat(all).contains("s001 ").contains("s150 ").contains("issue number 120 of");
      // The strategy table's header is drawn again on the page it continues on.
      assertThat(count(all, "Strategy Realized PnL Fees Trades Contribution")).isGreaterThan(1);
    }
  }

  @Test
  void pageOneShowsTheEquityCurveAndTheUnderwaterChart() throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      BufferedImage image = new PDFRenderer(document).renderImageWithDPI(0, 72);
      assertThat(image.getWidth()).isBetween(590, 600); // A4: 595 x 842 points at 72 dpi
      int white = 0;
      int curve = 0;
      int drawdown = 0;
      for (int y = 0; y < image.getHeight(); y++) {
        for (int x = 0; x < image.getWidth(); x++) {
          Color pixel = new Color(image.getRGB(x, y));
          if (pixel.getRed() > 245 && pixel.getGreen() > 245 && pixel.getBlue() > 245) {
            white++;
          }
          if (near(pixel, PdfChart.EQUITY)) {
            curve++;
          }
          if (near(pixel, PdfChart.DRAWDOWN)) {
            drawdown++;
          }
        }
      }
      int total = image.getWidth() * image.getHeight();
      assertThat(total - white).as("non-white pixels").isGreaterThan(total / 50);
      // A line of ~430 points across the plot, at least a pixel wide.
      assertThat(curve).as("equity curve pixels").isGreaterThan(300);
      assertThat(drawdown).as("drawdown line pixels").isGreaterThan(300);
    }
  }

  @Test
  void aPeriodWithoutTradesSaysSoAndStillShowsItsFlows() throws IOException {
    PerformanceReport report = ReportSamples.noTrading();
    String text = flat(textOf(PerformancePdf.render(report)));
    assertThat(text)
        .contains("No trading activity")
        .contains("Inflows 2,500.00 USD")
        .contains("Outflows 1,000.00 USD")
        .contains("2025-03 2,500.00 1,000.00 1,500.00");
  }

  private static boolean near(Color pixel, Color color) {
    return Math.abs(pixel.getRed() - color.getRed()) < 40
        && Math.abs(pixel.getGreen() - color.getGreen()) < 40
        && Math.abs(pixel.getBlue() - color.getBlue()) < 40;
  }

  private static String textOf(byte[] bytes) throws IOException {
    try (PDDocument document = Loader.loadPDF(bytes)) {
      return new PDFTextStripper().getText(document);
    }
  }

  private static String pageText(PDDocument document, int page) throws IOException {
    PDFTextStripper stripper = new PDFTextStripper();
    stripper.setStartPage(page);
    stripper.setEndPage(page);
    return stripper.getText(document);
  }

  /** Every run of white space as one space, lines included, so table rows read as one line. */
  private static String flat(String text) {
    return text.replaceAll("\\s+", " ");
  }

  private static int count(String text, String part) {
    List<Integer> at = new ArrayList<>();
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      at.add(i);
    }
    return at.size();
  }
}
