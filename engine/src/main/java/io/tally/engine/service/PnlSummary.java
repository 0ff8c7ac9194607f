package io.tally.engine.service;

import static java.util.Objects.requireNonNull;

import io.tally.money.Pair;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code getPnlSummary(period, includeManual)}: trading PnL over a period, by pair and by strategy
 * tag, in the base currency. Realized PnL is the trading kind (fees included); unrealized is the
 * change over the period of the pair positions' unrealized PnL. Without manual trades, the realized
 * figures leave out trades tagged {@code manual}; unrealized PnL stays whole, because units held
 * are not owned by a strategy (see docs/ACCOUNTING-DECISIONS.md).
 *
 * <p>Example: {@code PnlSummary[period=ALL, includeManual=true, realized=120.5, unrealized=300,
 * byPair=[PairPnl[pair=XBTUSD, ...]], byStrategy=[StrategyPnl[strategy=trend_v1, ...]]]}.
 * Immutable.
 */
public record PnlSummary(
    PnlPeriod period,
    Optional<Instant> from,
    Instant to,
    boolean includeManual,
    BigDecimal realized,
    BigDecimal unrealized,
    List<PairPnl> byPair,
    List<StrategyPnl> byStrategy) {

  public PnlSummary {
    requireNonNull(period, "period");
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    requireNonNull(realized, "realized");
    requireNonNull(unrealized, "unrealized");
    byPair = List.copyOf(byPair);
    byStrategy = List.copyOf(byStrategy);
  }

  /** Realized plus unrealized. */
  public BigDecimal total() {
    return realized.add(unrealized);
  }

  /** One pair's PnL over the period. Immutable. */
  public record PairPnl(Pair pair, BigDecimal realized, BigDecimal unrealized) {
    public PairPnl {
      requireNonNull(pair, "pair");
      requireNonNull(realized, "realized");
      requireNonNull(unrealized, "unrealized");
    }
  }

  /** One strategy tag's realized PnL over the period. Immutable. */
  public record StrategyPnl(String strategy, BigDecimal realized) {
    public StrategyPnl {
      requireNonNull(strategy, "strategy");
      requireNonNull(realized, "realized");
    }
  }
}
