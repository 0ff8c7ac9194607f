package io.tally.store;

import static java.util.Objects.requireNonNull;

import java.util.AbstractList;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.function.Function;

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
    rows = rows instanceof DerivedRows ? rows : List.copyOf(requireNonNull(rows, "rows"));
    events = List.copyOf(requireNonNull(events, "events"));
    prices = List.copyOf(requireNonNull(prices, "prices"));
    marks = Map.copyOf(requireNonNull(marks, "marks"));
    requireNonNull(description, "description");
  }

  /** A batch of rows and events only, as a file import makes. */
  public ImportBatch(List<SourceRow> rows, List<EventRecord> events, String description) {
    this(rows, events, List.of(), Map.of(), description);
  }

  /**
   * Source rows made on demand from the values an import parsed, such as a ledgers.csv export's
   * rows: a list that holds the parsed values and makes each {@link SourceRow} when it is asked
   * for, so an import of a million rows never holds a second copy of every row in the store's form
   * beside the parsed one. A row's source and id are had without making it. An {@code ImportBatch}
   * keeps such a list as it is, where it copies any other.
   *
   * <p>Example: {@code DerivedRows.of("kraken.ledgers", ledgerRows, LedgerRow::txid, row -> new
   * SourceRow(...)).followedBy(DerivedRows.of("kraken.orders", orders, SourceRow::rowId, o -> o))},
   * whose {@code get(0).rowId()} is the first ledger row's id. Immutable when the functions are
   * pure (they are called again on each {@code get}).
   */
  public static final class DerivedRows extends AbstractList<SourceRow> implements RandomAccess {

    /** One source's items and how each becomes a row. */
    private record Part<T>(
        String source,
        List<T> items,
        Function<? super T, String> rowId,
        Function<? super T, SourceRow> row) {

      String rowId(int index) {
        return rowId.apply(items.get(index));
      }

      SourceRow row(int index) {
        SourceRow made = row.apply(items.get(index));
        if (!made.source().equals(source) || !made.rowId().equals(rowId(index))) {
          throw new IllegalStateException(
              "Row "
                  + made.source()
                  + " "
                  + made.rowId()
                  + " was to be "
                  + source
                  + " "
                  + rowId(index));
        }
        return made;
      }
    }

    private final List<Part<?>> parts;
    private final int size;

    private DerivedRows(List<Part<?>> parts) {
      this.parts = List.copyOf(parts);
      this.size = this.parts.stream().mapToInt(part -> part.items().size()).sum();
    }

    /**
     * The rows of {@code source} made from {@code items}, in order: {@code row} makes each, of
     * {@code source} and with the id {@code rowId} gives.
     */
    public static <T> DerivedRows of(
        String source,
        List<T> items,
        Function<? super T, String> rowId,
        Function<? super T, SourceRow> row) {
      return new DerivedRows(
          List.of(
              new Part<>(
                  requireNonNull(source, "source"),
                  List.copyOf(items),
                  requireNonNull(rowId, "rowId"),
                  requireNonNull(row, "row"))));
    }

    /** These rows, then {@code more}. */
    public DerivedRows followedBy(DerivedRows more) {
      List<Part<?>> joined = new java.util.ArrayList<>(parts);
      joined.addAll(more.parts);
      return new DerivedRows(joined);
    }

    /** The source of the row at {@code index}, without making the row. */
    String source(int index) {
      return part(index).source();
    }

    /** The id of the row at {@code index}, without making the row. */
    String rowId(int index) {
      Part<?> part = part(index);
      return part.rowId(index - start(part));
    }

    @Override
    public SourceRow get(int index) {
      Part<?> part = part(index);
      return part.row(index - start(part));
    }

    @Override
    public int size() {
      return size;
    }

    // Indexed loops, not iterators: every row of an import is asked for its part.
    private Part<?> part(int index) {
      if (index < 0 || index >= size) {
        throw new IndexOutOfBoundsException(index + " of " + size + " rows");
      }
      int start = 0;
      for (int i = 0; i < parts.size(); i++) {
        Part<?> part = parts.get(i);
        if (index < start + part.items().size()) {
          return part;
        }
        start += part.items().size();
      }
      throw new IndexOutOfBoundsException(index + " of " + size + " rows");
    }

    private int start(Part<?> of) {
      int start = 0;
      for (int i = 0; i < parts.size(); i++) {
        Part<?> part = parts.get(i);
        if (part == of) {
          return start;
        }
        start += part.items().size();
      }
      throw new IllegalArgumentException("Not a part of these rows");
    }
  }
}
