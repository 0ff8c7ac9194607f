package io.tally.server.contract;

import io.tally.engine.service.PortfolioService;
import io.tally.store.PostgresTestServer;
import java.nio.file.Path;

/**
 * The contract, asked of the service in this JVM, on PostgreSQL: an embedded server started for the
 * class (or {@code PG_TEST_URL}'s), a fresh schema per store.
 */
class ContractOnPostgresTest extends ContractConformanceTest {

  private PostgresTestServer server;

  @Override
  String newDatabase(Path directory) {
    if (server == null) {
      server = PostgresTestServer.start();
    }
    return server.newDatabaseUrl();
  }

  @Override
  ContractSubject subjectOf(PortfolioService service) {
    return new ServiceSubject(service);
  }

  @Override
  void closeDatabases() {
    if (server != null) {
      server.close();
    }
  }
}
