package io.tally.sim;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;

/**
 * Whether and how the simulated account trades on margin: switched off by default, so an account
 * generated without options is the spot-only account it always was. When on, {@code AddOrder} takes
 * {@code leverage}, positions pay a rollover fee of {@code rolloverPercent} of their opening cost
 * every four hours, and {@link AccountGenerator} lets a {@link MarginBot} trade when {@code bot} is
 * set.
 *
 * <p>Example: {@code MarginOptions.on().withoutBot().withRolloverPercent(new BigDecimal("0.015"))}.
 * Immutable.
 *
 * @param enabled whether margin orders are accepted at all (off: {@code EOrder:Margin allowance
 *     exceeded})
 * @param rolloverPercent the financing charge per four hours in percent of the opening cost, such
 *     as {@code 0.02} (Kraken's terms {@code "0.0200% per 4 hours"})
 * @param allowance the most opening cost, in USD, all open positions together may have (Kraken's
 *     margin allowance; beyond it {@code EOrder:Margin allowance exceeded})
 * @param bot whether the generated history includes the {@link MarginBot}
 */
public record MarginOptions(
    boolean enabled, BigDecimal rolloverPercent, BigDecimal allowance, boolean bot) {

  /** Kraken's standard rollover rate, 0.02 % per four hours. */
  public static final BigDecimal STANDARD_ROLLOVER_PERCENT = new BigDecimal("0.02");

  private static final BigDecimal STANDARD_ALLOWANCE = new BigDecimal("500000");

  public MarginOptions {
    requireNonNull(rolloverPercent, "rolloverPercent");
    requireNonNull(allowance, "allowance");
    if (rolloverPercent.signum() < 0 || rolloverPercent.scale() > 4) {
      throw new IllegalArgumentException(
          "The rollover rate must be 0 or more with at most 4 decimals: "
              + rolloverPercent.toPlainString());
    }
    if (allowance.signum() <= 0) {
      throw new IllegalArgumentException("The allowance must be positive: " + allowance);
    }
  }

  /** Margin off: the default, spot only. */
  public static MarginOptions off() {
    return new MarginOptions(false, STANDARD_ROLLOVER_PERCENT, STANDARD_ALLOWANCE, false);
  }

  /** Margin on, at 0.02 % per four hours, a 500 000 USD allowance, with the margin bot. */
  public static MarginOptions on() {
    return new MarginOptions(true, STANDARD_ROLLOVER_PERCENT, STANDARD_ALLOWANCE, true);
  }

  /** The same options without the margin bot (only the API's orders open positions). */
  public MarginOptions withoutBot() {
    return new MarginOptions(enabled, rolloverPercent, allowance, false);
  }

  /** The same options with another rollover rate in percent per four hours. */
  public MarginOptions withRolloverPercent(BigDecimal percent) {
    return new MarginOptions(enabled, percent, allowance, bot);
  }

  /** The same options with another allowance in USD. */
  public MarginOptions withAllowance(BigDecimal usd) {
    return new MarginOptions(enabled, rolloverPercent, usd, bot);
  }
}
