package io.tally.server.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.engine.service.PortfolioService;
import io.tally.engine.service.TradeQuery;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The contract, asked over HTTP: a real server on port 0 over the service on SQLite. Beyond the
 * contract lines, every answer over HTTP is node for node the service's own JSON, since both come
 * from {@code ContractAnswers}.
 */
class ContractOverHttpTest extends ContractConformanceTest {

  @Override
  ContractSubject subjectOf(PortfolioService service) {
    return new HttpSubject(service);
  }

  @Test
  void every_answer_over_http_is_the_services_own_json() {
    Map<String, Function<ContractSubject, Answer>> calls = new TreeMap<>();
    calls.put("get_equity", ContractSubject::equity);
    calls.put("get_pnl_summary(all)", s -> s.pnlSummary("all", Optional.empty()));
    calls.put("get_pnl_summary(7d, false)", s -> s.pnlSummary("7d", Optional.of(false)));
    calls.put("get_positions", ContractSubject::positions);
    calls.put("get_position(BTC/USD)", s -> s.position("BTC/USD"));
    calls.put("get_position(DOGEEUR)", s -> s.position("DOGEEUR"));
    calls.put("get_asset_exposure", ContractSubject::assetExposure);
    calls.put("open orders", ContractSubject::openOrders);
    calls.put(
        "get_trade_history(XBTUSD, 20)",
        s -> s.tradeHistory(Optional.of("XBTUSD"), 20, Optional.empty()));
    calls.put(
        "records(grid_v2)", s -> s.realizedPnlRecords(TradeQuery.newest(20).strategy("grid_v2")));
    calls.put("get_fee_summary", ContractSubject::feeSummary);
    calls.put("get_cash_flows(EUR, 20)", s -> s.cashFlows(Optional.of("EUR"), 20));
    calls.put("get_snapshots(epoch, 5)", s -> s.snapshots(Optional.of(Instant.EPOCH), 5));
    calls.put("reconciliation", ContractSubject::reconciliation);

    try (ContractSubject service = new ServiceSubject(account().service)) {
      calls.forEach(
          (name, call) -> {
            Answer http = call.apply(subject());
            Answer own = call.apply(service);
            assertThat(http.status()).as(name).isEqualTo(own.status());
            if (http.status() == 200) {
              assertThat(http.body()).as(name).isEqualTo(own.body());
            } else {
              assertThat(http.detail()).as(name).contains(own.detail());
            }
          });
    }
  }
}
