package io.tally.store;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Makes blocks' bytes (their lines' text, deflated: {@link RowBlock.Writer} for rows, {@link
 * EventBlock.Writer} for event revisions) for an insert, and hands each to the insert's {@link
 * Sink} in the order the blocks were given. An insert of more than one block makes them on a thread
 * of its own, at most {@value #AHEAD} blocks ahead of the sink, while the inserting thread goes on
 * making rows and binding their keys: in a first import of 100,000 rows, the blocks' text and
 * deflation were 0.25 s of the 0.64 s the rows' write took on that thread (docs/BENCHMARKS.md §28).
 * A smaller insert (a sync's few rows) makes its one block on the caller's thread, with no thread
 * started. Only the caller's thread calls the sink, so it alone uses the store's connection.
 *
 * <p>Example: {@code try (BlockPress<Long, RowBlock.Line> press = BlockPress.forRows(rows.size(),
 * (id, bytes) -> insert(id, bytes))) { press.press(1L, lines); press.finish(); }}. Used by one
 * thread; the press's own thread only makes bytes.
 *
 * @param <T> what the sink needs to know of a block besides its bytes, such as its id
 * @param <L> what a block is made of: a row's line, or an event revision
 */
final class BlockPress<T, L> implements AutoCloseable {

  /** Blocks made or being made that the sink has not had yet, beyond which {@link #press} waits. */
  static final int AHEAD = 4;

  /** Takes a made block, on the thread that gave it to the press. */
  @FunctionalInterface
  interface Sink<T> {

    /** Takes the bytes made of the block {@code block} names. */
    void accept(T block, byte[] bytes) throws SQLException;
  }

  /** Makes one block's bytes of its lines; reusable block after block, by one thread. */
  interface Maker<L> extends AutoCloseable {

    /** The bytes of the block of {@code lines}. */
    byte[] make(List<L> lines);

    @Override
    void close();
  }

  /** A block given to the press's thread, and its bytes to come. */
  private record Pressing<T>(T block, Future<byte[]> bytes) {}

  private final Sink<T> sink;
  // Used by the press's thread alone when there is one, else by the caller's.
  private final Maker<L> maker;
  private final Optional<ExecutorService> thread;
  private final ArrayDeque<Pressing<T>> waiting = new ArrayDeque<>();

  private BlockPress(Sink<T> sink, Maker<L> maker, Optional<ExecutorService> thread) {
    this.sink = sink;
    this.maker = maker;
    this.thread = thread;
  }

  /**
   * A press for an insert of {@code rows} rows: with a thread of its own when they fill more than
   * one block.
   */
  static <T> BlockPress<T, RowBlock.Line> forRows(int rows, Sink<T> sink) {
    return of(rows, RowBlock.MAX_ROWS, new RowBlock.Writer(), sink);
  }

  /**
   * A press for an append of {@code revisions} event revisions: with a thread of its own when they
   * fill more than one block.
   */
  static <T> BlockPress<T, EventRevision> forEvents(int revisions, Sink<T> sink) {
    return of(revisions, EventBlock.MAX_REVISIONS, new EventBlock.Writer(), sink);
  }

  private static <T, L> BlockPress<T, L> of(int lines, int perBlock, Maker<L> maker, Sink<T> sink) {
    if (lines <= perBlock) {
      return new BlockPress<>(sink, maker, Optional.empty());
    }
    return new BlockPress<>(
        sink,
        maker,
        Optional.of(
            Executors.newSingleThreadExecutor(
                task -> {
                  Thread made = new Thread(task, "tally-block-press");
                  made.setDaemon(true);
                  return made;
                })));
  }

  /** Whether this press makes blocks on a thread of its own. */
  boolean threaded() {
    return thread.isPresent();
  }

  /**
   * Makes the block {@code block} names of {@code lines} (at most one block's, which the press
   * reads later, so the caller must not change them), and hands the sink every block made so far
   * that it may have in order, waiting while {@value #AHEAD} are ahead of it.
   *
   * @throws SQLException as the sink throws it
   */
  void press(T block, List<L> lines) throws SQLException {
    if (thread.isEmpty()) {
      sink.accept(block, maker.make(lines));
      return;
    }
    waiting.add(new Pressing<>(block, thread.get().submit(() -> maker.make(lines))));
    while (waiting.size() > AHEAD || (!waiting.isEmpty() && waiting.peek().bytes().isDone())) {
      handOldest();
    }
  }

  /** Hands the sink every block still to come, in order. */
  void finish() throws SQLException {
    while (!waiting.isEmpty()) {
      handOldest();
    }
  }

  private void handOldest() throws SQLException {
    Pressing<T> oldest = waiting.remove();
    byte[] bytes;
    try {
      bytes = oldest.bytes().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("Interrupted while blocks were being made", e);
    } catch (ExecutionException e) {
      // What making a block throws on the press's thread is thrown here, as the caller's own
      // thread would have thrown it.
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("Making a block failed", e.getCause());
    } catch (CancellationException e) {
      throw new IllegalStateException("A block was cancelled before it was made", e);
    }
    sink.accept(oldest.block(), bytes);
  }

  /**
   * Stops the press's thread, dropping blocks not yet handed on (after a failure), and frees the
   * maker.
   */
  @Override
  public void close() {
    thread.ifPresent(
        executor -> {
          waiting.forEach(pressing -> pressing.bytes().cancel(true));
          waiting.clear();
          executor.shutdownNow();
          try {
            // The maker is freed once no block is being made with it.
            executor.awaitTermination(1, TimeUnit.MINUTES);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    maker.close();
  }
}
