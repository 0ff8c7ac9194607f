package io.tally.server.contract;

import io.tally.engine.service.ContractAnswers;
import io.tally.engine.service.PnlPeriod;
import io.tally.engine.service.PortfolioService;
import io.tally.engine.service.PositionNotFoundException;
import io.tally.engine.service.TradeQuery;
import io.tally.money.AssetSymbol;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import tools.jackson.databind.json.JsonMapper;

/**
 * The contract asked of a {@link PortfolioService} in the same JVM: each call goes through {@link
 * ContractAnswers}, the trees the HTTP API serves, written and read back as JSON so they compare
 * with the API's node for node. What the service throws becomes the status the API maps it to:
 * {@link PositionNotFoundException} 404, {@link IllegalArgumentException} 400, {@link
 * IllegalStateException} 409, each with the exception's message as {@code detail}.
 *
 * <p>Example: {@code new ServiceSubject(service).equity().ok().get("equity_base")}. Thread-safe as
 * the service is.
 */
final class ServiceSubject implements ContractSubject {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final ContractAnswers answers;

  ServiceSubject(PortfolioService service) {
    this.answers = new ContractAnswers(service);
  }

  @Override
  public Answer equity() {
    return answer(200, answers::portfolio);
  }

  @Override
  public Answer pnlSummary(String period, Optional<Boolean> includeManual) {
    return answer(200, () -> answers.pnl(PnlPeriod.parse(period), includeManual));
  }

  @Override
  public Answer positions() {
    return answer(200, answers::positions);
  }

  @Override
  public Answer position(String pair) {
    return answer(200, () -> answers.position(pair));
  }

  @Override
  public Answer assetExposure() {
    return answer(200, answers::allocation);
  }

  @Override
  public Answer openOrders() {
    return answer(200, answers::openOrders);
  }

  @Override
  public Answer tradeHistory(Optional<String> pair, int limit, Optional<Boolean> includeManual) {
    return answer(200, () -> answers.trades(pair, limit, includeManual));
  }

  @Override
  public Answer realizedPnlRecords(TradeQuery query) {
    return answer(200, () -> answers.records(query));
  }

  @Override
  public Answer feeSummary() {
    return answer(200, answers::fees);
  }

  @Override
  public Answer cashFlows(Optional<String> asset, int limit) {
    return answer(200, () -> answers.cashFlows(asset.map(AssetSymbol::canonical), limit));
  }

  @Override
  public Answer createSnapshot() {
    return answer(201, answers::createSnapshot);
  }

  @Override
  public Answer snapshots(Optional<Instant> since, int limit) {
    return answer(200, () -> answers.snapshots(since, limit));
  }

  @Override
  public Answer reconciliation() {
    return answer(200, answers::reconciliation);
  }

  @Override
  public Answer sync() {
    return answer(200, answers::sync);
  }

  private static Answer answer(int status, Supplier<Map<String, Object>> call) {
    try {
      return new Answer(status, JSON.readTree(JSON.writeValueAsString(call.get())));
    } catch (PositionNotFoundException e) {
      return problem(404, e);
    } catch (IllegalArgumentException e) {
      return problem(400, e);
    } catch (IllegalStateException e) {
      return problem(409, e);
    }
  }

  private static Answer problem(int status, RuntimeException e) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("status", status);
    doc.put("detail", e.getMessage());
    return new Answer(status, JSON.valueToTree(doc));
  }

  @Override
  public void close() {
    // Nothing started: the service belongs to the test.
  }

  @Override
  public String toString() {
    return "the service";
  }
}
