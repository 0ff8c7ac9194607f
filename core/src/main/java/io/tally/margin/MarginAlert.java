package io.tally.margin;

import static java.util.Objects.requireNonNull;

import io.tally.money.Pair;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * One alert {@link MarginAlerts} raised: its type, the margin level that raised it, the open
 * positions at the time and, for {@link AlertType#MARGIN_CRITICAL}, the pair to reduce first (the
 * position with the lowest unrealized PnL).
 *
 * <p>Example: {@code MarginAlert[type=MARGIN_CRITICAL, level=Optional[105.0000], positions=[ETHUSD,
 * XBTUSD], reduceFirst=Optional[XBTUSD]]}. Immutable.
 *
 * @param level the margin level; empty for a restore because no margin is used any more
 * @param positions the pairs of the open positions, sorted
 */
public record MarginAlert(
    AlertType type, Optional<BigDecimal> level, List<Pair> positions, Optional<Pair> reduceFirst) {

  public MarginAlert {
    requireNonNull(type, "type");
    requireNonNull(level, "level");
    positions = List.copyOf(positions);
    requireNonNull(reduceFirst, "reduceFirst");
  }
}
