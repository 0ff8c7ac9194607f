package io.tally.engine.service;

import static java.util.Objects.requireNonNull;

import io.tally.risk.RiskEvent;
import io.tally.store.PortfolioStore;
import io.tally.store.StoredRiskEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Where a raised {@link RiskEvent} goes, in this order: the store (schema 9, its JSON by {@link
 * RiskEventJson}), the log as one {@code RISK_EVENT ...} line at WARNING, the progress sink, and
 * every listener ({@link PortfolioService#onRiskEvent}). A store that fails to keep it is logged;
 * the event is still logged and emitted, since it is true either way.
 *
 * <p>Example: {@code sink.raise(RiskEvent.ofMargin(now, alert, summary))}. Listeners may be added
 * from any thread; {@code raise} runs under the writer's lock.
 */
final class RiskEventSink {

  private static final System.Logger LOG = System.getLogger(PortfolioService.class.getName());

  private final PortfolioStore store;
  private final Consumer<String> progress;
  private final List<Consumer<RiskEvent>> listeners = new CopyOnWriteArrayList<>();

  RiskEventSink(PortfolioStore store, Consumer<String> progress) {
    this.store = requireNonNull(store, "store");
    this.progress = requireNonNull(progress, "progress");
  }

  void listen(Consumer<RiskEvent> listener) {
    listeners.add(requireNonNull(listener, "listener"));
  }

  void raise(RiskEvent event) {
    try {
      store.saveRiskEvent(
          new StoredRiskEvent(event.at(), event.type().name(), RiskEventJson.write(event)));
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "could not store " + event.type() + " of " + event.at() + ": " + e.getMessage());
    }
    LOG.log(System.Logger.Level.WARNING, event.line());
    progress.accept(event.line());
    listeners.forEach(listener -> listener.accept(event));
  }
}
