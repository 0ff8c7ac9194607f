package io.tally.kraken.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The window and offset of one page request to Ledgers or TradesHistory (kraken-api.md §2.2):
 * {@code start} is exclusive, {@code end} inclusive; both are unix seconds or an id of the same
 * kind (a ledger id for Ledgers, a trade id for TradesHistory). Empty text means "not set".
 *
 * <p>Example: {@code HistoryQuery.all().withStart("L2344R-JVEUJ-SBYX5H").withEnd(Instant.parse(
 * "2025-09-10T00:00:00Z")).withOffset(50)} sends {@code start=L2344R-JVEUJ-SBYX5H&end=1757462400
 * &ofs=50}. Immutable.
 *
 * @param start the exclusive lower bound: unix seconds or an id; empty for none
 * @param end the inclusive upper bound: unix seconds or an id; empty for none
 * @param offset the 0-based offset into the newest-first result set
 */
public record HistoryQuery(String start, String end, int offset) {

  public HistoryQuery {
    requireNonNull(start, "start");
    requireNonNull(end, "end");
    if (offset < 0) {
      throw new IllegalArgumentException("Negative offset " + offset);
    }
  }

  /** Everything, newest page first. */
  public static HistoryQuery all() {
    return new HistoryQuery("", "", 0);
  }

  /** Only rows after this id or unix-seconds text (exclusive). */
  public HistoryQuery withStart(String idOrUnixSeconds) {
    return new HistoryQuery(idOrUnixSeconds, end, offset);
  }

  /** Only rows after this second (exclusive): fractions are dropped, so a few earlier rows come. */
  public HistoryQuery withStart(Instant time) {
    return withStart(Long.toString(time.getEpochSecond()));
  }

  /** Only rows up to this id or unix-seconds text (inclusive). */
  public HistoryQuery withEnd(String idOrUnixSeconds) {
    return new HistoryQuery(start, idOrUnixSeconds, offset);
  }

  /** Only rows up to this second (inclusive). */
  public HistoryQuery withEnd(Instant time) {
    return withEnd(Long.toString(time.getEpochSecond()));
  }

  /** The same window from another offset. */
  public HistoryQuery withOffset(int newOffset) {
    return new HistoryQuery(start, end, newOffset);
  }

  /** The request parameters, in a fixed order; unset bounds and a zero offset are left out. */
  Map<String, String> parameters() {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (!start.isEmpty()) {
      parameters.put("start", start);
    }
    if (!end.isEmpty()) {
      parameters.put("end", end);
    }
    if (offset > 0) {
      parameters.put("ofs", Integer.toString(offset));
    }
    return parameters;
  }
}
