package io.tally.report;

import io.tally.ledger.CashFlow;
import io.tally.ledger.EventId;
import io.tally.ledger.FlowKind;
import io.tally.ledger.Trade;
import io.tally.ledger.TradeKind;
import io.tally.money.Amount;
import io.tally.money.Pair;
import java.time.Instant;
import java.util.List;

/**
 * Ledger events written the short way for the report tests' sample histories: a day's noon, a
 * manual trade of one sold and one bought leg with an optional fee, a cash flow.
 *
 * <p>Example: {@code SampleEvents.trade("B1", "2023-01-10", "XBT/USD", "USD 16000", "XBT 1", "USD
 * 16")}.
 */
public final class SampleEvents {

  private SampleEvents() {}

  /** Noon (UTC) of {@code date}, YYYY-MM-DD. */
  public static Instant at(String date) {
    return Instant.parse(date + "T12:00:00Z");
  }

  /** A manual order-book trade at noon of {@code date}; {@code fee} empty for none. */
  public static Trade trade(
      String id, String date, String pair, String sold, String bought, String fee) {
    return new Trade(
        EventId.of(id),
        at(date),
        TradeKind.ORDER_BOOK,
        Pair.parse(pair),
        List.of(Amount.parse(sold)),
        List.of(Amount.parse(bought)),
        fee.isEmpty() ? List.of() : List.of(Amount.parse(fee)),
        Trade.MANUAL);
  }

  /** A cash flow at noon of {@code date}. */
  public static CashFlow flow(String id, String date, FlowKind kind, String amount, String fee) {
    return new CashFlow(EventId.of(id), at(date), kind, Amount.parse(amount), Amount.parse(fee));
  }
}
