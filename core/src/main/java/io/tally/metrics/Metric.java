package io.tally.metrics;

import static java.util.Objects.requireNonNull;

import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A figure that is either known or absent with the reason it is absent (ACCOUNTING.md §9: "null
 * with a reason"), so that a ratio from seven days or a profit factor without losses is never shown
 * as a number. Every performance figure that can be undefined is a {@code Metric}.
 *
 * <p>Example: {@code Metric.of(1.42)} prints {@code 1.42}; {@code Metric.absent("fewer than 30
 * daily observations (12)")} prints {@code absent: fewer than 30 daily observations (12)}.
 * Immutable.
 *
 * @param <T> the kind of figure: {@code Double} for statistics, {@code BigDecimal} for money
 */
public final class Metric<T> {

  private final T value;
  private final String reason;

  private Metric(T value, String reason) {
    this.value = value;
    this.reason = reason;
  }

  /** A known figure. */
  public static <T> Metric<T> of(T value) {
    requireNonNull(value, "value");
    if (value instanceof Double && !Double.isFinite((Double) value)) {
      throw new IllegalArgumentException("A metric must be finite, got " + value);
    }
    return new Metric<>(value, null);
  }

  /** An absent figure and why it is absent. */
  public static <T> Metric<T> absent(String reason) {
    if (requireNonNull(reason, "reason").isBlank()) {
      throw new IllegalArgumentException("An absent metric needs a reason");
    }
    return new Metric<>(null, reason);
  }

  /** The figure, empty when it is absent. */
  public Optional<T> value() {
    return Optional.ofNullable(value);
  }

  /** Why the figure is absent, empty when it is known. */
  public Optional<String> reason() {
    return Optional.ofNullable(reason);
  }

  /** Whether the figure is known. */
  public boolean isPresent() {
    return value != null;
  }

  /**
   * The figure.
   *
   * @throws NoSuchElementException naming the reason when it is absent
   */
  public T orElseThrow() {
    if (value == null) {
      throw new NoSuchElementException("Absent: " + reason);
    }
    return value;
  }

  /** This figure transformed, or the same reason when it is absent. */
  public <R> Metric<R> map(Function<? super T, ? extends R> mapper) {
    return value == null ? absent(reason) : of(mapper.apply(value));
  }

  /** This figure transformed into another metric, or the same reason when it is absent. */
  public <R> Metric<R> flatMap(Function<? super T, Metric<R>> mapper) {
    return value == null ? absent(reason) : requireNonNull(mapper.apply(value), "mapped");
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Metric
        && Objects.equals(value, ((Metric<?>) other).value)
        && Objects.equals(reason, ((Metric<?>) other).reason);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value, reason);
  }

  /** The figure as text ({@code 0.1}), or {@code absent: } and the reason. */
  @Override
  public String toString() {
    return value != null ? String.valueOf(value) : "absent: " + reason;
  }
}
