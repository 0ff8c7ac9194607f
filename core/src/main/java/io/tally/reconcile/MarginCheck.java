package io.tally.reconcile;

import static java.util.Objects.requireNonNull;

import io.tally.margin.MarginSummary;
import io.tally.money.Asset;
import io.tally.money.Pair;
import io.tally.money.Precision;
import io.tally.valuation.AssetValuation;
import io.tally.valuation.MarginPositionValuation;
import io.tally.valuation.PortfolioValuation;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The books' margin against Kraken's {@code TradeBalance} and {@code OpenPositions} taken at the
 * same quiet moment as the balances (docs/ACCOUNTING-DECISIONS.md "Margin reconciliation against
 * TradeBalance"): each pair's netted open size, exactly, and equity, margin used, free margin and
 * margin level within a {@link MarginTolerance}.
 *
 * <p>Kraken's {@code e}, {@code mf} and {@code ml} count only its collateral currencies; the books
 * count every holding. Kraken's figures are restated the books' way by adding {@link
 * ExchangeMargin#nonCollateral()} ({@code eb − tb}) to equity and free margin, and the level is
 * {@code restated equity ÷ m × 100}. The figures are compared only when they can be like for like:
 * Kraken's currency is the base currency, every holding and position has a price, and none is
 * stale; otherwise {@link #figuresSkipped()} says why, and only the sizes are compared.
 *
 * <p>Example: books in USD with equity 10,040, margin used 2,000, a short of 1.5 ETH/USD; Kraken
 * {@code eb} 10,100, {@code tb} 10,000, {@code n} −50, {@code e} 9,950, {@code m} 2,000, {@code mf}
 * 7,950, short 1.5 ETH: restated equity {@code 9950 + 100 = 10,050}, 10 apart, within {@code
 * max(1.00, 0.5 % × 10050)}; no drift. Immutable.
 *
 * @param at when Kraken's figures were read
 * @param currency the currency Kraken valued {@code TradeBalance} in
 * @param nonCollateral Kraken's {@code eb − tb}, in {@code currency}
 * @param figuresSkipped why the figures were not compared; empty when they were
 * @param figures the four figures, in {@link MarginFigure} order; empty when skipped
 * @param positions one row per pair either side has open, in pair order
 */
public record MarginCheck(
    Instant at,
    Asset currency,
    MarginTolerance tolerance,
    BigDecimal nonCollateral,
    Optional<String> figuresSkipped,
    List<MarginFigureCheck> figures,
    List<PositionSizeCheck> positions) {

  public MarginCheck {
    requireNonNull(at, "at");
    requireNonNull(currency, "currency");
    requireNonNull(tolerance, "tolerance");
    requireNonNull(nonCollateral, "nonCollateral");
    requireNonNull(figuresSkipped, "figuresSkipped");
    figures = List.copyOf(figures);
    positions = List.copyOf(positions);
    if (figuresSkipped.isPresent() != figures.isEmpty()) {
      throw new IllegalArgumentException(
          "margin figures are either compared or skipped with a reason: skipped "
              + figuresSkipped
              + ", figures "
              + figures);
    }
  }

  /**
   * Compares the books' {@code summary} (of {@code valuation}, in its base currency) and open
   * positions with Kraken's {@code exchange}, read at {@code at}.
   */
  public static MarginCheck of(
      Instant at,
      PortfolioValuation valuation,
      MarginSummary summary,
      ExchangeMargin exchange,
      MarginTolerance tolerance) {
    requireNonNull(valuation, "valuation");
    requireNonNull(summary, "summary");
    requireNonNull(exchange, "exchange");
    Optional<String> skipped = skipReason(valuation, exchange);
    List<MarginFigureCheck> figures = new ArrayList<>();
    if (skipped.isEmpty()) {
      BigDecimal extra = exchange.nonCollateral();
      BigDecimal equity = exchange.equity().add(extra);
      Optional<BigDecimal> level =
          exchange.marginUsed().signum() == 0
              ? Optional.empty()
              : Optional.of(Precision.percent(equity, exchange.marginUsed()));
      figures.add(
          MarginFigureCheck.of(
              MarginFigure.EQUITY, Optional.of(summary.equity()), Optional.of(equity), tolerance));
      figures.add(
          MarginFigureCheck.of(
              MarginFigure.MARGIN_USED,
              Optional.of(summary.marginUsed()),
              Optional.of(exchange.marginUsed()),
              tolerance));
      figures.add(
          MarginFigureCheck.of(
              MarginFigure.FREE_MARGIN,
              Optional.of(summary.freeMargin()),
              Optional.of(exchange.freeMargin().add(extra)),
              tolerance));
      figures.add(
          MarginFigureCheck.of(MarginFigure.MARGIN_LEVEL, summary.marginLevel(), level, tolerance));
    }
    return new MarginCheck(
        at,
        exchange.currency(),
        tolerance,
        exchange.nonCollateral(),
        skipped,
        figures,
        sizes(valuation, exchange));
  }

  /** Whether any figure is beyond the tolerance or any pair's size differs. */
  public boolean driftFlag() {
    return figures.stream().anyMatch(MarginFigureCheck::beyondTolerance)
        || positions.stream().anyMatch(PositionSizeCheck::beyondTolerance);
  }

  /** Why the figures cannot be compared like for like, if they cannot. */
  private static Optional<String> skipReason(
      PortfolioValuation valuation, ExchangeMargin exchange) {
    Asset base = valuation.books().config().base();
    if (!exchange.currency().equals(base)) {
      return Optional.of(
          "Kraken's TradeBalance is valued in "
              + exchange.currency()
              + " and the books in "
              + base
              + ": equity, margin used, free margin and margin level are not compared");
    }
    TreeSet<String> unpriced = new TreeSet<>();
    for (AssetValuation holding : valuation.holdings()) {
      if (holding.unvalued()) {
        unpriced.add(holding.holding().asset().code());
      }
    }
    for (MarginPositionValuation position : valuation.marginPositions()) {
      if (position.unvalued()) {
        unpriced.add(position.position().pair().slashed());
      }
    }
    if (!unpriced.isEmpty()) {
      return Optional.of(
          "the books have no price for "
              + String.join(", ", unpriced)
              + " and count it at zero where Kraken values it: the figures are not compared");
    }
    if (valuation.stale()) {
      return Optional.of(
          "a price the books use is older than max_price_age: the figures are not compared");
    }
    return Optional.empty();
  }

  /** One row per pair open on either side: the books' netted size against Kraken's. */
  private static List<PositionSizeCheck> sizes(
      PortfolioValuation valuation, ExchangeMargin exchange) {
    Map<Pair, BigDecimal> books = new TreeMap<>();
    for (MarginPositionValuation valued : valuation.marginPositions()) {
      books.merge(valued.position().pair(), valued.position().size(), BigDecimal::add);
    }
    Map<Pair, BigDecimal> kraken = new TreeMap<>();
    for (PositionSize position : exchange.positions()) {
      kraken.put(position.pair(), position.size());
    }
    TreeSet<Pair> pairs = new TreeSet<>(books.keySet());
    pairs.addAll(kraken.keySet());
    List<PositionSizeCheck> rows = new ArrayList<>();
    for (Pair pair : pairs) {
      BigDecimal internal = books.getOrDefault(pair, BigDecimal.ZERO);
      BigDecimal external = kraken.getOrDefault(pair, BigDecimal.ZERO);
      if (internal.signum() != 0 || external.signum() != 0) {
        rows.add(new PositionSizeCheck(pair, internal, external));
      }
    }
    return rows;
  }
}
