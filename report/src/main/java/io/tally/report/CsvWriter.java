package io.tally.report;

/**
 * CSV text as RFC 4180 writes it: lines end with CRLF, and a field holding a comma, a double quote,
 * CR or LF is enclosed in double quotes, its double quotes doubled. A report of several tables
 * separates them with an empty line.
 *
 * <p>Example: {@code new CsvWriter().row("description", "proceeds").row("0.5 XBT", "25000").text()}
 * is {@code "description,proceeds\r\n0.5 XBT,25000\r\n"}. Mutable; one writer per document.
 */
public final class CsvWriter {

  private final StringBuilder text = new StringBuilder();

  /** Appends one row of fields. */
  public CsvWriter row(String... fields) {
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        text.append(',');
      }
      text.append(field(fields[i]));
    }
    text.append("\r\n");
    return this;
  }

  /** Appends the empty line that separates one table of a report from the next. */
  public CsvWriter blank() {
    text.append("\r\n");
    return this;
  }

  /** The document so far. */
  public String text() {
    return text.toString();
  }

  /** One field, quoted when RFC 4180 asks for it. */
  public static String field(String value) {
    if (value.indexOf(',') < 0
        && value.indexOf('"') < 0
        && value.indexOf('\r') < 0
        && value.indexOf('\n') < 0) {
      return value;
    }
    return '"' + value.replace("\"", "\"\"") + '"';
  }
}
