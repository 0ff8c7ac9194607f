package io.tally.store;

import static io.tally.store.Fixtures.T0;
import static io.tally.store.Fixtures.events;
import static io.tally.store.Fixtures.ledger;
import static io.tally.store.Fixtures.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The store contract on a real PostgreSQL server, started once for the class ({@link
 * PostgresTestServer}: embedded, or the one {@code PG_TEST_URL} names), with a fresh schema per
 * test; and what only PostgreSQL has: logins, truncation, encodings.
 */
class PostgresStoreTest extends PortfolioStoreContract {

  private static PostgresTestServer server;

  private String schema;

  @BeforeAll
  static void startServer() {
    server = PostgresTestServer.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void createSchema() {
    schema = server.newSchema();
  }

  @AfterEach
  void dropSchema() {
    server.dropSchema(schema);
  }

  @Override
  PortfolioStore open(Clock clock) {
    return PostgresStore.open(location(), Map.of(), clock);
  }

  @Override
  String location() {
    return server.url(schema);
  }

  @Override
  Map<String, String> env() {
    return Map.of();
  }

  @Override
  Class<? extends PortfolioStore> implementation() {
    return PostgresStore.class;
  }

  @Override
  String databaseName() {
    return PostgresLocation.redact(location());
  }

  @Override
  Connection connect() throws SQLException {
    return DriverManager.getConnection(location());
  }

  @Override
  List<String> tables() throws SQLException {
    return queryList(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
            + " ORDER BY table_name COLLATE \"C\"");
  }

  @Override
  void failInsertsOf(String table, String column, String value) throws SQLException {
    execute(
        "CREATE FUNCTION fail_on_boom_"
            + table
            + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF CAST(NEW."
            + column
            + " AS text) = '"
            + value
            + "' THEN RAISE EXCEPTION 'forced failure'; END IF; RETURN NEW; END $$");
    execute(
        "CREATE TRIGGER fail_on_boom BEFORE INSERT ON "
            + table
            + " FOR EACH ROW EXECUTE FUNCTION fail_on_boom_"
            + table
            + "()");
  }

  @Override
  void migrateTo(String version) {
    Flyway.configure()
        .dataSource(location(), null, null)
        .locations(Dialect.POSTGRESQL.migrations())
        .javaMigrations(Dialect.POSTGRESQL.javaMigrations())
        .target(version)
        .load()
        .migrate();
  }

  @Override
  void stopFailingInsertsOf(String table) throws SQLException {
    execute("DROP TRIGGER fail_on_boom ON " + table);
  }

  @Override
  void failDeletesFrom(String table) throws SQLException {
    execute(
        "CREATE FUNCTION fail_deletes_"
            + table
            + "() RETURNS trigger LANGUAGE plpgsql AS $$"
            + " BEGIN RAISE EXCEPTION 'forced failure'; END $$");
    execute(
        "CREATE TRIGGER fail_deletes BEFORE DELETE ON "
            + table
            + " FOR EACH ROW EXECUTE FUNCTION fail_deletes_"
            + table
            + "()");
  }

  @Nested
  class TheServer {

    @Test
    void credentialsMissingFromTheUrlComeFromTheEnvironment() {
      assumeTrue(server.embedded(), "needs the embedded server's superuser to create a role");
      String role = schema + "_owner";
      server.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'pw-from-env'");
      try {
        String owned = server.newSchema();
        server.execute("ALTER SCHEMA " + owned + " OWNER TO " + role);
        String url = server.urlWithoutCredentials(owned);
        Map<String, String> env =
            Map.of(
                PostgresStore.USER_VARIABLE, role, PostgresStore.PASSWORD_VARIABLE, "pw-from-env");

        try (PortfolioStore store = PortfolioStore.open(url, env)) {
          store.commit(rows("as the role", ledger("L1", "R1", 0)));
          assertThat(store.rowCount()).isEqualTo(1);
        }
        // The password in the URL wins over the environment's.
        assertThatThrownBy(() -> PortfolioStore.open(url + "&password=wrong-pw", env))
            .isInstanceOf(StoreException.class)
            .hasMessageContaining("Could not connect to " + url)
            .hasMessageContaining("password authentication failed")
            .hasMessageNotContaining("wrong-pw")
            .hasMessageNotContaining("pw-from-env");
        server.dropSchema(owned);
      } finally {
        server.execute("DROP ROLE " + role);
      }
    }

    @Test
    void anUnreachableServerIsNamedWithoutThePassword() {
      String url = "jdbc:postgresql://127.0.0.1:1/tally?user=me&password=s3cret";

      assertThatThrownBy(() -> PortfolioStore.open(url, Map.of()))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("jdbc:postgresql://127.0.0.1:1/tally?user=me")
          .hasMessageNotContaining("s3cret")
          .satisfies(e -> assertThat(String.valueOf(e.getCause())).doesNotContain("s3cret"));
    }

    @Test
    void truncatingAStoredTableIsRejected() {
      try (PortfolioStore store = open()) {
        store.commit(rows("first", ledger("L1", "R1", 0)));
      }

      assertThatThrownBy(() -> execute("TRUNCATE row_id_key"))
          .hasMessageContaining("row_id_key is append-only");
      assertThatThrownBy(() -> execute("TRUNCATE row_group_key"))
          .hasMessageContaining("row_group_key is append-only");
      assertThatThrownBy(() -> execute("TRUNCATE import_log CASCADE"))
          .hasMessageContaining("append-only");
      try (PortfolioStore store = open()) {
        assertThat(store.rowCount()).isEqualTo(1);
      }
    }

    @Test
    void rowBlocksAreKeptWithoutASecondCompression() throws SQLException {
      try (PortfolioStore store = open()) {
        store.commit(rows("first", ledger("L1", "R1", 0)));
      }

      // 'e' is EXTERNAL: out of line when large, never compressed again.
      assertThat(
              queryOne(
                  "SELECT attstorage FROM pg_attribute"
                      + " WHERE attrelid = 'row_block'::regclass AND attname = 'rows'"))
          .isEqualTo("e");
    }

    @Test
    void aDatabaseThatIsNotUtf8IsRejectedBeforeAnythingIsWritten() throws SQLException {
      assumeTrue(server.embedded(), "needs the embedded server's superuser to create a database");
      String database = schema + "_ascii";
      server.execute(
          "CREATE DATABASE "
              + database
              + " TEMPLATE template0 ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C'");
      try {
        String url =
            "jdbc:postgresql://localhost:" + server.port() + "/" + database + "?user=postgres";

        assertThatThrownBy(() -> PortfolioStore.open(url, Map.of()))
            .isInstanceOf(StoreException.class)
            .hasMessageContaining(url)
            .hasMessageContaining("SQL_ASCII");
        try (Connection connection = DriverManager.getConnection(url)) {
          assertThat(
                  connection
                      .getMetaData()
                      .getTables(null, "public", "flyway_schema_history", null)
                      .next())
              .isFalse();
        }
      } finally {
        server.execute("DROP DATABASE " + database + " WITH (FORCE)");
      }
    }

    @Test
    void idsOrderByCodePointEvenInADatabaseThatCollatesByLanguage() throws SQLException {
      assumeTrue(server.embedded(), "needs the embedded server's superuser to create a database");
      String database = schema + "_english";
      server.execute(
          "CREATE DATABASE "
              + database
              + " TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'en-US'"
              + " LOCALE 'C.UTF-8'");
      try {
        String url =
            "jdbc:postgresql://localhost:" + server.port() + "/" + database + "?user=postgres";
        try (Connection connection = DriverManager.getConnection(url);
            Statement statement = connection.createStatement();
            ResultSet result =
                statement.executeQuery(
                    "SELECT string_agg(x, ',' ORDER BY x) FROM (VALUES ('B'), ('a'), ('b')) AS v(x)")) {
          result.next();
          // The database's own order is English: this is what COLLATE "C" on the columns avoids.
          assertThat(result.getString(1)).isEqualTo("a,b,B");
        }

        try (PortfolioStore store = PortfolioStore.open(url, Map.of())) {
          store.commit(
              events(
                  "ids",
                  EventRecord.of("b", T0, "1"),
                  EventRecord.of("_x", T0, "2"),
                  EventRecord.of("B", T0, "3"),
                  EventRecord.of("a-z", T0, "4"),
                  EventRecord.of("az", T0, "5")));

          assertThat(store.events())
              .extracting(EventRecord::eventId)
              .containsExactly("B", "_x", "a-z", "az", "b");
        }
      } finally {
        server.execute("DROP DATABASE " + database + " WITH (FORCE)");
      }
    }

    @Test
    void theStoreNamesItsDatabaseWithoutThePassword() {
      assumeTrue(
          server.embedded(), "the embedded server trusts its superuser, so any password does");
      try (PortfolioStore store =
          PortfolioStore.open(location() + "&password=ignored-by-trust", Map.of())) {
        assertThat(store.toString())
            .isEqualTo("PostgresStore[" + databaseName() + "]")
            .doesNotContain("ignored-by-trust");
      }
    }
  }

  /**
   * How PostgreSQL runs the store's queries that must not read the whole history, once the history
   * is long enough for the planner to care: through an index that also gives their order.
   */
  @Nested
  class QueryPlans {

    private String plan(String sql, Consumer<Query> parameters) throws SQLException {
      try (Handle handle = Jdbi.open(connect())) {
        handle.execute("ANALYZE");
        Query query = handle.createQuery("EXPLAIN " + sql);
        parameters.accept(query);
        return String.join("\n", query.mapTo(String.class).list());
      }
    }

    private void commitLongHistory() {
      try (PortfolioStore store = open()) {
        for (int batch = 0; batch < 20; batch++) {
          List<EventRecord> records = new ArrayList<>();
          List<StoredPrice> prices = new ArrayList<>();
          for (int i = 0; i < 1_000; i++) {
            int n = batch * 1_000 + i;
            records.add(EventRecord.of("E" + n, T0.plusSeconds(n / 3), "TRADE " + n));
            prices.add(new StoredPrice("XBT", T0.plusSeconds(n), "1", "test"));
          }
          store.commit(new ImportBatch(List.of(), records, prices, Map.of(), "batch " + batch));
        }
      }
    }

    @Test
    void readingPricesAfterAnImportSearchesTheImportIndex() throws SQLException {
      commitLongHistory();

      String prices = plan(MarkTable.PRICES_SINCE, query -> query.bind(0, 19L));

      // A bitmap scan of the import index, then a sort of just the rows found: never the table.
      // (The events' blocks are too few for an index to pay: twenty thousand events are 40 rows,
      // whose lines PostgreSQL keeps out of line; EventsInBlocks checks that a read of the
      // newest imports reads no other block's lines.)
      assertThat(prices)
          .contains("Index Cond: (import_id > ")
          .contains("price_point_by_import")
          .doesNotContain("Seq Scan");
    }
  }
}
