package io.tally.engine.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.books.BookConfig;
import io.tally.books.BookState;
import io.tally.books.Books;
import io.tally.engine.Marks;
import io.tally.engine.StoredBooks;
import io.tally.engine.config.KrakenConfig;
import io.tally.engine.config.PortfolioConfig;
import io.tally.engine.config.TallyConfig;
import io.tally.engine.ingest.Ingest;
import io.tally.kraken.api.CallCounter;
import io.tally.kraken.api.FileNonceSource;
import io.tally.kraken.api.KrakenClient;
import io.tally.kraken.api.KrakenCredentials;
import io.tally.kraken.api.RetrySettings;
import io.tally.money.Asset;
import io.tally.money.Pair;
import io.tally.money.Precision;
import io.tally.sim.AccountGenerator;
import io.tally.sim.KrakenSimulator;
import io.tally.sim.SimulatedAccount;
import io.tally.sim.SimulatorOptions;
import io.tally.store.PortfolioStore;
import io.tally.testing.SteppingClock;
import io.tally.valuation.MarketPrices;
import io.tally.valuation.PriceTable;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole sync, end to end: the simulator on port 0 speaking Kraken's protocol, the real client,
 * the real store. The client's call counter waits on a test clock (its sleeps advance the clock),
 * so the test costs no real waiting; the simulator's own counter is off.
 */
class KrakenSyncTest {

  private static final String KEY = "test-key";
  private static final String SECRET =
      "kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==";

  @TempDir Path directory;

  private SimulatedAccount account;
  private KrakenSimulator simulator;
  private SteppingClock clientClock;

  @BeforeEach
  void startSimulator() {
    Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    account = AccountGenerator.generate(7, 10, end);
    simulator =
        KrakenSimulator.start(
            account,
            0,
            SimulatorOptions.defaults().withCredentials(KEY, SECRET).withoutRateLimit());
    clientClock = new SteppingClock(Instant.now());
  }

  @AfterEach
  void stopSimulator() {
    simulator.close();
  }

  private TallyConfig config() {
    PortfolioConfig defaults = PortfolioConfig.defaults();
    PortfolioConfig portfolio =
        new PortfolioConfig(
            defaults.baseCurrency(),
            defaults.valuationPairs(),
            defaults.includeAssets(),
            defaults.excludeAssets(),
            defaults.costBasisMethod(),
            true,
            90,
            defaults.reconciliationTolerance(),
            defaults.externalActivityThresholdPct(),
            defaults.maxPriceAge(),
            Map.of(1001L, "trend_v1", 1002L, "grid_v2"));
    return TallyConfig.defaults()
        .withPortfolio(portfolio)
        .withKraken(new KrakenConfig(simulator.baseUrl(), "starter"));
  }

  private KrakenClient client() {
    return KrakenClient.builder()
        .baseUrl(simulator.baseUrl())
        .credentials(new KrakenCredentials(KEY, SECRET))
        .tier(CallCounter.Tier.STARTER)
        .nonceSource(new FileNonceSource(directory.resolve("tally.db.nonce"), Clock.systemUTC()))
        .clock(clientClock)
        .sleeper(clientClock::sleep)
        .requestTimeout(Duration.ofSeconds(2))
        .retry(new RetrySettings(6, Duration.ofMillis(5), 2.0, Duration.ofMillis(50), 0.1))
        .build();
  }

  private SyncSummary sync(PortfolioStore store) {
    return new KrakenSync(store, client(), config(), Clock.systemUTC(), line -> {}).run();
  }

  private static BookState books(PortfolioStore store) {
    StoredBooks stored = StoredBooks.load(store);
    return Books.replay(
        new BookConfig(
            Asset.USD, PortfolioConfig.defaults().costBasisMethod(), MarketPrices.KFEE_USD),
        PriceTable.of(stored.pricesIn(Asset.USD)),
        stored.events());
  }

  @Test
  void theFirstSyncBringsTheWholeAccountAndTheBooksHoldWhatKrakenHolds() {
    try (PortfolioStore store =
        PortfolioStore.open(directory.resolve("tally.db").toString(), Map.of())) {
      SyncSummary summary = sync(store);

      assertThat(summary.balanceDifferences()).as("books vs Kraken's Balance").isEmpty();
      assertThat(summary.newLedgerRows()).isEqualTo(account.ledger().size());
      assertThat(summary.newTrades()).isPositive();
      assertThat(summary.updatedPairs()).contains("XBTUSD");
      assertThat(summary.cashFlowsAdded()).isPositive();
      assertThat(summary.unpricedMoments())
          .as("every past moment priced from public trades")
          .isZero();
      assertThat(store.rows(Ingest.ASSETS)).as("Kraken's asset list, kept").isNotEmpty();
      assertThat(store.rows(KrakenListing.PAIRS)).as("Kraken's pair list, kept").hasSize(6);
      assertThat(store.rowCount())
          .isEqualTo(
              account.ledger().size()
                  + account.trades().size()
                  + store.rows(Ingest.ORDERS).size()
                  + store.rows(Ingest.ASSETS).size()
                  + store.rows(KrakenListing.PAIRS).size());

      BookState books = books(store);
      assertThat(books.issues()).as("no missing prices or acquisitions").isEmpty();
      assertThat(books.realizedByStrategy()).containsKeys("trend_v1", "grid_v2", "manual");
      assertThat(store.prices())
          .as("past moments from public trades, now from the Ticker; no OHLC fallback needed")
          .isNotEmpty()
          .allSatisfy(
              price -> assertThat(price.source()).matches("kraken:(trades|ticker):[A-Z^*\\-1]+"));
      assertThat(store.prices())
          .filteredOn(price -> price.source().startsWith("kraken:trades:"))
          .as("each past price is the simulated market's price at that very moment")
          .isNotEmpty()
          .allSatisfy(
              price -> {
                String pair = price.source().substring("kraken:trades:".length());
                if (!pair.contains("*") && !pair.contains("^")) {
                  assertThat(new BigDecimal(price.price()))
                      .isEqualByComparingTo(account.market().price(pair, price.at()));
                }
              });
    }
  }

  @Test
  void realizedPnlOfDotusdEqualsAnIndependentComputationFromTheSimulatorsLedger() {
    try (PortfolioStore store =
        PortfolioStore.open(directory.resolve("tally.db").toString(), Map.of())) {
      sync(store);
      StoredBooks stored = StoredBooks.load(store);
      BookState books = books(store);

      BigDecimal expected = independentDotusdRealized(PriceTable.of(stored.pricesIn(Asset.USD)));
      assertThat(expected).as("the account really traded DOT at a gain or loss").isNotZero();

      assertThat(books.realizedByPair().get(new Pair(Asset.of("DOT"), Asset.USD)))
          .isEqualByComparingTo(expected);
    }
  }

  /**
   * Weighted-average realized PnL of DOTUSD, computed here from the simulator's own ledger rows
   * (its ground truth), not through Tally's classifier or books. DOT moves only through DOTUSD
   * trades and staking rewards, so one pool suffices: a buy adds its USD cost, a sell realizes USD
   * received minus the released cost; a USD fee is an expense; a fee in DOT releases its cost (its
   * value is both proceeds and expense); KFEE credits cost exactly what they pay (0.01 USD each); a
   * reward adds its units at the stored price of that moment.
   */
  private BigDecimal independentDotusdRealized(PriceTable prices) {
    Map<String, List<io.tally.sim.LedgerEntry>> byRefid = new java.util.LinkedHashMap<>();
    for (io.tally.sim.LedgerEntry entry : account.ledger()) {
      byRefid.computeIfAbsent(entry.refid(), r -> new ArrayList<>()).add(entry);
    }
    Set<String> dotTrades = new HashSet<>();
    account.trades().stream()
        .filter(f -> f.pair().equals("DOTUSD"))
        .forEach(f -> dotTrades.add(f.txid()));
    BigDecimal quantity = BigDecimal.ZERO;
    BigDecimal cost = Precision.money(BigDecimal.ZERO);
    BigDecimal realized = Precision.money(BigDecimal.ZERO);
    List<io.tally.sim.LedgerEntry> ordered = new ArrayList<>(account.ledger());
    ordered.sort(java.util.Comparator.comparing(io.tally.sim.LedgerEntry::time));
    Set<String> done = new HashSet<>();
    for (io.tally.sim.LedgerEntry first : ordered) {
      if (first.type().equals("staking") && first.asset().equals("DOT.S")) {
        quantity = quantity.add(first.amount());
        cost =
            cost.add(
                Precision.valueOf(
                    first.amount(),
                    prices.price(Asset.of("DOT"), first.time()).orElseThrow().value()));
        continue;
      }
      if (!dotTrades.contains(first.refid()) || !done.add(first.refid())) {
        continue;
      }
      BigDecimal dot = BigDecimal.ZERO;
      BigDecimal dotFee = BigDecimal.ZERO;
      BigDecimal usd = BigDecimal.ZERO;
      BigDecimal usdFee = BigDecimal.ZERO;
      BigDecimal kfee = BigDecimal.ZERO;
      for (io.tally.sim.LedgerEntry leg : byRefid.get(first.refid())) {
        switch (leg.asset()) {
          case "DOT" -> {
            dot = dot.add(leg.amount());
            dotFee = dotFee.add(leg.fee());
          }
          case "ZUSD" -> {
            usd = usd.add(leg.amount());
            usdFee = usdFee.add(leg.fee());
          }
          case "KFEE" -> kfee = kfee.add(leg.fee());
          default -> throw new IllegalStateException("unexpected leg " + leg);
        }
      }
      BigDecimal value = Precision.money(usd.abs());
      if (dot.signum() > 0) {
        quantity = quantity.add(dot);
        cost = cost.add(value);
      } else {
        BigDecimal sold = dot.negate();
        BigDecimal released =
            sold.compareTo(quantity) == 0 ? cost : Precision.share(cost, sold, quantity);
        realized = realized.add(value.subtract(released));
        quantity = quantity.subtract(sold);
        cost = cost.subtract(released);
      }
      if (dotFee.signum() > 0) {
        BigDecimal released =
            dotFee.compareTo(quantity) == 0 ? cost : Precision.share(cost, dotFee, quantity);
        realized = realized.subtract(released);
        quantity = quantity.subtract(dotFee);
        cost = cost.subtract(released);
      }
      realized = realized.subtract(Precision.money(usdFee));
      realized = realized.subtract(Precision.valueOf(kfee, new BigDecimal("0.01")));
    }
    return realized;
  }

  @Test
  void theSyncReadsTheOpenOrdersAndStoresWhatTheyHold() {
    try (PortfolioStore store =
        PortfolioStore.open(directory.resolve("tally.db").toString(), Map.of())) {
      SyncSummary summary = sync(store);

      List<io.tally.sim.Order> resting =
          account.orders().stream().filter(o -> o.status().isOpen()).toList();
      assertThat(resting).as("the grid bot's orders rest on the book").isNotEmpty();
      assertThat(summary.openOrders().orders())
          .extracting(OpenOrder::txid)
          .containsExactlyInAnyOrderElementsOf(resting.stream().map(o -> o.txid()).toList());
      Map<Asset, BigDecimal> holds = new java.util.TreeMap<>();
      account
          .holds()
          .forEach(
              (id, held) ->
                  holds.merge(io.tally.money.AssetSymbol.canonical(id), held, BigDecimal::add));
      holds.replaceAll((asset, held) -> Precision.canonical(held));
      assertThat(summary.holds().byAsset()).as("Kraken's hold_trade").isEqualTo(holds);
      assertThat(OrderHolds.from(Marks.of(store))).as("kept as a mark").contains(summary.holds());

      // Each order reserves its remaining volume (a sell) or that at its limit (a buy), before
      // fees; Kraken's hold of the asset adds the fee, never more than 1 % here.
      Map<Asset, BigDecimal> reserved = new java.util.TreeMap<>();
      for (OpenOrder order : summary.openOrders().orders()) {
        assertThat(order.pair()).as(order.txid()).isPresent();
        assertThat(order.strategy()).isIn("trend_v1", "grid_v2", "manual");
        reserved.merge(
            order.reservedAsset().orElseThrow(),
            order.reservedAmount().orElseThrow(),
            BigDecimal::add);
      }
      assertThat(reserved.keySet()).isEqualTo(holds.keySet());
      reserved.forEach(
          (asset, amount) -> {
            assertThat(holds.get(asset)).as("%s held", asset).isGreaterThanOrEqualTo(amount);
            assertThat(holds.get(asset))
                .as("%s held", asset)
                .isLessThanOrEqualTo(amount.multiply(new BigDecimal("1.01")));
          });
    }
  }

  @Test
  void progressShowsABarOnceTheRowCountIsKnown() {
    assertThat(
            KrakenSync.progressLine(
                new io.tally.kraken.api.PagingProgress(
                    "Ledgers", 3, 150, java.util.OptionalInt.of(600), 0)))
        .isEqualTo("  Ledgers       [######------------------] 150/600 rows, page 3");
    assertThat(
            KrakenSync.progressLine(
                new io.tally.kraken.api.PagingProgress(
                    "Ledgers", 1, 50, java.util.OptionalInt.empty(), 1)))
        .isEqualTo("  Ledgers       50 rows, page 1 (re-paged 1×)");
  }

  @Test
  void aSecondSyncAddsNothingAndALaterOneOnlyWhatIsNew() {
    try (PortfolioStore store =
        PortfolioStore.open(directory.resolve("tally.db").toString(), Map.of())) {
      sync(store);
      long rows = store.rowCount();

      SyncSummary again = sync(store);
      assertThat(again.newLedgerRows()).isZero();
      assertThat(again.newTrades()).isZero();
      assertThat(store.rowCount()).isEqualTo(rows);

      int ledgerBefore = account.ledger().size();
      account.advance(Duration.ofHours(6));
      SyncSummary later = sync(store);

      assertThat(later.newLedgerRows()).isEqualTo(account.ledger().size() - ledgerBefore);
      assertThat(later.newTrades()).isPositive();
      assertThat(later.balanceDifferences()).isEmpty();
    }
  }

  /** One fault of the simulator, by name, so each is a test case of its own. */
  enum Fault {
    LEDGERS_UNAVAILABLE(f -> f.serviceUnavailable("Ledgers", 2)),
    LEDGERS_HTTP_520(f -> f.httpError("Ledgers", 520, 1)),
    TRADES_BUSY(f -> f.serviceBusy("TradesHistory", 1)),
    ORDERS_MALFORMED_JSON(f -> f.malformedJson("ClosedOrders", 1)),
    LEDGERS_SHORT_PAGE(f -> f.shortPage("Ledgers", 20, 1)),
    TRADES_SHORT_PAGE(f -> f.shortPage("TradesHistory", 20, 1)),
    LEDGERS_NEW_ROWS_BETWEEN_PAGES(f -> f.newRowsAfter("Ledgers", 1)),
    BALANCE_WITHOUT_RESULT(f -> f.withoutResult(QuietMoment.BALANCES, 1)),
    TICKER_TIMEOUT(f -> f.delay("Ticker", Duration.ofSeconds(5), 1));

    final java.util.function.Consumer<io.tally.sim.Faults> inject;

    Fault(java.util.function.Consumer<io.tally.sim.Faults> inject) {
      this.inject = inject;
    }
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(Fault.class)
  void underEachFaultTheNextSyncConvergesWithoutDoubleCounting(Fault fault) {
    fault.inject.accept(simulator.faults());
    try (PortfolioStore store =
        PortfolioStore.open(directory.resolve("tally.db").toString(), Map.of())) {
      List<Throwable> failures = new ArrayList<>();
      try {
        sync(store);
      } catch (RuntimeException e) {
        failures.add(e); // a sync may give up; the next one must converge
      }
      SyncSummary next = sync(store);

      assertThat(next.balanceDifferences())
          .as("%s, first sync failed with %s", fault, failures)
          .isEmpty();
      assertThat(store.rows(Ingest.LEDGERS)).hasSize(account.ledger().size());
    }
  }
}
