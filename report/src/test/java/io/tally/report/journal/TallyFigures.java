package io.tally.report.journal;

import io.tally.books.BookConfig;
import io.tally.books.BookState;
import io.tally.books.Books;
import io.tally.books.CostBasisMethod;
import io.tally.books.PnlKind;
import io.tally.money.Asset;
import io.tally.tax.Disposal;
import io.tally.tax.LotMethod;
import io.tally.tax.OpenLot;
import io.tally.tax.TaxLots;
import io.tally.tax.TaxRules;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What Tally itself says of a history, for the journals' tools to agree with: the holdings of every
 * asset (from the books, a fold apart from the tax lots), the cost basis of each asset still in
 * lots and the realized gains (from the tax lots), and the books' realized trading PnL.
 *
 * <p>Example: {@code TallyFigures.of(input).holdings().get("XBT")}.
 *
 * @param holdings units held, by commodity symbol, none that are zero
 * @param costs cost of the open lots, by commodity symbol, assets that keep lots only
 * @param gains the sum of every disposal's gain
 * @param tradingPnl the books' realized trading PnL (FIFO, fees apart)
 */
record TallyFigures(
    Map<String, BigDecimal> holdings,
    Map<String, BigDecimal> costs,
    BigDecimal gains,
    BigDecimal tradingPnl) {

  static TallyFigures of(JournalInput input) {
    TaxRules rules = input.rules();
    BookState books =
        Books.replay(
            new BookConfig(rules.base(), CostBasisMethod.FIFO, rules.kfeeUsd()),
            input.history(),
            input.events());
    Map<String, BigDecimal> holdings = new TreeMap<>();
    books
        .holdings()
        .forEach(
            (asset, holding) -> {
              if (holding.quantity().signum() != 0) {
                holdings.put(symbol(asset), holding.quantity());
              }
            });
    TaxLots lots = TaxLots.replay(rules, input.history(), input.events());
    Map<String, BigDecimal> costs = new TreeMap<>();
    for (Map.Entry<Asset, List<OpenLot>> open : lots.openLots().entrySet()) {
      BigDecimal cost = BigDecimal.ZERO;
      for (OpenLot lot : open.getValue()) {
        cost = cost.add(lot.cost());
      }
      costs.put(symbol(open.getKey()), cost);
    }
    BigDecimal gains =
        lots.disposals().stream().map(Disposal::gain).reduce(BigDecimal.ZERO, BigDecimal::add);
    return new TallyFigures(holdings, costs, gains, books.realized(PnlKind.TRADE));
  }

  /**
   * Whether the books' realized trading PnL is the journal's gains plus trade fees under {@code
   * rules}: fees apart (as the books keep them), FIFO (the books' lot method here) and withdrawals
   * not disposals (the books realize them as transfer PnL, not trading).
   */
  boolean comparableWithBooks(TaxRules rules) {
    return !rules.feesInCostBasis()
        && rules.method() == LotMethod.FIFO
        && !rules.withdrawalsRealize();
  }

  /** The numbers of {@code values} in their shortest plain form, to compare numerically. */
  static Map<String, String> plain(Map<String, BigDecimal> values) {
    Map<String, String> plain = new TreeMap<>();
    values.forEach((key, value) -> plain.put(key, value.stripTrailingZeros().toPlainString()));
    return plain;
  }

  static String symbol(Asset asset) {
    return Commodity.of(asset).symbol();
  }
}
