package io.tally.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.engine.config.KrakenConfig;
import io.tally.engine.config.KrakenRegion;
import io.tally.engine.config.TallyConfig;
import io.tally.engine.service.PortfolioService;
import io.tally.server.contract.RecordFields;
import io.tally.sim.ListedPair;
import io.tally.sim.Listing;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
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
 * The HTTP API end to end: a real server on port 0 over a service synced from the simulator. Every
 * endpoint answers JSON with the contract's names and amounts as decimal strings, equal to what the
 * service says; bad parameters are 400 problems naming the parameter; the OpenAPI document
 * describes exactly the routes served.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TallyServerTest {

  @TempDir static Path directory;

  private ServedAccount served;
  private final HttpClient http = HttpClient.newHttpClient();
  private final JsonMapper json = JsonMapper.builder().build();

  @BeforeAll
  void start() {
    served = new ServedAccount(directory, 11, 20);
  }

  @AfterAll
  void stop() {
    served.close();
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return get(served.uri(path));
  }

  private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode getJson(String path) throws IOException, InterruptedException {
    HttpResponse<String> response = get(path);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type").orElse(""))
        .startsWith("application/json");
    return json.readTree(response.body());
  }

  /**
   * One JSON name, one meaning: across every answer that describes the books now, a top-level name
   * carries one value, and a row about one pair or one asset carries one value per name wherever it
   * appears. Event lists (trades, cash flows) and history (snapshots, the equity series) are about
   * other moments and are left out.
   */
  @Test
  void equalNamesCarryEqualValuesInEveryAnswer() throws Exception {
    List<String> paths =
        List.of(
            "/api/v1/portfolio",
            "/api/v1/portfolio/value",
            "/api/v1/portfolio/allocation",
            "/api/v1/portfolio/positions",
            "/api/v1/portfolio/pnl?period=all&include_manual=true",
            "/api/v1/portfolio/fees",
            "/api/v1/portfolio/reconciliation");
    Map<String, Map<String, String>> seen = new TreeMap<>();
    for (int attempt = 0; attempt < 3; attempt++) {
      seen.clear();
      for (String path : paths) {
        collect(getJson(path), "", path, seen);
      }
      // A scheduled write between two answers would make them describe two moments: ask again.
      if (seen.getOrDefault("as_of", Map.of()).values().stream().distinct().count() <= 1) {
        break;
      }
    }
    assertThat(seen.get("equity_base"))
        .as("equity_base is in several answers")
        .hasSizeGreaterThan(1);
    assertThat(seen.keySet())
        .as("rows keyed by pair are compared")
        .anyMatch(k -> k.startsWith("pair "));
    for (Map.Entry<String, Map<String, String>> name : seen.entrySet()) {
      assertThat(name.getValue().values().stream().distinct())
          .as("%s in %s", name.getKey(), name.getValue())
          .hasSize(1);
    }
  }

  /**
   * Records each scalar of {@code node} under its name, prefixed by the row it is in ({@code pair
   * XBTUSD realized_pnl_base}) or the object it is under ({@code fee_summary.total_base}).
   */
  private static void collect(
      JsonNode node, String prefix, String path, Map<String, Map<String, String>> seen) {
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      JsonNode value = field.getValue();
      if (value.isValueNode() || value.isNull()) {
        seen.computeIfAbsent(prefix + field.getKey(), k -> new TreeMap<>())
            .put(path, value.isNull() ? "null" : value.asString());
      } else if (value.isObject()) {
        collect(value, prefix + field.getKey() + ".", path, seen);
      } else if (value.isArray()) {
        for (JsonNode row : value) {
          String key = row.has("pair") ? "pair" : row.has("asset") ? "asset" : null;
          if (row.isObject() && key != null && !field.getKey().equals("recent_flows")) {
            collect(row, key + " " + row.get(key).asString() + " ", path, seen);
          }
        }
      }
    }
  }

  @Test
  void portfolioAnswersTheServicesNumbersAsDecimalStrings() throws Exception {
    JsonNode portfolio = getJson("/api/v1/portfolio");

    var equity = served.service.getEquity();
    assertThat(portfolio.get("equity_base").isString()).isTrue();
    assertThat(new BigDecimal(portfolio.get("equity_base").asString()))
        .isEqualByComparingTo(equity.equity());
    assertThat(new BigDecimal(portfolio.get("cash_base").asString()))
        .isEqualByComparingTo(equity.cash());
    assertThat(new BigDecimal(portfolio.get("realized_pnl_base_total").asString()))
        .isEqualByComparingTo(equity.realized());
    assertThat(portfolio.get("drift_flag").asBoolean()).isFalse();
    assertThat(portfolio.get("base_currency").asString()).isEqualTo("USD");
    assertThat(portfolio.get("holdings").size()).isPositive();
    BigDecimal sum = BigDecimal.ZERO;
    for (JsonNode holding : portfolio.get("holdings")) {
      sum = sum.add(new BigDecimal(holding.get("value_base").asString()));
    }
    assertThat(sum)
        .as("equity is the sum of the holdings' values")
        .isEqualByComparingTo(equity.equity());
  }

  /**
   * Funds held by open orders (issue 15, point 6): every holding, in the portfolio and the
   * allocation, is split into {@code free} and {@code reserved}, which add up to {@code total}, the
   * same figure as {@code amount}; {@code reserved} is the simulator's hold of that asset.
   */
  @Test
  void holdingsSayWhatOpenOrdersHoldAndWhatIsFree() throws Exception {
    Map<String, BigDecimal> holds = new TreeMap<>();
    served.account.holds().forEach((id, held) -> holds.merge(canonical(id), held, BigDecimal::add));
    assertThat(holds).as("the grid bot's orders hold funds").isNotEmpty();
    for (String path : List.of("/api/v1/portfolio", "/api/v1/portfolio/allocation")) {
      JsonNode answer = getJson(path);
      JsonNode rows = answer.has("holdings") ? answer.get("holdings") : answer.get("assets");
      int reserved = 0;
      for (JsonNode row : rows) {
        String asset = row.get("asset").asString();
        String where = path + " " + asset;
        assertThat(row.get("free").isString()).as(where).isTrue();
        assertThat(row.get("total").asString()).as(where).isEqualTo(row.get("amount").asString());
        BigDecimal free = new BigDecimal(row.get("free").asString());
        BigDecimal held = new BigDecimal(row.get("reserved").asString());
        assertThat(free.add(held)).as(where).isEqualByComparingTo(row.get("total").asString());
        assertThat(free.signum()).as(where).isNotNegative();
        assertThat(held).as(where).isEqualByComparingTo(holds.getOrDefault(asset, BigDecimal.ZERO));
        assertThat(row.get("reserved_as_of").asString())
            .as(where)
            .isEqualTo(served.service.getAssetBalances().reservedAsOf().orElseThrow().toString());
        reserved += held.signum() > 0 ? 1 : 0;
      }
      assertThat(reserved).as(path).isEqualTo(holds.size());
    }
  }

  @Test
  void openOrdersAreListedWithWhatEachReserves() throws Exception {
    JsonNode answer = getJson("/api/v1/portfolio/orders/open");

    assertThat(answer.get("as_of").asString())
        .isEqualTo(served.service.getOpenOrders().orElseThrow().asOf().toString());
    Set<String> resting = new TreeSet<>();
    served.account.orders().stream()
        .filter(order -> order.status().isOpen())
        .forEach(order -> resting.add(order.txid()));
    Set<String> listed = new TreeSet<>();
    for (JsonNode order : answer.get("open_orders")) {
      listed.add(order.get("txid").asString());
      io.tally.sim.Order simulated =
          served.account.findOrder(order.get("txid").asString()).orElseThrow();
      ListedPair pair = Listing.kraken().pair(simulated.pair());
      assertThat(order.get("pair").asString())
          .isEqualTo(canonical(pair.base().id()) + canonical(pair.quote().id()));
      assertThat(order.get("side").asString()).isEqualTo(simulated.side().wire());
      assertThat(new BigDecimal(order.get("volume").asString()))
          .isEqualByComparingTo(simulated.vol());
      assertThat(new BigDecimal(order.get("price").asString()))
          .isEqualByComparingTo(simulated.limitPrice().orElseThrow());
      // A sell reserves its remaining base volume; a buy that volume at its limit, in the quote.
      boolean buy = order.get("side").asString().equals("buy");
      assertThat(order.get("reserved_asset").asString())
          .isEqualTo(order.get(buy ? "quote_asset" : "base_asset").asString());
      BigDecimal remaining = simulated.remaining();
      assertThat(new BigDecimal(order.get("reserved_amount").asString()))
          .isEqualByComparingTo(
              buy ? remaining.multiply(simulated.limitPrice().orElseThrow()) : remaining);
      assertThat(order.get("userref").asLong()).isEqualTo(simulated.userref());
      assertThat(order.has("client_order_id")).isTrue();
      assertThat(order.get("strategy_tag").asString()).isNotEmpty();
      assertThat(java.time.Instant.parse(order.get("opened_at").asString()))
          .isCloseTo(
              simulated.opentm(),
              org.assertj.core.api.Assertions.within(1, java.time.temporal.ChronoUnit.MILLIS));
    }
    assertThat(listed).isNotEmpty().isEqualTo(resting);
  }

  private static String canonical(String krakenId) {
    return io.tally.money.AssetSymbol.canonical(krakenId).code();
  }

  @Test
  void everyEndpointAnswersWithItsFields() throws Exception {
    assertThat(getJson("/api/v1/portfolio/value").has("oldest_price_at")).isTrue();
    assertThat(getJson("/api/v1/portfolio/allocation").get("assets").size()).isPositive();
    assertThat(getJson("/api/v1/portfolio/positions").get("positions").size()).isPositive();
    assertThat(getJson("/api/v1/portfolio/positions").get("non_pair_holdings").isArray()).isTrue();
    JsonNode pnl = getJson("/api/v1/portfolio/pnl?include_manual=false");
    assertThat(pnl.get("include_manual").asBoolean()).isFalse();
    assertThat(pnl.get("by_strategy").toString()).doesNotContain("\"manual\"");
    JsonNode trades = getJson("/api/v1/portfolio/trades?pair=XBTUSD&limit=3");
    assertThat(trades.get("trades").size()).isEqualTo(3);
    // Display decimals are Kraken's, as the sync listed them: XBTUSD prices at pair_decimals,
    // XBT amounts at the asset's display_decimals, and every amount keeps its digits.
    int xbtusd = Listing.kraken().pair("XXBTZUSD").pairDecimals();
    int xbt = Listing.kraken().asset("XXBT").displayDecimals();
    for (JsonNode trade : trades.get("trades")) {
      assertThat(trade.get("pair").asString()).isEqualTo("XBTUSD");
      assertThat(trade.get("price_decimals").asInt()).isEqualTo(xbtusd);
      for (JsonNode leg : trade.get("bought")) {
        if (leg.get("asset").asString().equals("XBT")) {
          assertThat(leg.get("amount_decimals").asInt()).isEqualTo(xbt);
        }
      }
    }
    int open = 0;
    for (JsonNode position : getJson("/api/v1/portfolio/positions").get("positions")) {
      ListedPair listed = Listing.kraken().findPair(position.get("pair").asString()).orElseThrow();
      assertThat(position.get("amount_decimals").asInt())
          .isEqualTo(listed.base().displayDecimals());
      if (!position.get("avg_entry_price").isNull()) {
        assertThat(position.get("price_decimals").asInt()).isEqualTo(listed.pairDecimals());
        assertThat(new BigDecimal(position.get("avg_entry_price").asString()).scale())
            .as("the JSON keeps full precision")
            .isGreaterThan(listed.pairDecimals());
        open++;
      }
    }
    assertThat(open).as("open positions").isPositive();
    assertThat(getJson("/api/v1/portfolio/fees").has("total_base")).isTrue();
    JsonNode flows = getJson("/api/v1/portfolio/cash-flows?asset=USD&limit=2");
    assertThat(flows.get("cash_flows").size()).isBetween(1, 2);
    assertThat(getJson("/api/v1/portfolio/history").get("snapshots").size()).isPositive();
    JsonNode equity = getJson("/api/v1/portfolio/equity?range=7d");
    assertThat(equity.get("range").asString()).isEqualTo("7d");
    assertThat(equity.get("points").size()).isPositive();
    JsonNode reconciliation = getJson("/api/v1/portfolio/reconciliation");
    assertThat(reconciliation.get("drift_flag").asBoolean()).isFalse();
    assertThat(reconciliation.get("ledger_check").get("ok").asBoolean()).isTrue();
    assertThat(getJson("/api/v1/portfolio/data-issues").has("data_issues")).isTrue();
  }

  @Test
  void aPositionIsFoundByAnyNameAndAnUnknownOneIsA404Problem() throws Exception {
    assertThat(getJson("/api/v1/portfolio/positions/XBTUSD").get("pair").asString())
        .isEqualTo("XBTUSD");
    assertThat(getJson("/api/v1/portfolio/positions/BTC%2FUSD").get("pair").asString())
        .isEqualTo("XBTUSD");

    HttpResponse<String> missing = get("/api/v1/portfolio/positions/DOGEEUR");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.headers().firstValue("content-type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(json.readTree(missing.body()).get("detail").asString()).contains("DOGEEUR");

    assertThat(getJson("/api/v1/portfolio/positions/BTC/USD").get("pair").asString())
        .as("a pair written with an unencoded slash")
        .isEqualTo("XBTUSD");
    HttpResponse<String> slashed = get("/api/v1/portfolio/positions/DOGE/EUR");
    assertThat(slashed.statusCode()).isEqualTo(404);
    assertThat(json.readTree(slashed.body()).get("detail").asString()).contains("DOGE/EUR");
  }

  /**
   * Issue 15, point 2: one realized PnL record per trade, with the contract's fields, whose {@code
   * pnl_base} by strategy adds up to the PnL summary's, exactly; filters narrow the same records.
   */
  @Test
  void realizedPnlRecordsAddUpToThePnlSummaryByStrategy() throws Exception {
    JsonNode records = getJson("/api/v1/portfolio/pnl/records?limit=1000&include_manual=true");
    JsonNode summary = getJson("/api/v1/portfolio/pnl?period=all&include_manual=true");
    assertThat(records.get("records").size()).as("every trade, fewer than 1000").isLessThan(1000);

    Map<String, BigDecimal> byStrategy = new TreeMap<>();
    for (JsonNode record : records.get("records")) {
      for (String field : RecordFields.CONTRACT) {
        assertThat(record.has(field)).as("%s in %s", field, record).isTrue();
      }
      assertThat(record.get("side").asString()).isIn("buy", "sell");
      // A buy receives the base and gives up the quote; a sell the other way round.
      int sign = record.get("side").asString().equals("buy") ? 1 : -1;
      assertThat(new BigDecimal(record.get("base_delta").asString()).signum()).isIn(0, sign);
      assertThat(new BigDecimal(record.get("quote_delta").asString()).signum()).isIn(0, -sign);
      if (record.get("quote_asset").asString().equals("USD")) {
        assertThat(record.get("pnl_quote").asString())
            .as("in a USD book a USD-quoted trade's PnL is the same in both")
            .isEqualTo(record.get("pnl_base").asString());
      }
      byStrategy.merge(
          record.get("strategy_tag").asString(),
          new BigDecimal(record.get("pnl_base").asString()),
          BigDecimal::add);
    }
    Map<String, BigDecimal> expected = new TreeMap<>();
    for (JsonNode strategy : summary.get("by_strategy")) {
      expected.put(
          strategy.get("strategy_tag").asString(),
          new BigDecimal(strategy.get("realized_pnl_base").asString()));
    }
    assertThat(byStrategy).isEqualTo(expected);

    JsonNode first = records.get("records").get(0);
    String tag = first.get("strategy_tag").asString();
    String time = first.get("time").asString();
    JsonNode narrowed =
        getJson(
            "/api/v1/portfolio/pnl/records?include_manual=true&strategy="
                + tag
                + "&from="
                + time
                + "&to="
                + time);
    assertThat(narrowed.get("records").size()).isPositive();
    for (JsonNode record : narrowed.get("records")) {
      assertThat(record.get("strategy_tag").asString()).isEqualTo(tag);
      assertThat(record.get("time").asString()).isEqualTo(time);
    }
    JsonNode trades = getJson("/api/v1/portfolio/trades?limit=3&include_manual=true");
    for (int i = 0; i < 3; i++) {
      assertThat(trades.get("trades").get(i))
          .as("/portfolio/trades lists the same records")
          .isEqualTo(records.get("records").get(i));
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "/api/v1/portfolio/trades?limit=0, limit",
    "/api/v1/portfolio/trades?limit=ten, limit",
    "/api/v1/portfolio/trades?include_manual=maybe, include_manual",
    "/api/v1/portfolio/pnl?period=1y, period",
    "/api/v1/portfolio/equity?range=1y, range",
    "/api/v1/portfolio/history?since=yesterday, since",
    "/api/v1/portfolio/cash-flows?limit=100000, limit",
    "/api/v1/portfolio/pnl/records?from=soon, from",
    "/api/v1/portfolio/pnl/records?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z, from",
    "/api/v1/portfolio/performance?from=yesterday, from",
    "/api/v1/portfolio?as_of=2999-01-01, as_of",
    "/api/v1/portfolio?as_of=now, as_of",
    "/api/v1/portfolio/performance?from=2026-02-01&to=2026-01-01, from",
    "/api/v1/portfolio/performance?from=1990-01-01, from",
    "/api/v1/portfolio/performance?from=2999-01-01, from",
    "/api/v1/portfolio/performance?to=2999-01-01, to",
    "/api/v1/risk/events?type=MARGIN, type",
    "/api/v1/risk/events?since=yesterday, since",
    "/api/v1/risk/events?limit=0, limit"
  })
  void aBadParameterIsA400ProblemNamingIt(String path, String parameter) throws Exception {
    HttpResponse<String> response = get(path);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("content-type").orElse(""))
        .startsWith("application/problem+json");
    JsonNode problem = json.readTree(response.body());
    assertThat(problem.get("status").asInt()).isEqualTo(400);
    assertThat(problem.get("detail").asString()).contains("'" + parameter + "'");
  }

  /**
   * The performance answer chains its daily returns into its TWR, and the metrics answer is the
   * same figures for the whole history without the days.
   */
  @Test
  void performanceChainsItsDaysAndMetricsIsTheSameWithoutThem() throws Exception {
    JsonNode performance = getJson("/api/v1/portfolio/performance");
    JsonNode metrics = getJson("/api/v1/portfolio/metrics");

    double chained = 1;
    for (JsonNode day : performance.get("daily")) {
      if (!day.get("return").isNull()) {
        chained *= 1 + day.get("return").asDouble();
      }
    }
    assertThat(performance.get("returns").get("twr").asDouble())
        .isCloseTo(chained - 1, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(performance.get("observations").asInt()).isPositive();
    assertThat(metrics.has("daily")).isFalse();
    for (String name : List.of("base_currency", "from", "to", "returns", "risk", "trades")) {
      assertThat(metrics.get(name)).as(name).isEqualTo(performance.get(name));
    }
  }

  /**
   * The books as of today's end are today's books: the same equity and holdings as {@code GET
   * /portfolio}, valued with the prices in force now (no price comes after the last sync). On an
   * account of its own: the class's shared one is moved on by other tests, and its simulated clock
   * then runs ahead of the wall clock, past midnight near the end of a day.
   */
  @Test
  void thePortfolioAsOfTodayIsThePortfolio(@TempDir Path own) throws Exception {
    JsonNode now;
    JsonNode asOf;
    String today;
    try (ServedAccount account = new ServedAccount(own, 11, 20)) {
      now = json.readTree(get(account.uri("/api/v1/portfolio")).body());
      today = now.get("as_of").asString().substring(0, 10);
      HttpResponse<String> answer = get(account.uri("/api/v1/portfolio?as_of=" + today));
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      asOf = json.readTree(answer.body());
    }

    assertThat(asOf.get("as_of").asString()).isEqualTo(today + "T23:59:59.999999999Z");
    assertThat(asOf.get("equity_base")).isEqualTo(now.get("equity_base"));
    assertThat(asOf.get("holdings")).hasSameSizeAs(now.get("holdings"));
    for (int i = 0; i < now.get("holdings").size(); i++) {
      JsonNode then = asOf.get("holdings").get(i);
      for (String name :
          List.of(
              "asset",
              "amount",
              "cost_basis_base",
              "value_base",
              "unrealized_pnl_base",
              "realized_pnl_base")) {
        assertThat(then.get(name)).as(name).isEqualTo(now.get("holdings").get(i).get(name));
      }
      // Open orders hold part of today's holdings; a past day's books know nothing of them.
      assertThat(then.get("reserved").asString()).isEqualTo("0");
    }
  }

  @Test
  void anUnknownApiPathIsA404Problem() throws Exception {
    HttpResponse<String> response = get("/api/v1/nothing-here");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("content-type").orElse(""))
        .startsWith("application/problem+json");
  }

  @Test
  void postingSyncAnswersTheContractsSummary() throws Exception {
    served.account.advance(java.time.Duration.ofMinutes(30));

    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(served.uri("/api/v1/portfolio/sync"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode result = json.readTree(response.body());
    assertThat(result.get("new_ledger_rows").asInt()).isPositive();
    assertThat(result.get("new_trades_count").asInt()).isPositive();
    assertThat(result.has("updated_pairs")).isTrue();
    assertThat(result.has("cash_flows_added")).isTrue();
    assertThat(result.get("drift_detected").asBoolean()).isFalse();
  }

  @Test
  void aLargeAnswerIsCompressedForAClientThatAsksAndReadsTheSame() throws Exception {
    URI uri = served.uri("/api/v1/portfolio/performance");
    HttpResponse<byte[]> gzipped =
        http.send(
            HttpRequest.newBuilder(uri).header("Accept-Encoding", "gzip").GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<String> plain = get(uri);

    assertThat(gzipped.statusCode()).isEqualTo(200);
    assertThat(gzipped.headers().firstValue("content-encoding")).contains("gzip");
    assertThat(plain.headers().firstValue("content-encoding")).isEmpty();
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
      JsonNode unzipped = JsonMapper.builder().build().readTree(in.readAllBytes());
      JsonNode expected = JsonMapper.builder().build().readTree(plain.body());
      assertThat(unzipped.get("twr")).isEqualTo(expected.get("twr"));
      assertThat(unzipped.size()).isEqualTo(expected.size());
    }
  }

  @Test
  void healthAndMetricsTellAnOperatorWhatTheyNeed() throws Exception {
    JsonNode health = getJson("/health");
    double portfolioRequests = portfolioRequests(get("/metrics").body());
    getJson("/api/v1/portfolio");
    getJson("/api/v1/portfolio");
    assertThat(health.get("status").asString()).as(health.toString()).isEqualTo("ok");
    assertThat(health.get("store").asString()).isEqualTo("ok");
    assertThat(health.get("last_sync_at").isNull()).isFalse();

    HttpResponse<String> metrics = get("/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body())
        .contains("tally_sync_duration_seconds_count")
        .contains("tally_valuation_duration_seconds_count")
        .contains("tally_drift_flag 0.0")
        .contains("tally_equity_base")
        .contains("tally_errors_total");
    // Each route's timer counts every request to it, not only the first.
    assertThat(portfolioRequests(metrics.body())).isEqualTo(portfolioRequests + 2);
  }

  /** The count of {@code GET /api/v1/portfolio} requests in a metrics page. */
  private static double portfolioRequests(String metrics) {
    Matcher count =
        Pattern.compile("tally_http_requests_seconds_count\\{route=\"/api/v1/portfolio\"\\} (\\S+)")
            .matcher(metrics);
    return count.find() ? Double.parseDouble(count.group(1)) : 0;
  }

  private HttpResponse<String> post(String path, String body)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(served.uri(path))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theReconciliationCarriesTheMarginCheckOfTheSameQuietMoment() throws Exception {
    JsonNode reconciliation = getJson("/api/v1/portfolio/reconciliation");
    JsonNode margin = reconciliation.get("margin");
    assertThat(margin.isObject()).as(reconciliation.toString()).isTrue();
    assertThat(margin.get("currency").asString()).isEqualTo("USD");
    assertThat(margin.get("compared_at").asString())
        .isEqualTo(reconciliation.get("compared_at").asString());
    assertThat(margin.get("drift_flag").asBoolean()).isFalse();
    assertThat(margin.get("positions").size()).as("a spot account").isZero();
    assertThat(margin.get("figures_skipped").isNull()).as(margin.toString()).isTrue();
    assertThat(margin.get("figures").size()).isEqualTo(4);
    for (JsonNode figure : margin.get("figures")) {
      assertThat(figure.get("beyond_tolerance").asBoolean()).as(figure.toString()).isFalse();
    }
  }

  /**
   * kraken.region us_ca (no margin): the margin summary, the trade lifecycles and the withdrawal
   * check answer 409 problems naming the region and the key, while the rest is served. A second
   * server, keyless, over the same store.
   */
  @Test
  void inRegionUsCaTheThreeMarginEndpointsAnswerAConflictNamingTheRegion() throws Exception {
    TallyConfig usCa =
        TallyConfig.defaults()
            .withKraken(new KrakenConfig(served.simulator.baseUrl(), "pro", KrakenRegion.US_CA));
    PortfolioService service =
        new PortfolioService(usCa, served.store, Optional.empty(), Clock.systemUTC(), line -> {});
    service.initialize();
    try (TallyServer server = TallyServer.start(service, "127.0.0.1", 0, Clock.systemUTC())) {
      String base = "http://127.0.0.1:" + server.port() + "/api/v1/portfolio";
      List<HttpRequest> requests =
          List.of(
              HttpRequest.newBuilder(URI.create(base + "/margin")).GET().build(),
              HttpRequest.newBuilder(URI.create(base + "/trades/lifecycle")).GET().build(),
              HttpRequest.newBuilder(URI.create(base + "/withdrawal-check"))
                  .header("content-type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"asset\":\"USD\",\"amount\":\"1\"}"))
                  .build());
      for (HttpRequest request : requests) {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(request.uri() + ": " + response.body()).isEqualTo(409);
        assertThat(response.headers().firstValue("content-type").orElse(""))
            .startsWith("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(409);
        assertThat(problem.get("detail").asString())
            .endsWith(
                "needs margin trading, which Kraken does not offer in region us_ca"
                    + " (kraken.region)");
      }
      HttpResponse<String> portfolio =
          http.send(
              HttpRequest.newBuilder(URI.create(base)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(portfolio.statusCode()).as("the rest is served").isEqualTo(200);
    }
  }

  @Test
  void aSpotAccountHasNoMarginAndMayWithdrawWhatItHolds() throws Exception {
    JsonNode margin = getJson("/api/v1/portfolio/margin");
    assertThat(margin.get("positions").size()).isZero();
    assertThat(margin.get("margin_level").isNull()).isTrue();
    // No position: the collateral is the whole equity, none of it used.
    assertThat(new BigDecimal(margin.get("equity_base").asString()))
        .isEqualByComparingTo(
            new BigDecimal(getJson("/api/v1/portfolio").get("equity_base").asString()));
    assertThat(new BigDecimal(margin.get("margin_used_base").asString())).isZero();
    assertThat(getJson("/api/v1/portfolio/trades/lifecycle?status=closed").get("trades").size())
        .isZero();

    HttpResponse<String> small =
        post("/api/v1/portfolio/withdrawal-check", "{\"asset\": \"USD\", \"amount\": \"1\"}");
    assertThat(small.statusCode()).as(small.body()).isEqualTo(200);
    JsonNode allowed = json.readTree(small.body());
    assertThat(allowed.get("allowed").asBoolean()).isTrue();
    assertThat(allowed.get("margin_level_after").isNull()).isTrue();
    assertThat(allowed.get("reason").asString()).isEqualTo("no margin in use");

    JsonNode tooMuch =
        json.readTree(
            post("/api/v1/portfolio/withdrawal-check", "{\"asset\": \"USD\", \"amount\": 1e12}")
                .body());
    assertThat(tooMuch.get("allowed").asBoolean()).isFalse();
    assertThat(tooMuch.get("reason").asString())
        .startsWith("the books hold ")
        .endsWith(" USD, not 1000000000000");
  }

  @Test
  void aBadWithdrawalCheckIsAProblemNamingTheField() throws Exception {
    HttpResponse<String> noAmount =
        post("/api/v1/portfolio/withdrawal-check", "{\"asset\": \"USD\"}");
    assertThat(noAmount.statusCode()).isEqualTo(400);
    assertThat(json.readTree(noAmount.body()).get("detail").asString())
        .isEqualTo("parameter 'amount' is required, a positive decimal such as \"500\"");
    HttpResponse<String> negative =
        post("/api/v1/portfolio/withdrawal-check", "{\"asset\": \"USD\", \"amount\": \"-5\"}");
    assertThat(json.readTree(negative.body()).get("detail").asString())
        .isEqualTo("parameter 'amount' must be positive, got -5");
    assertThat(post("/api/v1/portfolio/trades/lifecycle", "").statusCode()).isNotEqualTo(200);
    assertThat(get("/api/v1/portfolio/trades/lifecycle?status=maybe").statusCode()).isEqualTo(400);
  }

  @Test
  void theOpenApiDocumentDescribesExactlyTheRoutesServed() throws Exception {
    JsonNode document = getJson("/api/v1/openapi.json");
    Set<String> described = new TreeSet<>();
    document
        .get("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .propertyNames()
                    .forEach(
                        method ->
                            described.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));

    assertThat(described).containsExactlyInAnyOrderElementsOf(TallyServer.routes());
  }

  @Test
  void theDashboardIsServedAtTheRoot() throws Exception {
    HttpResponse<String> page = get("/");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("content-type").orElse("")).startsWith("text/html");
    assertThat(page.body()).contains("equity-chart");
    assertThat(get("/vendor/uPlot.iife.min.js").statusCode()).isEqualTo(200);
  }
}
