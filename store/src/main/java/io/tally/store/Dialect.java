package io.tally.store;

import java.util.Collection;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * What differs between the store's SQL on SQLite and on PostgreSQL: where the migrations are, and
 * how a list of ids becomes a table to join. Everything else (the tables, the queries, {@code
 * INSERT ... RETURNING} and {@code ON CONFLICT DO NOTHING}) is written once for both.
 *
 * <p>A list of ids is bound as one value, so a query takes any number of them (no bound-variable
 * limit) and reads one snapshot: a JSON array read by {@code json_each} on SQLite, a {@code text[]}
 * read by {@code unnest} on PostgreSQL. Either way the table has one column, {@code value}.
 */
enum Dialect {
  SQLITE("classpath:db/migration/sqlite") {
    @Override
    String idTable(String parameter, String alias) {
      return "json_each(:" + parameter + ") AS " + alias;
    }

    @Override
    void bindIds(SqlStatement<?> statement, String parameter, Collection<String> ids) {
      statement.bind(parameter, Json.writeArray(ids));
    }
  },

  POSTGRESQL("classpath:db/migration/postgresql") {
    @Override
    String idTable(String parameter, String alias) {
      return "unnest(CAST(:" + parameter + " AS text[])) AS " + alias + " (value)";
    }

    @Override
    void bindIds(SqlStatement<?> statement, String parameter, Collection<String> ids) {
      statement.bindArray(parameter, String.class, ids);
    }
  };

  private final String migrations;

  Dialect(String migrations) {
    this.migrations = migrations;
  }

  /** The Flyway location of this database's migrations. */
  String migrations() {
    return migrations;
  }

  /**
   * A FROM item: the ids bound to {@code :parameter} by {@link #bindIds} as a table named {@code
   * alias} with one text column {@code value}.
   */
  abstract String idTable(String parameter, String alias);

  /** Binds {@code ids} to {@code :parameter} for {@link #idTable}. */
  abstract void bindIds(SqlStatement<?> statement, String parameter, Collection<String> ids);
}
