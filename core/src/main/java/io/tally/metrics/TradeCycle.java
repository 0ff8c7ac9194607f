package io.tally.metrics;

import static java.util.Objects.requireNonNull;

import io.tally.money.Pair;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * One closed flat→flat cycle of a pair (ACCOUNTING.md §9): from the fill that opened a position to
 * the fill that made it flat again, with its realized PnL net of every fee and the fees themselves,
 * in the base currency.
 *
 * <p>Example: {@code new TradeCycle(Pair.parse("XBT/USD"), Instant.parse("2025-03-01T10:00:00Z"),
 * Instant.parse("2025-03-01T12:30:00Z"), new BigDecimal("41.20"), new BigDecimal("3.80"))}: 150
 * minutes, 45 gross, 3.80 fees, 41.20 net. Immutable.
 *
 * @param netPnl realized PnL after fees; zero is break-even
 * @param fees the cycle's fees as a positive cost
 */
public record TradeCycle(
    Pair pair, Instant openedAt, Instant closedAt, BigDecimal netPnl, BigDecimal fees) {

  public TradeCycle {
    requireNonNull(pair, "pair");
    requireNonNull(openedAt, "openedAt");
    requireNonNull(closedAt, "closedAt");
    requireNonNull(netPnl, "netPnl");
    requireNonNull(fees, "fees");
    if (closedAt.isBefore(openedAt)) {
      throw new IllegalArgumentException(
          "A cycle of " + pair + " closes at " + closedAt + " before it opens at " + openedAt);
    }
    if (fees.signum() < 0) {
      throw new IllegalArgumentException(
          "Fees are a positive cost, got " + fees.toPlainString() + " for " + pair);
    }
  }

  /** PnL before fees: {@code net + fees}. */
  public BigDecimal grossPnl() {
    return netPnl.add(fees);
  }

  /** How long the position was open. */
  public Duration duration() {
    return Duration.between(openedAt, closedAt);
  }
}
