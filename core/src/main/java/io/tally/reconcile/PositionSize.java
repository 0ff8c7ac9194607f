package io.tally.reconcile;

import static java.util.Objects.requireNonNull;

import io.tally.money.Pair;
import java.math.BigDecimal;

/**
 * A margin position's signed open size on one pair: positive long, negative short, in base units.
 * Kraken's several positions on one pair are netted into one ({@code vol − vol_closed}, signed by
 * {@code type}), as the books keep them.
 *
 * <p>Example: {@code PositionSize[pair=ETH/USD, size=-1.43963512]}, a short. Immutable.
 */
public record PositionSize(Pair pair, BigDecimal size) {

  public PositionSize {
    requireNonNull(pair, "pair");
    requireNonNull(size, "size");
  }
}
