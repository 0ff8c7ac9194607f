package io.tally.sim;

import static java.util.Objects.requireNonNull;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Kraken REST API on loopback, serving one {@link SimulatedAccount} with Kraken's wire protocol
 * (kraken-api.md §1–§4): public {@code GET} (or form {@code POST}) {@code
 * /0/public/{Time,SystemStatus,Assets,AssetPairs,Ticker,OHLC,Trades}} and private form {@code POST}
 * {@code /0/private/{Balance,BalanceEx,TradeBalance,OpenOrders,ClosedOrders,QueryOrders,
 * TradesHistory,QueryTrades,Ledgers,QueryLedgers,AddOrder,CancelOrder}}. Every answer is HTTP 200
 * with {@code {"error":[…],"result":…}} unless a {@link Faults fault} says otherwise. Private calls
 * are checked in Kraken's order: {@code API-Key} ({@code EAPI:Invalid key}), {@code API-Sign} over
 * the exact body ({@code EAPI:Invalid signature}), the call counter ({@code EAPI:Rate limit
 * exceeded}), a nonce above the last accepted ({@code EAPI:Invalid nonce}), then the parameters
 * ({@code EGeneral:Invalid arguments}).
 *
 * <p>Example:
 *
 * <pre>{@code
 * try (KrakenSimulator kraken = KrakenSimulator.start(
 *     AccountGenerator.generate(42, 30, Instant.now()), 0, SimulatorOptions.defaults())) {
 *   URI api = kraken.baseUrl();  // http://127.0.0.1:PORT
 *   System.out.println(kraken.summary());
 * }
 * }</pre>
 *
 * Thread-safe.
 */
public final class KrakenSimulator implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(KrakenSimulator.class);
  private static final String HOST = "127.0.0.1";

  private final java.util.concurrent.ConcurrentMap<String, Integer> errorsAnswered =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.concurrent.ConcurrentMap<String, Integer> callsReceived =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final SimulatedAccount account;
  private final SimulatorOptions options;
  private final Faults faults;
  private final JsonMapper json = JsonMapper.builder().build();
  private final PublicMethods publicMethods;
  private final PrivateMethods privateMethods;
  private final CallCounter counter;
  private final Object nonceLock = new Object();
  private long lastNonce;
  private Javalin app;
  private URI baseUrl;

  private KrakenSimulator(SimulatedAccount account, SimulatorOptions options) {
    this.account = requireNonNull(account, "account");
    this.options = requireNonNull(options, "options");
    this.faults = new Faults(account.listing());
    this.publicMethods = new PublicMethods(account, json);
    this.privateMethods = new PrivateMethods(account, json, faults);
    this.counter = new CallCounter(options.tier(), options.clock());
  }

  /** Starts a simulator for {@code account} on 127.0.0.1:{@code port} ({@code 0}: a free port). */
  public static KrakenSimulator start(
      SimulatedAccount account, int port, SimulatorOptions options) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("Not a port: " + port);
    }
    KrakenSimulator simulator = new KrakenSimulator(account, options);
    simulator.listen(port);
    return simulator;
  }

  private void listen(int port) {
    app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              config.jetty.host = HOST;
              config.jetty.port = port;
              config.routes.get("/0/public/{method}", ctx -> handle(ctx, false));
              config.routes.post("/0/public/{method}", ctx -> handle(ctx, false));
              config.routes.post("/0/private/{method}", ctx -> handle(ctx, true));
              config.routes.get("/0/private/{method}", ctx -> handle(ctx, true));
              config.routes.exception(Exception.class, this::failed);
            });
    app.start();
    baseUrl = URI.create("http://" + HOST + ":" + app.port());
    log.info("Kraken simulator listening on {}", baseUrl);
  }

  /**
   * The base URL to use instead of {@code https://api.kraken.com}, such as {@code
   * http://127.0.0.1:41234}.
   */
  public URI baseUrl() {
    return baseUrl;
  }

  /** How many times each Kraken error string was answered so far (benchmarks count rate limits). */
  public Map<String, Integer> errorsAnswered() {
    return Map.copyOf(errorsAnswered);
  }

  /** How many calls of each known method arrived so far, such as {@code Trades}. */
  public Map<String, Integer> callsReceived() {
    return Map.copyOf(callsReceived);
  }

  /** The account the simulator serves. */
  public SimulatedAccount account() {
    return account;
  }

  /** The faults to inject into its next responses. */
  public Faults faults() {
    return faults;
  }

  /** Its options, including the API key and secret it accepts. */
  public SimulatorOptions options() {
    return options;
  }

  /** Where it listens, its API key (never the secret) and the size of the account's history. */
  public SimulatorSummary summary() {
    return new SimulatorSummary(
        baseUrl,
        options.apiKey(),
        account.ledger().size(),
        account.trades().size(),
        account.orders().size(),
        account.start(),
        account.now());
  }

  /** Stops serving. */
  @Override
  public void close() {
    if (app != null) {
      app.stop();
      log.info("Kraken simulator on {} stopped", baseUrl);
    }
  }

  private void handle(Context ctx, boolean isPrivate) {
    String method = ctx.pathParam("method");
    boolean known =
        isPrivate ? PrivateMethods.COSTS.containsKey(method) : PublicMethods.NAMES.contains(method);
    if (!known) {
      reply(ctx, envelope(List.of("EGeneral:Unknown method"), Optional.empty()));
      return;
    }
    callsReceived.merge(method, 1, Integer::sum);
    Optional<Fault> fault = faults.next(method);
    if (fault.isPresent() && answeredByFault(ctx, fault.get())) {
      return;
    }
    Params params;
    if (isPrivate) {
      if (!HandlerType.POST.equals(ctx.method())) {
        throw new ApiException("EAPI:Bad request", "private methods take a POST");
      }
      params = Params.parse(ctx.body());
      authenticate(ctx, "/0/private/" + method, ctx.body(), params, method);
    } else {
      String query = ctx.queryString();
      params =
          Params.parse(
              HandlerType.POST.equals(ctx.method()) ? ctx.body() : query == null ? "" : query);
    }
    int pageLimit =
        fault.filter(f -> f.kind() == Fault.Kind.SHORT_PAGE).map(Fault::rows).orElse(Pages.SIZE);
    Optional<ObjectNode> result =
        isPrivate
            ? privateMethods.call(method, params, pageLimit)
            : Optional.of(publicMethods.call(method, params));
    Fault.Kind kind = fault.map(Fault::kind).orElse(Fault.Kind.DELAY);
    String text =
        envelope(List.of(), kind == Fault.Kind.WITHOUT_RESULT ? Optional.empty() : result);
    if (kind == Fault.Kind.MALFORMED_JSON) {
      text = text.substring(0, text.length() / 2);
    }
    reply(ctx, text);
    if (kind == Fault.Kind.NEW_ROWS_AFTER) {
      account.advance(fault.get().step());
    }
  }

  /** Applies a fault that comes before processing; whether it already answered the request. */
  private boolean answeredByFault(Context ctx, Fault fault) {
    switch (fault.kind()) {
      case HTTP_ERROR -> {
        ctx.status(fault.status())
            .contentType("text/html; charset=UTF-8")
            .result(errorPage(fault.status()));
        return true;
      }
      case SERVICE_UNAVAILABLE -> {
        reply(ctx, envelope(List.of("EService:Unavailable"), Optional.empty()));
        return true;
      }
      case SERVICE_BUSY -> {
        reply(ctx, envelope(List.of("EService:Busy"), Optional.empty()));
        return true;
      }
      case DELAY -> {
        try {
          Thread.sleep(fault.delay().toMillis());
          return false;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return true;
        }
      }
      default -> {
        return false;
      }
    }
  }

  private void authenticate(Context ctx, String path, String body, Params params, String method) {
    String key = ctx.header("API-Key");
    if (key == null
        || !MessageDigest.isEqual(
            key.getBytes(StandardCharsets.UTF_8),
            options.apiKey().getBytes(StandardCharsets.UTF_8))) {
      throw new ApiException("EAPI:Invalid key", "API-Key does not match");
    }
    String nonceText = params.get("nonce").orElse("");
    long nonce;
    try {
      nonce = Long.parseUnsignedLong(nonceText);
    } catch (NumberFormatException e) {
      throw new ApiException("EAPI:Invalid nonce", "not an unsigned 64-bit integer");
    }
    String signature = ctx.header("API-Sign");
    if (signature == null
        || !KrakenSignature.verify(path, nonceText, body, options.apiSecret(), signature)) {
      throw new ApiException("EAPI:Invalid signature", "API-Sign does not verify");
    }
    synchronized (nonceLock) {
      if (options.rateLimited() && !counter.tryCharge(PrivateMethods.COSTS.get(method))) {
        throw new ApiException("EAPI:Rate limit exceeded", method);
      }
      if (Long.compareUnsigned(nonce, lastNonce) <= 0) {
        throw new ApiException("EAPI:Invalid nonce", "not above the last accepted nonce");
      }
      lastNonce = nonce;
    }
  }

  private void failed(Exception exception, Context ctx) {
    String error;
    if (exception instanceof ApiException refused) {
      error = refused.error();
    } else if (exception instanceof OrderRejectedException rejected) {
      error = rejected.error();
    } else {
      log.warn("Simulator failed on {}", ctx.path(), exception);
      error = "EGeneral:Internal error";
    }
    log.debug("{} answered {}", ctx.path(), error);
    errorsAnswered.merge(error, 1, Integer::sum);
    reply(ctx, envelope(List.of(error), Optional.empty()));
  }

  private String envelope(List<String> errors, Optional<ObjectNode> result) {
    ObjectNode body = json.createObjectNode();
    ArrayNode array = body.putArray("error");
    errors.forEach(array::add);
    result.ifPresent(node -> body.set("result", node));
    return json.writeValueAsString(body);
  }

  private static void reply(Context ctx, String text) {
    ctx.status(200).contentType("application/json").result(text);
  }

  private static String errorPage(int status) {
    String title =
        switch (status) {
          case 520 -> "520: Web server is returning an unknown error";
          case 525 -> "525: SSL handshake failed";
          case 502 -> "502: Bad gateway";
          case 503 -> "503: Service temporarily unavailable";
          case 504 -> "504: Gateway time-out";
          default -> status + ": Internal server error";
        };
    return "<!DOCTYPE html>\n<html lang=\"en-US\"><head><title>api.kraken.com | "
        + title
        + "</title></head><body><h1>Error "
        + status
        + "</h1><p>"
        + title
        + "</p><p>Ray ID: simulated</p></body></html>\n";
  }
}
