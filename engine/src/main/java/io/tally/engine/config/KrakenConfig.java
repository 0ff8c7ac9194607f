package io.tally.engine.config;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.List;

/**
 * How to reach Kraken: the REST base URL, the account's API tier, which sets the call-counter
 * budget the client keeps to, and the region the account is held in, which says whether Kraken
 * offers it margin ({@link KrakenRegion}). Keys are never configured here: they come from {@code
 * KRAKEN_API_KEY} and {@code KRAKEN_API_SECRET} only.
 *
 * <p>Example: {@code new KrakenConfig(URI.create("https://api.kraken.com"), "starter")}. Immutable.
 */
public record KrakenConfig(URI baseUrl, String tier, KrakenRegion region) {

  /** The tiers Kraken's call counter knows. */
  public static final List<String> TIERS = List.of("starter", "intermediate", "pro");

  public KrakenConfig {
    requireNonNull(baseUrl, "baseUrl");
    requireNonNull(tier, "tier");
    if (!TIERS.contains(tier)) {
      throw new IllegalArgumentException("tier must be one of " + TIERS + ": '" + tier + "'");
    }
    requireNonNull(region, "region");
  }

  /** Kraken at {@code baseUrl} for an account of {@code tier} held in the global region. */
  public KrakenConfig(URI baseUrl, String tier) {
    this(baseUrl, tier, KrakenRegion.GLOBAL);
  }

  /** Kraken's public API, Starter tier, the global region. */
  public static KrakenConfig defaults() {
    return new KrakenConfig(URI.create("https://api.kraken.com"), "starter");
  }

  /** The same with another base URL (the simulator's, say). */
  public KrakenConfig withBaseUrl(URI newBaseUrl) {
    return new KrakenConfig(newBaseUrl, tier, region);
  }
}
