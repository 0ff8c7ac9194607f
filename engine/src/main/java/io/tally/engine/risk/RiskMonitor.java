package io.tally.engine.risk;

import static java.util.Objects.requireNonNull;

import io.tally.metrics.DrawdownWindow;
import io.tally.risk.DrawdownLadder;
import io.tally.risk.DrawdownRules;
import io.tally.risk.DrawdownScope;
import io.tally.risk.LadderEvent;
import io.tally.risk.LimitUsage;
import io.tally.risk.LimitWatch;
import io.tally.risk.RiskBook;
import io.tally.risk.RiskEvent;
import io.tally.risk.RiskEventType;
import io.tally.risk.StateChange;
import io.tally.risk.TradingState;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The post-trade monitor of one account: on every valuation it moves the drawdown ladder, watches
 * the limits ({@link LimitWatch}), and moves the trading state when the ladder's state changes.
 * Everything it remembers is in the risk events it raised, so {@link #resume} takes it up after a
 * restart without raising a standing breach again.
 *
 * <p><b>Trading state.</b> The last change wins: a breach rule that moves the ladder's state sets
 * it (automatic), and an operator's {@link #setByHand} sets it until the ladder's state next
 * changes.
 *
 * <p>Example: {@code monitor.observe(book, window, flow)} on equity 6 % under its peak returns one
 * {@code DRAWDOWN_BREACH} at level −0.05. Not thread-safe: the service calls it under its lock.
 */
final class RiskMonitor {

  private final DrawdownRules rules;
  private Optional<DrawdownLadder> ladder;
  private LimitWatch limits;
  private TradingState ladderState;
  private TradingStatus status;
  private Optional<BigDecimal> lastFlows = Optional.empty();

  private RiskMonitor(
      DrawdownRules rules,
      Optional<DrawdownLadder> ladder,
      LimitWatch limits,
      TradingStatus status) {
    this.rules = rules;
    this.ladder = ladder;
    this.limits = limits;
    this.ladderState = ladder.map(DrawdownLadder::state).orElse(TradingState.ACTIVE);
    this.status = status;
  }

  /**
   * The monitor taken up from {@code events}, the account's stored risk events newest first: the
   * ladder from its drawdown events (none: it starts at the first valuation's peak), the standing
   * limits from the limit events, the trading state from the last change.
   */
  static RiskMonitor resume(DrawdownRules rules, List<RiskEvent> events) {
    requireNonNull(rules, "rules");
    List<RiskEvent> oldestFirst = new ArrayList<>(events);
    java.util.Collections.reverse(oldestFirst);
    Optional<BigDecimal> peak = Optional.empty();
    int breached = 0;
    Optional<Instant> daily = Optional.empty();
    Optional<Instant> weekly = Optional.empty();
    Set<String> standing = new HashSet<>();
    TradingStatus status = TradingStatus.INITIAL;
    for (RiskEvent event : oldestFirst) {
      RiskEventType type = event.type();
      if (type == RiskEventType.DRAWDOWN_BREACH || type == RiskEventType.DRAWDOWN_RECOVERED) {
        boolean breach = type == RiskEventType.DRAWDOWN_BREACH;
        DrawdownScope scope = event.window().orElse(DrawdownScope.TOTAL);
        if (scope == DrawdownScope.TOTAL) {
          // Every drawdown event carries its peak; an event without one is read at its equity.
          peak = Optional.of(event.peak().orElse(event.equity()));
          breached = breach ? levelIndex(rules, event) : 0;
        } else if (scope == DrawdownScope.DAILY) {
          daily = breach ? Optional.of(event.at()) : Optional.empty();
        } else {
          weekly = breach ? Optional.of(event.at()) : Optional.empty();
        }
      } else if (type.isLimit()) {
        event
            .limit()
            .ifPresent(
                usage -> {
                  if (type == RiskEventType.LIMIT_RESTORED) {
                    standing.remove(usage.key());
                  } else {
                    standing.add(usage.key());
                  }
                });
      } else if (type == RiskEventType.TRADING_STATE_CHANGED && event.stateChange().isPresent()) {
        StateChange change = event.stateChange().get();
        status =
            new TradingStatus(
                change.to(),
                Optional.of(change.reason()),
                Optional.of(event.at()),
                change.manual());
      }
    }
    int levels = breached;
    Optional<Instant> dailyAt = daily;
    Optional<Instant> weeklyAt = weekly;
    Optional<DrawdownLadder> ladder =
        peak.map(p -> DrawdownLadder.resumed(rules, p, levels, dailyAt, weeklyAt));
    return new RiskMonitor(rules, ladder, LimitWatch.resumed(standing), status);
  }

  /** How many levels stand breached after a breach at {@code event}'s level. */
  private static int levelIndex(DrawdownRules rules, RiskEvent event) {
    BigDecimal level = event.level().orElse(BigDecimal.ZERO);
    int index = 0;
    for (int i = 0; i < rules.levels().size(); i++) {
      if (rules.levels().get(i).compareTo(level) >= 0) {
        index = i + 1;
      }
    }
    return index;
  }

  /**
   * Observes one valuation: {@code book} (the account without open orders), its drawdown {@code
   * window} if equity was ever positive and the windows were replayed over the whole equity series
   * (before that the ladder waits: the first sync of a long history folds all its flows into one),
   * and the books' net flows so far. Returns the events it raises, in order: drawdown steps, a
   * trading state change, limits over and back under.
   */
  List<RiskEvent> observe(RiskBook book, Optional<DrawdownWindow> window, BigDecimal netFlows) {
    Instant at = book.asOf();
    BigDecimal equity = book.equity();
    List<RiskEvent> raised = new ArrayList<>();
    BigDecimal flow = lastFlows.map(netFlows::subtract).orElse(BigDecimal.ZERO);
    lastFlows = Optional.of(netFlows);
    if (window.isPresent()) {
      DrawdownLadder current =
          ladder.orElseGet(() -> DrawdownLadder.start(rules, window.get().total().peak()));
      DrawdownLadder.Step step = current.observe(window.get(), flow);
      ladder = Optional.of(step.ladder());
      for (LadderEvent event : step.events()) {
        raised.add(RiskEvent.ofLadder(at, event, equity));
      }
      TradingState next = step.ladder().state();
      if (next != ladderState) {
        ladderState = next;
        if (next != status.state()) {
          String reason = reason(step.events(), next);
          raised.add(
              RiskEvent.ofStateChange(
                  at, new StateChange(status.state(), next, reason, false), equity));
          status = new TradingStatus(next, Optional.of(reason), Optional.of(at), false);
        }
      }
    }
    LimitWatch.Step limitStep = limits.observe(book);
    limits = limitStep.watch();
    for (LimitUsage usage : limitStep.raised()) {
      raised.add(RiskEvent.ofLimit(at, usage, false, equity));
    }
    for (LimitUsage usage : limitStep.restored()) {
      raised.add(RiskEvent.ofLimit(at, usage, true, equity));
    }
    return raised;
  }

  private static String reason(List<LadderEvent> events, TradingState next) {
    if (events.isEmpty()) {
      return "the drawdown rules call for " + next;
    }
    return events.stream()
        .map(
            e ->
                "drawdown "
                    + e.level().toPlainString()
                    + " ("
                    + e.scope().code()
                    + ") "
                    + (e.breach() ? "breached" : "recovered"))
        .collect(Collectors.joining(", "));
  }

  /** Sets the state by hand; the event of the change, or empty when it is the state already. */
  Optional<RiskEvent> setByHand(TradingState next, String reason, Instant at, BigDecimal equity) {
    if (next == status.state()) {
      status = new TradingStatus(next, Optional.of(reason), status.since(), true);
      return Optional.empty();
    }
    StateChange change = new StateChange(status.state(), next, reason, true);
    status = new TradingStatus(next, Optional.of(reason), Optional.of(at), true);
    return Optional.of(RiskEvent.ofStateChange(at, change, equity));
  }

  /** The trading state now. */
  TradingStatus status() {
    return status;
  }

  /** The ladder's breached levels, shallowest first; none before the first valuation. */
  List<BigDecimal> breachedLevels() {
    return ladder.map(DrawdownLadder::breachedLevels).orElse(List.of());
  }

  /** Whether the daily or weekly limit stands breached. */
  List<DrawdownScope> breachedWindows() {
    List<DrawdownScope> windows = new ArrayList<>();
    ladder.filter(DrawdownLadder::dailyBreached).ifPresent(l -> windows.add(DrawdownScope.DAILY));
    ladder.filter(DrawdownLadder::weeklyBreached).ifPresent(l -> windows.add(DrawdownScope.WEEKLY));
    return windows;
  }
}
