package io.tally.ledger;

/**
 * The rule for the words an event line carries as they are (ids, strategy tags, order ids): no
 * whitespace, since the line separates its fields with spaces. Checked character by character:
 * every event made, classified or read back asks it once or more. What becomes such a word later, a
 * strategy tag in the configuration or a paper order's client id, is checked by the same rule.
 *
 * <p>Example: {@code OneWord.hasWhitespace("bot a")} is true; {@code OneWord.isOneWord("")} is
 * false. Stateless.
 */
public final class OneWord {

  private OneWord() {}

  /** Whether {@code text} is not blank and holds no whitespace. */
  public static boolean isOneWord(String text) {
    return !text.isEmpty() && !hasWhitespace(text);
  }

  /** Whether any character of {@code text} is whitespace ({@link Character#isWhitespace}). */
  public static boolean hasWhitespace(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isWhitespace(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}
