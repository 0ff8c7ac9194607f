package io.tally.books;

import static java.util.Objects.requireNonNull;

import io.tally.margin.MarginAccount;
import io.tally.money.Asset;
import io.tally.money.Pair;
import io.tally.money.Precision;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The books after a fold over the event log: holdings with their cost, realized PnL by kind, by
 * asset, by pair, by strategy and by strategy and pair, pair positions, fees, flows and the data
 * issues met on the way (what each trade did to trading PnL is {@link Books#tradePnls()}, kept
 * apart because it grows with every trade), and the Kraken margin positions with their trades'
 * lifecycles ({@code marginAccounts}: one per quote asset, in asset order, none without margin
 * fills; their collateral is not the account's, whose balances the ledger books). Money is base
 * currency at {@link Precision#MONEY_SCALE} decimals. No prices are involved beyond those the
 * events needed when they happened: see {@code Valuation} for equity and unrealized PnL.
 *
 * <p>Example: after buying 1 XBT for 40,000 USD with a 10 USD fee, {@code realizedTotal()} is
 * {@code -10.00000000} and {@code holdings().get(XBT).cost()} is {@code 40000.00000000}. Immutable.
 */
public record BookState(
    BookConfig config,
    SortedMap<Asset, Holding> holdings,
    SortedMap<PnlKind, BigDecimal> realizedByKind,
    SortedMap<Asset, BigDecimal> tradeRealizedByAsset,
    SortedMap<Pair, BigDecimal> realizedByPair,
    SortedMap<String, BigDecimal> realizedByStrategy,
    SortedMap<String, SortedMap<Pair, BigDecimal>> realizedByStrategyAndPair,
    List<PairPosition> positions,
    FeeSummary fees,
    FlowSummary flows,
    List<DataIssue> issues,
    long eventCount,
    List<MarginAccount> marginAccounts) {

  public BookState {
    requireNonNull(config, "config");
    holdings = Collections.unmodifiableSortedMap(new TreeMap<>(holdings));
    realizedByKind = FeeSummary.sortedCopy(realizedByKind);
    tradeRealizedByAsset = FeeSummary.sortedCopy(tradeRealizedByAsset);
    realizedByPair = FeeSummary.sortedCopy(realizedByPair);
    realizedByStrategy = FeeSummary.sortedCopy(realizedByStrategy);
    SortedMap<String, SortedMap<Pair, BigDecimal>> nested = new TreeMap<>();
    realizedByStrategyAndPair.forEach(
        (tag, byPair) -> nested.put(tag, FeeSummary.sortedCopy(byPair)));
    realizedByStrategyAndPair = Collections.unmodifiableSortedMap(nested);
    positions = List.copyOf(positions);
    requireNonNull(fees, "fees");
    requireNonNull(flows, "flows");
    issues = List.copyOf(issues);
    marginAccounts = List.copyOf(marginAccounts);
  }

  /** Realized PnL of every kind, in total. */
  public BigDecimal realizedTotal() {
    return sum(realizedByKind);
  }

  /** Realized PnL of one kind; zero when there was none. */
  public BigDecimal realized(PnlKind kind) {
    return realizedByKind.getOrDefault(kind, Precision.money(BigDecimal.ZERO));
  }

  /** The quantity held of an asset; zero when none. */
  public BigDecimal quantity(Asset asset) {
    Holding holding = holdings.get(asset);
    return holding == null ? BigDecimal.ZERO : holding.quantity();
  }

  /**
   * The units of each asset that no pair position holds: the holding less the base sizes of the
   * positions on that asset's pairs (deposits, rewards, opening balances, quote currencies
   * received, ...). Only assets where that is not zero; never negative, since positions never hold
   * more than the holding.
   *
   * <p>Example: deposit 2 XBT, buy 1 XBT on XBTUSD, then withdraw 1 XBT: the withdrawal leaves both
   * holders pro rata (XBTUSD loses 1/3, the rest 2/3), so XBTUSD holds 0.6666666667 and this is
   * {@code {XBT=1.3333333333}} (the remainder absorbs the rounding; the sum is the holding, 2).
   */
  public SortedMap<Asset, BigDecimal> nonPairHoldings() {
    Map<Asset, BigDecimal> remainder = new TreeMap<>();
    holdings.forEach((asset, holding) -> remainder.put(asset, holding.quantity()));
    for (PairPosition position : positions) {
      remainder.computeIfPresent(
          position.pair().base(), (asset, left) -> left.subtract(position.baseSize()));
    }
    SortedMap<Asset, BigDecimal> nonZero = new TreeMap<>();
    remainder.forEach(
        (asset, left) -> {
          if (left.signum() != 0) {
            nonZero.put(asset, Precision.canonical(left));
          }
        });
    return Collections.unmodifiableSortedMap(nonZero);
  }

  static BigDecimal sum(Map<?, BigDecimal> values) {
    BigDecimal total = Precision.money(BigDecimal.ZERO);
    for (BigDecimal value : values.values()) {
      total = total.add(value);
    }
    return total;
  }
}
