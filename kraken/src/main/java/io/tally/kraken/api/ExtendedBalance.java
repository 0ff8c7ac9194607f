package io.tally.kraken.api;

import static java.util.Objects.requireNonNull;

import io.tally.money.Precision;
import java.math.BigDecimal;

/**
 * One asset of {@code /0/private/BalanceEx}: the balance with what open orders hold and any credit.
 *
 * <p>Example: {@code ExtendedBalance[balance=60.90852, holdTrade=13.63876, credit=0,
 * creditUsed=0]}, so {@code available()} is {@code 47.26976}. Immutable.
 *
 * @param balance the cash balance, net of pending withdrawals
 * @param holdTrade the part held by open orders
 * @param credit credit granted; zero when absent
 * @param creditUsed credit in use; zero when absent
 */
public record ExtendedBalance(
    BigDecimal balance, BigDecimal holdTrade, BigDecimal credit, BigDecimal creditUsed) {

  public ExtendedBalance {
    balance = Precision.canonical(requireNonNull(balance, "balance"));
    holdTrade = Precision.canonical(requireNonNull(holdTrade, "holdTrade"));
    credit = Precision.canonical(requireNonNull(credit, "credit"));
    creditUsed = Precision.canonical(requireNonNull(creditUsed, "creditUsed"));
  }

  /**
   * Available for trading: {@code balance + credit − creditUsed − holdTrade} (Kraken's formula).
   */
  public BigDecimal available() {
    return Precision.canonical(balance.add(credit).subtract(creditUsed).subtract(holdTrade));
  }
}
