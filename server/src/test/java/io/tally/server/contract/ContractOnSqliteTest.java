package io.tally.server.contract;

import io.tally.engine.service.PortfolioService;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** The contract, asked of the service in this JVM, on SQLite (a file in a temporary directory). */
class ContractOnSqliteTest extends ContractConformanceTest {

  private final AtomicInteger databases = new AtomicInteger();

  @Override
  String newDatabase(Path directory) {
    return directory.resolve("tally-" + databases.incrementAndGet() + ".db").toString();
  }

  @Override
  ContractSubject subjectOf(PortfolioService service) {
    return new ServiceSubject(service);
  }
}
