package io.tally.server;

import static java.util.Objects.requireNonNull;

import io.javalin.http.sse.SseClient;
import io.tally.engine.service.ContractJson;
import io.tally.engine.service.PortfolioService;
import io.tally.engine.service.RiskEventJson;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/v1/events}: the service's events as server-sent events, to every client
 * connected. Each is one SSE event named by its kind, its data one line of JSON:
 *
 * <ul>
 *   <li>{@code risk_event}: a risk event, as {@code GET /risk/events} lists it;
 *   <li>{@code external_activity}: manual trades or external flows that moved the portfolio;
 *   <li>{@code drift}: the drift flag changed ({@code checked_at}, {@code drift_flag}, {@code
 *       reconciliation_status});
 *   <li>{@code sync}: a sync's result, as {@code POST /portfolio/sync} answers it.
 * </ul>
 *
 * A client gets the comment {@code : connected} once subscribed, and {@code : ping} every 15 s.
 * Events are sent from one thread of this stream, never from the service's writer, so a slow client
 * never holds a sync up; nothing is replayed to a client that connects later ({@code GET
 * /risk/events} lists what was stored).
 *
 * <p>Example: {@code event: risk_event} / {@code data: {"type":"MARGIN_CALL","at":...}}.
 * Thread-safe.
 */
final class EventStream implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final long PING_SECONDS = 15;

  private final Queue<SseClient> clients = new ConcurrentLinkedQueue<>();
  private final ScheduledExecutorService sender =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "tally-events");
            thread.setDaemon(true);
            return thread;
          });
  private volatile boolean closed;

  /** A stream of {@code service}'s events; it listens from now on. */
  EventStream(PortfolioService service) {
    requireNonNull(service, "service");
    service.onRiskEvent(event -> publish("risk_event", RiskEventJson.tree(event)));
    service.onExternalActivity(
        activity -> publish("external_activity", ContractJson.externalActivity(activity)));
    service.onDriftChange(change -> publish("drift", ContractJson.driftChange(change)));
    service.onSync(result -> publish("sync", ContractJson.syncResult(result)));
    sender.scheduleAtFixedRate(
        () -> each(client -> client.sendComment("ping")),
        PING_SECONDS,
        PING_SECONDS,
        TimeUnit.SECONDS);
  }

  /** Serves {@code client} until it disconnects or the stream closes. */
  void subscribe(SseClient client) {
    client.keepAlive();
    client.onClose(() -> clients.remove(client));
    clients.add(client);
    sender.execute(() -> client.sendComment("connected"));
  }

  /**
   * Queues {@code tree} for every client. Called on the service's writing thread: it never throws
   * (a stream closing meanwhile drops the event) and never waits for a client.
   */
  private void publish(String name, Map<String, Object> tree) {
    if (closed) {
      return;
    }
    try {
      String data = JSON.writeValueAsString(tree);
      sender.execute(() -> each(client -> client.sendEvent(name, data)));
    } catch (RejectedExecutionException e) {
      LOG.debug("the event stream closed before a {} event could be sent", name);
    }
  }

  private void each(Consumer<SseClient> send) {
    for (SseClient client : clients) {
      if (client.terminated()) {
        clients.remove(client);
        continue;
      }
      try {
        send.accept(client);
      } catch (RuntimeException e) {
        LOG.debug("dropping an event stream client: {}", e.getMessage());
        clients.remove(client);
      }
    }
  }

  /** Stops sending and closes every client. */
  @Override
  public void close() {
    closed = true;
    sender.shutdownNow();
    clients.forEach(SseClient::close);
    clients.clear();
  }
}
