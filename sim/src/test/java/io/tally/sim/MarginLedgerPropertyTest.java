package io.tally.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Over seeded random sequences of margin market orders (either pair, either side, any listed
 * leverage, hours apart), the quote balance moves only by the margin rows: its change equals Σ
 * realised profit − Σ trade fees − Σ rollover fees; every row keeps {@code balance = previous +
 * amount − fee}; and each position paid one rollover per four hours it stayed open.
 */
class MarginLedgerPropertyTest {

  private static final List<String> PAIRS = List.of("XXBTZUSD", "XETHZUSD");
  private static final BigDecimal DEPOSIT = new BigDecimal("250000");

  static Stream<Arguments> seeds() {
    SplittableRandom random = new SplittableRandom(20_261_201L);
    return IntStream.range(0, 12).mapToObj(i -> Arguments.of(random.nextLong()));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void theQuoteBalanceMovesOnlyByProfitsFeesAndRollovers(long seed) {
    MarginDesk desk = new MarginDesk(seed, DEPOSIT);
    SplittableRandom random = new SplittableRandom(seed);
    Instant time = MarginDesk.START.plus(Duration.ofMinutes(5));
    for (int step = 0; step < 20; step++) {
      time = time.plusSeconds(random.nextLong(60, 6 * 3600));
      desk.simulation.runUntil(time);
      String key = PAIRS.get(random.nextInt(PAIRS.size()));
      ListedPair pair = desk.exchange.listing().pair(key);
      Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
      int leverage = pair.leverage(side).get(random.nextInt(pair.leverage(side).size()));
      BigDecimal usd = BigDecimal.valueOf(random.nextLong(100, 20_000));
      BigDecimal volume =
          Simulation.floor(
              usd.divide(desk.price(key, time), 10, java.math.RoundingMode.DOWN),
              pair.lotDecimals());
      try {
        desk.exchange.submit(
            time, OrderRequest.market(key, side, volume).withLeverage(leverage), Optional.empty());
      } catch (OrderRejectedException rejected) {
        // A too small or too large order; the sequence goes on.
      }
    }
    Instant end = time.plus(Duration.ofHours(9));
    desk.simulation.runUntil(end);

    BigDecimal profits = BigDecimal.ZERO;
    BigDecimal fees = BigDecimal.ZERO;
    for (Fill fill : desk.exchange.fills()) {
      MarginTrade margin = fill.margin().orElseThrow();
      profits = profits.add(margin.profit());
      fees = fees.add(fill.fee());
    }
    BigDecimal rollovers = BigDecimal.ZERO;
    Map<String, Integer> rolloverCount = new HashMap<>();
    Map<String, BigDecimal> balances = new HashMap<>();
    for (LedgerEntry row : desk.exchange.ledger()) {
      BigDecimal before = balances.getOrDefault(row.asset(), BigDecimal.ZERO);
      assertThat(row.balance())
          .as("balance of %s", row)
          .isEqualByComparingTo(before.add(row.amount()).subtract(row.fee()));
      balances.put(row.asset(), row.balance());
      if (row.type().equals("rollover")) {
        rollovers = rollovers.add(row.fee());
        rolloverCount.merge(row.refid(), 1, Integer::sum);
        assertThat(row.amount().signum()).isZero();
      }
    }
    // ZUSD end − deposit = Σ profit − Σ fees − Σ rollovers, to the last 0.0001.
    assertThat(desk.exchange.balance("ZUSD").subtract(DEPOSIT))
        .as("seed %d", seed)
        .isEqualByComparingTo(profits.subtract(fees).subtract(rollovers));
    assertThat(desk.exchange.fills()).as("seed %d trades", seed).isNotEmpty();
    // One rollover per four hours open (closes fall at or after the rollovers due by then).
    for (Position position : desk.exchange.positions()) {
      Instant closedAt =
          position.isOpen()
              ? end
              : desk.exchange.fills().stream()
                  .filter(
                      fill ->
                          fill.txid()
                              .equals(
                                  position
                                      .closingTrades()
                                      .get(position.closingTrades().size() - 1)))
                  .findFirst()
                  .orElseThrow()
                  .time();
      long periods =
          Duration.between(position.time(), closedAt).dividedBy(Position.ROLLOVER_INTERVAL);
      assertThat(rolloverCount.getOrDefault(position.txid(), 0))
          .as("rollovers of %s", position)
          .isEqualTo((int) periods);
    }
  }
}
