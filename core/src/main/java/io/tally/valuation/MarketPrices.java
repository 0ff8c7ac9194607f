package io.tally.valuation;

import static java.util.Objects.requireNonNull;

import io.tally.money.Asset;
import io.tally.money.Precision;
import io.tally.money.Price;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * Prices in the base currency with the rules that need no market (ACCOUNTING.md §3 and §5): the
 * base currency is worth 1; {@code KFEE} fee credits are worth a fixed amount of USD each (0.01 by
 * default), converted to the base currency when the base is not USD; every other asset comes from
 * the underlying source.
 *
 * <p>Example: {@code new MarketPrices(Asset.USD, new BigDecimal("0.01"), table).price(Asset.KFEE,
 * t)} is 0.01 at {@code t}. Thread-safe when the underlying source is.
 */
public final class MarketPrices implements PriceSource {

  /** The default value of one KFEE credit, in USD. */
  public static final BigDecimal KFEE_USD = new BigDecimal("0.01");

  private final Asset base;
  private final BigDecimal kfeeUsd;
  private final PriceSource market;

  public MarketPrices(Asset base, BigDecimal kfeeUsd, PriceSource market) {
    this.base = requireNonNull(base, "base");
    this.kfeeUsd = requireNonNull(kfeeUsd, "kfeeUsd");
    this.market = requireNonNull(market, "market");
  }

  /** The base currency these prices are in. */
  public Asset base() {
    return base;
  }

  @Override
  public Optional<Price> price(Asset asset, Instant at) {
    if (asset.equals(base)) {
      return Optional.of(new Price(asset, BigDecimal.ONE, at, "base"));
    }
    if (asset.equals(Asset.KFEE)) {
      if (base.equals(Asset.USD)) {
        return Optional.of(new Price(asset, kfeeUsd, at, "fixed"));
      }
      return market
          .price(Asset.USD, at)
          .map(
              usd ->
                  new Price(
                      asset, kfeeUsd.multiply(usd.value()), usd.at(), "fixed via " + usd.source()));
    }
    return market.price(asset, at);
  }

  /** The value of {@code quantity} units at {@code at}, as base-currency money, when priced. */
  public Optional<BigDecimal> value(Asset asset, BigDecimal quantity, Instant at) {
    Optional<Price> price = price(asset, at);
    return price.isPresent()
        ? Optional.of(Precision.valueOf(quantity, price.get().value()))
        : Optional.empty();
  }
}
