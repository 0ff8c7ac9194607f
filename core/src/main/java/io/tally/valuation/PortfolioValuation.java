package io.tally.valuation;

import static java.util.Objects.requireNonNull;

import io.tally.books.BookState;
import io.tally.books.DataIssue;
import io.tally.money.Asset;
import io.tally.money.Pair;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The books valued at a moment: equity ({@code Σ holdings × price}), cash (the base currency's
 * balance: buying power in the base currency), other fiat (every other government currency held,
 * valued in the base currency, kept apart so euros never count as dollars to spend), unrealized
 * PnL, the valued holdings and pair positions, the open Kraken margin positions (whose unrealized
 * PnL is part of equity and of unrealized PnL), and every data issue from the books and from
 * valuing them. {@code stale} is true when any figure used a price older than the allowed age.
 *
 * <p>Example: {@code Valuation.of(books, prices, now, Duration.ofHours(24)).equity()}. Immutable.
 */
public record PortfolioValuation(
    BookState books,
    Instant asOf,
    BigDecimal equity,
    BigDecimal cash,
    BigDecimal otherFiat,
    BigDecimal unrealized,
    boolean stale,
    List<AssetValuation> holdings,
    List<PositionValuation> positions,
    SortedMap<Pair, BigDecimal> unrealizedByPair,
    List<MarginPositionValuation> marginPositions,
    List<DataIssue> issues) {

  public PortfolioValuation {
    requireNonNull(books, "books");
    requireNonNull(asOf, "asOf");
    requireNonNull(cash, "cash");
    requireNonNull(otherFiat, "otherFiat");
    requireNonNull(equity, "equity");
    requireNonNull(cash, "cash");
    requireNonNull(unrealized, "unrealized");
    holdings = List.copyOf(holdings);
    positions = List.copyOf(positions);
    unrealizedByPair = Collections.unmodifiableSortedMap(new TreeMap<>(unrealizedByPair));
    marginPositions = List.copyOf(marginPositions);
    issues = List.copyOf(issues);
  }

  /** Realized PnL of every kind, from the books. */
  public BigDecimal realized() {
    return books.realizedTotal();
  }

  /**
   * The same valuation listing only the holdings of assets {@code reported} accepts and the
   * positions whose base asset it accepts (the config's {@code include_assets}/{@code
   * exclude_assets}); equity and every total stay whole. Example: {@code valuation.listing(asset ->
   * !asset.equals(Asset.of("KFEE")))} lists no KFEE holding.
   */
  public PortfolioValuation listing(Predicate<Asset> reported) {
    return listing(
        holdings.stream().filter(h -> reported.test(h.holding().asset())).toList(),
        positions.stream().filter(p -> reported.test(p.position().pair().base())).toList(),
        issues);
  }

  /** The same valuation with {@code more} issues before its own. */
  public PortfolioValuation withIssuesBefore(List<DataIssue> more) {
    List<DataIssue> all = new ArrayList<>(more);
    all.addAll(issues);
    return listing(holdings, positions, all);
  }

  /** The same figures listing other holdings, positions and issues. */
  private PortfolioValuation listing(
      List<AssetValuation> listedHoldings,
      List<PositionValuation> listedPositions,
      List<DataIssue> listedIssues) {
    return new PortfolioValuation(
        books,
        asOf,
        equity,
        cash,
        otherFiat,
        unrealized,
        stale,
        listedHoldings,
        listedPositions,
        unrealizedByPair,
        marginPositions,
        listedIssues);
  }
}
