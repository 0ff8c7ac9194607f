package io.tally.risk;

import io.tally.money.Asset;
import io.tally.money.Pair;
import io.tally.money.Price;
import io.tally.valuation.PriceSource;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Builds {@link RiskBook}s for tests: a USD account with prices, exposures and margin. */
final class TestBook {

  static final Asset USD = Asset.USD;
  static final Asset XBT = Asset.XBT;
  static final Asset ETH = Asset.of("ETH");
  static final Asset SOL = Asset.of("SOL");
  static final Pair XBTUSD = new Pair(XBT, USD);
  static final Pair ETHUSD = new Pair(ETH, USD);
  static final Pair SOLUSD = new Pair(SOL, USD);
  static final Pair ETHXBT = new Pair(ETH, XBT);
  static final Instant AT = Instant.parse("2026-12-04T00:00:00Z");

  private BigDecimal equity;
  private BigDecimal marginUsed = BigDecimal.ZERO;
  private final Map<Pair, BigDecimal> notional = new HashMap<>();
  private final List<AssetExposure> exposures = new ArrayList<>();
  private final Map<Asset, BigDecimal> prices = new HashMap<>();
  private final Map<Pair, Integer> open = new HashMap<>();
  private final Map<Asset, Set<Asset>> correlated = new HashMap<>();
  private boolean drift;
  private boolean stale;
  private TradingState state = TradingState.ACTIVE;
  private RiskPolicy policy = RiskPolicy.DEFAULT;

  private TestBook(BigDecimal equity) {
    this.equity = equity;
    prices.put(XBT, new BigDecimal("50000"));
    prices.put(ETH, new BigDecimal("2500"));
    prices.put(SOL, new BigDecimal("100"));
  }

  /** An account worth {@code equity} USD, all of it cash. */
  static TestBook cash(String equity) {
    TestBook book = new TestBook(new BigDecimal(equity));
    book.exposures.add(
        new AssetExposure(USD, new BigDecimal(equity), new BigDecimal(equity), BigDecimal.ONE));
    return book;
  }

  /** An account whose equity is {@code equity} but holds {@code cash} of it as USD. */
  static TestBook of(String equity, String cash) {
    TestBook book = new TestBook(new BigDecimal(equity));
    book.exposures.add(
        new AssetExposure(USD, new BigDecimal(cash), new BigDecimal(cash), BigDecimal.ONE));
    return book;
  }

  /** Holds {@code quantity} of {@code asset} on spot, valued at its price, all at risk. */
  TestBook spot(Asset asset, String quantity) {
    BigDecimal q = new BigDecimal(quantity);
    exposures.add(new AssetExposure(asset, q.multiply(prices.get(asset)), q, BigDecimal.ONE));
    return this;
  }

  /**
   * Holds {@code quantity} of {@code asset} on spot with a stop leaving {@code fraction} at risk.
   */
  TestBook spot(Asset asset, String quantity, String fraction) {
    BigDecimal q = new BigDecimal(quantity);
    exposures.add(
        new AssetExposure(asset, q.multiply(prices.get(asset)), q, new BigDecimal(fraction)));
    return this;
  }

  /** A margin position of signed {@code size} on {@code pair} at {@code leverage}. */
  TestBook margin(Pair pair, String size, String leverage) {
    BigDecimal value = new BigDecimal(size).multiply(prices.get(pair.base()));
    exposures.add(new AssetExposure(pair.base(), value, BigDecimal.ZERO, BigDecimal.ONE));
    notional.put(pair, value);
    marginUsed =
        marginUsed.add(
            value.abs().divide(new BigDecimal(leverage), io.tally.money.Precision.RATIO));
    open.merge(pair, 1, Integer::sum);
    return this;
  }

  TestBook price(Asset asset, String price) {
    prices.put(asset, new BigDecimal(price));
    return this;
  }

  TestBook open(Pair pair, int count) {
    open.put(pair, count);
    return this;
  }

  TestBook correlated(Set<Asset> group) {
    for (Asset asset : group) {
      correlated.put(asset, group);
    }
    return this;
  }

  TestBook drift() {
    drift = true;
    return this;
  }

  TestBook stale() {
    stale = true;
    return this;
  }

  TestBook state(TradingState next) {
    state = next;
    return this;
  }

  TestBook policy(RiskPolicy next) {
    policy = next;
    return this;
  }

  TestBook limits(RiskLimits next) {
    policy = withLimits(policy, next);
    return this;
  }

  static RiskPolicy withLimits(RiskPolicy policy, RiskLimits limits) {
    return new RiskPolicy(
        limits,
        policy.strategies(),
        policy.assetClasses(),
        policy.correlationThreshold(),
        policy.correlationWindowDays(),
        policy.drawdown(),
        policy.refuseOnDrift(),
        policy.refuseOnStalePrices(),
        policy.sizingFeePct());
  }

  /** Limits with every percent limit out of the way but the ones a test sets. */
  static RiskLimits loose() {
    return new RiskLimits(
        new BigDecimal("100"),
        new BigDecimal("100000"),
        BigDecimal.ZERO,
        BigDecimal.ZERO,
        new BigDecimal("100000"),
        Optional.empty(),
        Optional.empty(),
        BigDecimal.ZERO);
  }

  RiskBook build() {
    Map<Asset, BigDecimal> fixed = Map.copyOf(prices);
    PriceSource source =
        (asset, at) ->
            Optional.ofNullable(fixed.get(asset)).map(p -> new Price(asset, p, AT, "test"));
    return RiskBook.of(
        USD,
        AT,
        equity,
        marginUsed,
        notional,
        exposures,
        open,
        correlated,
        source,
        drift,
        stale,
        state,
        policy);
  }
}
