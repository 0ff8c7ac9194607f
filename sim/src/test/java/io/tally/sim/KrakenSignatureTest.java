package io.tally.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KrakenSignatureTest {

  // Kraken's published example (kraken-api.md §3.3).
  private static final String SECRET =
      "kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==";
  private static final String NONCE = "1616492376594";
  private static final String BODY =
      "nonce=1616492376594&ordertype=limit&pair=XBTUSD&price=37500&type=buy&volume=1.25";
  private static final String PATH = "/0/private/AddOrder";
  private static final String EXPECTED =
      "4/dpxb3iT4tp/ZCVEwSnEsLxx0bqyhLpdfOpc6fn7OR8+UClSV5n9E6aSS8MPtnRfp32bAb0nmbRn6H8ndwLUQ==";

  @Test
  void signsKrakensKnownAnswerVector() {
    assertThat(KrakenSignature.sign(PATH, NONCE, BODY, SECRET)).isEqualTo(EXPECTED);
  }

  @Test
  void verifiesTheVectorAndNothingElse() {
    assertThat(KrakenSignature.verify(PATH, NONCE, BODY, SECRET, EXPECTED)).isTrue();
    assertThat(KrakenSignature.verify(PATH, NONCE, BODY + "&x=1", SECRET, EXPECTED)).isFalse();
    assertThat(KrakenSignature.verify("/0/private/Balance", NONCE, BODY, SECRET, EXPECTED))
        .isFalse();
    assertThat(KrakenSignature.verify(PATH, "1616492376595", BODY, SECRET, EXPECTED)).isFalse();
    assertThat(KrakenSignature.verify(PATH, NONCE, BODY, SECRET, "not base64!")).isFalse();
  }

  @Test
  void rejectsASecretThatIsNotBase64() {
    assertThatThrownBy(() -> KrakenSignature.sign(PATH, NONCE, BODY, "%%%"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("base64");
  }
}
