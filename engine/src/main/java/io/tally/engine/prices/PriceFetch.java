package io.tally.engine.prices;

import static java.util.Objects.requireNonNull;

import io.tally.books.BookConfig;
import io.tally.books.BookState;
import io.tally.books.Holding;
import io.tally.engine.LiveBooks;
import io.tally.engine.Mark;
import io.tally.engine.prices.HistoricPrices.Unpriced;
import io.tally.engine.prices.PriceRequests.Missing;
import io.tally.kraken.api.KrakenClient;
import io.tally.kraken.api.TickerQuote;
import io.tally.money.Asset;
import io.tally.store.ImportBatch;
import io.tally.store.PortfolioStore;
import io.tally.store.StoredPrice;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Fetches and stores every price the stored books need, for {@code tally sync} and {@code tally
 * prices fetch} alike: the past moments the books lack a price for ({@link
 * LiveBooks#missingPrices()}, priced by {@link HistoricPrices}) and the Ticker's last price of
 * every asset held, now. Past prices are stored in batches of {@value #BATCH} moments as they come,
 * so an interrupted fetch keeps what it found and the next one asks only for the rest; a moment
 * already stored is never asked for again.
 *
 * <p>Example: {@code new PriceFetch(store, client, config, clock, System.err::println)
 * .run(markets)}. Not thread-safe: one fetch per store at a time.
 */
public final class PriceFetch {

  /** Past moments priced and stored per transaction. */
  static final int BATCH = 250;

  /** What a fetch did: the books valued with every price now known, and the counts. */
  public record Summary(
      BookState books,
      int moments,
      int fromTrades,
      int fromOhlc,
      int current,
      List<Unpriced> unpriced,
      int tradePages) {

    public Summary {
      requireNonNull(books, "books");
      unpriced = List.copyOf(unpriced);
    }

    /** Prices stored in all: past ones and current ones. */
    public int stored() {
      return fromTrades + fromOhlc + current;
    }
  }

  private final PortfolioStore store;
  private final KrakenClient client;
  private final BookConfig config;
  private final Clock clock;
  private final Consumer<String> progress;

  public PriceFetch(
      PortfolioStore store,
      KrakenClient client,
      BookConfig config,
      Clock clock,
      Consumer<String> progress) {
    this.store = requireNonNull(store, "store");
    this.client = requireNonNull(client, "client");
    this.config = requireNonNull(config, "config");
    this.clock = requireNonNull(clock, "clock");
    this.progress = requireNonNull(progress, "progress");
  }

  /**
   * Fetches what is missing with {@code markets} as Kraken's pairs, and stores it. The books come
   * from the store's checkpoint and the events after it ({@link LiveBooks}), whose fold lists the
   * missing moments; when past prices were stored, the books are folded again with them and saved
   * as the newest checkpoint, so the next command resumes from books that have them.
   */
  public Summary run(KrakenMarkets markets) {
    Asset base = config.base();
    LiveBooks live = LiveBooks.start(store, config);
    List<Missing> missing = new ArrayList<>(live.missingPrices());
    missing.sort(Comparator.comparing(Missing::at));
    Instant now = clock.instant();
    HistoricPrices historic =
        new HistoricPrices(
            markets,
            base,
            (pair, since) ->
                client.trades(pair, Optional.of(since), KrakenClient.MAX_PUBLIC_TRADES),
            (pair, interval, since) -> client.ohlc(pair, interval, Optional.of(since)).candles(),
            progress);
    if (!missing.isEmpty()) {
      progress.accept(
          String.format("pricing %,d past moments from Kraken's public trades", missing.size()));
    }
    List<Unpriced> unpriced = new ArrayList<>();
    int fromTrades = 0;
    int fromOhlc = 0;
    int pages = 0;
    for (int from = 0; from < missing.size(); from += BATCH) {
      List<Missing> batch = missing.subList(from, Math.min(from + BATCH, missing.size()));
      HistoricPrices.Result result = historic.fetch(batch, now);
      store(result.prices(), base);
      unpriced.addAll(result.unpriced());
      fromTrades += result.fromTrades();
      fromOhlc += result.fromOhlc();
      pages += result.tradePages();
      if (missing.size() > BATCH) {
        progress.accept(
            String.format("  %,d of %,d past moments done", from + batch.size(), missing.size()));
      }
    }
    // Past prices stored: the fold goes again with them, and is saved before the Ticker's prices
    // (dated now, after every event) are stored, which a later start simply adds.
    live.catchUp(store);
    if (fromTrades + fromOhlc > 0) {
      live.checkpoint(store, clock.instant());
    }
    BookState books = live.state();
    List<StoredPrice> current = tickerPrices(markets, books, base);
    store(current, base);
    return new Summary(
        books, missing.size(), fromTrades, fromOhlc, current.size(), unpriced, pages);
  }

  private void store(List<StoredPrice> prices, Asset base) {
    if (!prices.isEmpty()) {
      store.commit(
          new ImportBatch(
              List.of(), List.of(), prices, Map.of(Mark.PRICES_BASE.key(), base.code()), "prices"));
    }
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
    progress.accept("fetching current prices (Ticker)");
    Map<String, TickerQuote> quotes = new HashMap<>();
    for (TickerQuote quote : client.ticker(new ArrayList<>(pairs))) {
      markets.pair(quote.pair()).ifPresent(pair -> quotes.put(pair.key(), quote));
    }
    // Stamped by this fetch's clock, the books' "now", when the answer arrived: the client's clock
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
}
