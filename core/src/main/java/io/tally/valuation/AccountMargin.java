package io.tally.valuation;

import static java.util.Objects.requireNonNull;

import io.tally.margin.MarginAccount;
import io.tally.margin.MarginPosition;
import io.tally.margin.MarginSummary;
import io.tally.margin.MarginTerms;
import io.tally.money.Asset;
import io.tally.money.Pair;
import io.tally.money.Precision;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The margin figures of valued books in the base currency (ACCOUNTING.md §5, Kraken's spot margin):
 * the spot equity is the collateral, and each open margin position counts against the base currency
 * at its quote asset's current price, so {@code equity = collateral + Σ unrealized} is the
 * valuation's own equity, and margin used, free margin, margin level, maintenance and liquidation
 * prices follow the {@link MarginSummary} rules under the configured terms.
 *
 * <p>A position quoted in the base currency is exact. One quoted in another currency (XBT/EUR in
 * USD books) has its entry value converted at the quote's current price: margin figures move with
 * that exchange rate, as Kraken's do in its own reporting currency. Its liquidation price is in
 * base-currency units of its base asset. An unvalued position is left out (the valuation lists an
 * issue for it), and so is a second position on the same base asset in another quote currency.
 *
 * <p>Example: 10,000 USD of spot and a 2× long of 0.2 XBT/USD entered at 60,000 and marked at
 * 61,000: collateral 10,000, equity 10,200, margin used 6,000, free margin 4,200, level 170 %.
 * Stateless.
 */
public final class AccountMargin {

  private AccountMargin() {}

  /**
   * The figures of {@code valuation} under {@code terms}, whose collateral is the base currency.
   */
  public static MarginSummary of(PortfolioValuation valuation, MarginTerms terms) {
    requireNonNull(valuation, "valuation");
    requireNonNull(terms, "terms");
    Asset base = valuation.books().config().base();
    if (!terms.collateral().equals(base)) {
      throw new IllegalArgumentException(
          "margin terms in " + terms.collateral() + " for books in " + base);
    }
    Map<Pair, MarginPosition> positions = new HashMap<>();
    Map<Pair, BigDecimal> marks = new HashMap<>();
    BigDecimal unrealized = Precision.money(BigDecimal.ZERO);
    for (MarginPositionValuation valued : valuation.marginPositions()) {
      MarginPosition position = valued.position();
      Pair inBase = new Pair(position.pair().base(), base);
      if (valued.unvalued()
          || position.pair().base().equals(base)
          || positions.containsKey(inBase)) {
        continue;
      }
      BigDecimal rate = valued.quotePrice().orElseThrow();
      positions.put(
          inBase,
          new MarginPosition(
              inBase,
              position.size(),
              Precision.valueOf(position.entryValue(), rate),
              position.leverage(),
              Precision.valueOf(position.realizedPnl(), rate),
              Precision.valueOf(position.feesPaid(), rate),
              Precision.valueOf(position.fundingPaid(), rate)));
      marks.put(inBase, valued.mark().orElseThrow().multiply(rate));
      unrealized = unrealized.add(valued.unrealized());
    }
    BigDecimal collateral = Precision.money(valuation.equity().subtract(unrealized));
    return new MarginAccount(
            terms,
            collateral,
            Precision.money(BigDecimal.ZERO),
            positions,
            marks,
            List.of(),
            Optional.empty())
        .summary();
  }
}
