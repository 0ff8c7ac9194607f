package io.tally.reconcile;

import static java.util.Objects.requireNonNull;

import io.tally.books.BookState;
import io.tally.books.Holding;
import io.tally.money.Asset;
import io.tally.money.Precision;
import io.tally.valuation.MarketPrices;
import io.tally.valuation.PriceSource;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The live check of ACCOUNTING.md §7: the books' holdings against the exchange's {@code Balance},
 * per normalized asset, each difference valued at the current price. Drift is flagged when any
 * asset's valued difference, or their sum (the difference in total equity), exceeds the tolerance
 * in absolute value — or when an asset differs and has no price, since then nothing says the
 * difference is small.
 *
 * <p>Example: {@code LiveCheck.of(books, Map.of(XBT, new BigDecimal("1.6")), prices, now, new
 * BigDecimal("1.00")).driftFlag()}. Immutable.
 *
 * @param assets every asset held by either side, in asset order (matching ones included)
 * @param totalDifferenceBase the sum of the valued differences: exchange equity minus book equity
 *     over the assets that could be valued
 */
public record LiveCheck(
    Instant at, BigDecimal tolerance, List<AssetDrift> assets, BigDecimal totalDifferenceBase) {

  public LiveCheck {
    requireNonNull(at, "at");
    requireNonNull(tolerance, "tolerance");
    if (tolerance.signum() < 0) {
      throw new IllegalArgumentException("The tolerance must not be negative: " + tolerance);
    }
    assets = List.copyOf(assets);
    requireNonNull(totalDifferenceBase, "totalDifferenceBase");
  }

  /**
   * Compares {@code books} with {@code exchange} (quantities by canonical asset) at {@code at},
   * valuing differences with {@code current} prices.
   */
  public static LiveCheck of(
      BookState books,
      Map<Asset, BigDecimal> exchange,
      PriceSource current,
      Instant at,
      BigDecimal tolerance) {
    requireNonNull(books, "books");
    requireNonNull(exchange, "exchange");
    requireNonNull(current, "current");
    MarketPrices prices =
        new MarketPrices(books.config().base(), books.config().kfeeUsd(), current);
    Map<Asset, BigDecimal> internal = new TreeMap<>();
    for (Holding holding : books.holdings().values()) {
      internal.put(holding.asset(), holding.quantity());
    }
    SortedSet<Asset> all = new TreeSet<>(internal.keySet());
    all.addAll(exchange.keySet());
    List<AssetDrift> assets = new ArrayList<>();
    BigDecimal total = Precision.money(BigDecimal.ZERO);
    for (Asset asset : all) {
      BigDecimal ours = internal.getOrDefault(asset, BigDecimal.ZERO);
      BigDecimal theirs = exchange.getOrDefault(asset, BigDecimal.ZERO);
      if (ours.signum() == 0 && theirs.signum() == 0) {
        continue;
      }
      BigDecimal difference = Precision.canonical(theirs.subtract(ours));
      Optional<BigDecimal> valued =
          difference.signum() == 0
              ? Optional.of(Precision.money(BigDecimal.ZERO))
              : prices.value(asset, difference, at);
      total = total.add(valued.orElse(BigDecimal.ZERO));
      assets.add(
          new AssetDrift(
              asset, Precision.canonical(ours), Precision.canonical(theirs), difference, valued));
    }
    return new LiveCheck(at, Precision.money(tolerance), assets, Precision.money(total));
  }

  /**
   * Whether the books have drifted from the exchange: an asset's valued difference or the total
   * beyond the tolerance, or a difference that could not be valued.
   */
  public boolean driftFlag() {
    if (totalDifferenceBase.abs().compareTo(tolerance) > 0) {
      return true;
    }
    for (AssetDrift asset : assets) {
      if (asset.unvalued() || asset.differenceBase().orElseThrow().abs().compareTo(tolerance) > 0) {
        return true;
      }
    }
    return false;
  }

  /** The assets whose quantities differ, in asset order. */
  public List<AssetDrift> differences() {
    return assets.stream().filter(asset -> !asset.matches()).toList();
  }
}
