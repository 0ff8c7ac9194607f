package io.tally.money;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;

/**
 * An exact, signed quantity of one asset, such as {@code XBT 0.0015}. The value is kept in its
 * shortest form so numerically equal amounts are equal; more than {@value
 * Precision#MAX_QUANTITY_SCALE} decimals are rejected, never rounded.
 *
 * <p>Example: {@code Amount.of("XBT", "0.00150000")} prints as {@code XBT 0.0015}. Immutable.
 */
public record Amount(Asset asset, BigDecimal value) {

  public Amount {
    requireNonNull(asset, "asset");
    try {
      value = Precision.quantity(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + " (asset " + asset + ")", e);
    }
  }

  /** An amount from an asset code and a decimal string. */
  public static Amount of(String asset, String value) {
    return new Amount(Asset.of(asset), new BigDecimal(value));
  }

  /** Zero of an asset. */
  public static Amount zero(Asset asset) {
    return new Amount(asset, BigDecimal.ZERO);
  }

  /** This amount plus another of the same asset. */
  public Amount plus(Amount other) {
    return new Amount(asset, value.add(sameAsset(other).value));
  }

  /** This amount minus another of the same asset. */
  public Amount minus(Amount other) {
    return new Amount(asset, value.subtract(sameAsset(other).value));
  }

  /** The amount with its sign flipped. */
  public Amount negated() {
    return new Amount(asset, value.negate());
  }

  /** The amount without its sign. */
  public Amount abs() {
    return value.signum() < 0 ? negated() : this;
  }

  /** Whether the value is zero. */
  public boolean isZero() {
    return value.signum() == 0;
  }

  /** -1, 0 or 1 as the value is negative, zero or positive. */
  public int signum() {
    return value.signum();
  }

  private Amount sameAsset(Amount other) {
    if (!asset.equals(other.asset)) {
      throw new IllegalArgumentException("Cannot combine " + this + " with " + other);
    }
    return other;
  }

  /** Canonical and parseable: the asset code, a space, the plain value. */
  @Override
  public String toString() {
    return asset.code() + " " + value.toPlainString();
  }

  /** Parses {@link #toString()}'s form, such as {@code "XBT 0.0015"}. */
  public static Amount parse(String text) {
    int space = text.indexOf(' ');
    if (space <= 0) {
      throw new IllegalArgumentException("Not an amount: '" + text + "'");
    }
    return of(text.substring(0, space), text.substring(space + 1));
  }
}
