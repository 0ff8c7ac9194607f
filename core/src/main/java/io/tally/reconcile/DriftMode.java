package io.tally.reconcile;

import java.util.Locale;

/**
 * How flow-adjusted drift treats external flows (deposits, withdrawals, rewards, adjustments).
 * Either way a flow is counted once: {@link #OBSERVE_ONLY} keeps the baseline and subtracts the
 * flows since it; {@link #AUTO_ADJUST} moves the baseline by each flow, so there is nothing left to
 * subtract.
 *
 * <p>Example: {@code DriftMode.parse("auto_adjust")}.
 */
public enum DriftMode {
  /** The baseline stays put; flows since it are subtracted. The default. */
  OBSERVE_ONLY,
  /** Each flow moves the baseline; the flows since it are then zero. */
  AUTO_ADJUST;

  /** The config spelling, such as {@code observe_only}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses the config spelling. */
  public static DriftMode parse(String text) {
    for (DriftMode mode : values()) {
      if (mode.code().equals(text)) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        "'" + text + "' is not a drift mode: use observe_only or auto_adjust");
  }
}
