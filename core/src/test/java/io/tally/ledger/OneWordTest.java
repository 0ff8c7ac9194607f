package io.tally.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OneWordTest {

  @Test
  void aWordHasNoWhitespaceAndIsNotEmpty() {
    assertThat(OneWord.isOneWord("bot-a_1")).isTrue();
    assertThat(OneWord.isOneWord("TXID-1:fill")).isTrue();
    assertThat(OneWord.isOneWord("")).isFalse();
    assertThat(OneWord.isOneWord("bot a")).isFalse();
    assertThat(OneWord.isOneWord(" ")).isFalse();
  }

  @Test
  void whitespaceIsWhatJavaCallsWhitespace() {
    // Tab, line feed and the ideographic space are whitespace; a no-break space is not.
    assertThat(OneWord.hasWhitespace("a\tb")).isTrue();
    assertThat(OneWord.hasWhitespace("a\nb")).isTrue();
    assertThat(OneWord.hasWhitespace("a\u3000b")).isTrue();
    assertThat(OneWord.hasWhitespace("a\u00A0b")).isFalse();
    assertThat(OneWord.hasWhitespace("")).isFalse();
  }
}
