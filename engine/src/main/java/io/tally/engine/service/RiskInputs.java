package io.tally.engine.service;

import static java.util.Objects.requireNonNull;

import io.tally.engine.sync.OpenOrders;
import io.tally.metrics.DrawdownWindow;
import io.tally.valuation.PortfolioValuation;
import io.tally.valuation.PriceSource;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * What the risk layer reads of one published state of the books: the valuation (holdings, margin
 * positions, equity, staleness), the margin in use, the live drawdown windows, the drift flag, the
 * open orders Kraken reported at the last sync, and the prices an order on another pair is valued
 * at. Handed to valuation listeners on every publish ({@link PortfolioService#onValuation}) and
 * read on demand ({@link PortfolioService#riskInputs()}).
 *
 * <p>Example: {@code service.riskInputs().valuation().equity()}. Immutable.
 *
 * @param marginUsed the margin the open margin positions use, in the base currency (0 without)
 * @param drift whether the last reconciliation set the drift flag
 * @param drawdownSeeded whether the drawdown windows were replayed over the whole equity series
 *     (the schedule's first job): until then they know only the samples since the last start, and
 *     the first sync of a long history folds all its flows into one
 */
public record RiskInputs(
    PortfolioValuation valuation,
    BigDecimal marginUsed,
    Optional<DrawdownWindow> drawdown,
    boolean drift,
    Optional<OpenOrders> openOrders,
    PriceSource prices,
    boolean drawdownSeeded) {

  public RiskInputs {
    requireNonNull(valuation, "valuation");
    requireNonNull(marginUsed, "marginUsed");
    requireNonNull(drawdown, "drawdown");
    requireNonNull(openOrders, "openOrders");
    requireNonNull(prices, "prices");
  }

  /** What the risk layer reads of {@code view}, whose queries are {@code queries}. */
  static RiskInputs of(PortfolioView view, PortfolioQueries queries, boolean drawdownSeeded) {
    BigDecimal marginUsed =
        view.valuation().marginPositions().isEmpty()
            ? BigDecimal.ZERO
            : queries.getMargin().summary().marginUsed();
    return new RiskInputs(
        view.valuation(),
        marginUsed,
        view.drawdown(),
        view.reconciliation().map(Reconciliation::driftFlag).orElse(false),
        view.openOrders(),
        view.prices(),
        drawdownSeeded);
  }

  /** The books' net external flows so far, in the base currency: what moves the drawdown peaks. */
  public BigDecimal netFlows() {
    return valuation.books().flows().net();
  }
}
