package io.tally.risk;

import static java.util.Objects.requireNonNull;

import io.tally.metrics.DrawdownWindow;
import io.tally.metrics.HighWaterMark;
import io.tally.money.Precision;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The drawdown breach ladder: which of the {@link DrawdownRules}' levels equity has fallen through,
 * and whether the daily or weekly limit is breached, with the trading state that follows.
 *
 * <p><b>Total.</b> The ladder keeps its own peak: it moves up only when equity passes {@code peak ×
 * (1 + peakResetMargin)}, and moving clears every breached level (one recovery event). So equity
 * hovering around a level, or a peak nudged by a small rise, raises no second alarm. External flows
 * scale the peak as {@link DrawdownWindow} scales its marks (value after / value before), so a
 * withdrawal is never a drawdown. Each level is breached once (one event each, shallowest first)
 * until a recovery clears it.
 *
 * <p><b>Daily and weekly.</b> Read from the live {@link DrawdownWindow}: a breach holds until its
 * window resets, which raises a recovery event.
 *
 * <p>Example: peak 100,000, levels −5/−10/−15 %: equity 94,000 gives one breach at −0.05 and state
 * ACTIVE; 89,000 then gives one at −0.10 and REDUCING; 101,500 (past 101,000) recovers. Immutable.
 */
public final class DrawdownLadder {

  private final DrawdownRules rules;
  private final BigDecimal peak;
  private final int breached;
  private final Optional<Instant> dailyBreach;
  private final Optional<Instant> weeklyBreach;

  private DrawdownLadder(
      DrawdownRules rules,
      BigDecimal peak,
      int breached,
      Optional<Instant> dailyBreach,
      Optional<Instant> weeklyBreach) {
    this.rules = rules;
    this.peak = peak;
    this.breached = breached;
    this.dailyBreach = dailyBreach;
    this.weeklyBreach = weeklyBreach;
  }

  /**
   * A ladder resumed at {@code peak} with the first {@code breached} levels breached, and the daily
   * and weekly breaches standing since the given times (when they were raised).
   */
  public static DrawdownLadder resumed(
      DrawdownRules rules,
      BigDecimal peak,
      int breached,
      Optional<Instant> dailyBreach,
      Optional<Instant> weeklyBreach) {
    requireNonNull(rules, "rules");
    requireNonNull(peak, "peak");
    if (breached < 0 || breached > rules.levels().size()) {
      throw new IllegalArgumentException(breached + " levels breached of " + rules.levels().size());
    }
    return new DrawdownLadder(
        rules,
        peak,
        breached,
        requireNonNull(dailyBreach, "dailyBreach"),
        requireNonNull(weeklyBreach, "weeklyBreach"));
  }

  /** A ladder at {@code peak} with nothing breached. */
  public static DrawdownLadder start(DrawdownRules rules, BigDecimal peak) {
    return resumed(rules, peak, 0, Optional.empty(), Optional.empty());
  }

  /** The ladder after one observation and what it raised. */
  public record Step(DrawdownLadder ladder, List<LadderEvent> events) {
    public Step {
      requireNonNull(ladder, "ladder");
      events = List.copyOf(events);
    }
  }

  /**
   * Observes {@code window}'s equity, just after an external {@code flow} (zero for a plain
   * revaluation), and its daily and weekly drawdowns.
   */
  public Step observe(DrawdownWindow window, BigDecimal flow) {
    BigDecimal equity = window.equity();
    BigDecimal before = equity.subtract(flow);
    BigDecimal nextPeak = peak;
    if (flow.signum() != 0) {
      nextPeak = DrawdownWindow.scaled(peak, before, equity);
    }
    List<LadderEvent> events = new ArrayList<>();
    int nextBreached = breached;
    BigDecimal resetAt = nextPeak.multiply(BigDecimal.ONE.add(rules.peakResetMargin()));
    if (equity.compareTo(resetAt) > 0 || nextPeak.signum() <= 0) {
      if (breached > 0) {
        events.add(
            new LadderEvent(
                false,
                DrawdownScope.TOTAL,
                rules.levels().get(breached - 1),
                Precision.money(equity),
                BigDecimal.ZERO));
      }
      nextPeak = equity;
      nextBreached = 0;
    }
    // The drawdown (a 34-digit division) is worked out only when equity is near or below the next
    // level: on most refreshes it is well above it, and the division was a paper order's largest
    // single cost to the collector (docs/BENCHMARKS.md §21).
    Optional<BigDecimal> drawdown = Optional.empty();
    while (nextBreached < rules.levels().size()) {
      BigDecimal level = rules.levels().get(nextBreached);
      if (nextPeak.signum() > 0 && clearlyAbove(equity, nextPeak, level)) {
        break;
      }
      if (drawdown.isEmpty()) {
        drawdown =
            Optional.of(
                nextPeak.signum() <= 0
                    ? BigDecimal.ZERO
                    : equity.divide(nextPeak, Precision.RATIO).subtract(BigDecimal.ONE));
      }
      if (drawdown.get().compareTo(level) > 0) {
        break;
      }
      events.add(
          new LadderEvent(
              true,
              DrawdownScope.TOTAL,
              level,
              Precision.money(nextPeak),
              drawdown.get().setScale(6, Precision.ROUNDING)));
      nextBreached++;
    }
    Optional<Instant> daily =
        windowed(
            DrawdownScope.DAILY, rules.maxDaily(), dailyBreach, window.at(), window::daily, events);
    Optional<Instant> weekly =
        windowed(
            DrawdownScope.WEEKLY,
            rules.maxWeekly(),
            weeklyBreach,
            window.at(),
            window::weekly,
            events);
    return new Step(new DrawdownLadder(rules, nextPeak, nextBreached, daily, weekly), events);
  }

  /**
   * Whether {@code equity} is so far above where {@code level} would be reached from {@code peak}
   * (positive) that the drawdown, rounded to {@link Precision#RATIO}, cannot reach it: {@code
   * equity/peak − 1 > level} exactly when {@code equity > peak × (1 + level)}, and a margin of one
   * part in 10^30 of equity is far more than the quotient's rounding (half a unit in its 34th
   * digit) can move it. Near or below the level, the division decides as before.
   */
  static boolean clearlyAbove(BigDecimal equity, BigDecimal peak, BigDecimal level) {
    if (equity.signum() <= 0) {
      return false;
    }
    BigDecimal above = equity.subtract(peak.multiply(BigDecimal.ONE.add(level)));
    return above.compareTo(equity.movePointLeft(30)) > 0;
  }

  /**
   * A daily or weekly limit: a standing breach recovers when its window has reset since it was
   * raised; a new one is raised when the window's drawdown reaches the limit. The answer is when
   * the standing breach was raised, if one stands. The window's drawdown (a division) is asked for
   * only when the limit is set: most accounts set none, and it was asked on every refresh.
   */
  private static Optional<Instant> windowed(
      DrawdownScope scope,
      Optional<BigDecimal> limit,
      Optional<Instant> standing,
      Instant at,
      Supplier<HighWaterMark> windowMark,
      List<LadderEvent> events) {
    if (limit.isEmpty()) {
      return Optional.empty();
    }
    HighWaterMark mark = windowMark.get();
    Optional<Instant> next = standing;
    if (standing.isPresent() && mark.resetAt().isAfter(standing.get())) {
      events.add(new LadderEvent(false, scope, limit.get(), mark.peak(), BigDecimal.ZERO));
      next = Optional.empty();
    }
    BigDecimal drawdown = mark.drawdown().negate();
    if (next.isEmpty() && drawdown.compareTo(limit.get()) <= 0) {
      events.add(
          new LadderEvent(
              true, scope, limit.get(), mark.peak(), drawdown.setScale(6, Precision.ROUNDING)));
      next = Optional.of(at);
    }
    return next;
  }

  /** The state the breaches call for: the strictest of the breached level's and the windows'. */
  public TradingState state() {
    TradingState state =
        breached == 0 ? TradingState.ACTIVE : rules.statesAtLevels().get(breached - 1);
    if (dailyBreach.isPresent()) {
      state = state.stricter(rules.dailyState());
    }
    if (weeklyBreach.isPresent()) {
      state = state.stricter(rules.weeklyState());
    }
    return state;
  }

  /** The ladder's peak. */
  public BigDecimal peak() {
    return peak;
  }

  /** The levels breached, shallowest first. */
  public List<BigDecimal> breachedLevels() {
    return rules.levels().subList(0, breached);
  }

  /** Whether the daily limit is breached. */
  public boolean dailyBreached() {
    return dailyBreach.isPresent();
  }

  /** Whether the weekly limit is breached. */
  public boolean weeklyBreached() {
    return weeklyBreach.isPresent();
  }
}
