package io.tally.kraken.api;

import static java.util.Objects.requireNonNull;

import io.tally.money.Precision;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * The margin and collateral summary of {@code /0/private/TradeBalance}, valued in one asset
 * (Kraken's default {@code ZUSD}).
 *
 * <p>Example: {@code TradeBalance[equivalentBalance=99.994, tradeBalance=99.494, marginUsed=0,
 * unrealizedNet=0, cost=0, valuation=0, equity=99.494, freeMargin=99.494,
 * marginLevel=Optional.empty, unexecutedValue=0]}. Immutable.
 *
 * @param equivalentBalance {@code eb}: all currencies together
 * @param tradeBalance {@code tb}: equity currencies together
 * @param marginUsed {@code m}: margin of open positions
 * @param unrealizedNet {@code n}: unrealised net profit or loss of open positions
 * @param cost {@code c}: cost basis of open positions
 * @param valuation {@code v}: floating valuation of open positions
 * @param equity {@code e}: {@code tb + n}
 * @param freeMargin {@code mf}: equity minus initial margin
 * @param marginLevel {@code ml} in percent; absent without open positions
 * @param unexecutedValue {@code uv}: value of unfilled open orders; zero when absent
 */
public record TradeBalance(
    BigDecimal equivalentBalance,
    BigDecimal tradeBalance,
    BigDecimal marginUsed,
    BigDecimal unrealizedNet,
    BigDecimal cost,
    BigDecimal valuation,
    BigDecimal equity,
    BigDecimal freeMargin,
    Optional<BigDecimal> marginLevel,
    BigDecimal unexecutedValue) {

  public TradeBalance {
    equivalentBalance = Precision.canonical(requireNonNull(equivalentBalance, "eb"));
    tradeBalance = Precision.canonical(requireNonNull(tradeBalance, "tb"));
    marginUsed = Precision.canonical(requireNonNull(marginUsed, "m"));
    unrealizedNet = Precision.canonical(requireNonNull(unrealizedNet, "n"));
    cost = Precision.canonical(requireNonNull(cost, "c"));
    valuation = Precision.canonical(requireNonNull(valuation, "v"));
    equity = Precision.canonical(requireNonNull(equity, "e"));
    freeMargin = Precision.canonical(requireNonNull(freeMargin, "mf"));
    marginLevel = requireNonNull(marginLevel, "ml").map(Precision::canonical);
    unexecutedValue = Precision.canonical(requireNonNull(unexecutedValue, "uv"));
  }
}
