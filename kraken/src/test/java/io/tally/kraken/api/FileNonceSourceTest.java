package io.tally.kraken.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tally.kraken.KrakenException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileNonceSourceTest {

  private static final Instant START = Instant.parse("2025-09-03T21:32:01.565366Z");

  @TempDir Path folder;

  @Test
  void startsAtTheClockInMicroseconds() throws Exception {
    var clock = new FakeClock(START);
    var nonces = new FileNonceSource(folder.resolve("kraken.nonce"), clock);

    assertThat(nonces.next()).isEqualTo(1756935121565366L);
    assertThat(Files.readString(folder.resolve("kraken.nonce")).strip())
        .isEqualTo("1756935121565366");
  }

  @Test
  void staysStrictlyIncreasingWithinOneMicrosecond() {
    var nonces = new FileNonceSource(folder.resolve("kraken.nonce"), new FakeClock(START));

    assertThat(List.of(nonces.next(), nonces.next(), nonces.next()))
        .containsExactly(1756935121565366L, 1756935121565367L, 1756935121565368L);
  }

  @Test
  void storesEachNonceBeforeReturningIt() throws Exception {
    var clock = new FakeClock(START);
    Path file = folder.resolve("kraken.nonce");
    var nonces = new FileNonceSource(file, clock);

    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofMillis(3));
      long nonce = nonces.next();
      assertThat(Long.parseLong(Files.readString(file).strip())).isEqualTo(nonce);
    }
    assertThat(folder.resolve("kraken.nonce.tmp")).doesNotExist();
  }

  @Test
  void aRestartContinuesAboveTheLastNonce() {
    Path file = folder.resolve("kraken.nonce");
    var clock = new FakeClock(START);
    var first = new FileNonceSource(file, clock);
    long last = 0;
    for (int i = 0; i < 3; i++) {
      last = first.next();
    }

    var restarted = new FileNonceSource(file, clock);

    assertThat(restarted.next()).isEqualTo(last + 1);
  }

  @Test
  void aClockGoingBackwardsStillIncreases() {
    Path file = folder.resolve("kraken.nonce");
    var clock = new FakeClock(START);
    var nonces = new FileNonceSource(file, clock);
    long before = nonces.next();

    clock.set(START.minus(Duration.ofHours(1)));
    long after = nonces.next();
    var restartedAfterTheStep = new FileNonceSource(file, clock);

    assertThat(after).isEqualTo(before + 1);
    assertThat(restartedAfterTheStep.next()).isEqualTo(before + 2);
  }

  @Test
  void aClockAheadOfTheFileWins() throws Exception {
    Path file = folder.resolve("kraken.nonce");
    Files.writeString(file, "1000\n");

    var nonces = new FileNonceSource(file, new FakeClock(START));

    assertThat(nonces.next()).isEqualTo(1756935121565366L);
  }

  @Test
  void isThreadSafe() throws Exception {
    var nonces = new FileNonceSource(folder.resolve("kraken.nonce"), new FakeClock(START));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Long> all = Collections.synchronizedList(new ArrayList<>());
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 50; i++) {
                    all.add(nonces.next());
                  }
                }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(new HashSet<>(all)).hasSize(200);
    assertThat(nonces.next()).isEqualTo(Collections.max(all) + 1);
  }

  @Test
  void refusesAFileThatHoldsNoNonce() throws Exception {
    Path file = folder.resolve("kraken.nonce");
    Files.writeString(file, "not a number");

    assertThatThrownBy(() -> new FileNonceSource(file, new FakeClock(START)))
        .isInstanceOf(KrakenException.class)
        .hasMessageContaining("kraken.nonce")
        .hasMessageContaining("not a nonce high-water mark");
  }

  @Test
  void createsMissingFolders() {
    var nonces =
        new FileNonceSource(folder.resolve("state/keys/kraken.nonce"), new FakeClock(START));

    nonces.next();

    assertThat(folder.resolve("state/keys/kraken.nonce")).exists();
  }
}
