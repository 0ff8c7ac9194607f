package io.tally.engine.service;

import static java.util.Objects.requireNonNull;

import io.tally.books.DataIssue;
import io.tally.money.Asset;
import io.tally.money.Pair;
import io.tally.reconcile.AssetDrift;
import io.tally.reconcile.LiveCheck;
import io.tally.reconcile.MarginCheck;
import io.tally.reconcile.MarginFigure;
import io.tally.reconcile.MarginFigureCheck;
import io.tally.reconcile.MarginTolerance;
import io.tally.reconcile.PositionSizeCheck;
import io.tally.store.StoredReconciliation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the store keeps of a {@link Reconciliation} ({@link StoredReconciliation}), and the {@link
 * ReconciliationStatus#STALE stale} reconciliation a restart makes of the last comparison kept.
 *
 * <p>Every reconciliation that ran a check is kept: {@code ok} and {@code drift} with their live
 * check (tolerance, total and every asset compared) and margin check (each figure and position
 * size, schema 10), {@code no_quiet_moment} and {@code unchecked} without one, since they compared
 * nothing (the live check a {@code no_quiet_moment} carries is the earlier comparison's, kept
 * already). A {@code stale} one only restates a comparison kept already and is not saved again.
 * Flow-adjusted drift is not kept: its baseline is (mark {@code drift.baseline}), and the next
 * comparison measures from it.
 *
 * <p>Example: {@code LastReconciliation.stale(store.latestComparison().orElseThrow(),
 * firstDivergence, recentFlows)} is the comparison of before the restart, {@code stale}, with its
 * own time and drift flag. Stateless.
 */
final class LastReconciliation {

  private LastReconciliation() {}

  /** {@code reconciliation} as the store keeps it. */
  static StoredReconciliation toStored(Reconciliation reconciliation) {
    requireNonNull(reconciliation, "reconciliation");
    if (reconciliation.status() == ReconciliationStatus.STALE) {
      throw new IllegalArgumentException(
          "A stale reconciliation restates a stored one and is not stored again: "
              + reconciliation.at());
    }
    boolean compared =
        reconciliation.status() == ReconciliationStatus.OK
            || reconciliation.status() == ReconciliationStatus.DRIFT;
    Optional<StoredReconciliation.Comparison> comparison =
        compared ? reconciliation.live().map(LastReconciliation::comparison) : Optional.empty();
    return new StoredReconciliation(
        reconciliation.at(),
        reconciliation.status().code(),
        reconciliation.driftFlag(),
        comparison,
        comparison.isPresent()
            ? reconciliation.margin().map(LastReconciliation::margin)
            : Optional.empty());
  }

  private static StoredReconciliation.MarginComparison margin(MarginCheck check) {
    List<StoredReconciliation.MarginFigureRow> figures = new ArrayList<>();
    for (MarginFigureCheck figure : check.figures()) {
      figures.add(
          new StoredReconciliation.MarginFigureRow(
              figure.figure().code(), figure.internal(), figure.exchange()));
    }
    List<StoredReconciliation.MarginPositionRow> positions = new ArrayList<>();
    for (PositionSizeCheck position : check.positions()) {
      positions.add(
          new StoredReconciliation.MarginPositionRow(
              position.pair().slashed(), position.internal(), position.exchange()));
    }
    return new StoredReconciliation.MarginComparison(
        check.currency().code(),
        check.tolerance().absolute(),
        check.tolerance().relative(),
        check.nonCollateral(),
        check.figuresSkipped(),
        figures,
        positions);
  }

  /** The margin check {@code stored} keeps, its drift recomputed from its own tolerance. */
  private static MarginCheck margin(Instant at, StoredReconciliation.MarginComparison stored) {
    MarginTolerance tolerance =
        new MarginTolerance(stored.absoluteTolerance(), stored.relativeTolerance());
    List<MarginFigureCheck> figures = new ArrayList<>();
    for (StoredReconciliation.MarginFigureRow figure : stored.figures()) {
      figures.add(
          MarginFigureCheck.of(
              MarginFigure.parse(figure.figure()),
              figure.internal(),
              figure.exchange(),
              tolerance));
    }
    List<PositionSizeCheck> positions = new ArrayList<>();
    for (StoredReconciliation.MarginPositionRow position : stored.positions()) {
      positions.add(
          new PositionSizeCheck(
              Pair.parse(position.pair()), position.internal(), position.exchange()));
    }
    return new MarginCheck(
        at,
        Asset.of(stored.currency()),
        tolerance,
        stored.nonCollateral(),
        stored.figuresSkipped(),
        figures,
        positions);
  }

  private static StoredReconciliation.Comparison comparison(LiveCheck check) {
    List<StoredReconciliation.AssetDifference> assets = new ArrayList<>();
    for (AssetDrift asset : check.assets()) {
      assets.add(
          new StoredReconciliation.AssetDifference(
              asset.asset().code(),
              asset.internal(),
              asset.exchange(),
              asset.difference(),
              asset.differenceBase()));
    }
    return new StoredReconciliation.Comparison(
        check.tolerance(), check.totalDifferenceBase(), assets);
  }

  /**
   * The comparison {@code stored}, restated as {@link ReconciliationStatus#STALE}: its time is the
   * comparison's ({@code checked_at} and {@code compared_at} say when the books were last compared
   * with Kraken), its live check and drift flag are the comparison's (a drift found before a
   * restart is still the last known truth), and the ledger check and recent flows are today's.
   *
   * @throws IllegalArgumentException naming what is wrong when {@code stored} is not a comparison
   *     this engine saved: not {@code ok} or {@code drift}, no comparison, or a drift flag its own
   *     assets and tolerance contradict
   */
  static Reconciliation stale(
      StoredReconciliation stored,
      Optional<DataIssue> firstDivergence,
      List<CashFlowRecord> recentFlows) {
    String what = "The stored reconciliation of " + stored.checkedAt();
    if (!stored.status().equals(ReconciliationStatus.OK.code())
        && !stored.status().equals(ReconciliationStatus.DRIFT.code())) {
      throw new IllegalArgumentException(
          what + " has status '" + stored.status() + "', not ok or drift: it compared nothing");
    }
    StoredReconciliation.Comparison comparison =
        stored
            .comparison()
            .orElseThrow(() -> new IllegalArgumentException(what + " has no comparison"));
    List<AssetDrift> assets = new ArrayList<>();
    for (StoredReconciliation.AssetDifference asset : comparison.assets()) {
      assets.add(
          new AssetDrift(
              Asset.of(asset.asset()),
              asset.internal(),
              asset.exchange(),
              asset.difference(),
              asset.differenceBase()));
    }
    LiveCheck check =
        new LiveCheck(
            stored.checkedAt(), comparison.tolerance(), assets, comparison.totalDifferenceBase());
    Optional<MarginCheck> margin = stored.margin().map(m -> margin(stored.checkedAt(), m));
    boolean drift = stored.status().equals(ReconciliationStatus.DRIFT.code());
    boolean found = check.driftFlag() || margin.map(MarginCheck::driftFlag).orElse(false);
    if (found != stored.driftFlag() || drift != stored.driftFlag()) {
      throw new IllegalArgumentException(
          what
              + " has status "
              + stored.status()
              + " and drift_flag "
              + stored.driftFlag()
              + ", but its assets, margin and tolerances give drift_flag "
              + found);
    }
    return new Reconciliation(
        stored.checkedAt(),
        ReconciliationStatus.STALE,
        firstDivergence,
        Optional.of(check),
        Optional.empty(),
        recentFlows,
        List.of(),
        margin);
  }
}
