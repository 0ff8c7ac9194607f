package io.tally.kraken.api;

import static java.util.Objects.requireNonNull;

import io.tally.kraken.KrakenException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * A local model of Kraken's REST call counter for private calls (kraken-api.md §4.3): the counter
 * rises by each call's cost and decays continuously at the tier's rate; Kraken answers {@code
 * EAPI:Rate limit exceeded} above the tier's maximum. {@link #acquire} waits until a call fits
 * instead of exceeding it. The same bucket paces public calls ({@link #forPublicCalls}), which
 * Kraken limits per IP address instead (§2.4: a burst of about 30 calls is refused with {@code
 * EGeneral:Too many requests}, one a second is not).
 *
 * <p>Example: at {@link Tier#STARTER} (max 15, decay 0.33/s) seven Ledgers pages cost 14 points; an
 * eighth (cost 2) waits {@code (14 + 2 − 15) / 0.33 ≈ 3.03 s}. Thread-safe.
 */
public final class CallCounter {

  /** Private methods that cost 2 points: history queries (kraken-api.md §4.3, safe policy). */
  private static final Set<String> HEAVY_METHODS =
      Set.of("Ledgers", "QueryLedgers", "TradesHistory", "QueryTrades", "ClosedOrders");

  /** Slack for the floating-point decay arithmetic. */
  private static final double EPSILON = 1e-9;

  /**
   * Kraken's verification tiers and their counter limits. Example: {@code Tier.parse("pro")} is
   * {@link #PRO}, with maximum 20 and decay 1 point per second. Immutable.
   */
  public enum Tier {
    /** Maximum 15, decay 0.33 points per second. */
    STARTER(15, 0.33),
    /** Maximum 20, decay 0.5 points per second. */
    INTERMEDIATE(20, 0.5),
    /** Maximum 20, decay 1 point per second. */
    PRO(20, 1.0);

    private final int max;
    private final double decayPerSecond;

    Tier(int max, double decayPerSecond) {
      this.max = max;
      this.decayPerSecond = decayPerSecond;
    }

    /** The highest counter value Kraken accepts. */
    public int max() {
      return max;
    }

    /** Points the counter loses per second. */
    public double decayPerSecond() {
      return decayPerSecond;
    }

    /**
     * The tier named {@code starter}, {@code intermediate} or {@code pro} (any case).
     *
     * @throws IllegalArgumentException naming the text and the accepted names
     */
    public static Tier parse(String text) {
      String name = requireNonNull(text, "text").strip().toUpperCase(Locale.ROOT);
      for (Tier tier : values()) {
        if (tier.name().equals(name)) {
          return tier;
        }
      }
      throw new IllegalArgumentException(
          "Unknown Kraken tier '" + text + "': expected starter, intermediate or pro");
    }

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Waits for a while: {@link #system()} in production, a fake that advances a test clock in tests.
   * Example: {@code duration -> clock.advance(duration)}. Implementations must be thread-safe.
   */
  @FunctionalInterface
  public interface Sleeper {

    /** Waits for {@code duration}. */
    void sleep(Duration duration) throws InterruptedException;

    /** The real thing: {@link Thread#sleep(long, int)}. */
    static Sleeper system() {
      return duration -> Thread.sleep(duration.toMillis(), (int) (duration.toNanos() % 1_000_000L));
    }
  }

  /**
   * Public calls in a burst before the pace applies: well below the ~30 that Kraken refuses
   * (kraken-api.md §2.4), so a sync's handful of public calls never waits.
   */
  static final int PUBLIC_BURST = 5;

  /** Public calls per second once the burst is spent: the rate Kraken was seen to accept. */
  static final double PUBLIC_CALLS_PER_SECOND = 1.0;

  private final String name;
  private final int max;
  private final double decayPerSecond;
  private final Clock clock;
  private final Sleeper sleeper;
  private double level;
  private Instant updated;

  /** An empty counter for {@code tier}, reading time from {@code clock}. */
  public CallCounter(Tier tier, Clock clock, Sleeper sleeper) {
    this(requireNonNull(tier, "tier").toString(), tier.max, tier.decayPerSecond, clock, sleeper);
  }

  private CallCounter(String name, int max, double decayPerSecond, Clock clock, Sleeper sleeper) {
    this.name = name;
    this.max = max;
    this.decayPerSecond = decayPerSecond;
    this.clock = requireNonNull(clock, "clock");
    this.sleeper = requireNonNull(sleeper, "sleeper");
    this.updated = clock.instant();
  }

  /**
   * An empty pace for public calls (per IP address, each call costs 1): a burst of {@value
   * #PUBLIC_BURST}, then one call a second. {@link #penalize()} after {@code EGeneral:Too many
   * requests} makes the next call wait about three seconds.
   */
  public static CallCounter forPublicCalls(Clock clock, Sleeper sleeper) {
    return new CallCounter("public", PUBLIC_BURST, PUBLIC_CALLS_PER_SECOND, clock, sleeper);
  }

  /**
   * What a private call to {@code method} adds to the counter: 2 for Ledgers, QueryLedgers,
   * TradesHistory, QueryTrades and ClosedOrders, 1 for every other private method. Public calls are
   * not counted at all.
   */
  public static int cost(String method) {
    return HEAVY_METHODS.contains(requireNonNull(method, "method")) ? 2 : 1;
  }

  /**
   * Waits until the counter plus {@code cost} is at most the tier's maximum, then adds {@code
   * cost}.
   *
   * @throws IllegalArgumentException when {@code cost} is negative or above the maximum
   * @throws KrakenException when interrupted while waiting
   */
  public void acquire(int cost) {
    if (cost < 0 || cost > max) {
      throw new IllegalArgumentException(
          "Call cost " + cost + " is outside 0.." + max + " for tier " + name);
    }
    while (true) {
      Duration wait;
      synchronized (this) {
        decay();
        double excess = level + cost - max;
        if (excess <= EPSILON) {
          level += cost;
          return;
        }
        wait = Duration.ofNanos((long) Math.ceil(excess / decayPerSecond * 1e9));
      }
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw KrakenException.interrupted("call counter", e);
      }
    }
  }

  /**
   * Kraken said {@code EAPI:Rate limit exceeded}, so this model was behind (another client, or
   * calls before a restart): treat the counter as full plus 2 points, so that the next call waits
   * at least {@code 2 / decay} seconds, and longer for a costlier call.
   */
  public synchronized void penalize() {
    decay();
    level = Math.max(level, max) + 2;
  }

  /** The counter now, after decay. */
  public synchronized double level() {
    decay();
    return level;
  }

  @Override
  public synchronized String toString() {
    return String.format(Locale.ROOT, "CallCounter[%s %.2f/%d]", name, level, max);
  }

  private void decay() {
    Instant now = clock.instant();
    if (now.isAfter(updated)) {
      double seconds = Duration.between(updated, now).toNanos() / 1e9;
      level = Math.max(0, level - seconds * decayPerSecond);
      updated = now;
    }
  }
}
