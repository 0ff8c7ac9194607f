package io.tally.kraken.api;

import static java.util.Objects.requireNonNull;

import io.tally.kraken.LedgerRow;
import io.tally.kraken.TradeRow;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A thin client for Kraken's Spot REST API (kraken-api.md): public market data and the read-only
 * private endpoints a portfolio needs, with typed results. Calls are retried per §4.2 with
 * exponential backoff and jitter, private calls wait for the local {@link CallCounter} (§4.3),
 * public calls keep to about one a second after a short burst (Kraken's per-IP limit, §2.4; {@link
 * CallCounter#forPublicCalls}), and nonce generation plus sending is serialised per API key (§3.4).
 * Ledger and trade rows come back as {@link LedgerRow} and {@link TradeRow}, parsed by the same
 * code as CSV exports (source {@code kraken-api}, line 0).
 *
 * <p>Example:
 *
 * <pre>{@code
 * KrakenClient kraken = KrakenClient.builder()
 *     .credentials(KrakenCredentials.fromEnvironment(System.getenv()))
 *     .tier(CallCounter.Tier.INTERMEDIATE)
 *     .nonceSource(new FileNonceSource(Path.of("kraken.nonce"), Clock.systemUTC()))
 *     .build();
 * List<LedgerRow> rows = kraken.allLedgers(Optional.empty(), Optional.empty(), ProgressListener.none());
 * }</pre>
 *
 * Thread-safe.
 */
public final class KrakenClient {

  /** Kraken's production API. */
  public static final URI DEFAULT_BASE_URL = URI.create("https://api.kraken.com");

  /** Kraken's maximum ids per QueryOrders call. */
  static final int MAX_ORDER_IDS = 50;

  /** Kraken's maximum ids per QueryTrades call. */
  static final int MAX_TRADE_IDS = 20;

  /** Kraken's maximum ids per QueryLedgers call. */
  static final int MAX_LEDGER_IDS = 20;

  /** Kraken's maximum trades per public Trades page. */
  public static final int MAX_PUBLIC_TRADES = 1000;

  private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

  private final Transport transport;
  private final Clock clock;
  private final int maxPagingRestarts;

  private KrakenClient(Builder builder) {
    this.clock = builder.clock;
    this.maxPagingRestarts = builder.maxPagingRestarts;
    NonceSource nonces = builder.nonceSource.orElseGet(() -> NonceSource.ofClock(builder.clock));
    this.transport =
        new Transport(
            builder.baseUrl,
            builder.credentials,
            nonces,
            new CallCounter(builder.tier, builder.clock, builder.sleeper),
            builder.pacePublicCalls
                ? Optional.of(CallCounter.forPublicCalls(builder.clock, builder.sleeper))
                : Optional.empty(),
            builder.connectTimeout,
            builder.requestTimeout,
            builder.retry);
  }

  /** A builder with Kraken's production URL, no credentials and the Starter tier. */
  public static Builder builder() {
    return new Builder();
  }

  // ---- public market data --------------------------------------------------------------------

  /** Kraken's clock ({@code Time}), whole seconds: compare with ours to find nonce trouble. */
  public Instant serverTime() {
    return Responses.serverTime(transport.publicCall("Time", Map.of()));
  }

  /** Whether Kraken trades normally ({@code SystemStatus}). */
  public SystemStatus systemStatus() {
    return Responses.systemStatus(transport.publicCall("SystemStatus", Map.of()));
  }

  /** Every asset ({@code Assets}), keyed by internal id such as {@code XXBT}. */
  public List<AssetInfo> assets() {
    return Responses.assets(transport.publicCall("Assets", Map.of()));
  }

  /** Every pair ({@code AssetPairs}), keyed by pair key such as {@code XXBTZUSD}. */
  public List<PairInfo> assetPairs() {
    return Responses.assetPairs(transport.publicCall("AssetPairs", Map.of()));
  }

  /**
   * Last, ask and bid of these pairs ({@code Ticker}; keys, altnames or wsnames), stamped with the
   * time this client received them; every pair when the list is empty.
   */
  public List<TickerQuote> ticker(List<String> pairs) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (!pairs.isEmpty()) {
      parameters.put("pair", String.join(",", pairs));
    }
    return Responses.ticker(transport.publicCall("Ticker", parameters), clock.instant());
  }

  /**
   * Up to 720 recent candles of one pair ({@code OHLC}).
   *
   * @param intervalMinutes 1, 5, 15, 30, 60, 240, 1440, 10080 or 21600
   * @param since only candles after this time (Kraken's {@code since}, whole seconds)
   */
  public OhlcSeries ohlc(String pair, int intervalMinutes, Optional<Instant> since) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("pair", requireNonNull(pair, "pair"));
    parameters.put("interval", Integer.toString(intervalMinutes));
    since.ifPresent(time -> parameters.put("since", Long.toString(time.getEpochSecond())));
    return Responses.ohlc(transport.publicCall("OHLC", parameters), intervalMinutes);
  }

  /**
   * One page of a pair's public trades ({@code Trades}), oldest first: up to {@code count} trades
   * after {@code since} (exclusive, sent in nanoseconds), or the most recent ones without it. Page
   * on with the answer's {@link PublicTrades#last()} as the next {@code since}.
   *
   * @param pair a pair key, altname or wsname
   * @param count 1 to {@value #MAX_PUBLIC_TRADES}
   */
  public PublicTrades trades(String pair, Optional<Instant> since, int count) {
    if (count < 1 || count > MAX_PUBLIC_TRADES) {
      throw new IllegalArgumentException(
          "count must be 1.." + MAX_PUBLIC_TRADES + " trades per page: " + count);
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("pair", requireNonNull(pair, "pair"));
    since.ifPresent(time -> parameters.put("since", nanos(time)));
    parameters.put("count", Integer.toString(count));
    return Responses.publicTrades(transport.publicCall("Trades", parameters));
  }

  /**
   * A time as Kraken's nanosecond cursor: {@code 2023-07-06T19:32:49.993150842Z} is {@code
   * 1688671969993150842}.
   */
  static String nanos(Instant time) {
    return BigDecimal.valueOf(time.getEpochSecond())
        .multiply(NANOS_PER_SECOND)
        .add(BigDecimal.valueOf(time.getNano()))
        .toPlainString();
  }

  // ---- private account data ------------------------------------------------------------------

  /**
   * Cash balances by raw asset id such as {@code XXBT} or {@code ETH2.S} ({@code Balance}); empty
   * for an account that never held funds.
   */
  public Map<String, BigDecimal> balance() {
    return Responses.balance(transport.privateCall("Balance", Map.of()));
  }

  /** Balances with holds and credit by raw asset id ({@code BalanceEx}). */
  public Map<String, ExtendedBalance> balanceEx() {
    return Responses.balanceEx(transport.privateCall("BalanceEx", Map.of()));
  }

  /** The margin summary in {@code ZUSD} ({@code TradeBalance}). */
  public TradeBalance tradeBalance() {
    return Responses.tradeBalance(transport.privateCall("TradeBalance", Map.of()));
  }

  /** Open orders with their trade ids ({@code OpenOrders}). */
  public List<KrakenOrder> openOrders() {
    return Responses.openOrders(transport.privateCall("OpenOrders", Map.of("trades", "true")));
  }

  /** Open margin positions ({@code OpenPositions}). */
  public List<OpenPosition> openPositions() {
    return Responses.openPositions(transport.privateCall("OpenPositions", Map.of()));
  }

  /** One page of closed orders, newest first ({@code ClosedOrders}). */
  public Page<KrakenOrder> closedOrders(ClosedOrdersQuery query) {
    return Responses.closedOrders(transport.privateCall("ClosedOrders", query.parameters()));
  }

  /**
   * These orders with their trade ids ({@code QueryOrders}), in batches of 50 ids, in Kraken's
   * order per batch; repeated ids are asked for once.
   */
  public List<KrakenOrder> queryOrders(List<String> txids) {
    return batched(
        txids,
        MAX_ORDER_IDS,
        batch ->
            Responses.orders(
                transport.privateCall(
                    "QueryOrders", parameters("trades", "true", "txid", String.join(",", batch))),
                "QueryOrders"));
  }

  /**
   * One page of trades, newest first, each with its ledger ids ({@code TradesHistory} with {@code
   * ledgers=true}).
   */
  public Page<TradeRow> tradesHistory(HistoryQuery query) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("ledgers", "true");
    parameters.putAll(query.parameters());
    return Responses.tradesHistory(transport.privateCall("TradesHistory", parameters));
  }

  /** These trades ({@code QueryTrades}), in batches of 20 ids; repeated ids are asked for once. */
  public List<TradeRow> queryTrades(List<String> txids) {
    return batched(
        txids,
        MAX_TRADE_IDS,
        batch ->
            Responses.trades(
                transport.privateCall("QueryTrades", parameters("txid", String.join(",", batch))),
                "QueryTrades"));
  }

  /** One page of ledger entries, newest first ({@code Ledgers}). */
  public Page<LedgerRow> ledgers(HistoryQuery query) {
    return Responses.ledgers(transport.privateCall("Ledgers", query.parameters()));
  }

  /**
   * These ledger entries ({@code QueryLedgers}), in batches of 20 ids; repeated ids are asked for
   * once.
   */
  public List<LedgerRow> queryLedgers(List<String> ledgerIds) {
    return batched(
        ledgerIds,
        MAX_LEDGER_IDS,
        batch ->
            Responses.ledgerRows(
                transport.privateCall("QueryLedgers", parameters("id", String.join(",", batch))),
                "QueryLedgers"));
  }

  // ---- whole histories -----------------------------------------------------------------------

  /**
   * Every ledger entry after a ledger id or a time (both exclusive), up to Kraken's clock at the
   * start, newest first, each exactly once (see {@link HistoryPager} for how changes while paging
   * are handled).
   *
   * @param afterLedgerId only entries after this entry (Kraken compares its time)
   * @param since only entries strictly after this time
   * @throws io.tally.kraken.KrakenException when the history kept changing through every restart
   */
  public List<LedgerRow> allLedgers(
      Optional<String> afterLedgerId, Optional<Instant> since, ProgressListener progress) {
    HistoryQuery window = window(afterLedgerId, since);
    List<LedgerRow> rows =
        new HistoryPager<LedgerRow>("Ledgers", LedgerRow::txid, maxPagingRestarts)
            .collect(offset -> ledgers(window.withOffset(offset)), progress);
    return after(rows, since, LedgerRow::time);
  }

  /**
   * Every trade after a trade id or a time (both exclusive), up to Kraken's clock at the start,
   * newest first, each exactly once, with ledger ids.
   *
   * @throws io.tally.kraken.KrakenException when the history kept changing through every restart
   */
  public List<TradeRow> allTrades(
      Optional<String> afterTradeId, Optional<Instant> since, ProgressListener progress) {
    HistoryQuery window = window(afterTradeId, since);
    List<TradeRow> rows =
        new HistoryPager<TradeRow>("TradesHistory", TradeRow::txid, maxPagingRestarts)
            .collect(offset -> tradesHistory(window.withOffset(offset)), progress);
    return after(rows, since, TradeRow::time);
  }

  /**
   * Every order closed after an order id or a time (both exclusive), up to Kraken's clock at the
   * start, newest first, each exactly once, with trade ids. The window filters on the close time,
   * so orders that close while paging stay outside it.
   *
   * @param afterOrderId only orders after this order (Kraken compares its open time)
   * @param since only orders closed strictly after this time
   * @throws io.tally.kraken.KrakenException when the history kept changing through every restart
   */
  public List<KrakenOrder> allClosedOrders(
      Optional<String> afterOrderId, Optional<Instant> since, ProgressListener progress) {
    ClosedOrdersQuery query =
        ClosedOrdersQuery.all()
            .withCloseTime(ClosedOrdersQuery.CloseTime.CLOSE)
            .withWindow(window(afterOrderId, since));
    List<KrakenOrder> rows =
        new HistoryPager<KrakenOrder>("ClosedOrders", KrakenOrder::txid, maxPagingRestarts)
            .collect(
                offset -> closedOrders(query.withWindow(query.window().withOffset(offset))),
                progress);
    return after(rows, since, order -> order.closeTime().orElse(order.openTime()));
  }

  @Override
  public String toString() {
    return "KrakenClient[" + (transport.hasCredentials() ? "with" : "without") + " credentials]";
  }

  /** {@code start} from the id or the time's second, {@code end} frozen at Kraken's clock now. */
  private HistoryQuery window(Optional<String> afterId, Optional<Instant> since) {
    // end is inclusive and has whole seconds: the second after Kraken's clock covers every row up
    // to now, including rows of the current second (which a floor would leave out until the next
    // sync, and forever on a clock that stands still).
    HistoryQuery window = HistoryQuery.all().withEnd(serverTime().plusSeconds(1));
    if (afterId.isPresent()) {
      return window.withStart(afterId.get());
    }
    return since.map(window::withStart).orElse(window);
  }

  /** Drops rows at or before {@code since}: Kraken's {@code start} has whole seconds only. */
  private static <T> List<T> after(
      List<T> rows, Optional<Instant> since, Function<T, Instant> timeOf) {
    if (since.isEmpty()) {
      return List.copyOf(rows);
    }
    return rows.stream().filter(row -> timeOf.apply(row).isAfter(since.get())).toList();
  }

  private static <T> List<T> batched(
      List<String> ids, int batchSize, Function<List<String>, List<T>> query) {
    List<String> distinct = List.copyOf(new LinkedHashSet<>(ids));
    List<T> results = new ArrayList<>();
    for (int from = 0; from < distinct.size(); from += batchSize) {
      results.addAll(
          query.apply(distinct.subList(from, Math.min(from + batchSize, distinct.size()))));
    }
    return List.copyOf(results);
  }

  private static Map<String, String> parameters(String... namesAndValues) {
    Map<String, String> parameters = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      parameters.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return parameters;
  }

  /**
   * Settings of a {@link KrakenClient}, with defaults for all: Kraken's production URL, no
   * credentials (public calls only), {@link CallCounter.Tier#STARTER}, nonces from the clock in
   * memory, the system clock, 10 s to connect, 30 s per request, {@link RetrySettings#defaults()},
   * 3 paging restarts and public calls at Kraken's pace.
   *
   * <p>Example: {@code KrakenClient.builder().baseUrl("http://127.0.0.1:8080").credentials(keys)
   * .tier(CallCounter.Tier.PRO).build()}. Not thread-safe.
   */
  public static final class Builder {

    private URI baseUrl = DEFAULT_BASE_URL;
    private Optional<KrakenCredentials> credentials = Optional.empty();
    private CallCounter.Tier tier = CallCounter.Tier.STARTER;
    private Optional<NonceSource> nonceSource = Optional.empty();
    private Clock clock = Clock.systemUTC();
    private CallCounter.Sleeper sleeper = CallCounter.Sleeper.system();
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private RetrySettings retry = RetrySettings.defaults();
    private int maxPagingRestarts = 3;
    private boolean pacePublicCalls = true;

    private Builder() {}

    /** Scheme, host and port only, such as {@code http://127.0.0.1:8080} for a simulator. */
    public Builder baseUrl(URI url) {
      this.baseUrl = requireNonNull(url, "url");
      return this;
    }

    /** Scheme, host and port only, such as {@code https://api.kraken.com}. */
    public Builder baseUrl(String url) {
      return baseUrl(URI.create(url));
    }

    /** The key for private calls. */
    public Builder credentials(KrakenCredentials keys) {
      this.credentials = Optional.of(requireNonNull(keys, "keys"));
      return this;
    }

    /** The key for private calls, if any (as {@link KrakenCredentials#fromEnvironment} gives). */
    public Builder credentials(Optional<KrakenCredentials> keys) {
      this.credentials = requireNonNull(keys, "keys");
      return this;
    }

    /** The account's tier, for the call counter. */
    public Builder tier(CallCounter.Tier value) {
      this.tier = requireNonNull(value, "tier");
      return this;
    }

    /** Where nonces come from; prefer a {@link FileNonceSource} per key. */
    public Builder nonceSource(NonceSource source) {
      this.nonceSource = Optional.of(requireNonNull(source, "source"));
      return this;
    }

    /** The clock for the call counter, ticker times and default nonces. */
    public Builder clock(Clock value) {
      this.clock = requireNonNull(value, "clock");
      return this;
    }

    /** How the call counter waits; tests pass one that advances a fake clock. */
    public Builder sleeper(CallCounter.Sleeper value) {
      this.sleeper = requireNonNull(value, "sleeper");
      return this;
    }

    /** The longest wait for a connection. */
    public Builder connectTimeout(Duration value) {
      this.connectTimeout = positive(value, "connectTimeout");
      return this;
    }

    /** The longest wait for one answer. */
    public Builder requestTimeout(Duration value) {
      this.requestTimeout = positive(value, "requestTimeout");
      return this;
    }

    /** How failed calls are retried. */
    public Builder retry(RetrySettings value) {
      this.retry = requireNonNull(value, "retry");
      return this;
    }

    /**
     * Whether public calls keep to Kraken's per-IP pace ({@link CallCounter#forPublicCalls}, on by
     * default). Off only for a Kraken that has no such limit: the simulator or a stub on loopback.
     * The pace waits with this builder's clock and sleeper, so a sleeper that skips waits skips
     * these too.
     */
    public Builder pacePublicCalls(boolean value) {
      this.pacePublicCalls = value;
      return this;
    }

    /** How often a changing history is paged again from the start before giving up. */
    public Builder maxPagingRestarts(int value) {
      if (value < 0) {
        throw new IllegalArgumentException("Negative maxPagingRestarts " + value);
      }
      this.maxPagingRestarts = value;
      return this;
    }

    /** The client. */
    public KrakenClient build() {
      return new KrakenClient(this);
    }

    private static Duration positive(Duration value, String name) {
      requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + value);
      }
      return value;
    }
  }
}
