package io.tally.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.tally.books.BookConfig;
import io.tally.books.Books;
import io.tally.testing.EventSamples;
import io.tally.testing.GeneratedHistory;
import io.tally.testing.HistoryGenerator;
import io.tally.testing.Seeds;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link EventText}: "{@link EventText#parse} reads back exactly what {@link EventText#format}
 * wrote", for every generated event and for every kind of event: each class in {@code
 * LedgerEvent.class.getPermittedSubclasses()} needs an instance here that round-trips and that
 * {@link Books#apply} books, so a new event type cannot be forgotten (STYLE.md, sealed events).
 */
class EventTextRoundTripTest {

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("io.tally.testing.Seeds#seeds")
  void everyGeneratedEventRoundTrips(long seed) {
    GeneratedHistory history = HistoryGenerator.generateFlat(seed, Seeds.events(seed));

    for (LedgerEvent event : history.events()) {
      String line = EventText.format(event);
      assertThat(EventText.parse(line)).as("seed %d: %s", seed, line).isEqualTo(event);
      assertThat(EventText.format(EventText.parse(line))).as("seed %d", seed).isEqualTo(line);
    }
  }

  @Test
  void everyKindOfEventRoundTripsAndIsBooked() {
    GeneratedHistory history = HistoryGenerator.generateFlat(1, 2_000);
    List<LedgerEvent> samples = EventSamples.after(history.end());
    List<LedgerEvent> all = new ArrayList<>(history.events());
    all.addAll(samples);

    Set<Class<?>> classes = new HashSet<>();
    Set<TradeKind> tradeKinds = EnumSet.noneOf(TradeKind.class);
    Set<FlowKind> flowKinds = EnumSet.noneOf(FlowKind.class);
    for (LedgerEvent event : all) {
      classes.add(event.getClass());
      if (event instanceof Trade trade) {
        tradeKinds.add(trade.kind());
      } else if (event instanceof CashFlow flow) {
        flowKinds.add(flow.kind());
      }
    }
    assertThat(classes)
        .as("event classes with an instance (add one to EventSamples)")
        .containsExactlyInAnyOrder(LedgerEvent.class.getPermittedSubclasses());
    assertThat(tradeKinds)
        .as("trade kinds (add one to EventSamples)")
        .containsExactlyInAnyOrder(TradeKind.values());
    assertThat(flowKinds)
        .as("flow kinds (add one to EventSamples)")
        .containsExactlyInAnyOrder(FlowKind.values());

    Books books = new Books(BookConfig.defaults(), history.prices());
    for (LedgerEvent event : all) {
      String line = EventText.format(event);
      assertThat(EventText.parse(line)).as(line).isEqualTo(event);
      assertThatCode(() -> books.apply(event)).as(line).doesNotThrowAnyException();
    }
    assertThat(books.state().eventCount()).isEqualTo(all.size());
  }

  @Test
  void freeTextWithLineBreaksStaysOnOneLine() {
    InternalMove move =
        new InternalMove(
            EventId.of("M1"),
            java.time.Instant.parse("2024-01-01T00:00:00Z"),
            io.tally.money.Amount.parse("EUR 1"),
            io.tally.money.Amount.parse("EUR 0"),
            "spot / main\r\n-> 100%\tearn");

    String line = EventText.format(move);

    assertThat(line).doesNotContain("\n").doesNotContain("\r").doesNotContain("\t");
    assertThat(EventText.parse(line)).isEqualTo(move);
  }
}
