package io.tally.engine.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LastReconciliationTest {

  private static final Instant AT = Instant.parse("2026-03-02T12:00:01Z");

  /** 0.01 XBT more on the exchange, valued 650.00: beyond the tolerance of 1.00, so drift. */
  private static LiveCheck drift() {
    return new LiveCheck(
        AT,
        new BigDecimal("1.00000000"),
        List.of(
            new AssetDrift(
                Asset.USD,
                new BigDecimal("100.5"),
                new BigDecimal("100.5"),
                BigDecimal.ZERO,
                Optional.of(new BigDecimal("0E-8"))),
            new AssetDrift(
                Asset.XBT,
                new BigDecimal("1.5"),
                new BigDecimal("1.51"),
                new BigDecimal("0.01"),
                Optional.of(new BigDecimal("650.00000000")))),
        new BigDecimal("650.00000000"));
  }

  private static Reconciliation reconciliation(
      ReconciliationStatus status, Optional<LiveCheck> live) {
    return new Reconciliation(
        AT, status, Optional.empty(), live, Optional.empty(), List.of(), List.of());
  }

  @Test
  void aComparisonComesBackAsStaleWithItsOwnTimeCheckAndFlag() {
    StoredReconciliation stored =
        LastReconciliation.toStored(
            reconciliation(ReconciliationStatus.DRIFT, Optional.of(drift())));

    assertThat(stored.status()).isEqualTo("drift");
    assertThat(stored.driftFlag()).isTrue();
    assertThat(stored.comparison()).isPresent();

    Reconciliation stale = LastReconciliation.stale(stored, Optional.empty(), List.of());
    assertThat(stale.status()).isEqualTo(ReconciliationStatus.STALE);
    assertThat(stale.at()).isEqualTo(AT);
    assertThat(stale.live()).contains(drift());
    assertThat(stale.driftFlag()).isTrue();
    assertThat(stale.drift()).as("flow-adjusted drift is not kept").isEmpty();
  }

  /** Balances that agree (USD only), within the tolerance of 1.00. */
  private static LiveCheck agreeing() {
    return new LiveCheck(
        AT,
        new BigDecimal("1.00"),
        List.of(
            new AssetDrift(
                Asset.USD,
                new BigDecimal("100.5"),
                new BigDecimal("100.5"),
                BigDecimal.ZERO,
                Optional.of(new BigDecimal("0E-8")))),
        new BigDecimal("0E-8"));
  }

  /**
   * Equity 10,000.00 in the books against Kraken's restated {@code exchangeEquity}; a short of 1.5
   * ETH on both sides. Tolerance max(1.00, 0.5 % × Kraken's).
   */
  private static MarginCheck margin(String exchangeEquity) {
    MarginTolerance tolerance = MarginTolerance.of(new BigDecimal("1.00"));
    return new MarginCheck(
        AT,
        Asset.USD,
        tolerance,
        new BigDecimal("1285.4770"),
        Optional.empty(),
        List.of(
            MarginFigureCheck.of(
                MarginFigure.EQUITY,
                Optional.of(new BigDecimal("10000.00")),
                Optional.of(new BigDecimal(exchangeEquity)),
                tolerance),
            MarginFigureCheck.of(
                MarginFigure.MARGIN_LEVEL, Optional.empty(), Optional.empty(), tolerance)),
        List.of(
            new PositionSizeCheck(
                new Pair(Asset.of("ETH"), Asset.USD),
                new BigDecimal("-1.5"),
                new BigDecimal("-1.5"))));
  }

  @Test
  void aMarginDriftIsKeptAndComesBackAsStaleDrift() {
    // Kraken's 15,000.00 against the books' 10,000.00: 5,000 beyond max(1.00, 75.00).
    Reconciliation drift =
        new Reconciliation(
            AT,
            ReconciliationStatus.DRIFT,
            Optional.empty(),
            Optional.of(agreeing()),
            Optional.empty(),
            List.of(),
            List.of(),
            Optional.of(margin("15000.00")));
    assertThat(drift.driftFlag()).as("the balances agree; the margin does not").isTrue();

    StoredReconciliation stored = LastReconciliation.toStored(drift);
    assertThat(stored.driftFlag()).isTrue();
    assertThat(stored.margin().orElseThrow().figures().get(0).figure()).isEqualTo("equity");

    Reconciliation stale = LastReconciliation.stale(stored, Optional.empty(), List.of());
    assertThat(stale.status()).isEqualTo(ReconciliationStatus.STALE);
    assertThat(stale.margin()).isEqualTo(drift.margin());
    assertThat(stale.driftFlag()).isTrue();
  }

  @Test
  void aStoredDriftFlagItsMarginAndBalancesContradictIsRefused() {
    // 10,050.00 is within max(1.00, 0.005 × 10,050.00 = 50.25): nothing drifts, yet drift_flag.
    Reconciliation ok =
        new Reconciliation(
            AT,
            ReconciliationStatus.OK,
            Optional.empty(),
            Optional.of(agreeing()),
            Optional.empty(),
            List.of(),
            List.of(),
            Optional.of(margin("10050.00")));
    StoredReconciliation stored = LastReconciliation.toStored(ok);
    StoredReconciliation forged =
        new StoredReconciliation(
            stored.checkedAt(), "drift", true, stored.comparison(), stored.margin());

    assertThatThrownBy(() -> LastReconciliation.stale(forged, Optional.empty(), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("margin and tolerances give drift_flag false");
  }

  @Test
  void aReconciliationThatComparedNothingIsKeptWithoutAComparison() {
    // no_quiet_moment carries the earlier comparison's live check: kept already, not again.
    StoredReconciliation unquiet =
        LastReconciliation.toStored(
            reconciliation(ReconciliationStatus.NO_QUIET_MOMENT, Optional.of(drift())));
    assertThat(unquiet.status()).isEqualTo("no_quiet_moment");
    assertThat(unquiet.driftFlag()).isTrue();
    assertThat(unquiet.comparison()).isEmpty();

    assertThat(
            LastReconciliation.toStored(
                reconciliation(ReconciliationStatus.UNCHECKED, Optional.empty())))
        .isEqualTo(new StoredReconciliation(AT, "unchecked", false, Optional.empty()));
    assertThatThrownBy(
            () ->
                LastReconciliation.toStored(
                    reconciliation(ReconciliationStatus.STALE, Optional.of(drift()))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stale");
  }

  @Test
  void aStoredRowThatIsNotAComparisonThisEngineMadeIsRefusedNamingWhy() {
    StoredReconciliation drift =
        LastReconciliation.toStored(
            reconciliation(ReconciliationStatus.DRIFT, Optional.of(drift())));

    assertThatThrownBy(
            () ->
                LastReconciliation.stale(
                    new StoredReconciliation(AT, "ok", false, drift.comparison()),
                    Optional.empty(),
                    List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("drift_flag false")
        .hasMessageContaining("give drift_flag true");
    assertThatThrownBy(
            () ->
                LastReconciliation.stale(
                    new StoredReconciliation(AT, "unchecked", false, Optional.empty()),
                    Optional.empty(),
                    List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'unchecked'");
    assertThatThrownBy(
            () ->
                LastReconciliation.stale(
                    new StoredReconciliation(AT, "ok", false, Optional.empty()),
                    Optional.empty(),
                    List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no comparison");
  }

  @Test
  void staleWithoutALiveCheckIsNoReconciliation() {
    assertThatThrownBy(() -> reconciliation(ReconciliationStatus.STALE, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stale without a live check");
  }
}
