package io.tally.reconcile;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * One margin figure of the books against Kraken's, restated the books' way ({@link
 * ExchangeMargin#nonCollateral()}), and whether the difference is beyond the tolerance. A figure
 * only one side has (a margin level when the other uses no margin) is beyond it.
 *
 * <p>Example: {@code MarginFigureCheck[figure=EQUITY, internal=Optional[118833.59816572],
 * exchange=Optional[118833.0832], beyondTolerance=false]}. Immutable.
 *
 * @param internal the books' figure in the base currency (or percent); absent when none
 * @param exchange Kraken's, restated; absent when none
 */
public record MarginFigureCheck(
    MarginFigure figure,
    Optional<BigDecimal> internal,
    Optional<BigDecimal> exchange,
    boolean beyondTolerance) {

  public MarginFigureCheck {
    requireNonNull(figure, "figure");
    requireNonNull(internal, "internal");
    requireNonNull(exchange, "exchange");
  }

  /** The figure compared under {@code tolerance}. */
  public static MarginFigureCheck of(
      MarginFigure figure,
      Optional<BigDecimal> internal,
      Optional<BigDecimal> exchange,
      MarginTolerance tolerance) {
    boolean beyond =
        internal.isPresent() != exchange.isPresent()
            || (internal.isPresent() && !tolerance.allows(figure, internal.get(), exchange.get()));
    return new MarginFigureCheck(figure, internal, exchange, beyond);
  }

  /** {@code exchange − internal}; absent when either side has no figure. */
  public Optional<BigDecimal> difference() {
    return exchange.flatMap(e -> internal.map(e::subtract));
  }
}
