package io.tally.engine;

import static java.util.Objects.requireNonNull;

import io.tally.books.BaseCurrency;
import io.tally.books.DataIssue;
import io.tally.engine.config.PortfolioConfig;
import io.tally.engine.config.TallyConfig;
import io.tally.engine.ingest.Ingest;
import io.tally.engine.ingest.LedgerCheck;
import io.tally.ledger.EventText;
import io.tally.ledger.LedgerEvent;
import io.tally.money.Asset;
import io.tally.money.Price;
import io.tally.store.EventRecord;
import io.tally.store.PortfolioStore;
import io.tally.store.StoredPrice;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a store holds, read back for reporting: the event log (parsed from its canonical lines) and
 * the findings of Kraken's running-balance check over the stored ledger rows, and the prices a sync
 * stored (OHLC closes at past moments, Ticker prices at sync time).
 *
 * <p>When an export starts after the account did, the first row of an asset and wallet finds a
 * balance already there; when rows are missing in the middle, a later row's balance jumps. Each is
 * an adjustment event just before the row (at market value, like a deposit), so holdings equal
 * Kraken's balances; see {@link LedgerCheck}.
 *
 * <p>Example: {@code StoredBooks.load(store).events()}. Immutable.
 */
public record StoredBooks(
    List<LedgerEvent> events, List<DataIssue> ledgerIssues, List<Price> prices, String pricesBase) {

  public StoredBooks {
    events = List.copyOf(events);
    ledgerIssues = List.copyOf(ledgerIssues);
    prices = List.copyOf(prices);
    requireNonNull(pricesBase, "pricesBase");
  }

  /**
   * The base currency these books are reported in under {@code portfolio}: the configured one, else
   * the currency the stored prices are in, else the only fiat currency of the events, else USD
   * ({@link BaseCurrency}).
   */
  public BaseCurrency baseCurrency(PortfolioConfig portfolio) {
    return portfolio.baseCurrencyFor(pricedIn(pricesBase), BaseCurrency.fiatIn(events));
  }

  /**
   * The base currency of what {@code store} holds under {@code portfolio}, as {@link
   * #baseCurrency(PortfolioConfig)} decides: from the configuration, the stored prices' mark or the
   * fiat currencies an ingest listed ({@link Mark#FIAT}); reads the event log only for a store
   * written before ingests listed them.
   */
  public static BaseCurrency baseCurrency(PortfolioStore store, PortfolioConfig portfolio) {
    Optional<BaseCurrency> decided = baseCurrency(Marks.of(store), portfolio);
    if (decided.isPresent()) {
      return decided.get();
    }
    List<LedgerEvent> events = new ArrayList<>();
    for (EventRecord record : store.events()) {
      events.add(EventText.parse(record.line()));
    }
    return portfolio.baseCurrencyFor(Optional.empty(), BaseCurrency.fiatIn(events));
  }

  /**
   * The base currency as {@link #baseCurrency(PortfolioStore, PortfolioConfig)} decides it from a
   * store's {@code marks} alone; empty when they name neither the prices' currency nor the events'
   * fiat currencies (a store written before those marks), and the event log must be read.
   */
  public static Optional<BaseCurrency> baseCurrency(Marks marks, PortfolioConfig portfolio) {
    if (portfolio.baseCurrencyConfigured()) {
      return Optional.of(portfolio.baseCurrencyFor(Optional.empty(), List.of()));
    }
    if (marks.pricesBase().isPresent()) {
      return Optional.of(portfolio.baseCurrencyFor(marks.pricesBase(), List.of()));
    }
    return marks.fiat().map(fiat -> portfolio.baseCurrencyFor(Optional.empty(), fiat));
  }

  /**
   * {@code config} with its base currency decided for what {@code store} holds ({@link
   * #baseCurrency(PortfolioStore, PortfolioConfig)}): what a service over the store must be built
   * with, so its books, prices and reports share one base currency.
   */
  public static TallyConfig withBaseCurrency(PortfolioStore store, TallyConfig config) {
    if (config.portfolio().baseCurrencyConfigured()) {
      return config;
    }
    BaseCurrency base = baseCurrency(store, config.portfolio());
    return config.withPortfolio(config.portfolio().withBaseCurrency(base.asset()));
  }

  private static Optional<Asset> pricedIn(String mark) {
    return mark.isEmpty() ? Optional.empty() : Optional.of(Asset.of(mark));
  }

  /** The stored prices when they are in {@code base}; none when a sync priced in another base. */
  public List<Price> pricesIn(Asset base) {
    return base.code().equals(pricesBase) ? prices : List.of();
  }

  /**
   * The event log and ledger findings of {@code store}. The opening-balance and gap events and the
   * findings are those the last ingest stored; a store written before ingests kept them has them
   * derived from its ledger rows here.
   */
  public static StoredBooks load(PortfolioStore store) {
    List<LedgerEvent> events = storedEvents(store);
    Marks marks = Marks.of(store);
    List<DataIssue> issues;
    Optional<String> stored = marks.get(Mark.LEDGER_ISSUES);
    if (stored.isPresent()) {
      issues = LedgerCheck.parseIssues(stored.get());
    } else {
      LedgerCheck check = LedgerCheck.of(Ingest.ledgerRows(store.rows(Ingest.LEDGERS)));
      events.addAll(check.adjustments());
      events.sort(LedgerEvent.ORDER);
      issues = check.issues();
    }
    return new StoredBooks(
        events, issues, storedPrices(store), marks.get(Mark.PRICES_BASE).orElse(""));
  }

  /**
   * The event log of {@code store} with its opening-balance and gap events, as {@link #load} has
   * it, without reading the prices.
   */
  public static List<LedgerEvent> events(PortfolioStore store) {
    return Marks.of(store).get(Mark.LEDGER_ISSUES).isPresent()
        ? storedEvents(store)
        : load(store).events();
  }

  private static List<LedgerEvent> storedEvents(PortfolioStore store) {
    List<EventRecord> records = store.events();
    List<LedgerEvent> events = new ArrayList<>(records.size());
    for (EventRecord record : records) {
      events.add(EventText.parse(record.line()));
    }
    return events;
  }

  /** The prices {@code store} keeps when a sync stored them in {@code base}; none otherwise. */
  public static List<Price> pricesIn(PortfolioStore store, Asset base) {
    if (!Marks.of(store).pricedIn(base)) {
      return List.of();
    }
    return storedPrices(store);
  }

  /**
   * Every price {@code store} keeps, whatever its base, in the order written. A {@link
   * io.tally.valuation.PriceTable} of them is the table of {@link PortfolioStore#prices()} (in time
   * order): of two prices of one asset and time, the one written later comes later in both orders
   * and wins. Read in the order written because the store has it indexed: time order makes the
   * database sort every price first (a third of the time of reading 650k prices from SQLite).
   */
  public static List<Price> storedPrices(PortfolioStore store) {
    return store.pricesSince(0).stream().map(StoredBooks::price).toList();
  }

  /** A price as the books use it, from the text the store keeps. */
  public static Price price(StoredPrice stored) {
    return new Price(
        Asset.of(stored.asset()), new BigDecimal(stored.price()), stored.at(), stored.source());
  }
}
