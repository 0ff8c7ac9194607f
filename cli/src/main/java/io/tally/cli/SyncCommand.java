package io.tally.cli;

import io.tally.engine.config.TallyConfig;
import io.tally.engine.sync.BalanceDifference;
import io.tally.engine.sync.KrakenSync;
import io.tally.engine.sync.SyncSummary;
import io.tally.kraken.api.CallCounter;
import io.tally.kraken.api.FileNonceSource;
import io.tally.kraken.api.KrakenClient;
import io.tally.kraken.api.KrakenCredentials;
import io.tally.store.PortfolioStore;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tally sync [--db PATH|URL] [--config FILE] [--kraken-url URL]}: brings the store up to
 * date with a Kraken account through its REST API, with a read-only key from {@code KRAKEN_API_KEY}
 * and {@code KRAKEN_API_SECRET} (never from files or flags). The first run fetches the whole
 * history; later runs only what is newer. The nonce high-water mark is kept beside a SQLite
 * database ({@code PATH.nonce}), or in {@code ./tally.nonce} for a PostgreSQL URL (see {@link
 * DatabaseOption}), so a restart never reuses one.
 *
 * <p>Example: {@code KRAKEN_API_KEY=... KRAKEN_API_SECRET=... tally sync --db books.db}.
 */
@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    description =
        "Sync ledgers, trades, orders and prices from Kraken (keys from the environment).")
final class SyncCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @ParentCommand Tally tally;

  @Mixin DatabaseOption database;

  @Mixin ConfigOption configuration;

  @Option(
      names = "--kraken-url",
      paramLabel = "URL",
      description = "Kraken's REST base URL, e.g. the simulator's (overrides kraken.base_url)")
  URI krakenUrl;

  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() {
    TallyConfig config = configuration.load();
    if (krakenUrl != null) {
      config = config.withKraken(config.kraken().withBaseUrl(krakenUrl));
    }
    KrakenCredentials credentials =
        KrakenCredentials.fromEnvironment(tally.env())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "tally sync needs a read-only Kraken API key: set "
                            + KrakenCredentials.KEY_VARIABLE
                            + " and "
                            + KrakenCredentials.SECRET_VARIABLE));
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    KrakenClient client =
        KrakenClient.builder()
            .baseUrl(config.kraken().baseUrl())
            .credentials(credentials)
            .tier(CallCounter.Tier.parse(config.kraken().tier()))
            .nonceSource(new FileNonceSource(database.nonceFile(), clock))
            .clock(clock)
            .build();
    long started = System.nanoTime();
    err.printf("syncing %s from %s ...%n", database.display(), config.kraken().baseUrl());
    err.flush();
    SyncSummary summary;
    try (PortfolioStore store = PortfolioStore.open(database.location(), tally.env())) {
      summary =
          new KrakenSync(
                  store,
                  client,
                  config,
                  clock,
                  line -> {
                    err.printf("  %6.1f s  %s%n", (System.nanoTime() - started) / 1e9, line);
                    err.flush();
                  })
              .run();
    }
    out.printf("new ledger rows:    %,d%n", summary.newLedgerRows());
    out.printf("new trades:         %,d%n", summary.newTrades());
    out.printf(
        "updated pairs:      %s%n",
        summary.updatedPairs().isEmpty()
            ? "-"
            : String.join(", ", new java.util.TreeSet<>(summary.updatedPairs())));
    out.printf("cash flows added:   %,d%n", summary.cashFlowsAdded());
    out.printf("already stored:     %,d%n", summary.rowsAlreadyStored());
    out.printf(
        "prices stored:      %,d (%,d moments Kraken could not price)%n",
        summary.pricesStored(), summary.unpricedMoments());
    if (summary.balancesMatch()) {
      out.println("balances:           every asset matches Kraken's Balance");
    } else {
      out.println("balances:           these assets differ from Kraken's Balance:");
      for (BalanceDifference difference : summary.balanceDifferences()) {
        out.printf(
            "  %-6s books %s, Kraken %s (difference %s)%n",
            difference.asset(),
            difference.books().toPlainString(),
            difference.exchange().toPlainString(),
            difference.difference().toPlainString());
      }
    }
    out.flush();
    return 0;
  }
}
