package io.tally.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Each fault does what it says, for as many responses as asked, then the simulator recovers. */
class FaultsTest {

  private KrakenSimulator simulator;
  private KrakenTestClient client;

  @BeforeEach
  void start() {
    simulator =
        KrakenSimulator.start(
            AccountGenerator.generate(17, 10, Instant.parse("2026-11-23T12:00:00Z")),
            0,
            SimulatorOptions.defaults().withoutRateLimit());
    client = new KrakenTestClient(simulator);
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 503, 520, 525})
  void httpErrorsComeWithAnHtmlBodyForTheNextResponses(int status) {
    simulator.faults().httpError("Balance", status, 2);
    for (int i = 0; i < 2; i++) {
      KrakenTestClient.Answer answer = client.call("Balance");
      assertThat(answer.status()).isEqualTo(status);
      assertThat(answer.body()).startsWith("<!DOCTYPE html>").contains(Integer.toString(status));
    }
    assertThat(client.call("Balance").status()).isEqualTo(200);
    assertThat(simulator.faults().pending("Balance")).isZero();
  }

  @Test
  void faultsOfOneMethodLeaveTheOthersAlone() {
    simulator.faults().httpError("Ledgers", 520, 1);
    assertThat(client.call("Balance").status()).isEqualTo(200);
    assertThat(client.get("Time").status()).isEqualTo(200);
    assertThat(client.call("Ledgers").status()).isEqualTo(520);
  }

  @Test
  void anyMethodMatchesPublicAndPrivateCalls() {
    simulator.faults().serviceBusy(Faults.ANY_METHOD, 2);
    assertThat(client.get("Time").firstError()).isEqualTo("EService:Busy");
    assertThat(client.call("Balance").firstError()).isEqualTo("EService:Busy");
    assertThat(client.call("Balance").errors()).isEmpty();
  }

  @Test
  void serviceErrorsAreHttp200WithoutResult() {
    simulator.faults().serviceUnavailable("TradesHistory", 1).serviceBusy("TradesHistory", 1);
    KrakenTestClient.Answer unavailable = client.call("TradesHistory");
    assertThat(unavailable.status()).isEqualTo(200);
    assertThat(unavailable.json().toString()).isEqualTo("{\"error\":[\"EService:Unavailable\"]}");
    assertThat(client.call("TradesHistory").json().toString())
        .isEqualTo("{\"error\":[\"EService:Busy\"]}");
    assertThat(client.call("TradesHistory").result().has("trades")).isTrue();
  }

  @Test
  void aDelayLongerThanTheClientsTimeoutTimesItOut() {
    simulator.faults().delay("Balance", Duration.ofMillis(1_500), 1);
    KrakenTestClient impatient =
        new KrakenTestClient(simulator).withTimeout(Duration.ofMillis(300));
    assertThatThrownBy(() -> impatient.call("Balance"))
        .isInstanceOf(UncheckedIOException.class)
        .hasCauseInstanceOf(HttpTimeoutException.class);
    assertThat(client.call("Balance").errors()).isEmpty();
  }

  @Test
  void malformedJsonDoesNotParse() {
    simulator.faults().malformedJson("Ledgers", 1);
    KrakenTestClient.Answer answer = client.call("Ledgers");
    assertThat(answer.status()).isEqualTo(200);
    assertThatThrownBy(answer::json).isInstanceOf(JacksonException.class);
    assertThat(client.call("Ledgers").json().has("result")).isTrue();
  }

  @Test
  void balanceCanComeWithoutResult() {
    simulator.faults().withoutResult("Balance", 1);
    assertThat(client.call("Balance").json().toString()).isEqualTo("{\"error\":[]}");
    assertThat(client.call("Balance").json().has("result")).isTrue();
  }

  @Test
  void aShortPageEndsBeforeCountAlthoughMoreRowsExist() {
    int total = simulator.account().ledger().size();
    simulator.faults().shortPage("Ledgers", 10, 1);
    JsonNode page = client.call("Ledgers").result();
    assertThat(page.get("ledger").size()).isEqualTo(10);
    assertThat(page.get("count").asInt()).isEqualTo(total).isGreaterThan(50);
    simulator.faults().shortPage("TradesHistory", 0, 1);
    JsonNode empty = client.call("TradesHistory", "ofs", "50").result();
    assertThat(empty.get("trades").isEmpty()).isTrue();
    assertThat(empty.get("count").asInt()).isGreaterThan(50);
    assertThat(client.call("Ledgers").result().get("ledger").size()).isEqualTo(50);
  }

  @Test
  void newRowsBetweenPagesShiftTheOffsetsUnlessTheWindowIsFrozen() {
    int before = simulator.account().ledger().size();
    simulator.faults().newRowsAfter("Ledgers", 1);
    JsonNode first = client.call("Ledgers").result();
    assertThat(simulator.account().ledger().size()).isGreaterThanOrEqualTo(before + 2);
    JsonNode second = client.call("Ledgers", "ofs", "50").result();
    assertThat(second.get("count").asInt()).isGreaterThan(first.get("count").asInt());
    Set<String> seen = new HashSet<>(first.get("ledger").propertyNames());
    // The rows at the end of page one come again at the start of page two.
    assertThat(second.get("ledger").propertyNames()).anyMatch(seen::contains);

    // A client that froze its window with end sees the same rows as before the new ones came.
    String end = WireFormat.seconds(simulator.account().now()).toPlainString();
    simulator.faults().newRowsAfter("Ledgers", 1);
    JsonNode frozenFirst = client.call("Ledgers", "end", end).result();
    JsonNode frozenSecond = client.call("Ledgers", "end", end, "ofs", "50").result();
    assertThat(frozenSecond.get("count").asInt()).isEqualTo(frozenFirst.get("count").asInt());
    Set<String> frozenSeen = new HashSet<>(frozenFirst.get("ledger").propertyNames());
    assertThat(frozenSecond.get("ledger").propertyNames()).noneMatch(frozenSeen::contains);
  }

  @Test
  void aBalanceDiscrepancyStaysOnUntilSwitchedOffAndLeavesTheLedgerAlone() {
    SimulatedAccount account = simulator.account();
    BigDecimal xbt = account.balances().get("XXBT");
    String newestRow = account.ledger().get(account.ledger().size() - 1).id();
    simulator.faults().balanceDiscrepancy("XXBT", new BigDecimal("0.01"));

    // The ledger's 0.01 XBT more, every time, in Balance and in BalanceEx; at XXBT's 10 decimals.
    for (int i = 0; i < 2; i++) {
      assertThat(client.call("Balance").result().get("XXBT").asString())
          .isEqualTo(xbt.add(new BigDecimal("0.01")).toPlainString());
    }
    assertThat(client.call("BalanceEx").result().get("XXBT").get("balance").asString())
        .isEqualTo(xbt.add(new BigDecimal("0.01")).toPlainString());
    assertThat(client.call("Balance").result().get("ZUSD").asString())
        .isEqualTo(account.balances().get("ZUSD").toPlainString());
    assertThat(account.balances().get("XXBT")).isEqualTo(xbt);
    assertThat(client.call("Ledgers").result().get("ledger").has(newestRow)).isTrue();
    assertThat(client.call("Ledgers").result().get("count").asInt())
        .isEqualTo(account.ledger().size());

    simulator.faults().clearBalanceDiscrepancies();
    assertThat(client.call("Balance").result().get("XXBT").asString())
        .isEqualTo(xbt.toPlainString());

    assertThatThrownBy(() -> simulator.faults().balanceDiscrepancy("XYZ", BigDecimal.ONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("XYZ");
    assertThatThrownBy(
            () -> simulator.faults().balanceDiscrepancy("ZUSD", new BigDecimal("0.00001")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ZUSD");
    assertThatThrownBy(() -> simulator.faults().balanceDiscrepancy("ZUSD", BigDecimal.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void newRowsCanArriveAfterAShorterStep() {
    SimulatedAccount account = simulator.account();
    Instant before = account.now();
    int rows = account.ledger().size();
    simulator.faults().newRowsAfter("Balance", Duration.ofSeconds(1), 1);
    client.call("Balance");
    // The account lived one more second (or up to its last booking), and its bots traded.
    assertThat(account.now()).isAfterOrEqualTo(before.plusSeconds(1));
    assertThat(account.ledger().size()).isGreaterThanOrEqualTo(rows + 2);
    assertThatThrownBy(() -> simulator.faults().newRowsAfter("Balance", Duration.ZERO, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void faultsCanBeClearedAndRejectNonsense() {
    String xbt = simulator.account().balances().get("XXBT").toPlainString();
    simulator.faults().httpError("Balance", 502, 3).balanceDiscrepancy("XXBT", BigDecimal.ONE);
    assertThat(simulator.faults().pending("Balance")).isEqualTo(3);
    simulator.faults().clear();
    assertThat(client.call("Balance").status()).isEqualTo(200);
    assertThat(client.call("Balance").result().get("XXBT").asString()).isEqualTo(xbt);
    assertThatThrownBy(() -> simulator.faults().httpError("Balance", 404, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> simulator.faults().serviceBusy("Balance", 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> simulator.faults().shortPage("Ledgers", 50, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
