package io.tally.books;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.ledger.CashFlow;
import io.tally.ledger.EventId;
import io.tally.ledger.FlowKind;
import io.tally.ledger.LedgerEvent;
import io.tally.ledger.Trade;
import io.tally.ledger.TradeKind;
import io.tally.money.Amount;
import io.tally.money.Asset;
import io.tally.money.Pair;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BaseCurrencyTest {

  private static final Asset EUR = Asset.of("EUR");
  private static final Asset GBP = Asset.of("GBP");
  private static final Asset USDT = Asset.of("USDT");
  private static final Instant T = Instant.parse("2024-01-01T00:00:00Z");

  private static CashFlow deposit(String id, Asset asset, String amount) {
    return new CashFlow(
        EventId.of(id),
        T,
        FlowKind.DEPOSIT,
        new Amount(asset, new BigDecimal(amount)),
        Amount.zero(asset));
  }

  private static Trade buy(String id, Asset paid, String cost, Asset bought, String quantity) {
    return new Trade(
        EventId.of(id),
        T,
        TradeKind.ORDER_BOOK,
        new Pair(bought, paid),
        List.of(new Amount(paid, new BigDecimal(cost))),
        List.of(new Amount(bought, new BigDecimal(quantity))),
        List.of(),
        Trade.MANUAL,
        "");
  }

  @Test
  void aHistoryWhoseOnlyFiatIsEuroReportsInEuro() {
    List<LedgerEvent> events =
        List.of(deposit("D1", EUR, "1000"), buy("T1", EUR, "900", Asset.XBT, "0.02"));

    BaseCurrency base = BaseCurrency.choose(Optional.empty(), Optional.empty(), events);

    assertThat(base.asset()).isEqualTo(EUR);
    assertThat(base.choice()).isEqualTo(BaseCurrency.Choice.ONLY_FIAT);
    assertThat(base.describe()).startsWith("Base currency EUR: the only fiat currency");
  }

  @Test
  void theConfiguredCurrencyWinsOverTheHistoryAndThePrices() {
    List<LedgerEvent> events = List.of(deposit("D1", EUR, "1000"));

    BaseCurrency base = BaseCurrency.choose(Optional.of(Asset.USD), Optional.of(GBP), events);

    assertThat(base.asset()).isEqualTo(Asset.USD);
    assertThat(base.choice()).isEqualTo(BaseCurrency.Choice.CONFIGURED);
    assertThat(base.fiat()).containsExactly(EUR);
  }

  @Test
  void theCurrencyTheStoredPricesAreInWinsOverTheHistory() {
    // Prices fetched in USD value nothing in a EUR book: the books follow the prices.
    List<LedgerEvent> events = List.of(deposit("D1", EUR, "1000"));

    BaseCurrency base = BaseCurrency.choose(Optional.empty(), Optional.of(Asset.USD), events);

    assertThat(base.asset()).isEqualTo(Asset.USD);
    assertThat(base.choice()).isEqualTo(BaseCurrency.Choice.PRICES);
  }

  @Test
  void severalFiatCurrenciesOrNoneLeaveUsdAndSaySo() {
    BaseCurrency several =
        BaseCurrency.choose(
            Optional.empty(),
            Optional.empty(),
            List.of(deposit("D1", EUR, "10"), deposit("D2", GBP, "10")));
    BaseCurrency none =
        BaseCurrency.choose(Optional.empty(), Optional.empty(), List.of(deposit("D1", USDT, "10")));

    assertThat(several.asset()).isEqualTo(Asset.USD);
    assertThat(several.choice()).isEqualTo(BaseCurrency.Choice.DEFAULT);
    assertThat(several.describe()).contains("EUR, GBP").contains("set portfolio.base_currency");
    // A stablecoin is not fiat (ACCOUNTING.md §5): a USDT-only history has no fiat.
    assertThat(none.asset()).isEqualTo(Asset.USD);
    assertThat(none.fiat()).isEmpty();
    assertThat(none.describe()).contains("no fiat currency");
  }

  @Test
  void feesAndBothLegsOfATradeCountAsHeld() {
    Trade trade =
        new Trade(
            EventId.of("T1"),
            T,
            TradeKind.ORDER_BOOK,
            new Pair(Asset.XBT, USDT),
            List.of(new Amount(USDT, new BigDecimal("100"))),
            List.of(new Amount(Asset.XBT, new BigDecimal("0.001"))),
            List.of(new Amount(GBP, new BigDecimal("0.10"))),
            Trade.MANUAL,
            "");

    assertThat(BaseCurrency.fiatIn(List.of(trade))).isEqualTo(Set.of(GBP));
  }
}
