package io.tally.risk;

import static java.util.Objects.requireNonNull;

import io.tally.margin.MarginAlert;
import io.tally.margin.MarginSummary;
import io.tally.margin.PositionMargin;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One risk event: what happened ({@link RiskEventType}), when, at which level, the account's equity
 * then, the positions involved and, when there is one, the suggested action. The margin alerts are
 * one kind ({@link #ofMargin}); drawdown steps ({@link #ofLadder}), limits the post-trade monitor
 * raises ({@link #ofLimit}) and trading state changes ({@link #ofStateChange}) carry their own.
 *
 * <p>Its log line ({@link #line()}) is one structured line of {@code key=value} pairs, keys in this
 * order, a key with no value left out:
 *
 * <pre>
 * RISK_EVENT type=MARGIN_CRITICAL at=2026-12-03T22:00:00Z level=105.0000 equity=3150.00000000
 *     positions=ETH/USD,XBT/USD reduce=XBT/USD reduce_unrealized_pnl=-1850.00000000
 * </pre>
 *
 * (one line; {@code level} is the margin level in percent for margin alerts and the drawdown level
 * (a negative fraction) for drawdown events, {@code equity} and {@code peak} in the base currency,
 * {@code window} the drawdown's ({@code total}, {@code daily}, {@code weekly}), {@code from},
 * {@code to}, {@code source} and the quoted {@code reason} a trading state change's, {@code rule},
 * {@code subject}, {@code limit} and {@code value} a limit's, {@code positions} the pairs involved,
 * slashed and sorted, comma-separated and empty when there are none, {@code reduce} the suggested
 * action's pair). Immutable.
 *
 * @param level the level the event is about: for a margin alert the margin level in percent, empty
 *     for a restore because no margin is used any more
 * @param equity the account's equity in the base currency when the event was raised
 * @param positions the positions involved, by pair
 * @param suggestedAction the position to reduce first, when the event suggests one
 */
public record RiskEvent(
    Instant at,
    RiskEventType type,
    Optional<BigDecimal> level,
    BigDecimal equity,
    List<RiskPosition> positions,
    Optional<SuggestedAction> suggestedAction,
    Optional<DrawdownScope> window,
    Optional<BigDecimal> peak,
    Optional<StateChange> stateChange,
    Optional<LimitUsage> limit) {

  /** The first word of the log line. */
  public static final String NAME = "RISK_EVENT";

  public RiskEvent {
    requireNonNull(at, "at");
    requireNonNull(type, "type");
    requireNonNull(level, "level");
    requireNonNull(equity, "equity");
    positions = positions.stream().sorted(Comparator.comparing(RiskPosition::pair)).toList();
    requireNonNull(suggestedAction, "suggestedAction");
    requireNonNull(window, "window");
    requireNonNull(peak, "peak");
    requireNonNull(stateChange, "stateChange");
    requireNonNull(limit, "limit");
  }

  /** An event of the margin kind: no window, peak, state change or limit. */
  public RiskEvent(
      Instant at,
      RiskEventType type,
      Optional<BigDecimal> level,
      BigDecimal equity,
      List<RiskPosition> positions,
      Optional<SuggestedAction> suggestedAction) {
    this(
        at,
        type,
        level,
        equity,
        positions,
        suggestedAction,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /**
   * The event of a drawdown ladder step: {@code DRAWDOWN_BREACH} or {@code DRAWDOWN_RECOVERED} at
   * its level, on its window, with the peak it was measured from.
   *
   * <p>Example: {@code RISK_EVENT type=DRAWDOWN_BREACH at=... level=-0.05 equity=94000.00000000
   * peak=100000.00000000 window=total positions=}.
   */
  public static RiskEvent ofLadder(Instant at, LadderEvent step, BigDecimal equity) {
    return new RiskEvent(
        at,
        step.breach() ? RiskEventType.DRAWDOWN_BREACH : RiskEventType.DRAWDOWN_RECOVERED,
        Optional.of(step.level()),
        equity,
        List.of(),
        Optional.empty(),
        Optional.of(step.scope()),
        Optional.of(step.peak()),
        Optional.empty(),
        Optional.empty());
  }

  /**
   * The event of a limit the monitor found over ({@code restored} false) or back under: its type by
   * rule, or {@code LIMIT_RESTORED}.
   */
  public static RiskEvent ofLimit(
      Instant at, LimitUsage usage, boolean restored, BigDecimal equity) {
    return new RiskEvent(
        at,
        restored ? RiskEventType.LIMIT_RESTORED : RiskEventType.exceeded(usage.rule()),
        Optional.empty(),
        equity,
        List.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.of(usage));
  }

  /** The event of a trading state change. */
  public static RiskEvent ofStateChange(Instant at, StateChange change, BigDecimal equity) {
    return new RiskEvent(
        at,
        RiskEventType.TRADING_STATE_CHANGED,
        Optional.empty(),
        equity,
        List.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.of(change),
        Optional.empty());
  }

  /**
   * The risk event of {@code alert}, raised at {@code at} by {@code summary} (the figures the
   * alert's ladder observed): the level and equity of {@code summary}, each open position, and for
   * {@code MARGIN_CRITICAL} the position the alert names to reduce first with its unrealized PnL.
   *
   * <p>Example: a critical alert at 105 % over a long XBT losing 1,850 and a flat ETH short gives
   * {@code RISK_EVENT type=MARGIN_CRITICAL ... reduce=XBT/USD reduce_unrealized_pnl=-1850...}.
   */
  public static RiskEvent ofMargin(Instant at, MarginAlert alert, MarginSummary summary) {
    requireNonNull(alert, "alert");
    requireNonNull(summary, "summary");
    List<RiskPosition> positions =
        summary.positions().stream()
            .map(p -> new RiskPosition(p.pair(), p.size(), p.unrealizedPnl()))
            .toList();
    Optional<SuggestedAction> action =
        alert
            .reduceFirst()
            .flatMap(
                pair ->
                    summary.positions().stream()
                        .filter(p -> p.pair().equals(pair))
                        .map(PositionMargin::unrealizedPnl)
                        .findFirst()
                        .map(pnl -> new SuggestedAction(pair, pnl)));
    return new RiskEvent(
        at, RiskEventType.of(alert.type()), alert.level(), summary.equity(), positions, action);
  }

  /** The structured log line (see the class comment). */
  public String line() {
    StringBuilder line = new StringBuilder(NAME);
    line.append(" type=").append(type.name());
    line.append(" at=").append(at);
    level.ifPresent(value -> line.append(" level=").append(value.toPlainString()));
    line.append(" equity=").append(equity.toPlainString());
    peak.ifPresent(value -> line.append(" peak=").append(value.toPlainString()));
    window.ifPresent(value -> line.append(" window=").append(value.code()));
    stateChange.ifPresent(
        change ->
            line.append(" from=")
                .append(change.from())
                .append(" to=")
                .append(change.to())
                .append(" source=")
                .append(change.source())
                .append(" reason=\"")
                .append(change.reason().replace("\"", "'"))
                .append('"'));
    limit.ifPresent(
        usage ->
            line.append(" rule=")
                .append(usage.rule().key())
                .append(" subject=")
                .append(usage.subject())
                .append(" limit=")
                .append(usage.limit().toPlainString())
                .append(" value=")
                .append(usage.value().toPlainString()));
    line.append(" positions=")
        .append(positions.stream().map(p -> p.pair().slashed()).collect(Collectors.joining(",")));
    suggestedAction.ifPresent(
        action ->
            line.append(" reduce=")
                .append(action.pair().slashed())
                .append(" reduce_unrealized_pnl=")
                .append(action.unrealizedPnl().toPlainString()));
    return line.toString();
  }
}
