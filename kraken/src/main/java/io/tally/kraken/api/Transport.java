package io.tally.kraken.api;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.tally.kraken.KrakenException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Sends one call to Kraken and returns its {@code result}, retrying what §4.2 of kraken-api.md
 * calls retryable. Public calls are {@code GET /0/public/<Method>?query}; private calls are {@code
 * POST /0/private/<Method>} with the form body {@code nonce=...&...}, signed, and counted against
 * the {@link CallCounter}. Public calls keep to their own pace when one is given ({@link
 * CallCounter#forPublicCalls}), which slows down further after {@code EGeneral:Too many requests}.
 * Nonce generation and the HTTP send happen under one lock per API key, so nonces reach Kraken in
 * increasing order.
 *
 * <p>Example: {@code transport.privateCall("Ledgers", Map.of("ofs", "50"))} sends {@code
 * nonce=1756935121565366&ofs=50}. Thread-safe.
 */
final class Transport {

  /** The {@code User-Agent} of every request (Kraken requires one). */
  static final String USER_AGENT = "tally/0.1";

  private static final Logger log = LoggerFactory.getLogger(Transport.class);

  /** One lock per API key in this process, whichever client uses the key. */
  private static final ConcurrentMap<String, ReentrantLock> KEY_LOCKS = new ConcurrentHashMap<>();

  private final String baseUrl;
  private final Optional<KrakenCredentials> credentials;
  private final Optional<RequestSigner> signer;
  private final NonceSource nonces;
  private final CallCounter counter;
  private final Optional<CallCounter> publicPace;
  private final HttpClient http;
  private final Duration requestTimeout;
  private final Retry retry;
  private final int maxAttempts;

  Transport(
      URI baseUrl,
      Optional<KrakenCredentials> credentials,
      NonceSource nonces,
      CallCounter counter,
      Optional<CallCounter> publicPace,
      Duration connectTimeout,
      Duration requestTimeout,
      RetrySettings retrySettings) {
    String base = requireNonNull(baseUrl, "baseUrl").toString();
    this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.credentials = requireNonNull(credentials, "credentials");
    this.signer = credentials.map(RequestSigner::new);
    this.nonces = requireNonNull(nonces, "nonces");
    this.counter = requireNonNull(counter, "counter");
    this.publicPace = requireNonNull(publicPace, "publicPace");
    this.requestTimeout = requireNonNull(requestTimeout, "requestTimeout");
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(requireNonNull(connectTimeout, "connectTimeout"))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.maxAttempts = retrySettings.maxAttempts();
    this.retry = Retry.of("kraken", retryConfig(retrySettings));
    this.retry
        .getEventPublisher()
        .onRetry(
            event ->
                log.info(
                    "Kraken call failed (attempt {}), retrying in {} ms: {}",
                    event.getNumberOfRetryAttempts(),
                    event.getWaitInterval().toMillis(),
                    event.getLastThrowable() == null
                        ? "?"
                        : event.getLastThrowable().getMessage()));
  }

  /** Whether private calls can be made. */
  boolean hasCredentials() {
    return credentials.isPresent();
  }

  /**
   * The result of {@code GET /0/public/<method>?<parameters>}, after the public pace allows it,
   * retried where it helps; {@code EGeneral:Too many requests} also slows the pace down.
   */
  JsonNode publicCall(String method, Map<String, String> parameters) {
    String query = parameters.isEmpty() ? "" : "?" + form(parameters);
    URI uri = URI.create(baseUrl + "/0/public/" + method + query);
    return withRetry(
        method,
        () -> {
          publicPace.ifPresent(pace -> pace.acquire(1));
          HttpRequest request =
              HttpRequest.newBuilder(uri)
                  .timeout(requestTimeout)
                  .header("User-Agent", USER_AGENT)
                  .GET()
                  .build();
          HttpResponse<String> response = send(method, request);
          try {
            return Envelope.result(method, response.statusCode(), response.body());
          } catch (KrakenException e) {
            if (Recovery.tooManyRequests(e.errors())) {
              publicPace.ifPresent(CallCounter::penalize);
            }
            throw e;
          }
        });
  }

  /**
   * The result of a signed {@code POST /0/private/<method>}, after the call counter allows it,
   * retried where it helps: {@code EAPI:Invalid nonce} once with a fresh nonce, {@code EAPI:Rate
   * limit exceeded} after the counter decayed, never a lockout or a credentials problem.
   *
   * @throws KrakenException without credentials, and for every failure that is not retried or kept
   *     happening
   */
  JsonNode privateCall(String method, Map<String, String> parameters) {
    KrakenCredentials keys =
        credentials.orElseThrow(
            () ->
                KrakenException.badConfiguration(
                    "Kraken "
                        + method
                        + " is a private call and needs an API key: set "
                        + KrakenCredentials.KEY_VARIABLE
                        + " and "
                        + KrakenCredentials.SECRET_VARIABLE));
    RequestSigner requestSigner = signer.orElseThrow();
    ReentrantLock keyLock = KEY_LOCKS.computeIfAbsent(keys.apiKey(), key -> new ReentrantLock());
    int cost = CallCounter.cost(method);
    AtomicInteger nonceRejections = new AtomicInteger();
    String path = "/0/private/" + method;
    URI uri = URI.create(baseUrl + path);
    return withRetry(
        method,
        () -> {
          counter.acquire(cost);
          HttpResponse<String> response;
          keyLock.lock();
          try {
            String nonce = Long.toString(nonces.next());
            String body =
                parameters.isEmpty() ? "nonce=" + nonce : "nonce=" + nonce + "&" + form(parameters);
            HttpRequest request =
                HttpRequest.newBuilder(uri)
                    .timeout(requestTimeout)
                    .header("User-Agent", USER_AGENT)
                    .header("API-Key", keys.apiKey())
                    .header("API-Sign", requestSigner.sign(path, nonce, body))
                    .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(body, UTF_8))
                    .build();
            response = send(method, request);
          } finally {
            keyLock.unlock();
          }
          try {
            return Envelope.result(method, response.statusCode(), response.body());
          } catch (KrakenException e) {
            throw afterPrivateFailure(method, e, nonceRejections);
          }
        });
  }

  /** Updates the counter model after Kraken's answer and decides a second invalid nonce. */
  private KrakenException afterPrivateFailure(
      String method, KrakenException failure, AtomicInteger nonceRejections) {
    if (failure.errors().isEmpty()) {
      return failure;
    }
    Recovery recovery = Recovery.of(failure.errors());
    if (recovery == Recovery.WAIT_FOR_DECAY) {
      counter.penalize();
    }
    if (recovery == Recovery.FRESH_NONCE && nonceRejections.incrementAndGet() > 1) {
      return KrakenException.api(
          method,
          failure.errors(),
          "rejected again with a fresh nonce; " + recovery.advice() + "; not retried",
          false);
    }
    return failure;
  }

  private HttpResponse<String> send(String method, HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(UTF_8));
    } catch (HttpConnectTimeoutException e) {
      throw KrakenException.transport(method, "could not connect in time", true, e);
    } catch (HttpTimeoutException e) {
      throw KrakenException.transport(
          method, "no answer within " + requestTimeout.toMillis() + " ms", true, e);
    } catch (IOException e) {
      throw KrakenException.transport(method, "connection failed: " + e, true, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw KrakenException.interrupted(method, e);
    }
  }

  private <T> T withRetry(String method, Supplier<T> attempt) {
    try {
      return Retry.decorateSupplier(retry, attempt).get();
    } catch (KrakenException e) {
      if (e.isRetryable()) {
        throw KrakenException.gaveUp(method, maxAttempts, e);
      }
      throw e;
    }
  }

  private static RetryConfig retryConfig(RetrySettings settings) {
    IntervalFunction backoff =
        settings.jitter() == 0
            ? IntervalFunction.ofExponentialBackoff(
                settings.initialBackoff(), settings.multiplier(), settings.maxBackoff())
            : IntervalFunction.ofExponentialRandomBackoff(
                settings.initialBackoff(),
                settings.multiplier(),
                settings.jitter(),
                settings.maxBackoff());
    return RetryConfig.custom()
        .maxAttempts(settings.maxAttempts())
        .intervalFunction(backoff)
        .retryOnException(e -> e instanceof KrakenException k && k.isRetryable())
        .failAfterMaxAttempts(false)
        .build();
  }

  /** {@code k=v&k=v}, url-encoded (spaces as {@code +}, commas as {@code %2C}), in map order. */
  static String form(Map<String, String> parameters) {
    StringJoiner joiner = new StringJoiner("&");
    parameters.forEach(
        (name, value) ->
            joiner.add(URLEncoder.encode(name, UTF_8) + "=" + URLEncoder.encode(value, UTF_8)));
    return joiner.toString();
  }
}
