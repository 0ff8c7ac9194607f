package io.tally.cli;

import io.tally.engine.config.TallyConfig;
import io.tally.engine.service.ContractAnswers;
import io.tally.engine.service.Reconciliation;
import io.tally.engine.service.ReconciliationStatus;
import io.tally.reconcile.AssetDrift;
import io.tally.reconcile.FlowAdjustedDrift;
import io.tally.reconcile.LiveCheck;
import io.tally.reconcile.MarginCheck;
import io.tally.reconcile.MarginFigureCheck;
import io.tally.reconcile.PositionSizeCheck;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tally reconcile [--db PATH|URL] [--config FILE] [--kraken-url URL] [--format text|json]}:
 * checks the books (ACCOUNTING.md §7, docs/RECONCILIATION.md). Always the ledger check (Kraken's
 * running balances against the stored rows); with {@code KRAKEN_API_KEY}/{@code KRAKEN_API_SECRET}
 * set, it first syncs, so the books hold the ledger up to now, and then the live check against
 * Kraken's {@code Balance} taken at a quiet moment (each difference valued, the drift flag against
 * the tolerance) and flow-adjusted drift. The status says which: {@code ok}, {@code drift}, {@code
 * unchecked} (no keys) or {@code no_quiet_moment} (rows kept arriving; the flag is the last
 * comparison's). Exit status 0 whether or not there is drift; the flag is in the output.
 *
 * <p>Example: {@code tally reconcile --format json} prints {@code {"checked_at":"...",
 * "reconciliation_status":"ok","drift_flag":false,"compared_at":"...","tolerance_base":
 * "1.00000000","assets":[...],"ledger_check":{"ok":true,"first_divergence":null},
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
    Map<String, Object> json;
    try (ServiceSession session =
        ServiceSession.open(
            database,
            tally,
            config,
            kraken.client(config, tally.env(), database.nonceFile(), clock),
            clock,
            err)) {
      result = session.service().reconcile();
      // The reconciliation just run is the service's last: the API's answer, from one place.
      json = new ContractAnswers(session.service()).reconciliation();
    }
    if (format.json()) {
      out.println(Json.write(json));
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
    if (result.status() == ReconciliationStatus.UNCHECKED) {
      out.println(
          "live check:     skipped (set KRAKEN_API_KEY and KRAKEN_API_SECRET to compare with"
              + " Kraken's Balance)");
      return;
    }
    if (result.status() == ReconciliationStatus.NO_QUIET_MOMENT) {
      out.println(
          "live check:     not made: no quiet moment (ledger rows kept arriving); not drift");
    }
    if (result.live().isEmpty()) {
      return;
    }
    LiveCheck live = result.live().get();
    out.printf(
        "%s %s (tolerance %s, total difference %s)%s%n",
        result.status() == ReconciliationStatus.NO_QUIET_MOMENT
            ? "last compared:"
            : "live check:    ",
        result.driftFlag() ? "DRIFT" : "no drift",
        live.tolerance().toPlainString(),
        live.totalDifferenceBase().toPlainString(),
        result.status() == ReconciliationStatus.NO_QUIET_MOMENT ? " at " + live.at() : "");
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
    result.margin().ifPresent(margin -> printMargin(margin, out));
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

  /** The books' margin against Kraken's TradeBalance and OpenPositions, figure by figure. */
  private static void printMargin(MarginCheck margin, PrintWriter out) {
    out.printf(
        "margin check:   %s (Kraken's TradeBalance in %s; tolerance max(%s, %s × Kraken's))%n",
        margin.driftFlag() ? "DRIFT" : "no drift",
        margin.currency().code(),
        margin.tolerance().absolute().toPlainString(),
        margin.tolerance().relative().toPlainString());
    margin.figuresSkipped().ifPresent(reason -> out.println("  figures skipped: " + reason));
    TextTable table = new TextTable("margin", "books", "exchange", "difference", "");
    for (MarginFigureCheck figure : margin.figures()) {
      table.row(
          figure.figure().code(),
          figure.internal().map(v -> v.toPlainString()).orElse("none"),
          figure.exchange().map(v -> v.toPlainString()).orElse("none"),
          figure.difference().map(v -> v.toPlainString()).orElse(""),
          figure.beyondTolerance() ? "DRIFT" : "ok");
    }
    for (PositionSizeCheck position : margin.positions()) {
      table.row(
          "size " + position.pair().slashed(),
          position.internal().toPlainString(),
          position.exchange().toPlainString(),
          position.difference().toPlainString(),
          position.beyondTolerance() ? "DRIFT" : "ok");
    }
    if (!margin.figures().isEmpty() || !margin.positions().isEmpty()) {
      out.print(table.right(1, 2, 3).render());
    }
  }
}
