package io.tally.store;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.SQLDataException;
import java.sql.SQLException;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A schema migration written in Java because it moves stored rows into a new form with the code
 * that writes that form for new rows ({@link CompactRows}, {@link BlockRows}, {@link BlockEvents},
 * {@link BlockTradePnl}). Flyway runs it in the one transaction of all pending migrations, so a
 * failure leaves the schema as it was; it has no checksum, since its code, not a script, is what it
 * is.
 *
 * <p>Example: {@code new BlockRows()} is version 12, "row blocks". Stateless.
 */
abstract class RowMigration implements JavaMigration {

  private final MigrationVersion version;
  private final String description;

  RowMigration(String version, String description) {
    this.version = MigrationVersion.fromVersion(requireNonNull(version, "version"));
    this.description = requireNonNull(description, "description");
  }

  /** Moves the rows over the migration's connection. */
  abstract void migrate(Connection connection) throws SQLException;

  /**
   * The error of a stored row that cannot move: names its source, id, {@code seq} in {@code table}
   * and the {@code form} it was moving to, and why.
   */
  static SQLDataException cannotMove(
      String source, String rowId, long seq, String table, String form, Exception why) {
    return new SQLDataException(
        "Could not move "
            + source
            + " row "
            + rowId
            + " (seq "
            + seq
            + " of "
            + table
            + ") to "
            + form
            + ": "
            + why.getMessage(),
        why);
  }

  @Override
  public final MigrationVersion getVersion() {
    return version;
  }

  @Override
  public final String getDescription() {
    return description;
  }

  @Override
  public final Integer getChecksum() {
    return null;
  }

  @Override
  public final boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public final void migrate(Context context) throws SQLException {
    migrate(context.getConnection());
  }
}
