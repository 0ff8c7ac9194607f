package io.tally.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class AccountGeneratorTest {

  private static final Instant END = Instant.parse("2026-11-23T12:00:00Z");

  @Test
  void theSameSeedGivesTheSameAccountRowForRow() {
    SimulatedAccount first = AccountGenerator.generate(7, 20, END);
    SimulatedAccount second = AccountGenerator.generate(7, 20, END);
    assertThat(second.ledger()).isEqualTo(first.ledger());
    assertThat(second.trades()).isEqualTo(first.trades());
    assertThat(second.orders()).isEqualTo(first.orders());
    assertThat(second.balances()).isEqualTo(first.balances());
    first.advance(Duration.ofHours(6));
    second.advance(Duration.ofHours(6));
    assertThat(second.ledger()).isEqualTo(first.ledger());
  }

  @Test
  void anotherSeedGivesAnotherAccount() {
    SimulatedAccount first = AccountGenerator.generate(7, 20, END);
    SimulatedAccount other = AccountGenerator.generate(8, 20, END);
    assertThat(other.ledger().get(0).id()).isNotEqualTo(first.ledger().get(0).id());
    assertThat(other.price("XXBTZUSD")).isNotEqualByComparingTo(first.price("XXBTZUSD"));
  }

  @ParameterizedTest(name = "seed {0}, {1} days")
  @CsvSource({"1, 1", "2, 3", "42, 30", "1234, 90", "-5, 14"})
  void everyBalanceChainIsConsistentAndEndsAtTheBalance(long seed, int days) {
    SimulatedAccount account = AccountGenerator.generate(seed, days, END);
    account.advance(Duration.ofHours(5));
    assertConsistent(account);
  }

  @ParameterizedTest(name = "seed {0}, {1} days")
  @CsvSource({"1, 1", "2, 3", "42, 30", "1234, 90", "-5, 14"})
  void theHistoryHasEveryKindOfEvent(long seed, int days) {
    assertEveryKindOfEvent(AccountGenerator.generate(seed, days, END));
  }

  /** Seeds and lengths drawn from a fixed stream; each case's name shows its seed. */
  static Stream<Arguments> drawnSeeds() {
    SplittableRandom random = new SplittableRandom(20_261_123L);
    return IntStream.range(0, 16)
        .mapToObj(i -> Arguments.of(random.nextLong(), 1 + random.nextInt(60)));
  }

  @ParameterizedTest(name = "seed {0}, {1} days")
  @MethodSource("drawnSeeds")
  void anyDrawnSeedKeepsEveryInvariant(long seed, int days) {
    SimulatedAccount account = AccountGenerator.generate(seed, days, END);
    assertEveryKindOfEvent(account);
    account.advance(Duration.ofHours(7));
    assertConsistent(account);
  }

  static void assertEveryKindOfEvent(SimulatedAccount account) {
    List<LedgerEntry> ledger = account.ledger();
    Set<String> kinds =
        ledger.stream()
            .map(e -> e.type() + "/" + e.subtype() + "/" + e.asset())
            .collect(Collectors.toSet());
    assertThat(kinds)
        .contains(
            "deposit//ZUSD",
            "deposit//ZEUR",
            "deposit//XXBT",
            "deposit//KFEE",
            "transfer/spottostaking/DOT",
            "transfer/stakingfromspot/DOT.S",
            "staking//DOT.S",
            "trade/tradespot/KFEE");
    // A withdrawal, and a failed one reversed with a negative fee under the same refid.
    Map<String, List<LedgerEntry>> withdrawals =
        ledger.stream()
            .filter(e -> e.type().equals("withdrawal"))
            .collect(Collectors.groupingBy(LedgerEntry::refid));
    assertThat(withdrawals.values()).anyMatch(rows -> rows.size() == 1);
    assertThat(withdrawals.values())
        .anyMatch(
            rows ->
                rows.size() == 2
                    && rows.get(0).amount().signum() < 0
                    && rows.get(1).amount().compareTo(rows.get(0).amount().negate()) == 0
                    && rows.get(1).fee().compareTo(rows.get(0).fee().negate()) == 0
                    && rows.get(1).fee().signum() < 0);
    // KFEE fee rows: amount 0, fee > 0.
    assertThat(ledger)
        .filteredOn(e -> e.asset().equals("KFEE") && e.type().equals("trade"))
        .allMatch(e -> e.amount().signum() == 0 && e.fee().signum() > 0);
    List<Fill> trades = account.trades();
    assertThat(trades)
        .extracting(Fill::feeSource)
        .contains(FeeSource.QUOTE, FeeSource.BASE, FeeSource.KFEE);
    assertThat(trades).extracting(Fill::pair).contains("XETHXXBT");
    List<Order> orders = account.orders();
    assertThat(orders).extracting(Order::userref).contains(0, TrendBot.USERREF, GridBot.USERREF);
    assertThat(orders)
        .anyMatch(o -> o.clOrdId().filter(id -> id.startsWith("KRKKD:grid_v2")).isPresent());
    assertThat(orders)
        .anyMatch(o -> o.status() == OrderStatus.CANCELED && o.volExec().signum() == 0);
    assertThat(orders)
        .anyMatch(o -> o.status() == OrderStatus.EXPIRED && o.volExec().signum() == 0);
    assertThat(orders)
        .anyMatch(
            o ->
                o.status() == OrderStatus.CANCELED
                    && o.volExec().signum() > 0
                    && o.volExec().compareTo(o.vol()) < 0);
    assertThat(orders).anyMatch(o -> o.status() == OrderStatus.OPEN);
  }

  @Test
  void idsLookLikeKrakensAndTradesTieToTheirLedgerRows() {
    SimulatedAccount account = AccountGenerator.generate(42, 30, END);
    Set<String> ledgerIds = new HashSet<>();
    for (LedgerEntry entry : account.ledger()) {
      assertThat(entry.id()).matches("L[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{6}");
      assertThat(ledgerIds.add(entry.id())).isTrue();
      String refid =
          switch (entry.type()) {
            case "trade" -> "T[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{6}";
            case "deposit", "withdrawal" -> "FT[A-Z0-9]{5}-[A-Za-z0-9]{22}";
            default -> "(ST|RU)[A-Z0-9]{5}-[A-Z0-9]{5,6}-[A-Z0-9]{6}";
          };
      assertThat(entry.refid()).matches(refid);
    }
    Map<String, List<LedgerEntry>> byRefid =
        account.ledger().stream().collect(Collectors.groupingBy(LedgerEntry::refid));
    Map<String, Order> orders = new HashMap<>();
    account.orders().forEach(o -> orders.put(o.txid(), o));
    for (Fill fill : account.trades()) {
      assertThat(fill.txid()).matches("T[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{6}");
      assertThat(byRefid.get(fill.txid()))
          .extracting(LedgerEntry::id)
          .containsExactlyElementsOf(fill.ledgerIds());
      assertThat(orders.get(fill.orderTxid()).tradeIds()).contains(fill.txid());
      // cost = price × vol at the booking scale; the fee is 0.25 % (maker) or 0.4 % (taker) of it.
      ListedPair pair = account.listing().pair(fill.pair());
      assertThat(fill.cost())
          .isEqualByComparingTo(
              fill.price()
                  .multiply(fill.vol())
                  .setScale(pair.bookingScale(), java.math.RoundingMode.HALF_EVEN));
    }
    for (Order order : account.orders()) {
      assertThat(order.txid()).matches("O[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{6}");
    }
  }

  @Test
  void advancingAddsTradesAndKeepsTheBooksConsistent() {
    SimulatedAccount account = AccountGenerator.generate(3, 10, END);
    int trades = account.trades().size();
    int rows = account.ledger().size();
    account.advance(Duration.ofMinutes(1));
    assertThat(account.trades().size()).isGreaterThan(trades);
    assertThat(account.ledger().size()).isGreaterThanOrEqualTo(rows + 2);
    assertThat(account.now()).isAfterOrEqualTo(END.plus(Duration.ofMinutes(1)));
    account.advance(Duration.ofDays(2));
    assertThat(account.ledger())
        .filteredOn(e -> e.time().isAfter(END))
        .extracting(LedgerEntry::type)
        .contains("trade");
    assertConsistent(account);
  }

  @Test
  void marketOrdersBookTheirTradeAndInsufficientFundsAreRefused() {
    SimulatedAccount account = AccountGenerator.generate(11, 5, END);
    BigDecimal usd = account.balances().get("ZUSD");
    Order order =
        account.submit(
            OrderRequest.market("XBTUSD", Side.BUY, new BigDecimal("0.001")).withUserref(77));
    assertThat(order.status()).isEqualTo(OrderStatus.CLOSED);
    assertThat(order.userref()).isEqualTo(77);
    Fill fill = account.trades().get(account.trades().size() - 1);
    assertThat(fill.orderTxid()).isEqualTo(order.txid());
    assertThat(fill.price()).isEqualByComparingTo(account.price("XXBTZUSD"));
    assertThat(account.balances().get("ZUSD")).isLessThan(usd);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> account.submit(OrderRequest.market("XXBTZUSD", Side.BUY, new BigDecimal("1000"))))
        .isInstanceOf(OrderRejectedException.class)
        .extracting(e -> ((OrderRejectedException) e).error())
        .isEqualTo("EOrder:Insufficient funds");
    assertConsistent(account);
  }

  /** Per asset: balance = previous + amount − fee, never negative, the last equals balances(). */
  static void assertConsistent(SimulatedAccount account) {
    Map<String, BigDecimal> running = new HashMap<>();
    Instant previous = Instant.EPOCH;
    for (LedgerEntry entry : account.ledger()) {
      ListedAsset asset = account.listing().asset(entry.asset());
      assertThat(entry.amount().scale()).isEqualTo(asset.decimals());
      assertThat(entry.time()).isAfterOrEqualTo(previous);
      previous = entry.time();
      BigDecimal before = running.getOrDefault(entry.asset(), BigDecimal.ZERO);
      BigDecimal after = before.add(entry.amount()).subtract(entry.fee());
      assertThat(entry.balance()).as(entry.toString()).isEqualByComparingTo(after);
      assertThat(entry.balance().signum()).as(entry.toString()).isNotNegative();
      running.put(entry.asset(), entry.balance());
    }
    assertThat(account.balances().keySet()).isEqualTo(running.keySet());
    running.forEach(
        (asset, balance) ->
            assertThat(account.balances().get(asset)).isEqualByComparingTo(balance));
    assertThat(account.ledger().get(account.ledger().size() - 1).time())
        .isBeforeOrEqualTo(account.now());
  }
}
