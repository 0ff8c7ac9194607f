package io.tally.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.engine.config.ConfigFile;
import io.tally.engine.config.TallyConfig;
import io.tally.engine.paper.PaperDesk;
import io.tally.engine.paper.PaperTerms;
import io.tally.engine.paper.ScriptedMarket;
import io.tally.engine.paper.SlippageModel;
import io.tally.engine.service.PortfolioService;
import io.tally.money.Asset;
import io.tally.money.Pair;
import io.tally.store.PortfolioStore;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The risk endpoints ({@code GET /api/v1/risk}, {@code POST /risk/check}, {@code /risk/size},
 * {@code /risk/state}) on a real server of a paper account: its desk fills on a scripted market
 * without slippage at the taker fee of 0.40 %, its books are kept in a real SQLite store, and its
 * {@code risk:} limits come from a parsed {@code tally.yaml}. Every figure is worked out beside its
 * assertion; bad bodies are 400 problems naming the field, margin where Kraken offers none a 409.
 */
class RiskRoutesTest {

  private static final Pair XBTUSDT = new Pair(Asset.XBT, Asset.of("USDT"));
  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

  @TempDir Path directory;

  private final HttpClient http = HttpClient.newHttpClient();
  private final JsonMapper json = JsonMapper.builder().build();
  private final MovingClock clock = new MovingClock(T0);
  private final ScriptedMarket market =
      new ScriptedMarket().price(XBTUSDT, T0, new BigDecimal("50000"));
  private PortfolioStore store;
  private PortfolioService service;
  private PaperDesk desk;
  private TallyServer server;

  @BeforeEach
  void openStore() {
    store = PortfolioStore.open(directory.resolve("paper.db").toString(), Map.of());
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    store.close();
  }

  /**
   * Serves a paper account in USDT that opens with {@code balance} USDT, under the {@code risk:}
   * section {@code risk} (empty: the defaults).
   */
  private void serve(String risk, String balance) {
    TallyConfig config =
        ConfigFile.parse("portfolio: {base_currency: USDT}\n" + risk, "tally.yaml");
    service = new PortfolioService(config, store, Optional.empty(), clock, line -> {});
    service.load();
    desk =
        PaperDesk.open(
            PaperTerms.of("risk")
                .withInitialBalance(Asset.of("USDT"), new BigDecimal(balance))
                .withSlippage(SlippageModel.none()),
            store,
            service,
            market,
            clock,
            line -> {});
    service.initialize();
    server = TallyServer.start(service, Optional.of(desk), "127.0.0.1", 0, clock);
  }

  private HttpResponse<String> send(String method, String path, String body)
      throws IOException, InterruptedException {
    return http.send(request(method, path, body), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest request(String method, String path, String body) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .header("content-type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private JsonNode answer(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return json.readTree(response.body());
  }

  private JsonNode post(String path, String body) throws IOException, InterruptedException {
    return answer(send("POST", path, body), 200);
  }

  private JsonNode get(String path) throws IOException, InterruptedException {
    return answer(send("GET", path, ""), 200);
  }

  private static String text(JsonNode node, String field) {
    return node.get(field).asString();
  }

  /** The reasons of a check or a size as {@code rule limit value} lines. */
  private static List<String> reasons(JsonNode answer) {
    return answer
        .get("reasons")
        .valueStream()
        .map(
            reason ->
                text(reason, "rule")
                    + " "
                    + (reason.get("limit").isNull() ? "null" : text(reason, "limit"))
                    + " "
                    + (reason.get("value").isNull() ? "null" : text(reason, "value")))
        .toList();
  }

  /**
   * 10,000 USDT and the default limits. A spot buy of 0.01 XBT at 50,000 is 500: 5 % of equity,
   * 0.05×, under every limit. The largest that passes is bounded by max_position_pct, 10 % of
   * 10,000 = 1,000 = 0.02 XBT (the others allow more: leverage 6 × 10,000 / 50,000 = 1.2, the
   * positions' risk 20 % without a stop = 0.04, the balance 10,000 / 50,000 = 0.2).
   */
  @Test
  void aCheckUnderEveryLimitPassesWithItsFiguresAfter() throws Exception {
    serve("", "10000");

    JsonNode check =
        post(
            "/api/v1/risk/check",
            "{\"pair\": \"XBT/USDT\", \"side\": \"buy\", \"volume\": \"0.01\", \"price\":"
                + " \"50000\"}");

    assertThat(check.get("passed").asBoolean()).isTrue();
    assertThat(check.get("reasons").size()).isZero();
    assertThat(text(check, "current_leverage")).isEqualTo("0.0000");
    assertThat(text(check, "proposed_leverage")).isEqualTo("0.0500");
    assertThat(text(check, "position_after_pct")).isEqualTo("5.0000");
    assertThat(text(check, "exposure_after_pct")).isEqualTo("5.0000");
    // Without a stop a position risks its whole value.
    assertThat(text(check, "portfolio_risk_after_pct")).isEqualTo("5.0000");
    assertThat(text(check, "margin_required_base")).isEqualTo("0.00000000");
    assertThat(text(check, "free_margin_after_base")).isEqualTo("10000.00000000");
    assertThat(text(check, "max_volume")).isEqualTo("0.02");
    assertThat(text(check, "trading_state")).isEqualTo("ACTIVE");
    assertThat(text(check, "check_id")).isNotBlank();
    assertThat(check.get("reserved_until").isNull()).isTrue();

    // No price given and none in the books (nothing traded yet): refused for want of one.
    JsonNode unpriced =
        post(
            "/api/v1/risk/check",
            "{\"pair\": \"ETH/USDT\", \"side\": \"buy\", \"volume\": \"0.01\"}");
    assertThat(reasons(unpriced)).containsExactly("price null null");
    assertThat(text(unpriced.get("reasons").get(0), "detail"))
        .isEqualTo("no price for ETH/USDT: give one, or fetch prices");
    assertThat(text(unpriced, "max_volume")).isEqualTo("0");
  }

  /**
   * 10,000 USDT, default limits. A spot buy of 2 XBT at 50,000 is 100,000: 10× (cap 6.0), 1,000 %
   * of equity for XBT (limit 10 %) and for the positions' risk without a stop (limit 20 %), and it
   * spends 100,000 USDT of the 10,000 held. Every rule is listed, in the check's order; the largest
   * volume that passes is still 0.02 (10 % of 10,000 at 50,000).
   */
  @Test
  void aCheckOverSeveralLimitsListsEveryRuleItFails() throws Exception {
    serve("", "10000");

    JsonNode check =
        post(
            "/api/v1/risk/check",
            "{\"pair\": \"XBTUSDT\", \"side\": \"buy\", \"volume\": 2, \"price\": 50000}");

    assertThat(check.get("passed").asBoolean()).isFalse();
    assertThat(reasons(check))
        .containsExactly(
            "leverage_cap 6.0 10.0000",
            "max_position_pct 10 1000.0000",
            "max_portfolio_risk_pct 20 1000.0000",
            "balance 10000 100000");
    assertThat(text(check.get("reasons").get(0), "detail"))
        .isEqualTo("leverage would be 10.0000x, over the leverage cap of 6.0x");
    assertThat(text(check.get("reasons").get(3), "detail"))
        .isEqualTo("the order spends 100000 USDT; the account holds 10000");
    assertThat(text(check, "proposed_leverage")).isEqualTo("10.0000");
    assertThat(text(check, "position_after_pct")).isEqualTo("1000.0000");
    assertThat(text(check, "max_volume")).isEqualTo("0.02");
  }

  /**
   * The leverage cap's KPI over HTTP. 10,232 USDT; a market buy of 1.16 XBT at 50,000 at 20×:
   * 58,000 of exposure, taker fee 0.40 % × 58,000 = 232, so equity 10,232 − 232 = 10,000 and
   * leverage 58,000 / 10,000 = 5.8×. Another 0.08 XBT (4,000) would make 62,000 / 10,000 = 6.2×,
   * over the cap of 6.0: refused naming leverage_cap only (the other limits are set out of the
   * way), and the largest volume is (6 × 10,000 − 58,000) / 50,000 = 0.04.
   */
  @Test
  void anOrderTakingAFiveEightAccountToSixTwoFailsOnTheLeverageCap() throws Exception {
    serve("risk: {max_position_pct: 10000, max_portfolio_risk_pct: 10000}\n", "10232");
    openLong("1.16", 20);

    JsonNode check =
        post(
            "/api/v1/risk/check",
            "{\"pair\": \"XBT/USDT\", \"side\": \"buy\", \"volume\": \"0.08\", \"leverage\":"
                + " \"20\", \"order_type\": \"market\"}");

    assertThat(check.get("passed").asBoolean()).isFalse();
    assertThat(reasons(check)).containsExactly("leverage_cap 6.0 6.2000");
    assertThat(text(check, "current_leverage")).isEqualTo("5.8000");
    assertThat(text(check, "proposed_leverage")).isEqualTo("6.2000");
    assertThat(text(check, "max_volume")).isEqualTo("0.04");
    // Margin at 20×: 58,000 / 20 = 2,900 in use, the order's 4,000 / 20 = 200 more.
    assertThat(text(check, "margin_required_base")).isEqualTo("200.00000000");
    assertThat(text(check, "free_margin_after_base")).isEqualTo("6900.00000000");
    JsonNode atTheCap =
        post(
            "/api/v1/risk/check",
            "{\"pair\": \"XBT/USDT\", \"side\": \"buy\", \"volume\": \"0.04\", \"leverage\": 20}");
    assertThat(atTheCap.get("passed").asBoolean()).as(atTheCap.toString()).isTrue();
    assertThat(text(atTheCap, "proposed_leverage")).isEqualTo("6.0000");
  }

  /** A market buy of {@code volume} XBT at {@code leverage} through the paper desk's endpoint. */
  private void openLong(String volume, int leverage) throws Exception {
    JsonNode order =
        answer(
            send(
                "POST",
                "/api/v1/paper/orders",
                "{\"pair\": \"XBT/USDT\", \"side\": \"buy\", \"volume\": \""
                    + volume
                    + "\", \"leverage\": "
                    + leverage
                    + "}"),
            201);
    assertThat(text(order, "status")).as(order.toString()).isEqualTo("filled");
  }

  /**
   * {@code GET /risk} on the 5.8× account: the limits account-wide first (leverage_cap, then the
   * positions' risk), then the largest position; utilisation 5.8 / 6.0 = 96.6667 %. XBT is the
   * whole exposure: 580 % of equity, Herfindahl 1.
   */
  @Test
  void theRiskStatusListsTheLeverageCapFirst() throws Exception {
    serve("risk: {max_position_pct: 10000, max_portfolio_risk_pct: 10000}\n", "10232");
    openLong("1.16", 20);

    JsonNode status = get("/api/v1/risk");

    assertThat(status.propertyNames())
        .containsExactly(
            "trading_state",
            "trading_state_reason",
            "trading_state_since",
            "trading_state_source",
            "equity_base",
            "drift_flag",
            "stale",
            "limits",
            "drawdown",
            "correlation_groups",
            "concentration",
            "exposure_by_class");
    assertThat(text(status, "trading_state")).isEqualTo("ACTIVE");
    assertThat(status.get("trading_state_reason").isNull()).isTrue();
    assertThat(status.get("trading_state_since").isNull()).isTrue();
    assertThat(text(status, "trading_state_source")).isEqualTo("automatic");
    assertThat(text(status, "equity_base")).isEqualTo("10000.00000000");
    assertThat(status.get("drift_flag").asBoolean()).isFalse();
    assertThat(status.get("stale").asBoolean()).isFalse();
    List<String> limits =
        status
            .get("limits")
            .valueStream()
            .map(
                row ->
                    String.join(
                        " ",
                        text(row, "rule"),
                        text(row, "subject"),
                        text(row, "limit"),
                        text(row, "value"),
                        text(row, "utilisation_pct"),
                        String.valueOf(row.get("exceeded").asBoolean())))
            .toList();
    assertThat(limits)
        .containsExactly(
            "leverage_cap account 6.0 5.8000 96.6667 false",
            "max_portfolio_risk_pct account 10000 580.0000 5.8000 false",
            "max_position_pct XBT 10000 580.0000 5.8000 false");
    assertThat(status.get("drawdown").propertyNames())
        .containsExactly("total", "daily", "weekly", "breached_levels", "breached_windows");
    assertThat(status.get("drawdown").get("breached_levels").size()).isZero();
    assertThat(status.get("drawdown").get("breached_windows").size()).isZero();
    assertThat(status.get("correlation_groups").size()).isZero();
    assertThat(text(status.get("concentration"), "largest_asset")).isEqualTo("XBT");
    assertThat(text(status.get("concentration"), "largest_pct")).isEqualTo("580.0000");
    assertThat(text(status.get("concentration"), "herfindahl")).isEqualTo("1.000000");
    assertThat(status.get("exposure_by_class").size()).isZero();
  }

  /**
   * Asset classes configured: each is a row of exposure_by_class, and one with a limit a
   * max_class_pct row of the limits. The 5.8× account holds 58,000 of XBT: 580 % in class btc
   * (limit 600, 96.6667 % used), nothing in the catch-all alts (no limit).
   */
  @Test
  void theRiskStatusShowsTheExposureByAssetClass() throws Exception {
    serve(
        "risk:\n"
            + "  max_position_pct: 10000\n"
            + "  max_portfolio_risk_pct: 10000\n"
            + "  asset_classes:\n"
            + "    btc: {assets: [XBT], max_class_pct: 600}\n"
            + "    alts: {assets: [\"*\"]}\n",
        "10232");
    openLong("1.16", 20);

    JsonNode status = get("/api/v1/risk");

    JsonNode btc = status.get("exposure_by_class").get(0);
    assertThat(text(btc, "class")).isEqualTo("btc");
    assertThat(text(btc, "exposure_base")).isEqualTo("58000.00000000");
    assertThat(text(btc, "exposure_pct")).isEqualTo("580.0000");
    assertThat(text(btc, "limit_pct")).isEqualTo("600");
    JsonNode alts = status.get("exposure_by_class").get(1);
    assertThat(text(alts, "class")).isEqualTo("alts");
    assertThat(alts.get("limit_pct").isNull()).isTrue();
    JsonNode classLimit = status.get("limits").get(3);
    assertThat(text(classLimit, "rule")).isEqualTo("max_class_pct");
    assertThat(text(classLimit, "subject")).isEqualTo("btc");
    assertThat(text(classLimit, "utilisation_pct")).isEqualTo("96.6667");
  }

  @Test
  void aBadCheckIsAProblemNamingTheField() throws Exception {
    serve("", "10000");
    Map<String, String> bodies =
        Map.of(
            "{\"pair\": \"XBT/USDT\", \"side\": \"buy\", \"volume\": \"0.01\", \"reserve\": true}",
            "client_order_id",
            "{\"pair\": \"XBT/USDT\", \"side\": \"buy\", \"volume\": \"0.01\", \"size\": 2}",
            "size",
            "{\"pair\": \"XBT/USDT\", \"side\": \"buy\"}",
            "volume",
            "{\"pair\": \"XBT/USDT\", \"side\": \"buy\", \"volume\": \"0\"}",
            "volume",
            "{\"pair\": \"XBT/USDT\", \"side\": \"hold\", \"volume\": \"1\"}",
            "side",
            "{\"pair\": \"XBT/USDT\", \"side\": \"buy\", \"volume\": \"1\", \"reserve\": \"yes\"}",
            "reserve",
            "{\"pair\": \"XBT/USDT\", \"side\": \"buy\", \"volume\": \"1\", \"leverage\": \"0.5\"}",
            "leverage",
            "{\"pair\": \"XBT/USDT\", \"side\": \"buy\", \"volume\": \"0.01\", \"price\":"
                + " \"50000\", \"stop_loss\": \"51000\"}",
            "stop_loss",
            "[1, 2]",
            "body");
    for (Map.Entry<String, String> bad : bodies.entrySet()) {
      JsonNode problem = answer(send("POST", "/api/v1/risk/check", bad.getKey()), 400);
      assertThat(text(problem, "detail"))
          .as(bad.getKey())
          .startsWith("parameter '" + bad.getValue() + "' ");
      assertThat(text(problem, "instance")).isEqualTo("/api/v1/risk/check");
    }
    JsonNode reserve =
        answer(
            send(
                "POST",
                "/api/v1/risk/check",
                "{\"pair\": \"XBT/USDT\", \"side\": \"buy\", \"volume\": \"0.01\", \"reserve\":"
                    + " true}"),
            400);
    assertThat(text(reserve, "detail"))
        .isEqualTo(
            "parameter 'client_order_id' is required with reserve: the reservation ends when it"
                + " appears");
    JsonNode unknown =
        answer(
            send(
                "POST",
                "/api/v1/risk/check",
                "{\"pair\": \"XBT/USDT\", \"side\": \"buy\", \"volume\": 1, \"size\": 2}"),
            400);
    assertThat(text(unknown, "detail"))
        .isEqualTo(
            "parameter 'size' is not a field here (client_order_id, leverage, order_type, pair,"
                + " price, reserve, side, stop_loss, strategy, volume)");
  }

  /**
   * Sizing from a stop, on 10,000 USDT with a position limit of 50 %. Risking 1 %: 100; the loss
   * per XBT bought at 50,000 and stopped at 48,000 is 2,000 + 0.0026 × (50,000 + 48,000) = 2,000 +
   * 254.8 = 2,254.8, so 100 / 2,254.8 = 0.04434983 XBT (8 decimals, down): 2,217.49, 22 % of
   * equity, under every limit. Risking 5 %: 500 / 2,254.8 = 0.22174915... XBT would cost 11,087.46;
   * 95 % of the 10,000 USDT held buys 9,500 / 50,000 = 0.19 (balance), which would be 95 % of
   * equity, over the limit of 50 %: 5,000 / 50,000 = 0.1 (max_position_pct).
   */
  @Test
  void aSizeRisksItsShareOfEquityToTheStopAndNamesEachReduction() throws Exception {
    serve("risk: {max_position_pct: 50}\n", "10000");

    JsonNode free =
        post(
            "/api/v1/risk/size",
            "{\"pair\": \"XBT/USDT\", \"side\": \"buy\", \"entry\": \"50000\", \"stop\":"
                + " \"48000\", \"risk_pct\": \"1\"}");

    assertThat(text(free, "volume")).isEqualTo("0.04434983");
    assertThat(text(free, "risk_amount_base")).isEqualTo("100.00000000");
    assertThat(free.get("limited_by").size()).isZero();
    assertThat(free.get("reasons").size()).isZero();

    JsonNode reduced =
        post(
            "/api/v1/risk/size",
            "{\"pair\": \"XBT/USDT\", \"side\": \"buy\", \"entry\": 50000, \"stop\": 48000,"
                + " \"risk_pct\": 5}");

    assertThat(text(reduced, "volume")).isEqualTo("0.1");
    assertThat(text(reduced, "risk_amount_base")).isEqualTo("500.00000000");
    assertThat(reduced.get("limited_by").valueStream().map(JsonNode::asString))
        .containsExactly("balance", "max_position_pct");
    // The unreduced volume's cost: 500 / 2,254.8 × 50,000 = 11,087.45787...
    assertThat(reasons(reduced))
        .containsExactly("balance 10000.00000000 11087.45786766", "max_position_pct 50 95.0000");
    assertThat(text(reduced.get("reasons").get(0), "detail"))
        .isEqualTo("reduced to 95 % of the free balance");
  }

  @Test
  void aStopOnTheWrongSideOrAtTheEntryIsABadRequestNamingStop() throws Exception {
    serve("", "10000");

    JsonNode above =
        answer(
            send(
                "POST",
                "/api/v1/risk/size",
                "{\"pair\": \"XBT/USDT\", \"side\": \"buy\", \"entry\": \"50000\", \"stop\":"
                    + " \"52000\", \"risk_pct\": \"1\"}"),
            400);
    assertThat(text(above, "detail"))
        .isEqualTo(
            "parameter 'stop' 52000 is above the entry 50000: a buy's stop must be below it");
    JsonNode below =
        answer(
            send(
                "POST",
                "/api/v1/risk/size",
                "{\"pair\": \"XBT/USDT\", \"side\": \"sell\", \"entry\": \"50000\", \"stop\":"
                    + " \"48000\", \"risk_pct\": \"1\"}"),
            400);
    assertThat(text(below, "detail")).startsWith("parameter 'stop' 48000 is below the entry");
    JsonNode equal =
        answer(
            send(
                "POST",
                "/api/v1/risk/size",
                "{\"pair\": \"XBT/USDT\", \"side\": \"buy\", \"entry\": \"50000\", \"stop\":"
                    + " \"50000\", \"risk_pct\": \"1\"}"),
            400);
    assertThat(text(equal, "detail")).isEqualTo("parameter 'stop' 50000 equals the entry 50000");
    JsonNode noRisk =
        answer(
            send(
                "POST",
                "/api/v1/risk/size",
                "{\"pair\": \"XBT/USDT\", \"side\": \"buy\", \"entry\": \"50000\", \"stop\":"
                    + " \"48000\", \"risk_pct\": \"0\"}"),
            400);
    assertThat(text(noRisk, "detail")).startsWith("parameter 'risk_pct' ");
    JsonNode unknown =
        answer(
            send(
                "POST",
                "/api/v1/risk/size",
                "{\"pair\": \"XBT/USDT\", \"side\": \"buy\", \"entry\": \"50000\", \"stop\":"
                    + " \"48000\", \"risk_pct\": \"1\", \"volume\": \"1\"}"),
            400);
    assertThat(text(unknown, "detail")).startsWith("parameter 'volume' is not a field here");
  }

  /**
   * An operator halts trading: the answer says so, a check fails on the trading state alone
   * (nothing passes, max_volume 0), the status shows the manual state, and the change is stored as
   * a TRADING_STATE_CHANGED event with from, to, reason and source.
   */
  @Test
  void haltingByHandRefusesEveryOrderAndIsListedAsARiskEvent() throws Exception {
    serve("", "10000");

    JsonNode halted =
        post("/api/v1/risk/state", "{\"state\": \"halted\", \"reason\": \"exchange incident\"}");

    assertThat(text(halted, "state")).isEqualTo("HALTED");
    assertThat(text(halted, "reason")).isEqualTo("exchange incident");
    assertThat(text(halted, "since")).isEqualTo("2026-03-02T10:00:00Z");
    assertThat(text(halted, "source")).isEqualTo("manual");
    // 0.01 XBT at 50,000 is 5 % of equity: under every limit, refused by the state alone.
    JsonNode check =
        post(
            "/api/v1/risk/check",
            "{\"pair\": \"XBT/USDT\", \"side\": \"buy\", \"volume\": \"0.01\", \"price\":"
                + " \"50000\"}");
    assertThat(check.get("passed").asBoolean()).isFalse();
    assertThat(reasons(check)).containsExactly("trading_state null null");
    assertThat(text(check.get("reasons").get(0), "detail"))
        .isEqualTo("trading is HALTED: no order passes");
    assertThat(text(check, "trading_state")).isEqualTo("HALTED");
    assertThat(text(check, "max_volume")).isEqualTo("0");
    JsonNode status = get("/api/v1/risk");
    assertThat(text(status, "trading_state")).isEqualTo("HALTED");
    assertThat(text(status, "trading_state_reason")).isEqualTo("exchange incident");
    assertThat(text(status, "trading_state_since")).isEqualTo("2026-03-02T10:00:00Z");
    assertThat(text(status, "trading_state_source")).isEqualTo("manual");

    JsonNode events = get("/api/v1/risk/events?type=TRADING_STATE_CHANGED").get("events");
    assertThat(events.size()).isEqualTo(1);
    JsonNode event = events.get(0);
    assertThat(text(event, "type")).isEqualTo("TRADING_STATE_CHANGED");
    assertThat(text(event, "at")).isEqualTo("2026-03-02T10:00:00Z");
    assertThat(text(event, "from")).isEqualTo("ACTIVE");
    assertThat(text(event, "to")).isEqualTo("HALTED");
    assertThat(text(event, "reason")).isEqualTo("exchange incident");
    assertThat(text(event, "source")).isEqualTo("manual");
    assertThat(text(event, "equity_base")).isEqualTo("10000.00000000");
    assertThat(event.get("level").isNull()).isTrue();
    assertThat(event.has("rule")).isFalse();

    JsonNode badState =
        answer(
            send("POST", "/api/v1/risk/state", "{\"state\": \"paused\", \"reason\": \"x\"}"), 400);
    assertThat(text(badState, "detail"))
        .isEqualTo("parameter 'state' must be ACTIVE, REDUCING or HALTED, got 'paused'");
    JsonNode noReason = answer(send("POST", "/api/v1/risk/state", "{\"state\": \"ACTIVE\"}"), 400);
    assertThat(text(noReason, "detail")).startsWith("parameter 'reason' ");

    JsonNode resumed =
        post("/api/v1/risk/state", "{\"state\": \"ACTIVE\", \"reason\": \"incident over\"}");
    assertThat(text(resumed, "state")).isEqualTo("ACTIVE");
    assertThat(get("/api/v1/risk/events?type=TRADING_STATE_CHANGED").get("events").size())
        .isEqualTo(2);
  }

  /**
   * The post-trade monitor's events over HTTP, each with its own fields. 10,000 USDT, the ladder
   * seeded at that peak; a market buy of 0.5 XBT at 50,000 at 5× costs 0.40 % × 25,000 = 100:
   * equity 9,900, and the position is 25,000 / 9,900 = 252.5253 % of equity, over the default 10 %:
   * one POSITION_LIMIT_EXCEEDED. At 49,000 the position loses 0.5 × 1,000 = 500: equity 9,400, 6 %
   * under the peak of 10,000: one DRAWDOWN_BREACH at −0.05 on the total window.
   */
  @Test
  void theMonitorsEventsAreListedWithTheirOwnFields() throws Exception {
    serve("", "10000");
    assertThat(service.seedDrawdownWindows()).isTrue();
    openLong("0.5", 5);

    JsonNode limit = get("/api/v1/risk/events?type=POSITION_LIMIT_EXCEEDED").get("events");
    assertThat(limit.size()).isEqualTo(1);
    assertThat(text(limit.get(0), "rule")).isEqualTo("max_position_pct");
    assertThat(text(limit.get(0), "subject")).isEqualTo("XBT");
    assertThat(text(limit.get(0), "limit")).isEqualTo("10");
    assertThat(text(limit.get(0), "value")).isEqualTo("252.5253");
    assertThat(limit.get(0).has("window")).isFalse();

    clock.moveTo(T0.plusSeconds(300));
    market.price(XBTUSDT, clock.instant(), new BigDecimal("49000"));
    desk.tick();
    service.refresh();

    assertThat(text(get("/api/v1/risk"), "equity_base")).isEqualTo("9400.00000000");
    JsonNode breach = get("/api/v1/risk/events?type=drawdown_breach").get("events");
    assertThat(breach.size()).isEqualTo(1);
    assertThat(text(breach.get(0), "level")).isEqualTo("-0.05");
    assertThat(text(breach.get(0), "window")).isEqualTo("total");
    assertThat(text(breach.get(0), "peak_base")).isEqualTo("10000.00000000");
    assertThat(text(breach.get(0), "equity_base")).isEqualTo("9400.00000000");
    assertThat(breach.get(0).has("rule")).isFalse();
    JsonNode drawdown = get("/api/v1/risk").get("drawdown");
    assertThat(drawdown.get("breached_levels").valueStream().map(JsonNode::asString))
        .containsExactly("-0.05");
    // 1 − 9,400 / 10,000.
    assertThat(new BigDecimal(text(drawdown, "total"))).isEqualByComparingTo("0.06");
  }

  /**
   * 50 checks at once over HTTP, each reserving 0.1 ETH at 3,000 (300) at 5× under a position limit
   * of 100 % of 10,000: exactly floor(10,000 / 300) = 33 pass (9,900), never 34 (10,200); each
   * passed one holds until now + 30 s. Then 100 is left: at most 100 / 3,000 = 0.03333333 ETH.
   */
  @Test
  void fiftyConcurrentReservingChecksPassOnlyAsFarAsTheLimitAllows() throws Exception {
    serve(
        "risk: {max_position_pct: 100, max_portfolio_risk_pct: 10000, min_position_pct: 0}\n",
        "10000");
    List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      sent.add(
          http.sendAsync(
              request(
                  "POST",
                  "/api/v1/risk/check",
                  "{\"pair\": \"ETH/USDT\", \"side\": \"buy\", \"volume\": \"0.1\", \"price\":"
                      + " \"3000\", \"leverage\": 5, \"reserve\": true, \"client_order_id\":"
                      + " \"bot-"
                      + i
                      + "\"}"),
              HttpResponse.BodyHandlers.ofString()));
    }
    int passed = 0;
    Set<String> ids = new HashSet<>();
    for (CompletableFuture<HttpResponse<String>> response : sent) {
      JsonNode check = answer(response.get(), 200);
      ids.add(text(check, "check_id"));
      if (check.get("passed").asBoolean()) {
        passed++;
        assertThat(text(check, "reserved_until")).isEqualTo("2026-03-02T10:00:30Z");
      } else {
        assertThat(reasons(check)).containsExactly("max_position_pct 100 102.0000");
        assertThat(check.get("reserved_until").isNull()).isTrue();
      }
    }
    assertThat(passed).isEqualTo(33);
    assertThat(ids).hasSize(50);

    JsonNode after =
        post(
            "/api/v1/risk/check",
            "{\"pair\": \"ETH/USDT\", \"side\": \"buy\", \"volume\": \"0.1\", \"price\": \"3000\","
                + " \"leverage\": 5}");
    assertThat(reasons(after)).containsExactly("max_position_pct 100 102.0000");
    assertThat(text(after, "max_volume")).isEqualTo("0.03333333");
  }

  /** Kraken offers no margin in us_ca: a check or a size above 1× is a conflict, spot is not. */
  @Test
  void marginWhereKrakenOffersNoneIsAConflict() throws Exception {
    TallyConfig config =
        ConfigFile.parse(
            "portfolio: {base_currency: USDT}\nkraken: {region: us_ca}\n", "tally.yaml");
    service = new PortfolioService(config, store, Optional.empty(), clock, line -> {});
    service.load();
    service.initialize();
    server = TallyServer.start(service, "127.0.0.1", 0, clock);

    JsonNode check =
        answer(
            send(
                "POST",
                "/api/v1/risk/check",
                "{\"pair\": \"XBT/USDT\", \"side\": \"buy\", \"volume\": \"0.01\", \"leverage\":"
                    + " \"2\"}"),
            409);
    assertThat(text(check, "detail"))
        .isEqualTo(
            "A 2x order needs margin trading, which Kraken does not offer in region us_ca"
                + " (kraken.region)");
    answer(
        send(
            "POST",
            "/api/v1/risk/size",
            "{\"pair\": \"XBT/USDT\", \"side\": \"buy\", \"entry\": \"50000\", \"stop\":"
                + " \"48000\", \"risk_pct\": \"1\", \"leverage\": 3}"),
        409);
    answer(
        send(
            "POST",
            "/api/v1/risk/check",
            "{\"pair\": \"XBT/USDT\", \"side\": \"buy\", \"volume\": \"0.01\", \"price\":"
                + " \"50000\"}"),
        200);
  }

  /** A clock the test moves forward. */
  private static final class MovingClock extends Clock {

    private Instant now;

    MovingClock(Instant start) {
      this.now = start;
    }

    synchronized void moveTo(Instant at) {
      now = at;
    }

    @Override
    public synchronized Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
