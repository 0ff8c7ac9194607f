package io.tally.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.books.BookConfig;
import io.tally.books.BookState;
import io.tally.books.Books;
import io.tally.books.CostBasisMethod;
import io.tally.ledger.CashFlow;
import io.tally.ledger.EventId;
import io.tally.ledger.FlowKind;
import io.tally.ledger.LedgerEvent;
import io.tally.margin.MarginMode;
import io.tally.margin.MarginSummary;
import io.tally.money.Amount;
import io.tally.money.Asset;
import io.tally.money.Pair;
import io.tally.money.Price;
import io.tally.valuation.MarketPrices;
import io.tally.valuation.PortfolioValuation;
import io.tally.valuation.PriceTable;
import io.tally.valuation.Valuation;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MarginCheckTest {

  private static final Instant T0 = Instant.parse("2024-03-01T00:00:00Z");
  private static final Instant NOW = Instant.parse("2024-03-02T00:00:00Z");
  private static final Asset EUR = Asset.of("EUR");
  private static final Asset DOT = Asset.of("DOT");
  private static final MarginTolerance TOLERANCE = MarginTolerance.of(new BigDecimal("1.00"));
  private static final Pair XBT_USD = new Pair(Asset.XBT, Asset.USD);

  /** 1.5 XBT and 10,000 USD; XBT now 60,000: equity 100,000, no margin position. */
  private static final PortfolioValuation BOOKS =
      valued(
          BookConfig.defaults(),
          deposit("d1", Asset.XBT, "1.5"),
          deposit("d2", Asset.USD, "10000"));

  @Test
  void krakensFiguresRestatedTheBooksWayAgreeAndAreNoDrift() {
    // Kraken counts only USD as collateral here: tb 10,000, eb 100,000 (XBT at 60,000 too).
    // Restated: e + (eb − tb) = 10,000 + 90,000 = 100,000 = the books' equity; m 0 on both sides;
    // free margin 10,000 + 90,000 = 100,000; no level on either side (no margin used).
    MarginCheck check =
        MarginCheck.of(NOW, BOOKS, summary(BOOKS), kraken("100000", List.of()), TOLERANCE);

    assertThat(check.figuresSkipped()).isEmpty();
    assertThat(check.nonCollateral()).isEqualByComparingTo("90000");
    assertThat(check.figures())
        .extracting(MarginFigureCheck::figure)
        .containsExactly(MarginFigure.values());
    assertThat(check.figures().get(0).exchange()).contains(new BigDecimal("100000"));
    assertThat(check.figures().get(0).difference().orElseThrow()).isEqualByComparingTo("0");
    assertThat(check.figures().get(3).internal()).isEmpty();
    assertThat(check.figures().get(3).exchange()).isEmpty();
    assertThat(check.driftFlag()).isFalse();
  }

  @Test
  void anEquityBeyondHalfAPercentIsDriftAndJustWithinItIsNot() {
    // eb 100,500: restated equity 100,500, 500 above the books' 100,000;
    // tolerance max(1.00, 0.005 × 100,500 = 502.50) = 502.50: within.
    assertThat(
            MarginCheck.of(NOW, BOOKS, summary(BOOKS), kraken("100500", List.of()), TOLERANCE)
                .driftFlag())
        .isFalse();
    // eb 100,510: 510 apart against max(1.00, 502.55): beyond, and so is free margin.
    MarginCheck beyond =
        MarginCheck.of(NOW, BOOKS, summary(BOOKS), kraken("100510", List.of()), TOLERANCE);
    assertThat(beyond.driftFlag()).isTrue();
    assertThat(beyond.figures())
        .filteredOn(MarginFigureCheck::beyondTolerance)
        .extracting(MarginFigureCheck::figure)
        .containsExactly(MarginFigure.EQUITY, MarginFigure.FREE_MARGIN);
  }

  @Test
  void aPositionKrakenHoldsAndTheBooksDoNotIsDriftWhateverItsSize() {
    MarginCheck check =
        MarginCheck.of(
            NOW,
            BOOKS,
            summary(BOOKS),
            kraken(
                "100000",
                List.of(
                    new PositionSize(XBT_USD, new BigDecimal("0.00000002")),
                    new PositionSize(XBT_USD, new BigDecimal("-0.00000001")))),
            TOLERANCE);

    // Kraken's two positions net to 0.00000001 XBT long; the books hold none.
    assertThat(check.positions())
        .containsExactly(
            new PositionSizeCheck(XBT_USD, BigDecimal.ZERO, new BigDecimal("0.00000001")));
    assertThat(check.positions().get(0).beyondTolerance()).isTrue();
    assertThat(check.driftFlag()).isTrue();
  }

  @Test
  void booksInAnotherCurrencyThanKrakensSkipTheFiguresButStillCompareSizes() {
    PortfolioValuation inEuro =
        valued(
            new BookConfig(EUR, CostBasisMethod.WAC, MarketPrices.KFEE_USD),
            deposit("d1", EUR, "1000"));
    MarginCheck check =
        MarginCheck.of(
            NOW,
            inEuro,
            summary(inEuro),
            kraken("100000", List.of(new PositionSize(XBT_USD, BigDecimal.ONE))),
            TOLERANCE);

    assertThat(check.figures()).isEmpty();
    assertThat(check.figuresSkipped().orElseThrow())
        .isEqualTo(
            "Kraken's TradeBalance is valued in USD and the books in EUR: equity, margin used,"
                + " free margin and margin level are not compared");
    assertThat(check.positions()).hasSize(1);
    assertThat(check.driftFlag()).as("the size still differs").isTrue();
  }

  @Test
  void aHoldingWithoutAPriceSkipsTheFiguresNamingIt() {
    PortfolioValuation unpriced =
        valued(BookConfig.defaults(), deposit("d1", Asset.USD, "10000"), deposit("d2", DOT, "5"));
    MarginCheck check =
        MarginCheck.of(NOW, unpriced, summary(unpriced), kraken("10040", List.of()), TOLERANCE);

    assertThat(check.figuresSkipped().orElseThrow()).startsWith("the books have no price for DOT");
    assertThat(check.driftFlag()).isFalse();
  }

  @Test
  void aLevelOnOnlyOneSideIsBeyondTheTolerance() {
    MarginFigureCheck level =
        MarginFigureCheck.of(
            MarginFigure.MARGIN_LEVEL,
            Optional.empty(),
            Optional.of(new BigDecimal("500")),
            TOLERANCE);
    assertThat(level.beyondTolerance()).isTrue();
    assertThat(level.difference()).isEmpty();
  }

  /** Kraken in USD with {@code tb} 10,000, no margin used, and {@code eb} as given. */
  private static ExchangeMargin kraken(String equivalentBalance, List<PositionSize> positions) {
    BigDecimal tb = new BigDecimal("10000");
    return new ExchangeMargin(
        Asset.USD,
        new BigDecimal(equivalentBalance),
        tb,
        BigDecimal.ZERO,
        BigDecimal.ZERO,
        tb,
        tb,
        Optional.empty(),
        positions);
  }

  private static MarginSummary summary(PortfolioValuation valuation) {
    return new MarginSummary(MarginMode.CROSS, valuation.equity(), BigDecimal.ZERO, List.of());
  }

  private static PortfolioValuation valued(BookConfig config, LedgerEvent... events) {
    PriceTable prices =
        PriceTable.of(
            List.of(
                new Price(Asset.XBT, new BigDecimal("60000"), NOW, "test"),
                new Price(Asset.XBT, new BigDecimal("60000"), T0, "test")));
    BookState books = Books.replay(config, prices, List.of(events));
    return Valuation.of(books, prices, NOW, Duration.ofDays(7));
  }

  private static CashFlow deposit(String id, Asset asset, String amount) {
    return new CashFlow(
        EventId.of(id),
        T0,
        FlowKind.DEPOSIT,
        new Amount(asset, new BigDecimal(amount)),
        Amount.zero(asset));
  }
}
