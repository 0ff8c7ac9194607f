package io.tally.store;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * What the trades a checkpoint's fold applied since its last saved checkpoint did to PnL, saved in
 * the same transaction as the checkpoint ({@link PortfolioStore#saveCheckpoint(Checkpoint,
 * CheckpointTrades)}): one line of the engine's text per trade, for the books {@code books} names.
 * The store keeps them until the same books replace them and never reads the lines.
 *
 * <p>Example: {@code new CheckpointTrades("USD WAC", false, Map.of("TXID-1",
 * "4990.00000000\t10.00000000\t-"))} adds one trade's line; with {@code replaceAll} true, the
 * books' lines stored before are deleted first (a fold replayed from scratch saves every trade).
 * Immutable.
 *
 * @param books the engine's name for the books the lines belong to; not blank
 * @param replaceAll whether the lines stored for {@code books} are deleted before these are saved
 * @param lines each trade's line by its event id; neither may be empty
 */
public record CheckpointTrades(String books, boolean replaceAll, Map<String, String> lines) {

  public CheckpointTrades {
    requireNonNull(books, "books");
    if (books.isBlank()) {
      throw new IllegalArgumentException("books must not be blank");
    }
    lines = Map.copyOf(lines);
    lines.forEach(
        (id, line) -> {
          if (id.isEmpty() || line.isEmpty()) {
            throw new IllegalArgumentException(
                "A trade's event id and line must not be empty: '" + id + "' '" + line + "'");
          }
        });
  }

  /** Nothing to save for {@code books}: a checkpoint whose fold applied no trade since the last. */
  public static CheckpointTrades none(String books) {
    return new CheckpointTrades(books, false, Map.of());
  }

  @Override
  public String toString() {
    return "CheckpointTrades[books="
        + books
        + ", replaceAll="
        + replaceAll
        + ", lines="
        + lines.size()
        + "]";
  }
}
