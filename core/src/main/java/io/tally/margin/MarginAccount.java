package io.tally.margin;

import static java.util.Objects.requireNonNull;

import io.tally.money.Pair;
import io.tally.money.Precision;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A margin account as {@link MarginBook} left it after its events: collateral, a position per pair
 * ever traded (flat ones keep their totals), the last mark per pair, and every trade in the order
 * it opened. Two accounts folded from the same events are equal to the last digit.
 *
 * <p>Example: after a 10,000 USD deposit and a buy of 0.1 XBT at 60,000 with a 24 USD fee: {@code
 * collateral} 9,976, one long XBTUSD position, one open trade, {@code summary().equity()} 9,976 at
 * the fill price. Immutable.
 *
 * @param collateral net deposits + realized PnL − fees − carry, 8 decimals
 * @param netDeposits deposits less withdrawals, 8 decimals
 * @param marks the latest price per pair, from fills and mark prices
 * @param trades every trade in the order it opened; at most one per pair is open
 * @param lastEventAt the time of the last event applied; empty before the first
 */
public record MarginAccount(
    MarginTerms terms,
    BigDecimal collateral,
    BigDecimal netDeposits,
    Map<Pair, MarginPosition> positions,
    Map<Pair, BigDecimal> marks,
    List<TradeLifecycle> trades,
    Optional<Instant> lastEventAt) {

  private static final Comparator<MarginPosition> BY_PAIR =
      Comparator.comparing(MarginPosition::pair);

  public MarginAccount {
    requireNonNull(terms, "terms");
    collateral = Precision.exactMoney(collateral, "collateral");
    netDeposits = Precision.exactMoney(netDeposits, "netDeposits");
    positions = Map.copyOf(positions);
    marks = Map.copyOf(marks);
    // A book's accounts share its trades (TradeList, immutable); any other list is copied.
    trades = TradeList.of(trades);
    requireNonNull(lastEventAt, "lastEventAt");
  }

  /** An account with nothing in it yet. */
  public static MarginAccount empty(MarginTerms terms) {
    BigDecimal zero = Precision.money(BigDecimal.ZERO);
    return new MarginAccount(terms, zero, zero, Map.of(), Map.of(), List.of(), Optional.empty());
  }

  /** The same account seen in another margin mode (only liquidation prices differ). */
  public MarginAccount withMode(MarginMode mode) {
    return new MarginAccount(
        terms.withMode(mode), collateral, netDeposits, positions, marks, trades, lastEventAt);
  }

  /** The position on a pair, flat if it was never traded. */
  public MarginPosition position(Pair pair) {
    return positions.getOrDefault(pair, MarginPosition.flat(pair));
  }

  /** The positions that are not flat, by pair. */
  public List<MarginPosition> openPositions() {
    // A loop, not a stream: a paper account asks several times per order.
    List<MarginPosition> open = new ArrayList<>(positions.size());
    for (MarginPosition position : positions.values()) {
      if (!position.isFlat()) {
        open.add(position);
      }
    }
    open.sort(BY_PAIR);
    return Collections.unmodifiableList(open);
  }

  /** The open trade on a pair, if its position is open. */
  public Optional<TradeLifecycle> openTrade(Pair pair) {
    return trades.stream()
        .filter(trade -> trade.pair().equals(pair) && trade.status() == TradeStatus.OPEN)
        .findFirst();
  }

  /** The closed trades in the order they opened. */
  public List<TradeLifecycle> closedTrades() {
    return trades.stream().filter(trade -> trade.status() == TradeStatus.CLOSED).toList();
  }

  /** Σ price PnL realized on every pair. */
  public BigDecimal realizedPnl() {
    return positions.values().stream()
        .map(MarginPosition::realizedPnl)
        .reduce(Precision.money(BigDecimal.ZERO), BigDecimal::add);
  }

  /** Σ trading fees paid on every pair. */
  public BigDecimal feesPaid() {
    return positions.values().stream()
        .map(MarginPosition::feesPaid)
        .reduce(Precision.money(BigDecimal.ZERO), BigDecimal::add);
  }

  /** Σ carry paid on every pair. */
  public BigDecimal fundingPaid() {
    return positions.values().stream()
        .map(MarginPosition::fundingPaid)
        .reduce(Precision.money(BigDecimal.ZERO), BigDecimal::add);
  }

  /** The figures at the account's own marks. */
  public MarginSummary summary() {
    return summary(Map.of());
  }

  /**
   * The figures with some pairs marked at other prices (a what-if; the others at the account's
   * marks). Liquidation prices follow the terms' {@link MarginMode}: isolated, the price where the
   * position's initial margin plus its unrealized PnL equals its maintenance margin, {@code P =
   * (entryValue + sign × (maintenance − initial)) ÷ |size|}; cross, the price where the account's
   * equity equals its total maintenance margin with the other positions at their marks, {@code P =
   * (entryValue + sign × (Σ maintenance − collateral − others' unrealized)) ÷ |size|}. A price that
   * is not positive is absent: a long no fall can liquidate, or a short that is below its
   * maintenance at any price. On a tick, {@link MarginSummary#withMark} gives the same figures from
   * the previous summary without revaluing every position.
   */
  public MarginSummary summary(Map<Pair, BigDecimal> prices) {
    requireNonNull(prices, "prices");
    List<MarginPosition> open = openPositions();
    int count = open.size();
    BigDecimal[] marks = new BigDecimal[count];
    BigDecimal[] marketValues = new BigDecimal[count];
    BigDecimal[] unrealized = new BigDecimal[count];
    BigDecimal[] initial = new BigDecimal[count];
    BigDecimal[] maintenance = new BigDecimal[count];
    BigDecimal totalUnrealized = Precision.money(BigDecimal.ZERO);
    BigDecimal totalInitial = totalUnrealized;
    BigDecimal totalMaintenance = totalUnrealized;
    for (int i = 0; i < count; i++) {
      MarginPosition position = open.get(i);
      marks[i] = markOf(position.pair(), prices);
      marketValues[i] = position.marketValue(marks[i]);
      unrealized[i] =
          MarginPosition.unrealizedPnl(position.size(), marketValues[i], position.entryValue());
      initial[i] = position.initialMargin();
      maintenance[i] =
          Precision.money(initial[i].multiply(terms.maintenanceRatio(position.pair())));
      totalUnrealized = totalUnrealized.add(unrealized[i]);
      totalInitial = totalInitial.add(initial[i]);
      totalMaintenance = totalMaintenance.add(maintenance[i]);
    }
    BigDecimal excess = collateral.add(totalUnrealized).subtract(totalMaintenance);
    List<PositionMargin> figures = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      MarginPosition position = open.get(i);
      Optional<BigDecimal> liquidation =
          terms.mode() == MarginMode.ISOLATED
              ? PositionMargin.isolatedLiquidation(
                  position.size(), position.notional(), initial[i], maintenance[i])
              : PositionMargin.crossLiquidation(position.size(), marketValues[i], excess);
      figures.add(
          new PositionMargin(
              position.pair(),
              PositionSide.ofSign(position.size().signum()),
              position.size(),
              position.leverage(),
              position.entryPrice().orElseThrow(),
              marks[i],
              position.notional(),
              marketValues[i],
              unrealized[i],
              initial[i],
              maintenance[i],
              liquidation));
    }
    return MarginSummary.of(
        terms.mode(),
        collateral,
        terms.reserveRatio(),
        figures,
        totalUnrealized,
        totalInitial,
        totalMaintenance);
  }

  private BigDecimal markOf(Pair pair, Map<Pair, BigDecimal> prices) {
    BigDecimal given = prices.get(pair);
    if (given != null) {
      return Argument.positive("price of " + pair, given);
    }
    BigDecimal mark = marks.get(pair);
    if (mark == null) {
      throw new IllegalStateException("No mark for the open " + pair + " position");
    }
    return mark;
  }
}
