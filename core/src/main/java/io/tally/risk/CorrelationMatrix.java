package io.tally.risk;

import static java.util.Objects.requireNonNull;

import io.tally.money.Asset;
import io.tally.money.Precision;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How the daily returns of assets moved together: the Pearson correlation of every two assets'
 * simple daily returns, from each asset's daily closes in the base currency. The risk layer caps
 * the combined exposure of a {@linkplain #groups group} of assets correlated at or above a
 * threshold.
 *
 * <p>Each asset's closes are a map from day to close, so assets need not cover the same days: an
 * asset listed mid-window, or a day without a price, just gives that asset fewer returns. A day's
 * return is {@code r_d = c_d / c_(d−1) − 1}, for each day whose close and the previous calendar
 * day's close are both there. Two assets are correlated over the days both have a return for; with
 * fewer than {@value #MIN_OBSERVATIONS} such days, or when either asset's returns are all equal on
 * them (zero variance), their correlation is unknown: empty, never NaN.
 *
 * <p>The arithmetic is exact up to two roundings: each return is a quotient at {@link
 * Precision#RATIO} (34 significant digits), and {@code r = (nΣxy − ΣxΣy) / √((nΣx² − (Σx)²)(nΣy² −
 * (Σy)²))} has its sums and products exact, its square root and division at {@link
 * Precision#RATIO}, and is then rounded HALF_EVEN to {@value #SCALE} decimals. So the correlation
 * of a and b is the correlation of b and a to the last digit, it lies within [−1, 1], an asset
 * correlates with itself at 1, and multiplying an asset's closes by a constant changes nothing.
 *
 * <p>Example: XBT and ETH over 11 days whose 10 daily returns, in hundredths, are XBT {@code 1, −1,
 * 2, −2, 1, −1, 2, −2, 1, −1} and ETH {@code 2, 0, 1, −3, 1, −1, 3, −2, 0, −1}. Both sum to 0, Σxy
 * = 23, Σx² = 22 and Σy² = 30 (in ten-thousandths), so {@code correlation(XBT, ETH)} is 23 / √(22 ×
 * 30) = 0.895274; at threshold 0.7, {@code groups} is {@code [[ETH, XBT]]} and {@code
 * correlatedWith(XBT)} is {@code [ETH, XBT]}.
 *
 * <p>The closes are in the base currency, so the base itself (worth 1 every day) is never in the
 * matrix. Immutable.
 */
public final class CorrelationMatrix {

  /**
   * The fewest common daily returns a correlation is computed from. Below it a correlation is
   * mostly noise: with no true relation, the sample correlation of n returns scatters about ±1 /
   * √(n − 1), ±0.33 at 10, so a group at 0.7 would form by chance.
   */
  public static final int MIN_OBSERVATIONS = 10;

  /** The decimals a correlation is rounded to, HALF_EVEN. */
  public static final int SCALE = 6;

  private final Asset base;
  private final SortedSet<Asset> assets;

  /** The known correlations, both ways round; an absent entry is an unknown correlation. */
  private final Map<Asset, Map<Asset, BigDecimal>> known;

  private CorrelationMatrix(
      Asset base, SortedSet<Asset> assets, Map<Asset, Map<Asset, BigDecimal>> known) {
    this.base = base;
    this.assets = assets;
    this.known = known;
  }

  /**
   * The correlations of the daily returns of {@code dailyCloses}' assets.
   *
   * @param base the currency the closes are in
   * @param dailyCloses each asset's close at the end of each day, in {@code base}; days may be
   *     missing
   * @throws IllegalArgumentException if {@code base} is one of the assets, or a close is not
   *     positive
   */
  public static CorrelationMatrix of(
      Asset base, Map<Asset, ? extends SortedMap<LocalDate, BigDecimal>> dailyCloses) {
    requireNonNull(base, "base");
    requireNonNull(dailyCloses, "dailyCloses");
    if (dailyCloses.containsKey(base)) {
      throw new IllegalArgumentException(
          "The closes are in " + base + ", so " + base + " cannot be one of their assets");
    }
    SortedMap<Asset, SortedMap<LocalDate, BigDecimal>> returns = new TreeMap<>();
    dailyCloses.forEach((asset, closes) -> returns.put(asset, returns(asset, closes)));
    Map<Asset, Map<Asset, BigDecimal>> known = new HashMap<>();
    List<Asset> ordered = new ArrayList<>(returns.keySet());
    for (int i = 0; i < ordered.size(); i++) {
      for (int j = i; j < ordered.size(); j++) {
        Asset a = ordered.get(i);
        Asset b = ordered.get(j);
        Optional<BigDecimal> r = pearson(returns.get(a), returns.get(b));
        if (r.isPresent()) {
          known.computeIfAbsent(a, x -> new HashMap<>()).put(b, r.get());
          known.computeIfAbsent(b, x -> new HashMap<>()).put(a, r.get());
        }
      }
    }
    return new CorrelationMatrix(
        base, Collections.unmodifiableSortedSet(new TreeSet<>(returns.keySet())), known);
  }

  /** The currency the closes were in; never one of {@link #assets()}. */
  public Asset base() {
    return base;
  }

  /** Every asset the matrix was built from, sorted, whether or not any correlation is known. */
  public SortedSet<Asset> assets() {
    return assets;
  }

  /**
   * The correlation of {@code a}'s and {@code b}'s daily returns, at {@value #SCALE} decimals:
   * empty when they share fewer than {@value #MIN_OBSERVATIONS} returns, when one of them does not
   * vary over those days, or when one is not in the matrix. {@code correlation(a, a)} is 1 when
   * {@code a} has enough returns that vary.
   */
  public Optional<BigDecimal> correlation(Asset a, Asset b) {
    requireNonNull(a, "a");
    requireNonNull(b, "b");
    return Optional.ofNullable(known.getOrDefault(a, Map.of()).get(b));
  }

  /**
   * {@code asset} and every other asset whose correlation with it is known and at least {@code
   * threshold}, sorted: just {@code asset} when none is (or it is not in the matrix).
   *
   * @throws IllegalArgumentException if {@code threshold} is outside [−1, 1]
   */
  public Set<Asset> correlatedWith(Asset asset, BigDecimal threshold) {
    requireNonNull(asset, "asset");
    requireThreshold(threshold);
    SortedSet<Asset> correlated = new TreeSet<>();
    correlated.add(asset);
    known
        .getOrDefault(asset, Map.of())
        .forEach(
            (other, r) -> {
              if (r.compareTo(threshold) >= 0) {
                correlated.add(other);
              }
            });
    return Collections.unmodifiableSortedSet(correlated);
  }

  /**
   * The groups of assets linked by correlations of at least {@code threshold}: the connected
   * components, of two assets or more, of the graph whose edges are those correlations. So a group
   * may hold two assets that are not correlated with each other at the threshold when a third links
   * them (XBT ~ ETH and ETH ~ SOL put XBT, ETH and SOL in one group), as a cap on correlated
   * exposure should count them. Each group is sorted; the groups are in the order of their first
   * asset, and no asset is in two.
   *
   * @throws IllegalArgumentException if {@code threshold} is outside [−1, 1]
   */
  public List<Set<Asset>> groups(BigDecimal threshold) {
    requireThreshold(threshold);
    List<Set<Asset>> groups = new ArrayList<>();
    SortedSet<Asset> placed = new TreeSet<>();
    for (Asset start : assets) {
      if (placed.contains(start)) {
        continue;
      }
      SortedSet<Asset> group = new TreeSet<>();
      List<Asset> next = new ArrayList<>(List.of(start));
      while (!next.isEmpty()) {
        Asset asset = next.remove(next.size() - 1);
        if (group.add(asset)) {
          for (Asset linked : correlatedWith(asset, threshold)) {
            if (!group.contains(linked)) {
              next.add(linked);
            }
          }
        }
      }
      placed.addAll(group);
      if (group.size() >= 2) {
        groups.add(Collections.unmodifiableSortedSet(group));
      }
    }
    return List.copyOf(groups);
  }

  /**
   * Every known correlation of two different assets, such as {@code CorrelationMatrix[base=USD,
   * ETH/XBT=0.895274]}: for logs.
   */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("CorrelationMatrix[base=").append(base);
    for (Asset a : assets) {
      for (Asset b : assets.tailSet(a)) {
        if (!a.equals(b)) {
          correlation(a, b)
              .ifPresent(
                  r ->
                      text.append(", ")
                          .append(a)
                          .append('/')
                          .append(b)
                          .append('=')
                          .append(r.toPlainString()));
        }
      }
    }
    return text.append(']').toString();
  }

  private static void requireThreshold(BigDecimal threshold) {
    requireNonNull(threshold, "threshold");
    if (threshold.compareTo(BigDecimal.ONE.negate()) < 0
        || threshold.compareTo(BigDecimal.ONE) > 0) {
      throw new IllegalArgumentException(
          "A correlation threshold lies within [-1, 1]: " + threshold.toPlainString());
    }
  }

  /** The simple return of each day whose close and the previous day's close are both given. */
  private static SortedMap<LocalDate, BigDecimal> returns(
      Asset asset, SortedMap<LocalDate, BigDecimal> closes) {
    requireNonNull(asset, "asset");
    requireNonNull(closes, "closes of " + asset);
    SortedMap<LocalDate, BigDecimal> returns = new TreeMap<>();
    Optional<Map.Entry<LocalDate, BigDecimal>> previous = Optional.empty();
    for (Map.Entry<LocalDate, BigDecimal> close : closes.entrySet()) {
      requireNonNull(close.getValue(), "close of " + asset + " on " + close.getKey());
      if (close.getValue().signum() <= 0) {
        throw new IllegalArgumentException(
            "A close must be positive: "
                + asset
                + " on "
                + close.getKey()
                + " closed at "
                + close.getValue().toPlainString());
      }
      if (previous.isPresent() && previous.get().getKey().plusDays(1).equals(close.getKey())) {
        returns.put(
            close.getKey(),
            Precision.ratio(close.getValue(), previous.get().getValue()).subtract(BigDecimal.ONE));
      }
      previous = Optional.of(close);
    }
    return returns;
  }

  /** The Pearson correlation over the days both series have, when it is defined. */
  private static Optional<BigDecimal> pearson(
      SortedMap<LocalDate, BigDecimal> xs, SortedMap<LocalDate, BigDecimal> ys) {
    BigDecimal sx = BigDecimal.ZERO;
    BigDecimal sy = BigDecimal.ZERO;
    BigDecimal sxx = BigDecimal.ZERO;
    BigDecimal syy = BigDecimal.ZERO;
    BigDecimal sxy = BigDecimal.ZERO;
    int n = 0;
    for (Map.Entry<LocalDate, BigDecimal> entry : xs.entrySet()) {
      BigDecimal y = ys.get(entry.getKey());
      if (y == null) {
        continue;
      }
      BigDecimal x = entry.getValue();
      sx = sx.add(x);
      sy = sy.add(y);
      sxx = sxx.add(x.multiply(x));
      syy = syy.add(y.multiply(y));
      sxy = sxy.add(x.multiply(y));
      n++;
    }
    if (n < MIN_OBSERVATIONS) {
      return Optional.empty();
    }
    BigDecimal count = BigDecimal.valueOf(n);
    // n times each sum of squared deviations from the mean, exactly: zero only when all are equal
    BigDecimal varianceX = count.multiply(sxx).subtract(sx.multiply(sx));
    BigDecimal varianceY = count.multiply(syy).subtract(sy.multiply(sy));
    if (varianceX.signum() == 0 || varianceY.signum() == 0) {
      return Optional.empty();
    }
    BigDecimal covariance = count.multiply(sxy).subtract(sx.multiply(sy));
    BigDecimal spread = varianceX.multiply(varianceY).sqrt(Precision.RATIO);
    return Optional.of(
        covariance.divide(spread, Precision.RATIO).setScale(SCALE, RoundingMode.HALF_EVEN));
  }
}
