package io.tally.tax;

import static java.util.Objects.requireNonNull;

import io.tally.ledger.EventId;
import io.tally.money.Asset;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Units received as income — a staking or earn reward, an airdrop, a dividend — at their market
 * value when received, which is also the cost of the lot they open.
 *
 * <p>Example: 0.25 DOT of staking on 2025-02-03 when DOT was 6.00 USD is {@code Income(DOT, 0.25,
 * 1.50, 2025-02-03…, <ledger id>)}. Immutable.
 */
public record Income(Asset asset, BigDecimal quantity, BigDecimal value, Instant at, EventId id) {

  public Income {
    requireNonNull(asset, "asset");
    requireNonNull(quantity, "quantity");
    requireNonNull(value, "value");
    requireNonNull(at, "at");
    requireNonNull(id, "id");
  }
}
