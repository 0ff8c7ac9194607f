package io.tally.kraken;

import static java.util.Objects.requireNonNull;

import io.tally.money.Asset;
import io.tally.money.AssetSymbol;
import io.tally.money.Location;
import java.util.HashMap;
import java.util.Map;

/**
 * How Kraken asset names become canonical assets: the built-in alias table of {@link AssetSymbol},
 * overridden where Kraken's own {@code Assets} list says otherwise (an id whose {@code altname}
 * resolves to another asset than the id does). Suffixes stay locations either way.
 *
 * <p>Example: {@code AssetNames.fromExchange(Map.of("XNEWX", "NEW")).canonical("XNEWX.S")} is
 * {@code NEW}. Immutable.
 */
public record AssetNames(Map<String, Asset> overrides) {

  /** The built-in table only. */
  public static final AssetNames BUILT_IN = new AssetNames(Map.of());

  public AssetNames {
    overrides = Map.copyOf(requireNonNull(overrides, "overrides"));
  }

  /**
   * Names from Kraken's Assets list ({@code id → altname}): only the ids the built-in table
   * resolves differently from their altname become overrides.
   */
  public static AssetNames fromExchange(Map<String, String> altnameById) {
    Map<String, Asset> overrides = new HashMap<>();
    altnameById.forEach(
        (id, altname) -> {
          AssetSymbol byId = AssetSymbol.parse(id);
          if (byId.location() != Location.SPOT) {
            return; // suffix variants are locations of their base asset, named by it
          }
          Asset exchange = AssetSymbol.canonical(altname);
          if (!byId.asset().equals(exchange)) {
            overrides.put(id, exchange);
          }
        });
    return new AssetNames(overrides);
  }

  /**
   * The name with its asset replaced by the exchange's where an override applies, keeping the
   * location suffix ({@code XNEWX.S} → {@code NEW.S}); unchanged otherwise.
   */
  public String rename(String krakenName) {
    if (overrides.isEmpty()) {
      return krakenName;
    }
    AssetSymbol symbol = AssetSymbol.parse(krakenName);
    Asset canonical = canonical(krakenName);
    return canonical.equals(symbol.asset())
        ? krakenName
        : canonical.code() + symbol.location().suffix();
  }

  /** The canonical asset of a Kraken name, with any location suffix removed. */
  public Asset canonical(String krakenName) {
    AssetSymbol symbol = AssetSymbol.parse(krakenName);
    if (overrides.isEmpty()) {
      return symbol.asset();
    }
    String base = krakenName.strip();
    String suffix = symbol.location().suffix();
    if (!suffix.isEmpty() && base.endsWith(suffix)) {
      base = base.substring(0, base.length() - suffix.length());
    }
    return overrides.getOrDefault(base, symbol.asset());
  }
}
