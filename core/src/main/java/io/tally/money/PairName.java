package io.tally.money;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;

/**
 * A pair as a person or a bot names it in a question: Kraken's altname ({@code XBTUSD}, any case)
 * or the slash form with Kraken's aliases understood ({@code XBT/USD}, {@code BTC/USD}). The one
 * rule for finding a pair by name.
 *
 * <p>Example: {@code PairName.of("btc/usd").matches(new Pair(Asset.XBT, Asset.USD))} is true, and
 * so is {@code PairName.of("xbtusd")}'s. Immutable.
 */
public final class PairName {

  private final String text;
  private final Optional<Pair> slashed;

  private PairName(String text) {
    this.text = requireNonNull(text, "text").strip();
    this.slashed = slashed(this.text);
  }

  /** The name {@code text}, surrounding blanks ignored. */
  public static PairName of(String text) {
    return new PairName(text);
  }

  /** Whether this name names {@code pair}. */
  public boolean matches(Pair pair) {
    return slashed.map(pair::equals).orElse(false) || pair.name().equalsIgnoreCase(text);
  }

  /**
   * The pair the slash form names, in canonical assets ({@code btc/usd} is XBT/USD); empty for a
   * one-word name, which needs a list of pairs to be found in.
   */
  public Optional<Pair> slashed() {
    return slashed;
  }

  /** The name as given, without surrounding blanks. */
  @Override
  public String toString() {
    return text;
  }

  private static Optional<Pair> slashed(String text) {
    int slash = text.indexOf('/');
    if (slash <= 0 || slash == text.length() - 1) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new Pair(
              AssetSymbol.canonical(text.substring(0, slash).strip().toUpperCase(Locale.ROOT)),
              AssetSymbol.canonical(text.substring(slash + 1).strip().toUpperCase(Locale.ROOT))));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
