package io.tally.engine.paper;

import static io.tally.engine.paper.PaperFixtures.ETH;
import static io.tally.engine.paper.PaperFixtures.T0;
import static io.tally.engine.paper.PaperFixtures.XBT;
import static io.tally.engine.paper.PaperFixtures.bd;
import static io.tally.engine.paper.PaperFixtures.minutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tally.ledger.Side;
import org.junit.jupiter.api.Test;

class ScriptedMarketTest {

  @Test
  void aQuoteHoldsUntilTheNextOne() {
    ScriptedMarket market =
        new ScriptedMarket()
            .price(XBT, minutes(1), bd("60000"))
            .price(XBT, minutes(3), bd("61000"));

    assertThat(market.quote(XBT, T0)).isEmpty();
    assertThat(market.quote(XBT, minutes(2)).orElseThrow().last()).isEqualByComparingTo("60000");
    assertThat(market.quote(XBT, minutes(3)).orElseThrow().last()).isEqualByComparingTo("61000");
    assertThat(market.quote(ETH, minutes(3))).isEmpty();
  }

  @Test
  void tradesAreAfterTheStartAndAtOrBeforeTheEndOldestFirst() {
    ScriptedMarket market =
        new ScriptedMarket()
            .trade(XBT, minutes(2), bd("60100"), bd("0.2"), Side.BUY)
            .trade(XBT, minutes(1), bd("60000"), bd("0.1"), Side.SELL)
            .trade(XBT, minutes(3), bd("60200"), bd("0.3"), Side.BUY);

    assertThat(market.trades(XBT, minutes(1), minutes(3)))
        .extracting(PublicTrade::price)
        .containsExactly(bd("60100"), bd("60200"));
    assertThat(market.trades(XBT, minutes(3), minutes(3))).isEmpty();
  }

  @Test
  void aBidAboveTheAskIsRefused() {
    assertThatThrownBy(() -> new MarketQuote(XBT, T0, bd("60010"), bd("60000"), bd("60005")))
        .hasMessage("bid 60010 is above ask 60000 on XBTUSDT");
  }
}
