package io.tally.engine;

import static java.util.Objects.requireNonNull;

import io.tally.books.DataIssue;
import io.tally.books.IssueKind;
import io.tally.engine.ingest.Ingest;
import io.tally.kraken.BalanceCheck;
import io.tally.kraken.BalanceFinding;
import io.tally.kraken.LedgerRow;
import io.tally.kraken.RunningBalanceCheck;
import io.tally.ledger.CashFlow;
import io.tally.ledger.EventId;
import io.tally.ledger.EventText;
import io.tally.ledger.FlowKind;
import io.tally.ledger.LedgerEvent;
import io.tally.money.Amount;
import io.tally.money.Asset;
import io.tally.money.AssetSymbol;
import io.tally.money.Price;
import io.tally.store.EventRecord;
import io.tally.store.PortfolioStore;
import io.tally.store.StoredPrice;
import java.math.BigDecimal;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a store holds, read back for reporting: the event log (parsed from its canonical lines) and
 * the findings of Kraken's running-balance check over the stored ledger rows, and the prices a sync
 * stored (OHLC closes at past moments, Ticker prices at sync time).
 *
 * <p>When an export starts after the account did, the first row of an asset and wallet finds a
 * balance already there. That opening balance is booked as an adjustment just before the row (at
 * market value, like a deposit), so holdings equal Kraken's balances; it is derived from the stored
 * rows on every load, so importing an older export later moves it back in time correctly.
 *
 * <p>Example: {@code StoredBooks.load(store).events()}. Immutable.
 */
public record StoredBooks(
    List<LedgerEvent> events, List<DataIssue> ledgerIssues, List<Price> prices, String pricesBase) {

  /** The mark naming the base currency the stored prices are in. */
  public static final String PRICES_BASE = "prices.base";

  public StoredBooks {
    events = List.copyOf(events);
    ledgerIssues = List.copyOf(ledgerIssues);
    prices = List.copyOf(prices);
    requireNonNull(pricesBase, "pricesBase");
  }

  /** The stored prices when they are in {@code base}; none when a sync priced in another base. */
  public List<Price> pricesIn(Asset base) {
    return base.code().equals(pricesBase) ? prices : List.of();
  }

  /** The event log and ledger findings of {@code store}. */
  public static StoredBooks load(PortfolioStore store) {
    List<EventRecord> records = store.events();
    List<LedgerEvent> events = new ArrayList<>(records.size());
    for (EventRecord record : records) {
      events.add(EventText.parse(record.line()));
    }
    List<LedgerRow> rows = Ingest.ledgerRows(store.rows(Ingest.LEDGERS));
    // Oldest first; rows of one moment keep the order they were imported in (the sort is stable).
    rows.sort(Comparator.comparing(LedgerRow::time));
    BalanceCheck check = RunningBalanceCheck.check(rows);
    events.addAll(openingBalances(check, rows));
    events.sort(LedgerEvent.ORDER);
    List<Price> prices = store.prices().stream().map(StoredBooks::price).toList();
    return new StoredBooks(
        events, issues(check), prices, store.marks().getOrDefault(PRICES_BASE, ""));
  }

  /** A price as the books use it, from the text the store keeps. */
  public static Price price(StoredPrice stored) {
    return new Price(
        Asset.of(stored.asset()), new BigDecimal(stored.price()), stored.at(), stored.source());
  }

  /** An adjustment for every opening balance, one microsecond before the row that shows it. */
  static List<LedgerEvent> openingBalances(BalanceCheck check, List<LedgerRow> rows) {
    Map<String, LedgerRow> byTxid = new HashMap<>();
    rows.forEach(row -> byTxid.putIfAbsent(row.txid(), row));
    List<LedgerEvent> events = new ArrayList<>();
    for (BalanceFinding opening : check.openingBalances()) {
      LedgerRow row = byTxid.get(opening.txid());
      Asset asset = AssetSymbol.canonical(opening.asset());
      String place = (opening.asset() + ":" + opening.wallet()).replaceAll("\\s+", "");
      events.add(
          new CashFlow(
              EventId.of("opening:" + place),
              row.time().minus(1, ChronoUnit.MICROS),
              FlowKind.ADJUSTMENT,
              new Amount(asset, opening.actual()),
              Amount.zero(asset)));
    }
    return events;
  }

  /** Kraken's running-balance findings as data issues. */
  public static List<DataIssue> issues(BalanceCheck check) {
    List<DataIssue> issues = new ArrayList<>();
    for (BalanceFinding opening : check.openingBalances()) {
      issues.add(
          new DataIssue(
              IssueKind.OPENING_BALANCE,
              opening.txid(),
              AssetSymbol.canonical(opening.asset()).code(),
              "history starts after the account did: "
                  + opening.source()
                  + " line "
                  + opening.line()
                  + " finds "
                  + opening.actual().toPlainString()
                  + " "
                  + opening.asset()
                  + (opening.wallet().isEmpty() ? "" : " in " + opening.wallet())
                  + " already there; booked as an opening adjustment at market value"));
    }
    check
        .firstDivergence()
        .ifPresent(
            divergence ->
                issues.add(
                    new DataIssue(
                        IssueKind.BALANCE_MISMATCH,
                        divergence.txid(),
                        AssetSymbol.canonical(divergence.asset()).code(),
                        divergence.source()
                            + " line "
                            + divergence.line()
                            + ": Kraken's balance "
                            + divergence.actual().toPlainString()
                            + " but the rows before it add up to "
                            + divergence.expected().toPlainString()
                            + (divergence.wallet().isEmpty()
                                ? ""
                                : " (" + divergence.wallet() + ")"))));
    return issues;
  }
}
