package io.tally.engine.paper;

import static io.tally.engine.paper.PaperFixtures.XBT;
import static io.tally.engine.paper.PaperFixtures.bd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tally.ledger.Side;
import java.math.BigDecimal;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The request checks that need no account, each message naming the API's parameter. */
class OrderRequestTest {

  private static void refused(ThrowingCallable request, String message) {
    assertThatThrownBy(request).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }

  @Test
  void theVolumeMustBePositiveAndExact() {
    refused(() -> OrderRequest.market(XBT, Side.BUY, bd("0")), "volume must be positive, got 0");
    refused(
        () -> OrderRequest.market(XBT, Side.BUY, bd("-0.1")), "volume must be positive, got -0.1");
    refused(
        () -> OrderRequest.market(XBT, Side.BUY, bd("0.00000000001")),
        "volume must have at most 10 decimals, got 0.00000000001");
  }

  @Test
  void aPriceIsRequiredExceptForAMarketOrderWhichMustNotHaveOne() {
    refused(
        () -> OrderRequest.of(XBT, Side.BUY, OrderType.LIMIT, bd("1"), Optional.empty()),
        "price is required for a limit order");
    refused(
        () -> OrderRequest.of(XBT, Side.SELL, OrderType.STOP_LOSS, bd("1"), Optional.empty()),
        "price is required for a stop-loss order");
    refused(
        () -> OrderRequest.of(XBT, Side.SELL, OrderType.TAKE_PROFIT, bd("1"), Optional.empty()),
        "price is required for a take-profit order");
    refused(
        () -> OrderRequest.of(XBT, Side.BUY, OrderType.MARKET, bd("1"), Optional.of(bd("60000"))),
        "price must not be given for a market order");
    refused(
        () -> OrderRequest.limit(XBT, Side.BUY, bd("1"), bd("-1")),
        "price must be positive, got -1");
  }

  @Test
  void anUnknownTypeIsNamed() {
    refused(
        () -> OrderType.parse("trailing-stop"),
        "type must be one of market, limit, stop-loss, take-profit, got 'trailing-stop'");
    assertThat(OrderType.parse("take-profit")).isEqualTo(OrderType.TAKE_PROFIT);
  }

  @Test
  void leverageStartsAtOneAndLabelsAreOneWord() {
    refused(
        () -> OrderRequest.market(XBT, Side.BUY, bd("1")).withLeverage(0),
        "leverage must be at least 1, got 0");
    refused(
        () -> OrderRequest.market(XBT, Side.BUY, bd("1")).withClientOrderId("a b"),
        "client_order_id must be 1 to 64 characters without spaces, got 'a b'");
    refused(
        () -> OrderRequest.market(XBT, Side.BUY, bd("1")).withStrategy(""),
        "strategy must be 1 to 64 characters without spaces, got ''");
  }

  @Test
  void aValidRequestIsCanonical() {
    OrderRequest request =
        OrderRequest.limit(XBT, Side.SELL, bd("0.500"), bd("60000.0"))
            .withLeverage(3)
            .withClientOrderId("bot-42")
            .withStrategy("grid");

    assertThat(request.volume()).isEqualTo(bd("0.5"));
    assertThat(request.price()).contains(bd("60000"));
    assertThat(request.signedVolume()).isEqualTo(new BigDecimal("-0.5"));
    assertThat(request.leverage()).isEqualTo(3);
  }
}
