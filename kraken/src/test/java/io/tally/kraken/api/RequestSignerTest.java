package io.tally.kraken.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestSignerTest {

  @Test
  void matchesKrakensPublishedKnownAnswerVector() {
    // kraken-api.md §3.3: Kraken's own example, pinned by many independent clients.
    var credentials =
        new KrakenCredentials(
            "any-key",
            "kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==");

    String signature =
        new RequestSigner(credentials)
            .sign(
                "/0/private/AddOrder",
                "1616492376594",
                "nonce=1616492376594&ordertype=limit&pair=XBTUSD&price=37500&type=buy&volume=1.25");

    assertThat(signature)
        .isEqualTo(
            "4/dpxb3iT4tp/ZCVEwSnEsLxx0bqyhLpdfOpc6fn7OR8+UClSV5n9E6aSS8MPtnRfp32bAb0nmbRn6H8ndwLUQ==");
  }

  @Test
  void agreesWithTheStubsIndependentHmac() {
    String body = "nonce=1756935121565366&ofs=50&asset=XXBT%2CZUSD";

    String signature =
        new RequestSigner(KrakenStub.CREDENTIALS)
            .sign("/0/private/Ledgers", "1756935121565366", body);

    assertThat(signature)
        .isEqualTo(KrakenStub.expectedSignature("/0/private/Ledgers", "1756935121565366", body));
  }
}
