package io.tally.engine.config;

import java.util.Locale;

/**
 * Where the Kraken account is held, and so which products Kraken offers it: {@code kraken.region}
 * in the configuration. Margin features (margin positions, leverage above 1 on a paper account that
 * mirrors the region) are refused where the region has no margin, with {@link #refuseMargin}'s
 * message.
 *
 * <p>The profile follows the trading system's region profile: {@link #US_CA} (a Canadian resident
 * of a US-registered Kraken entity) has neither margin nor futures; {@link #US} has margin but no
 * futures; {@link #GLOBAL}, the default, has both.
 *
 * <p>Example: {@code KrakenRegion.parse("us_ca").hasMargin()} is {@code false}.
 */
public enum KrakenRegion {
  /** Kraken's global offer: spot, margin and futures. */
  GLOBAL(true, true),
  /** Kraken in the United States: spot and margin, no futures. */
  US(true, false),
  /** Kraken for Canadian residents: spot only. */
  US_CA(false, false);

  private final boolean margin;
  private final boolean futures;

  KrakenRegion(boolean margin, boolean futures) {
    this.margin = margin;
    this.futures = futures;
  }

  /** The region named in the configuration ({@code global}, {@code us} or {@code us_ca}). */
  public static KrakenRegion parse(String text) {
    for (KrakenRegion region : values()) {
      if (region.key().equals(text.strip().toLowerCase(Locale.ROOT))) {
        return region;
      }
    }
    throw new IllegalArgumentException("not a Kraken region (global, us or us_ca): '" + text + "'");
  }

  /** The name the configuration uses: {@code global}, {@code us}, {@code us_ca}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether Kraken offers margin trading here. */
  public boolean hasMargin() {
    return margin;
  }

  /** Whether Kraken offers futures here. */
  public boolean hasFutures() {
    return futures;
  }

  /**
   * Fails with a message naming the region and the feature when the region has no margin.
   *
   * @throws IllegalStateException where margin is not offered
   */
  public void refuseMargin(String feature) {
    if (!margin) {
      throw new IllegalStateException(
          feature
              + " needs margin trading, which Kraken does not offer in region "
              + key()
              + " (kraken.region)");
    }
  }
}
