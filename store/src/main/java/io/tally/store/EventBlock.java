package io.tally.store;

import io.tally.ledger.InstantText;
import java.sql.SQLDataException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Revisions of events written by one import, in their order, as table {@code event_block} keeps
 * them: one line per revision, ended by a line feed, holding its revision number, its form, its
 * time ({@link StoredInstant}), its event's id and its line, written as {@link RowText} writes
 * texts (escaped, separated by a TAB), the lines {@link Deflated} together. The form is {@code w}
 * for a line kept whole, {@code t} for a tombstone (no line) and {@code h} for a line kept without
 * its head: the engine starts each line with the event's time and id ({@code 2024-03-01T12:00:00Z
 * R1 trade ...}), which the revision's own texts already hold, so a reader puts the head back. A
 * block of a ledger's events takes about a sixth of their lines' text.
 *
 * <p>Example: {@code new EventBlock.Writer()} fed {@code add(revision)} for each of 512 revisions
 * gives {@link Writer#finish()}'s bytes; {@code EventBlock.revisions(bytes, 512, 7)} gives the
 * revisions back. A writer is not thread-safe; reading is stateless.
 */
final class EventBlock {

  /**
   * The most revisions one block holds: enough that a block's last page is a small part of it, few
   * enough that finding one event inflates about 50 KB.
   */
  static final int MAX_REVISIONS = 512;

  private static final char SEPARATOR = '\t';
  private static final int TEXTS = 5;

  private EventBlock() {}

  /** Collects one block's revisions and deflates them; reusable block after block. */
  static final class Writer implements BlockPress.Maker<EventRevision> {

    private final Deflated.Writer block = new Deflated.Writer(MAX_REVISIONS, "revisions", 140, 24);

    /** Adds {@code revision} after those added since the last finish. */
    void add(EventRevision revision) {
      StringBuilder text = block.startLine();
      EventRecord record = revision.record();
      String line = record.line();
      String head = record.retracted() ? "" : head(record.eventId(), record.at());
      boolean headless = !head.isEmpty() && line.length() > head.length() && line.startsWith(head);
      char form = record.retracted() ? 't' : headless ? 'h' : 'w';
      text.append(revision.revision())
          .append(SEPARATOR)
          .append(form)
          .append(SEPARATOR)
          .append(StoredInstant.toText(record.at()))
          .append(SEPARATOR);
      RowText.appendEscaped(text, record.eventId());
      text.append(SEPARATOR);
      RowText.appendEscaped(text, headless ? line.substring(head.length()) : line);
      block.endLine();
    }

    /** How many revisions the block holds so far. */
    int revisions() {
      return block.lines();
    }

    /** The deflated block of {@code revisions}, after those added since the last finish. */
    @Override
    public byte[] make(List<EventRevision> revisions) {
      revisions.forEach(this::add);
      return finish();
    }

    /**
     * The deflated block of the revisions added since the last finish; the writer is empty again.
     */
    byte[] finish() {
      return block.finish();
    }

    @Override
    public void close() {
      block.close();
    }
  }

  /**
   * The {@code count} revisions block {@code blockId} holds, in its order.
   *
   * @throws SQLDataException naming the block, and the line where one is to blame, if the bytes are
   *     not such a block
   */
  static List<EventRevision> revisions(byte[] block, int count, long blockId)
      throws SQLDataException {
    List<EventRevision> revisions = new ArrayList<>(count);
    for (String line : Deflated.lines(block, count, "revisions", why -> notABlock(blockId, why))) {
      revisions.add(revision(line, blockId));
    }
    return revisions;
  }

  private static EventRevision revision(String line, long blockId) throws SQLDataException {
    try {
      List<String> texts = RowText.names(line, TEXTS);
      long revision = Long.parseLong(texts.get(0));
      String form = texts.get(1);
      Instant at = StoredInstant.fromText(texts.get(2));
      String eventId = texts.get(3);
      String text = texts.get(4);
      EventRecord record =
          switch (form) {
            case "w" -> EventRecord.of(eventId, at, text);
            case "h" -> EventRecord.of(eventId, at, head(eventId, at) + text);
            case "t" -> {
              if (!text.isEmpty()) {
                throw new IllegalArgumentException("a tombstone holds the line '" + text + "'");
              }
              yield EventRecord.retracted(eventId, at);
            }
            default -> throw new IllegalArgumentException("unknown form '" + form + "'");
          };
      return new EventRevision(record, revision);
    } catch (IllegalArgumentException | DateTimeException e) {
      throw notABlock(blockId, e.getMessage() + " in the line '" + line + "'");
    }
  }

  /** What the engine starts an event's line with: its time and its id, each followed by a space. */
  static String head(String eventId, Instant at) {
    return InstantText.format(at) + " " + eventId + " ";
  }

  private static SQLDataException notABlock(long blockId, String why) {
    return new SQLDataException(
        "column lines of event_block " + blockId + " is not a block of event revisions: " + why);
  }
}
