package io.tally.engine.paper;

import io.tally.money.Pair;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * A {@link MarketSource} a {@link PaperDesk} fetches ahead of matching (a port): it refreshes the
 * quotes and public trades of the pairs it is told, and answers the matching from what it fetched.
 * Adapters: {@link KrakenMarket} (Kraken's or the simulator's public API); {@link ScriptedMarket},
 * which holds its whole script already, so refreshing and watching do nothing there.
 *
 * <p>Example: {@code feed.refresh(List.of(xbt), List.of()); feed.quote(xbt, now)}. Implementations
 * say their own threading contract.
 */
public interface MarketFeed extends MarketSource {

  /**
   * Fetches the quote of each of {@code quoted} and the public trades since the last fetch of each
   * of {@code taped}.
   *
   * @throws io.tally.kraken.KrakenException when the market cannot be reached; what was fetched
   *     before stays
   */
  void refresh(Collection<Pair> quoted, Collection<Pair> taped);

  /** Starts keeping the public trades of {@code pair} from now on, without fetching. */
  void watch(Pair pair);

  /** When the quote of {@code pair} was last fetched; empty when never (or never needed). */
  Optional<Instant> quotedAt(Pair pair);
}
