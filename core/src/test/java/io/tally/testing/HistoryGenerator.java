package io.tally.testing;

import io.tally.ledger.CashFlow;
import io.tally.ledger.EventId;
import io.tally.ledger.FlowKind;
import io.tally.ledger.InternalMove;
import io.tally.ledger.LedgerEvent;
import io.tally.ledger.Trade;
import io.tally.ledger.TradeKind;
import io.tally.money.Amount;
import io.tally.money.Asset;
import io.tally.money.Pair;
import io.tally.money.Price;
import io.tally.valuation.PriceTable;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded, valid and realistic Kraken spot account histories, for property tests and benchmarks. The
 * same seed and length always give the same history.
 *
 * <p>A history holds USD (the base currency), EUR, XBT, ETH, DOT, USDT and KFEE. It mixes fiat,
 * crypto and KFEE deposits, withdrawals (never more than held, sometimes everything), staking
 * rewards (now and then with a commission), spot moves to and from Earn, order-book and Buy Crypto
 * trades on USD, EUR and crypto pairs with fees in the quote, the base, KFEE (once KFEE was
 * deposited; sometimes KFEE plus the quote, as Kraken does when the credits run out) or a third
 * asset, and dust sweeps of several assets into one. Quantities have the asset's ledger decimals (4
 * for fiat, 8 for crypto, 2 for KFEE); no leg is zero or negative and nothing is ever sold,
 * withdrawn or paid beyond what is held, so replaying a history raises no data issue.
 *
 * <p>Events come in replay order ({@link LedgerEvent#ORDER}): ids {@code E000001}, {@code E000002},
 * ... (wider when the history needs it) and timestamps with microseconds that increase, about 6% of
 * the time staying equal. Prices follow a random walk per asset in event time with realistic levels
 * and Kraken's pair decimals (XBT 1, ETH 2, DOT 4, USDT and EUR 5). The price table has a point for
 * every priced asset at the first event and the first event of every UTC day, and one for each
 * asset an event touches at that event's time, so that the last point at or before any event time
 * is the price the generator used. KFEE is not in the table: it is worth 0.01 USD by rule
 * (ACCOUNTING.md §3).
 *
 * <p>Example: {@code HistoryGenerator.generate(42, 300).events()}. A million events take a few
 * seconds. Stateless and thread-safe; each call builds its own generator.
 */
public final class HistoryGenerator {

  /** Euro, a priced fiat currency. */
  public static final Asset EUR = Asset.of("EUR");

  /** Ether. */
  public static final Asset ETH = Asset.of("ETH");

  /** Polkadot, the staking asset. */
  public static final Asset DOT = Asset.of("DOT");

  /** Tether, a stablecoin priced by its pair. */
  public static final Asset USDT = Asset.of("USDT");

  /** Every asset of a generated history, the base currency first. */
  public static final List<Asset> ASSETS =
      List.of(Asset.USD, EUR, Asset.XBT, ETH, DOT, USDT, Asset.KFEE);

  /** The strategy tags trades carry. */
  public static final List<String> STRATEGIES = List.of(Trade.MANUAL, "trend_v1", "grid_v2");

  /** The source of every generated price point. */
  public static final String PRICE_SOURCE = "generator";

  /** When the first event may happen (it happens shortly after). */
  public static final Instant START = Instant.parse("2022-01-03T00:00:00Z");

  // Asset indexes into the tables below (the order of ASSETS).
  private static final int USD = 0;
  private static final int EURO = 1;
  private static final int BITCOIN = 2;
  private static final int ETHER = 3;
  private static final int POLKADOT = 4;
  private static final int TETHER = 5;
  private static final int CREDITS = 6;

  private static final Asset[] ASSET = ASSETS.toArray(new Asset[0]);

  /** Zero of each asset, shared: most flows carry a zero fee. */
  private static final Amount[] ZERO = ASSETS.stream().map(Amount::zero).toArray(Amount[]::new);

  /** Ledger decimals of each asset. */
  private static final int[] SCALE = {4, 4, 8, 8, 8, 8, 2};

  /** Price decimals (Kraken pair_decimals against USD); USD and KFEE are fixed. */
  private static final int[] PRICE_SCALE = {0, 5, 1, 2, 4, 5, 2};

  private static final double[] START_PRICE = {1, 1.08, 42_000, 2_500, 7, 1, 0.01};

  /** Daily volatility of each price (a fraction of the price). */
  private static final double[] DAILY_VOLATILITY = {0, 0.004, 0.03, 0.04, 0.05, 0.0005, 0};

  /** Bit mask of the assets with market prices (EUR, XBT, ETH, DOT, USDT). */
  private static final int PRICED = 0b011_1110;

  private static final double[] POW10 = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};
  private static final long[] LONG_POW10 = {
    1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L
  };

  /** Spot pairs as {base, quote} asset indexes. */
  private static final int[][] USD_CRYPTO = {{BITCOIN, USD}, {ETHER, USD}, {POLKADOT, USD}};

  private static final int[][] EUR_CRYPTO = {{BITCOIN, EURO}, {ETHER, EURO}, {POLKADOT, EURO}};
  private static final int[][] STABLE = {{TETHER, USD}, {EURO, USD}, {TETHER, EURO}};
  private static final int[][] CRYPTO_CRYPTO = {
    {ETHER, BITCOIN}, {POLKADOT, BITCOIN}, {POLKADOT, ETHER}, {BITCOIN, TETHER}, {ETHER, TETHER}
  };

  private static final int[] STAKED = {POLKADOT, POLKADOT, ETHER, TETHER, BITCOIN};
  private static final int[] SWEEP_TARGETS = {USD, USD, USD, BITCOIN, TETHER};
  private static final int[] CRYPTO = {BITCOIN, ETHER, POLKADOT, TETHER};
  private static final String[] ROUTES = {
    "spot / main -> earn / flexible", "earn / flexible -> spot / main", "spot / main -> staking"
  };

  private static final long DAY_MICROS = 86_400_000_000L;
  private static final long SECOND_MICROS = 1_000_000L;
  private static final long TWO_HOURS_MICROS = 2 * 3_600 * SECOND_MICROS;

  private final long seed;
  private final SplittableRandom random;
  private final int idWidth;
  private final long meanGap;
  private final List<LedgerEvent> events;
  private final List<Price> points;
  private final long[] held = new long[ASSET.length];
  private final double[] level = START_PRICE.clone();
  private final long[] priceUnits = new long[ASSET.length];
  private final long[] emittedAt = new long[ASSET.length];
  private long micros;
  private Instant now;
  private long day = Long.MIN_VALUE;
  private int touched;
  private int sequence;

  private HistoryGenerator(long seed, int events) {
    this(seed, events, Duration.ofDays(2 * 365));
  }

  private HistoryGenerator(long seed, int events, Duration span) {
    if (events < 0) {
      throw new IllegalArgumentException("A history cannot have " + events + " events");
    }
    this.seed = seed;
    this.random = new SplittableRandom(seed);
    this.idWidth = idWidth(events);
    this.meanGap =
        Math.max(SECOND_MICROS, Math.min(TWO_HOURS_MICROS, span.toNanos() / 1000 / (events + 1)));
    this.events = new ArrayList<>(events + ASSET.length);
    this.points = new ArrayList<>((int) Math.min(1L << 24, events * 2L + 16));
    this.micros = START.getEpochSecond() * SECOND_MICROS;
    this.now = START;
    for (int i = 0; i < ASSET.length; i++) {
      // Each seed starts from its own levels, within ±20% of the typical one.
      level[i] = START_PRICE[i] * (isPriced(i) ? 0.8 + 0.4 * random.nextDouble() : 1);
      priceUnits[i] = Math.max(1, Math.round(level[i] * POW10[PRICE_SCALE[i]]));
      emittedAt[i] = Long.MIN_VALUE;
    }
  }

  /**
   * A history of exactly {@code events} events.
   *
   * @throws IllegalArgumentException when {@code events} is negative
   */
  public static GeneratedHistory generate(long seed, int events) {
    HistoryGenerator generator = new HistoryGenerator(seed, events);
    generator.body(events);
    return generator.history();
  }

  /**
   * A history of exactly {@code events} events spread over about {@code span} (events are at most
   * two hours apart on average, so a long span of few events ends sooner), as {@code generate(seed,
   * events)} spreads them over two years.
   *
   * @throws IllegalArgumentException when {@code events} is negative
   */
  public static GeneratedHistory generate(long seed, int events, Duration span) {
    HistoryGenerator generator = new HistoryGenerator(seed, events, span);
    generator.body(events);
    return generator.history();
  }

  /**
   * A history of {@code events} events followed by the disposal of every non-base asset still held
   * (one event each, at most six: a sale for USD with the fee in USD or in the sold asset, a
   * withdrawal, or for KFEE an adjustment that expires the credits), so that it ends holding only
   * USD.
   */
  public static GeneratedHistory generateFlat(long seed, int events) {
    HistoryGenerator generator = new HistoryGenerator(seed, events);
    generator.body(events);
    int[] order = {EURO, BITCOIN, ETHER, POLKADOT, TETHER, CREDITS};
    generator.shuffle(order);
    for (int asset : order) {
      generator.close(asset);
    }
    return generator.history();
  }

  /**
   * A history of {@code events} events that ends by disposing of the whole holding of {@code asset}
   * (buying or depositing some first when none is held): one or two events more.
   *
   * @throws IllegalArgumentException when {@code asset} is the base currency or not generated
   */
  public static GeneratedHistory generateClosing(long seed, int events, Asset asset) {
    int index = ASSETS.indexOf(asset);
    if (index <= USD) {
      throw new IllegalArgumentException(
          "Cannot close " + asset + ": not a generated non-base asset");
    }
    HistoryGenerator generator = new HistoryGenerator(seed, events);
    generator.body(events);
    if (generator.held[index] == 0) {
      generator.advance();
      if (index == EURO) {
        generator.depositFiat(EURO);
      } else {
        generator.deposit(index);
      }
      generator.emitPrices();
    }
    generator.close(index);
    return generator.history();
  }

  /**
   * Digits of the event ids of a history of {@code events} events (plus the few a closing variant
   * appends): at least 6, more when needed, so that ids sort in replay order.
   */
  static int idWidth(int events) {
    return Math.max(6, Integer.toString(events + ASSET.length).length());
  }

  private GeneratedHistory history() {
    return new GeneratedHistory(events, PriceTable.of(points), seed);
  }

  // ---- the body of a history -----------------------------------------------------------------

  private void body(int count) {
    for (int i = 0; i < count; i++) {
      advance();
      if (events.isEmpty() || !randomEvent()) {
        depositFiat();
      }
      emitPrices();
    }
  }

  private boolean randomEvent() {
    int roll = random.nextInt(1000);
    if (roll < 60) {
      return depositFiat();
    } else if (roll < 85) {
      return deposit(pick(CRYPTO));
    } else if (roll < 95) {
      return deposit(CREDITS);
    } else if (roll < 155) {
      return withdraw();
    } else if (roll < 255) {
      return reward();
    } else if (roll < 275) {
      return internalMove();
    } else if (roll < 300) {
      return dustSweep();
    } else if (roll < 590) {
      return trade(pick(USD_CRYPTO));
    } else if (roll < 750) {
      return trade(pick(EUR_CRYPTO));
    } else if (roll < 850) {
      return trade(pick(STABLE));
    } else {
      return trade(pick(CRYPTO_CRYPTO));
    }
  }

  private boolean depositFiat() {
    return depositFiat(random.nextInt(10) < 7 ? USD : EURO);
  }

  private boolean depositFiat(int asset) {
    long units = random.nextLong(100 * LONG_POW10[4], 25_000 * LONG_POW10[4]);
    if (random.nextBoolean()) {
      units -= units % LONG_POW10[4]; // a round amount
    }
    long fee = random.nextInt(10) == 0 ? random.nextLong(1, 5 * LONG_POW10[4]) : 0;
    flow(FlowKind.DEPOSIT, asset, units, fee);
    return true;
  }

  /** A deposit of a crypto asset or KFEE credits; always possible. */
  private boolean deposit(int asset) {
    if (isFiat(asset)) {
      return depositFiat(asset);
    }
    long units;
    if (asset == CREDITS) {
      units = random.nextLong(1_000, 50_000) * LONG_POW10[SCALE[CREDITS]]; // whole credits
    } else {
      units = Math.max(1, unitsWorth(asset, 50 + random.nextDouble() * 10_000));
    }
    long fee = asset != CREDITS && random.nextInt(20) == 0 ? Math.max(1, units / 2_000) : 0;
    flow(FlowKind.DEPOSIT, asset, units, fee);
    return true;
  }

  private boolean withdraw() {
    int asset = heldAmong(new int[] {USD, EURO, BITCOIN, ETHER, POLKADOT, TETHER});
    if (asset < 0) {
      return false;
    }
    long holding = held[asset];
    long fee = 0;
    if (random.nextInt(10) < 7) {
      fee =
          isFiat(asset)
              ? random.nextLong(1, 5 * LONG_POW10[4])
              : Math.max(1, (long) (holding * random.nextDouble() * 0.005));
    }
    long units;
    if (random.nextInt(5) == 0) {
      units = holding - fee; // everything
    } else {
      units = (long) (holding * (0.05 + 0.75 * random.nextDouble()));
    }
    if (units + fee > holding) {
      units = holding - fee;
    }
    if (units <= 0) {
      units = holding;
      fee = 0;
    }
    flow(FlowKind.WITHDRAWAL, asset, -units, fee);
    return true;
  }

  private boolean reward() {
    int asset = pick(STAKED);
    long units = unitsWorth(asset, 0.01 + random.nextDouble() * 40);
    if (units <= 0) {
      return false;
    }
    long fee = 0;
    if (random.nextInt(100) < 15) {
      fee = (long) (units * (0.05 + 0.1 * random.nextDouble()));
    }
    flow(FlowKind.REWARD, asset, units, fee);
    return true;
  }

  private boolean internalMove() {
    int asset = heldAmong(CRYPTO);
    if (asset < 0) {
      return false;
    }
    long units = (long) (held[asset] * (0.1 + 0.9 * random.nextDouble()));
    if (units <= 0) {
      return false;
    }
    long fee = random.nextInt(10) == 0 ? Math.min(held[asset], Math.max(1, units / 1_000)) : 0;
    held[asset] -= fee;
    events.add(
        new InternalMove(
            nextId(), now, amount(asset, units), amount(asset, fee), ROUTES[random.nextInt(3)]));
    return true;
  }

  /** Convert small balances: two to four crypto holdings into USD, XBT or USDT. */
  private boolean dustSweep() {
    int target = pick(SWEEP_TARGETS);
    int[] sources = new int[CRYPTO.length];
    int count = 0;
    for (int asset : CRYPTO) {
      if (asset != target && held[asset] > 0) {
        sources[count++] = asset;
      }
    }
    if (count < 2) {
      return false;
    }
    shuffle(sources, count);
    int legs = 2 + random.nextInt(Math.min(4, count) - 1);
    long[] units = new long[legs];
    double value = 0;
    for (int i = 0; i < legs; i++) {
      int asset = sources[i];
      double holdingValue = usd(asset, held[asset]);
      if (holdingValue < 50) {
        units[i] = held[asset]; // dust: the whole balance
      } else {
        // Not dust, but a small slice still exercises the pro-rata split of the swap's value.
        units[i] =
            Math.min(held[asset], Math.max(1, unitsWorth(asset, 1 + 9 * random.nextDouble())));
      }
      value += usd(asset, units[i]);
    }
    long bought = unitsWorth(target, value * (0.97 + 0.02 * random.nextDouble()));
    if (bought <= 0) {
      return false;
    }
    long fee = 0;
    if (random.nextInt(4) == 0) {
      fee = Math.max(1, bought / 200);
    }
    List<Amount> sold = new ArrayList<>(legs);
    for (int i = 0; i < legs; i++) {
      sold.add(amount(sources[i], units[i]));
      held[sources[i]] -= units[i];
    }
    held[target] += bought - fee;
    events.add(
        new Trade(
            nextId(),
            now,
            TradeKind.DUST_SWEEP,
            new Pair(ASSET[sources[0]], ASSET[target]),
            sold,
            List.of(amount(target, bought)),
            fee > 0 ? List.of(amount(target, fee)) : List.of(),
            Trade.MANUAL));
    return true;
  }

  /** A buy or sell of the pair's base; false when neither side is held. */
  private boolean trade(int[] pair) {
    int base = pair[0];
    int quote = pair[1];
    boolean buy = random.nextBoolean();
    if (held[buy ? quote : base] <= 0) {
      buy = !buy;
    }
    int sold = buy ? quote : base;
    int bought = buy ? base : quote;
    if (held[sold] <= 0) {
      return false;
    }
    long soldUnits =
        random.nextInt(5) == 0
            ? held[sold]
            : (long) (held[sold] * (0.03 + 0.47 * random.nextDouble()));
    if (soldUnits <= 0) {
      return false;
    }
    double feeValue = usd(sold, soldUnits) * (0.001 + 0.0016 * random.nextDouble());

    // Fee legs: at most two (KFEE and the quote when the credits run short).
    int[] feeAsset = new int[2];
    long[] feeUnits = new long[2];
    int fees = 0;
    int mode = random.nextInt(100);
    if (mode < 15) {
      fees = 0;
    } else if (mode < 60) {
      feeAsset[0] = quote;
      fees = 1;
    } else if (mode < 75) {
      feeAsset[0] = base;
      fees = 1;
    } else if (mode < 92) {
      long credits =
          Math.max(1, Math.round(feeValue / START_PRICE[CREDITS] * POW10[SCALE[CREDITS]]));
      if (held[CREDITS] >= credits) {
        feeAsset[0] = CREDITS;
        feeUnits[0] = credits;
        fees = 1;
      } else if (held[CREDITS] > 0) {
        feeAsset[0] = CREDITS;
        feeUnits[0] = held[CREDITS];
        feeAsset[1] = quote;
        feeValue -= usd(CREDITS, held[CREDITS]);
        fees = 2;
      } else {
        feeAsset[0] = quote;
        fees = 1;
      }
    } else {
      int third = heldAmong(new int[] {USD, EURO, BITCOIN, ETHER, POLKADOT, TETHER}, base, quote);
      if (third >= 0) {
        feeAsset[0] = third;
        fees = 1;
      }
    }
    for (int i = 0; i < fees; i++) {
      if (feeAsset[i] != CREDITS) {
        feeUnits[i] = Math.max(1, unitsWorth(feeAsset[i], feeValue));
      }
    }
    // Affordability: a fee in the sold asset comes out of the holding next to the sold units; one
    // in the bought asset out of the holding plus what was bought; any other out of its holding.
    for (int i = 0; i < fees; i++) {
      if (feeAsset[i] == sold && soldUnits + feeUnits[i] > held[sold]) {
        soldUnits = held[sold] - feeUnits[i];
        if (soldUnits <= 0) {
          return false;
        }
      }
    }
    double slippage = 1 + (random.nextDouble() - 0.5) * 0.004;
    long boughtUnits = unitsWorth(bought, usd(sold, soldUnits) * slippage);
    if (boughtUnits <= 0) {
      return false;
    }
    int kept = 0;
    for (int i = 0; i < fees; i++) {
      long available = held[feeAsset[i]] + (feeAsset[i] == bought ? boughtUnits : 0);
      if (feeAsset[i] == sold) {
        available -= soldUnits;
      }
      if (feeUnits[i] <= available) {
        feeAsset[kept] = feeAsset[i];
        feeUnits[kept] = feeUnits[i];
        kept++;
      }
    }
    List<Amount> feeLegs = new ArrayList<>(kept);
    for (int i = 0; i < kept; i++) {
      feeLegs.add(amount(feeAsset[i], feeUnits[i]));
    }
    Amount soldLeg = amount(sold, soldUnits);
    Amount boughtLeg = amount(bought, boughtUnits);
    held[sold] -= soldUnits;
    held[bought] += boughtUnits;
    for (int i = 0; i < kept; i++) {
      held[feeAsset[i]] -= feeUnits[i];
    }
    boolean app = buy && isFiat(quote) && random.nextInt(10) == 0;
    events.add(
        new Trade(
            nextId(),
            now,
            app ? TradeKind.SPEND_RECEIVE : TradeKind.ORDER_BOOK,
            new Pair(ASSET[base], ASSET[quote]),
            List.of(soldLeg),
            List.of(boughtLeg),
            feeLegs,
            app ? Trade.MANUAL : strategy()));
    return true;
  }

  // ---- closing a holding ---------------------------------------------------------------------

  /** Disposes of the whole holding of a non-base asset in one event; nothing when none is held. */
  private void close(int asset) {
    if (held[asset] == 0) {
      return;
    }
    advance();
    long holding = held[asset];
    if (asset == CREDITS) {
      flow(FlowKind.ADJUSTMENT, CREDITS, -holding, 0); // unused credits expire
    } else {
      int route = random.nextInt(3);
      boolean done = false;
      if (route == 0) {
        done = sellAll(asset, holding, false);
      } else if (route == 1) {
        done = sellAll(asset, holding, true);
      }
      if (!done) {
        long fee = holding >= 2 && random.nextBoolean() ? Math.max(1, holding / 1_000) : 0;
        flow(FlowKind.WITHDRAWAL, asset, -(holding - fee), fee);
      }
    }
    emitPrices();
    if (held[asset] != 0) {
      throw new IllegalStateException("Closing " + ASSET[asset] + " left " + held[asset]);
    }
  }

  /** Sells the whole holding for USD, paying the fee in USD or out of the holding. */
  private boolean sellAll(int asset, long holding, boolean feeInAsset) {
    long fee = feeInAsset ? Math.max(1, holding / 400) : 0;
    long soldUnits = holding - fee;
    if (soldUnits <= 0) {
      return false;
    }
    long usdUnits = unitsWorth(USD, usd(asset, soldUnits));
    if (usdUnits <= 0) {
      return false;
    }
    long usdFee = feeInAsset ? 0 : usdUnits / 400;
    List<Amount> fees =
        feeInAsset
            ? List.of(amount(asset, fee))
            : usdFee > 0 ? List.of(amount(USD, usdFee)) : List.of();
    held[asset] = 0;
    held[USD] += usdUnits - usdFee;
    events.add(
        new Trade(
            nextId(),
            now,
            TradeKind.ORDER_BOOK,
            new Pair(ASSET[asset], Asset.USD),
            List.of(amount(asset, soldUnits)),
            List.of(amount(USD, usdUnits)),
            fees,
            strategy()));
    return true;
  }

  // ---- time, prices, helpers -----------------------------------------------------------------

  /** Moves the clock (about 6% of the time not at all) and the prices with it. */
  private void advance() {
    touched = 0;
    if (!events.isEmpty() && random.nextInt(100) < 6) {
      return;
    }
    long gap = 1 + random.nextLong(2 * meanGap);
    micros += gap;
    now = Instant.ofEpochSecond(micros / SECOND_MICROS, (micros % SECOND_MICROS) * 1_000);
    double sqrtDays = Math.sqrt((double) gap / DAY_MICROS);
    for (int i = EURO; i <= TETHER; i++) {
      double shock = (2 * random.nextDouble() - 1) * 1.7320508075688772; // unit variance
      if (i == TETHER) {
        level[i] = 1 + Math.max(-0.01, Math.min(0.01, 0.98 * (level[i] - 1) + 0.0005 * shock));
      } else {
        level[i] *= 1 + DAILY_VOLATILITY[i] * sqrtDays * shock;
        level[i] = Math.max(0.3 * START_PRICE[i], Math.min(3 * START_PRICE[i], level[i]));
      }
      priceUnits[i] = Math.max(1, Math.round(level[i] * POW10[PRICE_SCALE[i]]));
    }
  }

  /** Price points for the assets the event touched (every priced asset on a new day). */
  private void emitPrices() {
    long today = Math.floorDiv(micros, DAY_MICROS);
    int mask = touched & PRICED;
    if (today != day) {
      day = today;
      mask = PRICED;
    }
    for (int i = EURO; i <= TETHER; i++) {
      if ((mask & (1 << i)) != 0 && emittedAt[i] != micros) {
        points.add(
            new Price(
                ASSET[i], BigDecimal.valueOf(priceUnits[i], PRICE_SCALE[i]), now, PRICE_SOURCE));
        emittedAt[i] = micros;
      }
    }
  }

  private void flow(FlowKind kind, int asset, long signedUnits, long fee) {
    held[asset] += signedUnits - fee;
    if (held[asset] < 0) {
      throw new IllegalStateException(
          "Generator overdrew " + ASSET[asset] + " (seed " + seed + ")");
    }
    events.add(new CashFlow(nextId(), now, kind, amount(asset, signedUnits), amount(asset, fee)));
  }

  private Amount amount(int asset, long units) {
    touched |= 1 << asset;
    if (units == 0) {
      return ZERO[asset];
    }
    return new Amount(ASSET[asset], BigDecimal.valueOf(units, SCALE[asset]));
  }

  private EventId nextId() {
    String digits = Integer.toString(++sequence);
    StringBuilder id = new StringBuilder(idWidth + 1).append('E');
    for (int i = digits.length(); i < idWidth; i++) {
      id.append('0');
    }
    return new EventId(id.append(digits).toString());
  }

  private String strategy() {
    int roll = random.nextInt(10);
    return STRATEGIES.get(roll < 4 ? 0 : roll < 7 ? 1 : 2);
  }

  private double price(int asset) {
    if (asset == USD) {
      return 1;
    }
    if (asset == CREDITS) {
      return START_PRICE[CREDITS];
    }
    return priceUnits[asset] / POW10[PRICE_SCALE[asset]];
  }

  /** The USD value of some units, approximately (only to size events). */
  private double usd(int asset, long units) {
    return units / POW10[SCALE[asset]] * price(asset);
  }

  /** The whole units of an asset worth about {@code usd}, rounded down. */
  private long unitsWorth(int asset, double usd) {
    return (long) Math.floor(usd / price(asset) * POW10[SCALE[asset]]);
  }

  /** A held asset among the candidates other than the excluded ones, or -1. */
  private int heldAmong(int[] candidates, int... excluded) {
    int start = random.nextInt(candidates.length);
    for (int i = 0; i < candidates.length; i++) {
      int asset = candidates[(start + i) % candidates.length];
      if (held[asset] > 0 && !contains(excluded, asset)) {
        return asset;
      }
    }
    return -1;
  }

  private static boolean contains(int[] values, int value) {
    for (int candidate : values) {
      if (candidate == value) {
        return true;
      }
    }
    return false;
  }

  private int pick(int[] values) {
    return values[random.nextInt(values.length)];
  }

  private int[] pick(int[][] values) {
    return values[random.nextInt(values.length)];
  }

  private void shuffle(int[] values) {
    shuffle(values, values.length);
  }

  private void shuffle(int[] values, int count) {
    for (int i = count - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = values[i];
      values[i] = values[j];
      values[j] = swap;
    }
  }

  private static boolean isPriced(int asset) {
    return (PRICED & (1 << asset)) != 0;
  }

  private static boolean isFiat(int asset) {
    return asset == USD || asset == EURO;
  }
}
