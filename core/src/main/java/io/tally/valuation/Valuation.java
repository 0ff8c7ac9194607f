package io.tally.valuation;

import static java.util.Objects.requireNonNull;

import io.tally.books.BookState;
import io.tally.books.DataIssue;
import io.tally.books.Holding;
import io.tally.books.IssueKind;
import io.tally.books.PairPosition;
import io.tally.margin.MarginAccount;
import io.tally.margin.MarginPosition;
import io.tally.money.Precision;
import io.tally.money.Price;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Values books at a moment (ACCOUNTING.md §5): each holding at the last price at or before that
 * moment, through {@link MarketPrices} (base currency 1, KFEE fixed). A holding with no price is
 * unvalued (0, flagged, listed); a price older than {@code maxPriceAge} marks the valuation stale.
 *
 * <p>Example: {@code Valuation.of(state, PriceTable.of(points), Instant.now(),
 * Duration.ofHours(24))}. Stateless.
 */
public final class Valuation {

  private static final BigDecimal ZERO = Precision.money(BigDecimal.ZERO);

  private Valuation() {}

  /** The books valued at {@code asOf}. */
  public static PortfolioValuation of(
      BookState books, PriceSource current, Instant asOf, Duration maxPriceAge) {
    requireNonNull(books, "books");
    requireNonNull(asOf, "asOf");
    requireNonNull(maxPriceAge, "maxPriceAge");
    MarketPrices prices =
        new MarketPrices(books.config().base(), books.config().kfeeUsd(), current);
    Instant oldestFresh = asOf.minus(maxPriceAge);
    List<DataIssue> issues = new ArrayList<>(books.issues());

    record Priced(Holding holding, Optional<Price> price, BigDecimal value, boolean stale) {}
    List<Priced> priced = new ArrayList<>();
    BigDecimal equity = ZERO;
    BigDecimal cash = ZERO;
    BigDecimal otherFiat = ZERO;
    boolean anyStale = false;
    for (Holding holding : books.holdings().values()) {
      boolean held = holding.quantity().signum() != 0;
      Optional<Price> price = prices.price(holding.asset(), asOf);
      BigDecimal value =
          price.map(p -> Precision.valueOf(holding.quantity(), p.value())).orElse(ZERO);
      boolean stale = held && price.isPresent() && price.get().at().isBefore(oldestFresh);
      if (held && price.isEmpty()) {
        issues.add(
            new DataIssue(
                IssueKind.UNVALUED,
                "",
                holding.asset().code(),
                "no price for "
                    + holding.asset()
                    + " at "
                    + asOf
                    + "; "
                    + holding.quantity().toPlainString()
                    + " counted at 0"));
      }
      if (stale) {
        issues.add(
            new DataIssue(
                IssueKind.STALE_PRICE,
                "",
                holding.asset().code(),
                "latest "
                    + holding.asset()
                    + " price is from "
                    + price.get().at()
                    + ", older than "
                    + maxPriceAge));
      }
      anyStale |= stale;
      equity = equity.add(value);
      if (holding.asset().equals(books.config().base())) {
        cash = cash.add(value);
      } else if (holding.asset().isFiat()) {
        otherFiat = otherFiat.add(value);
      }
      priced.add(new Priced(holding, price, value, stale));
    }

    List<AssetValuation> holdings = new ArrayList<>(priced.size());
    BigDecimal unrealized = ZERO;
    for (Priced item : priced) {
      boolean unvalued = item.price().isEmpty() && item.holding().quantity().signum() != 0;
      BigDecimal holdingUnrealized =
          item.price().isPresent() ? item.value().subtract(item.holding().cost()) : ZERO;
      unrealized = unrealized.add(holdingUnrealized);
      holdings.add(
          new AssetValuation(
              item.holding(),
              item.price(),
              item.value(),
              holdingUnrealized,
              unvalued,
              item.stale(),
              Precision.percent(item.value(), equity)));
    }

    List<PositionValuation> positions = new ArrayList<>();
    SortedMap<io.tally.money.Pair, BigDecimal> unrealizedByPair = new TreeMap<>();
    for (PairPosition position : books.positions()) {
      Optional<Price> price = prices.price(position.pair().base(), asOf);
      BigDecimal value =
          price.map(p -> Precision.valueOf(position.baseSize(), p.value())).orElse(ZERO);
      BigDecimal positionUnrealized =
          price.isPresent() ? value.subtract(position.costBase()) : ZERO;
      boolean unvalued = price.isEmpty() && position.baseSize().signum() != 0;
      positions.add(new PositionValuation(position, value, positionUnrealized, unvalued));
      unrealizedByPair.put(position.pair(), positionUnrealized);
    }
    List<MarginPositionValuation> margin = new ArrayList<>();
    for (MarginAccount account : books.marginAccounts()) {
      for (MarginPosition position : account.openPositions()) {
        MarginPositionValuation valued = margin(position, prices, asOf, issues);
        margin.add(valued);
        equity = equity.add(valued.unrealized());
        unrealized = unrealized.add(valued.unrealized());
      }
    }
    return new PortfolioValuation(
        books,
        asOf,
        equity,
        cash,
        otherFiat,
        unrealized,
        anyStale,
        holdings,
        positions,
        unrealizedByPair,
        margin,
        issues);
  }

  /**
   * An open margin position at the base-currency prices of its two assets: {@code size ×
   * price(base) − sign × entry value × price(quote)}; unvalued, with an issue, when a price is
   * missing.
   */
  private static MarginPositionValuation margin(
      MarginPosition position, MarketPrices prices, Instant asOf, List<DataIssue> issues) {
    Optional<Price> base = prices.price(position.pair().base(), asOf);
    Optional<Price> quote = prices.price(position.pair().quote(), asOf);
    if (base.isEmpty() || quote.isEmpty() || quote.get().value().signum() <= 0) {
      issues.add(
          new DataIssue(
              IssueKind.UNVALUED,
              "",
              position.pair().base().code(),
              "no price for margin position "
                  + position.pair()
                  + " at "
                  + asOf
                  + "; its unrealized PnL counted at 0"));
      return new MarginPositionValuation(position, Optional.empty(), Optional.empty(), ZERO, true);
    }
    BigDecimal entry =
        position.size().signum() > 0 ? position.entryValue() : position.entryValue().negate();
    BigDecimal unrealized =
        Precision.valueOf(position.size(), base.get().value())
            .subtract(Precision.valueOf(entry, quote.get().value()));
    return new MarginPositionValuation(
        position,
        Optional.of(Precision.price(base.get().value(), quote.get().value())),
        Optional.of(quote.get().value()),
        unrealized,
        false);
  }
}
