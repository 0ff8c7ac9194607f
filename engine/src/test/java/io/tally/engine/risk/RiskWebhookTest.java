package io.tally.engine.risk;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.tally.risk.DrawdownScope;
import io.tally.risk.LadderEvent;
import io.tally.risk.RiskEvent;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The risk webhook against a real HTTP server on loopback (the JDK's): each event is POSTed as its
 * JSON, and an answer of 503 is retried until it is taken.
 */
class RiskWebhookTest {

  private HttpServer server;
  private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
  private final List<String> contentTypes = new CopyOnWriteArrayList<>();
  private final AtomicInteger refusals = new AtomicInteger();
  private final AtomicInteger calls = new AtomicInteger();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/hook",
        exchange -> {
          calls.incrementAndGet();
          String body;
          try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          }
          int status = refusals.getAndDecrement() > 0 ? 503 : 204;
          if (status == 204) {
            contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
            received.add(body);
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private URI hook() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
  }

  private static RiskEvent breach() {
    return RiskEvent.ofLadder(
        Instant.parse("2026-12-04T01:00:00Z"),
        new LadderEvent(
            true,
            DrawdownScope.TOTAL,
            new BigDecimal("-0.05"),
            new BigDecimal("100000"),
            new BigDecimal("-0.06")),
        new BigDecimal("94000"));
  }

  @Test
  void eachEventIsPostedAsItsJson() throws Exception {
    try (RiskWebhook webhook = new RiskWebhook(hook(), Duration.ofMillis(10))) {
      webhook.accept(breach());
      String body = received.poll(10, TimeUnit.SECONDS);
      assertThat(body)
          .contains("\"type\":\"DRAWDOWN_BREACH\"")
          .contains("\"level\":\"-0.05\"")
          .contains("\"window\":\"total\"")
          .contains("\"peak_base\":\"100000");
      assertThat(contentTypes).containsExactly("application/json");
    }
  }

  /** Two 503s, then taken: three calls, one delivery. */
  @Test
  void aServerErrorIsRetriedUntilTheEventIsTaken() throws Exception {
    refusals.set(2);
    try (RiskWebhook webhook = new RiskWebhook(hook(), Duration.ofMillis(10))) {
      webhook.accept(breach());
      assertThat(received.poll(10, TimeUnit.SECONDS)).contains("DRAWDOWN_BREACH");
    }
    assertThat(calls.get()).isEqualTo(3);
    assertThat(received).isEmpty();
  }

  /** Always refused: 4 attempts, then dropped (logged), and the webhook goes on with the next. */
  @Test
  void anEventRefusedFourTimesIsDroppedAndTheNextStillGoes() throws Exception {
    refusals.set(4);
    try (RiskWebhook webhook = new RiskWebhook(hook(), Duration.ofMillis(10))) {
      webhook.accept(breach());
      webhook.accept(breach());
      assertThat(received.poll(10, TimeUnit.SECONDS)).contains("DRAWDOWN_BREACH");
    }
    assertThat(calls.get()).isEqualTo(5);
  }
}
