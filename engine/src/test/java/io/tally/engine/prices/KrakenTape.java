package io.tally.engine.prices;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tally.kraken.api.KrakenClient;
import io.tally.kraken.api.RetrySettings;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Kraken's public {@code Trades} and {@code OHLC} on loopback, answering in the recorded shape
 * (kraken-api.md §2.4; the docs' example for Trades: {@code [price, volume, time, side, type, misc,
 * trade_id]} and a nanosecond {@code last}) from a tape of trades and candles a test writes. Pages
 * hold at most 1000 trades after {@code since}, like Kraken's. Every request is recorded. Not the
 * simulator: a tape can be as sparse as a test needs. Thread-safe.
 */
final class KrakenTape implements AutoCloseable {

  /** One request: the method and its query parameters. */
  record Request(String method, Map<String, String> parameters) {}

  private final HttpServer server;
  private final Map<String, TreeMap<Instant, BigDecimal>> trades = new LinkedHashMap<>();
  private final Map<String, List<String>> candles = new LinkedHashMap<>();
  private final List<Request> requests = new ArrayList<>();

  KrakenTape() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/0/public/", this::serve);
    server.start();
  }

  /** A client of this tape: public calls unpaced (a loopback server has no per-IP limit). */
  KrakenClient client() {
    return KrakenClient.builder()
        .baseUrl("http://127.0.0.1:" + server.getAddress().getPort())
        .pacePublicCalls(false)
        .retry(new RetrySettings(2, Duration.ofMillis(1), 2, Duration.ofMillis(2), 0))
        .build();
  }

  /** A trade of {@code pair} (a key) at {@code time} and {@code price}. */
  synchronized KrakenTape trade(String pair, Instant time, String price) {
    trades.computeIfAbsent(pair, p -> new TreeMap<>()).put(time, new BigDecimal(price));
    return this;
  }

  /** An OHLC candle of {@code pair} starting at {@code time} whose close is {@code close}. */
  synchronized KrakenTape candle(String pair, Instant time, String close) {
    candles
        .computeIfAbsent(pair, p -> new ArrayList<>())
        .add(
            String.format(
                "[%d,\"%s\",\"%s\",\"%s\",\"%s\",\"%s\",\"1.00000000\",1]",
                time.getEpochSecond(), close, close, close, close, close));
    return this;
  }

  synchronized List<Request> requests(String method) {
    return requests.stream().filter(r -> r.method().equals(method)).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = path.substring(path.lastIndexOf('/') + 1);
      Map<String, String> parameters = new LinkedHashMap<>();
      String query = exchange.getRequestURI().getRawQuery();
      if (query != null) {
        for (String pair : query.split("&")) {
          int equals = pair.indexOf('=');
          parameters.put(
              URLDecoder.decode(pair.substring(0, equals), UTF_8),
              URLDecoder.decode(pair.substring(equals + 1), UTF_8));
        }
      }
      String body;
      synchronized (this) {
        requests.add(new Request(method, Map.copyOf(parameters)));
        body =
            switch (method) {
              case "Trades" -> trades(parameters);
              case "OHLC" -> ohlc(parameters);
              default -> "{\"error\":[\"EGeneral:Unknown method\"]}";
            };
      }
      byte[] bytes = body.getBytes(UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private String trades(Map<String, String> parameters) {
    String pair = parameters.get("pair");
    TreeMap<Instant, BigDecimal> tape = trades.get(pair);
    if (tape == null) {
      return "{\"error\":[\"EQuery:Unknown asset pair\"]}";
    }
    BigDecimal sinceNanos = new BigDecimal(parameters.getOrDefault("since", "0"));
    Instant since =
        Instant.ofEpochSecond(0, 0)
            .plusSeconds(sinceNanos.movePointLeft(9).longValue())
            .plusNanos(sinceNanos.remainder(BigDecimal.valueOf(1_000_000_000L)).longValue());
    int count = Integer.parseInt(parameters.getOrDefault("count", "1000"));
    StringBuilder rows = new StringBuilder();
    String last = sinceNanos.toPlainString();
    int n = 0;
    for (Map.Entry<Instant, BigDecimal> trade : tape.tailMap(since, false).entrySet()) {
      if (n == count) {
        break;
      }
      Instant time = trade.getKey();
      BigDecimal seconds =
          BigDecimal.valueOf(time.getEpochSecond(), 0).add(BigDecimal.valueOf(time.getNano(), 9));
      rows.append(n == 0 ? "" : ",")
          .append(
              String.format(
                  "[\"%s\",\"0.10000000\",%s,\"b\",\"l\",\"\",%d]",
                  trade.getValue().toPlainString(), seconds.toPlainString(), 1000 + n));
      last = seconds.movePointRight(9).toBigInteger().toString();
      n++;
    }
    return "{\"error\":[],\"result\":{\"" + pair + "\":[" + rows + "],\"last\":\"" + last + "\"}}";
  }

  private String ohlc(Map<String, String> parameters) {
    String pair = parameters.get("pair");
    List<String> rows = candles.getOrDefault(pair, List.of());
    return "{\"error\":[],\"result\":{\""
        + pair
        + "\":["
        + String.join(",", rows)
        + "],\"last\":0}}";
  }
}
