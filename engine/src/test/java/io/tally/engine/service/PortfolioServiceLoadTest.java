package io.tally.engine.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tally.engine.Mark;
import io.tally.engine.config.TallyConfig;
import io.tally.ledger.EventText;
import io.tally.ledger.LedgerEvent;
import io.tally.store.EventRecord;
import io.tally.store.ImportBatch;
import io.tally.store.PortfolioStore;
import io.tally.testing.GeneratedHistory;
import io.tally.testing.HistoryGenerator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link PortfolioService#load()} tells how it loaded: replayed, or resumed plus a tail. */
class PortfolioServiceLoadTest {

  @TempDir Path directory;

  @Test
  void loadReportsWhetherItResumedAndHowManyEventsCameAfterTheCheckpoint() {
    GeneratedHistory history = HistoryGenerator.generate(3, 50);
    List<LedgerEvent> events = history.events();
    Clock clock = Clock.fixed(history.end().plusSeconds(60), ZoneOffset.UTC);
    try (PortfolioStore store =
        PortfolioStore.open(directory.resolve("load.db").toString(), Map.of())) {
      commit(store, events.subList(0, 40));

      PortfolioService first = service(store, clock);
      assertThatThrownBy(first::resumedFromCheckpoint).isInstanceOf(IllegalStateException.class);
      first.load();
      assertThat(first.resumedFromCheckpoint()).as("no checkpoint yet: replayed").isFalse();
      assertThat(first.eventsAfterCheckpoint()).isZero();

      PortfolioService second = service(store, clock);
      second.load();
      assertThat(second.resumedFromCheckpoint()).as("the replay left a checkpoint").isTrue();
      assertThat(second.eventsAfterCheckpoint()).isZero();

      commit(store, events.subList(40, 50));
      PortfolioService third = service(store, clock);
      third.load();
      assertThat(third.resumedFromCheckpoint()).isTrue();
      assertThat(third.eventsAfterCheckpoint()).isEqualTo(10);
    }
  }

  private static PortfolioService service(PortfolioStore store, Clock clock) {
    return new PortfolioService(TallyConfig.defaults(), store, Optional.empty(), clock, line -> {});
  }

  private static void commit(PortfolioStore store, List<LedgerEvent> events) {
    store.commit(
        new ImportBatch(
            List.of(),
            events.stream()
                .map(e -> EventRecord.of(e.id().value(), e.at(), EventText.format(e)))
                .toList(),
            List.of(),
            Map.of(Mark.PRICES_BASE.key(), "USD"),
            "events"));
  }
}
