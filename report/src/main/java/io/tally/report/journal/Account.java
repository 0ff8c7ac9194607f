package io.tally.report.journal;

import static java.util.Objects.requireNonNull;

import io.tally.tax.HoldingTerm;

/**
 * An account of the journal's chart, which both formats share:
 *
 * <ul>
 *   <li>{@code Assets:Kraken:<COMMODITY>}: what the account holds of each asset; assets other than
 *       the base currency and KFEE in lots at their cost, dated and labelled by the event that
 *       acquired them.
 *   <li>{@code Equity:Transfers}: deposits in at their value, withdrawals out at the cost they take
 *       with them (at their value when withdrawals are disposals).
 *   <li>{@code Equity:Opening}: units disposed of beyond what the history shows acquired, which
 *       Tally assumes acquired at the disposal's own price (a missing-acquisition data issue).
 *   <li>{@code Equity:Adjustments}: the exchange's adjustments and rows Tally does not classify.
 *   <li>{@code Equity:Clearing}: passes value between the two linked halves of an event that both
 *       adds to and takes from the lots of one asset (a buy whose fee is paid in the coin bought),
 *       which beancount refuses as one transaction; it nets to zero.
 *   <li>{@code Equity:Rounding}: what rounding leaves (beancount's journal: the cost beancount
 *       computes from a lot's unit cost against the cost Tally took, see {@link BeancountJournal}).
 *   <li>{@code Income:Gains:Short}, {@code Income:Gains:Long}: realized gains by holding term (a
 *       gain is a negative amount, as income is in both tools).
 *   <li>{@code Income:Rewards}: staking and other rewards at their value.
 *   <li>{@code Income:Margin}: margin profit received.
 *   <li>{@code Expenses:Fees:Trade}: trade fees at their value, when fees are apart from cost basis
 *       (the books' default); with tax-style fees they are in lot costs and proceeds instead.
 *   <li>{@code Expenses:Fees:Transfer}: fees of withdrawals, deposits, internal moves and reward
 *       commissions, at the cost of the units they took.
 *   <li>{@code Expenses:Margin}: margin losses, fees, rollovers and carry charges, at cost.
 * </ul>
 *
 * <p>Example: {@code Account.holding(Commodity.of(Asset.XBT))} is {@code Assets:Kraken:XBT}.
 * Immutable.
 */
record Account(String name) implements Comparable<Account> {

  static final Account TRANSFERS = new Account("Equity:Transfers");
  static final Account OPENING = new Account("Equity:Opening");
  static final Account ADJUSTMENTS = new Account("Equity:Adjustments");
  static final Account CLEARING = new Account("Equity:Clearing");
  static final Account ROUNDING = new Account("Equity:Rounding");
  static final Account GAINS_SHORT = new Account("Income:Gains:Short");
  static final Account GAINS_LONG = new Account("Income:Gains:Long");
  static final Account REWARDS = new Account("Income:Rewards");
  static final Account MARGIN_INCOME = new Account("Income:Margin");
  static final Account TRADE_FEES = new Account("Expenses:Fees:Trade");
  static final Account TRANSFER_FEES = new Account("Expenses:Fees:Transfer");
  static final Account MARGIN_EXPENSES = new Account("Expenses:Margin");

  Account {
    requireNonNull(name, "name");
  }

  /** Where the account holds {@code commodity}. */
  static Account holding(Commodity commodity) {
    return new Account("Assets:Kraken:" + commodity.accountComponent());
  }

  /** Where gains of {@code term} are realized. */
  static Account gains(HoldingTerm term) {
    return term == HoldingTerm.LONG ? GAINS_LONG : GAINS_SHORT;
  }

  /** Whether this is one of the realized-gains accounts. */
  boolean isGains() {
    return equals(GAINS_SHORT) || equals(GAINS_LONG);
  }

  @Override
  public int compareTo(Account other) {
    return name.compareTo(other.name);
  }

  @Override
  public String toString() {
    return name;
  }
}
