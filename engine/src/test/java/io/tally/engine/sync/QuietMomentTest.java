package io.tally.engine.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tally.engine.ingest.Ingest;
import io.tally.engine.ingest.IngestBatch;
import io.tally.engine.ingest.StrategyTags;
import io.tally.kraken.LedgerRow;
import io.tally.kraken.api.CallCounter;
import io.tally.kraken.api.FileNonceSource;
import io.tally.kraken.api.KrakenClient;
import io.tally.kraken.api.KrakenCredentials;
import io.tally.money.Asset;
import io.tally.money.AssetSymbol;
import io.tally.money.Precision;
import io.tally.reconcile.ExchangeMargin;
import io.tally.sim.AccountGenerator;
import io.tally.sim.KrakenSimulator;
import io.tally.sim.SimulatedAccount;
import io.tally.sim.SimulatorOptions;
import io.tally.store.PortfolioStore;
import io.tally.testing.SteppingClock;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quiet-moment protocol (docs/RECONCILIATION.md) against the simulator on port 0, the real
 * client and a real store. Its catch-up here ingests the ledger alone (the sync's pulls bring
 * trades and prices too, which the protocol does not need). The simulator's {@code newRowsAfter}
 * fault makes the account trade on right after a chosen response, so rows arrive exactly where a
 * test wants them; nothing depends on real timing.
 */
class QuietMomentTest {

  private static final String KEY = "test-key";
  private static final String SECRET =
      "kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==";

  @TempDir Path directory;

  private SimulatedAccount account;
  private KrakenSimulator simulator;
  private KrakenClient client;
  private PortfolioStore store;
  private final AtomicInteger catchUps = new AtomicInteger();

  @BeforeEach
  void start() {
    account = AccountGenerator.generate(11, 3, Instant.parse("2026-05-04T10:00:00Z"));
    simulator =
        KrakenSimulator.start(
            account,
            0,
            SimulatorOptions.defaults().withCredentials(KEY, SECRET).withoutRateLimit());
    SteppingClock clock = new SteppingClock(Instant.now());
    client =
        KrakenClient.builder()
            .baseUrl(simulator.baseUrl())
            .credentials(new KrakenCredentials(KEY, SECRET))
            .tier(CallCounter.Tier.PRO)
            .nonceSource(
                new FileNonceSource(directory.resolve("tally.db.nonce"), Clock.systemUTC()))
            .clock(clock)
            .sleeper(clock::sleep)
            .build();
    store = PortfolioStore.open(directory.resolve("tally.db").toString(), Map.of());
  }

  @AfterEach
  void stop() {
    store.close();
    simulator.close();
  }

  /** Brings the store's ledger up to date: every ledger row Kraken has, the known ones skipped. */
  private void catchUp() {
    catchUps.incrementAndGet();
    List<LedgerRow> rows = client.allLedgers(Optional.empty(), Optional.empty(), page -> {});
    new Ingest(store, new StrategyTags(Map.of()), line -> {})
        .run(new IngestBatch(rows, List.of(), List.of(), List.of(), Map.of(), "test catch-up"));
  }

  private QuietBalances find() {
    return new QuietMoment(client, store, QuietMoment.TRIES, line -> {}).find(this::catchUp);
  }

  @Test
  void aLedgerThatStandsStillIsQuietOnTheFirstTry() {
    QuietBalances quiet = find();

    assertThat(quiet.found()).isTrue();
    assertThat(quiet.tries()).isEqualTo(1);
    assertThat(catchUps).hasValue(1);
    assertThat(quiet.newestLedgerId()).contains(newestRow());
    assertThat(quiet.balances()).contains(balancesNow());
  }

  @Test
  void rowsArrivingBetweenTheTwoLedgerReadsAreIngestedAndTheNextTryIsQuiet() {
    int rowsBefore = account.ledger().size();
    // The account trades right after answering BalanceEx: the second read of the ledger's head
    // differs from the first, so those balances are not used.
    simulator.faults().newRowsAfter(QuietMoment.BALANCES, Duration.ofSeconds(1), 1);

    QuietBalances quiet = find();

    assertThat(account.ledger().size()).as("rows arrived").isGreaterThan(rowsBefore);
    assertThat(quiet.tries()).isEqualTo(2);
    assertThat(catchUps).hasValue(2);
    assertThat(quiet.newestLedgerId()).contains(newestRow());
    assertThat(quiet.balances())
        .as("the balances of the second, quiet try")
        .contains(balancesNow());
    assertThat(store.rows(Ingest.LEDGERS)).hasSize(account.ledger().size());
  }

  @Test
  void marginFiguresAreReadInsideTheQuietWindowAndRowsArrivingAfterThemSpendTheTry() {
    List<Integer> readOnTry = new ArrayList<>();
    Supplier<ExchangeMargin> margin =
        () -> {
          readOnTry.add(catchUps.get());
          var figures = client.tradeBalance();
          return new ExchangeMargin(
              Asset.USD,
              figures.equivalentBalance(),
              figures.tradeBalance(),
              figures.marginUsed(),
              figures.unrealizedNet(),
              figures.equity(),
              figures.freeMargin(),
              figures.marginLevel(),
              List.of());
        };
    // The account trades right after answering TradeBalance: the second read of the ledger's head
    // differs, so neither those balances nor those margin figures are used.
    simulator.faults().newRowsAfter("TradeBalance", Duration.ofSeconds(1), 1);

    QuietBalances quiet =
        new QuietMoment(client, store, QuietMoment.TRIES, line -> {})
            .find(this::catchUp, Optional.of(margin));

    assertThat(quiet.tries()).isEqualTo(2);
    assertThat(readOnTry).as("read once per try, after the catch-up").containsExactly(1, 2);
    assertThat(quiet.margin()).isPresent();
    assertThat(quiet.balances()).contains(balancesNow());
    // Without the supplier nothing is asked: the region has no margin.
    int before = simulator.callsReceived().getOrDefault("TradeBalance", 0);
    assertThat(find().margin()).isEmpty();
    assertThat(simulator.callsReceived().getOrDefault("TradeBalance", 0)).isEqualTo(before);
  }

  @Test
  void rowsArrivingAfterTheCatchUpMeanTheBooksAreBehindAndAreTriedAgain() {
    // The account trades right after the catch-up's ledger page: the head the protocol reads next
    // is a row the store does not hold yet.
    simulator.faults().newRowsAfter("Ledgers", Duration.ofSeconds(1), 1);

    QuietBalances quiet = find();

    assertThat(quiet.tries()).isEqualTo(2);
    assertThat(quiet.newestLedgerId()).contains(newestRow());
    assertThat(quiet.balances()).contains(balancesNow());
  }

  @Test
  void rowsArrivingEveryTimeMeanNoQuietMomentNeverBalancesOfAnotherMoment() {
    simulator.faults().newRowsAfter(QuietMoment.BALANCES, Duration.ofSeconds(1), QuietMoment.TRIES);

    QuietBalances quiet = find();

    assertThat(quiet.found()).isFalse();
    assertThat(quiet.balances()).isEmpty();
    assertThat(quiet.newestLedgerId()).isEmpty();
    assertThat(quiet.tries()).isEqualTo(QuietMoment.TRIES);
    assertThat(catchUps).hasValue(QuietMoment.TRIES);
    assertThat(simulator.faults().pending(QuietMoment.BALANCES))
        .as("balances asked once per try")
        .isZero();
  }

  @Test
  void theHoldsOfOpenOrdersComeWithTheBalancesOfTheQuietMoment() {
    assertThat(account.holds()).as("the grid bot's orders hold funds").isNotEmpty();

    QuietBalances quiet = find();

    assertThat(quiet.holds()).isPresent();
    assertThat(quiet.holds().get().byAsset()).isEqualTo(holdsNow());
  }

  @Test
  void withNoQuietMomentTheHoldsLastReadStillComeBack() {
    simulator.faults().newRowsAfter(QuietMoment.BALANCES, Duration.ofSeconds(1), QuietMoment.TRIES);

    QuietBalances quiet = find();

    assertThat(quiet.found()).isFalse();
    // Read on the last try, before that try's rows arrived: the grid bot's orders then.
    assertThat(quiet.holds()).isPresent();
    assertThat(quiet.holds().get().byAsset()).isNotEmpty();
  }

  @Test
  void atLeastOneTry() {
    assertThatThrownBy(() -> new QuietMoment(client, store, 0, line -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0");
  }

  private String newestRow() {
    return account.ledger().get(account.ledger().size() - 1).id();
  }

  /** What the simulator's open orders hold now, by canonical asset. */
  private SortedMap<Asset, BigDecimal> holdsNow() {
    SortedMap<Asset, BigDecimal> holds = new TreeMap<>();
    account
        .holds()
        .forEach((id, amount) -> holds.merge(AssetSymbol.canonical(id), amount, BigDecimal::add));
    holds.replaceAll((asset, amount) -> Precision.canonical(amount));
    return holds;
  }

  /** The simulator's balances now, by canonical asset (XBT.M and XXBT both XBT). */
  private SortedMap<Asset, BigDecimal> balancesNow() {
    SortedMap<Asset, BigDecimal> balances = new TreeMap<>();
    account
        .balances()
        .forEach(
            (id, amount) -> balances.merge(AssetSymbol.canonical(id), amount, BigDecimal::add));
    return balances;
  }
}
