package io.tally.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.sim.MarginOptions;
import io.tally.sim.OrderRequest;
import io.tally.sim.Side;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/v1/events} and {@code GET /api/v1/risk/events} over real HTTP: a real server on
 * port 0 over a simulated Kraken account that trades on margin (no margin bot, so only this test
 * opens positions), subscribed to with {@code java.net.http}. A deposit and a leveraged buy sized
 * from Tally's own equity, each followed by {@code POST /portfolio/sync}, must come down the stream
 * as {@code sync}, {@code external_activity} and {@code risk_event} events.
 */
class EventStreamTest {

  private static final int LEVERAGE = 5;

  @TempDir Path directory;

  private ServedAccount served;
  private final HttpClient http = HttpClient.newHttpClient();
  private final JsonMapper json = JsonMapper.builder().build();

  @BeforeEach
  void start() {
    served =
        new ServedAccount(
            directory,
            11,
            20,
            MarginOptions.on().withoutBot().withAllowance(new BigDecimal("5000000")));
  }

  @AfterEach
  void stop() {
    served.close();
  }

  @Test
  void syncsExternalActivityAndAMarginCallAreStreamedAndTheCallIsListed() throws Exception {
    Subscription stream = subscribe();
    // The risk layer may already have raised limit events on the generated account: margin alerts
    // are this test's subject.
    assertThat(marginAlerts(getJson("/api/v1/risk/events"))).isZero();
    assertThat(getJson("/api/v1/portfolio").has("margin_level"))
        .as("no margin position: no margin figures")
        .isFalse();

    // A deposit of half the equity moves the portfolio by far more than the threshold, dated a
    // minute past the wall clock: the drift baseline is the wall-clock time of the first sync, and
    // the account's own clock starts at the minute the account was generated, so a setup that
    // crossed a minute boundary would leave a deposit one minute on at or before the baseline.
    served.account.advance(
        Duration.between(served.account.now(), Instant.now()).plus(Duration.ofMinutes(1)));
    BigDecimal equity = new BigDecimal(getJson("/api/v1/portfolio").get("equity_base").asString());
    served.account.deposit("ZUSD", equity.divide(new BigDecimal("2"), 2, RoundingMode.DOWN));
    assertThat(post("/api/v1/portfolio/sync").statusCode()).isEqualTo(200);
    Event sync = stream.next("sync");
    assertThat(sync.data().get("cash_flows_added").asInt()).isPositive();
    Event activity = stream.next("external_activity");
    assertThat(activity.data().get("kind").asString()).isEqualTo("transfer");
    assertThat(new BigDecimal(activity.data().get("change_pct").asString())).isPositive();

    // A 5× long of XBT whose margin is Tally's equity ÷ 1.75: margin used = volume × price ÷ 5,
    // so volume = equity ÷ 1.75 × 5 ÷ price, and the level (equity ÷ margin used × 100) is about
    // 175 %, less the taker fee: a margin call (150 <= level < 200).
    equity = new BigDecimal(getJson("/api/v1/portfolio").get("equity_base").asString());
    BigDecimal price = served.account.price("XXBTZUSD");
    BigDecimal volume =
        equity
            .multiply(BigDecimal.valueOf(LEVERAGE))
            .multiply(new BigDecimal("100"))
            .divide(new BigDecimal("175").multiply(price), 4, RoundingMode.DOWN);
    served.account.submit(OrderRequest.market("XXBTZUSD", Side.BUY, volume).withLeverage(LEVERAGE));
    assertThat(post("/api/v1/portfolio/sync").statusCode()).isEqualTo(200);

    Event risk = stream.next("risk_event");
    while (!risk.data().get("type").asString().startsWith("MARGIN_")) {
      risk = stream.next("risk_event");
    }
    JsonNode margin = getJson("/api/v1/portfolio/margin");
    JsonNode portfolio = getJson("/api/v1/portfolio");
    BigDecimal level = new BigDecimal(risk.data().get("level").asString());
    assertThat(risk.data().get("type").asString()).isEqualTo("MARGIN_CALL");
    assertThat(level)
        .isGreaterThanOrEqualTo(new BigDecimal("150"))
        .isLessThan(new BigDecimal("200"));
    // The event's level (4 decimals) is the level the API reports (shown at 2).
    assertThat(level.setScale(2, RoundingMode.HALF_EVEN).toPlainString())
        .isEqualTo(margin.get("margin_level").asString())
        .isEqualTo(portfolio.get("margin_level").asString());
    assertThat(risk.data().get("equity_base").asString())
        .isEqualTo(portfolio.get("equity_base").asString());
    assertThat(portfolio.get("margin_used_base").asString())
        .isEqualTo(margin.get("margin_used_base").asString());
    assertThat(portfolio.get("free_margin_base").asString())
        .isEqualTo(margin.get("free_margin_base").asString());
    assertThat(risk.data().get("positions").get(0).get("pair").asString()).isEqualTo("XBTUSD");
    assertThat(risk.data().get("positions").get(0).get("size").asString())
        .isEqualTo(volume.toPlainString());
    assertThat(risk.data().get("suggested_action").isNull()).isTrue();

    JsonNode listed = getJson("/api/v1/risk/events?type=margin_call");
    assertThat(listed.get("events").size()).isEqualTo(1);
    assertThat(listed.get("events").get(0)).isEqualTo(risk.data());
    assertThat(getJson("/api/v1/risk/events?type=MARGIN_RESTORED").get("events").size()).isZero();
    assertThat(
            marginAlerts(getJson("/api/v1/risk/events?since=" + risk.data().get("at").asString())))
        .isEqualTo(1);
    stream.close();
  }

  @Test
  void driftFoundAndGoneAreStreamedOnceEach() throws Exception {
    Subscription stream = subscribe();

    // Kraken reports 0.01 XBT more than its own ledger: the sync's reconciliation finds drift.
    served.simulator.faults().balanceDiscrepancy("XXBT", new BigDecimal("0.01"));
    assertThat(post("/api/v1/portfolio/sync").statusCode()).isEqualTo(200);
    Event found = stream.next("drift");
    assertThat(found.data().get("drift_flag").asBoolean()).isTrue();
    assertThat(found.data().get("reconciliation_status").asString()).isEqualTo("drift");
    assertThat(found.data().get("checked_at").asString())
        .isEqualTo(getJson("/api/v1/portfolio/reconciliation").get("checked_at").asString());
    assertThat(stream.next("sync").data().get("drift_detected").asBoolean()).isTrue();

    // Still drift: the flag did not change, so no drift event; then cleared: one more.
    assertThat(post("/api/v1/portfolio/sync").statusCode()).isEqualTo(200);
    stream.next("sync");
    served.simulator.faults().clearBalanceDiscrepancies();
    assertThat(post("/api/v1/portfolio/sync").statusCode()).isEqualTo(200);
    Event gone = stream.next("drift");
    assertThat(gone.data().get("drift_flag").asBoolean()).isFalse();
    assertThat(gone.data().get("reconciliation_status").asString()).isEqualTo("ok");
    assertThat(stream.next("sync").data().get("drift_detected").asBoolean()).isFalse();
    stream.close();
  }

  @Test
  void aBadTypeIsA400ProblemNamingTheParameterAndTheTypes() throws Exception {
    HttpResponse<String> response = get("/api/v1/risk/events?type=MARGIN");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("content-type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(json.readTree(response.body()).get("detail").asString())
        .contains("'type'")
        .contains("MARGIN_CALL, LIQUIDATION_RISK, MARGIN_CRITICAL, MARGIN_RESTORED")
        .contains("got 'MARGIN'");
  }

  /** How many of the listed events are margin alerts. */
  private static long marginAlerts(JsonNode listed) {
    long count = 0;
    for (JsonNode event : listed.get("events")) {
      if (event.get("type").asString().startsWith("MARGIN_")) {
        count++;
      }
    }
    return count;
  }

  /** One server-sent event: its name and its data as JSON. */
  private record Event(String name, JsonNode data) {}

  /** A subscription to {@code /api/v1/events}: its lines, read as they come. */
  private final class Subscription implements AutoCloseable {

    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<Event> pending = new ArrayList<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;

    Subscription() throws InterruptedException {
      response =
          http.sendAsync(
              HttpRequest.newBuilder(served.uri("/api/v1/events"))
                  .header("Accept", "text/event-stream")
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofLines());
      response.thenAccept(
          answer -> {
            assertThat(answer.headers().firstValue("content-type").orElse(""))
                .startsWith("text/event-stream");
            answer.body().forEach(lines::add);
          });
      // Subscribed once the server says so: events caused from now on are sent to it.
      assertThat(lines.poll(10, TimeUnit.SECONDS)).matches(": ?connected");
    }

    /**
     * The first event named {@code name} not taken yet, in the order they came (events of other
     * names stay for later); waits up to 15 s.
     */
    Event next(String name) throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      String event = null;
      while (true) {
        for (Event received : pending) {
          if (received.name().equals(name)) {
            pending.remove(received);
            return received;
          }
        }
        String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (line == null) {
          throw new AssertionError("no " + name + " event within 15 s; got " + pending);
        }
        if (line.startsWith("event:")) {
          event = line.substring("event:".length()).strip();
        } else if (line.startsWith("data:") && event != null) {
          pending.add(new Event(event, json.readTree(line.substring("data:".length()).strip())));
          event = null;
        }
      }
    }

    @Override
    public void close() {
      response.thenAccept(answer -> answer.body().close());
      response.cancel(true);
    }
  }

  private Subscription subscribe() throws InterruptedException {
    return new Subscription();
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(served.uri(path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(served.uri(path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode getJson(String path) throws IOException, InterruptedException {
    HttpResponse<String> response = get(path);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }
}
