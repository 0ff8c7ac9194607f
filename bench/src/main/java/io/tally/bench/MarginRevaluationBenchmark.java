package io.tally.bench;

import io.tally.ledger.EventId;
import io.tally.ledger.Side;
import io.tally.margin.CollateralFlow;
import io.tally.margin.MarginAccount;
import io.tally.margin.MarginBook;
import io.tally.margin.MarginFill;
import io.tally.margin.MarginSummary;
import io.tally.margin.MarginTerms;
import io.tally.margin.PositionMargin;
import io.tally.money.Asset;
import io.tally.money.Pair;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Issue 12's target: revalue 100 leveraged positions on a price tick under 10 µs. A margin account
 * of {@value #POSITIONS} open positions (one per pair, long and short, 2× to 10×, seed {@value
 * #SEED}, cross margin) is made once, with its summary at its marks; each invocation takes a new
 * mark for one pair (the tick) and the account's whole {@link MarginSummary} at it, and reads what
 * a caller reads: equity, margin used, free margin, margin level, and every position's unrealized
 * PnL and liquidation price (into a {@link Blackhole}, so nothing can be skipped).
 *
 * <ul>
 *   <li>{@link #revalueOnATick}: from the summary before the tick ({@link MarginSummary#withMark}),
 *       which revalues the ticked position and the totals and, cross, every liquidation price;
 *   <li>{@link #summaryFromTheAccount}: from the account ({@link MarginAccount#summary(Map)}),
 *       which revalues every position. Both give the same figures, to the last digit.
 * </ul>
 *
 * <p>Example: {@code java -jar bench/target/benchmarks.jar MarginRevaluationBenchmark}. JMH state.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 3, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 3, timeUnit = TimeUnit.SECONDS)
public class MarginRevaluationBenchmark {

  /** Open positions in the account. */
  public static final int POSITIONS = 100;

  /** The generator seed. */
  public static final long SEED = 42;

  private MarginAccount account;
  private MarginSummary atTheMarks;
  private List<Pair> pairs;
  private List<BigDecimal> ticks;
  private int next;

  @Setup
  public void open() {
    SplittableRandom random = new SplittableRandom(SEED);
    MarginBook book = new MarginBook(MarginTerms.paper(Asset.USD));
    Instant at = Instant.parse("2026-01-01T00:00:00Z");
    book.apply(CollateralFlow.deposit(EventId.of("D1"), at, new BigDecimal("10000000")));
    pairs = new ArrayList<>(POSITIONS);
    ticks = new ArrayList<>();
    for (int i = 0; i < POSITIONS; i++) {
      Pair pair = new Pair(Asset.of("C" + i), Asset.USD);
      pairs.add(pair);
      BigDecimal price = BigDecimal.valueOf(1 + random.nextInt(60_000));
      book.apply(
          new MarginFill(
              EventId.of("T" + i),
              at.plusSeconds(i + 1),
              pair,
              random.nextBoolean() ? Side.BUY : Side.SELL,
              BigDecimal.valueOf(1 + random.nextInt(1_000)).movePointLeft(3),
              price,
              BigDecimal.ZERO,
              2 + random.nextInt(9)));
      // Ticks within 2 % of the fill price, 2 decimals.
      ticks.add(
          price
              .multiply(BigDecimal.valueOf(9_800 + random.nextInt(401)))
              .movePointLeft(4)
              .setScale(2, java.math.RoundingMode.HALF_EVEN));
    }
    account = book.account();
    if (account.openPositions().size() != POSITIONS) {
      throw new IllegalStateException("expected " + POSITIONS + " open positions");
    }
    atTheMarks = account.summary();
  }

  /** One tick from the summary before it: the ticked position, the totals, every figure read. */
  @Benchmark
  public void revalueOnATick(Blackhole blackhole) {
    int i = next++ % POSITIONS;
    read(atTheMarks.withMark(pairs.get(i), ticks.get(i)), blackhole);
  }

  /** One tick as a what-if on the account: every position revalued, every figure read. */
  @Benchmark
  public void summaryFromTheAccount(Blackhole blackhole) {
    int i = next++ % POSITIONS;
    read(account.summary(Map.of(pairs.get(i), ticks.get(i))), blackhole);
  }

  private static void read(MarginSummary summary, Blackhole blackhole) {
    blackhole.consume(summary.equity());
    blackhole.consume(summary.marginUsed());
    blackhole.consume(summary.freeMargin());
    blackhole.consume(summary.marginLevel());
    for (PositionMargin position : summary.positions()) {
      blackhole.consume(position.unrealizedPnl());
      blackhole.consume(position.liquidationPrice());
    }
  }
}
