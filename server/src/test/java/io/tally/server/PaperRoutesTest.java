package io.tally.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.engine.config.PaperAccountConfig;
import io.tally.engine.config.TallyConfig;
import io.tally.engine.paper.KrakenMarket;
import io.tally.engine.paper.PaperDesk;
import io.tally.engine.service.PortfolioService;
import io.tally.kraken.api.CallCounter;
import io.tally.kraken.api.KrakenClient;
import io.tally.money.Asset;
import io.tally.sim.AccountGenerator;
import io.tally.sim.KrakenSimulator;
import io.tally.sim.MarginOptions;
import io.tally.sim.SimulatedAccount;
import io.tally.sim.SimulatorOptions;
import io.tally.store.PortfolioStore;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /api/v1/paper/orders} on a real server of a paper account whose orders fill on a real
 * simulator's prices: an order placed is answered 201 and shows in the account's books, listed, and
 * canceled; bad bodies are 400 naming the field and bodies over the limit 413, nothing placed; a
 * live account's server answers 404.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaperRoutesTest {

  private static final String ORDERS = "/api/v1/paper/orders";

  @TempDir static Path directory;

  private final HttpClient http = HttpClient.newHttpClient();
  private final JsonMapper json = JsonMapper.builder().build();
  private KrakenSimulator simulator;
  private PortfolioStore store;
  private PortfolioService service;
  private TallyServer server;
  private TallyServer live;

  @BeforeAll
  void start() {
    SimulatedAccount simulated =
        AccountGenerator.generate(3, 1, Clock.systemUTC().instant(), MarginOptions.off());
    simulator = KrakenSimulator.start(simulated, 0, SimulatorOptions.defaults().withoutRateLimit());
    Clock clock = Clock.systemUTC();
    store = PortfolioStore.open(directory.resolve("paper.db").toString(), Map.of());
    TallyConfig config = TallyConfig.defaults();
    service = new PortfolioService(config, store, Optional.empty(), clock, line -> {});
    service.load();
    KrakenClient client =
        KrakenClient.builder()
            .baseUrl(simulator.baseUrl())
            .tier(CallCounter.Tier.PRO)
            .pacePublicCalls(false)
            .build();
    PaperDesk desk =
        PaperDesk.open(
            PaperAccountConfig.defaults("bot").withCurrency(Asset.USD).terms(config.margin()),
            store,
            service,
            new KrakenMarket(client, clock),
            clock,
            line -> {});
    service.initialize();
    server = TallyServer.start(service, Optional.of(desk), "127.0.0.1", 0, clock);
    live = TallyServer.start(service, "127.0.0.1", 0, clock);
  }

  @AfterAll
  void stop() {
    live.close();
    server.close();
    store.close();
    simulator.close();
  }

  private HttpResponse<String> send(TallyServer to, String method, String path, String body)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + to.port() + path))
            .header("content-type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode answer(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return json.readTree(response.body());
  }

  @Test
  void anOrderPlacedIsAnsweredListedAndInTheAccountsBooks() throws Exception {
    JsonNode order =
        answer(
            send(
                server,
                "POST",
                "/api/v1/paper/orders",
                "{\"pair\": \"XBT/USD\", \"side\": \"sell\", \"volume\": \"0.02\", \"leverage\": 2,"
                    + " \"client_order_id\": \"c-1\", \"strategy\": \"mean_rev\"}"),
            201);

    assertThat(order.get("status").asString()).isEqualTo("filled");
    assertThat(order.get("type").asString()).isEqualTo("market");
    assertThat(order.get("pair").asString()).isEqualTo("XBTUSD");
    assertThat(order.get("client_order_id").asString()).isEqualTo("c-1");
    assertThat(new BigDecimal(order.get("filled_volume").asString())).isEqualByComparingTo("0.02");
    String id = order.get("id").asString();
    JsonNode listed = answer(send(server, "GET", "/api/v1/paper/orders", ""), 200);
    assertThat(listed.get("orders").valueStream().map(row -> row.get("id").asString()))
        .contains(id);
    // The books of the paper account: a 2× short of 0.02 XBT at the order's price.
    JsonNode margin = answer(send(server, "GET", "/api/v1/portfolio/margin", ""), 200);
    JsonNode position =
        margin
            .get("positions")
            .valueStream()
            .filter(row -> row.get("pair").asString().equals("XBTUSD"))
            .findFirst()
            .orElseThrow();
    assertThat(new BigDecimal(position.get("size").asString())).isNegative();
    JsonNode lifecycle =
        answer(send(server, "GET", "/api/v1/portfolio/trades/lifecycle?pair=XBTUSD", ""), 200);
    assertThat(lifecycle.toString())
        .contains("\"side\":\"short\"", "\"status\":\"OPEN\"", "\"pair\":\"XBTUSD\"");
  }

  @Test
  void aRestingLimitIsCanceledByItsIdAndAnUnknownIdIsNotFound() throws Exception {
    JsonNode order =
        answer(
            send(
                server,
                "POST",
                "/api/v1/paper/orders",
                "{\"pair\": \"ETHUSD\", \"side\": \"buy\", \"type\": \"limit\", \"volume\": 0.5,"
                    + " \"price\": \"10\"}"),
            201);
    assertThat(order.get("status").asString()).isEqualTo("open");
    String id = order.get("id").asString();

    JsonNode canceled = answer(send(server, "DELETE", "/api/v1/paper/orders/" + id, ""), 200);

    assertThat(canceled.get("status").asString()).isEqualTo("canceled");
    assertThat(new BigDecimal(canceled.get("filled_volume").asString())).isZero();
    JsonNode missing = answer(send(server, "DELETE", "/api/v1/paper/orders/bot-O999", ""), 404);
    assertThat(missing.get("detail").asString()).contains("bot-O999");
  }

  @Test
  void aBadBodyIsABadRequestNamingTheFieldAndPlacesNothing() throws Exception {
    int before = answer(send(server, "GET", "/api/v1/paper/orders", ""), 200).get("orders").size();
    Map<String, String> bodies =
        Map.of(
            "{\"pair\": \"XBT/USD\", \"side\": \"buy\", \"volume\": \"0\"}", "volume",
            "{\"pair\": \"XBT/USD\", \"side\": \"hold\", \"volume\": \"1\"}", "side",
            "{\"side\": \"buy\", \"volume\": \"1\"}", "pair",
            "{\"pair\": \"XBT/USD\", \"side\": \"buy\", \"volume\": \"1\", \"type\": \"limit\"}",
                "price",
            "{\"pair\": \"XBT/USD\", \"side\": \"buy\", \"volume\": \"1\", \"leverage\": 500}",
                "leverage",
            "{\"pair\": \"XBT/EUR\", \"side\": \"buy\", \"volume\": \"1\"}", "pair",
            "{\"pair\": \"XBT/USD\", \"side\": \"buy\", \"volume\": \"1\", \"size\": 2}", "size",
            "not json", "body");
    for (Map.Entry<String, String> bad : bodies.entrySet()) {
      JsonNode problem = answer(send(server, "POST", "/api/v1/paper/orders", bad.getKey()), 400);
      assertThat(problem.get("detail").asString())
          .as(bad.getKey())
          .startsWith("parameter '" + bad.getValue() + "' ");
    }
    int after = answer(send(server, "GET", "/api/v1/paper/orders", ""), 200).get("orders").size();
    assertThat(after).isEqualTo(before);
  }

  /**
   * The status the paper server answers a request with a JSON body of {@code length} bytes
   * declared, to its head alone (over a socket of its own, as HttpClient sends the body at once).
   */
  private int statusOfHeadOnly(String method, String path, int length) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      String head =
          method
              + " "
              + path
              + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
              + "Content-Length: "
              + length
              + "\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      BufferedReader answer =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      // "HTTP/1.1 413 Payload Too Large": the status is the second word.
      return Integer.parseInt(answer.readLine().split(" ")[1]);
    }
  }

  @Test
  void aBodyIsReadWithOrWithoutItsLengthAndOneOverTheLimitIs413PlacingNothing() throws Exception {
    int before = answer(send(server, "GET", "/api/v1/paper/orders", ""), 200).get("orders").size();
    String order = "{\"pair\": \"XBT/USD\", \"side\": \"buy\", \"volume\": \"0.001\"}";
    // Sent from a stream, the body has no length: the server reads it to its end.
    HttpResponse<String> chunked =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + ORDERS))
                .header("content-type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(order.getBytes(StandardCharsets.UTF_8))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer(chunked, 201).get("status").asString()).isEqualTo("filled");
    // One byte over the limit: refused on its declared length, before the body is read. Only the
    // head is sent: a body sent at once races the server's close after its 413, and a loaded
    // machine could lose the answer.
    assertThat(statusOfHeadOnly("POST", ORDERS, RequestBody.MAX_BYTES + 1)).isEqualTo(413);
    // At the limit exactly, the same order is read and placed.
    String atLimit = order + " ".repeat(RequestBody.MAX_BYTES - order.length());
    assertThat(answer(send(server, "POST", ORDERS, atLimit), 201).get("status").asString())
        .isEqualTo("filled");
    int after = answer(send(server, "GET", ORDERS, ""), 200).get("orders").size();
    assertThat(after).isEqualTo(before + 2);
  }

  @Test
  void aLiveAccountsServerHasNoPaperOrders() throws Exception {
    JsonNode problem =
        answer(
            send(
                live, "POST", "/api/v1/paper/orders", "{\"pair\": \"XBT/USD\", \"side\": \"buy\"}"),
            404);

    assertThat(problem.get("detail").asString()).contains("tally paper");
    answer(send(live, "GET", "/api/v1/paper/orders", ""), 404);
  }
}
