package io.tally.engine.sync;

import static java.util.Objects.requireNonNull;

import io.tally.engine.ingest.Ingest;
import io.tally.kraken.LedgerRow;
import io.tally.kraken.api.ExtendedBalance;
import io.tally.kraken.api.HistoryQuery;
import io.tally.kraken.api.KrakenClient;
import io.tally.kraken.api.Page;
import io.tally.money.Asset;
import io.tally.reconcile.ExchangeMargin;
import io.tally.store.PortfolioStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The quiet-moment protocol of docs/RECONCILIATION.md, the one place where Kraken's balances are
 * fetched to be compared with the books. A balance is only comparable with books that hold exactly
 * the ledger of the same moment; the account trades on while Tally syncs, so each try:
 *
 * <ol>
 *   <li>brings the store's ledger up to date (the sync's own fetch and ingest, {@code catchUp});
 *   <li>reads the ledger's newest row ({@code Ledgers}, newest first: its id and the row count);
 *   <li>fetches the balances: {@value #BALANCES}, whose {@code balance} per asset is what {@code
 *       Balance} answers and whose {@code hold_trade} is what open orders hold ({@link
 *       OrderHolds}), so one call gives both;
 *   <li>when asked, reads Kraken's margin figures ({@code TradeBalance} and {@code OpenPositions}),
 *       so they are of the same ledger as the balances;
 *   <li>reads the ledger's newest row again.
 * </ol>
 *
 * When both reads agree and the store holds that newest row, no row arrived between the books and
 * the balances: the moment was quiet, and the balances are returned. Otherwise the try is spent and
 * the next one starts by ingesting what arrived. After {@code tries} tries the answer is that no
 * quiet moment was found ({@link QuietBalances#none}): never balances from another moment than the
 * books. The holds of the last balances read come back either way: they are not compared with the
 * books, only dated.
 *
 * <p>Example: {@code new QuietMoment(client, store, QuietMoment.TRIES, clock,
 * progress).find(sync::pull)}. Not thread-safe: one sync at a time per store.
 */
public final class QuietMoment {

  /** How many tries a sync makes before it says there was no quiet moment. */
  public static final int TRIES = 3;

  /** The Kraken method the balances come from. */
  public static final String BALANCES = "BalanceEx";

  private final KrakenClient client;
  private final PortfolioStore store;
  private final int tries;
  private final Clock clock;
  private final Consumer<String> progress;

  /** The ledger's newest row (empty for an empty ledger) and its row count, as Kraken says. */
  private record Head(Optional<String> newest, int count) {}

  /** As {@link #QuietMoment(KrakenClient, PortfolioStore, int, Clock, Consumer)} on UTC time. */
  public QuietMoment(
      KrakenClient client, PortfolioStore store, int tries, Consumer<String> progress) {
    this(client, store, tries, Clock.systemUTC(), progress);
  }

  /**
   * The protocol over {@code store}, in at most {@code tries} tries, dating holds by {@code clock}.
   */
  public QuietMoment(
      KrakenClient client,
      PortfolioStore store,
      int tries,
      Clock clock,
      Consumer<String> progress) {
    this.client = requireNonNull(client, "client");
    this.store = requireNonNull(store, "store");
    if (tries < 1) {
      throw new IllegalArgumentException("A quiet moment needs at least one try, got " + tries);
    }
    this.tries = tries;
    this.clock = requireNonNull(clock, "clock");
    this.progress = requireNonNull(progress, "progress");
  }

  /**
   * Runs the protocol; {@code catchUp} brings the store's ledger up to date and runs once at the
   * start of every try.
   */
  public QuietBalances find(Runnable catchUp) {
    return find(catchUp, Optional.empty());
  }

  /**
   * As {@link #find(Runnable)}; with {@code margin}, Kraken's margin figures are read after the
   * balances and before the ledger's head is read again, so a quiet moment vouches for them too.
   */
  public QuietBalances find(Runnable catchUp, Optional<Supplier<ExchangeMargin>> margin) {
    requireNonNull(catchUp, "catchUp");
    requireNonNull(margin, "margin");
    Optional<OrderHolds> holds = Optional.empty();
    for (int attempt = 1; attempt <= tries; attempt++) {
      catchUp.run();
      progress.accept(
          attempt == 1
              ? "reconciling with Kraken's balances"
              : "reconciling with Kraken's balances, try "
                  + attempt
                  + " of "
                  + tries
                  + " (ledger rows arrived meanwhile)");
      Head before = head();
      if (before.newest().isPresent() && !stored(before.newest().get())) {
        continue; // rows arrived after the catch-up: the books are behind already
      }
      Map<String, ExtendedBalance> extended = client.balanceEx();
      holds = Optional.of(OrderHolds.of(clock.instant(), extended));
      Map<Asset, BigDecimal> balances = KrakenSync.canonical(balancesOf(extended));
      Optional<ExchangeMargin> figures = margin.map(Supplier::get);
      Head after = head();
      if (after.equals(before)) {
        return QuietBalances.found(balances, holds.get(), before.newest(), attempt, figures);
      }
    }
    progress.accept(
        "no quiet moment: ledger rows kept arriving through "
            + tries
            + " tries; balances not compared");
    return QuietBalances.none(tries, holds);
  }

  /** The {@code balance} of each asset, as {@code Balance} would answer it. */
  private static Map<String, BigDecimal> balancesOf(Map<String, ExtendedBalance> extended) {
    Map<String, BigDecimal> balances = new LinkedHashMap<>();
    extended.forEach((asset, balance) -> balances.put(asset, balance.balance()));
    return balances;
  }

  /** The first page of {@code Ledgers}: its newest row (Kraken sends newest first) and count. */
  private Head head() {
    Page<LedgerRow> page = client.ledgers(HistoryQuery.all());
    Optional<LedgerRow> newest = Optional.empty();
    for (LedgerRow row : page.rows()) {
      if (newest.isEmpty() || row.time().isAfter(newest.get().time())) {
        newest = Optional.of(row);
      }
    }
    return new Head(newest.map(LedgerRow::txid), page.count().orElse(page.rows().size()));
  }

  private boolean stored(String ledgerId) {
    return store.knownRowIds(Ingest.LEDGERS, Set.of(ledgerId)).contains(ledgerId);
  }
}
