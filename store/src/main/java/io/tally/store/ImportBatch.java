package io.tally.store;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * What one import or sync hands to {@link PortfolioStore#commit}: the raw rows read, the event
 * records classified from them, the prices it used, the marks it resumes from next time, and a
 * description for the import log. The store writes it in one transaction.
 *
 * <p>Example: {@code new ImportBatch(List.of(row1, row2), List.of(EventRecord.of("TX1", at, "TRADE
 * ...")), "ledgers-2024.csv")}. Immutable.
 *
 * @param rows raw rows in the order they were read; rows already stored are skipped
 * @param events event records in order; a later record of the same id revises an earlier one
 * @param prices prices used, kept beside the events; one already stored is skipped
 * @param marks named values to resume from, such as the newest ledger time synced
 * @param description what was imported, such as file names, for the import log
 */
public record ImportBatch(
    List<SourceRow> rows,
    List<EventRecord> events,
    List<StoredPrice> prices,
    Map<String, String> marks,
    String description) {

  public ImportBatch {
    rows = List.copyOf(requireNonNull(rows, "rows"));
    events = List.copyOf(requireNonNull(events, "events"));
    prices = List.copyOf(requireNonNull(prices, "prices"));
    marks = Map.copyOf(requireNonNull(marks, "marks"));
    requireNonNull(description, "description");
  }

  /** A batch of rows and events only, as a file import makes. */
  public ImportBatch(List<SourceRow> rows, List<EventRecord> events, String description) {
    this(rows, events, List.of(), Map.of(), description);
  }
}
