package io.tally.cli;

import io.tally.engine.config.TallyConfig;
import io.tally.engine.service.SyncResult;
import io.tally.engine.sync.BalanceDifference;
import io.tally.engine.sync.SyncSummary;
import io.tally.kraken.api.KrakenClient;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tally sync [--db PATH|URL] [--config FILE] [--kraken-url URL]}: brings the store up to
 * date with a Kraken account through its REST API, with a read-only key from {@code KRAKEN_API_KEY}
 * and {@code KRAKEN_API_SECRET} (never from files or flags). The first run fetches the whole
 * history; later runs only what is newer. The nonce high-water mark is kept beside a SQLite
 * database ({@code PATH.nonce}), or in {@code ./tally.nonce} for a PostgreSQL URL (see {@link
 * DatabaseOption}), so a restart never reuses one.
 *
 * <p>The sync runs through the {@code PortfolioService}: after the books catch up it reconciles
 * with Kraken's {@code Balance} (the drift line) and checkpoints the books.
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

  @Mixin KrakenOption kraken;

  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() {
    TallyConfig config = kraken.apply(configuration.load());
    KrakenClient client =
        kraken.requireClient("tally sync", config, tally.env(), database.nonceFile(), clock);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    err.printf("syncing %s from %s ...%n", database.display(), config.kraken().baseUrl());
    err.flush();
    SyncResult result;
    try (ServiceSession session =
        ServiceSession.create(database, tally, config, Optional.of(client), clock, err)) {
      result = session.service().sync();
    }
    SyncSummary summary = result.detail();
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
    if (!summary.balances().found()) {
      out.printf(
          "balances:           not compared: no quiet moment (ledger rows kept arriving through"
              + " %d tries)%n",
          summary.balances().tries());
    } else if (summary.balancesMatch()) {
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
    out.printf(
        "drift:              %s%n",
        result.driftDetected()
            ? "DETECTED beyond the reconciliation tolerance (run 'tally reconcile' for detail)"
            : "none beyond the reconciliation tolerance");
    out.flush();
    return 0;
  }
}
