package io.tally.kraken.api;

import static java.util.Objects.requireNonNull;

import io.tally.money.Precision;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One entry of {@code /0/public/AssetPairs}: a pair key with its names, its two internal asset ids,
 * its precisions and its order minimums. Resolve pair strings through these, never by splitting
 * them.
 *
 * <p>Example: {@code PairInfo[key=XXBTZUSD, altname=XBTUSD, wsname=XBT/USD, base=XXBT, quote=ZUSD,
 * pairDecimals=1, lotDecimals=8, costDecimals=OptionalInt[5], ordermin=0.00005,
 * costmin=Optional[0.5]]}. Immutable.
 *
 * @param key the pair key that trades, tickers and candles use, such as {@code XXBTZUSD}
 * @param altname the alternative name that orders use, such as {@code XBTUSD}
 * @param wsname the WebSocket name, such as {@code XBT/USD}; empty when Kraken gives none
 * @param base the base asset id, such as {@code XXBT}
 * @param quote the quote asset id, such as {@code ZUSD}
 * @param pairDecimals the price scale
 * @param lotDecimals the base volume scale
 * @param costDecimals the quote cost scale; absent in responses before about 2023
 * @param ordermin the minimum order volume in base units; zero when Kraken gives none
 * @param costmin the minimum order cost (volume × price) in quote units; absent in responses before
 *     about 2023 and on pairs where Kraken gives none
 */
public record PairInfo(
    String key,
    String altname,
    String wsname,
    String base,
    String quote,
    int pairDecimals,
    int lotDecimals,
    OptionalInt costDecimals,
    BigDecimal ordermin,
    Optional<BigDecimal> costmin) {

  public PairInfo {
    requireNonNull(key, "key");
    requireNonNull(altname, "altname");
    requireNonNull(wsname, "wsname");
    requireNonNull(base, "base");
    requireNonNull(quote, "quote");
    requireNonNull(costDecimals, "costDecimals");
    ordermin = Precision.canonical(requireNonNull(ordermin, "ordermin"));
    costmin = requireNonNull(costmin, "costmin").map(Precision::canonical);
  }
}
