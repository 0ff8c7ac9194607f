package io.tally.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IdKeyTest {

  @Test
  void keysAreFnv1aOfTheUtf8BytesAsPublished() {
    // FNV-1a 64 test vectors (Fowler, Noll, Vo: "FNV hash" test suite).
    assertThat(IdKey.of("")).isEqualTo(0xcbf29ce484222325L);
    assertThat(IdKey.of("a")).isEqualTo(0xaf63dc4c8601ec8cL);
    assertThat(IdKey.of("foobar")).isEqualTo(0x85944171f73967e8L);
  }

  @Test
  void aCharacterPastAsciiIsHashedAsItsUtf8Bytes() {
    // "é" is C3 A9 in UTF-8: FNV-1a over those two bytes, step by step.
    long hash = 0xcbf29ce484222325L;
    hash = (hash ^ 0xc3) * 0x100000001b3L;
    hash = (hash ^ 0xa9) * 0x100000001b3L;

    assertThat(IdKey.of("é")).isEqualTo(hash);
  }

  @Test
  void theKeysOfSeveralIdsAreEachOnesKeyInTheirOrder() {
    assertThat(IdKey.ofAll(List.of("foobar", "", "a", "a")))
        .containsExactly(
            0x85944171f73967e8L, 0xcbf29ce484222325L, 0xaf63dc4c8601ec8cL, 0xaf63dc4c8601ec8cL);
  }
}
