package io.tally.engine.risk;

import io.tally.engine.service.RiskInputs;
import io.tally.engine.sync.OpenOrder;
import io.tally.engine.sync.OrderSide;
import io.tally.ledger.Side;
import io.tally.money.Asset;
import io.tally.money.Pair;
import io.tally.money.Precision;
import io.tally.risk.AssetExposure;
import io.tally.risk.OrderLegs;
import io.tally.risk.ProposedOrder;
import io.tally.risk.RiskBook;
import io.tally.risk.RiskPolicy;
import io.tally.risk.StopDistance;
import io.tally.risk.TradingState;
import io.tally.valuation.AssetValuation;
import io.tally.valuation.MarginPositionValuation;
import io.tally.valuation.PortfolioValuation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@link RiskBook} of one published state of the books: each spot holding at its value
 * (the base currency's as cash), each margin position's notional added to its base asset's exposure
 * and to its pair, the registered stops as each asset's share at risk, and, when asked, Kraken's
 * open orders as if filled at their limit price (the current price for orders without one).
 *
 * <p>Example: {@code RiskBookReader.read(service.riskInputs(), policy, ACTIVE, stops, groups,
 * true).forChecks().grossExposure()}. Stateless.
 */
final class RiskBookReader {

  private RiskBookReader() {}

  /**
   * The two books of one valuation: the positions as they stand (what the monitor watches), and the
   * same with what is left of each open order filled (what a check starts from), or the positions
   * again when open orders are not to count.
   */
  record Books(RiskBook positions, RiskBook forChecks) {}

  /**
   * The books of {@code inputs} under {@code policy} in {@code state}, the valuation read once.
   * Open orders always count per pair.
   *
   * @param stops each pair's registered stop, in its quote currency
   * @param correlated each asset's correlated group
   * @param countOpenOrders whether checks count open orders as filled
   */
  static Books read(
      RiskInputs inputs,
      RiskPolicy policy,
      TradingState state,
      Map<Pair, BigDecimal> stops,
      Map<Asset, Set<Asset>> correlated,
      boolean countOpenOrders) {
    PortfolioValuation valuation = inputs.valuation();
    Asset base = valuation.books().config().base();
    Map<Asset, BigDecimal> value = new HashMap<>();
    Map<Asset, BigDecimal> quantity = new HashMap<>();
    for (AssetValuation holding : valuation.holdings()) {
      Asset asset = holding.holding().asset();
      BigDecimal held = holding.holding().quantity();
      value.merge(asset, asset.equals(base) ? held : holding.value(), BigDecimal::add);
      quantity.merge(asset, held, BigDecimal::add);
    }
    Map<Pair, BigDecimal> notional = new HashMap<>();
    Map<Pair, Integer> positionsOnPair = new HashMap<>();
    for (MarginPositionValuation position : valuation.marginPositions()) {
      if (position.unvalued() || position.position().size().signum() == 0) {
        continue;
      }
      Pair pair = position.position().pair();
      BigDecimal worth =
          position
              .position()
              .size()
              .multiply(position.mark().orElseThrow())
              .multiply(position.quotePrice().orElseThrow());
      notional.merge(pair, worth, BigDecimal::add);
      value.merge(pair.base(), worth, BigDecimal::add);
      positionsOnPair.merge(pair, 1, Integer::sum);
    }
    List<AssetExposure> exposures = new ArrayList<>();
    for (Map.Entry<Asset, BigDecimal> entry : value.entrySet()) {
      Asset asset = entry.getKey();
      exposures.add(
          new AssetExposure(
              asset,
              entry.getValue(),
              quantity.getOrDefault(asset, BigDecimal.ZERO),
              riskFraction(asset, entry.getValue(), stops, inputs, base)));
    }
    List<OpenOrder> orders = inputs.openOrders().map(open -> open.orders()).orElse(List.of());
    Map<Pair, Integer> withOrders = new HashMap<>(positionsOnPair);
    orders.forEach(
        order -> order.pair().ifPresent(pair -> withOrders.merge(pair, 1, Integer::sum)));
    java.util.function.Function<Map<Pair, Integer>, RiskBook> book =
        open ->
            RiskBook.of(
                base,
                valuation.asOf(),
                valuation.equity(),
                Precision.money(inputs.marginUsed()),
                notional,
                exposures,
                open,
                correlated,
                inputs.prices(),
                inputs.drift(),
                valuation.stale(),
                state,
                policy);
    RiskBook positions = book.apply(withOrders);
    if (!countOpenOrders || orders.isEmpty()) {
      return new Books(positions, positions);
    }
    // Each order filled adds its own count on its pair.
    RiskBook forChecks = book.apply(positionsOnPair);
    for (OpenOrder order : orders) {
      forChecks = plusOrder(forChecks, order);
    }
    return new Books(positions, forChecks);
  }

  /**
   * {@code book} with what is left of {@code order} filled and counted on its pair; unchanged when
   * it cannot be priced.
   */
  private static RiskBook plusOrder(RiskBook book, OpenOrder order) {
    if (order.pair().isEmpty()) {
      return book;
    }
    Pair pair = order.pair().get();
    Optional<BigDecimal> price = order.limitPrice().or(() -> book.currentPrice(pair));
    Optional<BigDecimal> quoteValue = book.unitValue(pair.quote()).filter(v -> v.signum() > 0);
    if (price.isEmpty() || quoteValue.isEmpty() || price.get().signum() <= 0) {
      return book;
    }
    BigDecimal left = order.volume().subtract(order.volumeExecuted());
    if (order.volumeInQuote()) {
      left = left.divide(price.get(), Precision.RATIO);
    }
    if (left.signum() <= 0) {
      return book;
    }
    Side side = order.side() == OrderSide.BUY ? Side.BUY : Side.SELL;
    OrderLegs legs =
        OrderLegs.of(
            ProposedOrder.of(pair, side, left), price.get(), quoteValue.get(), book.base());
    return book.plus(legs, left);
  }

  /**
   * The share of {@code asset}'s exposure lost at its registered stop: the stop of the pair on it
   * quoted in the base currency (or any pair on it), measured from the current price on the losing
   * side; 1 without a stop, or with one on the other side of the price (it is not this position's).
   */
  private static BigDecimal riskFraction(
      Asset asset,
      BigDecimal exposure,
      Map<Pair, BigDecimal> stops,
      RiskInputs inputs,
      Asset base) {
    Optional<Map.Entry<Pair, BigDecimal>> stop =
        stops.entrySet().stream()
            .filter(e -> e.getKey().base().equals(asset))
            .min(
                (a, b) ->
                    a.getKey().quote().equals(base) ? -1 : b.getKey().quote().equals(base) ? 1 : 0);
    if (stop.isEmpty() || exposure.signum() == 0) {
      return BigDecimal.ONE;
    }
    Pair pair = stop.get().getKey();
    Optional<BigDecimal> price =
        inputs
            .prices()
            .price(asset, inputs.valuation().asOf())
            .flatMap(
                b ->
                    (pair.quote().equals(base)
                            ? Optional.of(BigDecimal.ONE)
                            : inputs
                                .prices()
                                .price(pair.quote(), inputs.valuation().asOf())
                                .map(q -> q.value()))
                        .filter(q -> q.signum() > 0)
                        .map(q -> b.value().divide(q, Precision.RATIO)));
    if (price.isEmpty() || price.get().signum() <= 0) {
      return BigDecimal.ONE;
    }
    BigDecimal loss =
        price.get().subtract(stop.get().getValue()).multiply(BigDecimal.valueOf(exposure.signum()));
    if (loss.signum() <= 0) {
      return BigDecimal.ZERO;
    }
    return StopDistance.fraction(price.get(), stop.get().getValue());
  }
}
