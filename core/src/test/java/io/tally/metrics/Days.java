package io.tally.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Daily series for the analytics tests: worked ones from returns, and seeded random ones. */
final class Days {

  static final LocalDate D0 = LocalDate.parse("2025-01-01");

  private Days() {}

  static LocalDate day(int n) {
    return D0.plusDays(n);
  }

  static BigDecimal dec(String text) {
    return new BigDecimal(text);
  }

  /**
   * {@code start} deposited at the start of {@link #D0}, then one day per return: the equity at the
   * end of day {@code i} is {@code start × Π_{k≤i} (1 + r_k)}, exactly.
   */
  static List<DailyValue> fromReturns(String start, String... returns) {
    List<DailyValue> days = new ArrayList<>();
    BigDecimal equity = dec(start);
    for (int i = 0; i < returns.length; i++) {
      equity = equity.multiply(BigDecimal.ONE.add(dec(returns[i])));
      days.add(
          i == 0
              ? DailyValue.of(day(0), equity, dec(start), BigDecimal.ZERO)
              : DailyValue.of(day(i), equity));
    }
    return days;
  }

  /** {@code count} copies of {@code value}. */
  static String[] repeat(String value, int count) {
    String[] values = new String[count];
    java.util.Arrays.fill(values, value);
    return values;
  }

  static String[] concat(String[]... parts) {
    List<String> all = new ArrayList<>();
    for (String[] part : parts) {
      all.addAll(List.of(part));
    }
    return all.toArray(String[]::new);
  }

  /**
   * A random history from inception: a first deposit valued at each flow, then each day 0 to 2
   * deposits or withdrawals valued at their moment, with market moves between them of up to ±8 %.
   * Money at 8 decimals; equity stays positive.
   */
  static List<DailyValue> randomExact(Random random, int count) {
    List<DailyValue> days = new ArrayList<>();
    BigDecimal value = BigDecimal.ZERO;
    for (int i = 0; i < count; i++) {
      LocalDate date = day(i);
      Instant midnight = date.atStartOfDay(ZoneOffset.UTC).toInstant();
      List<FlowPoint> flows = new ArrayList<>();
      int flowCount = i == 0 ? 1 : random.nextInt(4) == 0 ? 1 + random.nextInt(2) : 0;
      for (int k = 0; k < flowCount; k++) {
        value = i == 0 && k == 0 ? BigDecimal.ZERO : move(random, value);
        BigDecimal amount =
            value.signum() == 0 || random.nextBoolean()
                ? money(1000 + random.nextDouble() * 20_000)
                : money(-value.doubleValue() * random.nextDouble() * 0.6);
        flows.add(new FlowPoint(midnight.plusSeconds(3600L * (k + 1) * 5), value, amount));
        value = value.add(amount);
      }
      value = move(random, value);
      days.add(DailyValue.withFlows(date, value, flows));
    }
    return days;
  }

  /** The same kind of history with flow totals only (the daily fallback). */
  static List<DailyValue> randomTotals(Random random, int count) {
    List<DailyValue> days = new ArrayList<>();
    for (DailyValue day : randomExact(random, count)) {
      days.add(DailyValue.of(day.date(), day.equity(), day.inflow(), day.outflow()));
    }
    return days;
  }

  private static BigDecimal move(Random random, BigDecimal value) {
    return money(value.doubleValue() * (1 + (random.nextDouble() - 0.5) * 0.16));
  }

  static BigDecimal money(double value) {
    return BigDecimal.valueOf(value).setScale(8, RoundingMode.HALF_EVEN);
  }
}
