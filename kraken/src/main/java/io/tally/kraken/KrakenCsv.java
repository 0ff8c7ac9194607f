package io.tally.kraken;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a Kraken CSV export, {@code ledgers.csv} or {@code trades.csv} of any header generation,
 * telling the kind by its header and mapping columns by name. All or nothing: the first bad row
 * stops the read with a {@link KrakenException} naming file, line and field.
 *
 * <p>Example: {@code KrakenCsv.read(Path.of("ledgers.csv")).ledgerRows()}. Stateless.
 */
public final class KrakenCsv {

  private KrakenCsv() {}

  /**
   * Reads and parses an export file (UTF-8, with or without a byte order mark).
   *
   * @throws KrakenException when the file cannot be read, is not a Kraken export, or has a bad row
   */
  public static ExportFile read(Path file) {
    Path name = file.getFileName();
    String fileName = name == null ? file.toString() : name.toString();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(reader, fileName);
    } catch (IOException e) {
      throw KrakenException.unreadable(fileName, e);
    }
  }

  /**
   * Reads and parses an export from a reader; {@code fileName} names it in rows and messages.
   *
   * @throws KrakenException when the text is not a Kraken export or has a bad row
   */
  public static ExportFile read(Reader reader, String fileName) {
    // Chunk by chunk: records are read on a thread of their own while the chunks before become
    // rows, so the file's text and records are never all in memory at once. The first bad row, as
    // read or as parsed, still stops the read, before anything is stored.
    CsvReader csv = CsvReader.open(reader, fileName);
    List<String> header = csv.header();
    ExportKind kind =
        kindOf(header)
            .orElseThrow(
                () ->
                    KrakenException.badLine(
                        fileName,
                        csv.headerLine(),
                        "not a Kraken export: expected a ledgers header (with 'refid' and"
                            + " 'amount') or a trades header (with 'ordertxid' or 'pair', and"
                            + " 'vol'), found: "
                            + String.join(", ", header)));
    List<String> required =
        kind == ExportKind.LEDGERS ? LedgerRow.REQUIRED_COLUMNS : TradeRow.REQUIRED_COLUMNS;
    for (String column : required) {
      if (!header.contains(column)) {
        throw KrakenException.badLine(
            fileName,
            csv.headerLine(),
            "missing required column '"
                + column
                + "' for a "
                + kind.name().toLowerCase(Locale.ROOT)
                + " export");
      }
    }
    List<LedgerRow> ledgerRows = new ArrayList<>();
    List<TradeRow> tradeRows = new ArrayList<>();
    HeaderIndex columns = HeaderIndex.of(header);
    try (RecordsAhead records = RecordsAhead.start(csv)) {
      for (List<CsvRecord> chunk = records.next(); !chunk.isEmpty(); chunk = records.next()) {
        for (CsvRecord record : chunk) {
          if (kind == ExportKind.LEDGERS) {
            ledgerRows.add(LedgerRow.fromFields(columns.fields(record), fileName, record.line()));
          } else {
            tradeRows.add(TradeRow.fromFields(columns.fields(record), fileName, record.line()));
          }
        }
      }
    }
    return new ExportFile(kind, fileName, ledgerRows, tradeRows);
  }

  /**
   * The kind of export a header belongs to: {@code refid} and {@code amount} make a ledgers export;
   * {@code vol} with {@code ordertxid} or {@code pair} a trades export.
   */
  public static Optional<ExportKind> kindOf(List<String> header) {
    if (header.contains("refid") && header.contains("amount")) {
      return Optional.of(ExportKind.LEDGERS);
    }
    if (header.contains("vol") && (header.contains("ordertxid") || header.contains("pair"))) {
      return Optional.of(ExportKind.TRADES);
    }
    return Optional.empty();
  }
}
