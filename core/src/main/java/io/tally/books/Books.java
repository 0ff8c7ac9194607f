package io.tally.books;

import static java.util.Objects.requireNonNull;

import io.tally.ledger.CashFlow;
import io.tally.ledger.EventId;
import io.tally.ledger.FlowKind;
import io.tally.ledger.InternalMove;
import io.tally.ledger.LedgerEvent;
import io.tally.ledger.MarginPnl;
import io.tally.ledger.PositionCarry;
import io.tally.ledger.PositionFill;
import io.tally.ledger.Trade;
import io.tally.ledger.Unclassified;
import io.tally.money.Amount;
import io.tally.money.Asset;
import io.tally.money.Pair;
import io.tally.money.Precision;
import io.tally.money.RunningSum;
import io.tally.valuation.MarketPrices;
import io.tally.valuation.PriceSource;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The fold that turns ledger events into books, by the rules of ACCOUNTING.md §3–§4. Apply events
 * in {@link LedgerEvent#ORDER}; {@link #state()} gives the books so far. Replaying a log from
 * scratch and applying it in several steps give the same state to the last digit.
 *
 * <p>Every trade is a swap worth {@code V} in the base currency: the sold legs are disposed of for
 * {@code V}, the bought legs acquired for {@code V}, then each fee leg is disposed of at its value
 * and expensed. Prices of past moments come from the {@link PriceSource} given at construction
 * (through {@link MarketPrices}, so the base currency is 1 and KFEE is fixed).
 *
 * <p>Example:
 *
 * <pre>{@code
 * Books books = new Books(BookConfig.defaults(), PriceSource.NONE);
 * events.forEach(books::apply);
 * BigDecimal realized = books.state().realizedTotal();
 * }</pre>
 *
 * Mutable and not thread-safe: one fold belongs to one thread.
 */
public final class Books {

  private static final BigDecimal ZERO = Precision.money(BigDecimal.ZERO);

  final BookConfig config;
  final MarketPrices prices;
  private final SwapPricing pricing;
  final Map<Asset, CostPool> pools = new HashMap<>();
  final Map<Asset, RunningSum> realizedByAsset = new HashMap<>();
  final Map<PnlKind, RunningSum> realizedByKind = new EnumMap<>(PnlKind.class);
  final Map<Asset, RunningSum> tradeRealizedByAsset = new HashMap<>();
  final Map<String, Map<Pair, RunningSum>> realizedByStrategyAndPair = new HashMap<>();
  final PairBooks pairs = new PairBooks();

  /**
   * Scratch space of one trade, cleared before each use rather than made anew: the value of each of
   * its legs and their shares of its value ({@link #applyTrade}).
   */
  private final LegValues legValues = new LegValues();

  private final List<BigDecimal> shares = new ArrayList<>();

  final Map<Asset, RunningSum> feesByAsset = new HashMap<>();
  final TradePnls.Log tradePnls = new TradePnls.Log();
  final Map<Pair, RunningSum> feesByPair = new HashMap<>();
  final List<DataIssue> issues = new ArrayList<>();
  MarginPositions marginPositions = new MarginPositions();
  RunningSum feesTotal = new RunningSum(ZERO);
  RunningSum deposits = new RunningSum(ZERO);
  RunningSum withdrawals = new RunningSum(ZERO);
  RunningSum rewards = new RunningSum(ZERO);
  RunningSum adjustments = new RunningSum(ZERO);
  long flowCount;
  long eventCount;

  /** Empty books kept by {@code config}, valuing past moments with {@code history}. */
  public Books(BookConfig config, PriceSource history) {
    this.config = requireNonNull(config, "config");
    this.prices = new MarketPrices(config.base(), config.kfeeUsd(), requireNonNull(history));
    this.pricing = new SwapPricing(prices, issues);
  }

  /** Books holding the fold of {@code events}, which are sorted into replay order first. */
  public static BookState replay(BookConfig config, PriceSource history, List<LedgerEvent> events) {
    List<LedgerEvent> ordered = new ArrayList<>(events);
    ordered.sort(LedgerEvent.ORDER);
    Books books = new Books(config, history);
    ordered.forEach(books::apply);
    return books.state();
  }

  /** Books the event. Events must come in {@link LedgerEvent#ORDER}. */
  public void apply(LedgerEvent event) {
    if (event instanceof Trade trade) {
      applyTrade(trade);
    } else if (event instanceof CashFlow flow) {
      applyFlow(flow.id(), flow.at(), flow.kind(), flow.amount(), flow.fee());
    } else if (event instanceof InternalMove move) {
      if (!move.fee().isZero()) {
        BigDecimal feeValue =
            prices
                .value(move.fee().asset(), move.fee().value(), move.at())
                .orElseGet(() -> missingPrice(move.id(), move.fee(), move.at(), "value the fee"));
        expenseFee(move.id(), move.fee(), feeValue, PnlKind.TRANSFER);
      }
    } else if (event instanceof MarginPnl margin) {
      applyMargin(margin);
    } else if (event instanceof PositionFill fill) {
      marginPositions.apply(fill, issues);
    } else if (event instanceof PositionCarry carry) {
      applyCarry(carry);
    } else if (event instanceof Unclassified unknown) {
      issues.add(DataIssue.unclassified(unknown));
      applyFlow(unknown.id(), unknown.at(), FlowKind.ADJUSTMENT, unknown.amount(), unknown.fee());
    } else {
      throw new IllegalStateException("Unhandled " + event);
    }
    eventCount++;
  }

  // ---- trades -------------------------------------------------------------------------------

  private void applyTrade(Trade trade) {
    EventId id = trade.id();
    List<Amount> sold = trade.sold();
    List<Amount> bought = trade.bought();

    // V, the value of the swap (SwapPricing). With no price at all, V is the cost the sold legs
    // carried (no gain).
    Optional<BigDecimal> value = pricing.value(trade);

    legValues.clear();
    BigDecimal total = ZERO;
    BigDecimal realized = ZERO;
    if (!sold.isEmpty()) {
      if (value.isPresent()) {
        pricing.split(value.get(), sold, trade, shares);
      }
      for (int i = 0; i < sold.size(); i++) {
        Amount leg = sold.get(i);
        Pair pair = legPair(trade, leg.asset());
        BigDecimal proceeds;
        BigDecimal released;
        if (value.isPresent()) {
          proceeds = shares.get(i);
          released = dispose(id, leg.asset(), leg.value(), proceeds, pair);
        } else {
          released = dispose(id, leg.asset(), leg.value(), ZERO, pair);
          proceeds = released;
        }
        BigDecimal gain = proceeds.subtract(released);
        realizeTrade(leg.asset(), pair, trade.strategy(), gain);
        realized = Precision.sum(realized, gain);
        legValues.put(leg.asset(), proceeds);
        total = Precision.sum(total, proceeds);
      }
    }
    BigDecimal swapValue = value.orElse(total);

    if (!bought.isEmpty()) {
      pricing.split(swapValue, bought, trade, shares);
      for (int i = 0; i < bought.size(); i++) {
        Amount leg = bought.get(i);
        BigDecimal cost = shares.get(i);
        pool(leg.asset()).acquire(leg.value(), cost);
        legValues.put(leg.asset(), cost);
        pairs.buy(trade, leg, cost);
      }
    }

    BigDecimal fees = ZERO;
    List<Amount> feeLegs = trade.fees();
    for (int i = 0; i < feeLegs.size(); i++) {
      Amount fee = feeLegs.get(i);
      Optional<BigDecimal> feeValue = pricing.feeValue(trade, fee, value.isPresent(), legValues);
      BigDecimal feeAmount =
          feeValue.isPresent()
              ? feeValue.get()
              : missingPrice(id, fee, trade.at(), "value the fee");
      realized = Precision.sum(realized, expenseFee(id, fee, feeAmount, trade));
      fees = Precision.sum(fees, feeAmount);
    }
    tradePnls.append(id, trade.at(), new TradePnl(realized, fees, inQuote(trade, realized)));
  }

  /**
   * {@code realized} (base currency) in the trade's quote currency, at the trade's own value of its
   * quote leg: {@code realized × quote units / their value}.
   */
  private Optional<BigDecimal> inQuote(Trade trade, BigDecimal realized) {
    Asset quote = trade.pair().quote();
    if (quote.equals(config.base())) {
      return Optional.of(realized);
    }
    if (!legValues.has(quote)) {
      return Optional.empty();
    }
    BigDecimal quoteValue = legValues.of(quote);
    if (quoteValue.signum() == 0) {
      return Optional.empty();
    }
    return Optional.of(
        Precision.share(realized, SwapPricing.legOf(trade, quote).value(), quoteValue));
  }

  /**
   * The pair a leg's result belongs to: the trade's pair, except in a swap of several sold assets
   * (a dust sweep), where each sold asset is its own market against what was bought.
   */
  private static Pair legPair(Trade trade, Asset soldAsset) {
    if (trade.sold().size() > 1 && trade.bought().size() == 1) {
      Asset bought = trade.bought().get(0).asset();
      if (!bought.equals(soldAsset)) {
        return new Pair(soldAsset, bought);
      }
    }
    return trade.pair();
  }

  // ---- flows, margin, fees -------------------------------------------------------------------

  private void applyFlow(EventId id, Instant at, FlowKind kind, Amount amount, Amount fee) {
    PnlKind pnlKind = pnlKindOf(kind);
    BigDecimal value = ZERO;
    if (!amount.isZero()) {
      Amount units = amount.abs();
      Optional<BigDecimal> market = prices.value(units.asset(), units.value(), at);
      if (market.isEmpty()) {
        missingPrice(id, units, at, "value the " + kind.name().toLowerCase(Locale.ROOT));
      }
      BigDecimal signed;
      if (amount.signum() > 0) {
        // Without a price an acquisition can only be booked at zero cost (and is listed).
        value = market.orElse(ZERO);
        pool(units.asset()).acquire(units.value(), value);
        signed = value;
      } else {
        // Without a price a disposal is valued at the cost it releases: no gain is invented.
        BigDecimal released = dispose(id, units.asset(), units.value(), market.orElse(ZERO));
        value = market.orElse(released);
        realize(pnlKind, units.asset(), value.subtract(released));
        signed = value.negate();
      }
      switch (kind) {
        case DEPOSIT:
          deposits.add(signed);
          break;
        case WITHDRAWAL:
          withdrawals.subtract(signed);
          break;
        case REWARD:
          rewards.add(signed);
          break;
        case ADJUSTMENT:
          adjustments.add(signed);
          break;
      }
      flowCount++;
    }
    if (!fee.isZero()) {
      BigDecimal feeValue =
          amount.isZero()
              ? prices
                  .value(fee.asset(), fee.value(), at)
                  .orElseGet(() -> missingPrice(id, fee, at, "value the fee"))
              : Precision.share(value, fee.value(), amount.abs().value());
      expenseFee(id, fee, feeValue, pnlKind);
    }
  }

  private static PnlKind pnlKindOf(FlowKind kind) {
    switch (kind) {
      case DEPOSIT:
      case WITHDRAWAL:
        return PnlKind.TRANSFER;
      case REWARD:
        return PnlKind.REWARD;
      case ADJUSTMENT:
        return PnlKind.ADJUSTMENT;
    }
    throw new IllegalStateException("Unhandled " + kind);
  }

  private void applyMargin(MarginPnl margin) {
    Amount amount = margin.amount();
    BigDecimal feeValue = ZERO;
    if (!amount.isZero()) {
      Amount units = amount.abs();
      if (amount.signum() > 0) {
        BigDecimal value =
            prices
                .value(units.asset(), units.value(), margin.at())
                .orElseGet(() -> missingPrice(margin.id(), units, margin.at(), "value margin PnL"));
        pool(units.asset()).acquire(units.value(), value);
        realize(PnlKind.MARGIN, units.asset(), value);
      } else {
        BigDecimal released = dispose(margin.id(), units.asset(), units.value(), ZERO);
        realize(PnlKind.MARGIN, units.asset(), released.negate());
      }
    }
    if (!margin.fee().isZero()) {
      feeValue =
          prices
              .value(margin.fee().asset(), margin.fee().value(), margin.at())
              .orElseGet(
                  () -> missingPrice(margin.id(), margin.fee(), margin.at(), "value the fee"));
      expenseFee(margin.id(), margin.fee(), feeValue, PnlKind.MARGIN);
    }
  }

  /**
   * A rollover or funding: a charge leaves the spot balance as a margin fee, a credit (funding
   * received) joins it as margin income; either is the carry of the position it names, in that
   * position's quote asset (converted at market when charged in another asset).
   */
  private void applyCarry(PositionCarry carry) {
    Amount fee = carry.fee();
    applyMargin(
        fee.signum() < 0
            ? new MarginPnl(carry.id(), carry.at(), fee.negated(), Amount.zero(fee.asset()))
            : new MarginPnl(carry.id(), carry.at(), Amount.zero(fee.asset()), fee));
    marginPositions.apply(
        carry,
        quote ->
            fee.asset().equals(quote)
                ? Optional.of(fee.value())
                : prices
                    .value(fee.asset(), fee.value(), carry.at())
                    .flatMap(
                        value ->
                            prices
                                .value(quote, BigDecimal.ONE, carry.at())
                                .filter(price -> price.signum() > 0)
                                .map(price -> Precision.ratio(value, price))));
  }

  /** Expenses a trade's fee leg and returns the trading PnL it realized. */
  private BigDecimal expenseFee(EventId id, Amount fee, BigDecimal value, Trade trade) {
    Pair pair = legPair(trade, fee.asset());
    BigDecimal released = dispose(id, fee.asset(), fee.value(), value);
    // A fee leg is a disposal at its value (gain: value - released) and an expense of its value.
    BigDecimal gain = released.negate();
    realizeTrade(fee.asset(), pair, trade.strategy(), gain);
    recordFee(fee.asset(), value);
    RunningSum.addTo(feesByPair, pair, value);
    pairs.book(pair).fees.add(value);
    return gain;
  }

  private void expenseFee(EventId id, Amount fee, BigDecimal value, PnlKind kind) {
    BigDecimal released = dispose(id, fee.asset(), fee.value(), value);
    realize(kind, fee.asset(), released.negate());
    recordFee(fee.asset(), value);
  }

  private void recordFee(Asset asset, BigDecimal value) {
    feesTotal.add(value);
    RunningSum.addTo(feesByAsset, asset, value);
  }

  private BigDecimal missingPrice(EventId id, Amount units, Instant at, String purpose) {
    issues.add(
        new DataIssue(
            IssueKind.MISSING_PRICE,
            id.value(),
            units.asset().code(),
            "no " + units.asset() + " price at " + at + " to " + purpose));
    return ZERO;
  }

  // ---- cost pools and realized PnL -----------------------------------------------------------

  CostPool pool(Asset asset) {
    CostPool pool = pools.get(asset);
    if (pool == null) {
      pool = CostPool.create(config.method());
      pools.put(asset, pool);
    }
    return pool;
  }

  /**
   * Removes units and returns the cost they carried. Units beyond the holding (a history that
   * starts after the account did) are first acquired at the disposal's own price, so they produce
   * no PnL, and a missing-acquisition issue names them.
   */
  private BigDecimal dispose(EventId id, Asset asset, BigDecimal quantity, BigDecimal proceeds) {
    CostPool pool = covering(id, asset, quantity, proceeds);
    pairs.leave(asset, quantity, pool.quantity());
    return pool.release(quantity);
  }

  /**
   * As {@link #dispose(EventId, Asset, BigDecimal, BigDecimal)}, for units sold on {@code soldOn}:
   * they leave that pair's own position first (when the asset is its base), then every holder of
   * the asset pro rata (see {@link PairBooks#leave(Asset, BigDecimal, BigDecimal, Pair)}).
   */
  private BigDecimal dispose(
      EventId id, Asset asset, BigDecimal quantity, BigDecimal proceeds, Pair soldOn) {
    CostPool pool = covering(id, asset, quantity, proceeds);
    pairs.leave(asset, quantity, pool.quantity(), soldOn);
    return pool.release(quantity);
  }

  /**
   * The asset's pool, holding at least {@code quantity} units: what it lacks is first acquired at
   * the disposal's own price ({@code proceeds} for the whole quantity), with an issue.
   */
  private CostPool covering(EventId id, Asset asset, BigDecimal quantity, BigDecimal proceeds) {
    CostPool pool = pool(asset);
    BigDecimal held = pool.quantity();
    if (quantity.compareTo(held) > 0) {
      BigDecimal uncovered = quantity.subtract(held);
      pool.acquire(uncovered, Precision.share(proceeds, uncovered, quantity));
      issues.add(
          new DataIssue(
              IssueKind.MISSING_ACQUISITION,
              id.value(),
              asset.code(),
              "disposes of "
                  + quantity.toPlainString()
                  + " "
                  + asset
                  + " but only "
                  + held.toPlainString()
                  + " "
                  + asset
                  + " were held; "
                  + uncovered.toPlainString()
                  + " "
                  + asset
                  + " assumed acquired at the disposal's own price"));
    }
    return pool;
  }

  /** Realized PnL of a kind other than trading: by kind and by asset. */
  private void realize(PnlKind kind, Asset asset, BigDecimal amount) {
    RunningSum.addTo(realizedByKind, kind, amount);
    RunningSum.addTo(realizedByAsset, asset, amount);
  }

  /** Realized trading PnL: also by asset traded, by pair and by strategy tag (identity 4). */
  private void realizeTrade(Asset asset, Pair pair, String strategy, BigDecimal amount) {
    realize(PnlKind.TRADE, asset, amount);
    RunningSum.addTo(tradeRealizedByAsset, asset, amount);
    RunningSum.addTo(
        realizedByStrategyAndPair.computeIfAbsent(strategy, s -> new HashMap<>()), pair, amount);
    pairs.book(pair).realized.add(amount);
  }

  /** Realized trading PnL by strategy tag and pair, as numbers. */
  private SortedMap<String, SortedMap<Pair, BigDecimal>> byStrategyAndPair() {
    SortedMap<String, SortedMap<Pair, BigDecimal>> copy = new TreeMap<>();
    realizedByStrategyAndPair.forEach((tag, byPair) -> copy.put(tag, RunningSum.values(byPair)));
    return copy;
  }

  /**
   * Realized trading PnL by pair: the sum over strategies of {@code byStrategyAndPair} (exact, so
   * equal to summing as it was booked; one map merge per booked amount instead of three).
   */
  private static SortedMap<Pair, BigDecimal> realizedByPair(
      SortedMap<String, SortedMap<Pair, BigDecimal>> byStrategyAndPair) {
    SortedMap<Pair, BigDecimal> byPair = new TreeMap<>();
    byStrategyAndPair
        .values()
        .forEach(
            pairs -> pairs.forEach((pair, value) -> byPair.merge(pair, value, BigDecimal::add)));
    return byPair;
  }

  /** Realized trading PnL by strategy tag: the sum over its pairs in {@code byStrategyAndPair}. */
  private static SortedMap<String, BigDecimal> realizedByStrategy(
      SortedMap<String, SortedMap<Pair, BigDecimal>> byStrategyAndPair) {
    SortedMap<String, BigDecimal> byStrategy = new TreeMap<>();
    byStrategyAndPair.forEach((tag, pairs) -> byStrategy.put(tag, BookState.sum(pairs)));
    return byStrategy;
  }

  // ---- checkpoints ---------------------------------------------------------------------------

  /**
   * The whole state of this fold as text: every pool with its lots, every running total and every
   * issue, with each number's exact scale. {@link #resume} turns it back into a fold that goes on
   * exactly as this one would.
   */
  public String checkpoint() {
    return BooksCheckpoint.write(this);
  }

  /**
   * A fold resumed from {@link #checkpoint() text} written by books of the same {@code config},
   * valuing later moments with {@code history}.
   *
   * @throws IllegalArgumentException if the text is not a checkpoint, or one of other books
   */
  public static Books resume(BookConfig config, PriceSource history, String checkpoint) {
    Books books = new Books(config, history);
    BooksCheckpoint.read(checkpoint, books);
    return books;
  }

  // ---- snapshot ------------------------------------------------------------------------------

  /**
   * What each trade this fold applied did to trading PnL, in the order applied. A fold resumed from
   * a {@link #checkpoint()} starts with none: the checkpoint leaves them out (they grow with every
   * trade, and a start-up would parse them all for nothing), so whoever keeps checkpoints keeps
   * these beside them, as {@code LiveBooks} does in the store.
   *
   * <p>Example: {@code books.tradePnls().find(trade).map(TradePnl::realized)}.
   */
  public TradePnls tradePnls() {
    return tradePnls.view();
  }

  /**
   * The external flows so far, as {@link BookState#flows()} has them, without taking a whole state:
   * what a fold that watches each flow (the daily history) reads after every event.
   */
  public FlowSummary flows() {
    return new FlowSummary(
        deposits.value(), withdrawals.value(), rewards.value(), adjustments.value(), flowCount);
  }

  /**
   * The units of {@code pair}'s base asset its position holds now; zero when flat or never traded.
   *
   * <p>Example: after buying 1 XBT on XBT/USD and selling 0.4, {@code positionSize(XBTUSD)} is
   * {@code 0.6}.
   */
  public BigDecimal positionSize(Pair pair) {
    return pairs.size(pair);
  }

  private BigDecimal realized(Asset asset) {
    RunningSum realized = realizedByAsset.get(asset);
    return realized == null ? ZERO : realized.value();
  }

  /** The books so far. */
  public BookState state() {
    SortedMap<String, SortedMap<Pair, BigDecimal>> byStrategyAndPair = byStrategyAndPair();
    Map<Asset, Holding> holdings = new HashMap<>();
    for (Map.Entry<Asset, CostPool> entry : pools.entrySet()) {
      Asset asset = entry.getKey();
      CostPool pool = entry.getValue();
      holdings.put(
          asset,
          new Holding(asset, Precision.canonical(pool.quantity()), pool.cost(), realized(asset)));
    }
    for (Map.Entry<Asset, RunningSum> entry : realizedByAsset.entrySet()) {
      holdings.putIfAbsent(
          entry.getKey(),
          new Holding(entry.getKey(), BigDecimal.ZERO, ZERO, entry.getValue().value()));
    }
    return new BookState(
        config,
        new TreeMap<>(holdings),
        RunningSum.values(realizedByKind),
        RunningSum.values(tradeRealizedByAsset),
        realizedByPair(byStrategyAndPair),
        realizedByStrategy(byStrategyAndPair),
        byStrategyAndPair,
        pairs.positions(),
        new FeeSummary(
            feesTotal.value(), RunningSum.values(feesByAsset), RunningSum.values(feesByPair)),
        flows(),
        issues,
        eventCount,
        marginPositions.accounts());
  }
}
