package io.tally.kraken.api;

import static java.util.Objects.requireNonNull;

import io.tally.money.AssetSymbol;

/**
 * One entry of {@code /0/public/Assets}: an internal asset id and how Kraken writes and rounds it.
 *
 * <p>Example: {@code AssetInfo[id=XXBT, altname=XBT, decimals=10, displayDecimals=5,
 * aclass=currency, status=enabled]}. Immutable.
 *
 * @param id the internal id used as key in balances and ledgers, such as {@code XXBT} or {@code
 *     ADA.S}
 * @param altname the alternative name, such as {@code XBT}
 * @param decimals the scale Kraken books the asset at
 * @param displayDecimals the scale Kraken shows the asset at
 * @param aclass the asset class, such as {@code currency} or {@code tokenized_asset}
 * @param status such as {@code enabled} or {@code deposit_only}; empty when Kraken gives none
 *     (older responses)
 */
public record AssetInfo(
    String id, String altname, int decimals, int displayDecimals, String aclass, String status) {

  public AssetInfo {
    requireNonNull(id, "id");
    requireNonNull(altname, "altname");
    requireNonNull(aclass, "aclass");
    requireNonNull(status, "status");
    if (decimals < 0 || displayDecimals < 0) {
      throw new IllegalArgumentException(
          "Negative decimals " + decimals + "/" + displayDecimals + " for asset " + id);
    }
  }

  /** The canonical asset and location this id names, such as {@code XBT} for {@code XXBT}. */
  public AssetSymbol symbol() {
    return AssetSymbol.parse(id);
  }
}
