package io.tally.kraken;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * An opened {@link CsvReader}'s records, a chunk of {@value #CHUNK} at a time, read on a thread of
 * its own while the caller makes rows of the chunks before: reading a 100,000-row ledgers.csv took
 * 0.24 s and making its rows 0.18 s, one after the other (docs/BENCHMARKS.md §28). The reading
 * thread stays at most {@value #AHEAD} chunks ahead, so a million-row export is never all in memory
 * as records. The chunks come in file order, and what reading throws (malformed CSV, naming file
 * and line) comes after every chunk before it, so the caller still meets the file's first bad row
 * first. A file of at most one chunk is read on the caller's thread, with no thread started.
 *
 * <p>Example: {@code try (RecordsAhead records = RecordsAhead.start(csv)) { for (List<CsvRecord>
 * chunk = records.next(); !chunk.isEmpty(); chunk = records.next()) { ... } }}. Used by one thread;
 * the reading thread only reads.
 */
final class RecordsAhead implements AutoCloseable {

  /** Records in a chunk: the last one holds fewer. */
  static final int CHUNK = 1_024;

  /** Chunks read and not yet taken, beyond which the reading thread waits. */
  static final int AHEAD = 8;

  /** Records read, in file order, and what reading threw after them if it did. */
  private record Chunk(List<CsvRecord> records, Optional<Throwable> failure) {

    /** Whether the text goes on after this chunk. */
    boolean more() {
      return failure.isEmpty() && records.size() == CHUNK;
    }
  }

  private final BlockingQueue<Chunk> chunks;
  private final Optional<Thread> reading;
  // The first chunk, until given; then what reading threw after records just given.
  private Optional<Chunk> held;
  private boolean ended;

  private RecordsAhead(Chunk first, BlockingQueue<Chunk> chunks, Optional<Thread> reading) {
    this.held = Optional.of(first);
    this.chunks = chunks;
    this.reading = reading;
  }

  /**
   * Reads the first chunk of {@code csv}'s records on this thread, and the rest on a thread of its
   * own.
   */
  static RecordsAhead start(CsvReader csv) {
    Chunk first = chunk(csv);
    BlockingQueue<Chunk> chunks = new ArrayBlockingQueue<>(AHEAD);
    if (!first.more()) {
      return new RecordsAhead(first, chunks, Optional.empty());
    }
    Thread thread = new Thread(() -> readRest(csv, chunks), "tally-csv-reader");
    thread.setDaemon(true);
    thread.start();
    return new RecordsAhead(first, chunks, Optional.of(thread));
  }

  /**
   * The next chunk of records in file order; empty once every record has been given.
   *
   * @throws KrakenException as {@link CsvReader#next()} threw it, once every record before it has
   *     been given; the records are at their end then
   */
  List<CsvRecord> next() {
    if (ended) {
      return List.of();
    }
    Chunk chunk = held.isPresent() ? held.get() : take();
    held = Optional.empty();
    if (!chunk.records().isEmpty()) {
      if (chunk.failure().isPresent()) {
        held = Optional.of(new Chunk(List.of(), chunk.failure()));
      } else {
        ended = !chunk.more();
      }
      return chunk.records();
    }
    ended = true;
    if (chunk.failure().isPresent()) {
      Throwable failure = chunk.failure().get();
      if (failure instanceof Error error) {
        throw error;
      }
      throw (RuntimeException) failure;
    }
    return List.of();
  }

  private Chunk take() {
    try {
      return chunks.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while reading a CSV export", e);
    }
  }

  /** Stops the reading thread, if it is still reading, and waits for it to end. */
  @Override
  public void close() {
    reading.ifPresent(
        thread -> {
          thread.interrupt();
          try {
            thread.join();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
  }

  /**
   * Up to {@value #CHUNK} records, fewer only at the end of the text or where reading threw, with
   * what it threw.
   */
  private static Chunk chunk(CsvReader csv) {
    List<CsvRecord> records = new ArrayList<>(CHUNK);
    try {
      while (records.size() < CHUNK) {
        Optional<CsvRecord> next = csv.next();
        if (next.isEmpty()) {
          break;
        }
        records.add(next.get());
      }
      return new Chunk(records, Optional.empty());
    } catch (RuntimeException | Error e) {
      return new Chunk(records, Optional.of(e));
    }
  }

  /** The reading thread: hands over chunk after chunk until the last; stops when interrupted. */
  private static void readRest(CsvReader csv, BlockingQueue<Chunk> handover) {
    try {
      Chunk read;
      do {
        read = chunk(csv);
        handover.put(read);
      } while (read.more());
    } catch (InterruptedException e) {
      // The caller stopped taking chunks: the read ends here.
    }
  }
}
