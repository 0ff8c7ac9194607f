package io.tally.kraken.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tally.kraken.KrakenException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KrakenCredentialsTest {

  private static final String SECRET =
      "kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==";

  @Test
  void readsKeyAndSecretFromTheEnvironment() {
    var credentials =
        KrakenCredentials.fromEnvironment(
            Map.of("KRAKEN_API_KEY", " my-key ", "KRAKEN_API_SECRET", SECRET, "OTHER", "x"));

    assertThat(credentials).hasValueSatisfying(c -> assertThat(c.apiKey()).isEqualTo("my-key"));
    assertThat(credentials.orElseThrow().secretBase64()).isEqualTo(SECRET);
  }

  @Test
  void isEmptyWhenNeitherVariableIsSet() {
    assertThat(KrakenCredentials.fromEnvironment(Map.of())).isEmpty();
    assertThat(KrakenCredentials.fromEnvironment(Map.of("KRAKEN_API_KEY", " "))).isEmpty();
  }

  @Test
  void refusesHalfAConfiguration() {
    assertThatThrownBy(() -> KrakenCredentials.fromEnvironment(Map.of("KRAKEN_API_KEY", "k")))
        .isInstanceOf(KrakenException.class)
        .hasMessageContaining("KRAKEN_API_SECRET is not");
    assertThatThrownBy(() -> KrakenCredentials.fromEnvironment(Map.of("KRAKEN_API_SECRET", SECRET)))
        .isInstanceOf(KrakenException.class)
        .hasMessageContaining("KRAKEN_API_KEY is not");
  }

  @Test
  void rejectsASecretThatIsNotBase64WithoutEchoingIt() {
    String pasted = "kQH5HW/8p1uGOVjbgWA7-not*base64!";

    assertThatThrownBy(() -> new KrakenCredentials("key", pasted))
        .isInstanceOf(KrakenException.class)
        .hasMessageContaining("not standard base64")
        .hasMessageNotContaining(pasted)
        .hasMessageNotContaining("*")
        .hasNoCause();
  }

  @Test
  void toStringRedactsKeyAndSecret() {
    var credentials = new KrakenCredentials("my-public-key", SECRET);

    assertThat(credentials.toString())
        .isEqualTo("KrakenCredentials[apiKey=<redacted>, secret=<redacted>]")
        .doesNotContain("my-public-key")
        .doesNotContain(SECRET.substring(0, 8));
  }
}
