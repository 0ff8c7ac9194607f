package io.tally.risk;

import static java.util.Objects.requireNonNull;

import io.tally.money.Asset;
import io.tally.money.Pair;
import io.tally.money.Price;
import io.tally.valuation.PriceSource;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The account as the risk layer sees it at one valuation: equity, each asset's exposure, the margin
 * in use and each pair's margin notional, how many positions and orders stand on each pair, the
 * correlated groups, the drift and staleness flags and the trading state, with the sums every check
 * reads (gross exposure, the positions' risk to their stops, each asset class's exposure) computed
 * once. A check reads it without changing it; open orders and reservations are added with {@link
 * #plus}, which returns a new book.
 *
 * <p>The base currency is cash, not exposure: its spot quantity is {@link #cash()}. Other fiat is
 * cash in another currency: it keeps its quantity (what a spot order can spend) but no exposure.
 *
 * <p>Example: {@code RiskBook.of(USD, now, 100000, ...).grossExposure()} is the sum of {@code
 * |exposure|} over every other asset. Immutable.
 */
public final class RiskBook {

  private final Asset base;
  private final Instant asOf;
  private final BigDecimal equity;
  private final BigDecimal marginUsed;
  private final Map<Pair, BigDecimal> marginNotional;
  private final Map<Asset, AssetExposure> exposures;
  private final Map<Pair, Integer> openOnPair;
  private final Map<Asset, Set<Asset>> correlated;
  private final PriceSource prices;
  private final boolean drift;
  private final boolean stale;
  private final TradingState state;
  private final RiskPolicy policy;
  private final BigDecimal gross;
  private final BigDecimal risk;
  private final Map<String, BigDecimal> classExposure;

  private RiskBook(
      Asset base,
      Instant asOf,
      BigDecimal equity,
      BigDecimal marginUsed,
      Map<Pair, BigDecimal> marginNotional,
      Map<Asset, AssetExposure> exposures,
      Map<Pair, Integer> openOnPair,
      Map<Asset, Set<Asset>> correlated,
      PriceSource prices,
      boolean drift,
      boolean stale,
      TradingState state,
      RiskPolicy policy) {
    this.base = base;
    this.asOf = asOf;
    this.equity = equity;
    this.marginUsed = marginUsed;
    this.marginNotional = marginNotional;
    this.exposures = exposures;
    this.openOnPair = openOnPair;
    this.correlated = correlated;
    this.prices = prices;
    this.drift = drift;
    this.stale = stale;
    this.state = state;
    this.policy = policy;
    BigDecimal grossSum = BigDecimal.ZERO;
    BigDecimal riskSum = BigDecimal.ZERO;
    Map<String, BigDecimal> classes = new HashMap<>();
    for (AssetExposure exposure : exposures.values()) {
      if (exposure.asset().equals(base)) {
        continue;
      }
      grossSum = grossSum.add(exposure.size());
      riskSum = riskSum.add(exposure.risk());
      policy
          .classOf(exposure.asset())
          .ifPresent(c -> classes.merge(c.name(), exposure.size(), BigDecimal::add));
    }
    this.gross = grossSum;
    this.risk = riskSum;
    this.classExposure = Map.copyOf(classes);
  }

  /**
   * The book of an account in {@code base} valued at {@code asOf}.
   *
   * @param marginNotional each margin pair's net notional in the base currency, signed
   * @param exposures each asset's exposure, the base currency's included (its spot quantity is the
   *     cash)
   * @param openOnPair open positions and orders on each pair
   * @param correlated each asset's correlated group (the asset included); an asset missing has none
   * @param prices the prices an order on a pair the account does not hold is valued at
   */
  public static RiskBook of(
      Asset base,
      Instant asOf,
      BigDecimal equity,
      BigDecimal marginUsed,
      Map<Pair, BigDecimal> marginNotional,
      Collection<AssetExposure> exposures,
      Map<Pair, Integer> openOnPair,
      Map<Asset, Set<Asset>> correlated,
      PriceSource prices,
      boolean drift,
      boolean stale,
      TradingState state,
      RiskPolicy policy) {
    Map<Asset, AssetExposure> byAsset = new HashMap<>();
    for (AssetExposure exposure : exposures) {
      boolean otherFiat = exposure.asset().isFiat() && !exposure.asset().equals(base);
      byAsset.put(
          exposure.asset(),
          otherFiat
              ? new AssetExposure(
                  exposure.asset(), BigDecimal.ZERO, exposure.spotQuantity(), BigDecimal.ONE)
              : exposure);
    }
    return new RiskBook(
        requireNonNull(base, "base"),
        requireNonNull(asOf, "asOf"),
        requireNonNull(equity, "equity"),
        requireNonNull(marginUsed, "marginUsed"),
        Map.copyOf(marginNotional),
        Map.copyOf(byAsset),
        Map.copyOf(openOnPair),
        Map.copyOf(correlated),
        requireNonNull(prices, "prices"),
        drift,
        stale,
        requireNonNull(state, "state"),
        requireNonNull(policy, "policy"));
  }

  /**
   * This book after {@code volume} of the order with {@code legs} filled: the exposures, cash,
   * margin notional and margin in use it moves, and one more order on its pair.
   */
  public RiskBook plus(OrderLegs legs, BigDecimal volume) {
    Map<Asset, AssetExposure> next = new HashMap<>(exposures);
    move(
        next,
        legs.base(),
        legs.baseRate().multiply(volume),
        legs.baseQuantityRate().multiply(volume));
    legs.quote()
        .ifPresent(
            quote ->
                move(
                    next,
                    quote,
                    legs.quoteRate().multiply(volume),
                    legs.quoteQuantityRate().multiply(volume)));
    if (legs.cashRate().signum() != 0) {
      BigDecimal cashMove = legs.cashRate().multiply(volume);
      move(next, base, cashMove, cashMove);
    }
    Map<Pair, BigDecimal> notional = new HashMap<>(marginNotional);
    BigDecimal used = marginUsed;
    if (legs.margin()) {
      BigDecimal before = marginNotional(legs.pair());
      BigDecimal after = before.add(legs.baseRate().multiply(volume));
      notional.put(legs.pair(), after);
      used =
          used.add(
              after
                  .abs()
                  .subtract(before.abs())
                  .divide(legs.leverage(), io.tally.money.Precision.RATIO));
    }
    Map<Pair, Integer> open = new HashMap<>(openOnPair);
    open.merge(legs.pair(), 1, Integer::sum);
    return new RiskBook(
        base,
        asOf,
        equity,
        used,
        Map.copyOf(notional),
        Map.copyOf(next),
        Map.copyOf(open),
        correlated,
        prices,
        drift,
        stale,
        state,
        policy);
  }

  private static void move(
      Map<Asset, AssetExposure> exposures, Asset asset, BigDecimal value, BigDecimal quantity) {
    AssetExposure now =
        exposures.getOrDefault(
            asset, new AssetExposure(asset, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ONE));
    exposures.put(
        asset,
        new AssetExposure(
            asset, now.value().add(value), now.spotQuantity().add(quantity), now.riskFraction()));
  }

  /** This book in another trading state. */
  public RiskBook inState(TradingState next) {
    return new RiskBook(
        base,
        asOf,
        equity,
        marginUsed,
        marginNotional,
        exposures,
        openOnPair,
        correlated,
        prices,
        drift,
        stale,
        next,
        policy);
  }

  /** The value of one unit of {@code asset} in the base currency, if known. */
  public Optional<BigDecimal> unitValue(Asset asset) {
    if (asset.equals(base)) {
      return Optional.of(BigDecimal.ONE);
    }
    return prices.price(asset, asOf).map(Price::value);
  }

  /** {@code pair}'s current price in its quote currency, if both assets are priced. */
  public Optional<BigDecimal> currentPrice(Pair pair) {
    Optional<BigDecimal> quote = unitValue(pair.quote()).filter(v -> v.signum() > 0);
    return unitValue(pair.base())
        .flatMap(b -> quote.map(q -> b.divide(q, io.tally.money.Precision.RATIO)));
  }

  /** {@code asset}'s exposure: a flat one when the account has none. */
  public AssetExposure exposure(Asset asset) {
    AssetExposure found = exposures.get(asset);
    return found != null
        ? found
        : new AssetExposure(asset, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ONE);
  }

  /** Every asset's exposure, the base currency's included. */
  public Collection<AssetExposure> exposures() {
    return exposures.values();
  }

  /** {@code pair}'s net margin notional in the base currency, signed; zero when none. */
  public BigDecimal marginNotional(Pair pair) {
    return marginNotional.getOrDefault(pair, BigDecimal.ZERO);
  }

  /** Open positions and orders on {@code pair}. */
  public int openOn(Pair pair) {
    return openOnPair.getOrDefault(pair, 0);
  }

  /** {@code asset}'s correlated group, the asset included; just the asset when it has none. */
  public Set<Asset> correlatedWith(Asset asset) {
    return correlated.getOrDefault(asset, Set.of(asset));
  }

  /** Every asset's correlated group, as the book was given them. */
  public Map<Asset, Set<Asset>> correlatedGroups() {
    return correlated;
  }

  /** The exposure of the class named {@code name}: zero when it holds nothing. */
  public BigDecimal classExposure(String name) {
    return classExposure.getOrDefault(name, BigDecimal.ZERO);
  }

  /** The sum of {@code |exposure|} over every asset but the base currency. */
  public BigDecimal grossExposure() {
    return gross;
  }

  /** The sum of every position's risk to its stop. */
  public BigDecimal portfolioRisk() {
    return risk;
  }

  /**
   * {@code part} in percent of equity, to {@link io.tally.money.Precision#PERCENT_SCALE} decimals;
   * zero while equity is not positive (no share of nothing).
   */
  public BigDecimal percentOfEquity(BigDecimal part) {
    return equity.signum() <= 0 ? BigDecimal.ZERO : io.tally.money.Precision.percent(part, equity);
  }

  /** The base currency's spot quantity. */
  public BigDecimal cash() {
    return exposure(base).spotQuantity();
  }

  public Asset base() {
    return base;
  }

  public Instant asOf() {
    return asOf;
  }

  public BigDecimal equity() {
    return equity;
  }

  public BigDecimal marginUsed() {
    return marginUsed;
  }

  public boolean drift() {
    return drift;
  }

  public boolean stale() {
    return stale;
  }

  public TradingState state() {
    return state;
  }

  public RiskPolicy policy() {
    return policy;
  }
}
