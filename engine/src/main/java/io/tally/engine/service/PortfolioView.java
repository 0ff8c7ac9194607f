package io.tally.engine.service;

import static java.util.Objects.requireNonNull;

import io.tally.books.BookState;
import io.tally.books.DataIssue;
import io.tally.engine.TradePnlLookup;
import io.tally.engine.sync.OpenOrders;
import io.tally.engine.sync.OrderHolds;
import io.tally.metrics.DrawdownWindow;
import io.tally.money.DisplayDecimals;
import io.tally.valuation.PortfolioValuation;
import io.tally.valuation.PriceSource;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One consistent state of the books, as every query reads it: the fold, what each of its trades did
 * to PnL, its valuation, the prices behind it, the decimals figures are shown at, the ledger
 * check's findings, the last reconciliation, how the last sync went, the store's import the books
 * are folded up to (lists of events are read as of that import, so they agree with the books), and
 * what Kraken's open orders held at the last sync with the orders themselves (not books: read at
 * each sync, dated). The service swaps in a new view when a write finishes, so a query never waits
 * for a sync and never sees half of one.
 *
 * <p>Example: {@code view.valuation().equity()}. Immutable.
 */
record PortfolioView(
    BookState books,
    TradePnlLookup tradePnls,
    PortfolioValuation valuation,
    PriceSource prices,
    DisplayDecimals display,
    List<DataIssue> ledgerIssues,
    Optional<Reconciliation> reconciliation,
    Optional<Instant> lastSyncAt,
    Optional<String> lastSyncError,
    long importId,
    Optional<OrderHolds> holds,
    Optional<OpenOrders> openOrders,
    Optional<DrawdownWindow> drawdown) {

  PortfolioView {
    requireNonNull(books, "books");
    requireNonNull(tradePnls, "tradePnls");
    requireNonNull(valuation, "valuation");
    requireNonNull(prices, "prices");
    requireNonNull(display, "display");
    ledgerIssues = List.copyOf(ledgerIssues);
    requireNonNull(reconciliation, "reconciliation");
    requireNonNull(lastSyncAt, "lastSyncAt");
    requireNonNull(lastSyncError, "lastSyncError");
    requireNonNull(holds, "holds");
    requireNonNull(openOrders, "openOrders");
    requireNonNull(drawdown, "drawdown");
  }

  /** When the books were last valued. */
  Instant asOf() {
    return valuation.asOf();
  }

  /** This view with {@code error} as how the last sync went, everything else unchanged. */
  PortfolioView withSyncError(String error) {
    return new PortfolioView(
        books,
        tradePnls,
        valuation,
        prices,
        display,
        ledgerIssues,
        reconciliation,
        lastSyncAt,
        Optional.of(error),
        importId,
        holds,
        openOrders,
        drawdown);
  }

  /** This view with the live drawdown windows {@code windows} instead. */
  PortfolioView withDrawdown(Optional<DrawdownWindow> windows) {
    return new PortfolioView(
        books,
        tradePnls,
        valuation,
        prices,
        display,
        ledgerIssues,
        reconciliation,
        lastSyncAt,
        lastSyncError,
        importId,
        holds,
        openOrders,
        windows);
  }
}
