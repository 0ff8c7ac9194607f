package io.tally.server;

import io.javalin.http.Context;
import io.tally.margin.TradeStatus;
import io.tally.money.Asset;
import io.tally.money.AssetSymbol;
import io.tally.risk.RiskEventType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The query parameters of the API, each read one way: a bad value is a {@link BadRequestException}
 * naming the parameter and saying what is expected.
 *
 * <p>Example: {@code Parameters.limit(ctx, 100)} reads {@code ?limit=20} as 20, no parameter as
 * 100, and {@code ?limit=0} as a 400.
 */
final class Parameters {

  /** The largest page any list endpoint answers. */
  static final int MAX_LIMIT = 1000;

  private Parameters() {}

  static int limit(Context ctx, int fallback) {
    Optional<String> text = text(ctx, "limit");
    if (text.isEmpty()) {
      return fallback;
    }
    try {
      int limit = Integer.parseInt(text.get());
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new BadRequestException(
        "limit", "must be a whole number from 1 to " + MAX_LIMIT + ", got '" + text.get() + "'");
  }

  /** {@code open} or {@code closed} (any case), when given. */
  static Optional<TradeStatus> tradeStatus(Context ctx, String name) {
    Optional<String> text = text(ctx, name);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    switch (text.get().toLowerCase(java.util.Locale.ROOT)) {
      case "open":
        return Optional.of(TradeStatus.OPEN);
      case "closed":
        return Optional.of(TradeStatus.CLOSED);
      default:
        throw new BadRequestException(name, "must be open or closed, got '" + text.get() + "'");
    }
  }

  /** A risk event type such as {@code MARGIN_CALL} (any case), when given. */
  static Optional<RiskEventType> riskEventType(Context ctx, String name) {
    Optional<String> text = text(ctx, name);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(RiskEventType.valueOf(text.get().toUpperCase(java.util.Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(
          name,
          "must be a risk event type ("
              + Arrays.stream(RiskEventType.values())
                  .map(Enum::name)
                  .collect(Collectors.joining(", "))
              + "), got '"
              + text.get()
              + "'");
    }
  }

  static Optional<Boolean> bool(Context ctx, String name) {
    Optional<String> text = text(ctx, name);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    switch (text.get()) {
      case "true":
        return Optional.of(true);
      case "false":
        return Optional.of(false);
      default:
        throw new BadRequestException(name, "must be true or false, got '" + text.get() + "'");
    }
  }

  static Optional<Instant> instant(Context ctx, String name) {
    Optional<String> text = text(ctx, name);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(text.get()));
    } catch (DateTimeParseException e) {
      throw new BadRequestException(
          name, "must be an ISO-8601 time such as 2026-11-01T00:00:00Z, got '" + text.get() + "'");
    }
  }

  static Optional<LocalDate> date(Context ctx, String name) {
    Optional<String> text = text(ctx, name);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(text.get()));
    } catch (DateTimeParseException e) {
      throw new BadRequestException(
          name, "must be a date such as 2026-11-01, got '" + text.get() + "'");
    }
  }

  static Optional<Asset> asset(Context ctx, String name) {
    Optional<String> text = text(ctx, name);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(AssetSymbol.canonical(text.get()));
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(name, "is not an asset: '" + text.get() + "'");
    }
  }

  /** A parameter's text when present and not blank. */
  static Optional<String> text(Context ctx, String name) {
    String value = ctx.queryParam(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }
}
