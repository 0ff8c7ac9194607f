package io.tally.ledger;

import io.tally.money.Amount;
import io.tally.money.Asset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Validation shared by events that carry lists of amounts. */
final class Legs {

  private Legs() {}

  /** A copy of the legs, checked to be positive and to name each asset once. */
  static List<Amount> positive(String name, List<Amount> legs) {
    List<Amount> copy = List.copyOf(legs);
    Set<Asset> seen = new HashSet<>();
    for (Amount leg : copy) {
      if (leg.signum() <= 0) {
        throw new IllegalArgumentException(name + " legs must be positive: " + leg);
      }
      if (!seen.add(leg.asset())) {
        throw new IllegalArgumentException(name + " legs name " + leg.asset() + " twice");
      }
    }
    return copy;
  }
}
