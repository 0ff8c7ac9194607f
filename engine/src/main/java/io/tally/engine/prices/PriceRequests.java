package io.tally.engine.prices;

import io.tally.books.BookConfig;
import io.tally.books.Books;
import io.tally.engine.StoredBooks;
import io.tally.money.Asset;
import io.tally.money.Price;
import io.tally.valuation.PriceSource;
import io.tally.valuation.PriceTable;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link PriceSource} that answers only with prices known for exactly the moment asked, and
 * writes down every question it could not answer. Replaying the books through it lists exactly the
 * prices a sync must still fetch: those of crypto-to-crypto swaps, crypto deposits, withdrawals,
 * rewards and third-asset fees. (An earlier price must not answer for a later event here: that
 * event's own price has to be fetched.)
 *
 * <p>Example: {@code PriceRequests requests = new PriceRequests(stored); Books.replay(config,
 * requests, events); requests.missing()}. Not thread-safe.
 */
public final class PriceRequests implements PriceSource {

  /** One unanswered question: the price of an asset at a moment. */
  public record Missing(Asset asset, Instant at) {}

  private final PriceSource known;
  private final Set<Missing> missing = new LinkedHashSet<>();

  public PriceRequests(PriceSource known) {
    this.known = known;
  }

  @Override
  public Optional<Price> price(Asset asset, Instant at) {
    Optional<Price> price = known.price(asset, at).filter(p -> p.at().equals(at));
    if (price.isEmpty()) {
      missing.add(new Missing(asset, at));
    }
    return price;
  }

  /**
   * The past moments the stored books need a price for and the store has none: the one rule for
   * which prices {@code tally sync} and {@code tally prices fetch} fetch, and {@code tally import}
   * counts. Replays the books once.
   */
  public static List<Missing> missingFrom(StoredBooks stored, BookConfig config) {
    PriceRequests requests = new PriceRequests(PriceTable.of(stored.pricesIn(config.base())));
    Books.replay(config, requests, stored.events());
    return requests.missing();
  }

  /** Every question that had no answer, in the order first asked. */
  public List<Missing> missing() {
    return List.copyOf(missing);
  }
}
