package io.tally.kraken;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One row's fields by header name, with the file and line they came from, so that every parse error
 * names file, line and field. Columns not asked for are ignored.
 *
 * <p>Example: {@code new RowFields(Map.of("amount", "12,5"), "ledgers.csv", 7).decimal("amount")}
 * throws {@code ledgers.csv line 7, field 'amount': not a decimal number: '12,5'}. Immutable.
 */
final class RowFields {

  private final Map<String, String> fields;
  private final String source;
  private final int line;

  RowFields(Map<String, String> fields, String source, int line) {
    this.fields = fields;
    this.source = source;
    this.line = line;
  }

  /** The text of a required column, possibly empty. */
  String text(String name) {
    String value = fields.get(name);
    if (value == null) {
      throw KrakenException.badField(source, line, name, "missing required column");
    }
    return value;
  }

  /** The text of a required column that must not be empty. */
  String nonEmpty(String name) {
    String value = text(name);
    if (value.isEmpty()) {
      throw KrakenException.badField(source, line, name, "required value is empty");
    }
    return value;
  }

  /** The text of an optional column; empty when the column is absent. */
  String optionalText(String name) {
    String value = fields.get(name);
    return value == null ? "" : value;
  }

  /** A required decimal. */
  BigDecimal decimal(String name) {
    return parseDecimal(name, nonEmpty(name));
  }

  /** An optional decimal: empty when the column is absent or the cell is empty. */
  Optional<BigDecimal> optionalDecimal(String name) {
    String value = optionalText(name);
    return value.isEmpty() ? Optional.empty() : Optional.of(parseDecimal(name, value));
  }

  /** A required UTC time. */
  Instant time(String name) {
    String value = nonEmpty(name);
    try {
      return KrakenText.time(value);
    } catch (IllegalArgumentException e) {
      throw KrakenException.badField(source, line, name, e.getMessage());
    }
  }

  /** A failure of this row's field, for checks the caller makes itself. */
  KrakenException bad(String name, String reason) {
    return KrakenException.badField(source, line, name, reason);
  }

  private BigDecimal parseDecimal(String name, String value) {
    try {
      return KrakenText.decimal(value);
    } catch (IllegalArgumentException e) {
      throw KrakenException.badField(source, line, name, e.getMessage());
    }
  }
}
