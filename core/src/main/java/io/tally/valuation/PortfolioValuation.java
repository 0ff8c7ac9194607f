package io.tally.valuation;

import static java.util.Objects.requireNonNull;

import io.tally.books.BookState;
import io.tally.books.DataIssue;
import io.tally.money.Pair;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The books valued at a moment: equity ({@code Σ holdings × price}), cash (the base currency's
 * balance: buying power in the base currency), other fiat (every other government currency held,
 * valued in the base currency, kept apart so euros never count as dollars to spend), unrealized
 * PnL, the valued holdings and pair positions, and every data issue from the books and from valuing
 * them. {@code stale} is true when any figure used a price older than the allowed age.
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
    issues = List.copyOf(issues);
  }

  /** Realized PnL of every kind, from the books. */
  public BigDecimal realized() {
    return books.realizedTotal();
  }
}
