package io.tally.report.journal;

import static java.util.Objects.requireNonNull;

import io.tally.ledger.LedgerEvent;
import io.tally.money.Price;
import io.tally.tax.LotMethod;
import io.tally.tax.TaxRules;
import io.tally.valuation.PriceSource;
import io.tally.valuation.PriceTable;
import java.time.Instant;
import java.util.List;

/**
 * What a journal export is made from: the rules its lots are kept by (method, fee treatment,
 * withdrawals, base currency, reporting time zone), the prices that valued the events, the events
 * themselves (any order: they are replayed in {@link LedgerEvent#ORDER}), the prices to write as
 * price directives, and when the export was made.
 *
 * <p>A journal needs dated lots that a disposal names one by one, so weighted average cost is
 * refused: {@code new JournalInput(TaxRules.defaults(USD).withMethod(LotMethod.WAC), …)} throws "A
 * journal needs dated lots: use fifo, lifo or hifo, not wac".
 *
 * <p>Example: {@code JournalInput.of(TaxRules.defaults(Asset.USD), prices, events,
 * Instant.parse("2026-01-15T09:30:00Z"))}. Immutable.
 *
 * @param history what values the events (as {@code TaxLots.replay} is given)
 * @param prices the price points written as {@code price} directives ({@code P} lines in ledger)
 */
public record JournalInput(
    TaxRules rules,
    PriceSource history,
    List<LedgerEvent> events,
    List<Price> prices,
    Instant generated) {

  public JournalInput {
    requireNonNull(rules, "rules");
    requireNonNull(history, "history");
    events = List.copyOf(events);
    prices = List.copyOf(prices);
    requireNonNull(generated, "generated");
    if (rules.method() == LotMethod.WAC) {
      throw new IllegalArgumentException(
          "A journal needs dated lots: use fifo, lifo or hifo, not " + rules.method().code());
    }
  }

  /** The input whose events are valued by the very price points it writes. */
  public static JournalInput of(
      TaxRules rules, List<Price> prices, List<LedgerEvent> events, Instant generated) {
    return new JournalInput(rules, PriceTable.of(prices), events, prices, generated);
  }
}
