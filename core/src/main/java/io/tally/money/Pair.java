package io.tally.money;

import static java.util.Objects.requireNonNull;

/**
 * A spot market: the base asset traded against the quote asset. Its name is the two altnames
 * joined, as Kraken's {@code altname} writes it.
 *
 * <p>Example: {@code new Pair(Asset.XBT, Asset.USD)} is {@code XBTUSD}; {@code
 * Pair.parse("XBT/USD")} reads the slash form used in event text. Immutable.
 */
public record Pair(Asset base, Asset quote) implements Comparable<Pair> {

  public Pair {
    requireNonNull(base, "base");
    requireNonNull(quote, "quote");
    if (base.equals(quote)) {
      throw new IllegalArgumentException("A pair needs two assets: " + base);
    }
  }

  /** Parses the slash form {@code BASE/QUOTE}. */
  public static Pair parse(String text) {
    int slash = text.indexOf('/');
    if (slash <= 0 || slash == text.length() - 1) {
      throw new IllegalArgumentException("Not a BASE/QUOTE pair: '" + text + "'");
    }
    return new Pair(Asset.of(text.substring(0, slash)), Asset.of(text.substring(slash + 1)));
  }

  /** Kraken-style name, such as {@code XBTUSD}. */
  public String name() {
    return base.code() + quote.code();
  }

  /** The slash form, such as {@code XBT/USD}: unambiguous and parseable. */
  public String slashed() {
    return base.code() + "/" + quote.code();
  }

  @Override
  public int compareTo(Pair other) {
    int byBase = base.compareTo(other.base);
    return byBase != 0 ? byBase : quote.compareTo(other.quote);
  }

  @Override
  public String toString() {
    return name();
  }
}
