package io.tally.report.holdings;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.books.BookConfig;
import io.tally.books.BookState;
import io.tally.books.Books;
import io.tally.ledger.CashFlow;
import io.tally.ledger.EventId;
import io.tally.ledger.FlowKind;
import io.tally.ledger.Trade;
import io.tally.ledger.TradeKind;
import io.tally.money.Amount;
import io.tally.money.Asset;
import io.tally.money.Pair;
import io.tally.money.Price;
import io.tally.report.GoldenFile;
import io.tally.valuation.PortfolioValuation;
import io.tally.valuation.PriceTable;
import io.tally.valuation.Valuation;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The holdings report's CSV of small books against its golden file: 10,000 USD deposited, 0.25 XBT
 * bought for 10,000 with a 10 USD fee, valued when XBT is 48,000 and DOT has no price.
 */
class HoldingsCsvGoldenTest {

  private static final Asset XBT = Asset.of("XBT");
  private static final Asset DOT = Asset.of("DOT");
  private static final Instant NOW = Instant.parse("2025-06-30T12:00:00Z");

  @Test
  void theHoldingsCsvIsTheGoldenOne() {
    Instant t0 = Instant.parse("2025-06-01T10:00:00Z");
    BookState books =
        Books.replay(
            BookConfig.defaults(),
            PriceTable.of(List.of()),
            List.of(
                new CashFlow(
                    EventId.of("D1"),
                    t0,
                    FlowKind.DEPOSIT,
                    Amount.parse("USD 10010"),
                    Amount.parse("USD 0")),
                new Trade(
                    EventId.of("B1"),
                    t0.plusSeconds(60),
                    TradeKind.ORDER_BOOK,
                    new Pair(XBT, Asset.USD),
                    List.of(Amount.parse("USD 10000")),
                    List.of(Amount.parse("XBT 0.25")),
                    List.of(Amount.parse("USD 10")),
                    Trade.MANUAL),
                new CashFlow(
                    EventId.of("R1"),
                    t0.plusSeconds(120),
                    FlowKind.REWARD,
                    Amount.parse("DOT 2"),
                    Amount.parse("DOT 0"))));
    PortfolioValuation valuation =
        Valuation.of(
            books,
            PriceTable.of(List.of(new Price(XBT, new BigDecimal("48000"), NOW, "XBTUSD"))),
            NOW,
            Duration.ofHours(24));

    String csv = HoldingsCsv.of(valuation);

    // 0.25 XBT × 48,000 = 12,000 against a cost of 10,000: 2,000 unrealized; equity 12,000.
    assertThat(csv).contains("\r\nXBT,0.25,10000.00000000,48000,").contains("\r\nequity,12000");
    GoldenFile.matches("holdings.csv", csv);
  }
}
