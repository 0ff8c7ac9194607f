package io.tally.server;

import static java.util.Objects.requireNonNull;

import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.tally.engine.paper.PaperDesk;
import io.tally.engine.paper.PaperOrderNotFoundException;
import io.tally.engine.performance.PerformanceQuery;
import io.tally.engine.risk.CorrelationGroups;
import io.tally.engine.risk.RiskService;
import io.tally.engine.service.ContractAnswers;
import io.tally.engine.service.EquitySummary;
import io.tally.engine.service.PnlPeriod;
import io.tally.engine.service.PortfolioService;
import io.tally.engine.service.PositionNotFoundException;
import io.tally.engine.service.TradeQuery;
import io.tally.series.EquityRange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tally over HTTP: the JSON API under {@code /api/v1} (the contract's snake_case names, amounts as
 * decimal strings, errors as {@code application/problem+json}), {@code /health}, {@code /metrics}
 * (Prometheus), the OpenAPI description at {@code /api/v1/openapi.json}, and the dashboard at
 * {@code /}. Every answer reads the service's last consistent view, so requests never wait for a
 * sync; only {@code POST /api/v1/portfolio/sync} and {@code POST /api/v1/portfolio/snapshots}
 * write. The answers themselves are assembled by {@link ContractAnswers}, the one place the command
 * line and the contract tests take them from too: this class parses parameters, calls it, and
 * writes JSON or a problem.
 *
 * <p>Example:
 *
 * <pre>{@code
 * try (TallyServer server = TallyServer.start(service, "127.0.0.1", 8080, Clock.systemUTC())) {
 *   System.out.println("open " + server.uri());
 * }
 * }</pre>
 *
 * Thread-safe.
 */
public final class TallyServer implements AutoCloseable {

  /** The API's path prefix. */
  public static final String API = "/api/v1";

  /** The page size of list endpoints when no {@code limit} is given. */
  static final int DEFAULT_LIMIT = 100;

  private static final Logger LOG = LoggerFactory.getLogger(TallyServer.class);

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The request attribute set once a problem document is the answer. */
  private static final String PROBLEM = "tally.problem";

  private final PortfolioService service;
  private final ContractAnswers answers;
  private final Clock clock;
  private final ServerMetrics metrics;
  private final String openApi;
  private final PaperRoutes paper;
  private final EventStream events;
  private final RiskService risk;
  private final RiskRoutes riskRoutes;
  private final ReportRoutes reports;
  private Javalin app;

  private TallyServer(
      PortfolioService service, Optional<PaperDesk> desk, RiskService risk, Clock clock) {
    this.service = service;
    this.paper = new PaperRoutes(desk);
    this.risk = risk;
    this.riskRoutes =
        new RiskRoutes(
            risk, service.config().portfolio().baseCurrency(), service.config().kraken().region());
    this.answers = new ContractAnswers(service);
    this.reports = new ReportRoutes(service, answers, clock);
    this.clock = clock;
    this.metrics = new ServerMetrics(service);
    this.openApi = resource("/openapi.json");
    this.events = new EventStream(service);
  }

  /**
   * Serves {@code service} (initialized) on {@code host}:{@code port}; port 0 takes any free one.
   */
  public static TallyServer start(PortfolioService service, String host, int port, Clock clock) {
    return start(service, Optional.empty(), host, port, clock);
  }

  /**
   * Serves a paper account: {@code service} keeps its books (initialized), {@code desk} takes its
   * orders ({@code /api/v1/paper/orders}); without a desk, a live account's server. Its risk layer
   * knows no Kraken order rules and no correlations: the commands pass their own ({@link
   * #start(PortfolioService, Optional, RiskService, String, int, Clock)}).
   */
  public static TallyServer start(
      PortfolioService service, Optional<PaperDesk> desk, String host, int port, Clock clock) {
    requireNonNull(service, "service");
    RiskService risk =
        new RiskService(
            service,
            service.config().risk(),
            pair -> Optional.empty(),
            CorrelationGroups.NONE,
            clock);
    risk.start();
    return start(service, desk, risk, host, port, clock);
  }

  /**
   * Serves {@code service}'s account with {@code risk} (started) as its risk layer ({@code
   * /api/v1/risk}), and {@code desk}'s paper orders when it is a paper account. Closing the server
   * closes the risk service.
   */
  public static TallyServer start(
      PortfolioService service,
      Optional<PaperDesk> desk,
      RiskService risk,
      String host,
      int port,
      Clock clock) {
    requireNonNull(service, "service");
    requireNonNull(desk, "desk");
    requireNonNull(risk, "risk");
    requireNonNull(host, "host");
    requireNonNull(clock, "clock");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("Not a port: " + port);
    }
    TallyServer server = new TallyServer(service, desk, risk, clock);
    server.listen(host, port);
    return server;
  }

  /** The port the server listens on. */
  public int port() {
    return app.port();
  }

  /** The dashboard's address, such as {@code http://127.0.0.1:8080/}. */
  public URI uri(String host) {
    return URI.create("http://" + host + ":" + port() + "/");
  }

  /** The routes served, as {@code METHOD path}: what the OpenAPI document must describe. */
  static List<String> routes() {
    return List.of(
        "GET /health",
        "GET /metrics",
        "GET " + API + "/openapi.json",
        "GET " + API + "/portfolio",
        "GET " + API + "/portfolio/value",
        "GET " + API + "/portfolio/allocation",
        "GET " + API + "/portfolio/positions",
        "GET " + API + "/portfolio/positions/{pair}",
        "GET " + API + "/portfolio/pnl",
        "GET " + API + "/portfolio/pnl/records",
        "GET " + API + "/portfolio/trades",
        "GET " + API + "/portfolio/trades/lifecycle",
        "GET " + API + "/portfolio/margin",
        "POST " + API + "/portfolio/withdrawal-check",
        "GET " + API + "/portfolio/fees",
        "GET " + API + "/portfolio/performance",
        "GET " + API + "/portfolio/metrics",
        "GET " + API + "/portfolio/reports/{type}",
        "GET " + API + "/portfolio/cash-flows",
        "GET " + API + "/portfolio/history",
        "POST " + API + "/portfolio/snapshots",
        "GET " + API + "/portfolio/equity",
        "GET " + API + "/portfolio/reconciliation",
        "GET " + API + "/portfolio/data-issues",
        "GET " + API + "/portfolio/orders/open",
        "POST " + API + "/portfolio/sync",
        "GET " + API + "/paper/orders",
        "POST " + API + "/paper/orders",
        "DELETE " + API + "/paper/orders/{id}",
        "GET " + API + "/risk",
        "POST " + API + "/risk/check",
        "POST " + API + "/risk/size",
        "POST " + API + "/risk/state",
        "GET " + API + "/risk/events",
        "GET " + API + "/events");
  }

  private void listen(String host, int port) {
    app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              config.jetty.host = host;
              config.jetty.port = port;
              config.staticFiles.add(
                  files -> {
                    files.hostedPath = "/";
                    files.directory = "/dashboard";
                    files.location = Location.CLASSPATH;
                    files.headers = Map.of("Cache-Control", "no-cache");
                  });
              config.routes.get("/health", ctx -> json(ctx, health()));
              config.routes.get(
                  "/metrics",
                  ctx ->
                      ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                          .result(metrics.scrape()));
              config.routes.get(
                  API + "/openapi.json",
                  ctx -> ctx.contentType("application/json").result(openApi));
              get(
                  config.routes,
                  "/portfolio",
                  ctx ->
                      Parameters.date(ctx, "as_of")
                          .map(day -> asOf(answers, day))
                          .orElseGet(answers::portfolio));
              get(config.routes, "/portfolio/value", ctx -> answers.value());
              get(config.routes, "/portfolio/allocation", ctx -> answers.allocation());
              get(config.routes, "/portfolio/positions", ctx -> answers.positions());
              config.routes.get(
                  // <pair>, not {pair}: "BTC/USD" unencoded is a pair, and an unknown one is a
                  // 404 naming it, not "no such endpoint".
                  API + "/portfolio/positions/<pair>",
                  timed(ctx -> json(ctx, answers.position(ctx.pathParam("pair")))));
              get(
                  config.routes,
                  "/portfolio/pnl",
                  ctx -> answers.pnl(period(ctx), Parameters.bool(ctx, "include_manual")));
              get(config.routes, "/portfolio/pnl/records", ctx -> answers.records(tradeQuery(ctx)));
              get(
                  config.routes,
                  "/portfolio/trades",
                  ctx ->
                      answers.trades(
                          Parameters.text(ctx, "pair"),
                          Parameters.limit(ctx, DEFAULT_LIMIT),
                          Parameters.bool(ctx, "include_manual")));
              get(
                  config.routes,
                  "/portfolio/trades/lifecycle",
                  ctx ->
                      answers.lifecycles(
                          Parameters.text(ctx, "pair"), Parameters.tradeStatus(ctx, "status")));
              get(config.routes, "/portfolio/margin", ctx -> answers.margin());
              config.routes.post(
                  API + "/portfolio/withdrawal-check",
                  timed(
                      ctx -> {
                        WithdrawalRequest request = WithdrawalRequest.of(RequestBody.text(ctx));
                        Map<String, Object> answer;
                        try {
                          answer = answers.withdrawalCheck(request.asset(), request.amount());
                        } catch (IllegalArgumentException e) {
                          throw new BadRequestException("asset", e.getMessage());
                        }
                        json(ctx, answer);
                      }));
              get(config.routes, "/portfolio/fees", ctx -> answers.fees());
              get(
                  config.routes,
                  "/portfolio/performance",
                  ctx -> performance(answers, performanceQuery(ctx), true));
              get(
                  config.routes,
                  "/portfolio/metrics",
                  ctx -> performance(answers, PerformanceQuery.whole(), false));
              get(
                  config.routes,
                  "/portfolio/cash-flows",
                  ctx ->
                      answers.cashFlows(
                          Parameters.asset(ctx, "asset"), Parameters.limit(ctx, DEFAULT_LIMIT)));
              get(
                  config.routes,
                  "/portfolio/history",
                  ctx ->
                      answers.snapshots(
                          Parameters.instant(ctx, "since"), Parameters.limit(ctx, DEFAULT_LIMIT)));
              config.routes.post(
                  API + "/portfolio/snapshots",
                  timed(
                      ctx -> {
                        // 201: a snapshot is a new stored resource, answered as history lists it.
                        Map<String, Object> snapshot = answers.createSnapshot();
                        json(ctx.status(HttpStatus.CREATED), snapshot);
                      }));
              get(config.routes, "/portfolio/equity", ctx -> answers.equitySeries(range(ctx)));
              get(config.routes, "/portfolio/reconciliation", ctx -> answers.reconciliation());
              get(config.routes, "/portfolio/data-issues", ctx -> answers.dataIssues());
              get(config.routes, "/portfolio/orders/open", ctx -> answers.openOrders());
              config.routes.post(API + "/portfolio/sync", timed(ctx -> json(ctx, answers.sync())));
              config.routes.post(API + "/paper/orders", timed(paper::place));
              config.routes.get(API + "/paper/orders", timed(paper::list));
              config.routes.delete(API + "/paper/orders/{id}", timed(paper::cancel));
              get(
                  config.routes,
                  "/risk/events",
                  ctx ->
                      answers.riskEvents(
                          Parameters.instant(ctx, "since"),
                          Parameters.riskEventType(ctx, "type"),
                          Parameters.limit(ctx, DEFAULT_LIMIT)));
              config.routes.get(API + "/portfolio/reports/{type}", timed(reports::report));
              config.routes.get(API + "/risk", timed(riskRoutes::status));
              config.routes.post(API + "/risk/check", timed(riskRoutes::check));
              config.routes.post(API + "/risk/size", timed(riskRoutes::size));
              config.routes.post(API + "/risk/state", timed(riskRoutes::state));
              config.routes.sse(API + "/events", events::subscribe);
              config.routes.exception(BadRequestException.class, this::badRequest);
              config.routes.exception(
                  PaperOrderNotFoundException.class,
                  (e, ctx) -> problem(ctx, HttpStatus.NOT_FOUND, "Not Found", e.getMessage()));
              config.routes.exception(
                  PaperRoutes.NoPaperAccountException.class,
                  (e, ctx) -> problem(ctx, HttpStatus.NOT_FOUND, "Not Found", e.getMessage()));
              config.routes.exception(PositionNotFoundException.class, this::notFound);
              config.routes.exception(Exception.class, this::failed);
              config.routes.error(
                  404,
                  "*",
                  ctx -> {
                    // Javalin runs this after the exception mappers too: a 404 problem already
                    // written (an unknown pair) keeps its own detail.
                    boolean answered = ctx.attribute(PROBLEM) != null;
                    if (!answered && (ctx.path().startsWith(API) || ctx.path().equals("/health"))) {
                      problem(
                          ctx,
                          HttpStatus.NOT_FOUND,
                          "Not Found",
                          "no such endpoint: " + ctx.path());
                    }
                  });
            });
    app.start();
  }

  private void get(RoutesConfig routes, String path, Function<Context, Object> answer) {
    routes.get(API + path, timed(ctx -> json(ctx, answer.apply(ctx))));
  }

  private Handler timed(Handler handler) {
    return ctx -> {
      long started = System.nanoTime();
      try {
        handler.handle(ctx);
      } finally {
        metrics.request(
            ctx.endpoint() == null ? ctx.path() : ctx.endpoint().path, System.nanoTime() - started);
      }
    };
  }

  private static PnlPeriod period(Context ctx) {
    String text = Parameters.text(ctx, "period").orElse("all");
    try {
      return PnlPeriod.parse(text);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(
          "period", "must be all, 24h, 7d, 30d or ytd, got '" + text + "'");
    }
  }

  /**
   * The realized PnL records' filters: {@code pair}, {@code strategy}, {@code from}, {@code to}.
   */
  private static TradeQuery tradeQuery(Context ctx) {
    Optional<Instant> from = Parameters.instant(ctx, "from");
    Optional<Instant> to = Parameters.instant(ctx, "to");
    if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
      throw new BadRequestException("from", "must not be after to (" + to.get() + ")");
    }
    TradeQuery query = TradeQuery.newest(Parameters.limit(ctx, DEFAULT_LIMIT)).between(from, to);
    query = Parameters.text(ctx, "pair").map(query::pair).orElse(query);
    query = Parameters.text(ctx, "strategy").map(query::strategy).orElse(query);
    return Parameters.bool(ctx, "include_manual").map(query::includeManual).orElse(query);
  }

  /** {@code GET /portfolio?as_of=}: a day after today is the caller's to fix (400). */
  private static Map<String, Object> asOf(ContractAnswers answers, LocalDate day) {
    try {
      return answers.portfolio(day);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("as_of", e.getMessage());
    }
  }

  /** The performance parameters: {@code from}, {@code to} (dates) and {@code benchmark}. */
  private static PerformanceQuery performanceQuery(Context ctx) {
    try {
      return new PerformanceQuery(
          Parameters.date(ctx, "from"),
          Parameters.date(ctx, "to"),
          Parameters.asset(ctx, "benchmark"));
    } catch (PerformanceQuery.OutOfRange e) {
      throw new BadRequestException(e.bound(), e.reason());
    }
  }

  /** The performance answer; a range the history cannot answer is the caller's to fix (400). */
  private static Map<String, Object> performance(
      ContractAnswers answers, PerformanceQuery query, boolean daily) {
    try {
      return answers.performance(query, daily);
    } catch (PerformanceQuery.OutOfRange e) {
      throw new BadRequestException(e.bound(), e.reason());
    }
  }

  private static EquityRange range(Context ctx) {
    String text = Parameters.text(ctx, "range").orElse("24h");
    try {
      return EquityRange.parse(text);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("range", "must be 24h, 7d, 30d or all, got '" + text + "'");
    }
  }

  private Map<String, Object> health() {
    Map<String, Object> doc = new LinkedHashMap<>();
    String store = "ok";
    EquitySummary equity;
    try {
      equity = service.getEquity();
    } catch (RuntimeException e) {
      store = "unavailable: " + e.getMessage();
      equity = null;
    }
    boolean syncFailed = service.lastSyncError().isPresent();
    boolean degraded = equity == null || syncFailed || equity.stale();
    doc.put("status", degraded ? "degraded" : "ok");
    doc.put("store", store);
    doc.put("last_sync_at", service.lastSyncAt().map(Object::toString).orElse(null));
    doc.put("last_sync_error", service.lastSyncError().orElse(null));
    Optional<Instant> oldest = equity == null ? Optional.empty() : equity.oldestPriceAt();
    doc.put("oldest_price_at", oldest.map(Object::toString).orElse(null));
    doc.put(
        "price_age_seconds",
        oldest.map(at -> Duration.between(at, clock.instant()).toSeconds()).orElse(null));
    doc.put("stale", equity != null && equity.stale());
    return doc;
  }

  private void badRequest(BadRequestException e, Context ctx) {
    problem(ctx, HttpStatus.BAD_REQUEST, "Bad Request", e.getMessage());
  }

  private void notFound(PositionNotFoundException e, Context ctx) {
    problem(ctx, HttpStatus.NOT_FOUND, "Not Found", e.getMessage());
  }

  private void failed(Exception e, Context ctx) {
    metrics.error();
    if (e instanceof IllegalStateException) {
      // A write the service refuses (no Kraken client to sync with, say): the caller's to fix.
      problem(ctx, HttpStatus.CONFLICT, "Conflict", e.getMessage());
      return;
    }
    LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
    problem(
        ctx,
        HttpStatus.INTERNAL_SERVER_ERROR,
        "Internal Server Error",
        e.getClass().getSimpleName() + ": " + e.getMessage());
  }

  /** An RFC 9457 problem document. */
  static void problem(Context ctx, HttpStatus status, String title, String detail) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("type", "about:blank");
    doc.put("title", title);
    doc.put("status", status.getCode());
    doc.put("detail", detail);
    doc.put("instance", ctx.path());
    ctx.attribute(PROBLEM, detail);
    ctx.status(status).contentType("application/problem+json").result(JSON.writeValueAsString(doc));
  }

  static void json(Context ctx, Object tree) {
    byte[] body = JSON.writeValueAsBytes(tree);
    ctx.header("Cache-Control", "no-store").contentType("application/json");
    // Written to the response (through Javalin's stream, which compresses large bodies) at once: a
    // result would be copied to it through a new buffer per request, a seventh of a paper order's
    // allocation (docs/BENCHMARKS.md §20).
    try {
      ctx.outputStream().write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String resource(String name) {
    try (InputStream in = TallyServer.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("Missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops serving; requests in flight finish first. */
  @Override
  public void close() {
    events.close();
    risk.close();
    if (app != null) {
      app.stop();
    }
    metrics.close();
  }
}
