package io.tally.server;

import static java.util.Objects.requireNonNull;

import io.tally.money.Asset;
import io.tally.money.AssetSymbol;
import java.math.BigDecimal;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /portfolio/withdrawal-check}: {@code {"asset": "USD", "amount": "500"}}
 * (the amount as a decimal string or a JSON number; Kraken's aliases such as {@code BTC} are
 * understood). A bad body is a {@link BadRequestException} naming the field.
 *
 * <p>Example: {@code WithdrawalRequest.of("{\"asset\":\"USD\",\"amount\":\"500\"}")}. Immutable.
 */
record WithdrawalRequest(Asset asset, BigDecimal amount) {

  WithdrawalRequest {
    requireNonNull(asset, "asset");
    requireNonNull(amount, "amount");
  }

  /** The request {@code body} states. */
  static WithdrawalRequest of(String body) {
    JsonNode tree = JsonBody.object(body, "{\"asset\", \"amount\"}");
    JsonNode asset = tree.get("asset");
    if (asset == null || !asset.isString() || asset.asString().isBlank()) {
      throw new BadRequestException("asset", "is required, such as \"USD\"");
    }
    BigDecimal value =
        JsonBody.decimal(tree, "amount")
            .orElseThrow(
                () ->
                    new BadRequestException(
                        "amount", "is required, a positive decimal such as \"500\""));
    if (value.signum() <= 0) {
      throw new BadRequestException("amount", "must be positive, got " + value.toPlainString());
    }
    Asset parsed;
    try {
      parsed = AssetSymbol.canonical(asset.asString().strip());
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("asset", "is not an asset: '" + asset.asString() + "'");
    }
    return new WithdrawalRequest(parsed, value);
  }
}
