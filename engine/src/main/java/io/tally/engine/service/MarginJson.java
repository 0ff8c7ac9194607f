package io.tally.engine.service;

import io.tally.margin.MarginSummary;
import io.tally.margin.PositionMargin;
import io.tally.margin.TradeLifecycle;
import io.tally.money.Asset;
import io.tally.money.DisplayDecimals;
import io.tally.money.Precision;
import io.tally.reconcile.MarginCheck;
import io.tally.reconcile.MarginFigureCheck;
import io.tally.reconcile.PositionSizeCheck;
import io.tally.valuation.MarginPositionValuation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON of the margin answers: {@code GET /portfolio/margin} (the account's figures and each
 * open position), {@code GET /portfolio/trades/lifecycle} (one row per position cycle) and the
 * {@code margin} of {@code GET /portfolio/reconciliation} (the books against {@code TradeBalance}).
 * Money ending in {@code _base} is in the base currency; prices are in the pair's quote asset,
 * every digit kept, with the {@code price_decimals} to show them at; decimals are strings, as
 * everywhere in the contract.
 *
 * <p>Example: {@code {"mode": "cross", "equity_base": "10190.4", "margin_used_base":
 * "3000.00000000", "margin_level": "339.68", ...}}. Stateless.
 */
final class MarginJson {

  private MarginJson() {}

  /**
   * The margin check of a reconciliation: {@code compared_at}, {@code currency} (Kraken's), {@code
   * drift_flag}, the tolerances, {@code non_collateral} ({@code eb − tb}), {@code figures_skipped}
   * (why, or {@code null}), {@code figures} [{@code figure}, {@code internal}, {@code exchange},
   * {@code difference}, {@code beyond_tolerance}] and {@code positions} [{@code pair}, …].
   */
  static Map<String, Object> check(MarginCheck check) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("compared_at", check.at().toString());
    doc.put("currency", check.currency().code());
    doc.put("drift_flag", check.driftFlag());
    doc.put("absolute_tolerance_base", text(check.tolerance().absolute()));
    doc.put("relative_tolerance", text(check.tolerance().relative()));
    doc.put("non_collateral", text(check.nonCollateral()));
    doc.put("figures_skipped", check.figuresSkipped().orElse(null));
    List<Object> figures = new ArrayList<>();
    for (MarginFigureCheck figure : check.figures()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("figure", figure.figure().code());
      row.put("internal", figure.internal().map(MarginJson::text).orElse(null));
      row.put("exchange", figure.exchange().map(MarginJson::text).orElse(null));
      row.put("difference", figure.difference().map(MarginJson::text).orElse(null));
      row.put("beyond_tolerance", figure.beyondTolerance());
      figures.add(row);
    }
    doc.put("figures", figures);
    List<Object> positions = new ArrayList<>();
    for (PositionSizeCheck position : check.positions()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("pair", position.pair().slashed());
      row.put("internal", text(position.internal()));
      row.put("exchange", text(position.exchange()));
      row.put("difference", text(position.difference()));
      row.put("beyond_tolerance", position.beyondTolerance());
      positions.add(row);
    }
    doc.put("positions", positions);
    return doc;
  }

  /** The margin document of {@code status}, prices with the decimals {@code display} shows. */
  static Map<String, Object> margin(MarginStatus status, Asset base, DisplayDecimals display) {
    MarginSummary summary = status.summary();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("base_currency", base.code());
    doc.put("mode", status.mode().name().toLowerCase(Locale.ROOT));
    doc.put("equity_base", text(summary.equity()));
    doc.put("collateral_base", text(summary.collateral()));
    doc.put("margin_used_base", text(summary.marginUsed()));
    doc.put("free_margin_base", text(summary.freeMargin()));
    doc.put(
        "margin_level",
        summary.marginLevel().map(level -> text(Precision.display(level))).orElse(null));
    doc.put("maintenance_margin_base", text(summary.maintenanceMargin()));
    doc.put("reserve_base", text(summary.reserve()));
    doc.put("free_margin_after_reserve_base", text(summary.freeMarginAfterReserve()));
    List<Object> rows = new ArrayList<>();
    for (MarginPositionValuation position : status.positions()) {
      rows.add(position(position, status.inBase(position), display));
    }
    doc.put("positions", rows);
    return doc;
  }

  /** One lifecycle row; money in the pair's quote asset, prices with their display decimals. */
  static Map<String, Object> lifecycle(TradeLifecycle trade, DisplayDecimals display) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", trade.id().value());
    row.put("pair", trade.pair().name());
    row.put("quote_asset", trade.pair().quote().code());
    row.put("side", trade.side().name().toLowerCase(Locale.ROOT));
    row.put("status", trade.status().name());
    row.put("quantity", trade.quantity().toPlainString());
    row.put("entry_price", trade.entryPrice().toPlainString());
    row.put("exit_price", trade.exitPrice().map(BigDecimal::toPlainString).orElse(null));
    row.put("price_decimals", display.priceDecimals(trade.pair(), trade.entryPrice()));
    row.put("entry_time", trade.entryTime().toString());
    row.put("exit_time", trade.exitTime().map(Object::toString).orElse(null));
    row.put("fee_paid", text(trade.feesPaid()));
    row.put("funding_paid", text(trade.fundingPaid()));
    row.put("realized_pnl", text(trade.realizedPnl()));
    row.put("net_pnl", text(trade.netPnl()));
    return row;
  }

  private static Map<String, Object> position(
      MarginPositionValuation valued, Optional<PositionMargin> inBase, DisplayDecimals display) {
    BigDecimal rate = valued.quotePrice().orElse(BigDecimal.ZERO);
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("pair", valued.position().pair().name());
    row.put("quote_asset", valued.position().pair().quote().code());
    row.put("size", valued.position().size().toPlainString());
    row.put(
        "entry_price", valued.position().entryPrice().map(BigDecimal::toPlainString).orElse(null));
    row.put("mark_price", valued.mark().map(BigDecimal::toPlainString).orElse(null));
    row.put(
        "price_decimals",
        valued
            .position()
            .entryPrice()
            .map(entry -> display.priceDecimals(valued.position().pair(), entry))
            .orElse(null));
    row.put("leverage", valued.position().leverage());
    row.put("notional_base", inBase.map(m -> text(m.notional())).orElse(null));
    row.put("initial_margin_base", inBase.map(m -> text(m.initialMargin())).orElse(null));
    row.put("maintenance_margin_base", inBase.map(m -> text(m.maintenanceMargin())).orElse(null));
    row.put(
        "liquidation_price",
        inBase
            .flatMap(PositionMargin::liquidationPrice)
            .filter(price -> rate.signum() > 0)
            .map(price -> Precision.price(price, rate).toPlainString())
            .orElse(null));
    row.put("unrealized_pnl_base", text(valued.unrealized()));
    row.put("realized_pnl_base", text(Precision.valueOf(valued.position().realizedPnl(), rate)));
    row.put("fees_paid_base", text(Precision.valueOf(valued.position().feesPaid(), rate)));
    row.put("funding_paid_base", text(Precision.valueOf(valued.position().fundingPaid(), rate)));
    row.put("unvalued", valued.unvalued());
    return row;
  }

  private static String text(BigDecimal value) {
    return ContractJson.text(value);
  }
}
