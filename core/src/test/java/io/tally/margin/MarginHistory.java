package io.tally.margin;

import io.tally.ledger.EventId;
import io.tally.ledger.Side;
import io.tally.money.Pair;
import io.tally.money.Precision;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded random history of a paper margin account on XBTUSD, ETHUSD and SOLUSD: a first deposit,
 * then fills (adding, reducing, closing exactly and flipping through zero, at leverage up to 125,
 * with fees of 0 to 0.40 %), mark moves, carry charges on open pairs (some received), deposits and
 * withdrawals that {@link MarginSummary#checkWithdrawal} allows. Every event is valid for the book;
 * the same seed gives the same history.
 */
final class MarginHistory {

  private static final List<Pair> PAIRS =
      List.of(MarginFixtures.XBTUSD, MarginFixtures.ETHUSD, MarginFixtures.SOLUSD);
  private static final int[] PRICE_SCALE = {1, 2, 3};
  private static final long[] START_PRICE = {600_000L, 300_000L, 150_000L};
  private static final long[] MAX_UNITS = {50_000_000L, 1_000_000_000L, 20_000_000_000L};
  private static final String[] FEE_RATES = {"0", "0.0016", "0.0026", "0.004"};

  private MarginHistory() {}

  static List<MarginEvent> generate(long seed, int count) {
    SplittableRandom random = new SplittableRandom(seed);
    MarginBook shadow = new MarginBook(MarginFixtures.paper());
    long[] price = START_PRICE.clone();
    Map<Pair, BigDecimal> size = new HashMap<>();
    Map<Pair, Integer> leverage = new HashMap<>();
    List<MarginEvent> events = new ArrayList<>(count);
    Instant at = MarginFixtures.START;
    add(
        events,
        shadow,
        CollateralFlow.deposit(
            EventId.of("D0"), at, BigDecimal.valueOf(1_000_000 + random.nextLong(20_000_000), 2)));
    for (int i = 1; i < count; i++) {
      at = at.plusSeconds(random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(3_600));
      EventId id = EventId.of("E" + i);
      int kind = random.nextInt(100);
      int p = random.nextInt(PAIRS.size());
      Pair pair = PAIRS.get(p);
      if (kind < 55) {
        price[p] = walk(random, price[p]);
        BigDecimal fillPrice = BigDecimal.valueOf(price[p], PRICE_SCALE[p]);
        BigDecimal held = size.getOrDefault(pair, BigDecimal.ZERO);
        int shape = random.nextInt(100);
        Side side;
        BigDecimal quantity;
        if (held.signum() != 0 && shape < 10) {
          side = held.signum() > 0 ? Side.SELL : Side.BUY;
          quantity = held.abs();
        } else if (held.signum() != 0 && shape < 25) {
          side = held.signum() > 0 ? Side.SELL : Side.BUY;
          quantity = held.abs().add(units(random, MAX_UNITS[p]));
        } else {
          side = random.nextBoolean() ? Side.BUY : Side.SELL;
          quantity = units(random, MAX_UNITS[p]);
        }
        boolean adds = held.signum() != 0 && (held.signum() > 0) == (side == Side.BUY);
        int lev =
            adds
                ? leverage.get(pair)
                : random.nextInt(10) == 0 ? 1 + random.nextInt(125) : 1 + random.nextInt(10);
        BigDecimal fee =
            Precision.money(
                Precision.valueOf(quantity, fillPrice)
                    .multiply(new BigDecimal(FEE_RATES[random.nextInt(FEE_RATES.length)])));
        MarginFill fill = new MarginFill(id, at, pair, side, quantity, fillPrice, fee, lev);
        add(events, shadow, fill);
        BigDecimal after = held.add(fill.signedQuantity());
        size.put(pair, after);
        if (!adds) {
          leverage.put(
              pair,
              held.abs().compareTo(quantity) < 0 || held.signum() == 0 ? lev : leverage.get(pair));
        }
      } else if (kind < 70) {
        price[p] = walk(random, price[p]);
        add(
            events,
            shadow,
            new MarkPrice(id, at, pair, BigDecimal.valueOf(price[p], PRICE_SCALE[p])));
      } else if (kind < 80) {
        List<Pair> open =
            PAIRS.stream()
                .filter(q -> size.getOrDefault(q, BigDecimal.ZERO).signum() != 0)
                .toList();
        if (!open.isEmpty()) {
          long cents = -500 + random.nextInt(2_500);
          add(
              events,
              shadow,
              new CarryCharge(
                  id,
                  at,
                  open.get(random.nextInt(open.size())),
                  CarryKind.values()[random.nextInt(CarryKind.values().length)],
                  BigDecimal.valueOf(cents == 0 ? 1 : cents, 2)));
        }
      } else if (kind < 88) {
        add(
            events,
            shadow,
            CollateralFlow.deposit(
                id, at, BigDecimal.valueOf(100_000 + random.nextLong(1_000_000), 2)));
      } else if (kind < 93) {
        MarginSummary now = shadow.account().summary();
        if (now.collateral().signum() > 0) {
          BigDecimal amount =
              Precision.share(
                  now.collateral(),
                  BigDecimal.valueOf(1 + random.nextInt(20)),
                  BigDecimal.valueOf(100));
          if (amount.signum() > 0 && now.checkWithdrawal(amount).allowed()) {
            add(events, shadow, CollateralFlow.withdrawal(id, at, amount));
          }
        }
      } else {
        add(
            events,
            shadow,
            new MarkPrice(id, at, pair, BigDecimal.valueOf(price[p], PRICE_SCALE[p])));
      }
    }
    return events;
  }

  private static void add(List<MarginEvent> events, MarginBook shadow, MarginEvent event) {
    shadow.apply(event);
    events.add(event);
  }

  /** The price moved by up to ±2 %, never below one tick. */
  private static long walk(SplittableRandom random, long unscaled) {
    long step = unscaled / 50;
    return Math.max(1, unscaled + (step == 0 ? 0 : random.nextLong(-step, step + 1)));
  }

  /** Between 1 and {@code max} units of the 8th decimal. */
  private static BigDecimal units(SplittableRandom random, long max) {
    return BigDecimal.valueOf(1 + random.nextLong(max), 8);
  }
}
