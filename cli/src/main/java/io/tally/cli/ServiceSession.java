package io.tally.cli;

import io.tally.engine.StoredBooks;
import io.tally.engine.config.TallyConfig;
import io.tally.engine.service.PortfolioService;
import io.tally.kraken.api.KrakenClient;
import io.tally.store.PortfolioStore;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Optional;

/**
 * A command's use of the {@link PortfolioService}: the store opened, the service over it with
 * Kraken when a client is given, its progress lines on standard error, and the books loaded.
 * Closing it closes the store.
 *
 * <p>Example: {@code try (ServiceSession session = ServiceSession.open(...)) {
 * session.service().createSnapshot(); }}.
 */
final class ServiceSession implements AutoCloseable {

  private final PortfolioStore store;
  private final PortfolioService service;

  private ServiceSession(PortfolioStore store, PortfolioService service) {
    this.store = store;
    this.service = service;
  }

  /** Opens the existing store at {@code database} and loads its books. */
  static ServiceSession open(
      DatabaseOption database,
      Tally tally,
      TallyConfig config,
      Optional<KrakenClient> kraken,
      Clock clock,
      PrintWriter err) {
    requireDatabase(database);
    return create(database, tally, config, kraken, clock, err);
  }

  /**
   * Opens the store at {@code database}, creating a SQLite file if missing, and loads its books.
   */
  static ServiceSession create(
      DatabaseOption database,
      Tally tally,
      TallyConfig config,
      Optional<KrakenClient> kraken,
      Clock clock,
      PrintWriter err) {
    long started = System.nanoTime();
    PortfolioStore store = PortfolioStore.open(database.location(), tally.env());
    try {
      PortfolioService service =
          new PortfolioService(
              StoredBooks.withBaseCurrency(store, config),
              store,
              kraken,
              clock,
              line -> {
                err.printf("  %6.1f s  %s%n", (System.nanoTime() - started) / 1e9, line);
                err.flush();
              });
      service.load();
      return new ServiceSession(store, service);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /** A missing SQLite file would be created empty: say what to do instead. */
  static void requireDatabase(DatabaseOption database) {
    database
        .file()
        .filter(file -> !java.nio.file.Files.exists(file))
        .ifPresent(
            file -> {
              throw new IllegalArgumentException(
                  "no database at " + file + ": run 'tally import' or 'tally sync' first");
            });
  }

  PortfolioService service() {
    return service;
  }

  PortfolioStore store() {
    return store;
  }

  @Override
  public void close() {
    store.close();
  }
}
