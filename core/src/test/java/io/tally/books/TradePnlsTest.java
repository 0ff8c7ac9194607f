package io.tally.books;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.tally.ledger.EventId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TradePnlsTest {

  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  private static TradePnl pnl(long n) {
    return new TradePnl(BigDecimal.valueOf(n), BigDecimal.ONE, Optional.empty());
  }

  @Test
  void everyTradeIsFoundAcrossChunksAndInstantsSharedByMany() {
    // 5,000 trades over chunks of 1,024; one to four trades share each second, ids out of order
    Random random = new Random(7);
    TradePnls.Log log = new TradePnls.Log();
    List<EventId> ids = new ArrayList<>();
    List<Instant> times = new ArrayList<>();
    long second = 0;
    while (ids.size() < 5_000) {
      int sharing = 1 + random.nextInt(4);
      for (int k = 0; k < sharing; k++) {
        EventId id = EventId.of("T" + random.nextInt(1_000_000) + "-" + ids.size());
        ids.add(id);
        times.add(T0.plusSeconds(second));
        log.append(id, T0.plusSeconds(second), pnl(ids.size()));
      }
      second++;
    }
    TradePnls view = log.view();

    assertThat(view.size()).isEqualTo(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      assertThat(view.find(ids.get(i), times.get(i))).contains(pnl(i + 1));
    }
    assertThat(view.find(ids.get(0), times.get(1).plusSeconds(1))).isEmpty();
    assertThat(view.find(EventId.of("unknown"), times.get(10))).isEmpty();
  }

  @Test
  void aViewNeverSeesWhatTheLogAppendsLater() {
    TradePnls.Log log = new TradePnls.Log();
    log.append(EventId.of("A"), T0, pnl(1));
    TradePnls before = log.view();
    log.append(EventId.of("B"), T0.plusSeconds(1), pnl(2));

    assertThat(before.size()).isEqualTo(1);
    assertThat(before.find(EventId.of("B"), T0.plusSeconds(1))).isEmpty();
    assertThat(log.view().find(EventId.of("B"), T0.plusSeconds(1))).contains(pnl(2));
  }

  @Test
  void tradesOutOfTimeOrderAreStillFound() {
    TradePnls.Log log = new TradePnls.Log();
    log.append(EventId.of("A"), T0.plusSeconds(5), pnl(1));
    log.append(EventId.of("B"), T0, pnl(2));
    log.append(EventId.of("C"), T0.plusSeconds(9), pnl(3));
    TradePnls view = log.view();

    assertThat(view.find(EventId.of("A"), T0.plusSeconds(5))).contains(pnl(1));
    assertThat(view.find(EventId.of("B"), T0)).contains(pnl(2));
    assertThat(view.find(EventId.of("C"), T0.plusSeconds(9))).contains(pnl(3));
  }

  @Test
  void forEachHandsOverTheTradesFromAnIndexOn() {
    TradePnls.Log log = new TradePnls.Log();
    for (int i = 0; i < 3_000; i++) {
      log.append(EventId.of("T" + i), T0.plusSeconds(i), pnl(i));
    }
    List<String> seen = new ArrayList<>();
    log.view().forEach(2_047, (id, at, pnl) -> seen.add(id.value() + " " + pnl.realized()));

    assertThat(seen).hasSize(953).startsWith("T2047 2047").endsWith("T2999 2999");
    assertThat(catchThrowable(() -> log.view().forEach(3_001, (id, at, pnl) -> {})))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("between 0 and 3000");
  }

  @Test
  void aTradePnlReadsBackFromItsTextWithEveryScale() {
    // realized keeps its 8 decimals, fees their 2, and an absent quote figure stays absent
    TradePnl withQuote =
        new TradePnl(
            new BigDecimal("-4990.00000000"),
            new BigDecimal("10.50"),
            Optional.of(new BigDecimal("0.25000000")));
    TradePnl withoutQuote =
        new TradePnl(new BigDecimal("0E-8"), new BigDecimal("1"), Optional.empty());

    assertThat(withQuote.toText()).isEqualTo("-4990.00000000\t10.50\t0.25000000");
    assertThat(TradePnl.parse(withQuote.toText())).isEqualTo(withQuote);
    assertThat(TradePnl.parse(withoutQuote.toText())).isEqualTo(withoutQuote);
    assertThat(catchThrowable(() -> TradePnl.parse("1\t2")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("three tab-separated figures");
  }
}
