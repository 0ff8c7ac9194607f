package io.tally.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * What differs between the store's SQL on SQLite and on PostgreSQL: where the migrations are, how a
 * list of numbers becomes a table to join, and how a kept {@code seq} is inserted. Everything else
 * (the tables, the queries, {@code INSERT ... RETURNING} and {@code ON CONFLICT DO NOTHING}) is
 * written once for both.
 *
 * <p>A list of numbers (ids' keys, block ids) is bound as one value, so a query takes any number of
 * them (no bound-variable limit) and reads one snapshot: a JSON array read by {@code json_each} on
 * SQLite, a {@code bigint[]} read by {@code unnest} on PostgreSQL. Either way the table has one
 * column, {@code value}.
 */
enum Dialect {
  SQLITE("classpath:db/migration/sqlite") {
    @Override
    String numberTable(String alias) {
      return "json_each(?) AS " + alias;
    }

    @Override
    void bindNumbers(PreparedStatement statement, int index, Collection<Long> numbers)
        throws SQLException {
      StringBuilder array = new StringBuilder(numbers.size() * 20 + 2).append('[');
      for (Long number : numbers) {
        if (array.length() > 1) {
          array.append(',');
        }
        array.append(number.longValue());
      }
      statement.setString(index, array.append(']').toString());
    }

    @Override
    String overridingIdentity() {
      return "";
    }
  },

  POSTGRESQL("classpath:db/migration/postgresql") {
    @Override
    String numberTable(String alias) {
      return "unnest(CAST(? AS bigint[])) AS " + alias + " (value)";
    }

    @Override
    void bindNumbers(PreparedStatement statement, int index, Collection<Long> numbers)
        throws SQLException {
      statement.setArray(
          index, statement.getConnection().createArrayOf("bigint", numbers.toArray()));
    }

    @Override
    String overridingIdentity() {
      return " OVERRIDING SYSTEM VALUE";
    }
  };

  private final String migrations;

  Dialect(String migrations) {
    this.migrations = migrations;
  }

  /** The Flyway location of this database's SQL migrations. */
  String migrations() {
    return migrations;
  }

  /**
   * The migrations written in Java, beside the SQL ones of {@link #migrations()}. A store runs all
   * pending migrations in one transaction, so a failing one leaves the schema as it was.
   */
  JavaMigration[] javaMigrations() {
    return new JavaMigration[] {
      new CompactRows(this), new BlockRows(), new BlockEvents(), new BlockTradePnl(), new KeyRows()
    };
  }

  /**
   * Migrates the database behind {@code dataSource} to the newest schema with Flyway: this
   * dialect's SQL and Java migrations, all pending ones in one transaction.
   *
   * @throws org.flywaydb.core.api.FlywayException if a migration fails
   */
  MigrateResult migrate(DataSource dataSource) {
    return Flyway.configure(Dialect.class.getClassLoader())
        .dataSource(dataSource)
        .locations(migrations())
        .javaMigrations(javaMigrations())
        .group(true)
        .failOnMissingLocations(true)
        .load()
        .migrate();
  }

  /**
   * A FROM item: the numbers bound to its one parameter ({@code ?}) by {@link #bindNumbers} as a
   * table named {@code alias} with one 64-bit integer column {@code value}.
   */
  abstract String numberTable(String alias);

  /**
   * Binds {@code numbers} to parameter {@code index} of {@code statement}, for {@link
   * #numberTable}.
   */
  abstract void bindNumbers(PreparedStatement statement, int index, Collection<Long> numbers)
      throws SQLException;

  /**
   * What an {@code INSERT} puts between its columns and {@code VALUES} to write a value of its own
   * into an identity column, such as a {@code seq} kept from before: nothing for SQLite's rowid,
   * {@code OVERRIDING SYSTEM VALUE} for PostgreSQL's {@code GENERATED ALWAYS}.
   */
  abstract String overridingIdentity();
}
