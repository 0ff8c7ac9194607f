package io.tally.engine.risk;

import io.tally.money.Asset;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Where the correlated groups of the held assets come from (a port): each asset's group, the asset
 * included, of the assets whose daily returns correlate at or above the policy's threshold.
 *
 * <p>Example: {@code groups.of(Set.of(XBT, ETH, SOL), now)} is {@code {XBT=[XBT, ETH], ETH=[XBT,
 * ETH]}} when only those two correlate. Implementations say their own threading contract.
 */
@FunctionalInterface
public interface CorrelationGroups {

  /** No groups: every asset stands alone. */
  CorrelationGroups NONE = (assets, asOf) -> Map.of();

  /** The groups among {@code assets} as of {@code asOf}; an asset in none may be left out. */
  Map<Asset, Set<Asset>> of(Set<Asset> assets, Instant asOf);
}
