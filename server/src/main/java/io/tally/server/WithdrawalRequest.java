package io.tally.server;

import static java.util.Objects.requireNonNull;

import io.tally.money.Asset;
import io.tally.money.AssetSymbol;
import java.math.BigDecimal;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The body of {@code POST /portfolio/withdrawal-check}: {@code {"asset": "USD", "amount": "500"}}
 * (the amount as a decimal string or a JSON number; Kraken's aliases such as {@code BTC} are
 * understood). A bad body is a {@link BadRequestException} naming the field.
 *
 * <p>Example: {@code WithdrawalRequest.of("{\"asset\":\"USD\",\"amount\":\"500\"}")}. Immutable.
 */
record WithdrawalRequest(Asset asset, BigDecimal amount) {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  WithdrawalRequest {
    requireNonNull(asset, "asset");
    requireNonNull(amount, "amount");
  }

  /** The request {@code body} states. */
  static WithdrawalRequest of(String body) {
    JsonNode tree;
    try {
      tree = JSON.readTree(body == null || body.isBlank() ? "{}" : body);
    } catch (JacksonException e) {
      throw new BadRequestException("body", "is not JSON: " + e.getOriginalMessage());
    }
    if (!tree.isObject()) {
      throw new BadRequestException("body", "must be a JSON object {\"asset\", \"amount\"}");
    }
    JsonNode asset = tree.get("asset");
    if (asset == null || !asset.isString() || asset.asString().isBlank()) {
      throw new BadRequestException("asset", "is required, such as \"USD\"");
    }
    JsonNode amount = tree.get("amount");
    if (amount == null || !(amount.isString() || amount.isNumber())) {
      throw new BadRequestException("amount", "is required, a positive decimal such as \"500\"");
    }
    BigDecimal value;
    try {
      value = new BigDecimal(amount.asString().strip());
    } catch (NumberFormatException e) {
      throw new BadRequestException(
          "amount", "is not a decimal number: '" + amount.asString() + "'");
    }
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
