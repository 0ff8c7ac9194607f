package io.tally.engine.config;

import static java.util.Objects.requireNonNull;

/**
 * Tally's whole configuration, read once at start from one YAML file (see {@link ConfigFile}): the
 * contract's {@code portfolio:} section and how to reach Kraken.
 *
 * <p>Example: {@code TallyConfig.defaults().kraken().tier()} is {@code starter}. Immutable.
 */
public record TallyConfig(PortfolioConfig portfolio, KrakenConfig kraken) {

  public TallyConfig {
    requireNonNull(portfolio, "portfolio");
    requireNonNull(kraken, "kraken");
  }

  /** Every key at its default. */
  public static TallyConfig defaults() {
    return new TallyConfig(PortfolioConfig.defaults(), KrakenConfig.defaults());
  }

  /** The same with another Kraken section. */
  public TallyConfig withKraken(KrakenConfig newKraken) {
    return new TallyConfig(portfolio, newKraken);
  }
}
