package io.tally.kraken;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * <p>Two ways to read: {@link #read} reads the whole text into a {@link CsvTable}; {@link #open}
 * reads the header and then one record per {@link #next()}, so a million-row export never holds its
 * text or all its records at once. The text is read in blocks through a buffer. A column's repeated
 * values (a ledger's {@code type}, {@code asset} or {@code wallet}) are one shared string while the
 * column has at most {@value #SHARED_PER_COLUMN} distinct values; after that, a value equal to the
 * record above's (the refid of a trade's second row) is that record's string.
 *
 * <p>Example: {@code CsvReader.read(new StringReader("a,b\n1,\"x,y\"\n"), "t.csv")} has header
 * {@code [a, b]} and one record {@code [1, x,y]} on line 2. Each reader reads one text, once; not
 * thread-safe.
 */
public final class CsvReader {

  private static final char BOM = '\uFEFF';
  private static final int BUFFER = 1 << 16;

  /** Distinct values a column shares before it stops looking its values up. */
  private static final int SHARED_PER_COLUMN = 64;

  private final Reader reader;
  private final String source;
  private final char[] buffer = new char[BUFFER];
  private int pos;
  private int limit;
  private boolean ended;
  private int line = 1;
  private final List<Map<String, String>> shared = new ArrayList<>();
  // Each column's value in the record read last.
  private final List<String> above = new ArrayList<>();
  private final StringBuilder scratch = new StringBuilder();

  // Set by open(): the header and how wide its record was before empty trailing names were dropped.
  private List<String> header = List.of();
  private int headerLine;
  private int width;

  private CsvReader(Reader reader, String source) {
    this.reader = reader;
    this.source = source;
    if (fill(1) && buffer[pos] == BOM) {
      pos++;
    }
  }

  /**
   * Reads the whole text.
   *
   * @param source the file name used in messages
   * @throws KrakenException naming source and line for malformed CSV, a record whose field count
   *     differs from the header, or a read failure
   */
  public static CsvTable read(Reader reader, String source) {
    CsvReader csv = new CsvReader(reader, source);
    // The whole text is read before the header is judged, so a malformed record anywhere is
    // reported before a bad header, as it always was.
    List<CsvRecord> raw = new ArrayList<>();
    for (Optional<CsvRecord> record = csv.nonBlank(); record.isPresent(); record = csv.nonBlank()) {
      raw.add(record.get());
    }
    if (raw.isEmpty()) {
      throw KrakenException.badFile(source, "empty file, expected a header line");
    }
    csv.header(raw.get(0));
    List<CsvRecord> records = new ArrayList<>(raw.size() - 1);
    for (CsvRecord record : raw.subList(1, raw.size())) {
      records.add(csv.fitted(record));
    }
    return new CsvTable(source, csv.headerLine, csv.header, records);
  }

  /**
   * Reads up to and including the header; {@link #next()} then gives the records one at a time.
   *
   * @param source the file name used in messages
   * @throws KrakenException naming source and line for an empty file, a bad header, malformed CSV
   *     before it, or a read failure
   */
  public static CsvReader open(Reader reader, String source) {
    CsvReader csv = new CsvReader(reader, source);
    Optional<CsvRecord> first = csv.nonBlank();
    if (first.isEmpty()) {
      throw KrakenException.badFile(source, "empty file, expected a header line");
    }
    csv.header(first.get());
    return csv;
  }

  /** The column names, in file order, unique and non-empty (after {@link #open}). */
  public List<String> header() {
    return header;
  }

  /** The 1-based line of the header (after {@link #open}). */
  public int headerLine() {
    return headerLine;
  }

  /**
   * The next record with data, cut to the named columns; empty at the end of the text.
   *
   * @throws KrakenException naming source and line for malformed CSV, a record whose field count
   *     differs from the header, or a read failure
   */
  public Optional<CsvRecord> next() {
    return nonBlank().map(this::fitted);
  }

  private void header(CsvRecord headerRecord) {
    List<String> names = new ArrayList<>(headerRecord.fields());
    width = names.size();
    while (!names.isEmpty() && names.get(names.size() - 1).isBlank()) {
      names.remove(names.size() - 1);
    }
    if (names.isEmpty()) {
      throw KrakenException.badLine(source, headerRecord.line(), "header line has no column names");
    }
    List<String> checked = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i).strip();
      if (name.isEmpty()) {
        throw KrakenException.badLine(
            source, headerRecord.line(), "header column " + (i + 1) + " has no name");
      }
      if (!seen.add(name)) {
        throw KrakenException.badLine(
            source, headerRecord.line(), "header names '" + name + "' twice");
      }
      checked.add(name);
    }
    header = List.copyOf(checked);
    headerLine = headerRecord.line();
  }

  /** The record cut to the named columns; unnamed trailing columns may only hold empty fields. */
  private CsvRecord fitted(CsvRecord record) {
    int named = header.size();
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

  /** The next record that is not blank; empty at the end of the text. */
  private Optional<CsvRecord> nonBlank() {
    while (fill(1)) {
      CsvRecord record = record();
      if (!isBlank(record)) {
        return Optional.of(record);
      }
    }
    return Optional.empty();
  }

  /** Whether a record carries no data: every field empty or blank. */
  private static boolean isBlank(CsvRecord record) {
    // A loop, not a stream: every record of a file is asked.
    for (String field : record.fields()) {
      if (!field.isBlank()) {
        return false;
      }
    }
    return true;
  }

  /** One record from {@code pos}, consuming its line end. */
  private CsvRecord record() {
    int start = line;
    List<String> fields = new ArrayList<>();
    while (true) {
      int column = fields.size();
      String value = fill(1) && buffer[pos] == '"' ? quoted(start) : unquoted();
      fields.add(shared(column, value));
      if (!fill(1)) {
        return new CsvRecord(start, fields);
      }
      if (buffer[pos] == ',') {
        pos++;
      } else {
        lineEnd();
        return new CsvRecord(start, fields);
      }
    }
  }

  /**
   * The value as one string shared by the column's equal values while the column has few, and
   * otherwise by the record above's equal value.
   */
  private String shared(int column, String value) {
    while (shared.size() <= column) {
      shared.add(new HashMap<>());
      above.add("");
    }
    String kept = value;
    Map<String, String> values = shared.get(column);
    if (values == null) {
      // Ids, times, amounts: the rows of one refid repeat its refid and often its time.
      String same = above.get(column);
      kept = same.equals(value) ? same : value;
    } else {
      String known = values.putIfAbsent(value, value);
      if (known != null) {
        kept = known;
      } else if (values.size() > SHARED_PER_COLUMN) {
        // Every value differs, so looking them up only costs.
        shared.set(column, null);
      }
    }
    above.set(column, kept);
    return kept;
  }

  private String unquoted() {
    scratch.setLength(0);
    while (true) {
      int from = pos;
      while (pos < limit && !isSeparatorOrLineEnd(buffer[pos])) {
        pos++;
      }
      if (pos < limit) {
        return text(from);
      }
      scratch.append(buffer, from, pos - from);
      if (!fill(1)) {
        return scratch.toString();
      }
    }
  }

  /** The field from {@code from} to {@code pos}, after what {@link #scratch} already holds. */
  private String text(int from) {
    if (scratch.length() == 0) {
      return new String(buffer, from, pos - from);
    }
    scratch.append(buffer, from, pos - from);
    return scratch.toString();
  }

  private String quoted(int recordLine) {
    int openedOn = line;
    pos++;
    scratch.setLength(0);
    while (true) {
      if (!fill(1)) {
        throw KrakenException.badLine(
            source,
            recordLine,
            "quoted field opened on line "
                + openedOn
                + " is not closed before the end of the file");
      }
      int from = pos;
      while (pos < limit && !isQuoteOrLineEnd(buffer[pos])) {
        pos++;
      }
      scratch.append(buffer, from, pos - from);
      if (pos == limit) {
        continue;
      }
      char c = buffer[pos];
      if (c == '"') {
        if (fill(2) && buffer[pos + 1] == '"') {
          scratch.append('"');
          pos += 2;
        } else {
          pos++;
          break;
        }
      } else {
        boolean crlf = c == '\r' && fill(2) && buffer[pos + 1] == '\n';
        scratch.append(c);
        if (crlf) {
          scratch.append('\n');
        }
        lineEnd();
      }
    }
    if (fill(1) && !isSeparatorOrLineEnd(buffer[pos])) {
      throw KrakenException.badLine(
          source,
          line,
          "unexpected '"
              + buffer[pos]
              + "' after a closing quote (a quote inside a quoted"
              + " field must be doubled)");
    }
    return scratch.toString();
  }

  /** Consumes one line end (CRLF, LF or CR) at {@code pos}. */
  private void lineEnd() {
    if (buffer[pos] == '\r' && fill(2) && buffer[pos + 1] == '\n') {
      pos++;
    }
    pos++;
    line++;
  }

  /**
   * Whether at least {@code count} characters are buffered from {@code pos}, reading more when not
   * (fewer are left only at the end of the text).
   */
  private boolean fill(int count) {
    if (limit - pos >= count) {
      return true;
    }
    if (ended) {
      return false;
    }
    System.arraycopy(buffer, pos, buffer, 0, limit - pos);
    limit -= pos;
    pos = 0;
    try {
      while (limit < count) {
        int n = reader.read(buffer, limit, buffer.length - limit);
        if (n < 0) {
          ended = true;
          return false;
        }
        limit += n;
      }
    } catch (IOException e) {
      throw KrakenException.unreadable(source, e);
    }
    return true;
  }

  private static boolean isSeparatorOrLineEnd(char c) {
    return c == ',' || c == '\r' || c == '\n';
  }

  private static boolean isQuoteOrLineEnd(char c) {
    return c == '"' || c == '\r' || c == '\n';
  }
}
