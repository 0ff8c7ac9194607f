package io.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.store.PostgresTestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code --db jdbc:postgresql://...}: the commands give the same books on a real PostgreSQL server
 * (embedded, or the one {@code PG_TEST_URL} names) as on a SQLite file.
 */
class TallyOnPostgresTest {

  private static PostgresTestServer server;

  @TempDir Path dir;

  @BeforeAll
  static void startServer() {
    server = PostgresTestServer.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  private static JsonNode importAndReport(String db) {
    TallyRun imported =
        TallyRun.of(
            "import", "--db", db, TallyCommandTest.export("account-ledgers.csv").toString());
    assertThat(imported.status()).as(imported.err()).isZero();
    // Progress names the database, never its password (PG_TEST_URL may carry one).
    assertThat(imported.err()).contains("storing into ").doesNotContain("password=");
    TallyRun report =
        TallyRun.of(
            "report",
            "--db",
            db,
            "--format",
            "json",
            "--prices",
            TallyCommandTest.export("account-prices.csv").toString(),
            "--price",
            "XBT=60000");
    assertThat(report.status()).as(report.err()).isZero();
    ObjectNode json = (ObjectNode) JsonMapper.builder().build().readTree(report.out());
    return (ObjectNode) TallyCommandTest.withoutTime(json);
  }

  @Test
  void importThenReportGivesTheSameJsonOnPostgresqlAsOnSqlite() {
    String url = server.newDatabaseUrl();

    JsonNode onPostgres = importAndReport(url);
    JsonNode onSqlite = importAndReport(dir.resolve("tally.db").toString());

    assertThat(onPostgres).isEqualTo(onSqlite);
    assertThat(onPostgres.get("holdings").size()).isPositive();
  }
}
