package io.tally.engine.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.books.BookConfig;
import io.tally.books.BookState;
import io.tally.books.Books;
import io.tally.books.IssueKind;
import io.tally.engine.sync.OrderHolds;
import io.tally.ledger.CashFlow;
import io.tally.ledger.EventId;
import io.tally.ledger.FlowKind;
import io.tally.ledger.LedgerEvent;
import io.tally.money.Amount;
import io.tally.money.Asset;
import io.tally.reconcile.AssetBalance;
import io.tally.valuation.PriceTable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AssetBalancesTest {

  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  private static final Instant READ = Instant.parse("2026-03-02T12:00:01Z");
  private static final Asset ETH = Asset.of("ETH");

  /** 0.5 XBT and 1,000 USD deposited. */
  private static final BookState BOOKS =
      Books.replay(
          BookConfig.defaults(),
          PriceTable.of(List.of()),
          List.<LedgerEvent>of(deposit("d1", Asset.XBT, "0.5"), deposit("d2", Asset.USD, "1000")));

  private static CashFlow deposit(String id, Asset asset, String amount) {
    return new CashFlow(
        EventId.of(id),
        T0,
        FlowKind.DEPOSIT,
        new Amount(asset, new BigDecimal(amount)),
        Amount.zero(asset));
  }

  private static OrderHolds holds(Map<Asset, String> held) {
    TreeMap<Asset, BigDecimal> amounts = new TreeMap<>();
    held.forEach((asset, amount) -> amounts.put(asset, new BigDecimal(amount)));
    return new OrderHolds(READ, amounts);
  }

  @Test
  void withoutHoldsEverythingIsFree() {
    AssetBalances balances = AssetBalances.of(BOOKS, Optional.empty());

    assertThat(balances.reservedAsOf()).isEmpty();
    assertThat(balances.byAsset().values()).noneMatch(AssetBalance::isReserved);
    assertThat(balances.balance(Asset.XBT).free()).isEqualByComparingTo("0.5");
    assertThat(balances.issues()).isEmpty();
  }

  @Test
  void eachAssetsHoldIsReservedAsOfWhenItWasRead() {
    AssetBalances balances =
        AssetBalances.of(BOOKS, Optional.of(holds(Map.of(Asset.XBT, "0.1", Asset.USD, "250.5"))));

    assertThat(balances.reservedAsOf()).contains(READ);
    // XBT: 0.5 held, 0.1 by orders, 0.4 free; USD: 1000 − 250.5 = 749.5 free
    assertThat(balances.balance(Asset.XBT))
        .isEqualTo(AssetBalance.of(Asset.XBT, new BigDecimal("0.5"), new BigDecimal("0.1")));
    assertThat(balances.balance(Asset.USD).free()).isEqualByComparingTo("749.5");
    assertThat(balances.balance(ETH).total()).as("nothing held").isZero();
    assertThat(balances.issues()).isEmpty();
  }

  @Test
  void aHoldBeyondTheHoldingReservesAllOfItAndIsADataIssue() {
    AssetBalances balances =
        AssetBalances.of(BOOKS, Optional.of(holds(Map.of(Asset.XBT, "0.7", ETH, "2"))));

    // XBT: min(0.7, 0.5) = 0.5 reserved, nothing free, 0.2 unbacked
    assertThat(balances.balance(Asset.XBT).reserved()).isEqualByComparingTo("0.5");
    assertThat(balances.balance(Asset.XBT).free()).isZero();
    assertThat(balances.byAsset()).containsKey(ETH);
    assertThat(balances.balance(ETH).total()).isZero();
    assertThat(balances.issues())
        .hasSize(2)
        .allSatisfy(
            issue -> assertThat(issue.kind()).isEqualTo(IssueKind.RESERVED_EXCEEDS_HOLDING));
    assertThat(balances.issues().get(1).asset()).isEqualTo("XBT");
    assertThat(balances.issues().get(1).detail())
        .isEqualTo(
            "Kraken's open orders held 0.7 XBT at 2026-03-02T12:00:01Z, 0.2 more than the books"
                + " hold (0.5): all of it is shown reserved, none free");
  }
}
