package io.tally.ledger;

/**
 * Free text inside a tab-separated record of a stored state (the books' checkpoint, the margin
 * positions' text): backslash, tab, newline and carriage return are escaped as {@code \\}, {@code
 * \t}, {@code \n} and {@code \r}, so a record stays one line whose fields split on tabs; {@link
 * #unescape} also reads {@code \/} as a slash, which the margin text writes inside a pair's halves.
 *
 * <p>Example: {@code TabText.escape("a\tb")} is {@code a\\tb}, and {@code unescape} of that is
 * {@code a<TAB>b}. Stateless.
 */
public final class TabText {

  private TabText() {}

  /** {@code text} with backslash, tab, newline and carriage return escaped. */
  public static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * The text {@link #escape} wrote ({@code \/} read as a slash).
   *
   * @throws IllegalArgumentException on a lone backslash at the end or an unknown escape
   */
  public static String unescape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (i + 1 == text.length()) {
        throw new IllegalArgumentException("a lone backslash ends '" + text + "'");
      }
      char next = text.charAt(++i);
      switch (next) {
        case '\\' -> out.append('\\');
        case 't' -> out.append('\t');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case '/' -> out.append('/');
        default -> throw new IllegalArgumentException("unknown escape \\" + next);
      }
    }
    return out.toString();
  }
}
