package io.tally.report.journal;

import static java.util.Objects.requireNonNull;

import io.tally.money.Asset;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An asset as a journal names it: a commodity symbol beancount accepts ({@code [A-Z][A-Z0-9'._-]*},
 * ending in a letter or digit, 2 to 24 characters) and the account component of its holding.
 * Kraken's codes ({@code XBT}, {@code DOT}, {@code USD}, {@code KFEE}) are kept as they are; any
 * other code is mapped deterministically: upper-cased, every character beancount refuses replaced
 * by {@code -}, an {@code X} put in front when it does not start with a letter, and an {@code X}
 * appended when it is shorter than 2 characters or ends in neither a letter nor a digit. So {@code
 * 1INCH} is {@code X1INCH} and {@code T} is {@code TX}. A journal refuses two assets that map to
 * one symbol. Account components keep letters, digits and {@code -}: {@code .}, {@code _} and
 * {@code '} become {@code -}.
 *
 * <p>Example: {@code Commodity.of(Asset.of("1INCH"))} is {@code Commodity[asset=1INCH,
 * symbol=X1INCH]}. Immutable.
 */
record Commodity(Asset asset, String symbol) {

  private static final Pattern VALID = Pattern.compile("[A-Z][A-Z0-9'._-]{0,22}[A-Z0-9]");
  private static final Pattern LETTERS = Pattern.compile("[A-Za-z]+");

  Commodity {
    requireNonNull(asset, "asset");
    requireNonNull(symbol, "symbol");
    if (!VALID.matcher(symbol).matches()) {
      throw new IllegalArgumentException("Not a beancount commodity: '" + symbol + "'");
    }
  }

  /** The commodity of {@code asset}, mapped as the class comment says. */
  static Commodity of(Asset asset) {
    String code = asset.code().toUpperCase(Locale.ROOT);
    if (VALID.matcher(code).matches()) {
      return new Commodity(asset, code);
    }
    StringBuilder symbol = new StringBuilder();
    for (char c : code.toCharArray()) {
      boolean allowed = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "'._-".indexOf(c) >= 0;
      symbol.append(allowed ? c : '-');
    }
    if (symbol.charAt(0) < 'A' || symbol.charAt(0) > 'Z') {
      symbol.insert(0, 'X');
    }
    char last = symbol.charAt(symbol.length() - 1);
    if (symbol.length() < 2 || !Character.isLetterOrDigit(last)) {
      symbol.append('X');
    }
    if (symbol.length() > 24) {
      throw new IllegalArgumentException(
          "Asset code '" + asset.code() + "' is too long for a beancount commodity");
    }
    return new Commodity(asset, symbol.toString());
  }

  /** The symbol as ledger reads it: quoted unless it is letters only. */
  String ledgerSymbol() {
    return LETTERS.matcher(symbol).matches() ? symbol : "\"" + symbol + "\"";
  }

  /** The symbol as an account name component: letters, digits and {@code -}. */
  String accountComponent() {
    return symbol.replace('.', '-').replace('_', '-').replace('\'', '-');
  }
}
