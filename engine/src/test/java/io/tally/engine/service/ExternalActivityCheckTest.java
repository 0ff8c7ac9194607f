package io.tally.engine.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.books.BookConfig;
import io.tally.books.Books;
import io.tally.books.CostBasisMethod;
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
import io.tally.valuation.MarketPrices;
import io.tally.valuation.PortfolioValuation;
import io.tally.valuation.PriceTable;
import io.tally.valuation.Valuation;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link ExternalActivityCheck}: only events dated after the drift baseline (when Tally started
 * watching) are external activity (docs/ACCOUNTING-DECISIONS.md, "External activity").
 *
 * <p>The account of every example: 10,000 USD deposited on 1 January, 0.1 XBT bought by hand for
 * 4,000 USD on 2 January, XBT at 40,000 throughout; Tally's first sync set the baseline on 10
 * January. Equity is then 6,000 USD + 0.1 × 40,000 = 10,000: USD 60 %, XBT 40 %.
 */
class ExternalActivityCheckTest {

  private static final BookConfig CONFIG =
      new BookConfig(Asset.USD, CostBasisMethod.WAC, MarketPrices.KFEE_USD);
  private static final Pair XBTUSD = new Pair(Asset.XBT, Asset.USD);
  private static final Instant BASELINE = Instant.parse("2026-01-10T00:00:00Z");
  private static final Instant NOW = Instant.parse("2026-01-21T00:00:00Z");
  private static final PriceTable PRICES =
      PriceTable.of(
          List.of(
              new Price(
                  Asset.XBT, new BigDecimal("40000"), Instant.parse("2025-01-01T00:00:00Z"), "t")));

  private static final List<LedgerEvent> HISTORY =
      List.of(
          deposit("D1", "2026-01-01T00:00:00Z", "10000"),
          trade("T1", "2026-01-02T00:00:00Z", "4000", "0.1", Trade.MANUAL, true));

  /** A 5 % threshold, the default. */
  private final ExternalActivityCheck check = new ExternalActivityCheck(new BigDecimal("5"));

  @Test
  void theFirstSyncIsHistoryFromBeforeTheBaselineNotActivity() {
    // Everything the first sync brought is older than the baseline its reconciliation set.
    assertThat(
            check.find(valued(List.of()), valued(HISTORY), HISTORY, PRICES, Optional.of(BASELINE)))
        .isEmpty();
    // And with no baseline yet (no comparison has been made), nothing is watched at all.
    assertThat(check.find(valued(List.of()), valued(HISTORY), HISTORY, PRICES, Optional.empty()))
        .isEmpty();
  }

  @Test
  void anOldExportImportedAfterTheBaselineIsNotActivity() {
    // An export of December, imported on 20 January: 5,000 USD deposited, 0.05 XBT bought by hand.
    List<LedgerEvent> old =
        List.of(
            deposit("OLD-D", "2025-12-01T00:00:00Z", "5000"),
            trade("OLD-T", "2025-12-02T00:00:00Z", "2000", "0.05", Trade.MANUAL, true));
    List<LedgerEvent> all = new ArrayList<>(old);
    all.addAll(HISTORY);

    assertThat(check.find(valued(HISTORY), valued(all), old, PRICES, Optional.of(BASELINE)))
        .isEmpty();
    // The baseline is what keeps it out: watched since November, the same import is activity
    // (5,000 deposited on equity 10,000 = 50 %).
    assertThat(
            check.find(
                valued(HISTORY),
                valued(all),
                old,
                PRICES,
                Optional.of(Instant.parse("2025-11-01T00:00:00Z"))))
        .hasValueSatisfying(a -> assertThat(a.changePct()).isEqualByComparingTo("50"));
  }

  @Test
  void aDepositAfterTheBaselineIsActivityWithItsPercentage() {
    LedgerEvent later = deposit("D2", "2026-01-20T00:00:00Z", "2000");
    List<LedgerEvent> after = new ArrayList<>(HISTORY);
    after.add(later);

    Optional<ExternalActivity> activity =
        check.find(valued(HISTORY), valued(after), List.of(later), PRICES, Optional.of(BASELINE));

    // The flow against equity before: 2,000 / 10,000 × 100 = 20 %. The USD share moves from
    // 6,000 / 10,000 = 60 % to 8,000 / 12,000 = 66.6667 %: 6.6667 points. The larger is 20.
    assertThat(activity).isPresent();
    assertThat(activity.get().kind()).isEqualTo(ActivityKind.TRANSFER);
    assertThat(activity.get().changePct()).isEqualByComparingTo("20");
    assertThat(activity.get().eventIds()).containsExactly("D2");
    assertThat(activity.get().at()).isEqualTo(NOW);
    assertThat(activity.get().message())
        .isEqualTo("External activity: transfer changed your portfolio by 20%");
  }

  @Test
  void aManualTradeAfterTheBaselineIsActivityABotsTradeIsNot() {
    LedgerEvent manual = trade("T2", "2026-01-20T00:00:00Z", "2000", "0.05", Trade.MANUAL, false);
    List<LedgerEvent> after = new ArrayList<>(HISTORY);
    after.add(manual);

    Optional<ExternalActivity> activity =
        check.find(valued(HISTORY), valued(after), List.of(manual), PRICES, Optional.of(BASELINE));

    // Selling 0.05 XBT for 2,000 USD: no flow; the USD share moves from 60 % to 8,000 / 10,000 =
    // 80 %, XBT's from 40 % to 2,000 / 10,000 = 20 %: 20 points.
    assertThat(activity).isPresent();
    assertThat(activity.get().kind()).isEqualTo(ActivityKind.MANUAL_TRADE);
    assertThat(activity.get().changePct()).isEqualByComparingTo("20");
    assertThat(activity.get().message())
        .isEqualTo("External activity: manual trade changed your portfolio by 20%");

    LedgerEvent bot = trade("T3", "2026-01-20T00:00:00Z", "2000", "0.05", "grid_v2", false);
    List<LedgerEvent> afterBot = new ArrayList<>(HISTORY);
    afterBot.add(bot);
    assertThat(
            check.find(
                valued(HISTORY), valued(afterBot), List.of(bot), PRICES, Optional.of(BASELINE)))
        .isEmpty();
  }

  @Test
  void aManualTradeAndADepositTogetherAreBothAndASmallDepositIsNothing() {
    LedgerEvent manual = trade("T2", "2026-01-20T00:00:00Z", "2000", "0.05", Trade.MANUAL, false);
    LedgerEvent deposit = deposit("D2", "2026-01-20T01:00:00Z", "2000");
    List<LedgerEvent> after = new ArrayList<>(HISTORY);
    after.add(manual);
    after.add(deposit);
    assertThat(
            check.find(
                valued(HISTORY),
                valued(after),
                List.of(manual, deposit),
                PRICES,
                Optional.of(BASELINE)))
        .hasValueSatisfying(
            a -> {
              assertThat(a.kind()).isEqualTo(ActivityKind.MANUAL_TRADE_AND_TRANSFER);
              assertThat(a.kind()).hasToString("manual trade/transfer");
              assertThat(a.eventIds()).containsExactly("T2", "D2");
            });

    // 100 USD: 100 / 10,000 = 1 %; the USD share moves 60 % → 6,100 / 10,100 = 60.396 %: below 5.
    LedgerEvent small = deposit("D3", "2026-01-20T00:00:00Z", "100");
    List<LedgerEvent> afterSmall = new ArrayList<>(HISTORY);
    afterSmall.add(small);
    assertThat(
            check.find(
                valued(HISTORY), valued(afterSmall), List.of(small), PRICES, Optional.of(BASELINE)))
        .isEmpty();
  }

  private static PortfolioValuation valued(List<LedgerEvent> events) {
    return Valuation.of(Books.replay(CONFIG, PRICES, events), PRICES, NOW, Duration.ofDays(365));
  }

  private static CashFlow deposit(String id, String at, String usd) {
    return new CashFlow(
        EventId.of(id),
        Instant.parse(at),
        FlowKind.DEPOSIT,
        Amount.of("USD", usd),
        Amount.zero(Asset.USD));
  }

  /** A fee-less XBTUSD trade of {@code xbt} for {@code usd}: a buy when {@code buy}. */
  private static Trade trade(
      String id, String at, String usd, String xbt, String strategy, boolean buy) {
    Amount dollars = Amount.of("USD", usd);
    Amount bitcoin = Amount.of("XBT", xbt);
    return new Trade(
        EventId.of(id),
        Instant.parse(at),
        TradeKind.ORDER_BOOK,
        XBTUSD,
        List.of(buy ? dollars : bitcoin),
        List.of(buy ? bitcoin : dollars),
        List.of(),
        strategy);
  }
}
