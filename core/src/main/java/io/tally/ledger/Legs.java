package io.tally.ledger;

import io.tally.money.Amount;
import java.util.List;

/** Validation shared by events that carry lists of amounts. */
final class Legs {

  private Legs() {}

  /** A copy of the legs, checked to be positive and to name each asset once. */
  static List<Amount> positive(String name, List<Amount> legs) {
    List<Amount> copy = List.copyOf(legs);
    // A trade has a few legs a side: each is compared with those before it, with no set made.
    for (int i = 0; i < copy.size(); i++) {
      Amount leg = copy.get(i);
      if (leg.signum() <= 0) {
        throw new IllegalArgumentException(name + " legs must be positive: " + leg);
      }
      for (int j = 0; j < i; j++) {
        if (copy.get(j).asset().equals(leg.asset())) {
          throw new IllegalArgumentException(name + " legs name " + leg.asset() + " twice");
        }
      }
    }
    return copy;
  }
}
