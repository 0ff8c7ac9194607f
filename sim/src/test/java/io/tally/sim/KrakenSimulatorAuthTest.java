package io.tally.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Keys, signatures, nonces and the call counter, checked as Kraken does (kraken-api.md §3–§4). */
class KrakenSimulatorAuthTest {

  private static final Instant END = Instant.parse("2026-11-23T12:00:00Z");
  private static final SimulatedAccount ACCOUNT = AccountGenerator.generate(5, 5, END);

  private KrakenSimulator simulator;

  private KrakenTestClient start(SimulatorOptions options) {
    simulator = KrakenSimulator.start(ACCOUNT, 0, options);
    return new KrakenTestClient(simulator);
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  @Test
  void aSignedCallWithAFreshNonceIsAnswered() {
    KrakenTestClient client = start(SimulatorOptions.defaults().withoutRateLimit());
    KrakenTestClient.Answer answer = client.call("Balance");
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.errors()).isEmpty();
    assertThat(answer.result().has("ZUSD")).isTrue();
  }

  @Test
  void anotherKeyIsAnInvalidKey() {
    KrakenTestClient client = start(SimulatorOptions.defaults().withoutRateLimit());
    String body = "nonce=" + client.nextNonce();
    String secret = simulator.options().apiSecret();
    KrakenTestClient.Answer answer =
        client.send(
            "/0/private/Balance",
            body,
            "someone-else",
            KrakenSignature.sign("/0/private/Balance", body.substring(6), body, secret));
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().toString()).isEqualTo("{\"error\":[\"EAPI:Invalid key\"]}");
  }

  @Test
  void aWrongSecretOrAnAlteredBodyIsAnInvalidSignature() {
    KrakenTestClient client = start(SimulatorOptions.defaults().withoutRateLimit());
    String key = simulator.options().apiKey();
    String otherSecret = Base64.getEncoder().encodeToString(new byte[64]);
    String nonce = Long.toString(client.nextNonce());
    String body = "nonce=" + nonce;
    String path = "/0/private/Balance";
    assertThat(
            client
                .send(path, body, key, KrakenSignature.sign(path, nonce, body, otherSecret))
                .firstError())
        .isEqualTo("EAPI:Invalid signature");
    String signed = KrakenSignature.sign(path, nonce, body, simulator.options().apiSecret());
    assertThat(client.send(path, body + "&asset=XBT", key, signed).firstError())
        .isEqualTo("EAPI:Invalid signature");
    assertThat(client.send("/0/private/Ledgers", body, key, signed).firstError())
        .isEqualTo("EAPI:Invalid signature");
    // A refused signature does not use up the nonce.
    assertThat(client.send(path, body, key, signed).errors()).isEmpty();
  }

  @Test
  void aNonceMustBeAboveTheLastAccepted() {
    KrakenTestClient client = start(SimulatorOptions.defaults().withoutRateLimit());
    long nonce = client.nextNonce() + 1_000;
    assertThat(client.post("Balance", "nonce=" + nonce).errors()).isEmpty();
    assertThat(client.post("Balance", "nonce=" + nonce).firstError())
        .isEqualTo("EAPI:Invalid nonce");
    assertThat(client.post("Balance", "nonce=" + (nonce - 1)).firstError())
        .isEqualTo("EAPI:Invalid nonce");
    assertThat(client.post("Balance", "asset=XBT").firstError()).isEqualTo("EAPI:Invalid nonce");
    assertThat(client.post("Balance", "nonce=abc").firstError()).isEqualTo("EAPI:Invalid nonce");
    assertThat(client.post("Balance", "nonce=" + (nonce + 1)).errors()).isEmpty();
    // Unsigned 64-bit: above Long.MAX_VALUE is still a nonce.
    assertThat(client.post("Balance", "nonce=18446744073709551610").errors()).isEmpty();
  }

  @Test
  void theCallCounterRefusesCallsOverTheTierAndDecays() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    KrakenTestClient client = start(SimulatorOptions.defaults().withClock(clock));
    // Starter: max 15. Ledgers cost 2: seven calls reach 14, the eighth (16) is refused.
    for (int i = 0; i < 7; i++) {
      assertThat(client.call("Ledgers").errors()).as("call " + (i + 1)).isEmpty();
    }
    assertThat(client.call("Ledgers").firstError()).isEqualTo("EAPI:Rate limit exceeded");
    // Balance costs 1: 14 + 1 = 15 is still allowed; then 16 is not.
    assertThat(client.call("Balance").errors()).isEmpty();
    assertThat(client.call("Balance").firstError()).isEqualTo("EAPI:Rate limit exceeded");
    assertThat(simulator.errorsAnswered()).containsEntry("EAPI:Rate limit exceeded", 2);
    // AddOrder and CancelOrder have their own limiter: they cost nothing here.
    assertThat(client.call("CancelOrder", "txid", "OAAAAA-AAAAA-AAAAAA").firstError())
        .isEqualTo("EOrder:Unknown order");
    // 0.33 a second: after 6 s the counter is 15 − 1.98 = 13.02, and 13.02 + 2 = 15.02 > 15
    clock.advance(Duration.ofSeconds(6));
    assertThat(client.call("Ledgers").firstError()).isEqualTo("EAPI:Rate limit exceeded");
    // refused calls add nothing: after 7 s in all, 15 − 2.31 = 12.69, and 12.69 + 2 = 14.69 ≤ 15
    clock.advance(Duration.ofSeconds(1));
    assertThat(client.call("Ledgers").errors()).isEmpty();
    // after a minute it is empty again
    clock.advance(Duration.ofMinutes(1));
    for (int i = 0; i < 7; i++) {
      assertThat(client.call("TradesHistory").errors()).isEmpty();
    }
  }

  @Test
  void otherTiersAllowMore() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    KrakenTestClient client =
        start(SimulatorOptions.defaults().withClock(clock).withTier(RateTier.PRO));
    for (int i = 0; i < 10; i++) {
      assertThat(client.call("QueryLedgers", "id", ACCOUNT.ledger().get(0).id()).errors())
          .isEmpty();
    }
    assertThat(client.call("ClosedOrders").firstError()).isEqualTo("EAPI:Rate limit exceeded");
  }

  @Test
  void anUnknownMethodIsSaidSoBeforeAnyCheck() {
    KrakenTestClient client = start(SimulatorOptions.defaults());
    assertThat(client.send("/0/private/Nothing", "", "x", "y").json().toString())
        .isEqualTo("{\"error\":[\"EGeneral:Unknown method\"]}");
    assertThat(client.get("Nothing").firstError()).isEqualTo("EGeneral:Unknown method");
  }

  @Test
  void badArgumentsAreInvalidArguments() {
    KrakenTestClient client = start(SimulatorOptions.defaults().withoutRateLimit());
    assertThat(client.call("Ledgers", "ofs", "-1").firstError())
        .isEqualTo("EGeneral:Invalid arguments");
    assertThat(client.call("Ledgers", "ofs", "x").firstError())
        .isEqualTo("EGeneral:Invalid arguments");
    assertThat(client.call("Ledgers", "type", "everything").firstError())
        .isEqualTo("EGeneral:Invalid arguments");
    assertThat(client.call("Ledgers", "start", "LNOPE1-AAAAA-AAAAAA").firstError())
        .isEqualTo("EGeneral:Invalid arguments");
    assertThat(client.call("Ledgers", "without_count", "maybe").firstError())
        .isEqualTo("EGeneral:Invalid arguments");
    assertThat(client.call("TradesHistory", "type", "x").firstError())
        .isEqualTo("EGeneral:Invalid arguments");
    assertThat(client.call("ClosedOrders", "closetime", "x").firstError())
        .isEqualTo("EGeneral:Invalid arguments");
    assertThat(client.call("QueryLedgers").firstError()).isEqualTo("EGeneral:Invalid arguments");
    assertThat(client.call("Ledgers", "asset", "NOPE").firstError())
        .isEqualTo("EQuery:Unknown asset");
  }

  @Test
  void optionsAndTheSummaryNeverShowTheSecret() {
    start(SimulatorOptions.defaults());
    String secret = simulator.options().apiSecret();
    assertThat(simulator.options().toString()).doesNotContain(secret).contains("(hidden)");
    assertThat(simulator.summary().toString())
        .doesNotContain(secret)
        .contains(simulator.baseUrl().toString(), simulator.options().apiKey(), "ledger entries");
  }
}
