package io.tally.engine.paper;

import static io.tally.engine.paper.PaperFixtures.ETH;
import static io.tally.engine.paper.PaperFixtures.T0;
import static io.tally.engine.paper.PaperFixtures.XBT;
import static org.assertj.core.api.Assertions.assertThat;

import io.tally.ledger.EventId;
import io.tally.ledger.Side;
import io.tally.margin.CarryCharge;
import io.tally.margin.MarginAccount;
import io.tally.margin.MarginBook;
import io.tally.margin.MarginEvent;
import io.tally.margin.MarginFill;
import io.tally.margin.MarginSummary;
import io.tally.margin.TradeLifecycle;
import io.tally.money.Pair;
import io.tally.money.Precision;
import io.tally.testing.Seeds;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Paper accounts over seeded random order sequences against a seeded random market (every order
 * type, both sides, leverage 1, 2 and 5, cancels, hourly funding): equity is the initial balance
 * plus realized PnL less fees and funding plus unrealized PnL, exactly; a cancel changes neither
 * the log nor the account, and every order's fills in the log add up to what it says it filled;
 * replaying the log into a fresh {@link MarginBook} gives the same account; the same seed gives the
 * same events. A failure names its seed; {@code -Dtally.seed=N} replays it.
 */
class PaperAccountPropertyTest {

  private static final List<Pair> PAIRS = List.of(XBT, ETH);
  private static final int MINUTES = 24 * 60;

  /** A random walk per pair, one quote a minute, 0 to 3 public trades a minute around it. */
  static ScriptedMarket market(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    ScriptedMarket market = new ScriptedMarket();
    Map<Pair, Long> tenths = new HashMap<>(Map.of(XBT, 600_000L, ETH, 30_000L));
    for (int minute = 0; minute <= MINUTES; minute++) {
      Instant at = T0.plus(Duration.ofMinutes(minute));
      for (Pair pair : PAIRS) {
        long step = pair.equals(XBT) ? 1_500 : 80;
        long price = Math.max(step, tenths.get(pair) + random.nextLong(-step, step + 1));
        tenths.put(pair, price);
        long spread = 1 + random.nextLong(step / 10 + 1);
        market.quote(
            pair,
            at,
            BigDecimal.valueOf(price - spread, 1),
            BigDecimal.valueOf(price + spread, 1),
            BigDecimal.valueOf(price, 1));
        int trades = random.nextInt(5);
        for (int k = 0; k < trades; k++) {
          long tradePrice = Math.max(1, price + random.nextLong(-step, step + 1));
          market.trade(
              pair,
              at.plusSeconds(1 + random.nextInt(58)),
              BigDecimal.valueOf(tradePrice, 1),
              BigDecimal.valueOf(1 + random.nextInt(50), 3),
              random.nextBoolean() ? Side.BUY : Side.SELL);
        }
      }
    }
    return market;
  }

  private static PaperTerms terms(long seed) {
    return PaperTerms.of("p" + seed)
        .withFunding(new FundingTerms(Duration.ofHours(1), new BigDecimal("0.0001")));
  }

  /** One run: the account and the snapshots taken around each cancel. */
  record Run(PaperAccount account, List<String> cancelProblems) {}

  static Run run(long seed) {
    SplittableRandom random = new SplittableRandom(seed * 31 + 7);
    ScriptedMarket market = market(seed);
    PaperAccount account = PaperAccount.open(terms(seed), market, T0);
    List<String> problems = new ArrayList<>();
    Instant now = T0;
    int actions = Seeds.events(seed);
    for (int i = 0; i < actions; i++) {
      int action = random.nextInt(10);
      if (action < 5) {
        account.placeOrder(order(random, market, now));
      } else if (action < 7 && !account.openOrders().isEmpty()) {
        List<PaperOrder> open = account.openOrders();
        PaperOrder target = open.get(random.nextInt(open.size()));
        List<MarginEvent> before = account.events();
        MarginAccount book = account.account();
        PaperOrder canceled = account.cancelOrder(target.id());
        if (!account.events().equals(before) || !account.account().equals(book)) {
          problems.add("cancel of " + target.id() + " changed the log or the account");
        }
        if (canceled.filledVolume().compareTo(target.filledVolume()) != 0) {
          problems.add("cancel of " + target.id() + " changed its fills");
        }
      } else {
        Instant later = now.plus(Duration.ofMinutes(1 + random.nextInt(90)));
        if (later.isAfter(T0.plus(Duration.ofMinutes(MINUTES)))) {
          continue;
        }
        account.advanceTo(later);
        now = later;
      }
    }
    return new Run(account, problems);
  }

  private static OrderRequest order(SplittableRandom random, ScriptedMarket market, Instant now) {
    Pair pair = PAIRS.get(random.nextInt(PAIRS.size()));
    Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
    OrderType type = OrderType.values()[random.nextInt(OrderType.values().length)];
    BigDecimal last = market.quote(pair, now).orElseThrow().last();
    BigDecimal volume =
        BigDecimal.valueOf(1 + random.nextInt(pair.equals(XBT) ? 60 : 800), 3)
            .multiply(BigDecimal.valueOf(1 + random.nextInt(2)));
    // a price within ±0.5 % of the last, to one decimal: near enough for trades to cross it
    BigDecimal offset = BigDecimal.valueOf(random.nextInt(-50, 51), 4);
    BigDecimal price = last.add(last.multiply(offset)).setScale(1, Precision.ROUNDING);
    // mostly the pair's own leverage, so that few orders clash with an open position's
    int leverage = random.nextInt(10) == 0 ? 1 + random.nextInt(5) : pair.equals(XBT) ? 5 : 1;
    return OrderRequest.of(
            pair,
            side,
            type,
            volume,
            type == OrderType.MARKET ? Optional.empty() : Optional.of(price))
        .withLeverage(leverage);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("io.tally.testing.Seeds#seeds")
  void equityIsTheInitialBalancePlusRealizedLessFeesAndFundingPlusUnrealized(long seed) {
    PaperAccount account = run(seed).account();
    BigDecimal fees = BigDecimal.ZERO;
    BigDecimal funding = BigDecimal.ZERO;
    for (MarginEvent event : account.events()) {
      if (event instanceof MarginFill) {
        fees = fees.add(((MarginFill) event).fee());
      } else if (event instanceof CarryCharge) {
        funding = funding.add(((CarryCharge) event).amount());
      }
    }
    BigDecimal realized =
        account.account().trades().stream()
            .map(TradeLifecycle::realizedPnl)
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    MarginSummary summary = account.summary();

    assertThat(summary.equity())
        .as("seed %d: equity", seed)
        .isEqualByComparingTo(
            account
                .terms()
                .initialBalance()
                .add(realized)
                .subtract(fees)
                .subtract(funding)
                .add(summary.unrealizedPnl()));
    assertThat(fees).as("seed %d: fees", seed).isEqualByComparingTo(account.account().feesPaid());
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("io.tally.testing.Seeds#seeds")
  void cancelsChangeNothingAndOrdersOwnExactlyTheirFills(long seed) {
    Run run = run(seed);
    assertThat(run.cancelProblems()).as("seed %d", seed).isEmpty();
    Map<EventId, MarginFill> fills = new HashMap<>();
    run.account().events().stream()
        .filter(MarginFill.class::isInstance)
        .map(MarginFill.class::cast)
        .forEach(fill -> fills.put(fill.id(), fill));
    int owned = 0;
    for (PaperOrder order : run.account().orders()) {
      BigDecimal volume = BigDecimal.ZERO;
      BigDecimal fee = BigDecimal.ZERO;
      for (EventId id : order.fills()) {
        MarginFill fill = fills.get(id);
        assertThat(fill).as("seed %d: %s fill %s in the log", seed, order.id(), id).isNotNull();
        assertThat(fill.pair()).isEqualTo(order.pair());
        assertThat(fill.side()).isEqualTo(order.side());
        volume = volume.add(fill.quantity());
        fee = fee.add(fill.fee());
        owned++;
      }
      assertThat(volume)
          .as("seed %d: %s volume", seed, order)
          .isEqualByComparingTo(order.filledVolume());
      assertThat(fee).as("seed %d: %s fees", seed, order).isEqualByComparingTo(order.fees());
      if (order.status() == OrderStatus.REJECTED) {
        assertThat(order.fills()).as("seed %d: %s", seed, order).isEmpty();
      }
    }
    // every fill belongs to exactly one listed order (none are dropped: fewer than 1,000 orders)
    assertThat(owned).as("seed %d: fills owned", seed).isEqualTo(fills.size());
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("io.tally.testing.Seeds#seeds")
  void replayingTheLogEqualsTheAccountAndTheSameSeedGivesTheSameEvents(long seed) {
    PaperAccount account = run(seed).account();

    assertThat(MarginBook.replay(account.terms().margin(), account.events()))
        .as("seed %d", seed)
        .isEqualTo(account.account());
    assertThat(run(seed).account().events()).as("seed %d", seed).isEqualTo(account.events());
  }
}
