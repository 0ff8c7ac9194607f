package io.tally.report.performance;

import io.tally.books.BookConfig;
import io.tally.books.DataIssue;
import io.tally.books.IssueKind;
import io.tally.engine.config.PerformanceConfig;
import io.tally.engine.performance.Performance;
import io.tally.engine.performance.PerformanceQuery;
import io.tally.ledger.CashFlow;
import io.tally.ledger.EventId;
import io.tally.ledger.FlowKind;
import io.tally.ledger.LedgerEvent;
import io.tally.ledger.Trade;
import io.tally.ledger.TradeKind;
import io.tally.money.Amount;
import io.tally.money.Asset;
import io.tally.money.Pair;
import io.tally.money.Price;
import io.tally.series.DailyHistory;
import io.tally.testing.GeneratedHistory;
import io.tally.testing.HistoryGenerator;
import io.tally.valuation.PriceSource;
import io.tally.valuation.PriceTable;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reports made the way the engine makes them (a {@link DailyHistory} folded from events and prices,
 * then {@link PerformanceQuery#answer}), from core's seeded {@link HistoryGenerator} or from a few
 * hand-written events. Stateless.
 */
final class ReportSamples {

  /** The generation time of every sample report. */
  static final Instant GENERATED = Instant.parse("2026-12-04T10:00:00Z");

  static final Asset XBT = Asset.of("XBT");

  private ReportSamples() {}

  /**
   * The golden report: seed 7, 1,500 events over about 120 days (2022-01 to 2022-05), its three
   * strategy tags, and two data issues.
   */
  static PerformanceReport seeded() {
    GeneratedHistory generated = HistoryGenerator.generate(7, 1_500, Duration.ofDays(120));
    return report(
        generated.events(),
        generated.prices(),
        generated.end(),
        Optional.empty(),
        List.of(
            new DataIssue(
                IssueKind.MISSING_PRICE,
                "E000042",
                "DOT",
                "no DOT price at 2022-01-05T10:00:00Z to value the fee"),
            new DataIssue(IssueKind.OPENING_BALANCE, "", "EUR", "EUR had 12.5, \"before\" row 1")));
  }

  /**
   * About {@code days} days of {@code events} generated events whose trades are spread over {@code
   * strategies} strategy tags ({@code s001}, {@code s002}, ...), with {@code issues} data issues.
   */
  static PerformanceReport longHistory(
      long seed, int events, int days, int strategies, int issues) {
    GeneratedHistory generated = HistoryGenerator.generate(seed, events, Duration.ofDays(days));
    List<LedgerEvent> tagged = new ArrayList<>();
    int next = 0;
    for (LedgerEvent event : generated.events()) {
      if (event instanceof Trade trade) {
        String tag = String.format("s%03d", next++ % strategies + 1);
        tagged.add(trade.withPairAndStrategy(trade.pair(), tag));
      } else {
        tagged.add(event);
      }
    }
    List<DataIssue> found = new ArrayList<>();
    IssueKind[] kinds = IssueKind.values();
    for (int i = 0; i < issues; i++) {
      found.add(
          new DataIssue(
              kinds[i % kinds.length],
              String.format("E%06d", i + 1),
              "ETH",
              "issue number "
                  + (i + 1)
                  + " of a long history, with a detail long enough to wrap"
                  + " onto a second line of the page when the page is narrow enough for it"));
    }
    return report(tagged, generated.prices(), generated.end(), Optional.empty(), found);
  }

  /**
   * A month with no trade: 10,000 USD deposited and 0.1 XBT bought on 2025-03-01 (held all month,
   * XBT rising 40,000 → 41,000 on day 3), then only flows in the report's period 2025-03-02 ..
   * 2025-03-20: 2,500 USD deposited on 03-05 and 1,000 USD withdrawn on 03-12.
   */
  static PerformanceReport noTrading() {
    Instant day1 = Instant.parse("2025-03-01T00:00:00Z");
    List<LedgerEvent> events =
        List.of(
            new CashFlow(
                EventId.of("D1"),
                day1.plusSeconds(3_600),
                FlowKind.DEPOSIT,
                Amount.parse("USD 10000"),
                Amount.parse("USD 0")),
            new Trade(
                EventId.of("T1"),
                day1.plusSeconds(7_200),
                TradeKind.ORDER_BOOK,
                new Pair(XBT, Asset.USD),
                List.of(Amount.parse("USD 4000")),
                List.of(Amount.parse("XBT 0.1")),
                List.of(),
                "trend_v1"),
            new CashFlow(
                EventId.of("D2"),
                Instant.parse("2025-03-05T12:00:00Z"),
                FlowKind.DEPOSIT,
                Amount.parse("USD 2500"),
                Amount.parse("USD 0")),
            new CashFlow(
                EventId.of("W1"),
                Instant.parse("2025-03-12T12:00:00Z"),
                FlowKind.WITHDRAWAL,
                Amount.parse("USD -1000"),
                Amount.parse("USD 0")));
    PriceTable prices =
        PriceTable.of(
            List.of(
                new Price(XBT, new BigDecimal("40000"), day1, "test"),
                new Price(XBT, new BigDecimal("41000"), day1.plusSeconds(2 * 86_400), "test")));
    return report(
        events,
        prices,
        Instant.parse("2025-03-20T23:00:00Z"),
        Optional.of(LocalDate.parse("2025-03-02")),
        List.of());
  }

  private static PerformanceReport report(
      List<LedgerEvent> events,
      PriceSource prices,
      Instant end,
      Optional<LocalDate> from,
      List<DataIssue> issues) {
    BookConfig books = BookConfig.defaults();
    PerformanceConfig config = PerformanceConfig.defaults();
    DailyHistory history = DailyHistory.of(books, prices, events, config.history(), end);
    Performance performance =
        new PerformanceQuery(from, Optional.empty(), Optional.empty())
            .answer(history, books, prices, config, end);
    return PerformanceReport.of(performance, Asset.USD, GENERATED, issues);
  }
}
