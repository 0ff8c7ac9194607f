package io.tally.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tally.sim.MarginOptions;
import io.tally.sim.OrderRequest;
import io.tally.sim.Side;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver},
 * which {@code .ci/run} installs): the page loads with no console errors, the equity chart has
 * points, the numbers on the page equal the API's (what open orders hold of a holding too, and the
 * performance panel's figures, months and strategies), and the range buttons work. On a machine
 * without Chromium the class reports itself skipped, saying why. It leaves a screenshot in {@code
 * target/dashboard.png}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  @TempDir static Path directory;

  private ServedAccount served;
  private WebDriver browser;

  @BeforeAll
  void start() {
    assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "skipped: no headless browser here — install Debian's chromium and chromium-driver"
            + " (.ci/run does) to run the dashboard test");
    // An account with the margin bot, plus one leveraged buy of our own, so a margin position is
    // open whatever the bot did last.
    served = new ServedAccount(directory, 5, 20, MarginOptions.on());
    served.account.submit(
        OrderRequest.market("XETHZUSD", Side.BUY, new BigDecimal("0.5")).withLeverage(2));
    // A few equity samples a minute apart, so the chart has a line to draw.
    for (int i = 0; i < 3; i++) {
      served.account.advance(Duration.ofMinutes(1));
      served.service.sync();
      served.service.sampleEquity();
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1600");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService driver =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    browser = new ChromeDriver(driver, options);
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (served != null) {
      served.close();
    }
  }

  private void load() {
    browser.get(served.uri("/").toString());
    waitUntil(
        "the first render",
        Duration.ofSeconds(15),
        () ->
            "true".equals(browser.findElement(By.tagName("body")).getDomAttribute("data-loaded")));
  }

  @Test
  void thePageLoadsWithoutConsoleErrorsAndShowsTheApisNumbers() throws Exception {
    load();
    JsonNode portfolio = api("/api/v1/portfolio");

    List<LogEntry> problems =
        browser.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
            .toList();
    assertThat(problems).as("console errors and warnings").isEmpty();
    // The page polls every 2 s; the service changes only when it syncs, which this test does not.
    assertThat(text("equity")).isEqualTo(display(portfolio.get("equity_base").asString()));
    assertThat(text("cash")).isEqualTo(display(portfolio.get("cash_base").asString()));
    assertThat(text("realized"))
        .isEqualTo(display(portfolio.get("realized_pnl_base_total").asString()));
    assertThat(text("unrealized"))
        .isEqualTo(display(portfolio.get("unrealized_pnl_base_total").asString()));
    assertThat(browser.findElements(By.cssSelector("#positions-table tbody tr")))
        .hasSize(api("/api/v1/portfolio/positions").get("positions").size());
    assertThat(browser.findElement(By.id("stale-warning")).isDisplayed()).isFalse();
    assertThat(browser.findElement(By.id("sync-warning")).isDisplayed()).isFalse();

    waitForThePerformancePanel();
    browser.manage().window().setSize(new Dimension(1280, 1600));
    Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(
        shot,
        Path.of("target", "dashboard.png"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void theMarginCardShowsTheLevelTallysApiReportsInItsBandAndEachPositionsLiquidationPrice()
      throws Exception {
    load();
    JsonNode margin = api("/api/v1/portfolio/margin");
    JsonNode positions = margin.get("positions");
    assertThat(positions.size()).as("the served account has open margin positions").isPositive();
    waitUntil(
        "the margin card",
        Duration.ofSeconds(10),
        () -> browser.findElement(By.id("margin")).isDisplayed());

    String level = margin.get("margin_level").asString();
    // e.g. margin_level "1843.27" shows "1,843.27%"
    assertThat(text("margin-level")).isEqualTo(display(level) + "%");
    assertThat(text("margin-level"))
        .isEqualTo(display(api("/api/v1/portfolio").get("margin_level").asString()) + "%");
    assertThat(browser.findElement(By.id("margin-level")).getDomAttribute("data-band"))
        .isEqualTo(band(new BigDecimal(level)));
    assertThat(text("margin-equity")).isEqualTo(display(margin.get("equity_base").asString()));
    assertThat(text("margin-used")).isEqualTo(display(margin.get("margin_used_base").asString()));
    assertThat(text("margin-free")).isEqualTo(display(margin.get("free_margin_base").asString()));
    assertThat(browser.findElements(By.cssSelector("#margin-positions-table tbody tr")))
        .hasSize(positions.size());
    for (JsonNode position : positions) {
      WebElement row =
          browser.findElement(
              By.cssSelector(
                  "#margin-positions-table tr[data-pair='"
                      + position.get("pair").asString()
                      + "']"));
      int decimals = position.get("price_decimals").asInt();
      String quote = position.get("quote_asset").asString();
      assertThat(cell(row, "Leverage")).isEqualTo(position.get("leverage").asInt() + "\u00d7");
      assertThat(cell(row, "Entry"))
          .isEqualTo(rounded(position.get("entry_price").asString(), decimals) + " " + quote);
      JsonNode liquidation = position.get("liquidation_price");
      assertThat(cell(row, "Liq. price"))
          .isEqualTo(
              liquidation.isNull()
                  ? "\u2014"
                  : rounded(liquidation.asString(), decimals) + " " + quote);
      assertThat(cell(row, "Unrealized"))
          .isEqualTo(display(position.get("unrealized_pnl_base").asString()));
    }
  }

  /** The alert band of a margin level: strictly below 110, 150, 200, else ok. */
  private static String band(BigDecimal level) {
    if (level.compareTo(new BigDecimal("110")) < 0) {
      return "critical";
    }
    if (level.compareTo(new BigDecimal("150")) < 0) {
      return "risk";
    }
    return level.compareTo(new BigDecimal("200")) < 0 ? "call" : "ok";
  }

  @Test
  void theChartHasPointsAndTheRangeButtonsSwitchIt() {
    load();
    waitUntil("points in the chart", Duration.ofSeconds(10), () -> chartPoints() > 0);

    for (String range : List.of("7d", "30d", "all", "24h")) {
      WebElement button = browser.findElement(By.id("range-" + range));
      button.click();
      waitUntil(
          "the " + range + " chart",
          Duration.ofSeconds(10),
          () ->
              range.equals(
                  browser.findElement(By.id("equity-chart")).getDomAttribute("data-range")));
      assertThat(button.getDomAttribute("class")).contains("active");
      assertThat(button.getDomAttribute("aria-pressed")).isEqualTo("true");
      assertThat(chartPoints()).as("points in the %s chart", range).isPositive();
    }
  }

  @Test
  void positionsShowSizesAndEntryPricesAtKrakensDecimalsNotEveryDigit() throws Exception {
    load();
    JsonNode positions = api("/api/v1/portfolio/positions").get("positions");
    assertThat(positions.size()).as("the served account has positions").isPositive();
    int checked = 0;
    for (JsonNode position : positions) {
      WebElement row =
          browser.findElement(
              By.cssSelector(
                  "#positions-table tr[data-pair='" + position.get("pair").asString() + "']"));
      String base = position.get("base_asset").asString();
      // e.g. base_size 0.123456789012 with amount_decimals 5 shows "0.12346 XBT".
      assertThat(cell(row, "Size"))
          .isEqualTo(
              rounded(position.get("base_size").asString(), position.get("amount_decimals").asInt())
                  + " "
                  + base);
      JsonNode entry = position.get("avg_entry_price");
      if (!entry.isNull()) {
        int decimals = position.get("price_decimals").asInt();
        assertThat(decimals).as("the simulator's pair_decimals reached the API").isLessThan(8);
        assertThat(cell(row, "Avg entry"))
            .isEqualTo(
                rounded(entry.asString(), decimals) + " " + position.get("quote_asset").asString());
        checked++;
      }
    }
    assertThat(checked).as("positions with an entry price").isPositive();
  }

  @Test
  void theUnitsNoPairPositionHoldsAreShownUnderThePositions() throws Exception {
    load();
    JsonNode remainder = api("/api/v1/portfolio/positions").get("non_pair_holdings");
    WebElement note = browser.findElement(By.id("non-pair-note"));
    assertThat(remainder.size()).as("the served account received quote currencies").isPositive();
    assertThat(note.isDisplayed()).isTrue();
    for (JsonNode row : remainder) {
      String asset = row.get("asset").asString();
      String shown =
          note.findElement(By.cssSelector("span[data-asset='" + asset + "']")).getText().strip();
      // e.g. non_pair_amount 1234.5678 USD with amount_decimals 4 shows "1,234.5678 USD"
      assertThat(shown).endsWith(" " + asset);
      assertThat(
              new BigDecimal(
                  shown.substring(0, shown.length() - asset.length() - 1).replace(",", "")))
          .as("%s shown near its exact amount", asset)
          .isCloseTo(
              new BigDecimal(row.get("non_pair_amount").asString()),
              org.assertj.core.data.Offset.offset(new BigDecimal("0.01")));
    }
  }

  @Test
  void recentTradesShowTheirSideAndWhatEachRealized() throws Exception {
    load();
    JsonNode trades = api("/api/v1/portfolio/trades?limit=20").get("trades");
    assertThat(trades.size()).as("the served account has trades").isPositive();
    String base = api("/api/v1/portfolio").get("base_currency").asString();
    for (JsonNode trade : trades) {
      WebElement row =
          browser.findElement(
              By.cssSelector(
                  "#trades-table tr[data-id='" + trade.get("trade_id").asString() + "']"));
      assertThat(cell(row, "Side")).isEqualTo(trade.get("side").asString());
      // pnl_base "-12.3456789" shows "-12.35 USD"; a gain gets a "+".
      BigDecimal pnl = new BigDecimal(trade.get("pnl_base").asString());
      String shown = display(pnl.toPlainString());
      if (pnl.signum() > 0 && shown.matches(".*[1-9].*")) {
        shown = "+" + shown;
      }
      assertThat(cell(row, "Realized")).isEqualTo(shown + " " + base);
    }
  }

  @Test
  void holdingsSayHowMuchOpenOrdersHoldOnlyWhenTheyHoldSome() throws Exception {
    load();
    JsonNode assets = api("/api/v1/portfolio/allocation").get("assets");
    int reserved = 0;
    for (JsonNode asset : assets) {
      WebElement row =
          browser.findElement(
              By.cssSelector(
                  "#allocation-table tr[data-asset='" + asset.get("asset").asString() + "']"));
      int decimals = asset.get("amount_decimals").asInt();
      String amount = rounded(asset.get("amount").asString(), decimals);
      if (new BigDecimal(asset.get("reserved").asString()).signum() > 0) {
        // e.g. amount 0.5 and reserved 0.1 at 5 decimals: "0.50000 (0.10000 in orders)"
        assertThat(cell(row, "Amount"))
            .isEqualTo(
                amount
                    + " ("
                    + rounded(asset.get("reserved").asString(), decimals)
                    + " in orders)");
        reserved++;
      } else {
        assertThat(cell(row, "Amount")).isEqualTo(amount);
      }
    }
    assertThat(reserved).as("holdings the grid bot's open orders hold").isPositive();
  }

  @Test
  void thePerformancePanelShowsTheApisFiguresUnderwaterChartMonthsAndStrategies() throws Exception {
    load();
    waitForThePerformancePanel();
    JsonNode performance = api("/api/v1/portfolio/performance");
    String base = performance.get("base_currency").asString();
    JsonNode returns = performance.get("returns");
    JsonNode risk = performance.get("risk");
    JsonNode windows = performance.get("drawdown_windows");

    assertThat(figure("twr")).isEqualTo(signedPercent(returns.get("twr")));
    assertThat(figure("total-pnl"))
        .isEqualTo(signedAmount(returns.get("total_pnl_base").asString()) + " " + base);
    int underwater = risk.get("longest_underwater_days").asInt();
    assertThat(figure("longest-underwater"))
        .isEqualTo(underwater + (underwater == 1 ? " day" : " days"));
    // Each statistic is the API's number, or a dash with the API's reason under it.
    checkStatistic("mwr", returns, "mwr", DashboardBrowserTest::signedPercent);
    checkStatistic("cagr", returns, "cagr", DashboardBrowserTest::signedPercent);
    checkStatistic("volatility", risk, "volatility", DashboardBrowserTest::percent);
    checkStatistic("sharpe", risk, "sharpe", DashboardBrowserTest::ratio);
    checkStatistic("sortino", risk, "sortino", DashboardBrowserTest::ratio);
    checkStatistic("calmar", risk, "calmar", DashboardBrowserTest::ratio);
    // Drawdowns come as depths (0.039) and are shown under water (-3.90%).
    checkStatistic("max-drawdown", risk, "max_drawdown", DashboardBrowserTest::underwater);
    checkStatistic("current-drawdown", risk, "current_drawdown", DashboardBrowserTest::underwater);
    checkStatistic("daily-drawdown", windows, "daily", DashboardBrowserTest::underwater);
    checkStatistic("weekly-drawdown", windows, "weekly", DashboardBrowserTest::underwater);
    checkStatistic("total-drawdown", windows, "total", DashboardBrowserTest::underwater);
    if (!risk.get("max_drawdown_peak").isNull()) {
      assertThat(metric("max-drawdown").findElement(By.className("metric-sub")).getText())
          .contains("peak " + risk.get("max_drawdown_peak").asString())
          .contains("trough " + risk.get("max_drawdown_trough").asString());
    }

    int days = performance.get("daily").size();
    assertThat(days).as("days in the served account's history").isGreaterThan(1);
    assertThat(browser.findElements(By.cssSelector("#underwater-chart canvas"))).isNotEmpty();
    Object drawn =
        ((JavascriptExecutor) browser).executeScript("return window.tallyUnderwaterPointCount();");
    assertThat(drawn).isEqualTo((long) days);

    JsonNode months = returns.get("by_month");
    assertThat(months.size()).as("months in the history").isPositive();
    assertThat(browser.findElements(By.cssSelector("#monthly-returns td[data-period]")))
        .hasSize(months.size());
    for (JsonNode month : months) {
      String period = month.get("period").asString();
      WebElement cell =
          browser.findElement(By.cssSelector("#monthly-returns td[data-period='" + period + "']"));
      assertThat(cell.getText().strip()).as(period).isEqualTo(signedPercent(month.get("return")));
      assertThat(cell.getDomAttribute("data-label"))
          .isEqualTo(
              List.of(
                      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                      "Dec")
                  .get(Integer.parseInt(period.substring(5)) - 1));
    }
    assertThat(browser.findElements(By.cssSelector("#monthly-returns tbody tr")))
        .hasSize(
            (int)
                months.findValues("period").stream()
                    .map(p -> p.asString().substring(0, 4))
                    .distinct()
                    .count());

    JsonNode strategies = performance.get("by_strategy");
    assertThat(strategies.size()).as("the served account's bots tag their trades").isPositive();
    assertThat(browser.findElements(By.cssSelector("#strategy-table tbody tr")))
        .hasSize(strategies.size());
    for (JsonNode strategy : strategies) {
      WebElement row =
          browser.findElement(
              By.cssSelector(
                  "#strategy-table tr[data-strategy='"
                      + strategy.get("strategy").asString()
                      + "']"));
      assertThat(cell(row, "Realized"))
          .isEqualTo(signedAmount(strategy.get("realized_base").asString()) + " " + base);
      assertThat(cell(row, "Fees"))
          .isEqualTo(display(strategy.get("fees_base").asString()) + " " + base);
      assertThat(cell(row, "Trades")).isEqualTo(strategy.get("trades").asString());
      if (strategy.get("contribution").isNull()) {
        assertThat(cell(row, "Contribution")).isEqualTo("\u2014");
      } else {
        assertThat(cell(row, "Contribution"))
            .isEqualTo(signedPercent(strategy.get("contribution")));
      }
    }

    assertThat(browser.findElement(By.id("api-warning")).isDisplayed()).isFalse();
    List<LogEntry> problems =
        browser.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
            .toList();
    assertThat(problems).as("console errors and warnings").isEmpty();
  }

  @Test
  void thePerformanceIsAskedForAtLoadNotAtEveryPoll() throws Exception {
    browser.get("about:blank"); // no page of an earlier test polls meanwhile
    long performance = requests("/api/v1/portfolio/performance");
    long portfolio = requests("/api/v1/portfolio");
    load();
    waitForThePerformancePanel();
    // Four 2 s polls take more than 6 s: the performance, asked once a minute, was asked once.
    waitUntil(
        "four polls of the portfolio",
        Duration.ofSeconds(20),
        () -> requests("/api/v1/portfolio") - portfolio >= 4);
    assertThat(requests("/api/v1/portfolio/performance") - performance).isEqualTo(1);
  }

  /** How many requests the server has answered on {@code route}, from its Prometheus metrics. */
  private long requests(String route) {
    try {
      HttpResponse<String> metrics =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(served.uri("/metrics")).GET().build(),
                  HttpResponse.BodyHandlers.ofString());
      Matcher count =
          Pattern.compile(
                  "tally_http_requests_seconds_count\\{route=\""
                      + Pattern.quote(route)
                      + "\"\\} (\\d+)")
              .matcher(metrics.body());
      return count.find() ? Long.parseLong(count.group(1)) : 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted reading the metrics", e);
    }
  }

  /** The performance panel is drawn: it is fetched on its own, after the first render. */
  private void waitForThePerformancePanel() {
    waitUntil(
        "the performance panel",
        Duration.ofSeconds(15),
        () -> !browser.findElements(By.cssSelector("#performance-metrics .metric")).isEmpty());
  }

  private WebElement metric(String key) {
    return browser.findElement(By.cssSelector("#performance-metrics [data-metric='" + key + "']"));
  }

  private String figure(String key) {
    return metric(key).findElement(By.className("metric-value")).getText().strip();
  }

  /**
   * source[name] as formatted, or, when the API has none, a dash with its reason shown under it.
   */
  private void checkStatistic(
      String key, JsonNode source, String name, Function<JsonNode, String> format) {
    JsonNode value = source.get(name);
    if (value == null || value.isNull()) {
      assertThat(figure(key)).as(key).isEqualTo("\u2014");
      JsonNode reason =
          source.has(name + "_reason") ? source.get(name + "_reason") : source.get("reason");
      assertThat(metric(key).findElement(By.className("metric-reason")).getText().strip())
          .as("why %s is missing", key)
          .isEqualTo(reason.asString());
    } else {
      assertThat(figure(key)).as(key).isEqualTo(format.apply(value));
    }
  }

  /** A fraction as the page shows it: 0.0273 is "2.73%", half-even, thousands separated. */
  private static String percent(JsonNode fraction) {
    return display(fraction.decimalValue().movePointRight(2).toPlainString()) + "%";
  }

  /** A return: "+2.73%", "-0.40%", and "0.00%" for what rounds to nothing. */
  private static String signedPercent(JsonNode fraction) {
    String text = percent(fraction);
    return fraction.decimalValue().signum() > 0 && text.matches(".*[1-9].*") ? "+" + text : text;
  }

  /** A drawdown depth (0.039) as the page shows it, under water: "-3.90%". */
  private static String underwater(JsonNode depth) {
    String text = percent(depth);
    return depth.decimalValue().signum() > 0 && text.matches(".*[1-9].*") ? "-" + text : text;
  }

  private static String ratio(JsonNode value) {
    return display(value.decimalValue().toPlainString());
  }

  private static String signedAmount(String amount) {
    String text = display(amount);
    return new BigDecimal(amount).signum() > 0 && text.matches(".*[1-9].*") ? "+" + text : text;
  }

  private static String cell(WebElement row, String label) {
    return row.findElement(By.cssSelector("td[data-label='" + label + "']")).getText().strip();
  }

  /** An amount rounded HALF_EVEN to {@code decimals}, with comma thousands separators. */
  private static String rounded(String amount, int decimals) {
    DecimalFormat format =
        new DecimalFormat(
            decimals == 0 ? "#,##0" : "#,##0." + "0".repeat(decimals),
            DecimalFormatSymbols.getInstance(Locale.US));
    format.setRoundingMode(RoundingMode.HALF_EVEN);
    return format.format(new BigDecimal(amount));
  }

  /** Polls {@code condition} every 50 ms until it holds, failing after {@code timeout}. */
  private static void waitUntil(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited " + timeout + " for " + what);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
  }

  private long chartPoints() {
    Object count =
        ((JavascriptExecutor) browser).executeScript("return window.tallyChartPointCount();");
    return count instanceof Number number ? number.longValue() : 0;
  }

  private String text(String id) {
    return browser.findElement(By.id(id)).getText().strip();
  }

  private JsonNode api(String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(served.uri(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    return JsonMapper.builder().build().readTree(response.body());
  }

  /** How the page shows an amount: 2 decimals, half-even, comma thousands separators. */
  private static String display(String amount) {
    DecimalFormat format =
        new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.US));
    format.setRoundingMode(RoundingMode.HALF_EVEN);
    return format.format(new BigDecimal(amount));
  }
}
