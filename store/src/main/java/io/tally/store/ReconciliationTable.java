package io.tally.store;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * SQL for tables {@code reconciliation} and {@code reconciliation_asset}: the engine's last
 * reconciliations, derived data. {@link #insert} keeps the newest reconciliation and the newest one
 * with a comparison (a non-null {@code tolerance_base}), newest by insertion order ({@code seq}),
 * and deletes the rest.
 */
final class ReconciliationTable {

  private ReconciliationTable() {}

  /** Appends {@code reconciliation} with its assets and deletes every older one no longer kept. */
  static void insert(Handle handle, StoredReconciliation reconciliation) {
    Optional<StoredReconciliation.Comparison> comparison = reconciliation.comparison();
    long seq =
        handle
            .createQuery(
                "INSERT INTO reconciliation (checked_at, status, drift_flag, tolerance_base,"
                    + " total_difference_base, margin) VALUES (?, ?, ?, ?, ?, ?) RETURNING seq")
            .bind(0, StoredInstant.toText(reconciliation.checkedAt()))
            .bind(1, reconciliation.status())
            .bind(2, reconciliation.driftFlag() ? 1 : 0)
            .bind(3, comparison.map(c -> c.tolerance().toPlainString()).orElse(null))
            .bind(4, comparison.map(c -> c.totalDifferenceBase().toPlainString()).orElse(null))
            .bind(5, reconciliation.margin().map(MarginText::write).orElse(null))
            .mapTo(Long.class)
            .one();
    List<StoredReconciliation.AssetDifference> assets =
        comparison.map(StoredReconciliation.Comparison::assets).orElse(List.of());
    if (!assets.isEmpty()) {
      PreparedBatch batch =
          handle.prepareBatch(
              "INSERT INTO reconciliation_asset (reconciliation_seq, asset, internal, exchange,"
                  + " difference, difference_base) VALUES (?, ?, ?, ?, ?, ?)");
      for (StoredReconciliation.AssetDifference asset : assets) {
        batch
            .bind(0, seq)
            .bind(1, asset.asset())
            .bind(2, asset.internal().toPlainString())
            .bind(3, asset.exchange().toPlainString())
            .bind(4, asset.difference().toPlainString())
            .bind(5, asset.differenceBase().map(BigDecimal::toPlainString).orElse(null))
            .add();
      }
      batch.execute();
    }
    String kept =
        "SELECT max(seq) FROM reconciliation UNION"
            + " SELECT max(seq) FROM reconciliation WHERE tolerance_base IS NOT NULL";
    handle
        .createUpdate(
            "DELETE FROM reconciliation_asset WHERE reconciliation_seq NOT IN (" + kept + ")")
        .execute();
    handle.createUpdate("DELETE FROM reconciliation WHERE seq NOT IN (" + kept + ")").execute();
  }

  /**
   * The newest reconciliation by insertion order, or with {@code compared} the newest that has a
   * comparison, if any. One statement (the reconciliation joined with its assets), so it reads one
   * committed state even while another process saves.
   */
  static Optional<StoredReconciliation> latest(Handle handle, boolean compared)
      throws SQLException {
    List<Map.Entry<Row, Optional<AssetRow>>> joined =
        handle
            .createQuery(
                "SELECT r.seq, r.checked_at, r.status, r.drift_flag, r.tolerance_base,"
                    + " r.total_difference_base, a.asset, a.internal, a.exchange, a.difference,"
                    + " a.difference_base, r.margin FROM reconciliation r"
                    + " LEFT JOIN reconciliation_asset a ON a.reconciliation_seq = r.seq"
                    + " WHERE r.seq = (SELECT max(seq) FROM reconciliation"
                    + (compared ? " WHERE tolerance_base IS NOT NULL" : "")
                    + ") ORDER BY a.asset")
            .map(
                (result, context) ->
                    Map.entry(
                        Row.of(result),
                        result.getString(7) == null
                            ? Optional.<AssetRow>empty()
                            : Optional.of(AssetRow.of(result))))
            .list();
    if (joined.isEmpty()) {
      return Optional.empty();
    }
    Row found = joined.get(0).getKey();
    List<StoredReconciliation.AssetDifference> differences = new ArrayList<>(joined.size());
    for (Map.Entry<Row, Optional<AssetRow>> row : joined) {
      if (row.getValue().isPresent()) {
        differences.add(row.getValue().get().difference(found.seq()));
      }
    }
    return Optional.of(found.reconciliation(differences));
  }

  /** A row of {@code reconciliation}, read before its assets. */
  private record Row(
      long seq,
      String checkedAt,
      String status,
      int driftFlag,
      Optional<String> tolerance,
      Optional<String> total,
      Optional<String> margin) {

    static Row of(ResultSet result) throws SQLException {
      return new Row(
          result.getLong(1),
          result.getString(2),
          result.getString(3),
          result.getInt(4),
          Optional.ofNullable(result.getString(5)),
          Optional.ofNullable(result.getString(6)),
          Optional.ofNullable(result.getString(12)));
    }

    /** The stored reconciliation; bad stored text is an error naming its column and row. */
    StoredReconciliation reconciliation(List<StoredReconciliation.AssetDifference> assets)
        throws SQLDataException {
      try {
        Optional<StoredReconciliation.Comparison> comparison = Optional.empty();
        if (tolerance.isPresent()) {
          comparison =
              Optional.of(
                  new StoredReconciliation.Comparison(
                      decimal(tolerance.get(), "tolerance_base", seq),
                      decimal(total.orElse(""), "total_difference_base", seq),
                      assets));
        }
        return new StoredReconciliation(
            StoredInstant.fromText(checkedAt),
            status,
            driftFlag == 1,
            comparison,
            margin.map(MarginText::read));
      } catch (IllegalArgumentException | DateTimeException e) {
        throw new SQLDataException(
            "reconciliation " + seq + " is not a stored reconciliation: " + e.getMessage(), e);
      }
    }
  }

  /** A row of {@code reconciliation_asset} as text, read before it is checked. */
  private record AssetRow(
      String asset, String internal, String exchange, String difference, String base) {

    static AssetRow of(ResultSet result) throws SQLException {
      return new AssetRow(
          result.getString(7),
          result.getString(8),
          result.getString(9),
          result.getString(10),
          result.getString(11));
    }

    /** The stored asset; bad stored text is an error naming its column and row. */
    StoredReconciliation.AssetDifference difference(long seq) throws SQLDataException {
      String where = "reconciliation_asset " + asset + " of reconciliation " + seq;
      try {
        return new StoredReconciliation.AssetDifference(
            asset,
            decimal(internal, "internal", where),
            decimal(exchange, "exchange", where),
            decimal(difference, "difference", where),
            base == null ? Optional.empty() : Optional.of(decimal(base, "difference_base", where)));
      } catch (IllegalArgumentException e) {
        throw new SQLDataException(e.getMessage(), e);
      }
    }
  }

  private static BigDecimal decimal(String text, String column, long seq) {
    return decimal(text, column, "reconciliation " + seq);
  }

  /** The decimal in column {@code column} of {@code where}, or an error naming both. */
  private static BigDecimal decimal(String text, String column, String where) {
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "column " + column + " of " + where + " is not decimal text: '" + text + "'", e);
    }
  }
}
