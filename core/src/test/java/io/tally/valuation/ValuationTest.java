package io.tally.valuation;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.books.BookConfig;
import io.tally.books.BookState;
import io.tally.books.Books;
import io.tally.books.DataIssue;
import io.tally.books.IssueKind;
import io.tally.ledger.CashFlow;
import io.tally.ledger.EventId;
import io.tally.ledger.FlowKind;
import io.tally.ledger.LedgerEvent;
import io.tally.money.Amount;
import io.tally.money.Asset;
import io.tally.money.Price;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValuationTest {

  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  private static final Instant NOW = T0.plus(Duration.ofDays(10));

  private static LedgerEvent deposit(String id, String amount) {
    Amount units = Amount.parse(amount);
    return new CashFlow(EventId.of(id), T0, FlowKind.DEPOSIT, units, Amount.zero(units.asset()));
  }

  private static Price price(String asset, String value, Instant at) {
    return new Price(Asset.of(asset), new BigDecimal(value), at, asset + "USD");
  }

  @Test
  void equityIsHoldingsTimesPriceAndCashIsTheBaseCurrencysBalance() {
    // 1,000 USD + 0.5 XBT at 60,000 + 100 EUR at 1.1 = 1,000 + 30,000 + 110 = 31,110; cash is the
    // 1,000 USD a USD book can spend; the 110 of euros are other fiat, not buying power in USD.
    PriceTable prices =
        PriceTable.of(
            List.of(
                price("XBT", "40000", T0),
                price("EUR", "1.1", T0),
                price("EUR", "1.1", NOW),
                price("XBT", "60000", NOW)));
    BookState books =
        Books.replay(
            BookConfig.defaults(),
            prices,
            List.of(deposit("A", "USD 1000"), deposit("B", "XBT 0.5"), deposit("C", "EUR 100")));

    PortfolioValuation valuation = Valuation.of(books, prices, NOW, Duration.ofHours(24));

    assertThat(valuation.equity()).isEqualByComparingTo("31110");
    assertThat(valuation.cash()).isEqualByComparingTo("1000");
    assertThat(valuation.otherFiat()).isEqualByComparingTo("110");
    // XBT cost 20,000 (deposited at 40,000), now 30,000
    assertThat(valuation.unrealized()).isEqualByComparingTo("10000");
    assertThat(valuation.holdings())
        .filteredOn(h -> h.holding().asset().code().equals("XBT"))
        .singleElement()
        .satisfies(h -> assertThat(h.percentageOfEquity()).isEqualByComparingTo("96.4320"));
    assertThat(valuation.stale()).isFalse();
  }

  @Test
  void aHoldingWithoutAPriceIsUnvaluedFlaggedAndListedNeverDropped() {
    BookState books =
        Books.replay(BookConfig.defaults(), PriceSource.NONE, List.of(deposit("A", "DOT 10")));

    PortfolioValuation valuation = Valuation.of(books, PriceSource.NONE, NOW, Duration.ofHours(24));

    assertThat(valuation.holdings())
        .singleElement()
        .satisfies(
            h -> {
              assertThat(h.unvalued()).isTrue();
              assertThat(h.value()).isEqualByComparingTo("0");
            });
    assertThat(valuation.issues()).extracting(DataIssue::kind).contains(IssueKind.UNVALUED);
  }

  @Test
  void anOldPriceMakesTheValuationStale() {
    PriceTable prices = PriceTable.of(List.of(price("XBT", "40000", T0)));
    BookState books = Books.replay(BookConfig.defaults(), prices, List.of(deposit("A", "XBT 1")));

    PortfolioValuation valuation = Valuation.of(books, prices, NOW, Duration.ofHours(24));

    assertThat(valuation.stale()).isTrue();
    assertThat(valuation.issues())
        .extracting(DataIssue::kind)
        .containsExactly(IssueKind.STALE_PRICE);
    assertThat(Valuation.of(books, prices, NOW, Duration.ofDays(30)).stale()).isFalse();
  }

  @Test
  void theBaseCurrencyAndKfeeNeedNoPriceRow() {
    BookState books =
        Books.replay(
            BookConfig.defaults(),
            PriceSource.NONE,
            List.of(deposit("A", "USD 5"), deposit("B", "KFEE 1000")));

    PortfolioValuation valuation = Valuation.of(books, PriceSource.NONE, NOW, Duration.ofHours(1));

    // 5 + 1,000 × 0.01 = 15
    assertThat(valuation.equity()).isEqualByComparingTo("15");
    assertThat(valuation.stale()).isFalse();
    assertThat(valuation.issues()).isEmpty();
  }
}
