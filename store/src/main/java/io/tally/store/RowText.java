package io.tally.store;

import io.tally.ledger.InstantText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The text the store keeps for a row's values and for a layout's field names: the texts in order,
 * separated by a TAB. Inside a text, a backslash is written {@code \\}, a TAB {@code \t}, a line
 * feed {@code \n}, a carriage return {@code \r} and NUL {@code \0} (PostgreSQL text cannot hold
 * NUL); every other character is itself. In a row's values, a value equal to the row's id is
 * written {@code \i}, one equal to its group id {@code \g}, and one equal to its time as {@link
 * Instant#toString()} writes it {@code \a}, so a ledger row does not store its ledger id, refid and
 * time twice. How many texts there are comes from the layout, which is why a layout stores its
 * field count: {@code ""} is no text at all or one empty text.
 *
 * <p>Example: the row {@code L1} of group {@code R1} at {@code 2024-03-01T12:00:00Z} with fields
 * {@code txid=L1, refid=R1, time=2024-03-01T12:00:00Z, note=a<TAB>b, fee=} is stored as the values
 * {@code \i<TAB>\g<TAB>\a<TAB>a\tb<TAB>} under the names {@code
 * txid<TAB>refid<TAB>time<TAB>note<TAB>fee}. Stateless.
 */
final class RowText {

  private static final char SEPARATOR = '\t';
  private static final char ESCAPE = '\\';

  private RowText() {}

  /** The text of a layout's field names. */
  static String names(List<String> names) {
    StringBuilder text = new StringBuilder(names.size() * 8);
    for (int i = 0; i < names.size(); i++) {
      if (i > 0) {
        text.append(SEPARATOR);
      }
      appendEscaped(text, names.get(i));
    }
    return text.toString();
  }

  /**
   * The {@code count} field names of a layout's text.
   *
   * @throws IllegalArgumentException naming what is wrong if the text does not hold {@code count}
   *     names
   */
  static List<String> names(String text, int count) {
    List<String> names = new ArrayList<>(count);
    split(text, count, null, null, null, names);
    return names;
  }

  /** The text of the values of {@code fields}, in its layout's order, of the row {@code row}. */
  static String values(SourceRow row, RowFields fields) {
    StringBuilder text = new StringBuilder(fields.size() * 12);
    appendValues(text, row, fields);
    return text.toString();
  }

  /** Appends {@link #values(SourceRow, RowFields)} to {@code text}. */
  static void appendValues(StringBuilder text, SourceRow row, RowFields fields) {
    String rowId = row.rowId();
    String groupId = row.groupId();
    String at = InstantText.format(row.at());
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        text.append(SEPARATOR);
      }
      String value = fields.value(i);
      if (value.equals(rowId)) {
        text.append(ESCAPE).append('i');
      } else if (value.equals(groupId)) {
        text.append(ESCAPE).append('g');
      } else if (value.equals(at)) {
        text.append(ESCAPE).append('a');
      } else {
        appendEscaped(text, value);
      }
    }
  }

  /**
   * The {@code count} values of a row's text, with its back-references resolved to the row's id,
   * group id and time.
   *
   * @throws IllegalArgumentException naming what is wrong if the text does not hold {@code count}
   *     values
   */
  static String[] values(String text, int count, String rowId, String groupId, Instant at) {
    List<String> values = new ArrayList<>(count);
    split(text, count, rowId, groupId, at, values);
    return values.toArray(new String[0]);
  }

  /** Appends {@code value} to {@code text} escaped, as one text of a layout's names or a row's. */
  static void appendEscaped(StringBuilder text, String value) {
    int plain = 0;
    while (plain < value.length() && !needsEscape(value.charAt(plain))) {
      plain++;
    }
    if (plain == value.length()) {
      text.append(value);
      return;
    }
    text.append(value, 0, plain);
    for (int i = plain; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case ESCAPE -> text.append(ESCAPE).append(ESCAPE);
        case SEPARATOR -> text.append(ESCAPE).append('t');
        case '\n' -> text.append(ESCAPE).append('n');
        case '\r' -> text.append(ESCAPE).append('r');
        case '\0' -> text.append(ESCAPE).append('0');
        default -> text.append(c);
      }
    }
  }

  private static boolean needsEscape(char c) {
    return c == ESCAPE || c == SEPARATOR || c == '\n' || c == '\r' || c == '\0';
  }

  /**
   * Adds the {@code count} texts of {@code text} to {@code out}; back-references are allowed when
   * {@code rowId} is not null.
   */
  private static void split(
      String text, int count, String rowId, String groupId, Instant at, List<String> out) {
    if (count == 0) {
      if (!text.isEmpty()) {
        throw new IllegalArgumentException("expected no texts, found '" + text + "'");
      }
      return;
    }
    int start = 0;
    while (true) {
      int end = start;
      boolean escaped = false;
      while (end < text.length() && text.charAt(end) != SEPARATOR) {
        if (text.charAt(end) == ESCAPE) {
          escaped = true;
          end++;
        }
        end++;
      }
      if (end > text.length()) {
        throw new IllegalArgumentException(
            "text " + (out.size() + 1) + " ends in a lone backslash: '" + text + "'");
      }
      if (out.size() == count) {
        throw new IllegalArgumentException(
            "expected " + count + " texts, found more: '" + text + "'");
      }
      out.add(
          escaped
              ? unescape(text, start, end, out.size() + 1, rowId, groupId, at)
              : text.substring(start, end));
      if (end == text.length()) {
        break;
      }
      start = end + 1;
    }
    if (out.size() != count) {
      throw new IllegalArgumentException(
          "expected " + count + " texts, found " + out.size() + ": '" + text + "'");
    }
  }

  private static String unescape(
      String text, int start, int end, int number, String rowId, String groupId, Instant at) {
    if (end - start == 2 && rowId != null) {
      switch (text.charAt(start + 1)) {
        case 'i':
          return rowId;
        case 'g':
          return groupId;
        case 'a':
          return InstantText.format(at);
        default:
          break;
      }
    }
    StringBuilder value = new StringBuilder(end - start);
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c != ESCAPE) {
        value.append(c);
        continue;
      }
      char code = text.charAt(++i);
      switch (code) {
        case ESCAPE -> value.append(ESCAPE);
        case 't' -> value.append(SEPARATOR);
        case 'n' -> value.append('\n');
        case 'r' -> value.append('\r');
        case '0' -> value.append('\0');
        default ->
            throw new IllegalArgumentException(
                "text "
                    + number
                    + " has the unknown escape '\\"
                    + code
                    + "'"
                    + (code == 'i' || code == 'g' || code == 'a'
                        ? " (a back-reference must be the whole value of a row's field)"
                        : "")
                    + ": '"
                    + text
                    + "'");
      }
    }
    return value.toString();
  }
}
