package io.tally.engine.sync;

import static java.util.Objects.requireNonNull;

import io.tally.books.BookConfig;
import io.tally.books.BookState;
import io.tally.engine.Mark;
import io.tally.engine.Marks;
import io.tally.engine.config.TallyConfig;
import io.tally.engine.ingest.Ingest;
import io.tally.engine.ingest.IngestBatch;
import io.tally.engine.ingest.IngestResult;
import io.tally.engine.ingest.StrategyTags;
import io.tally.engine.prices.KrakenMarkets;
import io.tally.engine.prices.PriceFetch;
import io.tally.kraken.LedgerRow;
import io.tally.kraken.TradeRow;
import io.tally.kraken.api.ExtendedBalance;
import io.tally.kraken.api.KrakenClient;
import io.tally.kraken.api.KrakenOrder;
import io.tally.kraken.api.OpenPosition;
import io.tally.kraken.api.ProgressListener;
import io.tally.kraken.api.TradeBalance;
import io.tally.money.Asset;
import io.tally.money.AssetSymbol;
import io.tally.money.Pair;
import io.tally.reconcile.AssetDrift;
import io.tally.reconcile.ExchangeMargin;
import io.tally.reconcile.LiveCheck;
import io.tally.reconcile.PositionSize;
import io.tally.store.ImportBatch;
import io.tally.store.PortfolioStore;
import io.tally.store.SourceRow;
import io.tally.valuation.MarketPrices;
import io.tally.valuation.PriceSource;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
import java.util.function.Supplier;

/**
 * One sync of a Kraken account into the store. The ledger is the truth: new ledger entries are
 * fetched first, then the trades history and the orders that name each trade's pair, order and
 * strategy, and all of it is ingested in one transaction together with the new high-water marks.
 * Then the prices the books need are fetched — the last public trade before each past moment
 * (crypto swaps, deposits, withdrawals, rewards, third-asset fees) and the Ticker for now — and
 * stored apart ({@link PriceFetch}, shared with {@code tally prices fetch}). Then the books are
 * compared with Kraken's balances taken at a quiet moment ({@link QuietMoment}): when ledger rows
 * arrived meanwhile, the new rows are pulled the same way and the comparison is tried again. Where
 * the region has margin ({@code kraken.region}), Kraken's margin figures ({@code TradeBalance},
 * {@code OpenPositions}) are read inside the same quiet window and kept with the balances; where it
 * has none, they are never asked for. Finally the orders resting on Kraken are read ({@code
 * OpenOrders}) and what they hold of each asset, read with the balances ({@link OrderHolds}), is
 * stored as a mark: neither is books.
 *
 * <p>Interrupted anywhere, the next sync ends in the same books: rows already stored are skipped;
 * the marks only move with the rows they cover; and the prices still missing are found again by
 * replaying the books, whatever the last sync managed to store.
 *
 * <p>Example: {@code new KrakenSync(store, client, config, Clock.systemUTC(), System.err::println)
 * .run()}. Not thread-safe: one sync per store at a time.
 */
public final class KrakenSync {

  /**
   * How far before the newest row already stored a later sync looks again. Kraken's {@code start}
   * has whole seconds; the overlap catches rows of that same second that arrived late, and the
   * store skips the ones it has.
   */
  static final Duration OVERLAP = Duration.ofSeconds(2);

  /** The asset Kraken values {@code TradeBalance} in when not told otherwise. */
  static final String TRADE_BALANCE_ASSET = "ZUSD";

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
   * Kraken's balances at a quiet moment ({@link QuietMoment}), pulling again when rows arrived
   * meanwhile; then reads the open orders and stores what they hold.
   */
  public SyncSummary run() {
    List<Pulled> pulls = new ArrayList<>();
    Optional<Supplier<ExchangeMargin>> margin =
        config.kraken().region().hasMargin()
            ? Optional.of(() -> exchangeMargin(pulls.get(pulls.size() - 1).markets()))
            : Optional.empty();
    QuietBalances quiet =
        new QuietMoment(client, store, QuietMoment.TRIES, clock, progress)
            .find(() -> pulls.add(pull()), margin);
    Pulled last = pulls.get(pulls.size() - 1);
    OrderHolds holds = quiet.holds().orElseGet(this::holdsNow);
    progress.accept("fetching open orders");
    List<KrakenOrder> resting = client.openOrders();
    OpenOrders open = new OpenOrders(clock.instant(), openOrders(resting, last.markets()));
    store.commit(
        new ImportBatch(
            List.of(),
            List.of(),
            List.of(),
            Map.of(Mark.ORDER_HOLDS.key(), holds.toText()),
            "holds of open orders at " + holds.asOf()));
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
        last.prices().unpriced().size(),
        differences,
        quiet,
        holds,
        open);
  }

  /**
   * Kraken's margin figures now: {@code TradeBalance} (in {@code ZUSD}, Kraken's default) and
   * {@code OpenPositions}, each position's open volume ({@code vol − vol_closed}) signed by its
   * {@code type} and its pair named through Kraken's pair list, as open orders are. A position
   * whose pair is not in the list is left out (and said so in the progress).
   */
  private ExchangeMargin exchangeMargin(KrakenMarkets markets) {
    progress.accept("reading Kraken's margin figures (TradeBalance, OpenPositions)");
    TradeBalance figures = client.tradeBalance();
    List<PositionSize> sizes = new ArrayList<>();
    for (OpenPosition position : client.openPositions()) {
      Optional<Pair> pair =
          markets
              .pair(position.pair())
              .map(KrakenMarkets::assetsOf)
              .map(assets -> new Pair(assets[0], assets[1]));
      if (pair.isEmpty()) {
        progress.accept("  OpenPositions: pair " + position.pair() + " not known; left out");
        continue;
      }
      BigDecimal open = position.vol().subtract(position.volClosed());
      sizes.add(
          new PositionSize(pair.get(), position.type().equals("sell") ? open.negate() : open));
    }
    return new ExchangeMargin(
        AssetSymbol.canonical(TRADE_BALANCE_ASSET),
        figures.equivalentBalance(),
        figures.tradeBalance(),
        figures.marginUsed(),
        figures.unrealizedNet(),
        figures.equity(),
        figures.freeMargin(),
        figures.marginLevel(),
        sizes);
  }

  /**
   * What open orders hold now, for a sync whose every try found the books behind before it read
   * balances (so none read {@code hold_trade}).
   */
  private OrderHolds holdsNow() {
    Map<String, ExtendedBalance> balances = client.balanceEx();
    return OrderHolds.of(clock.instant(), balances);
  }

  /** Kraken's open orders, their pairs named through Kraken's pair list and tagged by strategy. */
  private List<OpenOrder> openOrders(List<KrakenOrder> resting, KrakenMarkets markets) {
    StrategyTags tags = new StrategyTags(config.portfolio().strategyTags());
    List<OpenOrder> orders = new ArrayList<>(resting.size());
    for (KrakenOrder order : resting) {
      Optional<Pair> pair =
          markets
              .pair(order.pair())
              .map(KrakenMarkets::assetsOf)
              .map(assets -> new Pair(assets[0], assets[1]));
      orders.add(OpenOrder.of(order, pair, tags));
    }
    return orders;
  }

  /**
   * What one pull ingested, the prices it fetched for the books that followed, and Kraken's markets
   * it priced them through.
   */
  private record Pulled(IngestResult ingested, PriceFetch.Summary prices, KrakenMarkets markets) {}

  /**
   * Fetches the ledger rows, trades and orders after the high-water marks and ingests them, then
   * fetches the prices the books need.
   */
  private Pulled pull() {
    KrakenListing listing = new KrakenListing(store, client, clock, progress);
    listing.refreshAssets();
    Marks marks = Marks.of(store);
    Optional<Instant> ledgersSince = since(marks, Mark.LEDGERS_NEWEST);
    Optional<Instant> tradesSince = since(marks, Mark.TRADES_NEWEST);
    Optional<Instant> ordersSince = since(marks, Mark.ORDERS_NEWEST);

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
    advance(newMarks, marks, Mark.LEDGERS_NEWEST, newest(ledger, LedgerRow::time));
    advance(newMarks, marks, Mark.TRADES_NEWEST, newest(trades, TradeRow::time));
    advance(
        newMarks,
        marks,
        Mark.ORDERS_NEWEST,
        newest(
            orders.stream().filter(o -> o.closeTime().isPresent()).toList(),
            o -> o.closeTime().orElseThrow()));
    newMarks.put(Mark.PRICES_BASE.key(), config.portfolio().baseCurrency().code());

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
    KrakenMarkets markets = new KrakenMarkets(listing.pairs(), config.portfolio().valuationPairs());
    PriceFetch.Summary prices =
        new PriceFetch(
                store,
                client,
                new BookConfig(
                    config.portfolio().baseCurrency(),
                    config.portfolio().costBasisMethod(),
                    MarketPrices.KFEE_USD),
                clock,
                progress)
            .run(markets);
    return new Pulled(ingested, prices, markets);
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
      Map<String, String> newMarks, Marks marks, Mark mark, Optional<Instant> newest) {
    Optional<Instant> stored = marks.instant(mark);
    newest
        .filter(t -> stored.isEmpty() || t.isAfter(stored.get()))
        .ifPresent(t -> newMarks.put(mark.key(), t.toString()));
  }

  private static Optional<Instant> since(Marks marks, Mark mark) {
    return marks.instant(mark).map(t -> t.minus(OVERLAP));
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
