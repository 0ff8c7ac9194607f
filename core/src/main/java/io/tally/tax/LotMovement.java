package io.tally.tax;

import static java.util.Objects.requireNonNull;

import io.tally.ledger.EventId;
import io.tally.money.Asset;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Units that entered or left the lots without being a taxable disposal (ACCOUNTING.md §10): a
 * withdrawal and its fee, a transfer's fee, an exchange's adjustment, a margin settlement. Listed
 * so every unit and every cost that left the lots is accounted for.
 *
 * <p>Example: withdrawing 0.1 XBT with a 0.0005 XBT fee lists {@code LotMovement(WITHDRAWAL, XBT,
 * -0.1, cost, value, …)} and {@code LotMovement(TRANSFER_FEE, XBT, -0.0005, cost, value, …)}.
 * Immutable.
 *
 * @param quantity signed: positive when units entered the lots, negative when they left
 * @param cost the cost the units brought into the lots or took out of them (never negative)
 * @param value the units' market value at the moment (never negative; their cost when unpriced)
 */
public record LotMovement(
    MovementKind kind,
    Asset asset,
    BigDecimal quantity,
    BigDecimal cost,
    BigDecimal value,
    Instant at,
    EventId id) {

  public LotMovement {
    requireNonNull(kind, "kind");
    requireNonNull(asset, "asset");
    requireNonNull(quantity, "quantity");
    requireNonNull(cost, "cost");
    requireNonNull(value, "value");
    requireNonNull(at, "at");
    requireNonNull(id, "id");
  }
}
