package io.tally.engine.service;

import static java.util.Objects.requireNonNull;

import io.tally.books.BookConfig;
import io.tally.books.BookState;
import io.tally.books.Books;
import io.tally.engine.PastBooks;
import io.tally.ledger.Trade;
import io.tally.money.Pair;
import io.tally.money.Precision;
import io.tally.store.PortfolioStore;
import io.tally.valuation.PortfolioValuation;
import io.tally.valuation.Valuation;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Trading PnL over a period, by pair and by strategy tag: the books now less the books at the
 * period's start, valued with the prices of the same view. The start's books are resumed from the
 * nearest dated books the store saved ({@link PastBooks#before}), so a period costs the events
 * since that state, not the whole log; while another process has imported more than the view holds,
 * they are folded from the view's events instead.
 *
 * <p>Example: {@code pnlPeriods.summary(view, PnlPeriod.DAY, true)} is the last 24 hours' realized
 * and unrealized pair PnL. Stateless beyond what it reads; thread-safe.
 */
final class PnlPeriods {

  private final PortfolioStore store;
  private final StoredEvents events;
  private final BookConfig bookConfig;
  private final Duration maxPriceAge;

  PnlPeriods(
      PortfolioStore store, StoredEvents events, BookConfig bookConfig, Duration maxPriceAge) {
    this.store = requireNonNull(store, "store");
    this.events = requireNonNull(events, "events");
    this.bookConfig = requireNonNull(bookConfig, "bookConfig");
    this.maxPriceAge = requireNonNull(maxPriceAge, "maxPriceAge");
  }

  /** Trading PnL of {@code current} over {@code period}, with or without manual trades. */
  PnlSummary summary(PortfolioView current, PnlPeriod period, boolean includeManual) {
    requireNonNull(period, "period");
    Optional<Instant> from = period.start(current.asOf());
    Map<Pair, BigDecimal> realized = realizedByPair(current.books(), includeManual);
    Map<String, BigDecimal> byStrategy = realizedByStrategy(current.books(), includeManual);
    Map<Pair, BigDecimal> unrealized = new TreeMap<>(current.valuation().unrealizedByPair());
    if (from.isPresent()) {
      BookState start = booksBefore(current, from.get());
      PortfolioValuation startValuation =
          Valuation.of(start, current.prices(), from.get(), maxPriceAge);
      subtract(realized, realizedByPair(start, includeManual));
      subtract(byStrategy, realizedByStrategy(start, includeManual));
      subtract(unrealized, startValuation.unrealizedByPair());
    }
    Set<Pair> pairs = new TreeSet<>(realized.keySet());
    pairs.addAll(unrealized.keySet());
    List<PnlSummary.PairPnl> byPair = new ArrayList<>();
    BigDecimal realizedTotal = zero();
    BigDecimal unrealizedTotal = zero();
    for (Pair pair : pairs) {
      BigDecimal r = realized.getOrDefault(pair, zero());
      BigDecimal u = unrealized.getOrDefault(pair, zero());
      byPair.add(new PnlSummary.PairPnl(pair, r, u));
      realizedTotal = realizedTotal.add(r);
      unrealizedTotal = unrealizedTotal.add(u);
    }
    List<PnlSummary.StrategyPnl> strategies = new ArrayList<>();
    new TreeMap<>(byStrategy)
        .forEach((tag, value) -> strategies.add(new PnlSummary.StrategyPnl(tag, value)));
    return new PnlSummary(
        period,
        from,
        current.asOf(),
        includeManual,
        realizedTotal,
        unrealizedTotal,
        byPair,
        strategies);
  }

  /** The books of {@code current}'s events dated before {@code moment}. */
  private BookState booksBefore(PortfolioView current, Instant moment) {
    if (store.lastImportId() == current.importId()) {
      return PastBooks.before(store, bookConfig, current.prices(), current.importId(), moment)
          .state();
    }
    return Books.replay(bookConfig, current.prices(), events.before(moment, current.importId()));
  }

  private static Map<Pair, BigDecimal> realizedByPair(BookState books, boolean includeManual) {
    Map<Pair, BigDecimal> byPair = new TreeMap<>(books.realizedByPair());
    if (!includeManual) {
      subtract(
          byPair, books.realizedByStrategyAndPair().getOrDefault(Trade.MANUAL, new TreeMap<>()));
    }
    return byPair;
  }

  private static Map<String, BigDecimal> realizedByStrategy(BookState books, boolean manual) {
    Map<String, BigDecimal> byStrategy = new TreeMap<>(books.realizedByStrategy());
    if (!manual) {
      byStrategy.remove(Trade.MANUAL);
    }
    return byStrategy;
  }

  private static <K> void subtract(Map<K, BigDecimal> from, Map<K, BigDecimal> values) {
    values.forEach((key, value) -> from.put(key, from.getOrDefault(key, zero()).subtract(value)));
  }

  private static BigDecimal zero() {
    return Precision.money(BigDecimal.ZERO);
  }
}
