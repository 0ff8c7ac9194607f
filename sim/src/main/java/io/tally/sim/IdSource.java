package io.tally.sim;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Kraken-style identifiers from a seeded stream, never the same twice: ledger ids {@code
 * L2344R-JVEUJ-SBYX5H}, trade ids {@code T…}, order ids {@code O…}, mixed-case funding references
 * {@code FTJ4ZXN-YRWqyo1No6Wqt3vzBVgNMf}, staking rewards {@code ST7V5BP-P52HA-PW2YEC} and staking
 * transfers {@code RUIQ66O-SXXKCJ-L5EWEX}.
 *
 * <p>Example: {@code ids.ledger()}. Not thread-safe.
 */
final class IdSource {

  private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final String MIXED =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private final SplittableRandom random;
  private final Set<String> issued = new HashSet<>();

  IdSource(long seed) {
    this.random = new SplittableRandom(seed ^ 0x6964736f75726365L);
  }

  String ledger() {
    return unique("L", 5, 5, 6);
  }

  String trade() {
    return unique("T", 5, 5, 6);
  }

  String order() {
    return unique("O", 5, 5, 6);
  }

  String stakingReward() {
    return unique("ST", 5, 5, 6);
  }

  String stakingTransfer() {
    return unique("RU", 5, 6, 6);
  }

  String funding() {
    String id;
    do {
      id = "FT" + chars(UPPER, 5) + "-" + chars(MIXED, 22);
    } while (!issued.add(id));
    return id;
  }

  private String unique(String prefix, int first, int second, int third) {
    String id;
    do {
      id = prefix + chars(UPPER, first) + "-" + chars(UPPER, second) + "-" + chars(UPPER, third);
    } while (!issued.add(id));
    return id;
  }

  private String chars(String alphabet, int count) {
    StringBuilder text = new StringBuilder(count);
    for (int i = 0; i < count; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }
}
