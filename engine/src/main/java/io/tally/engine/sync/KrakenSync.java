package io.tally.engine.sync;

import static java.util.Objects.requireNonNull;

import io.tally.books.BookConfig;
import io.tally.books.BookState;
import io.tally.books.Books;
import io.tally.books.Holding;
import io.tally.engine.StoredBooks;
import io.tally.engine.config.TallyConfig;
import io.tally.engine.ingest.Ingest;
import io.tally.engine.ingest.IngestBatch;
import io.tally.engine.ingest.IngestResult;
import io.tally.engine.ingest.StrategyTags;
import io.tally.engine.prices.HistoricPrices;
import io.tally.engine.prices.KrakenMarkets;
import io.tally.engine.prices.PriceRequests;
import io.tally.engine.prices.PriceRoute;
import io.tally.kraken.LedgerRow;
import io.tally.kraken.TradeRow;
import io.tally.kraken.api.AssetInfo;
import io.tally.kraken.api.KrakenClient;
import io.tally.kraken.api.KrakenOrder;
import io.tally.kraken.api.PairInfo;
import io.tally.kraken.api.ProgressListener;
import io.tally.kraken.api.TickerQuote;
import io.tally.money.Asset;
import io.tally.money.AssetSymbol;
import io.tally.money.Price;
import io.tally.reconcile.AssetDrift;
import io.tally.reconcile.LiveCheck;
import io.tally.store.ImportBatch;
import io.tally.store.PortfolioStore;
import io.tally.store.SourceRow;
import io.tally.store.StoredPrice;
import io.tally.valuation.MarketPrices;
import io.tally.valuation.PriceSource;
import io.tally.valuation.PriceTable;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One sync of a Kraken account into the store. The ledger is the truth: new ledger entries are
 * fetched first, then the trades history and the orders that name each trade's pair, order and
 * strategy, and all of it is ingested in one transaction together with the new high-water marks.
 * Then the prices the books need are fetched — OHLC closes for past moments (crypto swaps,
 * deposits, withdrawals, rewards, third-asset fees) and the Ticker for now — and stored in a second
 * transaction. Finally the books are compared with Kraken's {@code Balance} taken at a quiet moment
 * ({@link QuietMoment}): when ledger rows arrived meanwhile, the new rows are pulled the same way
 * and the comparison is tried again.
 *
 * <p>Interrupted anywhere, the next sync ends in the same books: rows already stored are skipped;
 * the marks only move with the rows they cover; and the prices still missing are found again by
 * replaying the books, whatever the last sync managed to store.
 *
 * <p>Example: {@code new KrakenSync(store, client, config, Clock.systemUTC(), System.err::println)
 * .run()}. Not thread-safe: one sync per store at a time.
 */
public final class KrakenSync {

  static final String LEDGERS_NEWEST = "ledgers.newest";
  static final String TRADES_NEWEST = "trades.newest";
  static final String ORDERS_NEWEST = "orders.newest";
  static final String ASSETS_FETCHED = "assets.fetched";
  static final String PAIRS_FETCHED = "pairs.fetched";
  static final String PAIRS = "kraken.pairs";

  /** How long Kraken's Assets list is trusted before a sync fetches it again. */
  static final Duration ASSETS_MAX_AGE = Duration.ofDays(1);

  /**
   * How far before the newest row already stored a later sync looks again. Kraken's {@code start}
   * has whole seconds; the overlap catches rows of that same second that arrived late, and the
   * store skips the ones it has.
   */
  static final Duration OVERLAP = Duration.ofSeconds(2);

  private final PortfolioStore store;
  private final KrakenClient client;
  private final TallyConfig config;
  private final Clock clock;
  private final Consumer<String> progress;

  public KrakenSync(
      PortfolioStore store,
      KrakenClient client,
      TallyConfig config,
      Clock clock,
      Consumer<String> progress) {
    this.store = requireNonNull(store, "store");
    this.client = requireNonNull(client, "client");
    this.config = requireNonNull(config, "config");
    this.clock = requireNonNull(clock, "clock");
    this.progress = requireNonNull(progress, "progress");
  }

  /**
   * Runs the sync and says what it brought: pulls what is new, then compares the books with
   * Kraken's {@code Balance} at a quiet moment ({@link QuietMoment}), pulling again when rows
   * arrived meanwhile.
   */
  public SyncSummary run() {
    List<Pulled> pulls = new ArrayList<>();
    QuietBalances quiet =
        new QuietMoment(client, store, QuietMoment.TRIES, progress).find(() -> pulls.add(pull()));
    Pulled last = pulls.get(pulls.size() - 1);
    List<BalanceDifference> differences =
        quiet
            .balances()
            .map(balances -> compare(last.prices().books(), balances))
            .orElse(List.of());
    Set<String> updatedPairs = new TreeSet<>();
    int newLedgerRows = 0;
    int newTrades = 0;
    int newCashFlows = 0;
    int duplicatesSkipped = 0;
    int pricesStored = 0;
    for (Pulled pull : pulls) {
      newLedgerRows += pull.ingested().newLedgerRows();
      newTrades += pull.ingested().newTrades();
      newCashFlows += pull.ingested().newCashFlows();
      duplicatesSkipped += pull.ingested().duplicatesSkipped();
      updatedPairs.addAll(pull.ingested().updatedPairs());
      pricesStored += pull.prices().stored();
    }
    return new SyncSummary(
        newLedgerRows,
        newTrades,
        updatedPairs,
        newCashFlows,
        duplicatesSkipped,
        pricesStored,
        last.prices().unpriced(),
        differences,
        quiet);
  }

  /** What one pull ingested, and the prices it fetched for the books that followed. */
  private record Pulled(IngestResult ingested, PricesFetched prices) {}

  /**
   * Fetches the ledger rows, trades and orders after the high-water marks and ingests them, then
   * fetches the prices the books need.
   */
  private Pulled pull() {
    refreshAssetNames(store.marks());
    Map<String, String> marks = store.marks();
    Optional<Instant> ledgersSince = since(marks, LEDGERS_NEWEST);
    Optional<Instant> tradesSince = since(marks, TRADES_NEWEST);
    Optional<Instant> ordersSince = since(marks, ORDERS_NEWEST);

    progress.accept(
        ledgersSince
            .map(t -> "fetching ledger entries after " + t)
            .orElse("fetching the whole ledger"));
    List<LedgerRow> ledger = client.allLedgers(Optional.empty(), ledgersSince, pages());
    progress.accept("fetching the trades history");
    List<TradeRow> trades = client.allTrades(Optional.empty(), tradesSince, pages());
    progress.accept("fetching closed orders");
    List<KrakenOrder> orders =
        new ArrayList<>(client.allClosedOrders(Optional.empty(), ordersSince, pages()));
    orders.addAll(openOrdersOf(trades, orders));

    Map<String, String> newMarks = new LinkedHashMap<>();
    advance(newMarks, marks, LEDGERS_NEWEST, newest(ledger, LedgerRow::time));
    advance(newMarks, marks, TRADES_NEWEST, newest(trades, TradeRow::time));
    advance(
        newMarks,
        marks,
        ORDERS_NEWEST,
        newest(
            orders.stream().filter(o -> o.closeTime().isPresent()).toList(),
            o -> o.closeTime().orElseThrow()));
    newMarks.put(StoredBooks.PRICES_BASE, config.portfolio().baseCurrency().code());

    IngestResult ingested =
        new Ingest(store, new StrategyTags(config.portfolio().strategyTags()), progress)
            .run(
                new IngestBatch(
                    ledger,
                    trades,
                    orderRows(orders),
                    List.of(),
                    newMarks,
                    "sync " + ledger.size() + " ledger rows, " + trades.size() + " trades"));

    progress.accept("fetching prices");
    KrakenMarkets markets = new KrakenMarkets(assetPairs(), config.portfolio().valuationPairs());
    PricesFetched prices = fetchPrices(markets);
    return new Pulled(ingested, prices);
  }

  /**
   * Fetches Kraken's Assets list when the stored one is older than a day (or missing) and keeps it:
   * each id with its altname is a row, so a renamed asset adds a row and the latest one wins.
   */
  private void refreshAssetNames(Map<String, String> marks) {
    Instant now = clock.instant();
    String fetched = marks.get(ASSETS_FETCHED);
    if (fetched != null && Instant.parse(fetched).plus(ASSETS_MAX_AGE).isAfter(now)) {
      return;
    }
    progress.accept("fetching Kraken's asset list");
    List<SourceRow> rows = new ArrayList<>();
    for (AssetInfo asset : client.assets()) {
      rows.add(
          new SourceRow(
              Ingest.ASSETS,
              asset.id() + "@" + asset.altname(),
              asset.id(),
              now,
              Map.of(
                  "id", asset.id(),
                  "altname", asset.altname(),
                  "decimals", Integer.toString(asset.decimals()))));
    }
    store.commit(
        new ImportBatch(
            rows, List.of(), List.of(), Map.of(ASSETS_FETCHED, now.toString()), "assets"));
  }

  /**
   * Kraken's AssetPairs, fetched at most daily and kept in the store (one row per pair and version
   * of its fields, so a change adds a row and the latest wins).
   */
  private List<PairInfo> assetPairs() {
    Instant now = clock.instant();
    String fetched = store.marks().get(PAIRS_FETCHED);
    if (fetched == null || !Instant.parse(fetched).plus(ASSETS_MAX_AGE).isAfter(now)) {
      List<SourceRow> rows = new ArrayList<>();
      for (PairInfo pair : client.assetPairs()) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", pair.key());
        fields.put("altname", pair.altname());
        fields.put("wsname", pair.wsname());
        fields.put("base", pair.base());
        fields.put("quote", pair.quote());
        fields.put("pair_decimals", Integer.toString(pair.pairDecimals()));
        fields.put("lot_decimals", Integer.toString(pair.lotDecimals()));
        fields.put(
            "cost_decimals",
            pair.costDecimals().isPresent()
                ? Integer.toString(pair.costDecimals().getAsInt())
                : "");
        fields.put("ordermin", pair.ordermin().toPlainString());
        rows.add(
            new SourceRow(
                PAIRS,
                pair.key() + "@" + String.join("|", fields.values()),
                pair.key(),
                now,
                fields));
      }
      store.commit(
          new ImportBatch(
              rows, List.of(), List.of(), Map.of(PAIRS_FETCHED, now.toString()), "asset pairs"));
    }
    Map<String, PairInfo> latest = new LinkedHashMap<>();
    for (SourceRow row : store.rows(PAIRS)) {
      Map<String, String> f = row.fields();
      String cost = f.getOrDefault("cost_decimals", "");
      latest.put(
          f.get("key"),
          new PairInfo(
              f.get("key"),
              f.get("altname"),
              f.get("wsname"),
              f.get("base"),
              f.get("quote"),
              Integer.parseInt(f.get("pair_decimals")),
              Integer.parseInt(f.get("lot_decimals")),
              cost.isEmpty()
                  ? java.util.OptionalInt.empty()
                  : java.util.OptionalInt.of(Integer.parseInt(cost)),
              new BigDecimal(f.get("ordermin"))));
    }
    return new ArrayList<>(latest.values());
  }

  /** Orders named by new trades that are still open (partly filled), so their tags are known. */
  private List<KrakenOrder> openOrdersOf(List<TradeRow> trades, List<KrakenOrder> closed) {
    Set<String> known = new HashSet<>();
    closed.forEach(order -> known.add(order.txid()));
    Set<String> wanted = new LinkedHashSet<>();
    for (TradeRow trade : trades) {
      if (!trade.orderTxid().isEmpty() && !known.contains(trade.orderTxid())) {
        wanted.add(trade.orderTxid());
      }
    }
    wanted.removeAll(store.knownRowIds(Ingest.ORDERS, wanted));
    return wanted.isEmpty() ? List.of() : client.queryOrders(new ArrayList<>(wanted));
  }

  private record PricesFetched(BookState books, int stored, int unpriced) {}

  /**
   * Replays the stored books recording every price they asked for and could not get, fetches those
   * from OHLC candles and the current prices of every holding from the Ticker, and stores them.
   */
  private PricesFetched fetchPrices(KrakenMarkets markets) {
    Asset base = config.portfolio().baseCurrency();
    BookConfig bookConfig =
        new BookConfig(base, config.portfolio().costBasisMethod(), MarketPrices.KFEE_USD);
    StoredBooks stored = StoredBooks.load(store);
    PriceRequests requests = new PriceRequests(PriceTable.of(stored.pricesIn(base)));
    Books.replay(bookConfig, requests, stored.events());
    Instant now = clock.instant();
    HistoricPrices.Result historic =
        new HistoricPrices(
                markets,
                base,
                (pair, interval, since) ->
                    client.ohlc(pair, interval, Optional.of(since)).candles())
            .fetch(requests.missing(), now);

    List<StoredPrice> prices = new ArrayList<>(historic.prices());
    List<Price> known = new ArrayList<>(stored.pricesIn(base));
    historic.prices().forEach(price -> known.add(StoredBooks.price(price)));
    BookState books = Books.replay(bookConfig, PriceTable.of(known), stored.events());
    prices.addAll(tickerPrices(markets, books, base));
    if (!prices.isEmpty()) {
      store.commit(
          new ImportBatch(
              List.of(),
              List.of(),
              prices,
              Map.of(StoredBooks.PRICES_BASE, base.code()),
              "prices"));
    }
    return new PricesFetched(books, prices.size(), historic.unpriced().size());
  }

  /** The last Ticker price of every asset held (direct or crossed), when it was received. */
  private List<StoredPrice> tickerPrices(KrakenMarkets markets, BookState books, Asset base) {
    Map<Asset, PriceRoute> routes = new TreeMap<>();
    Set<String> pairs = new TreeSet<>();
    for (Holding holding : books.holdings().values()) {
      if (holding.quantity().signum() != 0 && !holding.asset().equals(base)) {
        markets
            .routeFor(holding.asset(), base)
            .ifPresent(
                route -> {
                  routes.put(holding.asset(), route);
                  route.legs().forEach(leg -> pairs.add(leg.pair().key()));
                });
      }
    }
    if (pairs.isEmpty()) {
      return List.of();
    }
    Map<String, TickerQuote> quotes = new HashMap<>();
    for (TickerQuote quote : client.ticker(new ArrayList<>(pairs))) {
      markets.pair(quote.pair()).ifPresent(pair -> quotes.put(pair.key(), quote));
    }
    // Stamped by the sync's clock, the books' "now", when the answer arrived: the client's clock
    // may be one that skips the call counter's waits (the demo's simulator).
    Instant received = clock.instant();
    List<StoredPrice> prices = new ArrayList<>();
    routes.forEach(
        (asset, route) -> {
          List<BigDecimal> lasts = new ArrayList<>();
          for (PriceRoute.Leg leg : route.legs()) {
            TickerQuote quote = quotes.get(leg.pair().key());
            if (quote == null) {
              return;
            }
            lasts.add(quote.last());
          }
          prices.add(
              new StoredPrice(
                  asset.code(),
                  received,
                  route.price(lasts).toPlainString(),
                  "kraken:ticker:" + route.name()));
        });
    return prices;
  }

  /** Kraken's balances by canonical asset: XXBT and XBT.M are both XBT, and add up. */
  public static Map<Asset, BigDecimal> canonical(Map<String, BigDecimal> exchange) {
    Map<Asset, BigDecimal> kraken = new TreeMap<>();
    exchange.forEach(
        (id, amount) -> kraken.merge(AssetSymbol.canonical(id), amount, BigDecimal::add));
    return kraken;
  }

  /**
   * Holdings against Kraken's balances by canonical asset (XXBT and XBT.M are both XBT): the
   * quantities of the live check ({@link LiveCheck}, the one place for that comparison), without
   * its valuation.
   */
  static List<BalanceDifference> compare(BookState books, Map<Asset, BigDecimal> exchange) {
    LiveCheck check =
        LiveCheck.of(books, exchange, PriceSource.NONE, Instant.EPOCH, BigDecimal.ZERO);
    List<BalanceDifference> differences = new ArrayList<>();
    for (AssetDrift drift : check.differences()) {
      differences.add(new BalanceDifference(drift.asset(), drift.internal(), drift.exchange()));
    }
    return differences;
  }

  private static List<SourceRow> orderRows(List<KrakenOrder> orders) {
    List<SourceRow> rows = new ArrayList<>(orders.size());
    for (KrakenOrder order : orders) {
      Map<String, String> fields = new LinkedHashMap<>();
      fields.put("txid", order.txid());
      fields.put("status", order.status());
      fields.put("userref", Long.toString(order.userref()));
      fields.put("cl_ord_id", order.clOrdId());
      fields.put("pair", order.pair());
      fields.put("type", order.type());
      fields.put("ordertype", order.orderType());
      fields.put("vol", order.vol().toPlainString());
      fields.put("vol_exec", order.volExec().toPlainString());
      fields.put("cost", order.cost().toPlainString());
      fields.put("fee", order.fee().toPlainString());
      fields.put("price", order.price().toPlainString());
      fields.put("opentm", order.openTime().toString());
      fields.put("closetm", order.closeTime().map(Instant::toString).orElse(""));
      fields.put("trades", String.join(",", order.tradeIds()));
      rows.add(
          new SourceRow(
              Ingest.ORDERS,
              order.txid(),
              order.txid(),
              order.closeTime().orElse(order.openTime()),
              fields));
    }
    return rows;
  }

  private static <T> Optional<Instant> newest(List<T> rows, Function<T, Instant> time) {
    return rows.stream().map(time).max(Comparator.naturalOrder());
  }

  /** Sets a time mark to {@code newest} unless the stored mark is already later. */
  private static void advance(
      Map<String, String> newMarks,
      Map<String, String> marks,
      String name,
      Optional<Instant> newest) {
    newest
        .filter(t -> marks.get(name) == null || t.isAfter(Instant.parse(marks.get(name))))
        .ifPresent(t -> newMarks.put(name, t.toString()));
  }

  private static Optional<Instant> since(Map<String, String> marks, String name) {
    return Optional.ofNullable(marks.get(name)).map(Instant::parse).map(t -> t.minus(OVERLAP));
  }

  private ProgressListener pages() {
    return page -> progress.accept(progressLine(page));
  }

  /** One line of paging progress, with a bar once Kraken has said how many rows there are. */
  static String progressLine(io.tally.kraken.api.PagingProgress page) {
    String restarts = page.restarts() > 0 ? " (re-paged " + page.restarts() + "×)" : "";
    if (page.count().isEmpty() || page.count().getAsInt() == 0) {
      return String.format(
          "  %-13s %,d rows, page %d%s", page.method(), page.rows(), page.pages(), restarts);
    }
    int total = page.count().getAsInt();
    int width = 24;
    int filled = (int) Math.min(width, (long) page.rows() * width / total);
    return String.format(
        "  %-13s [%s%s] %,d/%,d rows, page %d%s",
        page.method(),
        "#".repeat(filled),
        "-".repeat(width - filled),
        page.rows(),
        total,
        page.pages(),
        restarts);
  }
}
