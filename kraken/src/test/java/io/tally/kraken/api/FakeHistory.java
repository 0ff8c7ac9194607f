package io.tally.kraken.api;

import io.tally.kraken.api.KrakenStub.Reply;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A live, newest-first history for {@link KrakenStub} that pages like Kraken (kraken-api.md §2.2):
 * 50 rows from {@code ofs}, {@code start} exclusive and {@code end} inclusive by unix seconds or by
 * id, and the {@code count} of the filtered rows at the time of each call. Tests change it between
 * pages to play rows arriving while a client pages. Thread-safe.
 */
final class FakeHistory {

  /** One row: its id, its time in unix seconds and its JSON object. */
  record Row(String id, long time, String json) {}

  private final String resultKey;
  private final List<Row> rows = new ArrayList<>();
  private final Map<Integer, Consumer<FakeHistory>> beforeCall = new HashMap<>();
  private final Map<Integer, Integer> truncateCall = new HashMap<>();
  private final List<Map<String, String>> calls = new ArrayList<>();

  /**
   * @param resultKey where the rows go in the result: {@code ledger}, {@code trades} or {@code
   *     closed}
   */
  FakeHistory(String resultKey) {
    this.resultKey = resultKey;
  }

  /** Ledger entries {@code L<n>} at {@code end − 60 s × (n + 1)}, n from 0 to count − 1. */
  static FakeHistory ledgers(long end, int count) {
    FakeHistory history = new FakeHistory("ledger");
    for (int n = 0; n < count; n++) {
      history.add(ledger("L" + n, end - 60L * (n + 1)));
    }
    return history;
  }

  /** One ledger entry at a time. */
  static Row ledger(String id, long time) {
    return new Row(
        id,
        time,
        "{\"refid\":\"T"
            + id
            + "\",\"time\":"
            + time
            + ".123456,\"type\":\"trade\",\"subtype\":\"tradespot\",\"aclass\":\"currency\","
            + "\"asset\":\"XXBT\",\"amount\":\"0.0010000000\",\"fee\":\"0.0000000000\","
            + "\"balance\":\"1.0000000000\"}");
  }

  /** One trade at a time. */
  static Row trade(String id, long time) {
    return new Row(
        id,
        time,
        "{\"ordertxid\":\"O"
            + id
            + "\",\"pair\":\"XXBTZUSD\",\"time\":"
            + time
            + ".5,\"type\":\"buy\",\"ordertype\":\"limit\",\"price\":\"60000.0\","
            + "\"cost\":\"60.00000\",\"fee\":\"0.15600\",\"vol\":\"0.00100000\","
            + "\"margin\":\"0.00000\",\"misc\":\"\",\"ledgers\":[\"LA"
            + id
            + "\",\"LB"
            + id
            + "\"]}");
  }

  /** One closed order, closed at a time. */
  static Row order(String id, long closeTime) {
    return new Row(
        id,
        closeTime,
        "{\"status\":\"closed\",\"userref\":0,\"opentm\":"
            + (closeTime - 5)
            + ",\"closetm\":"
            + closeTime
            + ",\"descr\":{\"pair\":\"XBTUSD\",\"type\":\"buy\",\"ordertype\":\"limit\"},"
            + "\"vol\":\"0.001\",\"vol_exec\":\"0.001\",\"cost\":\"60\",\"fee\":\"0.156\","
            + "\"price\":\"60000\",\"trades\":[\"T"
            + id
            + "\"]}");
  }

  /** Adds a row (newest first order is kept by time, then by id). */
  synchronized FakeHistory add(Row row) {
    rows.add(row);
    rows.sort(Comparator.comparingLong(Row::time).reversed().thenComparing(Row::id));
    return this;
  }

  /** Removes a row by id. */
  synchronized FakeHistory remove(String id) {
    rows.removeIf(row -> row.id().equals(id));
    return this;
  }

  /** Runs {@code change} before answering call number {@code call} (from 1). */
  synchronized FakeHistory beforeCall(int call, Consumer<FakeHistory> change) {
    beforeCall.put(call, change);
    return this;
  }

  /** Call number {@code call} (from 1) returns only its first {@code rows} rows. */
  synchronized FakeHistory truncateCall(int call, int rowCount) {
    truncateCall.put(call, rowCount);
    return this;
  }

  /** The ids now in the history, newest first. */
  synchronized List<String> ids() {
    return rows.stream().map(Row::id).toList();
  }

  /** The parameters of every call so far. */
  synchronized List<Map<String, String>> calls() {
    return List.copyOf(calls);
  }

  /** Answers one page request. */
  synchronized Reply answer(KrakenStub.Request request) {
    Map<String, String> parameters = request.parameters();
    calls.add(parameters);
    int call = calls.size();
    Consumer<FakeHistory> change = beforeCall.get(call);
    if (change != null) {
      change.accept(this);
    }
    List<Row> window =
        rows.stream()
            .filter(row -> after(row, parameters.getOrDefault("start", "")))
            .filter(row -> upTo(row, parameters.getOrDefault("end", "")))
            .toList();
    int offset = Integer.parseInt(parameters.getOrDefault("ofs", "0"));
    int to = Math.min(window.size(), offset + Page.SIZE);
    List<Row> page = offset >= window.size() ? List.of() : window.subList(offset, to);
    if (truncateCall.containsKey(call)) {
      page = page.subList(0, Math.min(page.size(), truncateCall.get(call)));
    }
    StringBuilder json = new StringBuilder("{\"error\":[],\"result\":{\"count\":");
    json.append(window.size()).append(",\"").append(resultKey).append("\":{");
    for (int i = 0; i < page.size(); i++) {
      Row row = page.get(i);
      json.append(i == 0 ? "" : ",").append('"').append(row.id()).append("\":").append(row.json());
    }
    return Reply.json(json.append("}}}").toString());
  }

  private boolean after(Row row, String start) {
    return start.isEmpty() || row.time() > bound(start);
  }

  private boolean upTo(Row row, String end) {
    return end.isEmpty() || row.time() <= bound(end);
  }

  /** Unix seconds, or the time of the row with that id (Kraken compares times for ids too). */
  private long bound(String secondsOrId) {
    if (secondsOrId.chars().allMatch(Character::isDigit)) {
      return Long.parseLong(secondsOrId);
    }
    return rows.stream()
        .filter(row -> row.id().equals(secondsOrId))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Unknown id " + secondsOrId))
        .time();
  }
}
