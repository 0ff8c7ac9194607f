package io.tally.ledger;

/** What kind of external flow a {@link CashFlow} is. Example: {@code FlowKind.DEPOSIT}. */
public enum FlowKind {
  /** Funds sent into the account: acquired at market value, an inflow. */
  DEPOSIT,
  /** Funds sent out: disposed of at market value (transfer PnL), an outflow. */
  WITHDRAWAL,
  /** Staking, earn, airdrop and dividend income: acquired at market value, an inflow. */
  REWARD,
  /** A balance change the exchange made (adjustment, delisting, unpaired leg): at market value. */
  ADJUSTMENT
}
