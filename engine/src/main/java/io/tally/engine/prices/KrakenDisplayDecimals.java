package io.tally.engine.prices;

import io.tally.engine.ingest.Ingest;
import io.tally.money.Asset;
import io.tally.money.AssetSymbol;
import io.tally.money.DisplayDecimals;
import io.tally.money.Pair;
import io.tally.store.PortfolioStore;
import io.tally.store.SourceRow;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@link DisplayDecimals} Kraken publishes, read from the Assets and AssetPairs lists a sync or
 * {@code tally prices fetch} stored: each asset's {@code display_decimals} and each pair's {@code
 * pair_decimals}, by canonical asset and pair. A store without them (a CSV import alone) gets the
 * fallbacks.
 *
 * <p>Example: after a sync, {@code KrakenDisplayDecimals.of(store).amountDecimals(XBT)} is 5 and
 * {@code priceDecimals(XBTUSD, price)} is 1. Stateless.
 */
public final class KrakenDisplayDecimals {

  /** The store's source name of Kraken's AssetPairs rows ({@code KrakenListing.PAIRS}). */
  static final String PAIRS = "kraken.pairs";

  private KrakenDisplayDecimals() {}

  /** What {@code store} knows of Kraken's display and price decimals. */
  public static DisplayDecimals of(PortfolioStore store) {
    Map<Asset, Integer> amounts = new HashMap<>();
    for (SourceRow row : store.rows(Ingest.ASSETS)) {
      String display = row.fields().getOrDefault("display_decimals", "");
      String id = row.fields().getOrDefault("id", "");
      if (!display.isEmpty() && !id.isEmpty() && !id.contains(".")) {
        amounts.put(AssetSymbol.canonical(id), Integer.parseInt(display));
      }
    }
    Map<Pair, Integer> prices = new HashMap<>();
    for (SourceRow row : store.rows(PAIRS)) {
      Map<String, String> f = row.fields();
      String base = f.getOrDefault("base", "");
      String quote = f.getOrDefault("quote", "");
      String decimals = f.getOrDefault("pair_decimals", "");
      if (!base.isEmpty() && !quote.isEmpty() && !decimals.isEmpty()) {
        prices.put(
            new Pair(AssetSymbol.canonical(base), AssetSymbol.canonical(quote)),
            Integer.parseInt(decimals));
      }
    }
    return new DisplayDecimals(amounts, prices);
  }
}
