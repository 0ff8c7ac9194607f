package io.tally.cli;

import io.tally.engine.config.TallyConfig;
import io.tally.engine.service.ContractJson;
import io.tally.engine.service.Reconciliation;
import io.tally.reconcile.AssetDrift;
import io.tally.reconcile.FlowAdjustedDrift;
import io.tally.reconcile.LiveCheck;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tally reconcile [--db PATH|URL] [--config FILE] [--kraken-url URL] [--format text|json]}:
 * checks the stored books (ACCOUNTING.md §7). Always the ledger check (Kraken's running balances
 * against the stored rows); with {@code KRAKEN_API_KEY}/{@code KRAKEN_API_SECRET} set, also the
 * live check against Kraken's {@code Balance} (each difference valued, the drift flag against the
 * tolerance) and flow-adjusted drift. It compares the books as stored: run {@code tally sync}
 * first, or recent activity shows as a difference. Exit status 0 whether or not there is drift; the
 * flag is in the output.
 *
 * <p>Example: {@code tally reconcile --format json} prints {@code {"drift_flag":false,
 * "tolerance_base":"1.00000000","assets":[...],"ledger_check":{"ok":true,"first_divergence":null},
 * "adjusted_drift_base":"0.00000000",...}}.
 */
@Command(
    name = "reconcile",
    mixinStandardHelpOptions = true,
    description = "Check the books against Kraken's running balances and its Balance endpoint.")
final class ReconcileCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @ParentCommand Tally tally;

  @Mixin DatabaseOption database;

  @Mixin ConfigOption configuration;

  @Mixin KrakenOption kraken;

  @Mixin FormatOption format;

  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() {
    TallyConfig config = kraken.apply(configuration.load());
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Reconciliation result;
    try (ServiceSession session =
        ServiceSession.open(
            database,
            tally,
            config,
            kraken.client(config, tally.env(), database.nonceFile(), clock),
            clock,
            err)) {
      result = session.service().reconcile();
    }
    if (format.json()) {
      out.println(Json.write(ContractJson.reconciliation(result)));
    } else {
      print(result, out);
    }
    out.flush();
    return 0;
  }

  private static void print(Reconciliation result, PrintWriter out) {
    out.printf(
        "ledger check:   %s%n",
        result
            .firstDivergence()
            .map(issue -> "first divergence: " + issue.detail())
            .orElse("every row's balance equals the running balance"));
    if (result.live().isEmpty()) {
      out.println(
          "live check:     skipped (set KRAKEN_API_KEY and KRAKEN_API_SECRET to compare with"
              + " Kraken's Balance)");
      return;
    }
    LiveCheck live = result.live().get();
    out.printf(
        "live check:     %s (tolerance %s, total difference %s)%n",
        result.driftFlag() ? "DRIFT" : "no drift",
        live.tolerance().toPlainString(),
        live.totalDifferenceBase().toPlainString());
    TextTable table = new TextTable("asset", "books", "exchange", "difference", "value");
    for (AssetDrift asset : live.assets()) {
      table.row(
          asset.asset().code(),
          asset.internal().toPlainString(),
          asset.exchange().toPlainString(),
          asset.difference().toPlainString(),
          asset.differenceBase().map(v -> v.toPlainString()).orElse("unvalued"));
    }
    out.print(table.right(1, 2, 3, 4).render());
    if (result.drift().isPresent()) {
      FlowAdjustedDrift drift = result.drift().get();
      out.printf(
          "equity drift:   raw %s since %s; explained by PnL %s and flows %s; unexplained %s"
              + " (%s)%n",
          drift.rawDrift().toPlainString(),
          drift.baseline().at(),
          drift.pnl().toPlainString(),
          drift.flows().toPlainString(),
          drift.unexplained().toPlainString(),
          drift.mode().code());
    }
    if (!result.adjustmentsBooked().isEmpty()) {
      out.println("adjustments:    " + String.join(", ", result.adjustmentsBooked()));
    }
  }
}
