package io.tally.engine.prices;

import static java.util.Objects.requireNonNull;

import io.tally.money.Asset;
import io.tally.money.Price;
import io.tally.valuation.PriceSource;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link PriceSource} that answers as the prices it wraps do, and writes down every question they
 * could not answer with a price of exactly the moment asked. Folding the books through it lists
 * exactly the prices a sync must still fetch: those of crypto-to-crypto swaps, crypto deposits,
 * withdrawals, rewards and third-asset fees that only an earlier price (or none) valued. An earlier
 * price values the event meanwhile, as it does in the books, so a question the books ask only when
 * an earlier one had no answer at all (the bought leg of a swap whose sold leg has no price) is not
 * asked when the earlier one has one; docs/ACCOUNTING-DECISIONS.md says why.
 *
 * <p>Example: {@code PriceRequests requests = new PriceRequests(table); Books.replay(config,
 * requests, events); requests.missing()}. Not thread-safe.
 */
public final class PriceRequests implements PriceSource {

  /** One unanswered question: the price of an asset at a moment. */
  public record Missing(Asset asset, Instant at) {}

  private final PriceSource known;
  private final Set<Missing> missing = new LinkedHashSet<>();

  public PriceRequests(PriceSource known) {
    this.known = requireNonNull(known, "known");
  }

  @Override
  public Optional<Price> price(Asset asset, Instant at) {
    Optional<Price> price = known.price(asset, at);
    if (price.isEmpty() || !price.get().at().equals(at)) {
      missing.add(new Missing(asset, at));
    }
    return price;
  }

  /**
   * Starts from questions an earlier fold wrote down (a checkpoint's), so the list stays the list
   * of every question asked since the first event.
   */
  public PriceRequests(PriceSource known, Collection<Missing> asked) {
    this(known);
    missing.addAll(asked);
  }

  /** Every question that had no answer, in the order first asked. */
  public List<Missing> missing() {
    return List.copyOf(missing);
  }
}
