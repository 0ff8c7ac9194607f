package io.tally.bench;

import io.tally.ledger.EventId;
import io.tally.ledger.Side;
import io.tally.margin.CollateralFlow;
import io.tally.margin.MarginAccount;
import io.tally.margin.MarginBook;
import io.tally.margin.MarginFill;
import io.tally.margin.MarginSummary;
import io.tally.margin.MarginTerms;
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

/**
 * Issue 12's target: revalue 100 leveraged positions on a price tick under 10 µs. A margin account
 * of {@value #POSITIONS} open positions (one per pair, long and short, 2× to 10×, seed {@value
 * #SEED}) is made once; each invocation takes a new mark for one pair (the tick) and computes the
 * account's whole {@link MarginSummary} at it: every position's unrealized PnL and margins, equity,
 * margin used, free margin, margin level and every liquidation price ({@link
 * MarginAccount#summary(Map)}).
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
  }

  /** One tick: one pair's new mark, and the whole account's figures at it. */
  @Benchmark
  public MarginSummary revalueOnATick() {
    int i = next++ % POSITIONS;
    return account.summary(Map.of(pairs.get(i), ticks.get(i)));
  }
}
