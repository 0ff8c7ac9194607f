package io.tally.engine.risk;

import static java.util.Objects.requireNonNull;

import io.tally.engine.prices.KrakenMarkets;
import io.tally.engine.sync.KrakenListing;
import io.tally.kraken.api.PairInfo;
import io.tally.money.Pair;
import io.tally.risk.OrderRules;
import io.tally.store.PortfolioStore;
import java.util.Map;
import java.util.Optional;

/**
 * Kraken's {@link OrderRules} of each pair in the latest pair list a store keeps ({@link
 * KrakenListing#storedPairs}: what {@code tally sync} or {@code tally prices fetch} last fetched),
 * found by the canonical pair the way prices find theirs ({@link KrakenMarkets}: Kraken's ids such
 * as {@code XXBT}/{@code ZUSD} resolved through their aliases, staking and earn variants left out).
 * Nothing is fetched: a store never synced (an account imported from CSV alone) knows no rules.
 *
 * <p>Example: after a sync, {@code ListedOrderRules.of(store).of(new Pair(Asset.XBT, Asset.USD))}
 * is {@code Optional[OrderRules[ordermin=0.0001, costmin=Optional[0.5], lotDecimals=8]]}, and
 * {@code of(new Pair(Asset.USD, Asset.XBT))} is empty: Kraken trades XBT in USD, not the other way.
 * A pair stored before its {@code costmin} was kept has none until the next fetch. Immutable: it
 * holds the list as read, so read it again after a sync.
 */
public final class ListedOrderRules {

  private final KrakenMarkets markets;

  private ListedOrderRules(KrakenMarkets markets) {
    this.markets = markets;
  }

  /** The rules of the pairs {@code store} keeps, as they are now. */
  public static ListedOrderRules of(PortfolioStore store) {
    return new ListedOrderRules(
        new KrakenMarkets(KrakenListing.storedPairs(requireNonNull(store, "store")), Map.of()));
  }

  /** The rules of {@code pair} as listed (base and quote in that order), if the store lists it. */
  public Optional<OrderRules> of(Pair pair) {
    requireNonNull(pair, "pair");
    return markets.pairFor(pair.base(), pair.quote()).map(ListedOrderRules::rules);
  }

  private static OrderRules rules(PairInfo pair) {
    return new OrderRules(pair.ordermin(), pair.costmin(), pair.lotDecimals());
  }
}
