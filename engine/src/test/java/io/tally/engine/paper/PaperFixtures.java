package io.tally.engine.paper;

import io.tally.money.Pair;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/** Pairs, instants and terms the paper tests share. */
final class PaperFixtures {

  static final Pair XBT = Pair.parse("XBT/USDT");
  static final Pair ETH = Pair.parse("ETH/USDT");

  /** Midnight UTC: a funding time, so the first 8-hourly charge is at 08:00. */
  static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");

  private PaperFixtures() {}

  static BigDecimal bd(String value) {
    return new BigDecimal(value);
  }

  static Instant minutes(long count) {
    return T0.plus(Duration.ofMinutes(count));
  }

  static Instant hours(long count) {
    return T0.plus(Duration.ofHours(count));
  }

  /**
   * The default terms ("demo", 10,000 USDT, Kraken fees, funding 0.01 % / 8 h) without slippage.
   */
  static PaperTerms noSlippage() {
    return PaperTerms.of("demo").withSlippage(SlippageModel.none());
  }
}
