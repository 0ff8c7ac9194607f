package io.tally.engine;

import static java.util.Objects.requireNonNull;

import io.tally.money.Asset;
import io.tally.store.PortfolioStore;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A store's marks as read at one moment, typed ({@link Mark} lists them): the currency of the
 * stored prices, the fiat currencies of the events, the sync's high-water marks and fetch times,
 * and the text of the states their owners keep in marks (the ledger check's, the holds of open
 * orders, the drift baseline), which each owner parses.
 *
 * <p>Example: {@code Marks.of(store).pricesBase()} is {@code Optional.of(USD)} after a sync priced
 * in USD. Immutable.
 *
 * @param text every mark by its key, as the store keeps it
 */
public record Marks(Map<String, String> text) {

  /** A store with no marks. */
  public static final Marks NONE = new Marks(Map.of());

  public Marks {
    text = Map.copyOf(requireNonNull(text, "text"));
  }

  /** The marks {@code store} keeps now. */
  public static Marks of(PortfolioStore store) {
    return new Marks(store.marks());
  }

  /**
   * These marks with {@code written} over them: the store's marks once a batch that writes {@code
   * written} is committed (a mark written again replaces the one kept).
   */
  public Marks with(Map<String, String> written) {
    Map<String, String> all = new HashMap<>(text);
    all.putAll(written);
    return new Marks(all);
  }

  /** The text of {@code mark}, if the store has it. */
  public Optional<String> get(Mark mark) {
    return Optional.ofNullable(text.get(mark.key()));
  }

  /** Whether the store has {@code mark}. */
  public boolean has(Mark mark) {
    return text.containsKey(mark.key());
  }

  /** The currency the stored prices are in, if a sync or a prices file stored any. */
  public Optional<Asset> pricesBase() {
    return get(Mark.PRICES_BASE).filter(code -> !code.isEmpty()).map(Asset::of);
  }

  /** Whether the stored prices are in {@code base}. */
  public boolean pricedIn(Asset base) {
    return pricesBase().equals(Optional.of(base));
  }

  /** The moment {@code mark} holds (a high-water mark or a fetch time), if the store has it. */
  public Optional<Instant> instant(Mark mark) {
    return get(mark).map(Instant::parse);
  }

  /** The fiat currencies of the stored events, if an ingest listed them. */
  public Optional<List<Asset>> fiat() {
    return get(Mark.FIAT).map(Marks::parseFiat);
  }

  /** The currencies of a {@link Mark#FIAT} text: comma-separated codes, none when empty. */
  private static List<Asset> parseFiat(String text) {
    return text.isEmpty() ? List.of() : Arrays.stream(text.split(",")).map(Asset::of).toList();
  }
}
