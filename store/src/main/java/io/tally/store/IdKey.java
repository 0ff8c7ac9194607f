package io.tally.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The key the key tables find an id's blocks by ({@code event_key} an event's, {@code
 * trade_pnl_key} a trade's PnL line's, {@code row_id_key} and {@code row_group_key} a raw row's id
 * and group): the 64-bit FNV-1a hash of the id's UTF-8 bytes, a fixed function, since stored keys
 * must mean the same to every later version. Two ids may share a key; a reader of the blocks a key
 * names keeps only the id it asked for, so a shared key costs a block read, never a wrong answer.
 *
 * <p>Example: {@code IdKey.of("a")} is {@code 0xaf63dc4c8601ec8cL}, FNV-1a's published value for
 * "a". Stateless.
 */
final class IdKey {

  private static final long OFFSET_BASIS = 0xcbf29ce484222325L;
  private static final long PRIME = 0x100000001b3L;

  private IdKey() {}

  /** The keys of {@code ids}, one each, in their order. */
  static List<Long> ofAll(Collection<String> ids) {
    List<Long> keys = new ArrayList<>(ids.size());
    ids.forEach(id -> keys.add(of(id)));
    return keys;
  }

  /** The key of {@code id}. */
  static long of(String id) {
    long hash = OFFSET_BASIS;
    for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= PRIME;
    }
    return hash;
  }
}
