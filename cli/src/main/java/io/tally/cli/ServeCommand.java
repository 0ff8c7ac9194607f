package io.tally.cli;

import io.tally.engine.StoredBooks;
import io.tally.engine.config.TallyConfig;
import io.tally.engine.service.PortfolioService;
import io.tally.kraken.api.KrakenClient;
import io.tally.server.TallyServer;
import io.tally.store.PortfolioStore;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tally serve [--config FILE] [--db PATH|URL] [--host 127.0.0.1] [--port 8080] [--kraken-url
 * URL]}: runs the PortfolioService with its schedules (sync every {@code sync.interval} when {@code
 * KRAKEN_API_KEY}/{@code KRAKEN_API_SECRET} are set, reconciliation, the equity series, retention)
 * and serves the HTTP API, {@code /health}, {@code /metrics} and the dashboard. It binds to
 * loopback unless {@code --host} says otherwise. Without keys it serves the stored books (from
 * imports) and syncs nothing.
 *
 * <p>Example: {@code KRAKEN_API_KEY=... KRAKEN_API_SECRET=... tally serve --db books.db} then open
 * {@code http://127.0.0.1:8080/}.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Serve the books over HTTP (API and dashboard), syncing on a schedule.")
final class ServeCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @ParentCommand Tally tally;

  @Mixin DatabaseOption database;

  @Mixin ConfigOption configuration;

  @Mixin KrakenOption kraken;

  @Option(
      names = "--host",
      paramLabel = "HOST",
      description = "address to bind (default: ${DEFAULT-VALUE}, loopback only)",
      defaultValue = "127.0.0.1")
  String host;

  @Option(
      names = "--port",
      paramLabel = "N",
      description = "port, 0 for any free one (default: ${DEFAULT-VALUE})",
      defaultValue = "8080")
  int port;

  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() throws InterruptedException {
    TallyConfig config = kraken.apply(configuration.load());
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<KrakenClient> client = kraken.client(config, tally.env(), database.nonceFile(), clock);
    RunningService running = new RunningService();
    PortfolioStore store = PortfolioStore.open(database.location(), tally.env());
    try {
      running.add(store);
      PortfolioService service =
          new PortfolioService(
              StoredBooks.withBaseCurrency(store, config),
              store,
              client,
              clock,
              line -> {
                err.println("  " + line);
                err.flush();
              });
      service.onExternalActivity(activity -> err.println("tally: " + activity.message()));
      service.initialize();
      running.schedule(service, client.isPresent(), err);
      TallyServer server = running.serve(service, Optional.empty(), store, host, port, clock);
      out.println(RunningService.banner(server, host));
      out.println(
          client.isPresent()
              ? "Syncing "
                  + config.kraken().baseUrl()
                  + " every "
                  + config.schedule().syncInterval()
              : "No KRAKEN_API_KEY/KRAKEN_API_SECRET: serving the stored books without syncing");
      out.flush();
    } catch (RuntimeException e) {
      running.closeAll(err);
      throw e;
    }
    running.awaitShutdown(err);
    return 0;
  }
}
