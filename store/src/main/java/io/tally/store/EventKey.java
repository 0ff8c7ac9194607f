package io.tally.store;

import java.nio.charset.StandardCharsets;

/**
 * The key table {@code event_key} finds an event id's blocks by: the 64-bit FNV-1a hash of the id's
 * UTF-8 bytes, a fixed function, since stored keys must mean the same to every later version. Two
 * ids may share a key; a reader of the blocks a key names keeps only the id it asked for, so a
 * shared key costs a block read, never a wrong answer.
 *
 * <p>Example: {@code EventKey.of("a")} is {@code 0xaf63dc4c8601ec8cL}, FNV-1a's published value for
 * "a". Stateless.
 */
final class EventKey {

  private static final long OFFSET_BASIS = 0xcbf29ce484222325L;
  private static final long PRIME = 0x100000001b3L;

  private EventKey() {}

  /** The key of event {@code eventId}. */
  static long of(String eventId) {
    long hash = OFFSET_BASIS;
    for (byte b : eventId.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= PRIME;
    }
    return hash;
  }
}
