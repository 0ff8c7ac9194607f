package io.tally.testing;

import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * The seeds property tests run over: {@code 1..200} by default. {@code -Dtally.seed=N} runs a
 * single seed (to replay a failure, whose message prints its seed); {@code -Dtally.seeds=N} runs
 * seeds {@code 1..N}. Use with {@code @MethodSource("io.tally.testing.Seeds#seeds")}.
 *
 * <p>Example: {@code Seeds.events(17)} is the length of the history seed 17 is tested with.
 * Stateless.
 */
public final class Seeds {

  /** How many seeds a property runs over unless told otherwise. */
  public static final int DEFAULT_COUNT = 200;

  /** The shortest history a property test generates. */
  public static final int MIN_EVENTS = 20;

  /** The longest history a property test generates. */
  public static final int MAX_EVENTS = 300;

  private Seeds() {}

  /** The seeds to run, as JUnit arguments. */
  public static Stream<Long> seeds() {
    String one = System.getProperty("tally.seed");
    if (one != null && !one.isBlank()) {
      return Stream.of(Long.parseLong(one.strip()));
    }
    int count = Integer.getInteger("tally.seeds", DEFAULT_COUNT);
    return LongStream.rangeClosed(1, count).boxed();
  }

  /** The history length for a seed, between {@value #MIN_EVENTS} and {@value #MAX_EVENTS}. */
  public static int events(long seed) {
    long mixed = seed * 0x9E3779B97F4A7C15L;
    mixed ^= mixed >>> 29;
    return MIN_EVENTS + (int) Math.floorMod(mixed, (long) (MAX_EVENTS - MIN_EVENTS + 1));
  }
}
