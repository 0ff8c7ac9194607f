package io.tally.server;

import io.tally.engine.service.PortfolioService;
import io.tally.sim.KrakenSimulator;
import io.tally.sim.MarginOptions;
import io.tally.sim.SimulatedAccount;
import io.tally.store.PortfolioStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A whole Tally for a test: a {@link SyncedAccount} on a SQLite store in {@code directory} (first
 * sync done), one equity sample, and the HTTP server on port 0.
 */
final class ServedAccount implements AutoCloseable {

  final SimulatedAccount account;
  final KrakenSimulator simulator;
  final PortfolioStore store;
  final PortfolioService service;
  final TallyServer server;
  private final SyncedAccount synced;

  ServedAccount(Path directory, long seed, int days) {
    this(directory, seed, days, MarginOptions.off());
  }

  /** The same, the account trading on margin as {@code margin} says. */
  ServedAccount(Path directory, long seed, int days, MarginOptions margin) {
    synced =
        new SyncedAccount(directory, directory.resolve("tally.db").toString(), seed, days, margin);
    account = synced.account;
    simulator = synced.simulator;
    store = synced.store;
    service = synced.service;
    service.sampleEquity();
    server = TallyServer.start(service, "127.0.0.1", 0, Clock.systemUTC());
  }

  /** The server's address of {@code path}, such as {@code /api/v1/portfolio}. */
  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  @Override
  public void close() {
    server.close();
    synced.close();
  }
}
