package io.tally.engine.ingest;

import io.tally.kraken.LedgerRow;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Seeded, consistent Kraken ledgers as rows of a 2025 {@code ledgers.csv} (display names and
 * wallets), for property tests of the running-balance check: every row's {@code balance} is the
 * previous balance of its asset and wallet plus {@code amount} minus {@code fee}, the account
 * starts empty and no balance goes negative.
 *
 * <p>A ledger mixes EUR and BTC deposits (some with an older export's pending row first), EUR
 * withdrawals, BTC and ETH bought and sold for EUR (two rows sharing a refid and a time, the fee on
 * the EUR leg), moves between the spot and earn wallets and back (two {@code earn} rows), earn
 * rewards, and failed BTC withdrawals reversed with a negative fee. Times are whole seconds; about
 * one operation in five happens in the same second as the one before, so rows of one asset and
 * wallet share a time in Kraken's order.
 *
 * <p>Example: {@code LedgerGenerator.generate(7, 120)} gives the rows of 120 operations, oldest
 * first. The same seed and length always give the same rows. Stateless; each call builds its own
 * generator.
 */
final class LedgerGenerator {

  static final String SPOT = "spot / main";
  static final String EARN = "earn / flexible";
  static final String FILE = "generated.csv";

  private static final Instant START = Instant.parse("2025-01-06T08:00:00Z");
  private static final String[] CRYPTO = {"BTC", "ETH"};

  private final SplittableRandom random;
  private final List<LedgerRow> rows = new ArrayList<>();
  private final Map<String, BigDecimal> balances = new HashMap<>();
  private Instant now = START;
  private int ids;

  private LedgerGenerator(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** The rows of {@code operations} operations, oldest first, lines 2, 3, ... of one file. */
  static List<LedgerRow> generate(long seed, int operations) {
    LedgerGenerator generator = new LedgerGenerator(seed);
    for (int i = 0; i < operations; i++) {
      generator.operation();
    }
    return List.copyOf(generator.rows);
  }

  private void operation() {
    if (rows.isEmpty() || random.nextInt(5) != 0) {
      now = now.plusSeconds(60 + random.nextInt(7_200));
    }
    int dice = random.nextInt(100);
    String crypto = CRYPTO[random.nextInt(CRYPTO.length)];
    if (dice < 15 || balance("EUR", SPOT).compareTo(new BigDecimal("100")) < 0) {
      deposit("EUR", decimal(50, 5_000, 4), dice % 3 == 0);
    } else if (dice < 22) {
      deposit("BTC", decimal(0, 1, 8), dice % 2 == 0);
    } else if (dice < 45) {
      buy(crypto);
    } else if (dice < 60) {
      sell(crypto);
    } else if (dice < 67) {
      withdrawEur();
    } else if (dice < 77) {
      move(crypto, SPOT, EARN, "allocation");
    } else if (dice < 84) {
      move(crypto, EARN, SPOT, "deallocation");
    } else if (dice < 93) {
      reward(crypto);
    } else {
      failedWithdrawal();
    }
  }

  private void deposit(String asset, BigDecimal amount, boolean pendingFirst) {
    String refid = id("FT");
    if (pendingFirst) {
      rows.add(row("", refid, "deposit", "", asset, SPOT, amount, BigDecimal.ZERO, false));
      now = now.plusSeconds(30 + random.nextInt(300));
    }
    book(refid, "deposit", "", asset, SPOT, amount, BigDecimal.ZERO);
  }

  private void buy(String crypto) {
    BigDecimal eur = balance("EUR", SPOT);
    BigDecimal cost = decimal(10, eur.min(new BigDecimal("2000")).intValue() / 2 + 11, 4);
    BigDecimal fee = cost.multiply(new BigDecimal("0.0026")).setScale(4, RoundingMode.UP);
    if (cost.add(fee).compareTo(eur) > 0) {
      return;
    }
    String refid = id("T");
    book(refid, "trade", "tradespot", "EUR", SPOT, cost.negate(), fee);
    book(refid, "trade", "tradespot", crypto, SPOT, decimal(0, 2, 8).add(tiny()), BigDecimal.ZERO);
  }

  private void sell(String crypto) {
    BigDecimal held = balance(crypto, SPOT);
    if (held.signum() <= 0) {
      return;
    }
    BigDecimal quantity = part(held);
    BigDecimal proceeds = decimal(5, 3_000, 4);
    BigDecimal fee = proceeds.multiply(new BigDecimal("0.0016")).setScale(4, RoundingMode.UP);
    String refid = id("T");
    book(refid, "trade", "tradespot", crypto, SPOT, quantity.negate(), BigDecimal.ZERO);
    book(refid, "trade", "tradespot", "EUR", SPOT, proceeds, fee);
  }

  private void withdrawEur() {
    BigDecimal fee = new BigDecimal("0.0900");
    BigDecimal available = balance("EUR", SPOT).subtract(fee);
    if (available.signum() <= 0) {
      return;
    }
    book(id("FT"), "withdrawal", "", "EUR", SPOT, part(available).negate(), fee);
  }

  private void move(String crypto, String from, String to, String subtype) {
    BigDecimal held = balance(crypto, from);
    if (held.signum() <= 0) {
      return;
    }
    BigDecimal quantity = part(held);
    String refid = id("E");
    book(refid, "earn", subtype, crypto, from, quantity.negate(), BigDecimal.ZERO);
    book(refid, "earn", subtype, crypto, to, quantity, BigDecimal.ZERO);
  }

  private void reward(String crypto) {
    book(id("E"), "earn", "reward", crypto, EARN, decimal(0, 1, 6).add(tiny()), BigDecimal.ZERO);
  }

  private void failedWithdrawal() {
    BigDecimal fee = new BigDecimal("0.00002");
    BigDecimal available = balance("BTC", SPOT).subtract(fee);
    if (available.signum() <= 0) {
      return;
    }
    BigDecimal amount = part(available);
    String refid = id("FT");
    book(refid, "withdrawal", "", "BTC", SPOT, amount.negate(), fee);
    now = now.plusSeconds(60 + random.nextInt(600));
    book(refid, "withdrawal", "", "BTC", SPOT, amount, fee.negate());
  }

  /** Books a row: its balance is the wallet's balance plus amount minus fee. */
  private void book(
      String refid,
      String type,
      String subtype,
      String asset,
      String wallet,
      BigDecimal amount,
      BigDecimal fee) {
    String key = asset + "|" + wallet;
    BigDecimal after = balance(asset, wallet).add(amount).subtract(fee);
    if (after.signum() < 0) {
      throw new IllegalStateException("Generated a negative balance for " + key + ": " + after);
    }
    balances.put(key, after);
    rows.add(row(id("L"), refid, type, subtype, asset, wallet, amount, fee, true));
  }

  private LedgerRow row(
      String txid,
      String refid,
      String type,
      String subtype,
      String asset,
      String wallet,
      BigDecimal amount,
      BigDecimal fee,
      boolean withBalance) {
    return new LedgerRow(
        txid,
        refid,
        now,
        type,
        subtype,
        "currency",
        asset.equals("EUR") ? "fiat" : "crypto",
        asset,
        wallet,
        amount,
        fee,
        withBalance ? Optional.of(balance(asset, wallet)) : Optional.empty(),
        FILE,
        rows.size() + 2);
  }

  private BigDecimal balance(String asset, String wallet) {
    return balances.getOrDefault(asset + "|" + wallet, BigDecimal.ZERO);
  }

  /** A random decimal in [from, to) with {@code scale} decimals. */
  private BigDecimal decimal(int from, int to, int scale) {
    long unscaled =
        random.nextLong(
            BigDecimal.valueOf(from).movePointRight(scale).longValueExact(),
            BigDecimal.valueOf(to).movePointRight(scale).longValueExact());
    return BigDecimal.valueOf(unscaled, scale);
  }

  /** One unit of the eighth decimal, so no crypto amount is zero. */
  private static BigDecimal tiny() {
    return new BigDecimal("0.00000001");
  }

  /** Some of {@code held} (more than zero), sometimes all of it. */
  private BigDecimal part(BigDecimal held) {
    if (random.nextInt(5) == 0) {
      return held;
    }
    long percent = 1 + random.nextInt(99);
    BigDecimal unit = BigDecimal.ONE.movePointLeft(held.scale());
    return held.multiply(BigDecimal.valueOf(percent))
        .divide(BigDecimal.valueOf(100), held.scale(), RoundingMode.DOWN)
        .max(unit.min(held));
  }

  private String id(String prefix) {
    ids++;
    return String.format("%s%06d-GEN", prefix, ids);
  }
}
