package io.tally.reconcile;

import static java.util.Objects.requireNonNull;

import io.tally.money.Asset;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Kraken's margin figures at one quiet moment: {@code TradeBalance} valued in {@code currency}
 * (Kraken's default, {@code ZUSD}) and {@code OpenPositions} netted per pair.
 *
 * <p>Kraken counts only its collateral currencies in {@code tb}, and so in {@code e}, {@code mf}
 * and {@code ml}; {@code eb} counts every currency. The books count every holding as collateral
 * (ACCOUNTING-DECISIONS "Kraken margin positions in the books", 8), so {@link #nonCollateral()},
 * {@code eb − tb}, is what restates Kraken's figures the books' way.
 *
 * <p>Example: {@code ExchangeMargin[currency=USD, equivalentBalance=119041.0961,
 * tradeBalance=117755.6191, marginUsed=1834.8941, unrealized=-208.0129, equity=117547.6062,
 * freeMargin=115712.7121, marginLevel=Optional[6406.23], positions=[PositionSize[pair=ETH/USD,
 * size=-1.43963512]]]}. Immutable.
 *
 * @param currency the asset Kraken valued the figures in
 * @param equivalentBalance {@code eb}: every currency
 * @param tradeBalance {@code tb}: the collateral currencies
 * @param marginUsed {@code m}
 * @param unrealized {@code n}
 * @param equity {@code e = tb + n}
 * @param freeMargin {@code mf = e − m}
 * @param marginLevel {@code ml = e ÷ m × 100}; absent without open positions
 * @param positions netted open sizes, one per pair (pairs netting to zero left out), in pair order
 */
public record ExchangeMargin(
    Asset currency,
    BigDecimal equivalentBalance,
    BigDecimal tradeBalance,
    BigDecimal marginUsed,
    BigDecimal unrealized,
    BigDecimal equity,
    BigDecimal freeMargin,
    Optional<BigDecimal> marginLevel,
    List<PositionSize> positions) {

  public ExchangeMargin {
    requireNonNull(currency, "currency");
    requireNonNull(equivalentBalance, "equivalentBalance");
    requireNonNull(tradeBalance, "tradeBalance");
    requireNonNull(marginUsed, "marginUsed");
    requireNonNull(unrealized, "unrealized");
    requireNonNull(equity, "equity");
    requireNonNull(freeMargin, "freeMargin");
    requireNonNull(marginLevel, "marginLevel");
    positions = netted(requireNonNull(positions, "positions"));
  }

  /** {@code eb − tb}: what Kraken holds of currencies it does not count as collateral. */
  public BigDecimal nonCollateral() {
    return equivalentBalance.subtract(tradeBalance);
  }

  /** Sizes on the same pair added up; pairs that net to zero left out; in pair order. */
  private static List<PositionSize> netted(List<PositionSize> positions) {
    Map<io.tally.money.Pair, BigDecimal> byPair = new TreeMap<>();
    for (PositionSize position : positions) {
      byPair.merge(position.pair(), position.size(), BigDecimal::add);
    }
    List<PositionSize> netted = new ArrayList<>();
    byPair.forEach(
        (pair, size) -> {
          if (size.signum() != 0) {
            netted.add(new PositionSize(pair, size));
          }
        });
    return List.copyOf(netted);
  }
}
