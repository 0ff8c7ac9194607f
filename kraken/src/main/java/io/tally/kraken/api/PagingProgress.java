package io.tally.kraken.api;

import static java.util.Objects.requireNonNull;

import java.util.OptionalInt;

/**
 * How far paging through one history has come, reported after every page.
 *
 * <p>Example: {@code PagingProgress[method=Ledgers, pages=3, rows=150, count=OptionalInt[153],
 * restarts=0]}. Immutable.
 *
 * @param method the endpoint, such as {@code Ledgers}
 * @param pages pages fetched so far, restarts included
 * @param rows distinct rows collected in the current pass
 * @param count Kraken's latest count of the window; empty when it gave none
 * @param restarts how often the window was paged again from offset 0
 */
public record PagingProgress(String method, int pages, int rows, OptionalInt count, int restarts) {

  public PagingProgress {
    requireNonNull(method, "method");
    requireNonNull(count, "count");
  }
}
