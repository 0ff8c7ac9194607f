package io.tally.store;

import static io.tally.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EventRecordTest {

  @Test
  void aLiveRecordHasALine() {
    EventRecord record = EventRecord.of("E1", T0, "TRADE BUY BTC 0.01");

    assertThat(record.retracted()).isFalse();
    assertThat(record.line()).isEqualTo("TRADE BUY BTC 0.01");
  }

  @Test
  void aTombstoneHasNoLine() {
    EventRecord tombstone = EventRecord.retracted("E1", T0);

    assertThat(tombstone.retracted()).isTrue();
    assertThat(tombstone.line()).isEmpty();
  }

  @Test
  void anEmptyLineIsRejectedInFavourOfATombstone() {
    assertThatThrownBy(() -> EventRecord.of("E1", T0, ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("E1")
        .hasMessageContaining("EventRecord.retracted");
  }

  @Test
  void aTombstoneWithALineIsRejected() {
    assertThatThrownBy(() -> new EventRecord("E1", T0, "TRADE", true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TRADE");
  }

  @Test
  void aBlankIdIsRejected() {
    assertThatThrownBy(() -> EventRecord.of(" ", T0, "TRADE"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("eventId");
  }

  @Test
  void recordsAreTheSameWhenTimeAndLineAreOrWhenBothAreTombstones() {
    EventRecord trade = EventRecord.of("E1", T0, "TRADE");

    assertThat(trade.sameAs(EventRecord.of("E1", T0, "TRADE"))).isTrue();
    assertThat(trade.sameAs(EventRecord.of("E1", T0, "TRADE SELL"))).isFalse();
    assertThat(trade.sameAs(EventRecord.of("E1", T0.plusNanos(1), "TRADE"))).isFalse();
    assertThat(trade.sameAs(EventRecord.retracted("E1", T0))).isFalse();
    assertThat(EventRecord.retracted("E1", T0).sameAs(trade)).isFalse();
    // A tombstone's time does not matter: retracting twice is retracting once.
    assertThat(
            EventRecord.retracted("E1", T0).sameAs(EventRecord.retracted("E1", T0.plusSeconds(9))))
        .isTrue();
  }
}
