package io.tally.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tally.money.Amount;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;

/** {@link EventText#parse} on lines {@link EventText#format} would not write. */
class EventTextParseTest {

  private static final String HEAD = "2024-01-01T00:00:00Z T1 ";

  @Test
  void aListOfAmountsDropsTheEmptyPartsAtItsEndAsSplitDoes() {
    Trade trade =
        (Trade)
            EventText.parse(
                HEAD
                    + "trade kind=ORDER_BOOK pair=XBT/EUR sold=EUR:100,, bought=XBT:0.01"
                    + " fees=- strategy=manual");

    assertThat(trade.sold()).containsExactly(Amount.parse("EUR 100"));
    assertThat(trade.fees()).isEmpty();
  }

  @Test
  void namesWhatIsWrongAndTheLine() {
    assertThatThrownBy(() -> EventText.parse("2024-01-01T00:00:00Z T1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Not an event line (too few fields): 2024-01-01T00:00:00Z T1");
    assertThatThrownBy(() -> EventText.parse(HEAD + "gift amount=EUR:1"))
        .hasMessage("Not an event line (unknown event type 'gift'): " + HEAD + "gift amount=EUR:1");
    assertThatThrownBy(() -> EventText.parse(HEAD + "flow kind=DEPOSIT amount=EUR:1"))
        .hasMessage("Not an event line (missing fee): " + HEAD + "flow kind=DEPOSIT amount=EUR:1");
    String emptyPart =
        HEAD
            + "trade kind=ORDER_BOOK pair=XBT/EUR sold=EUR:1,,EUR:2 bought=XBT:1 fees=-"
            + " strategy=manual";
    assertThatThrownBy(() -> EventText.parse(emptyPart))
        .hasMessage("Not an event line (not ASSET:VALUE: ''): " + emptyPart);
    assertThatThrownBy(() -> EventText.parse(HEAD + "flow kind=DEPOSIT amount=EUR:1.2.3 fee=EUR:0"))
        .hasMessageStartingWith("Not an event line (")
        .hasCauseInstanceOf(NumberFormatException.class);
    // The time is read before the pairs: a line wrong in both is named for its time.
    assertThatThrownBy(() -> EventText.parse("yesterday T1 flow =x"))
        .hasCauseInstanceOf(DateTimeParseException.class);
  }

  @Test
  void freeTextComesBackUnescaped() {
    InternalMove move =
        (InternalMove)
            EventText.parse(HEAD + "move amount=XBT:1 fee=XBT:0 route=spot%20to%20futures%2525");

    assertThat(move.route()).isEqualTo("spot to futures%25");
  }
}
