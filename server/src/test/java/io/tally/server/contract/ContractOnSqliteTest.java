package io.tally.server.contract;

import io.tally.engine.service.PortfolioService;

/** The contract, asked of the service in this JVM, on SQLite (a file in a temporary directory). */
class ContractOnSqliteTest extends ContractConformanceTest {

  @Override
  ContractSubject subjectOf(PortfolioService service) {
    return new ServiceSubject(service);
  }
}
