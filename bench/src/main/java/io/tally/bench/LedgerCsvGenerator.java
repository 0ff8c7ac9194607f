package io.tally.bench;

import static java.util.Objects.requireNonNull;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Writes a seeded, realistic Kraken {@code ledgers.csv} in the 12-column 2025 layout (kraken-api.md
 * §7.2, L3) for import benchmarks: EUR and BTC deposits, EUR trades against BTC, ETH and SOL (two
 * rows sharing a refid, the fee on the EUR leg), earn rewards and now and then a withdrawal. The
 * file is honest: every account starts empty, and every row's {@code balance} is the previous
 * balance of its asset and wallet plus {@code amount} minus {@code fee}, never negative, so
 * Kraken's running balance check passes with no opening balance. Ledger ids and refids carry a
 * counter, so they never repeat. Amounts have the asset's ledger decimals (EUR 4, BTC and ETH 10,
 * SOL 8). The same seed and row count always give the same file.
 *
 * <p>Optionally it also writes the prices the history was made from, as a prices file for {@code
 * tally report --prices} (header {@code time,asset,price}, EUR per coin): every coin's price at the
 * first row of each new hour, from the first row on, so every row has a price at or before it. The
 * prices do not change the ledger file: the same seed gives the same rows with or without them.
 *
 * <p>Example: {@code java -cp bench/target/benchmarks.jar io.tally.bench.LedgerCsvGenerator
 * ledgers.csv 1000000 42 prices.csv} writes a row such as {@code 2021-01-04T08:01:12Z,BTC,30012.45}
 * to prices.csv. Not thread-safe: one generator writes one file.
 */
public final class LedgerCsvGenerator {

  /** The header of Kraken's 2025 ledgers export. */
  static final String HEADER =
      "\"txid\",\"refid\",\"time\",\"type\",\"subtype\",\"aclass\",\"subclass\",\"asset\","
          + "\"wallet\",\"amount\",\"fee\",\"balance\"";

  /** The header of the prices file. */
  static final String PRICES_HEADER = "time,asset,price";

  /** The seed when none is given. */
  static final long DEFAULT_SEED = 42;

  private static final String SPOT = "spot / main";
  private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final String MIXED =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  /** The first row's time; later rows follow a few minutes apart. */
  private static final long START_EPOCH_SECOND =
      LocalDateTime.of(2021, 1, 4, 8, 0).toEpochSecond(ZoneOffset.UTC);

  /** Trading fees: 0.16 % to 0.26 % of the EUR leg, Kraken's maker and taker range. */
  private static final int MIN_FEE_BPS = 16;

  private static final int FEE_SPREAD_BPS = 10;

  /** An asset the file books, with its ledger decimals and price model. */
  enum Coin {
    EUR("EUR", "fiat", 4, 1, 0),
    BTC("BTC", "crypto", 10, 30_000, 0.03),
    ETH("ETH", "crypto", 10, 2_000, 0.04),
    SOL("SOL", "crypto", 8, 50, 0.05);

    final String code;
    final String subclass;
    final int scale;
    final double startPrice;
    final double dailyVolatility;

    Coin(String code, String subclass, int scale, double startPrice, double dailyVolatility) {
      this.code = code;
      this.subclass = subclass;
      this.scale = scale;
      this.startPrice = startPrice;
      this.dailyVolatility = dailyVolatility;
    }

    /** {@code units} of the smallest step of this asset as a decimal, such as 12345 → 1.2345. */
    BigDecimal units(long units) {
      return BigDecimal.valueOf(units, scale);
    }
  }

  private static final Coin[] CRYPTO = {Coin.BTC, Coin.ETH, Coin.SOL};

  private final Writer out;
  private final Optional<Writer> prices;
  private final SplittableRandom random;
  private final Map<String, BigDecimal> balances = new HashMap<>();

  /**
   * The price model in EUR per coin: a mean-reverting random walk in log space. A double is fine
   * here, since it only picks realistic sizes; every booked number is an exact decimal.
   */
  private final Map<Coin, Double> logPrice = new EnumMap<>(Coin.class);

  private long epochSecond = START_EPOCH_SECOND;
  private long rowCount;
  private long groupCount;
  private long pricedHour = Long.MIN_VALUE;

  private LedgerCsvGenerator(Writer out, Optional<Writer> prices, long seed) {
    this.out = requireNonNull(out, "out");
    this.prices = requireNonNull(prices, "prices");
    this.random = new SplittableRandom(seed);
    for (Coin coin : Coin.values()) {
      logPrice.put(coin, Math.log(coin.startPrice));
    }
  }

  /**
   * Writes {@code OUT.csv ROWS [SEED [PRICES.csv]]}.
   *
   * @param args the output file, the number of rows, optionally the seed (default 42) and a prices
   *     file to write beside it
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 2 || args.length > 4) {
      System.err.println(
          "usage: java -cp benchmarks.jar io.tally.bench.LedgerCsvGenerator OUT.csv ROWS [SEED"
              + " [PRICES.csv]]");
      System.exit(2);
    }
    Path file = Path.of(args[0]);
    int rows = Integer.parseInt(args[1].replace("_", ""));
    long seed = args.length >= 3 ? Long.parseLong(args[2]) : DEFAULT_SEED;
    Optional<Path> prices = args.length == 4 ? Optional.of(Path.of(args[3])) : Optional.empty();
    long started = System.nanoTime();
    write(file, rows, seed, prices);
    System.err.printf(
        Locale.ROOT,
        "wrote %,d ledger rows (seed %d) to %s in %.1f s, %,d bytes%s%n",
        rows,
        seed,
        file,
        (System.nanoTime() - started) / 1e9,
        Files.size(file),
        prices.isEmpty() ? "" : "; prices to " + prices.get());
  }

  /** Writes a ledgers export of exactly {@code rows} rows plus the header to {@code file}. */
  public static void write(Path file, int rows, long seed) throws IOException {
    write(file, rows, seed, Optional.empty());
  }

  /**
   * Writes a ledgers export of exactly {@code rows} rows plus the header to {@code file}, and the
   * prices it was made from to {@code pricesFile} if given.
   */
  public static void write(Path file, int rows, long seed, Optional<Path> pricesFile)
      throws IOException {
    try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      if (pricesFile.isEmpty()) {
        write(writer, rows, seed, Optional.empty());
        return;
      }
      try (BufferedWriter prices =
          Files.newBufferedWriter(pricesFile.get(), StandardCharsets.UTF_8)) {
        write(writer, rows, seed, Optional.of(prices));
      }
    }
  }

  /** Writes a ledgers export of exactly {@code rows} rows plus the header; does not close. */
  static void write(Writer out, int rows, long seed) throws IOException {
    write(out, rows, seed, Optional.empty());
  }

  /**
   * Writes a ledgers export of exactly {@code rows} rows plus the header, and the prices to {@code
   * prices} if given; closes neither.
   */
  static void write(Writer out, int rows, long seed, Optional<Writer> prices) throws IOException {
    if (rows < 0) {
      throw new IllegalArgumentException("Row count must not be negative: " + rows);
    }
    LedgerCsvGenerator generator = new LedgerCsvGenerator(out, prices, seed);
    out.write(HEADER);
    out.write('\n');
    if (prices.isPresent()) {
      prices.get().write(PRICES_HEADER);
      prices.get().write('\n');
    }
    try {
      while (generator.rowCount < rows) {
        generator.next(rows - generator.rowCount);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  // ---- events ---------------------------------------------------------------------------------

  /** Writes the next event: one row, or two for a trade when at least two rows are left. */
  private void next(long rowsLeft) {
    epochSecond += 1 + random.nextInt(240);
    movePrices();
    writePrices();
    groupCount++;
    if (balance(Coin.EUR).signum() == 0 && heldCrypto().isEmpty()) {
      depositEur();
      return;
    }
    int roll = random.nextInt(100);
    if (roll < 7) {
      depositEur();
    } else if (roll < 9) {
      depositBtc();
    } else if (roll < 18) {
      if (!reward()) {
        depositEur();
      }
    } else if (roll < 21 || rowsLeft < 2) {
      if (!withdraw()) {
        depositEur();
      }
    } else if (!trade()) {
      depositEur();
    }
  }

  private void depositEur() {
    // 100 to 5,000 EUR, usually a round-ish transfer amount.
    long units = (100 + random.nextInt(4_901)) * 10_000L;
    if (random.nextInt(3) == 0) {
      units += random.nextInt(10_000);
    }
    row(fundingRefid(), "deposit", "", Coin.EUR, Coin.EUR.units(units), BigDecimal.ZERO);
  }

  private void depositBtc() {
    // 0.001 to 0.2 BTC from an outside wallet.
    long units = 10_000_000L + random.nextLong(2_000_000_000L);
    row(fundingRefid(), "deposit", "", Coin.BTC, Coin.BTC.units(units), BigDecimal.ZERO);
  }

  /** An earn reward on a held crypto; false when no crypto is held. */
  private boolean reward() {
    Optional<Coin> held = heldCrypto();
    if (held.isEmpty()) {
      return false;
    }
    Coin coin = held.get();
    // 0.001 % to 0.05 % of the holding, at least one unit; a commission now and then.
    BigDecimal holding = balance(coin);
    BigDecimal rate = BigDecimal.valueOf(1 + random.nextInt(50), 5);
    BigDecimal amount = holding.multiply(rate).setScale(coin.scale, RoundingMode.HALF_EVEN);
    if (amount.signum() == 0) {
      amount = coin.units(1);
    }
    BigDecimal fee = BigDecimal.ZERO;
    if (random.nextInt(8) == 0) {
      fee = amount.divide(BigDecimal.TEN, coin.scale, RoundingMode.HALF_EVEN);
    }
    row(tradeStyleRefid(), "earn", "reward", coin, amount, fee);
    return true;
  }

  /** A withdrawal of EUR or a held crypto, sometimes everything; false when nothing is held. */
  private boolean withdraw() {
    Coin coin = random.nextBoolean() ? Coin.EUR : heldCrypto().orElse(Coin.EUR);
    BigDecimal held = balance(coin);
    BigDecimal fee =
        coin == Coin.EUR
            ? Coin.EUR.units(900 + random.nextInt(9_100)) // 0.09 to 1 EUR
            : coin.units(withdrawalFeeUnits(coin));
    BigDecimal available = held.subtract(fee);
    if (available.signum() <= 0) {
      return false;
    }
    BigDecimal amount =
        random.nextInt(5) == 0
            ? available
            : available
                .multiply(BigDecimal.valueOf(5 + random.nextInt(60), 2))
                .setScale(coin.scale, RoundingMode.DOWN);
    if (amount.signum() == 0) {
      return false;
    }
    row(fundingRefid(), "withdrawal", "", coin, amount.negate(), fee);
    return true;
  }

  private long withdrawalFeeUnits(Coin coin) {
    return switch (coin) {
      case BTC -> 100_000L + random.nextInt(400_000); // 0.00001 to 0.00005 BTC
      case ETH -> 10_000_000L + random.nextInt(40_000_000); // 0.001 to 0.005 ETH
      case SOL -> 100_000L + random.nextInt(900_000); // 0.001 to 0.01 SOL
      case EUR -> throw new IllegalStateException("EUR withdrawal fees are not in units: " + coin);
    };
  }

  /**
   * A buy or sell of one crypto against EUR: the EUR row carries the fee, the crypto row none.
   * False when neither side can be paid.
   */
  private boolean trade() {
    Coin coin = pickCrypto();
    boolean buy = random.nextInt(100) < 58;
    if (buy && balance(Coin.EUR).compareTo(BigDecimal.TEN) < 0) {
      buy = false;
    }
    if (!buy && balance(coin).signum() == 0) {
      return false;
    }
    BigDecimal price = price(coin);
    BigDecimal feeRate = BigDecimal.valueOf(MIN_FEE_BPS + random.nextInt(FEE_SPREAD_BPS + 1), 4);
    BigDecimal eur;
    BigDecimal quantity;
    if (buy) {
      // Spend 2 % to 90 % of the EUR held, keeping room for the fee.
      BigDecimal budget =
          balance(Coin.EUR)
              .multiply(BigDecimal.valueOf(2 + random.nextInt(89), 2))
              .divide(BigDecimal.ONE.add(feeRate), Coin.EUR.scale, RoundingMode.DOWN);
      quantity = budget.divide(price, coin.scale, RoundingMode.HALF_EVEN);
      eur = quantity.multiply(price).setScale(Coin.EUR.scale, RoundingMode.HALF_EVEN);
    } else {
      BigDecimal held = balance(coin);
      quantity =
          random.nextInt(6) == 0
              ? held
              : held.multiply(BigDecimal.valueOf(5 + random.nextInt(91), 2))
                  .setScale(coin.scale, RoundingMode.DOWN);
      eur = quantity.multiply(price).setScale(Coin.EUR.scale, RoundingMode.HALF_EVEN);
    }
    BigDecimal fee = eur.multiply(feeRate).setScale(Coin.EUR.scale, RoundingMode.HALF_EVEN);
    if (quantity.signum() == 0 || eur.signum() == 0 || eur.compareTo(fee) <= 0) {
      return false;
    }
    if (buy && balance(Coin.EUR).compareTo(eur.add(fee)) < 0) {
      return false;
    }
    String refid = tradeStyleRefid();
    row(refid, "trade", "tradespot", Coin.EUR, buy ? eur.negate() : eur, fee);
    row(refid, "trade", "tradespot", coin, buy ? quantity : quantity.negate(), BigDecimal.ZERO);
    return true;
  }

  // ---- rows -----------------------------------------------------------------------------------

  /** Writes one row and moves its balance by {@code amount − fee}. */
  private void row(
      String refid, String type, String subtype, Coin coin, BigDecimal amount, BigDecimal fee) {
    String key = coin.code + "|" + SPOT;
    BigDecimal balance =
        balances
            .getOrDefault(key, BigDecimal.ZERO)
            .add(amount)
            .subtract(fee)
            .setScale(coin.scale, RoundingMode.UNNECESSARY);
    if (balance.signum() < 0) {
      throw new IllegalStateException(
          "Balance of " + coin + " would go negative at row " + (rowCount + 1) + ": " + balance);
    }
    balances.put(key, balance);
    rowCount++;
    StringBuilder line = new StringBuilder(180);
    quoted(line, ledgerId()).append(',');
    quoted(line, refid).append(',');
    quoted(line, TIME.format(LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC)))
        .append(',');
    quoted(line, type).append(',');
    quoted(line, subtype).append(',');
    quoted(line, "currency").append(',');
    quoted(line, coin.subclass).append(',');
    quoted(line, coin.code).append(',');
    quoted(line, SPOT).append(',');
    line.append(amount.setScale(coin.scale, RoundingMode.UNNECESSARY).toPlainString()).append(',');
    line.append(
            fee.signum() == 0
                ? "0"
                : fee.setScale(coin.scale, RoundingMode.UNNECESSARY).toPlainString())
        .append(',');
    line.append(balance.toPlainString()).append('\n');
    try {
      out.append(line);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static StringBuilder quoted(StringBuilder line, String text) {
    return line.append('"').append(text).append('"');
  }

  private BigDecimal balance(Coin coin) {
    return balances.getOrDefault(coin.code + "|" + SPOT, BigDecimal.ZERO);
  }

  // ---- ids --------------------------------------------------------------------------------------

  /** Kraken's shape {@code LXXXXX-XXXXX-XXXXXX}; the middle block is the row counter. */
  private String ledgerId() {
    return "L" + randomText(UPPER, 5) + "-" + counter(rowCount, 5) + "-" + randomText(UPPER, 6);
  }

  /** A trade or earn refid, {@code XXXXXXX-XXXXX-XXXXXX}; the middle block is the group counter. */
  private String tradeStyleRefid() {
    return randomText(UPPER, 7) + "-" + counter(groupCount, 5) + "-" + randomText(UPPER, 6);
  }

  /** A funding refid, {@code FT} and 28 letters and digits; the last 8 are the group counter. */
  private String fundingRefid() {
    return "FT" + randomText(MIXED, 20) + counter(groupCount, 8);
  }

  /** The counter in upper-case base 36, zero-padded to {@code width} (wider when it must be). */
  private static String counter(long value, int width) {
    String digits = Long.toString(value, 36).toUpperCase(Locale.ROOT);
    return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
  }

  private String randomText(String alphabet, int length) {
    char[] text = new char[length];
    for (int i = 0; i < length; i++) {
      text[i] = alphabet.charAt(random.nextInt(alphabet.length()));
    }
    return new String(text);
  }

  // ---- prices and choices -----------------------------------------------------------------------

  private void movePrices() {
    // Elapsed time is a few minutes, so the step's deviation is the daily one × √(minutes / day).
    double dayFraction = Math.sqrt(240.0 / 2 / 86_400);
    for (Coin coin : CRYPTO) {
      double log = logPrice.get(coin);
      double pull = -0.0005 * (log - Math.log(coin.startPrice));
      logPrice.put(coin, log + pull + coin.dailyVolatility * dayFraction * random.nextGaussian());
    }
  }

  /**
   * Writes every coin's price at this row's time when it is the first row of a new hour. Draws no
   * random numbers, so the ledger file is the same with or without prices.
   */
  private void writePrices() {
    long hour = Math.floorDiv(epochSecond, 3_600);
    if (prices.isEmpty() || hour == pricedHour) {
      return;
    }
    pricedHour = hour;
    String time = Instant.ofEpochSecond(epochSecond).toString();
    StringBuilder lines = new StringBuilder(120);
    for (Coin coin : CRYPTO) {
      lines.append(time).append(',').append(coin.code).append(',');
      lines.append(price(coin).toPlainString()).append('\n');
    }
    try {
      prices.get().append(lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The coin's EUR price with two decimals, as Kraken quotes these pairs. */
  private BigDecimal price(Coin coin) {
    return BigDecimal.valueOf(Math.exp(logPrice.get(coin))).setScale(2, RoundingMode.HALF_EVEN);
  }

  private Coin pickCrypto() {
    int roll = random.nextInt(10);
    return roll < 5 ? Coin.BTC : roll < 8 ? Coin.ETH : Coin.SOL;
  }

  /** A held crypto, starting the search at a random one; empty when none is held. */
  private Optional<Coin> heldCrypto() {
    int first = random.nextInt(CRYPTO.length);
    for (int i = 0; i < CRYPTO.length; i++) {
      Coin coin = CRYPTO[(first + i) % CRYPTO.length];
      if (balance(coin).signum() > 0) {
        return Optional.of(coin);
      }
    }
    return Optional.empty();
  }
}
