package io.tally.engine.risk;

import static java.util.Objects.requireNonNull;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.tally.engine.service.RiskEventJson;
import io.tally.risk.RiskEvent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts each risk event to {@code risk.webhook_url} as the JSON {@code GET /risk/events} lists,
 * from its own thread (the service's writer never waits for it), retried with exponential backoff
 * (1 s, 2 s, 4 s; 4 attempts) on a connection error or a 5xx answer. An event that still fails is
 * logged and dropped: the event is stored and listed either way.
 *
 * <p>Example: {@code service.onRiskEvent(new RiskWebhook(URI.create("http://127.0.0.1:9000/hook"),
 * Duration.ofSeconds(1)))}. Thread-safe.
 */
final class RiskWebhook implements Consumer<RiskEvent>, AutoCloseable {

  private static final System.Logger LOG = System.getLogger(RiskWebhook.class.getName());
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int ATTEMPTS = 4;

  private final URI url;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Retry retry;
  private final ExecutorService sender =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "tally-risk-webhook");
            thread.setDaemon(true);
            return thread;
          });

  /** A webhook posting to {@code url}, waiting {@code firstBackoff} before the first retry. */
  RiskWebhook(URI url, Duration firstBackoff) {
    this.url = requireNonNull(url, "url");
    this.retry =
        Retry.of(
            "risk-webhook",
            RetryConfig.custom()
                .maxAttempts(ATTEMPTS)
                .intervalFunction(IntervalFunction.ofExponentialBackoff(firstBackoff, 2))
                .retryExceptions(IOException.class, ServerError.class)
                .build());
  }

  /** The answer was a 5xx: worth trying again. */
  private static final class ServerError extends RuntimeException {
    ServerError(int status) {
      super("answered " + status);
    }
  }

  @Override
  public void accept(RiskEvent event) {
    String body = JSON.writeValueAsString(RiskEventJson.tree(event));
    sender.execute(() -> post(event, body));
  }

  private void post(RiskEvent event, String body) {
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      int status =
          Retry.decorateCheckedSupplier(
                  retry,
                  () -> {
                    int code =
                        http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    if (code >= 500) {
                      throw new ServerError(code);
                    }
                    return code;
                  })
              .get();
      if (status >= 300) {
        LOG.log(
            System.Logger.Level.WARNING,
            "risk webhook refused " + event.type() + " of " + event.at() + ": HTTP " + status);
      }
    } catch (Throwable e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      LOG.log(
          System.Logger.Level.WARNING,
          "risk webhook: "
              + event.type()
              + " of "
              + event.at()
              + " not delivered after "
              + ATTEMPTS
              + " attempts: "
              + e.getMessage());
    }
  }

  /** Stops after the posts already queued, waiting up to 5 s for them. */
  @Override
  public void close() {
    sender.shutdown();
    try {
      sender.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
