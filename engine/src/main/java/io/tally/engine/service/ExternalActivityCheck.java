package io.tally.engine.service;

import static java.util.Objects.requireNonNull;

import io.tally.books.BookConfig;
import io.tally.ledger.CashFlow;
import io.tally.ledger.FlowKind;
import io.tally.ledger.LedgerEvent;
import io.tally.ledger.Trade;
import io.tally.money.Asset;
import io.tally.money.Precision;
import io.tally.valuation.AssetValuation;
import io.tally.valuation.MarketPrices;
import io.tally.valuation.PortfolioValuation;
import io.tally.valuation.PriceSource;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a write brought external activity worth telling: manual trades or external flows
 * (deposits, withdrawals, rewards; not adjustments or opening balances) <b>dated after the drift
 * baseline</b>, the moment Tally started watching the account. History from before it — the first
 * sync, an old export imported later — was there before Tally watched, so it is never activity;
 * without a baseline nothing is.
 *
 * <p>The events that count are measured two ways: their flows' value against equity before the
 * write (each flow by its size, so a deposit and a withdrawal do not cancel), and the change, in
 * percentage points, of the share of equity of each asset they touch. The larger, when above the
 * threshold, is the activity. A pure function of its arguments.
 *
 * <p>Example: with a 5 % threshold, 1,000 USD deposited after the baseline into books worth 10,000
 * is {@code Optional[External activity: transfer changed your portfolio by 10%]}. Immutable.
 */
final class ExternalActivityCheck {

  private final BigDecimal thresholdPct;

  /** A check that reports changes above {@code thresholdPct} percent (points). */
  ExternalActivityCheck(BigDecimal thresholdPct) {
    this.thresholdPct = requireNonNull(thresholdPct, "thresholdPct");
    if (thresholdPct.signum() < 0) {
      throw new IllegalArgumentException("A negative activity threshold: " + thresholdPct);
    }
  }

  /**
   * The activity among {@code added}, the events a write brought between the valuations {@code
   * before} and {@code after}; flows are valued with {@code prices} at their own time. Only events
   * dated strictly after {@code baseline} count.
   */
  Optional<ExternalActivity> find(
      PortfolioValuation before,
      PortfolioValuation after,
      List<LedgerEvent> added,
      PriceSource prices,
      Optional<Instant> baseline) {
    requireNonNull(before, "before");
    requireNonNull(after, "after");
    requireNonNull(added, "added");
    requireNonNull(prices, "prices");
    if (baseline.isEmpty()) {
      return Optional.empty();
    }
    BookConfig config = after.books().config();
    MarketPrices market = new MarketPrices(config.base(), config.kfeeUsd(), prices);
    boolean manualTrade = false;
    boolean transfer = false;
    Set<Asset> touched = new LinkedHashSet<>();
    List<String> ids = new ArrayList<>();
    BigDecimal flowValue = BigDecimal.ZERO;
    for (LedgerEvent event : added) {
      if (!event.at().isAfter(baseline.get())) {
        continue;
      }
      if (event instanceof Trade trade && trade.strategy().equals(Trade.MANUAL)) {
        manualTrade = true;
        trade.sold().forEach(leg -> touched.add(leg.asset()));
        trade.bought().forEach(leg -> touched.add(leg.asset()));
        ids.add(trade.id().value());
      } else if (event instanceof CashFlow flow
          && flow.kind() != FlowKind.ADJUSTMENT
          && !flow.id().value().startsWith("opening:")) {
        transfer = true;
        touched.add(flow.amount().asset());
        ids.add(flow.id().value());
        // Every flow counts by its size: a deposit and a withdrawal in one write do not cancel.
        flowValue =
            flowValue.add(
                market
                    .value(flow.amount().asset(), flow.amount().value().abs(), flow.at())
                    .orElse(BigDecimal.ZERO));
      }
    }
    if (ids.isEmpty()) {
      return Optional.empty();
    }
    BigDecimal change = Precision.percent(flowValue, before.equity());
    Map<Asset, BigDecimal> shareBefore = shares(before);
    Map<Asset, BigDecimal> shareAfter = shares(after);
    for (Asset asset : touched) {
      BigDecimal moved =
          shareAfter
              .getOrDefault(asset, BigDecimal.ZERO)
              .subtract(shareBefore.getOrDefault(asset, BigDecimal.ZERO))
              .abs();
      change = change.max(moved);
    }
    if (change.compareTo(thresholdPct) <= 0) {
      return Optional.empty();
    }
    return Optional.of(
        new ExternalActivity(
            after.asOf(),
            ActivityKind.of(manualTrade, transfer),
            change.stripTrailingZeros(),
            ids));
  }

  private static Map<Asset, BigDecimal> shares(PortfolioValuation valuation) {
    Map<Asset, BigDecimal> shares = new HashMap<>();
    for (AssetValuation holding : valuation.holdings()) {
      shares.put(holding.holding().asset(), holding.percentageOfEquity());
    }
    return shares;
  }
}
