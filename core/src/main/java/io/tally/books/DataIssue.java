package io.tally.books;

import static java.util.Objects.requireNonNull;

import io.tally.ledger.TabText;
import io.tally.ledger.Unclassified;

/**
 * Something the books could not do exactly, listed rather than hidden in a total. {@code event} and
 * {@code asset} are empty when they do not apply.
 *
 * <p>Example: {@code DataIssue[kind=MISSING_PRICE, event=T1, asset=ETH, detail=no ETH price at
 * 2024-01-01T00:00:00Z to value the swap]}. Immutable.
 */
public record DataIssue(IssueKind kind, String event, String asset, String detail) {

  /** The issue an unclassified ledger row raises: kept, listed, booked as an adjustment. */
  public static DataIssue unclassified(Unclassified row) {
    return new DataIssue(
        IssueKind.UNCLASSIFIED,
        row.id().value(),
        row.amount().asset().code(),
        "ledger type '"
            + row.type()
            + (row.subtype().isEmpty() ? "" : "/" + row.subtype())
            + "' is not understood ("
            + row.amount()
            + "); booked as an adjustment at market value");
  }

  /**
   * The issue as one line of text, its four fields separated by tabs (backslash, tab, newline and
   * carriage return escaped), for stores and checkpoints; {@link #parse} reads it back.
   */
  public String toText() {
    return kind.name()
        + "\t"
        + TabText.escape(event)
        + "\t"
        + TabText.escape(asset)
        + "\t"
        + TabText.escape(detail);
  }

  /** Reads {@link #toText()}. */
  public static DataIssue parse(String text) {
    String[] f = text.split("\t", -1);
    if (f.length != 4) {
      throw new IllegalArgumentException("Not a data issue: '" + text + "'");
    }
    return new DataIssue(
        IssueKind.valueOf(f[0]),
        TabText.unescape(f[1]),
        TabText.unescape(f[2]),
        TabText.unescape(f[3]));
  }

  public DataIssue {
    requireNonNull(kind, "kind");
    requireNonNull(event, "event");
    requireNonNull(asset, "asset");
    requireNonNull(detail, "detail");
  }
}
