package io.tally.books;

import static java.util.Objects.requireNonNull;

/**
 * Something the books could not do exactly, listed rather than hidden in a total. {@code event} and
 * {@code asset} are empty when they do not apply.
 *
 * <p>Example: {@code DataIssue[kind=MISSING_PRICE, event=T1, asset=ETH, detail=no ETH price at
 * 2024-01-01T00:00:00Z to value the swap]}. Immutable.
 */
public record DataIssue(IssueKind kind, String event, String asset, String detail) {

  public DataIssue {
    requireNonNull(kind, "kind");
    requireNonNull(event, "event");
    requireNonNull(asset, "asset");
    requireNonNull(detail, "detail");
  }
}
