package io.tally.sim;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A bare Kraken REST client for the tests: signs private calls itself (kraken-api.md §3.2) with an
 * increasing nonce, and returns the raw answer. Thread-safe.
 */
final class KrakenTestClient {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;
  private final String key;
  private final String secret;
  private final AtomicLong nonce = new AtomicLong(System.currentTimeMillis() * 1000);
  private Duration timeout = Duration.ofSeconds(20);

  /** One HTTP answer. */
  record Answer(int status, String body) {

    JsonNode json() {
      return JSON.readTree(body);
    }

    JsonNode result() {
      return json().get("result");
    }

    JsonNode errors() {
      return json().get("error");
    }

    String firstError() {
      JsonNode errors = errors();
      return errors.isEmpty() ? "" : errors.get(0).asString();
    }
  }

  KrakenTestClient(KrakenSimulator simulator) {
    this(simulator.baseUrl(), simulator.options().apiKey(), simulator.options().apiSecret());
  }

  KrakenTestClient(URI base, String key, String secret) {
    this.base = base;
    this.key = key;
    this.secret = secret;
  }

  KrakenTestClient withTimeout(Duration requestTimeout) {
    this.timeout = requestTimeout;
    return this;
  }

  long nextNonce() {
    return nonce.incrementAndGet();
  }

  /** A private call with a fresh nonce first, then {@code params} in order. */
  Answer call(String method, String... params) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("nonce", Long.toString(nextNonce()));
    for (int i = 0; i < params.length; i += 2) {
      body.put(params[i], params[i + 1]);
    }
    return post(method, encode(body));
  }

  /** A private call with this exact body, signed correctly. */
  Answer post(String method, String body) {
    String nonceText = Params.parse(body).get("nonce").orElse("");
    String path = "/0/private/" + method;
    return send(path, body, key, KrakenSignature.sign(path, nonceText, body, secret));
  }

  /** A private call with this exact body and these headers. */
  Answer send(String path, String body, String apiKey, String apiSign) {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(timeout)
            .header("User-Agent", "tally-sim-test")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("API-Key", apiKey)
            .header("API-Sign", apiSign)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return exchange(request);
  }

  /** A public GET with {@code params} in the query string. */
  Answer get(String method, String... params) {
    Map<String, String> query = new LinkedHashMap<>();
    for (int i = 0; i < params.length; i += 2) {
      query.put(params[i], params[i + 1]);
    }
    String encoded = encode(query);
    URI uri = base.resolve("/0/public/" + method + (encoded.isEmpty() ? "" : "?" + encoded));
    return exchange(
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("User-Agent", "tally-sim-test")
            .GET()
            .build());
  }

  /** A public form POST. */
  Answer postPublic(String method, String body) {
    return exchange(
        HttpRequest.newBuilder(base.resolve("/0/public/" + method))
            .timeout(timeout)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  static String encode(Map<String, String> params) {
    StringJoiner joined = new StringJoiner("&");
    params.forEach(
        (name, value) ->
            joined.add(
                URLEncoder.encode(name, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(value, StandardCharsets.UTF_8)));
    return joined.toString();
  }

  private Answer exchange(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
