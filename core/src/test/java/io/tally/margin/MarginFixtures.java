package io.tally.margin;

import io.tally.ledger.EventId;
import io.tally.ledger.Side;
import io.tally.money.Asset;
import io.tally.money.Pair;
import java.math.BigDecimal;
import java.time.Instant;

/** Pairs, times and event builders the margin tests share. */
final class MarginFixtures {

  static final Pair XBTUSD = Pair.parse("XBT/USD");
  static final Pair ETHUSD = Pair.parse("ETH/USD");
  static final Pair SOLUSD = Pair.parse("SOL/USD");
  static final Pair XBTEUR = Pair.parse("XBT/EUR");
  static final Instant START = Instant.parse("2025-03-01T10:00:00Z");

  private MarginFixtures() {}

  static BigDecimal d(String value) {
    return new BigDecimal(value);
  }

  static Instant minute(int minutes) {
    return START.plusSeconds(60L * minutes);
  }

  static MarginTerms paper() {
    return MarginTerms.paper(Asset.USD);
  }

  static MarginFill buy(
      String id, int minute, Pair pair, String qty, String price, String fee, int leverage) {
    return new MarginFill(
        EventId.of(id), minute(minute), pair, Side.BUY, d(qty), d(price), d(fee), leverage);
  }

  static MarginFill sell(
      String id, int minute, Pair pair, String qty, String price, String fee, int leverage) {
    return new MarginFill(
        EventId.of(id), minute(minute), pair, Side.SELL, d(qty), d(price), d(fee), leverage);
  }

  static CollateralFlow deposit(String id, int minute, String amount) {
    return CollateralFlow.deposit(EventId.of(id), minute(minute), d(amount));
  }

  static CollateralFlow withdrawal(String id, int minute, String amount) {
    return CollateralFlow.withdrawal(EventId.of(id), minute(minute), d(amount));
  }

  static MarkPrice mark(String id, int minute, Pair pair, String price) {
    return new MarkPrice(EventId.of(id), minute(minute), pair, d(price));
  }

  static CarryCharge carry(String id, int minute, Pair pair, CarryKind kind, String amount) {
    return new CarryCharge(EventId.of(id), minute(minute), pair, kind, d(amount));
  }
}
