package io.tally.margin;

import io.tally.ledger.EventId;
import java.time.Instant;

/**
 * One fact a margin account is folded from: a fill, a carry charge, a collateral deposit or
 * withdrawal, or a mark price. {@link MarginBook} applies them in time order.
 *
 * <p>Example: a {@link MarginFill} that bought 0.1 XBT at 60,000 USD with 2× leverage.
 * Implementations are immutable records.
 */
public sealed interface MarginEvent permits MarginFill, CarryCharge, CollateralFlow, MarkPrice {

  /** The event's identity (an exchange trade or ledger id). */
  EventId id();

  /** When it happened (UTC). */
  Instant at();
}
