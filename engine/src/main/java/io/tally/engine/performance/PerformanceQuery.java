package io.tally.engine.performance;

import static java.util.Objects.requireNonNull;

import io.tally.books.BookConfig;
import io.tally.engine.config.PerformanceConfig;
import io.tally.money.Asset;
import io.tally.series.DailyHistory;
import io.tally.store.PortfolioStore;
import io.tally.valuation.MarketPrices;
import io.tally.valuation.PriceSource;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * What {@code tally performance} and {@code GET /api/v1/portfolio/performance} ask: a range of days
 * (from the history's first day, to today in the reporting time zone, unless given) and the asset
 * to compare with (the configured benchmark unless given). The one place that turns the question
 * into a {@link Performance} of a store.
 *
 * <p>Example: {@code new PerformanceQuery(Optional.of(LocalDate.parse("2025-01-01")),
 * Optional.empty(), Optional.empty()).answer(store, books, prices, config, now)}. Immutable.
 *
 * @param from the first day, if not the history's first
 * @param to the last day, if not today
 * @param benchmark the asset to compare with, if not the configured one
 * @param calendar whether the range is a calendar month or year that the history may only partly
 *     cover: its days before the history's first day and after today are left out instead of
 *     refused
 */
public record PerformanceQuery(
    Optional<LocalDate> from, Optional<LocalDate> to, Optional<Asset> benchmark, boolean calendar) {

  /** A range that must lie within the history and up to today. */
  public PerformanceQuery(
      Optional<LocalDate> from, Optional<LocalDate> to, Optional<Asset> benchmark) {
    this(from, to, benchmark, false);
  }

  public PerformanceQuery {
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    requireNonNull(benchmark, "benchmark");
    if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
      throw new OutOfRange("from", "must not be after to (" + to.get() + ")");
    }
  }

  /**
   * The days {@code from} to {@code to} of a calendar month or year, as far as the history and
   * today reach: a monthly or annual report.
   */
  public static PerformanceQuery calendar(LocalDate from, LocalDate to) {
    return new PerformanceQuery(Optional.of(from), Optional.of(to), Optional.empty(), true);
  }

  /** The whole history to today, compared with the configured benchmark. */
  public static PerformanceQuery whole() {
    return new PerformanceQuery(Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * The performance of {@code store}'s books kept by {@code books}, valued with {@code prices}
   * (which must answer every moment of the history), as of {@code now}: the log folded for this
   * question ({@link StoredHistory}).
   *
   * @throws IllegalArgumentException as {@link #answer(DailyHistory, BookConfig, PriceSource,
   *     PerformanceConfig, Instant)}
   */
  public Performance answer(
      PortfolioStore store,
      BookConfig books,
      PriceSource prices,
      PerformanceConfig config,
      Instant now) {
    return answer(
        StoredHistory.load(store, books, prices, config.history(), now),
        books,
        prices,
        config,
        now);
  }

  /**
   * The performance in {@code history}, the daily history up to {@code now} of books kept by {@code
   * books} and valued with {@code prices}: a range that ends before today reads the days up to its
   * last, which a history up to now has as they were (each valued at its own end).
   *
   * @throws IllegalArgumentException when {@code to} is after today, the history has no events up
   *     to it, or {@code from} is before the history's first day
   */
  public Performance answer(
      DailyHistory history,
      BookConfig books,
      PriceSource prices,
      PerformanceConfig config,
      Instant now) {
    LocalDate today = LocalDate.ofInstant(now, config.zone());
    LocalDate last = to.orElse(today);
    if (calendar && last.isAfter(today)) {
      last = today;
    }
    if (last.isAfter(today)) {
      throw new OutOfRange("to", last + " is after today (" + today + ")");
    }
    if (history.days().isEmpty() || history.days().get(0).date().isAfter(last)) {
      throw new OutOfRange("to", "no events up to " + last + ": nothing to measure");
    }
    LocalDate first = history.days().get(0).date();
    Optional<LocalDate> from = this.from;
    if (calendar && from.isPresent() && from.get().isBefore(first)) {
      from = Optional.of(first);
    }
    if (from.isPresent() && from.get().isAfter(last)) {
      throw new OutOfRange("from", from.get() + " is after the last day " + last);
    }
    if (from.isPresent() && from.get().isBefore(first)) {
      throw new OutOfRange("from", from.get() + " is before the history's first day " + first);
    }
    return Performance.of(
        history,
        from.orElse(first),
        last,
        config,
        benchmark.orElse(config.benchmark()),
        new MarketPrices(books.base(), books.kfeeUsd(), prices));
  }

  /**
   * A range the history cannot answer, naming the bound at fault ({@code from} or {@code to}).
   *
   * <p>Example: {@code OutOfRange[to: 2031-01-01 is after today (2026-12-03)]}.
   */
  public static final class OutOfRange extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String bound;

    OutOfRange(String bound, String reason) {
      super(bound + " " + reason);
      this.bound = bound;
    }

    /** {@code from} or {@code to}. */
    public String bound() {
      return bound;
    }

    /** What is wrong with the bound, without its name. */
    public String reason() {
      return getMessage().substring(bound.length() + 1);
    }
  }
}
