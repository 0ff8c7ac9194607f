package io.tally.kraken.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tally.kraken.KrakenException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvelopeTest {

  @Test
  void returnsTheResult() {
    var result = Envelope.result("Time", 200, KrakenStub.resource("Time.json"));

    assertThat(result.get("unixtime").asLong()).isEqualTo(1757462400L);
  }

  @Test
  void anAnswerWithoutResultIsAnEmptyObject() {
    assertThat(Envelope.result("Balance", 200, "{\"error\":[]}").isEmpty()).isTrue();
    assertThat(Envelope.result("Balance", 200, "{\"error\":[],\"result\":null}").isEmpty())
        .isTrue();
  }

  @Test
  void warningsAreNotFailures() {
    var result =
        Envelope.result(
            "Ticker", 200, "{\"error\":[\"WGeneral:Deprecated\"],\"result\":{\"a\":1}}");

    assertThat(result.get("a").asInt()).isEqualTo(1);
  }

  @Test
  void errorsNameTheMethodAndKeepKrakensStrings() {
    assertThatThrownBy(
            () ->
                Envelope.result(
                    "Ledgers", 200, "{\"error\":[\"EGeneral:Permission denied\"],\"result\":{}}"))
        .isInstanceOfSatisfying(
            KrakenException.class,
            e -> {
              assertThat(e.errors()).containsExactly("EGeneral:Permission denied");
              assertThat(e.isRetryable()).isFalse();
              assertThat(e.getMessage())
                  .startsWith("Kraken Ledgers failed: EGeneral:Permission denied");
            });
  }

  @Test
  void keepsMicrosecondsAndTrailingZeros() {
    var result =
        Envelope.result(
            "Ledgers", 200, "{\"error\":[],\"result\":{\"time\":1756935121.565366,\"a\":1.50}}");

    assertThat(result.get("time").decimalValue().toPlainString()).isEqualTo("1756935121.565366");
    assertThat(result.get("a").decimalValue().toPlainString()).isEqualTo("1.50");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "500 | true",
        "502 | true",
        "503 | true",
        "520 | true",
        "525 | true",
        "429 | true",
        "404 | false",
        "403 | false"
      })
  void nonOkStatusesAreTransportFailures(int status, boolean retryable) {
    assertThatThrownBy(
            () -> Envelope.result("Balance", status, "<html><body>secret-ish page</body></html>"))
        .isInstanceOfSatisfying(
            KrakenException.class,
            e -> {
              assertThat(e.isRetryable()).isEqualTo(retryable);
              assertThat(e.errors()).isEmpty();
              assertThat(e.getMessage())
                  .contains("HTTP " + status)
                  .contains("HTML")
                  .doesNotContain("secret-ish");
            });
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"error\":[],\"result\":{\"unixtime\":17",
        "<html>Cloudflare</html>",
        "[]",
        "{\"result\":{}}",
        "''"
      })
  void bodiesThatAreNotTheEnvelopeAreRetryableTransportFailures(String body) {
    assertThatThrownBy(() -> Envelope.result("Time", 200, body))
        .isInstanceOfSatisfying(KrakenException.class, e -> assertThat(e.isRetryable()).isTrue())
        .hasMessageStartingWith("Kraken Time: ");
  }
}
