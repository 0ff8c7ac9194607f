package io.tally.server.contract;

import io.tally.engine.service.TradeQuery;
import java.time.Instant;
import java.util.Optional;

/**
 * Something that answers the contract of {@code PortfolioService} (DESIGN.md "Public contract") as
 * JSON: the service itself, on SQLite or PostgreSQL, or the HTTP API over it. Each call is one
 * contract call and answers its JSON tree with the status the API serves it with, so a missing
 * position is a 404 whose {@code detail} names the pair on every subject, and a conformance test
 * asks every subject the same questions.
 *
 * <p>Example: {@code subject.position("BTC/USD").ok().get("pair")} is {@code "XBTUSD"}.
 */
interface ContractSubject extends AutoCloseable {

  /** {@code get_equity()}, with the holdings it adds up ({@code GET /portfolio}). */
  Answer equity();

  /** {@code get_pnl_summary(period, include_manual)}; {@code period} as the contract writes it. */
  Answer pnlSummary(String period, Optional<Boolean> includeManual);

  /** {@code get_positions()}, with the non-pair remainder. */
  Answer positions();

  /** {@code get_position(pair)}: 404 for a pair never traded. */
  Answer position(String pair);

  /** {@code get_asset_exposure()}: each asset held, with free, reserved and total. */
  Answer assetExposure();

  /** The orders resting on Kraken at the last sync. */
  Answer openOrders();

  /** {@code get_trade_history(pair, limit, include_manual)}. */
  Answer tradeHistory(Optional<String> pair, int limit, Optional<Boolean> includeManual);

  /** The realized PnL records {@code query} asks for. */
  Answer realizedPnlRecords(TradeQuery query);

  /** {@code get_fee_summary()}. */
  Answer feeSummary();

  /** {@code get_cash_flows(asset, limit)}. */
  Answer cashFlows(Optional<String> asset, int limit);

  /** {@code create_snapshot()}. */
  Answer createSnapshot();

  /** {@code get_snapshots(since, limit)}. */
  Answer snapshots(Optional<Instant> since, int limit);

  /** The last reconciliation: {@code reconciliation_status}, {@code checked_at}, drift. */
  Answer reconciliation();

  /** {@code sync()}. */
  Answer sync();

  /** Stops what the subject started (a server); the service and its store stay open. */
  @Override
  void close();
}
