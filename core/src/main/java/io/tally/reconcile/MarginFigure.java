package io.tally.reconcile;

import java.util.Locale;

/**
 * A margin figure compared with Kraken's {@code TradeBalance} (ACCOUNTING.md §5): equity ({@code
 * e}), margin used ({@code m}), free margin ({@code mf}) and margin level ({@code ml}, a percent).
 *
 * <p>Example: {@code MarginFigure.FREE_MARGIN.code()} is {@code "free_margin"}.
 */
public enum MarginFigure {
  /** Collateral plus the open positions' unrealized PnL, money. */
  EQUITY,
  /** The initial margin of the open positions, money. */
  MARGIN_USED,
  /** Equity less margin used, money. */
  FREE_MARGIN,
  /** Equity over margin used × 100, a percent; absent without margin used. */
  MARGIN_LEVEL;

  /** The JSON and store name: {@code equity}, {@code margin_used}, … */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The figure named {@code code}, as {@link #code()} writes it. */
  public static MarginFigure parse(String code) {
    for (MarginFigure figure : values()) {
      if (figure.code().equals(code)) {
        return figure;
      }
    }
    throw new IllegalArgumentException("not a margin figure: '" + code + "'");
  }

  /** Whether the figure is money (in the base currency), not a percent. */
  public boolean money() {
    return this != MARGIN_LEVEL;
  }
}
