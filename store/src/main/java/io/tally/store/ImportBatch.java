package io.tally.store;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What one import hands to {@link SqliteStore#commit}: the raw rows read, the event records
 * classified from them, and a description for the import log. The store writes it in one
 * transaction.
 *
 * <p>Example: {@code new ImportBatch(List.of(row1, row2), List.of(EventRecord.of("TX1", at, "TRADE
 * ...")), "ledgers-2024.csv")}. Immutable.
 *
 * @param rows raw rows in the order they were read; rows already stored are skipped
 * @param events event records in order; a later record of the same id revises an earlier one
 * @param description what was imported, such as file names, for the import log
 */
public record ImportBatch(List<SourceRow> rows, List<EventRecord> events, String description) {

  public ImportBatch {
    rows = List.copyOf(requireNonNull(rows, "rows"));
    events = List.copyOf(requireNonNull(events, "events"));
    requireNonNull(description, "description");
  }
}
