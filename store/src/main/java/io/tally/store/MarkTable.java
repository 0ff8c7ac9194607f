package io.tally.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SQL for tables {@code price_point} and {@code sync_mark}: what a sync used and where it stopped.
 */
final class MarkTable {

  /** The query of {@link #pricesSince}: one parameter, the import id. */
  static final String PRICES_SINCE =
      "SELECT asset, at, price, source FROM price_point WHERE import_id > ?"
          + " ORDER BY import_id, seq";

  private MarkTable() {}

  /**
   * Appends the prices not stored yet (same asset, time and source) and returns the earliest time
   * of those it added: where the books' valuations may have changed. Empty if it added none.
   */
  static Optional<Instant> insertPrices(
      Connection connection, List<StoredPrice> prices, long importId) throws SQLException {
    Optional<Instant> earliest = Optional.empty();
    if (prices.isEmpty()) {
      return earliest;
    }
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO price_point (asset, at, price, source, import_id)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      for (StoredPrice price : prices) {
        insert.setString(1, price.asset());
        insert.setString(2, StoredInstant.toText(price.at()));
        insert.setString(3, price.price());
        insert.setString(4, price.source());
        insert.setLong(5, importId);
        if (insert.executeUpdate() > 0 && earliest.map(price.at()::isBefore).orElse(true)) {
          earliest = Optional.of(price.at());
        }
      }
    }
    return earliest;
  }

  /** Every stored price, oldest first. */
  static List<StoredPrice> prices(Connection connection) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT asset, at, price, source FROM price_point ORDER BY at, seq")) {
      return prices(query);
    }
  }

  /**
   * The prices in force at or after {@code from}: of each asset, every point at its latest time at
   * or before {@code from}, and every point after it; ordered like {@link #prices}. A table of them
   * answers every moment from {@code from} on as a table of every price does.
   */
  static List<StoredPrice> pricesInForce(Connection connection, Instant from) throws SQLException {
    return pricesInForce(connection, from, StoredInstant.MAX);
  }

  /**
   * {@link #pricesInForce(Connection, Instant)} without the prices at or after {@code until}: they
   * answer every moment from {@code from} until just before {@code until}. (A price at {@link
   * StoredInstant#MAX} itself is still read: that bound means none.)
   */
  static List<StoredPrice> pricesInForce(Connection connection, Instant from, Instant until)
      throws SQLException {
    String at = StoredInstant.toText(from);
    boolean bounded = !until.equals(StoredInstant.MAX);
    try (PreparedStatement query =
        connection.prepareStatement(
            // The assets by a skip scan of index price_point_by_key (one seek per asset, where
            // SELECT DISTINCT or GROUP BY would read every entry), then the latest time of each
            // at or before the moment by one seek each, and the later prices by the time index.
            "WITH RECURSIVE assets (asset) AS ("
                + " SELECT min(asset) FROM price_point"
                + " UNION ALL SELECT (SELECT min(asset) FROM price_point WHERE asset > assets.asset)"
                + " FROM assets WHERE assets.asset IS NOT NULL)"
                + " SELECT p.asset, p.at, p.price, p.source, p.seq FROM assets"
                + " JOIN price_point p ON p.asset = assets.asset AND p.at ="
                + " (SELECT max(q.at) FROM price_point q WHERE q.asset = assets.asset AND q.at <= ?)"
                + " UNION ALL"
                + " SELECT asset, at, price, source, seq FROM price_point WHERE at > ?"
                + (bounded ? " AND at < ?" : "")
                + " ORDER BY at, seq")) {
      query.setString(1, at);
      query.setString(2, at);
      if (bounded) {
        query.setString(3, StoredInstant.toText(until));
      }
      return prices(query);
    }
  }

  /**
   * Every price written by the imports after {@code importId}, in write order: (import id, seq) is
   * seq order, since commits run one at a time, and it is the order of index {@code
   * price_point_by_import}.
   */
  static List<StoredPrice> pricesSince(Connection connection, long importId) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(PRICES_SINCE)) {
      query.setLong(1, importId);
      return prices(query);
    }
  }

  /**
   * Appends a new value for every mark whose latest value differs. Each mark given is compared with
   * its own latest value, one seek of index {@code sync_mark_by_name} apiece: a paper account
   * writes one mark per order, and reading every mark for it was 3 % of an order's allocation
   * (docs/BENCHMARKS.md §20).
   */
  static void insertMarks(Connection connection, Map<String, String> marks, long importId)
      throws SQLException {
    if (marks.isEmpty()) {
      return;
    }
    try (PreparedStatement latest =
            connection.prepareStatement(
                "SELECT value FROM sync_mark WHERE name = ? ORDER BY seq DESC LIMIT 1");
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO sync_mark (name, value, import_id) VALUES (?, ?, ?)")) {
      for (Map.Entry<String, String> mark : marks.entrySet()) {
        latest.setString(1, mark.getKey());
        boolean unchanged;
        try (ResultSet result = latest.executeQuery()) {
          unchanged = result.next() && mark.getValue().equals(result.getString(1));
        }
        if (!unchanged) {
          insert.setString(1, mark.getKey());
          insert.setString(2, mark.getValue());
          insert.setLong(3, importId);
          insert.executeUpdate();
        }
      }
    }
  }

  /**
   * The latest value of every mark, in the order the marks were first written. The table is
   * append-only and a writer that commits often (a paper account: every order) appends a value per
   * commit, so the names come by a skip scan of index {@code sync_mark_by_name} and each latest
   * value by one seek, never by reading every value ever written.
   */
  static Map<String, String> marks(Connection connection) throws SQLException {
    Map<String, String> marks = new LinkedHashMap<>();
    try (Statement select = connection.createStatement();
        ResultSet result =
            select.executeQuery(
                "WITH RECURSIVE names (name) AS ("
                    + " SELECT min(name) FROM sync_mark"
                    + " UNION ALL SELECT (SELECT min(name) FROM sync_mark WHERE name > names.name)"
                    + " FROM names WHERE names.name IS NOT NULL)"
                    + " SELECT m.name, m.value,"
                    + " (SELECT min(f.seq) FROM sync_mark f WHERE f.name = names.name) AS first"
                    + " FROM names JOIN sync_mark m ON m.seq ="
                    + " (SELECT max(l.seq) FROM sync_mark l WHERE l.name = names.name)"
                    + " ORDER BY first")) {
      while (result.next()) {
        marks.put(result.getString(1), result.getString(2));
      }
    }
    return marks;
  }

  /** The prices {@code query} selects: asset, time, price and source, in its order. */
  private static List<StoredPrice> prices(PreparedStatement query) throws SQLException {
    List<StoredPrice> prices = new ArrayList<>();
    try (ResultSet result = query.executeQuery()) {
      while (result.next()) {
        prices.add(
            new StoredPrice(
                result.getString(1),
                StoredInstant.fromText(result.getString(2)),
                result.getString(3),
                result.getString(4)));
      }
    }
    return prices;
  }
}
