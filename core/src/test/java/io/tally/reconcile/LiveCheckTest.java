package io.tally.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.books.BookConfig;
import io.tally.books.BookState;
import io.tally.books.Books;
import io.tally.ledger.CashFlow;
import io.tally.ledger.EventId;
import io.tally.ledger.FlowKind;
import io.tally.ledger.LedgerEvent;
import io.tally.money.Amount;
import io.tally.money.Asset;
import io.tally.money.Price;
import io.tally.valuation.PriceTable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LiveCheckTest {

  private static final Instant T0 = Instant.parse("2024-03-01T00:00:00Z");
  private static final Instant NOW = Instant.parse("2024-03-02T00:00:00Z");
  private static final Asset ETH = Asset.of("ETH");
  private static final Asset DOT = Asset.of("DOT");

  /** 1.5 XBT and 10,000 USD deposited; prices now XBT 60,000, ETH 3,000; no DOT price. */
  private static final BookState BOOKS =
      Books.replay(
          BookConfig.defaults(),
          PriceTable.of(List.of(new Price(Asset.XBT, new BigDecimal("40000"), T0, "test"))),
          List.<LedgerEvent>of(deposit("d1", Asset.XBT, "1.5"), deposit("d2", Asset.USD, "10000")));

  private static final PriceTable NOW_PRICES =
      PriceTable.of(
          List.of(
              new Price(Asset.XBT, new BigDecimal("60000"), NOW, "test"),
              new Price(ETH, new BigDecimal("3000"), NOW, "test")));

  @Test
  void identicalBalancesAreNoDrift() {
    LiveCheck check =
        LiveCheck.of(
            BOOKS,
            Map.of(Asset.XBT, new BigDecimal("1.50"), Asset.USD, new BigDecimal("10000")),
            NOW_PRICES,
            NOW,
            new BigDecimal("1"));

    assertThat(check.driftFlag()).isFalse();
    assertThat(check.differences()).isEmpty();
    assertThat(check.assets()).extracting(AssetDrift::asset).containsExactly(Asset.USD, Asset.XBT);
    assertThat(check.totalDifferenceBase()).isEqualByComparingTo("0");
  }

  @Test
  void aDifferenceWorthMoreThanTheToleranceIsDrift() {
    // The exchange has 0.00002 XBT more: 0.00002 × 60,000 = 1.20 USD > 1.00 tolerance.
    LiveCheck check =
        LiveCheck.of(
            BOOKS,
            Map.of(Asset.XBT, new BigDecimal("1.50002"), Asset.USD, new BigDecimal("10000")),
            NOW_PRICES,
            NOW,
            new BigDecimal("1.00"));

    assertThat(check.driftFlag()).isTrue();
    AssetDrift xbt = check.differences().get(0);
    assertThat(xbt.difference()).isEqualByComparingTo("0.00002");
    assertThat(xbt.differenceBase()).contains(new BigDecimal("1.20000000"));
    assertThat(check.totalDifferenceBase()).isEqualByComparingTo("1.2");
  }

  @Test
  void smallDifferencesThatAddUpBeyondTheToleranceAreDrift() {
    // USD −0.60 and XBT 0.00001 × 60,000 = −0.60: each within 1.00, together −1.20.
    LiveCheck check =
        LiveCheck.of(
            BOOKS,
            Map.of(Asset.XBT, new BigDecimal("1.49999"), Asset.USD, new BigDecimal("9999.40")),
            NOW_PRICES,
            NOW,
            new BigDecimal("1.00"));

    assertThat(check.assets())
        .allSatisfy(
            a -> assertThat(a.differenceBase().orElseThrow().abs()).isLessThan(BigDecimal.ONE));
    assertThat(check.totalDifferenceBase()).isEqualByComparingTo("-1.20");
    assertThat(check.driftFlag()).isTrue();
  }

  @Test
  void aDifferenceWithinTheToleranceIsNotDrift() {
    // 0.000001 XBT × 60,000 = 0.06 USD.
    LiveCheck check =
        LiveCheck.of(
            BOOKS,
            Map.of(Asset.XBT, new BigDecimal("1.500001"), Asset.USD, new BigDecimal("10000")),
            NOW_PRICES,
            NOW,
            new BigDecimal("1.00"));

    assertThat(check.driftFlag()).isFalse();
    assertThat(check.differences()).hasSize(1);
  }

  @Test
  void anAssetOnlyTheExchangeHoldsIsListed() {
    LiveCheck check =
        LiveCheck.of(
            BOOKS,
            Map.of(
                Asset.XBT,
                new BigDecimal("1.5"),
                Asset.USD,
                new BigDecimal("10000"),
                ETH,
                new BigDecimal("0.1")),
            NOW_PRICES,
            NOW,
            new BigDecimal("1000"));

    AssetDrift eth = check.differences().get(0);
    assertThat(eth.asset()).isEqualTo(ETH);
    assertThat(eth.internal()).isEqualByComparingTo("0");
    assertThat(eth.differenceBase()).contains(new BigDecimal("300.00000000"));
    assertThat(check.driftFlag()).isFalse();
  }

  @Test
  void aDifferenceNoPriceCanValueIsDrift() {
    LiveCheck check =
        LiveCheck.of(
            BOOKS,
            Map.of(
                Asset.XBT,
                new BigDecimal("1.5"),
                Asset.USD,
                new BigDecimal("10000"),
                DOT,
                new BigDecimal("0.001")),
            NOW_PRICES,
            NOW,
            new BigDecimal("1000"));

    AssetDrift dot = check.differences().get(0);
    assertThat(dot.unvalued()).isTrue();
    assertThat(dot.differenceBase()).isEqualTo(Optional.empty());
    assertThat(check.driftFlag()).isTrue();
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
