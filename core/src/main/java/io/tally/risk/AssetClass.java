package io.tally.risk;

import static java.util.Objects.requireNonNull;

import io.tally.money.Asset;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.Set;

/**
 * A named group of assets whose combined exposure has its own limit ({@code risk.asset_classes}). A
 * class with {@code others} set takes every asset no other class names (the config's {@code "*"}).
 *
 * <p>Example: {@code new AssetClass("altcoins", Set.of(), true, Optional.of(new BigDecimal("30")))}
 * holds every asset but the ones named elsewhere to 30 % of equity. Immutable.
 *
 * @param maxClassPct the class's exposure, at most this percent of equity (none: no limit)
 */
public record AssetClass(
    String name, Set<Asset> assets, boolean others, Optional<BigDecimal> maxClassPct) {

  public AssetClass {
    requireNonNull(name, "name");
    assets = Set.copyOf(assets);
    requireNonNull(maxClassPct, "maxClassPct");
  }
}
