package io.tally.engine.service;

import static java.util.Objects.requireNonNull;

import io.tally.books.DataIssue;
import io.tally.money.Asset;
import io.tally.reconcile.AssetDrift;
import io.tally.reconcile.LiveCheck;
import io.tally.store.StoredReconciliation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the store keeps of a {@link Reconciliation} ({@link StoredReconciliation}), and the {@link
 * ReconciliationStatus#STALE stale} reconciliation a restart makes of the last comparison kept.
 *
 * <p>Every reconciliation that ran a check is kept: {@code ok} and {@code drift} with their live
 * check (tolerance, total and every asset compared), {@code no_quiet_moment} and {@code unchecked}
 * without one, since they compared nothing (the live check a {@code no_quiet_moment} carries is the
 * earlier comparison's, kept already). A {@code stale} one only restates a comparison kept already
 * and is not saved again. Flow-adjusted drift is not kept: its baseline is (mark {@code
 * drift.baseline}), and the next comparison measures from it.
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
        comparison);
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
    boolean drift = stored.status().equals(ReconciliationStatus.DRIFT.code());
    if (check.driftFlag() != stored.driftFlag() || drift != stored.driftFlag()) {
      throw new IllegalArgumentException(
          what
              + " has status "
              + stored.status()
              + " and drift_flag "
              + stored.driftFlag()
              + ", but its assets and tolerance give drift_flag "
              + check.driftFlag());
    }
    return new Reconciliation(
        stored.checkedAt(),
        ReconciliationStatus.STALE,
        firstDivergence,
        Optional.of(check),
        Optional.empty(),
        recentFlows,
        List.of());
  }
}
