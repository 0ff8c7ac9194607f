package io.tally.engine.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.engine.config.KrakenConfig;
import io.tally.engine.config.PortfolioConfig;
import io.tally.engine.config.TallyConfig;
import io.tally.engine.sync.QuietMoment;
import io.tally.kraken.api.CallCounter;
import io.tally.kraken.api.KrakenClient;
import io.tally.kraken.api.KrakenCredentials;
import io.tally.money.Asset;
import io.tally.money.DisplayDecimals;
import io.tally.money.Precision;
import io.tally.reconcile.AssetDrift;
import io.tally.reconcile.LiveCheck;
import io.tally.sim.AccountGenerator;
import io.tally.sim.KrakenSimulator;
import io.tally.sim.SimulatedAccount;
import io.tally.sim.SimulatorOptions;
import io.tally.store.PortfolioStore;
import io.tally.store.StoredPrice;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reconciliation against an account that trades while Tally looks (docs/RECONCILIATION.md): every
 * drift alarm comes from books and balances of one moment, a real discrepancy is still drift, and
 * when no quiet moment can be found the drift flag stays as it was. External activity counts only
 * after the drift baseline.
 *
 * <p>The simulator runs on port 0 with a seeded account; its {@code newRowsAfter} fault lets the
 * bots trade one simulated second right after a chosen response, so rows arrive in the middle of a
 * sync exactly where a test wants, and no test depends on real timing. The service's clock is the
 * simulated account's, one second on (plus the client's waits): every row is in its past, as
 * Kraken's are in production.
 */
class PortfolioServiceReconciliationTest {

  private static final String KEY = "test-key";
  private static final String SECRET =
      "kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==";
  private static final Instant END = Instant.parse("2026-03-02T12:00:00Z");

  /** The responses after which the bots may trade: during the pull, or between the head reads. */
  private static final List<String> RACING_METHODS =
      List.of("Ledgers", "TradesHistory", "ClosedOrders", "Ticker", QuietMoment.BALANCES);

  @TempDir Path directory;

  private SimulatedAccount account;
  private KrakenSimulator simulator;
  private AccountClock clock;
  private PortfolioStore store;
  private final List<String> progress = new CopyOnWriteArrayList<>();

  /** One nonce series for every client of a test: a restarted service keeps Kraken's nonces up. */
  private final AtomicLong nonces = new AtomicLong();

  @BeforeEach
  void start() {
    account = AccountGenerator.generate(7, 4, END);
    simulator =
        KrakenSimulator.start(
            account,
            0,
            SimulatorOptions.defaults().withCredentials(KEY, SECRET).withoutRateLimit());
    clock = new AccountClock(account);
    store = PortfolioStore.open(directory.resolve("tally.db").toString(), Map.of());
  }

  @AfterEach
  void stop() {
    store.close();
    simulator.close();
  }

  // ---- (a) a trading account never looks like drift ------------------------------------------

  @Test
  void tenSimulatedMinutesOfBotsTradingEverySecondNeverRaiseTheDriftFlag() {
    long seed = Long.getLong("tally.seed", 20_260_302L);
    SplittableRandom random = new SplittableRandom(seed);
    PortfolioService service = service();
    service.initialize();
    Instant start = account.now();
    int cycles = 120; // the demo's pace: five simulated seconds each
    int retried = 0;
    for (int cycle = 0; cycle < cycles; cycle++) {
      // The bots trade every simulated second: four seconds between two reconciliations, and one
      // right after one response of the reconciliation itself — during the sync's pull, or
      // between the two reads of the ledger's head.
      for (int second = 0; second < 4; second++) {
        account.advance(Duration.ofSeconds(1));
      }
      String method = RACING_METHODS.get(random.nextInt(RACING_METHODS.size()));
      simulator.faults().newRowsAfter(method, Duration.ofSeconds(1), 1);
      int rowsBefore = account.ledger().size();
      progress.clear();

      Reconciliation reconciliation = service.reconcile();

      String where = String.format("seed %d, cycle %d, rows after %s", seed, cycle, method);
      assertThat(reconciliation.driftFlag()).as(where).isFalse();
      assertThat(reconciliation.status()).as(where).isEqualTo(ReconciliationStatus.OK);
      assertThat(service.getEquity().driftFlag()).as(where).isFalse();
      assertThat(reconciliation.live().orElseThrow().differences()).as(where).isEmpty();
      if (account.ledger().size() > rowsBefore) {
        // Rows arrived after the ledger was fetched: the first try cannot have been quiet.
        assertThat(progress).as(where).anyMatch(line -> line.contains("try 2 of 3"));
        retried++;
      }
    }
    assertThat(retried).as("seed %d: cycles whose bots traded meanwhile", seed).isPositive();
    assertThat(account.now()).isAfterOrEqualTo(start.plusSeconds(5L * cycles));
  }

  // ---- (b) a real discrepancy is drift, with its detail -------------------------------------

  @Test
  void aBalanceThatDisagreesWithItsOwnLedgerIsDriftWithThePerAssetDetail() {
    PortfolioService service = service();
    service.initialize();
    assertThat(service.getReconciliation().orElseThrow().status())
        .isEqualTo(ReconciliationStatus.OK);

    simulator.faults().balanceDiscrepancy("XXBT", new BigDecimal("0.01"));
    Reconciliation reconciliation = service.reconcile();

    assertThat(reconciliation.status()).isEqualTo(ReconciliationStatus.DRIFT);
    assertThat(reconciliation.driftFlag()).isTrue();
    assertThat(service.getEquity().driftFlag()).isTrue();
    LiveCheck live = reconciliation.live().orElseThrow();
    assertThat(live.differences()).hasSize(1);
    AssetDrift xbt = live.differences().get(0);
    BigDecimal ledger = account.balances().get("XXBT");
    // exchange − books = (ledger + 0.01) − ledger = 0.01 XBT, valued at the stored Ticker price p:
    // 0.01 × p, far above the 1.00 USD tolerance.
    assertThat(xbt.asset()).isEqualTo(Asset.XBT);
    assertThat(xbt.internal()).isEqualByComparingTo(ledger);
    assertThat(xbt.exchange()).isEqualByComparingTo(ledger.add(new BigDecimal("0.01")));
    assertThat(xbt.difference()).isEqualByComparingTo("0.01");
    BigDecimal valued = Precision.valueOf(new BigDecimal("0.01"), tickerPrice(Asset.XBT));
    assertThat(xbt.differenceBase()).contains(valued);
    assertThat(valued).isGreaterThan(new BigDecimal("1.00"));

    Map<String, Object> json =
        ContractJson.reconciliation(reconciliation, DisplayDecimals.fallbacks());
    assertThat(json.get("reconciliation_status")).isEqualTo("drift");
    assertThat(json.get("drift_flag")).isEqualTo(true);
    assertThat(json.get("checked_at")).isEqualTo(reconciliation.at().toString());
    assertThat(json.get("compared_at")).isEqualTo(reconciliation.at().toString());
    assertThat(new ArrayList<Object>((List<?>) json.get("assets")))
        .contains(
            Map.of(
                "asset", "XBT",
                "internal", xbt.internal().toPlainString(),
                "exchange", xbt.exchange().toPlainString(),
                "difference", "0.01",
                "difference_base", valued.toPlainString()));

    // The sync says the same, asset by asset.
    SyncResult synced = service.sync();
    assertThat(synced.driftDetected()).isTrue();
    assertThat(synced.detail().balanceDifferences())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.asset()).isEqualTo(Asset.XBT);
              assertThat(d.difference()).isEqualByComparingTo("0.01");
            });

    simulator.faults().clearBalanceDiscrepancies();
    Reconciliation cleared = service.reconcile();
    assertThat(cleared.status()).isEqualTo(ReconciliationStatus.OK);
    assertThat(cleared.driftFlag()).isFalse();
    assertThat(service.getEquity().driftFlag()).isFalse();
  }

  // ---- (b') the last comparison survives a restart, as stale ---------------------------------

  @Test
  void aDriftSurvivesAKeylessRestartAsStaleWithItsTimeAndFlag() {
    PortfolioService service = service();
    service.initialize();
    simulator.faults().balanceDiscrepancy("XXBT", new BigDecimal("0.01"));
    Reconciliation drift = service.reconcile();
    assertThat(drift.status()).isEqualTo(ReconciliationStatus.DRIFT);
    clock.sleep(Duration.ofMinutes(10));

    PortfolioService keyless =
        new PortfolioService(config(), store, Optional.empty(), clock, progress::add);
    List<StateRecovered> recovered = new ArrayList<>();
    keyless.onStateRecovered(recovered::add);
    progress.clear();
    keyless.initialize();

    // The drift found before the restart is the last known truth: still flagged, at its time.
    Reconciliation stale = keyless.getReconciliation().orElseThrow();
    assertThat(stale.status()).isEqualTo(ReconciliationStatus.STALE);
    assertThat(stale.at()).isEqualTo(drift.at());
    assertThat(stale.driftFlag()).isTrue();
    assertThat(stale.live()).isEqualTo(drift.live());
    assertThat(stale.adjustmentsBooked()).isEmpty();
    assertThat(keyless.getEquity().driftFlag()).isTrue();
    assertThat(keyless.getSnapshots(Optional.empty(), 1).get(0).driftFlag()).isTrue();
    Map<String, Object> json = ContractJson.reconciliation(stale, DisplayDecimals.fallbacks());
    assertThat(json.get("reconciliation_status")).isEqualTo("stale");
    assertThat(json.get("drift_flag")).isEqualTo(true);
    assertThat(json.get("checked_at")).isEqualTo(drift.at().toString());
    assertThat(json.get("compared_at")).isEqualTo(drift.at().toString());
    assertThat(json.get("assets"))
        .isEqualTo(ContractJson.reconciliation(drift, DisplayDecimals.fallbacks()).get("assets"));
    assertThat(json.get("total_difference_base"))
        .isEqualTo(drift.live().orElseThrow().totalDifferenceBase().toPlainString());
    String line =
        "reconciliation stale: the last comparison, drift at "
            + drift.at()
            + ", restored from the store, drift flagged";
    assertThat(recovered)
        .singleElement()
        .satisfies(
            state -> {
              assertThat(state.status()).isEqualTo(ReconciliationStatus.STALE);
              assertThat(state.driftFlag()).isTrue();
              assertThat(state.reconciledAt()).contains(drift.at());
              assertThat(state.message()).contains(line);
            });
    assertThat(progress).anyMatch(l -> l.startsWith("STATE_RECOVERED: ") && l.contains(line));

    // With keys again, the restart compares before it serves: the discrepancy is gone, so ok.
    simulator.faults().clearBalanceDiscrepancies();
    PortfolioService keyed = service();
    keyed.initialize();
    Reconciliation fresh = keyed.getReconciliation().orElseThrow();
    assertThat(fresh.status()).isEqualTo(ReconciliationStatus.OK);
    assertThat(fresh.at()).isAfter(drift.at());
    assertThat(keyed.getEquity().driftFlag()).isFalse();
  }

  @Test
  void aFailedStartUpSyncServesTheLastComparisonAsStaleAndAStoreWithoutOneAsUnchecked() {
    PortfolioService service = service();
    service.initialize();
    Reconciliation ok = service.getReconciliation().orElseThrow();

    simulator.faults().serviceUnavailable("Ledgers", 1_000);
    PortfolioService restarted = service();
    List<StateRecovered> recovered = new ArrayList<>();
    restarted.onStateRecovered(recovered::add);
    restarted.initialize();

    assertThat(restarted.lastSyncError())
        .hasValueSatisfying(e -> assertThat(e).contains("EService:Unavailable"));
    Reconciliation stale = restarted.getReconciliation().orElseThrow();
    assertThat(stale.status()).isEqualTo(ReconciliationStatus.STALE);
    assertThat(stale.at()).isEqualTo(ok.at());
    assertThat(stale.driftFlag()).isFalse();
    assertThat(recovered)
        .singleElement()
        .satisfies(
            state -> {
              assertThat(state.status()).isEqualTo(ReconciliationStatus.STALE);
              assertThat(state.reconciledAt()).contains(ok.at());
              assertThat(state.lastSyncError()).isPresent();
              assertThat(state.message()).contains("; start-up sync failed: ");
            });
    simulator.faults().clear();

    // A store that never compared (filled by imports) has nothing to restore: unchecked.
    try (PortfolioStore other =
        PortfolioStore.open(directory.resolve("other.db").toString(), Map.of())) {
      PortfolioService imported =
          new PortfolioService(config(), other, Optional.empty(), clock, progress::add);
      List<StateRecovered> unchecked = new ArrayList<>();
      imported.onStateRecovered(unchecked::add);
      imported.initialize();
      assertThat(imported.getReconciliation()).isEmpty();
      assertThat(unchecked.get(0).status()).isEqualTo(ReconciliationStatus.UNCHECKED);
      assertThat(unchecked.get(0).reconciledAt()).isEmpty();
    }
  }

  // ---- (c) rows between the reads: a retry; rows every time: no quiet moment ----------------

  @Test
  void rowsArrivingBetweenTheTwoLedgerReadsAreSyncedAndTheComparisonTriedAgain() {
    PortfolioService service = service();
    service.initialize();
    int rowsBefore = account.ledger().size();
    simulator.faults().newRowsAfter(QuietMoment.BALANCES, Duration.ofSeconds(1), 1);

    SyncResult synced = service.sync();

    assertThat(synced.detail().balances().tries()).isEqualTo(2);
    // Both pulls' rows are counted: everything the account booked since the first sync.
    assertThat(synced.newLedgerRows()).isEqualTo(account.ledger().size() - rowsBefore).isPositive();
    assertThat(synced.detail().balancesMatch()).isTrue();
    Reconciliation reconciliation = service.getReconciliation().orElseThrow();
    assertThat(reconciliation.status()).isEqualTo(ReconciliationStatus.OK);
    assertThat(reconciliation.driftFlag()).isFalse();
    assertThat(synced.detail().balances().newestLedgerId())
        .contains(account.ledger().get(account.ledger().size() - 1).id());
  }

  @Test
  void rowsArrivingEveryTimeGiveNoQuietMomentAndTheDriftFlagStaysAsItWas() {
    PortfolioService service = service();
    service.initialize();
    Reconciliation first = service.getReconciliation().orElseThrow();
    assertThat(first.driftFlag()).isFalse();

    // Balance now disagrees with the ledger, but rows arrive after every Balance: nothing is
    // compared, so the flag stays false although a comparison would have raised it.
    simulator.faults().balanceDiscrepancy("XXBT", new BigDecimal("0.01"));
    simulator.faults().newRowsAfter(QuietMoment.BALANCES, Duration.ofSeconds(1), QuietMoment.TRIES);
    Reconciliation unquiet = service.reconcile();

    assertThat(unquiet.status()).isEqualTo(ReconciliationStatus.NO_QUIET_MOMENT);
    assertThat(unquiet.driftFlag()).isFalse();
    assertThat(service.getEquity().driftFlag()).isFalse();
    assertThat(unquiet.live()).as("the last comparison, kept").isEqualTo(first.live());
    assertThat(unquiet.at()).isAfter(first.at());
    Map<String, Object> json = ContractJson.reconciliation(unquiet, DisplayDecimals.fallbacks());
    assertThat(json.get("reconciliation_status")).isEqualTo("no_quiet_moment");
    assertThat(json.get("drift_flag")).isEqualTo(false);
    assertThat(json.get("compared_at")).isEqualTo(first.at().toString());

    // Once the ledger stands still, the discrepancy is compared, and is drift.
    Reconciliation drift = service.reconcile();
    assertThat(drift.status()).isEqualTo(ReconciliationStatus.DRIFT);
    assertThat(drift.driftFlag()).isTrue();

    // The other way round: the discrepancy is gone, but with no quiet moment the flag stays true.
    simulator.faults().clearBalanceDiscrepancies();
    simulator.faults().newRowsAfter(QuietMoment.BALANCES, Duration.ofSeconds(1), QuietMoment.TRIES);
    Reconciliation stillUnquiet = service.reconcile();
    assertThat(stillUnquiet.status()).isEqualTo(ReconciliationStatus.NO_QUIET_MOMENT);
    assertThat(stillUnquiet.driftFlag()).isTrue();
    assertThat(service.getEquity().driftFlag()).isTrue();
    assertThat(stillUnquiet.live()).isEqualTo(drift.live());

    Reconciliation ok = service.reconcile();
    assertThat(ok.status()).isEqualTo(ReconciliationStatus.OK);
    assertThat(ok.driftFlag()).isFalse();
  }

  // ---- external activity only after the baseline --------------------------------------------

  @Test
  void theFirstSyncIsHistoryNotExternalActivityALaterDepositIs() {
    PortfolioService service = service();
    List<ExternalActivity> activities = new CopyOnWriteArrayList<>();
    service.onExternalActivity(activities::add);

    service.initialize();

    assertThat(store.eventCount()).as("the first sync brought the whole history").isPositive();
    assertThat(activities).isEmpty();
    assertThat(progress).noneMatch(line -> line.startsWith("External activity"));

    // 50,000 USD deposited after the baseline, on equity far below that: well above 5 %.
    account.advance(Duration.ofMinutes(5));
    account.deposit("ZUSD", new BigDecimal("50000"));
    service.sync();
    assertThat(activities)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.kind()).isEqualTo(ActivityKind.TRANSFER);
              assertThat(a.changePct()).isGreaterThan(new BigDecimal("5"));
            });
  }

  // ---- helpers -------------------------------------------------------------------------------

  private PortfolioService service() {
    return new PortfolioService(config(), store, Optional.of(client()), clock, progress::add);
  }

  private TallyConfig config() {
    return TallyConfig.defaults()
        .withPortfolio(portfolio())
        .withKraken(new KrakenConfig(simulator.baseUrl(), "pro"));
  }

  private KrakenClient client() {
    return KrakenClient.builder()
        .baseUrl(simulator.baseUrl())
        .credentials(new KrakenCredentials(KEY, SECRET))
        .tier(CallCounter.Tier.PRO)
        .nonceSource(nonces::incrementAndGet)
        .clock(clock)
        .sleeper(clock::sleep)
        .build();
  }

  private static PortfolioConfig portfolio() {
    PortfolioConfig defaults = PortfolioConfig.defaults();
    return new PortfolioConfig(
        defaults.baseCurrency(),
        defaults.valuationPairs(),
        defaults.includeAssets(),
        defaults.excludeAssets(),
        defaults.costBasisMethod(),
        true,
        defaults.snapshotRetentionDays(),
        defaults.reconciliationTolerance(),
        defaults.externalActivityThresholdPct(),
        defaults.maxPriceAge(),
        Map.of(1001L, "trend_v1", 1002L, "grid_v2"));
  }

  /** The newest Ticker price the store holds of {@code asset}. */
  private BigDecimal tickerPrice(Asset asset) {
    StoredPrice newest = null;
    for (StoredPrice price : store.prices()) {
      if (price.asset().equals(asset.code())
          && price.source().startsWith("kraken:ticker:")
          && (newest == null || !price.at().isBefore(newest.at()))) {
        newest = price;
      }
    }
    assertThat(newest).as("a Ticker price of %s", asset).isNotNull();
    return new BigDecimal(newest.price());
  }

  /**
   * The service's and the client's clock: one second after the simulated account's, plus whatever
   * the client's call counter waited. It only moves forward.
   */
  static final class AccountClock extends Clock {

    private final SimulatedAccount account;
    private Duration waited = Duration.ZERO;

    AccountClock(SimulatedAccount account) {
      this.account = account;
    }

    synchronized void sleep(Duration duration) {
      waited = waited.plus(duration);
    }

    @Override
    public synchronized Instant instant() {
      return account.now().plusSeconds(1).plus(waited);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
