package io.tally.money;

/**
 * Where on the exchange a holding sits. Locations never change cost basis: {@code DOT.S} is DOT,
 * staked. Example: {@code Location.STAKED}.
 */
public enum Location {
  /** The plain spot balance. */
  SPOT(""),
  /** Legacy on-chain staking ({@code .S}), including bonded variants such as {@code DOT28.S}. */
  STAKED(".S"),
  /** Legacy opt-in rewards ({@code .M}). */
  OPT_IN_REWARDS(".M"),
  /** Kraken Rewards / auto-earn flexible balances ({@code .F}). */
  FLEXIBLE(".F"),
  /** Bonded, yield-bearing Earn balances ({@code .B}). */
  BONDED(".B"),
  /** Parachain bonding ({@code .P}). */
  PARACHAIN(".P"),
  /** Fiat on hold ({@code .HOLD}). */
  HOLD(".HOLD");

  private final String suffix;

  Location(String suffix) {
    this.suffix = suffix;
  }

  /** Kraken's suffix for this location, empty for spot. */
  public String suffix() {
    return suffix;
  }
}
