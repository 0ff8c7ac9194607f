package io.tally.kraken.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.tally.kraken.KrakenException;
import io.tally.kraken.LedgerRow;
import io.tally.kraken.TradeRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Whole histories through the client: frozen windows, exact sets, restarts (§2.2). */
class HistoryPagingTest {

  /** The stub's server time (Time.json); every window ends one second later, inclusive. */
  private static final long END = 1757462400L;

  private final KrakenStub stub = new KrakenStub();
  private final FakeClock clock = new FakeClock(Instant.ofEpochSecond(END));
  private final List<PagingProgress> progress = new ArrayList<>();

  @AfterEach
  void stopStub() {
    stub.close();
  }

  private KrakenClient client(FakeHistory history, String method) {
    stub.handle(method, history::answer);
    return stub.client().clock(clock).sleeper(clock.sleeper()).build();
  }

  private static List<String> ids(List<LedgerRow> rows) {
    return rows.stream().map(LedgerRow::txid).toList();
  }

  private static List<Integer> offsets(FakeHistory history) {
    return history.calls().stream()
        .map(call -> Integer.parseInt(call.getOrDefault("ofs", "0")))
        .toList();
  }

  @Test
  void pagesAFrozenWindowOf120RowsExactly() {
    FakeHistory history = FakeHistory.ledgers(END, 120);

    List<LedgerRow> rows =
        client(history, "Ledgers").allLedgers(Optional.empty(), Optional.empty(), progress::add);

    assertThat(ids(rows)).containsExactlyElementsOf(history.ids()).doesNotHaveDuplicates();
    assertThat(offsets(history)).containsExactly(0, 50, 100);
    assertThat(history.calls())
        .allSatisfy(call -> assertThat(call).containsEntry("end", "1757462401"));
    assertThat(progress)
        .extracting(PagingProgress::pages, PagingProgress::rows)
        .containsExactly(tuple(1, 50), tuple(2, 100), tuple(3, 120));
    assertThat(progress.get(2).count()).hasValue(120);
    assertThat(rows.get(0).time()).isEqualTo(Instant.parse("2025-09-09T23:59:00.123456Z"));
  }

  @Test
  void aPageThatEndsBeforeTheCountRestartsTheWindow() {
    FakeHistory history = FakeHistory.ledgers(END, 120).truncateCall(2, 30);

    List<LedgerRow> rows =
        client(history, "Ledgers").allLedgers(Optional.empty(), Optional.empty(), progress::add);

    assertThat(ids(rows)).containsExactlyElementsOf(history.ids()).hasSize(120);
    assertThat(offsets(history)).containsExactly(0, 50, 0, 50, 100);
    assertThat(progress.get(progress.size() - 1).restarts()).isEqualTo(1);
  }

  @Test
  void rowsArrivingInsideTheWindowWhilePagingRestartItWithoutDuplicates() {
    // A late row booked inside the window between the first and second page shifts every offset.
    FakeHistory history =
        FakeHistory.ledgers(END, 120)
            .beforeCall(2, h -> h.add(FakeHistory.ledger("LLATE", END - 30)));

    List<LedgerRow> rows =
        client(history, "Ledgers").allLedgers(Optional.empty(), Optional.empty(), progress::add);

    assertThat(ids(rows))
        .containsExactlyElementsOf(history.ids())
        .hasSize(121)
        .doesNotHaveDuplicates()
        .contains("LLATE");
    assertThat(offsets(history)).containsExactly(0, 50, 0, 50, 100);
  }

  @Test
  void rowsNewerThanTheFrozenEndDoNotDisturbPaging() {
    FakeHistory history =
        FakeHistory.ledgers(END, 120)
            .beforeCall(2, h -> h.add(FakeHistory.ledger("LNEW1", END + 5)))
            .beforeCall(3, h -> h.add(FakeHistory.ledger("LNEW2", END + 9)));

    List<LedgerRow> rows =
        client(history, "Ledgers").allLedgers(Optional.empty(), Optional.empty(), progress::add);

    assertThat(ids(rows)).hasSize(120).doesNotContain("LNEW1", "LNEW2");
    assertThat(offsets(history)).containsExactly(0, 50, 100);
  }

  @Test
  void shiftedOffsetsWithAnUnchangedCountAreDetected() {
    // One row arrives and one old row disappears: the count stays 120, rows move by one.
    FakeHistory history =
        FakeHistory.ledgers(END, 120)
            .beforeCall(2, h -> h.add(FakeHistory.ledger("LLATE", END - 30)).remove("L119"));

    List<LedgerRow> rows =
        client(history, "Ledgers").allLedgers(Optional.empty(), Optional.empty(), progress::add);

    assertThat(ids(rows))
        .containsExactlyElementsOf(history.ids())
        .hasSize(120)
        .doesNotHaveDuplicates()
        .contains("LLATE")
        .doesNotContain("L119");
    assertThat(offsets(history)).containsExactly(0, 50, 0, 50, 100);
  }

  @Test
  void aWindowThatNeverSettlesFailsAfterTheRestarts() {
    FakeHistory history = FakeHistory.ledgers(END, 120);
    for (int call = 2; call <= 20; call++) {
      String id = "LLATE" + call;
      history.beforeCall(call, h -> h.add(FakeHistory.ledger(id, END - 1)));
    }
    var kraken = stub.client().clock(clock).sleeper(clock.sleeper()).maxPagingRestarts(2).build();
    stub.handle("Ledgers", history::answer);

    assertThatThrownBy(
            () -> kraken.allLedgers(Optional.empty(), Optional.empty(), ProgressListener.none()))
        .isInstanceOfSatisfying(KrakenException.class, e -> assertThat(e.isRetryable()).isTrue())
        .hasMessageContaining("Kraken Ledgers")
        .hasMessageContaining("kept changing")
        .hasMessageContaining("2 restarts");
  }

  @Test
  void startsAfterALedgerIdExclusively() {
    FakeHistory history = FakeHistory.ledgers(END, 120);

    List<LedgerRow> rows =
        client(history, "Ledgers")
            .allLedgers(Optional.of("L100"), Optional.empty(), ProgressListener.none());

    assertThat(history.calls().get(0)).containsEntry("start", "L100");
    assertThat(ids(rows)).containsExactlyElementsOf(history.ids().subList(0, 100));
  }

  @Test
  void startsStrictlyAfterAnInstant() {
    FakeHistory history = FakeHistory.ledgers(END, 120);
    // L9 is at END - 600 s + 0.123456 s; "since" exactly at L9 excludes it, keeps L0..L8.
    Instant since = Instant.ofEpochSecond(END - 600, 123_456_000);

    List<LedgerRow> rows =
        client(history, "Ledgers")
            .allLedgers(Optional.empty(), Optional.of(since), ProgressListener.none());

    assertThat(history.calls().get(0)).containsEntry("start", Long.toString(END - 600));
    assertThat(ids(rows)).containsExactlyElementsOf(history.ids().subList(0, 9));
  }

  @Test
  void pagesAllTrades() {
    FakeHistory history = new FakeHistory("trades");
    IntStream.range(0, 120).forEach(n -> history.add(FakeHistory.trade("T" + n, END - n - 1)));
    history.truncateCall(3, 10);

    List<TradeRow> trades =
        client(history, "TradesHistory")
            .allTrades(Optional.empty(), Optional.empty(), ProgressListener.none());

    assertThat(trades).extracting(TradeRow::txid).containsExactlyElementsOf(history.ids());
    assertThat(trades.get(0).ledgerIds()).containsExactly("LAT0", "LBT0");
    assertThat(history.calls())
        .allSatisfy(call -> assertThat(call).containsEntry("ledgers", "true"));
    assertThat(offsets(history)).containsExactly(0, 50, 100, 0, 50, 100);
  }

  @Test
  void pagesAllClosedOrdersByCloseTime() {
    FakeHistory history = new FakeHistory("closed");
    IntStream.range(0, 75).forEach(n -> history.add(FakeHistory.order("O" + n, END - n - 1)));

    List<KrakenOrder> orders =
        client(history, "ClosedOrders")
            .allClosedOrders(Optional.empty(), Optional.empty(), ProgressListener.none());

    assertThat(orders).extracting(KrakenOrder::txid).containsExactlyElementsOf(history.ids());
    assertThat(history.calls())
        .allSatisfy(
            call ->
                assertThat(call)
                    .containsAllEntriesOf(
                        Map.of("closetime", "close", "trades", "true", "end", "1757462401")));
  }
}
