package io.tally.kraken;

import io.tally.money.Amount;
import io.tally.money.Asset;
import io.tally.money.AssetSymbol;
import io.tally.money.Pair;
import java.util.List;
import java.util.Optional;

/**
 * Which market a trade was on. The trades history says it (a buy's base is what it bought); without
 * it, the pair is inferred from the ledger legs: the leg that ranks higher as a quote currency is
 * the quote. Pair strings are never split by guesswork: only a slash form ({@code ALGO/EUR}) is
 * read.
 *
 * <p>Example: {@code PairInference.fromLegs(List.of(Amount.parse("EUR 300")),
 * List.of(Amount.parse("XBT 0.0035")))} is {@code XBTEUR}. Stateless.
 */
final class PairInference {

  /** Quote currencies by preference, when a pair has to be inferred from its legs. */
  private static final List<String> QUOTE_RANK =
      List.of(
          "USD", "EUR", "GBP", "CAD", "JPY", "CHF", "AUD", "USDT", "USDC", "DAI", "PYUSD", "EURC",
          "XBT", "ETH");

  private PairInference() {}

  /** The pair as the trades history states it: its base is what a buy bought and a sell sold. */
  static Optional<Pair> fromTrade(TradeRow trade, List<Amount> sold, List<Amount> bought) {
    boolean buy = trade.type().equals("buy");
    List<Amount> baseSide = buy ? bought : sold;
    List<Amount> quoteSide = buy ? sold : bought;
    if (baseSide.size() == 1 && quoteSide.size() == 1) {
      Asset base = baseSide.get(0).asset();
      Asset quote = quoteSide.get(0).asset();
      return base.equals(quote) ? Optional.empty() : Optional.of(new Pair(base, quote));
    }
    return parsePairName(trade.pair());
  }

  /**
   * Quote currencies a Kraken pair key ends with, longest first: a key is its base's id followed by
   * its quote's ({@code XETHZUSD}, {@code DOTUSD}, {@code ETHUSDT}).
   */
  private static final List<String> KEY_QUOTES =
      List.of(
          "USDT", "USDC", "ZUSD", "ZEUR", "ZGBP", "ZCAD", "ZJPY", "ZCHF", "ZAUD", "XXBT", "XETH",
          "USD", "EUR", "GBP", "CAD", "JPY", "CHF", "AUD", "XBT", "ETH", "DAI");

  /**
   * A pair as the trades history names it, in canonical assets: with a slash ({@code ALGO/EUR}),
   * else Kraken's key ({@code XETHZUSD}, {@code DOTUSD}, {@code ETHUSDT}) split before the longest
   * known quote currency it ends with.
   */
  static Optional<Pair> parsePairNameOrKey(String name) {
    if (name.indexOf('/') >= 0) {
      return parsePairName(name);
    }
    for (String quote : KEY_QUOTES) {
      if (name.length() > quote.length() && name.endsWith(quote)) {
        Asset base = AssetSymbol.canonical(name.substring(0, name.length() - quote.length()));
        Asset canonicalQuote = AssetSymbol.canonical(quote);
        return base.equals(canonicalQuote)
            ? Optional.empty()
            : Optional.of(new Pair(base, canonicalQuote));
      }
    }
    return Optional.empty();
  }

  /** A pair name with a slash ({@code ALGO/EUR}, {@code BTC/USD}), in canonical assets. */
  static Optional<Pair> parsePairName(String name) {
    int slash = name.indexOf('/');
    if (slash <= 0 || slash == name.length() - 1) {
      return Optional.empty();
    }
    Asset base = AssetSymbol.canonical(name.substring(0, slash));
    Asset quote = AssetSymbol.canonical(name.substring(slash + 1));
    return base.equals(quote) ? Optional.empty() : Optional.of(new Pair(base, quote));
  }

  /**
   * The pair of a trade known only from its ledger legs: the leg that ranks higher as a quote
   * currency (fiat, then stablecoins, then XBT, then ETH) is the quote; with no ranked leg, the
   * sold asset is the quote. A one-leg trade's missing side is unknown and shown as USD.
   */
  static Pair fromLegs(List<Amount> sold, List<Amount> bought) {
    if (sold.isEmpty() || bought.isEmpty()) {
      Asset only = (sold.isEmpty() ? bought : sold).get(0).asset();
      return new Pair(only, only.equals(Asset.USD) ? Asset.of("EUR") : Asset.USD);
    }
    if (sold.size() > 1) {
      Asset first = sold.stream().map(Amount::asset).sorted().findFirst().orElseThrow();
      Asset received = bought.get(0).asset();
      return first.equals(received)
          ? new Pair(sold.get(1).asset(), received)
          : new Pair(first, received);
    }
    Asset out = sold.get(0).asset();
    Asset in = bought.get(0).asset();
    int outRank = rank(out);
    int inRank = rank(in);
    if (inRank < outRank) {
      return new Pair(out, in);
    }
    return new Pair(in, out);
  }

  private static int rank(Asset asset) {
    int index = QUOTE_RANK.indexOf(asset.code());
    if (index >= 0) {
      return index;
    }
    return asset.isFiat() ? QUOTE_RANK.size() : QUOTE_RANK.size() + 1;
  }
}
