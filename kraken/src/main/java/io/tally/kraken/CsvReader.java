package io.tally.kraken;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads RFC 4180 CSV text: comma separators, double-quoted fields with {@code ""} for a quote,
 * commas and line breaks inside quotes, CRLF, LF or CR line ends, a UTF-8 byte order mark, and a
 * final line end or none. The first record is the header.
 *
 * <p>Blank lines are skipped wherever they are (before the header, between records, at the end): a
 * line that holds nothing, only blanks, or only empty fields ({@code ,,,} as a spreadsheet saves an
 * empty row) carries no data. Records keep the line they start on in the file, so messages name the
 * file's real lines.
 *
 * <p>Every record must have one field per header name. Empty names at the end of the header (a
 * header ending in {@code ,""}) are dropped, and a record may then carry empty fields in their
 * place.
 *
 * <p>Example: {@code CsvReader.read(new StringReader("a,b\n1,\"x,y\"\n"), "t.csv")} has header
 * {@code [a, b]} and one record {@code [1, x,y]} on line 2. Stateless; each call reads one text.
 */
public final class CsvReader {

  private static final char BOM = '\uFEFF';

  private final String text;
  private final String source;
  private int pos;
  private int line = 1;

  private CsvReader(String text, String source) {
    this.text = text;
    this.source = source;
    this.pos = !text.isEmpty() && text.charAt(0) == BOM ? 1 : 0;
  }

  /**
   * Reads the whole text.
   *
   * @param source the file name used in messages
   * @throws KrakenException naming source and line for malformed CSV, a record whose field count
   *     differs from the header, or a read failure
   */
  public static CsvTable read(Reader reader, String source) {
    StringBuilder text = new StringBuilder();
    char[] buffer = new char[8192];
    try {
      for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
        text.append(buffer, 0, n);
      }
    } catch (IOException e) {
      throw KrakenException.unreadable(source, e);
    }
    return new CsvReader(text.toString(), source).table();
  }

  private CsvTable table() {
    List<CsvRecord> raw = new ArrayList<>();
    while (pos < text.length()) {
      CsvRecord record = record();
      if (!isBlank(record)) {
        raw.add(record);
      }
    }
    if (raw.isEmpty()) {
      throw KrakenException.badFile(source, "empty file, expected a header line");
    }
    CsvRecord headerRecord = raw.get(0);
    List<String> names = new ArrayList<>(headerRecord.fields());
    int width = names.size();
    while (!names.isEmpty() && names.get(names.size() - 1).isBlank()) {
      names.remove(names.size() - 1);
    }
    if (names.isEmpty()) {
      throw KrakenException.badLine(source, headerRecord.line(), "header line has no column names");
    }
    List<String> header = header(names, headerRecord.line());
    List<CsvRecord> records = new ArrayList<>();
    for (CsvRecord record : raw.subList(1, raw.size())) {
      records.add(fitted(record, header.size(), width));
    }
    return new CsvTable(source, headerRecord.line(), header, records);
  }

  private List<String> header(List<String> names, int headerLine) {
    List<String> header = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i).strip();
      if (name.isEmpty()) {
        throw KrakenException.badLine(
            source, headerLine, "header column " + (i + 1) + " has no name");
      }
      if (!seen.add(name)) {
        throw KrakenException.badLine(source, headerLine, "header names '" + name + "' twice");
      }
      header.add(name);
    }
    return header;
  }

  /** The record cut to the named columns; unnamed trailing columns may only hold empty fields. */
  private CsvRecord fitted(CsvRecord record, int named, int width) {
    List<String> fields = record.fields();
    if (fields.size() < named || fields.size() > width) {
      throw KrakenException.badLine(
          source,
          record.line(),
          "expected " + named + " fields as in the header but found " + fields.size());
    }
    for (int i = named; i < fields.size(); i++) {
      if (!fields.get(i).isEmpty()) {
        throw KrakenException.badLine(
            source,
            record.line(),
            "field " + (i + 1) + " has no header name but holds '" + fields.get(i) + "'");
      }
    }
    return fields.size() == named ? record : new CsvRecord(record.line(), fields.subList(0, named));
  }

  /** Whether a record carries no data: every field empty or blank. */
  private static boolean isBlank(CsvRecord record) {
    return record.fields().stream().allMatch(String::isBlank);
  }

  /** One record from {@code pos}, consuming its line end. */
  private CsvRecord record() {
    int start = line;
    List<String> fields = new ArrayList<>();
    while (true) {
      fields.add(pos < text.length() && text.charAt(pos) == '"' ? quoted(start) : unquoted());
      if (pos >= text.length()) {
        return new CsvRecord(start, fields);
      }
      char c = text.charAt(pos);
      if (c == ',') {
        pos++;
      } else {
        lineEnd();
        return new CsvRecord(start, fields);
      }
    }
  }

  private String unquoted() {
    int from = pos;
    while (pos < text.length() && !isSeparatorOrLineEnd(text.charAt(pos))) {
      pos++;
    }
    return text.substring(from, pos);
  }

  private String quoted(int recordLine) {
    int openedOn = line;
    pos++;
    StringBuilder value = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw KrakenException.badLine(
            source,
            recordLine,
            "quoted field opened on line "
                + openedOn
                + " is not closed before the end of the file");
      }
      char c = text.charAt(pos);
      if (c == '"') {
        if (pos + 1 < text.length() && text.charAt(pos + 1) == '"') {
          value.append('"');
          pos += 2;
        } else {
          pos++;
          break;
        }
      } else if (c == '\r' || c == '\n') {
        int from = pos;
        lineEnd();
        value.append(text, from, pos);
      } else {
        value.append(c);
        pos++;
      }
    }
    if (pos < text.length() && !isSeparatorOrLineEnd(text.charAt(pos))) {
      throw KrakenException.badLine(
          source,
          line,
          "unexpected '"
              + text.charAt(pos)
              + "' after a closing quote (a quote inside a quoted"
              + " field must be doubled)");
    }
    return value.toString();
  }

  /** Consumes one line end (CRLF, LF or CR) at {@code pos}. */
  private void lineEnd() {
    if (text.charAt(pos) == '\r' && pos + 1 < text.length() && text.charAt(pos + 1) == '\n') {
      pos++;
    }
    pos++;
    line++;
  }

  private static boolean isSeparatorOrLineEnd(char c) {
    return c == ',' || c == '\r' || c == '\n';
  }
}
