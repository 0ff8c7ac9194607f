package io.tally.kraken.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tally.kraken.KrakenException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HistoryPagerTest {

  private final List<Integer> offsetsAsked = new ArrayList<>();
  private final List<PagingProgress> progress = new ArrayList<>();

  /** Ids {@code R<n>}, newest (highest n) first. */
  private static List<String> rows(int count) {
    return IntStream.range(0, count).mapToObj(i -> "R" + (count - 1 - i)).toList();
  }

  private static Page<String> page(List<String> all, int offset, int count) {
    return new Page<>(
        all.subList(Math.min(offset, all.size()), Math.min(offset + Page.SIZE, all.size())),
        OptionalInt.of(count));
  }

  private List<String> collect(Function<Integer, Page<String>> pages, int maxRestarts) {
    return new HistoryPager<String>("Ledgers", id -> id, maxRestarts)
        .collect(
            offset -> {
              offsetsAsked.add(offset);
              return pages.apply(offset);
            },
            progress::add);
  }

  @Test
  void pagesByTheRowsReturnedUntilTheCount() {
    List<String> all = rows(120);

    List<String> collected = collect(offset -> page(all, offset, 120), 3);

    assertThat(collected).containsExactlyElementsOf(all);
    assertThat(offsetsAsked).containsExactly(0, 50, 100);
    assertThat(progress).extracting(PagingProgress::rows).containsExactly(50, 100, 120);
    assertThat(progress.get(2).count()).hasValue(120);
  }

  @Test
  void stopsAtAnEmptyPageWhenThereIsNoCount() {
    List<String> all = rows(60);

    List<String> collected =
        collect(offset -> new Page<>(page(all, offset, 0).rows(), OptionalInt.empty()), 3);

    assertThat(collected).containsExactlyElementsOf(all);
    assertThat(offsetsAsked).containsExactly(0, 50, 60);
  }

  @Test
  void anEmptyWindowIsOnePage() {
    assertThat(collect(offset -> page(List.of(), offset, 0), 3)).isEmpty();
    assertThat(offsetsAsked).containsExactly(0);
  }

  @Test
  void aPageEndingBeforeTheCountRestartsTheWindow() {
    List<String> all = rows(120);
    int[] calls = {0};

    List<String> collected =
        collect(
            offset -> {
              calls[0]++;
              Page<String> full = page(all, offset, 120);
              // The second call returns 30 of the promised 50 rows.
              return calls[0] == 2 ? new Page<>(full.rows().subList(0, 30), full.count()) : full;
            },
            3);

    assertThat(collected).containsExactlyElementsOf(all);
    assertThat(offsetsAsked).containsExactly(0, 50, 0, 50, 100);
    assertThat(progress.get(progress.size() - 1).restarts()).isEqualTo(1);
  }

  @Test
  void anEmptyPageBeforeTheCountRestartsTheWindow() {
    List<String> all = rows(70);
    int[] calls = {0};

    List<String> collected =
        collect(
            offset -> {
              calls[0]++;
              return calls[0] == 2
                  ? new Page<>(List.of(), OptionalInt.of(70))
                  : page(all, offset, 70);
            },
            3);

    assertThat(collected).containsExactlyElementsOf(all);
    assertThat(offsetsAsked).containsExactly(0, 50, 0, 50);
  }

  @Test
  void aChangedCountRestartsTheWindow() {
    List<String> before = rows(100);
    List<String> after = rows(101);
    int[] calls = {0};

    List<String> collected =
        collect(
            offset -> {
              calls[0]++;
              return calls[0] == 1 ? page(before, offset, 100) : page(after, offset, 101);
            },
            3);

    assertThat(collected).containsExactlyElementsOf(after).doesNotHaveDuplicates();
    assertThat(offsetsAsked).containsExactly(0, 50, 0, 50, 100);
  }

  @Test
  void aRowSeenAtASecondOffsetRestartsTheWindow() {
    // One row arrives and one leaves between pages: the count stays 100 but rows shift by one.
    List<String> before = rows(100);
    List<String> shifted = new ArrayList<>(rows(101).subList(0, 100));
    int[] calls = {0};

    List<String> collected =
        collect(
            offset -> {
              calls[0]++;
              return calls[0] == 1 ? page(before, offset, 100) : page(shifted, offset, 100);
            },
            3);

    assertThat(collected).containsExactlyElementsOf(shifted).doesNotHaveDuplicates();
    assertThat(offsetsAsked).containsExactly(0, 50, 0, 50);
  }

  @Test
  void failsClearlyWhenTheWindowNeverSettles() {
    int[] calls = {0};

    assertThatThrownBy(
            () ->
                collect(
                    offset -> {
                      calls[0]++;
                      return page(rows(100 + calls[0]), offset, 100 + calls[0]);
                    },
                    2))
        .isInstanceOfSatisfying(KrakenException.class, e -> assertThat(e.isRetryable()).isTrue())
        .hasMessageContaining("Kraken Ledgers")
        .hasMessageContaining("kept changing")
        .hasMessageContaining("2 restarts")
        .hasMessageContaining("count changed");
  }
}
