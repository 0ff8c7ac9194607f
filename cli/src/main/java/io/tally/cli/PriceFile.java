package io.tally.cli;

import io.tally.kraken.CsvReader;
import io.tally.kraken.CsvRecord;
import io.tally.kraken.CsvTable;
import io.tally.kraken.KrakenException;
import io.tally.ledger.InstantText;
import io.tally.money.Asset;
import io.tally.money.AssetSymbol;
import io.tally.money.Price;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A prices file: CSV with the header {@code time,asset,price}, one price in the base currency per
 * row. Time is ISO-8601 UTC ({@code 2024-01-01T00:00:00Z}), {@code YYYY-MM-DD HH:MM:SS} (UTC), or
 * unix seconds ({@code 1704067200}, fractions allowed). Asset names go through Kraken's aliases, so
 * {@code BTC} and {@code XXBT} both mean XBT.
 *
 * <p>Example row: {@code 2024-01-01T00:00:00Z,XBT,42000.5}. Stateless.
 */
final class PriceFile {

  /** Unix seconds, with a fraction or not: compiled once, not for every line of a file. */
  private static final Pattern UNIX_SECONDS = Pattern.compile("\\d+(\\.\\d+)?");

  private PriceFile() {}

  /** The price points of the file; a bad row fails the whole read, naming file, line and field. */
  static List<Price> read(Path file, Asset base) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(reader, file.getFileName().toString(), base);
    } catch (IOException e) {
      throw KrakenException.unreadable(file.toString(), e);
    }
  }

  static List<Price> read(Reader reader, String name, Asset base) {
    CsvTable table = CsvReader.read(reader, name);
    for (String column : List.of("time", "asset", "price")) {
      if (!table.hasColumn(column)) {
        throw KrakenException.badFile(
            name, "missing column '" + column + "'; a prices file has the header time,asset,price");
      }
    }
    List<Price> prices = new ArrayList<>(table.records().size());
    for (CsvRecord record : table.records()) {
      Map<String, String> fields = table.fieldsByName(record);
      Instant at = time(name, record.line(), fields.get("time"));
      Asset asset;
      try {
        asset = AssetSymbol.canonical(fields.get("asset"));
      } catch (IllegalArgumentException e) {
        throw KrakenException.badField(name, record.line(), "asset", e.getMessage());
      }
      BigDecimal value;
      try {
        value = new BigDecimal(fields.get("price").strip());
      } catch (NumberFormatException e) {
        throw KrakenException.badField(
            name, record.line(), "price", "not a decimal number: '" + fields.get("price") + "'");
      }
      if (value.signum() < 0) {
        throw KrakenException.badField(name, record.line(), "price", "negative price " + value);
      }
      prices.add(new Price(asset, value, at, asset.code() + base.code()));
    }
    return prices;
  }

  static Instant time(String name, int line, String text) {
    String value = text == null ? "" : text.strip();
    try {
      if (UNIX_SECONDS.matcher(value).matches()) {
        BigDecimal seconds = new BigDecimal(value);
        long whole = seconds.longValue();
        long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
        return Instant.ofEpochSecond(whole, nanos);
      }
      if (value.length() >= 19 && value.charAt(10) == ' ') {
        return LocalDateTime.parse(value.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
      }
      // Instant.parse's own answer, digit by digit for the shape Tally and Kraken write.
      return InstantText.parse(value);
    } catch (DateTimeParseException | ArithmeticException e) {
      throw KrakenException.badField(
          name, line, "time", "not an ISO-8601 UTC time or unix seconds: '" + value + "'");
    }
  }
}
