package io.tally.server.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.engine.service.PortfolioService;
import io.tally.engine.service.TradeQuery;
import io.tally.server.TallyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The contract asked over HTTP: a real {@link TallyServer} on port 0 over the service, called with
 * {@code java.net.http}. Every answer must be {@code application/json}, or {@code
 * application/problem+json} when it is an error.
 *
 * <p>Example: {@code new HttpSubject(service).position("DOGEEUR").status()} is 404. Thread-safe.
 */
final class HttpSubject implements ContractSubject {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final TallyServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  HttpSubject(PortfolioService service) {
    this.server = TallyServer.start(service, "127.0.0.1", 0, Clock.systemUTC());
  }

  @Override
  public Answer equity() {
    return get("/portfolio");
  }

  @Override
  public Answer pnlSummary(String period, Optional<Boolean> includeManual) {
    List<String> query = new ArrayList<>();
    add(query, "period", Optional.of(period));
    add(query, "include_manual", includeManual);
    return get("/portfolio/pnl", query);
  }

  @Override
  public Answer positions() {
    return get("/portfolio/positions");
  }

  @Override
  public Answer position(String pair) {
    return get("/portfolio/positions/" + URLEncoder.encode(pair, StandardCharsets.UTF_8));
  }

  @Override
  public Answer assetExposure() {
    return get("/portfolio/allocation");
  }

  @Override
  public Answer openOrders() {
    return get("/portfolio/orders/open");
  }

  @Override
  public Answer tradeHistory(Optional<String> pair, int limit, Optional<Boolean> includeManual) {
    List<String> query = new ArrayList<>();
    add(query, "pair", pair);
    add(query, "limit", Optional.of(limit));
    add(query, "include_manual", includeManual);
    return get("/portfolio/trades", query);
  }

  @Override
  public Answer realizedPnlRecords(TradeQuery trades) {
    List<String> query = new ArrayList<>();
    add(query, "pair", trades.pair());
    add(query, "strategy", trades.strategy());
    add(query, "from", trades.from());
    add(query, "to", trades.to());
    add(query, "limit", Optional.of(trades.limit()));
    add(query, "include_manual", trades.includeManual());
    return get("/portfolio/pnl/records", query);
  }

  @Override
  public Answer feeSummary() {
    return get("/portfolio/fees");
  }

  @Override
  public Answer cashFlows(Optional<String> asset, int limit) {
    List<String> query = new ArrayList<>();
    add(query, "asset", asset);
    add(query, "limit", Optional.of(limit));
    return get("/portfolio/cash-flows", query);
  }

  @Override
  public Answer createSnapshot() {
    return post("/portfolio/snapshots");
  }

  @Override
  public Answer snapshots(Optional<Instant> since, int limit) {
    List<String> query = new ArrayList<>();
    add(query, "since", since);
    add(query, "limit", Optional.of(limit));
    return get("/portfolio/history", query);
  }

  @Override
  public Answer reconciliation() {
    return get("/portfolio/reconciliation");
  }

  @Override
  public Answer sync() {
    return post("/portfolio/sync");
  }

  private static void add(List<String> query, String name, Optional<?> value) {
    value.ifPresent(
        v -> query.add(name + "=" + URLEncoder.encode(v.toString(), StandardCharsets.UTF_8)));
  }

  private Answer get(String path) {
    return get(path, List.of());
  }

  private Answer get(String path, List<String> query) {
    return send(
        HttpRequest.newBuilder(uri(path + (query.isEmpty() ? "" : "?" + String.join("&", query))))
            .GET()
            .build());
  }

  private Answer post(String path) {
    return send(
        HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()).build());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + TallyServer.API + path);
  }

  private Answer send(HttpRequest request) {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(request.uri() + " interrupted", e);
    }
    String type = response.headers().firstValue("content-type").orElse("");
    assertThat(type)
        .as("%s %s: %s", request.method(), request.uri(), response.body())
        .startsWith(response.statusCode() < 300 ? "application/json" : "application/problem+json");
    return new Answer(response.statusCode(), JSON.readTree(response.body()));
  }

  @Override
  public void close() {
    server.close();
  }

  @Override
  public String toString() {
    return "the HTTP API";
  }
}
