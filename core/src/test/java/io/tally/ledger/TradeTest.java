package io.tally.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tally.money.Amount;
import io.tally.money.Asset;
import io.tally.money.Pair;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TradeTest {

  private static Trade trade(String sold, String bought, String order) {
    return new Trade(
        EventId.of("T1"),
        Instant.parse("2024-01-01T00:00:00Z"),
        TradeKind.ORDER_BOOK,
        new Pair(Asset.XBT, Asset.USD),
        sold.isEmpty() ? List.of() : List.of(Amount.parse(sold)),
        List.of(Amount.parse(bought)),
        List.of(),
        Trade.MANUAL,
        order);
  }

  @Test
  void thePriceIsQuotePerBaseFromItsOwnLegs() {
    // bought 0.025 XBT for 1,001.25 USD: 1,001.25 / 0.025 = 40,050
    assertThat(trade("USD 1001.25", "XBT 0.025", "").price())
        .hasValueSatisfying(price -> assertThat(price).isEqualByComparingTo("40050"));
    // sold 0.3 XBT for 12,000.01 USD: 40,000.0333… at 12 decimals
    assertThat(trade("XBT 0.3", "USD 12000.01", "").price())
        .hasValueSatisfying(
            price -> assertThat(price.toPlainString()).isEqualTo("40000.033333333333"));
    assertThat(trade("", "XBT 0.0001", "").price()).isEmpty();
  }

  @Test
  void theOrderIdTravelsInTheEventTextOnlyWhenKnown() {
    Trade known = trade("USD 100", "XBT 0.0025", "OABC12-DEF34-GHI567");
    Trade unknown = trade("USD 100", "XBT 0.0025", "");

    assertThat(EventText.format(known)).endsWith(" order=OABC12-DEF34-GHI567");
    assertThat(EventText.format(unknown)).doesNotContain("order=");
    assertThat(EventText.parse(EventText.format(known))).isEqualTo(known);
    assertThat(((Trade) EventText.parse(EventText.format(unknown))).order()).isEmpty();
    assertThat(known.order()).contains("OABC12-DEF34-GHI567");
  }

  @Test
  void theSideAndDeltasFollowTheBaseAsset() {
    Trade buy = trade("USD 1001.25", "XBT 0.025", "");
    Trade sell = trade("XBT 0.3", "USD 12000.01", "");
    // Kraken wrote no XBT row (it rounded to zero): giving up USD is still a buy
    Trade quoteOnly =
        new Trade(
            EventId.of("T2"),
            Instant.parse("2024-01-01T00:00:00Z"),
            TradeKind.ORDER_BOOK,
            new Pair(Asset.XBT, Asset.USD),
            List.of(Amount.parse("USD 0.01")),
            List.of(),
            List.of(),
            Trade.MANUAL);

    assertThat(buy.side()).isEqualTo(Side.BUY);
    assertThat(buy.delta(Asset.XBT)).isEqualByComparingTo("0.025");
    assertThat(buy.delta(Asset.USD)).isEqualByComparingTo("-1001.25");
    assertThat(sell.side()).isEqualTo(Side.SELL);
    assertThat(sell.delta(Asset.XBT)).isEqualByComparingTo("-0.3");
    assertThat(sell.delta(Asset.USD)).isEqualByComparingTo("12000.01");
    assertThat(sell.delta(Asset.of("ETH"))).isZero();
    assertThat(quoteOnly.side()).isEqualTo(Side.BUY);
    assertThat(Side.SELL.code()).isEqualTo("sell");
  }

  /** A manual XBT/USD order-book trade buying 1 XBT with these sold legs and fees. */
  private static Trade buying(List<Amount> sold, List<Amount> fees) {
    return new Trade(
        EventId.of("T1"),
        Instant.parse("2024-01-01T00:00:00Z"),
        TradeKind.ORDER_BOOK,
        new Pair(Asset.XBT, Asset.USD),
        sold,
        List.of(Amount.parse("XBT 1")),
        fees,
        Trade.MANUAL,
        "");
  }

  @Test
  void eachSideNamesAnAssetOnceAndOnlyPositiveAmounts() {
    List<Amount> twiceUsd =
        List.of(Amount.parse("USD 1"), Amount.parse("EUR 2"), Amount.parse("USD 3"));
    List<Amount> usd = List.of(Amount.parse("USD 1"));

    assertThatThrownBy(() -> buying(twiceUsd, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sold legs name USD twice");
    assertThatThrownBy(() -> buying(usd, List.of(Amount.parse("USD 0"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("fees legs must be positive: ");
    // The same asset on two sides is no fault of either side.
    assertThat(buying(usd, List.of(Amount.parse("USD 0.01"))).fees()).hasSize(1);
  }
}
