package io.tally.engine.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tally.engine.ingest.StrategyTags;
import io.tally.kraken.api.KrakenOrder;
import io.tally.money.Asset;
import io.tally.money.Pair;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OpenOrderTest {

  private static final Pair XBTUSD = new Pair(Asset.XBT, Asset.USD);
  private static final StrategyTags TAGS = new StrategyTags(Map.of(1002L, "grid_v2"));
  private static final Instant OPENED = Instant.parse("2025-09-03T21:20:00Z");

  private static KrakenOrder kraken(
      String type,
      String orderType,
      String price,
      String price2,
      String oflags,
      String vol,
      String volExec) {
    return new KrakenOrder(
        "OB5VMB-B4U2U-DK2WRW",
        "open",
        1002,
        "",
        "XBTUSD",
        type,
        orderType,
        price,
        price2,
        oflags,
        new BigDecimal(vol),
        new BigDecimal(volExec),
        BigDecimal.ZERO,
        BigDecimal.ZERO,
        BigDecimal.ZERO,
        OPENED,
        Optional.empty(),
        List.of());
  }

  private static OpenOrder open(KrakenOrder order) {
    return OpenOrder.of(order, Optional.of(XBTUSD), TAGS);
  }

  @Test
  void aLimitBuyReservesItsRemainingVolumeAtTheLimitInTheQuoteAsset() {
    OpenOrder buy =
        open(kraken("buy", "limit", "14500.0", "0", "fciq", "0.27500000", "0.07500000"));

    // remaining 0.275 − 0.075 = 0.2; 0.2 × 14500 = 2900 USD, before fees
    assertThat(buy.side()).isEqualTo(OrderSide.BUY);
    assertThat(buy.remaining()).isEqualByComparingTo("0.2");
    assertThat(buy.limitPrice()).contains(new BigDecimal("14500"));
    assertThat(buy.reservedAsset()).contains(Asset.USD);
    assertThat(buy.reservedAmount()).contains(new BigDecimal("2900"));
    assertThat(buy.strategy()).isEqualTo("grid_v2");
    assertThat(buy.openedAt()).isEqualTo(OPENED);
  }

  @Test
  void aSellReservesItsRemainingBaseVolume() {
    OpenOrder sell = open(kraken("sell", "limit", "90000.1", "0", "", "0.125", "0"));

    assertThat(sell.reservedAsset()).contains(Asset.XBT);
    assertThat(sell.reservedAmount()).contains(new BigDecimal("0.125"));
  }

  @Test
  void theLimitOfAStopLimitIsPrice2AndOrdersThatFillAtTheMarketHaveNone() {
    assertThat(
            open(kraken("buy", "stop-loss-limit", "30000", "30100.5", "", "1", "0")).limitPrice())
        .contains(new BigDecimal("30100.5"));
    OpenOrder stop = open(kraken("buy", "stop-loss", "30000", "0", "", "1", "0"));
    assertThat(stop.limitPrice()).isEmpty();
    assertThat(stop.reservedAsset()).contains(Asset.USD);
    assertThat(stop.reservedAmount()).as("a market buy's cost is unknown").isEmpty();
    assertThat(open(kraken("sell", "trailing-stop", "+5.0%", "0", "", "1", "0")).limitPrice())
        .isEmpty();
    assertThat(open(kraken("buy", "limit", "#5", "0", "", "1", "0")).limitPrice()).isEmpty();
  }

  @Test
  void aVolumeInTheQuoteAssetIsWhatABuyReservesAndUnknownForASell() {
    assertThat(
            open(kraken("buy", "limit", "14500", "0", "fciq,viqc", "100", "40")).reservedAmount())
        .contains(new BigDecimal("60"));
    assertThat(open(kraken("sell", "limit", "14500", "0", "viqc", "100", "0")).reservedAmount())
        .isEmpty();
  }

  @Test
  void anUnknownPairReservesAnUnknownAsset() {
    OpenOrder order =
        OpenOrder.of(kraken("sell", "limit", "1", "0", "", "1", "0"), Optional.empty(), TAGS);

    assertThat(order.krakenPair()).isEqualTo("XBTUSD");
    assertThat(order.reservedAsset()).isEmpty();
    assertThat(order.reservedAmount()).isEmpty();
  }

  @Test
  void sidesAreBuyOrSell() {
    assertThat(OrderSide.parse("Sell")).isEqualTo(OrderSide.SELL);
    assertThat(OrderSide.BUY.code()).isEqualTo("buy");
    assertThatThrownBy(() -> OrderSide.parse("hold"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hold");
  }
}
