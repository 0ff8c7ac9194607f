package io.tally.testing;

import static java.util.Objects.requireNonNull;

import io.tally.ledger.CashFlow;
import io.tally.ledger.FlowKind;
import io.tally.ledger.InternalMove;
import io.tally.ledger.LedgerEvent;
import io.tally.ledger.MarginPnl;
import io.tally.ledger.PositionCarry;
import io.tally.ledger.PositionFill;
import io.tally.ledger.Trade;
import io.tally.ledger.TradeKind;
import io.tally.ledger.Unclassified;
import io.tally.money.Amount;
import io.tally.money.Asset;
import io.tally.valuation.PriceTable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A history made by {@link HistoryGenerator}: the events in replay order, the prices they were made
 * with, and the seed that makes them again. {@link #ledgerBalances()} and {@link #rows()} give the
 * ledger's view of the same history (Σ amounts − Σ fees per asset), computed from the events alone
 * and independently of the books.
 *
 * <p>Example: {@code HistoryGenerator.generate(7, 100).ledgerBalances().get(Asset.USD)}. Immutable.
 */
public record GeneratedHistory(List<LedgerEvent> events, PriceTable prices, long seed) {

  public GeneratedHistory {
    events = List.copyOf(events);
    requireNonNull(prices, "prices");
  }

  /** The time of the last event; {@link HistoryGenerator#START} for an empty history. */
  public Instant end() {
    return events.isEmpty() ? HistoryGenerator.START : events.get(events.size() - 1).at();
  }

  /** Per asset, Σ ledger amounts − Σ ledger fees over the whole history. */
  public SortedMap<Asset, BigDecimal> ledgerBalances() {
    return ledgerBalances(events.size());
  }

  /** Per asset, Σ ledger amounts − Σ ledger fees over the first {@code count} events. */
  public SortedMap<Asset, BigDecimal> ledgerBalances(int count) {
    Map<Asset, BigDecimal> balances = new HashMap<>();
    for (LedgerEvent event : events.subList(0, count)) {
      for (Map.Entry<Asset, BigDecimal[]> row : rowsOf(event).entrySet()) {
        balances.merge(
            row.getKey(), row.getValue()[0].subtract(row.getValue()[1]), BigDecimal::add);
      }
    }
    return new TreeMap<>(balances);
  }

  /**
   * The ledger rows of the history, one per asset an event moves or charges (an internal move
   * writes two rows, out of one location and into another), each with the asset's running balance.
   */
  public List<LedgerRow> rows() {
    List<LedgerRow> rows = new ArrayList<>(events.size() * 2);
    Map<Asset, BigDecimal> balances = new HashMap<>();
    for (LedgerEvent event : events) {
      String type = type(event);
      if (event instanceof InternalMove move) {
        Asset asset = move.amount().asset();
        BigDecimal before = balances.getOrDefault(asset, BigDecimal.ZERO);
        BigDecimal out = before.subtract(move.amount().value()).subtract(move.fee().value());
        BigDecimal in = out.add(move.amount().value());
        rows.add(
            new LedgerRow(
                move.id(),
                move.at(),
                type,
                asset,
                move.amount().value().negate(),
                move.fee().value(),
                out));
        rows.add(
            new LedgerRow(
                move.id(), move.at(), type, asset, move.amount().value(), BigDecimal.ZERO, in));
        balances.put(asset, in);
        continue;
      }
      for (Map.Entry<Asset, BigDecimal[]> row : rowsOf(event).entrySet()) {
        BigDecimal amount = row.getValue()[0];
        BigDecimal fee = row.getValue()[1];
        BigDecimal balance = balances.merge(row.getKey(), amount.subtract(fee), BigDecimal::add);
        rows.add(new LedgerRow(event.id(), event.at(), type, row.getKey(), amount, fee, balance));
      }
    }
    return rows;
  }

  /** Per asset an event touches: {amount, fee}, as its ledger rows would show them summed. */
  static Map<Asset, BigDecimal[]> rowsOf(LedgerEvent event) {
    Map<Asset, BigDecimal[]> rows = new LinkedHashMap<>();
    if (event instanceof Trade trade) {
      for (Amount leg : trade.sold()) {
        row(rows, leg.asset())[0] = row(rows, leg.asset())[0].subtract(leg.value());
      }
      for (Amount leg : trade.bought()) {
        row(rows, leg.asset())[0] = row(rows, leg.asset())[0].add(leg.value());
      }
      for (Amount fee : trade.fees()) {
        row(rows, fee.asset())[1] = row(rows, fee.asset())[1].add(fee.value());
      }
    } else if (event instanceof CashFlow flow) {
      add(rows, flow.amount(), flow.fee());
    } else if (event instanceof InternalMove move) {
      // Out of one location and into another: the amounts cancel, the fee remains.
      add(rows, Amount.zero(move.amount().asset()), move.fee());
    } else if (event instanceof MarginPnl margin) {
      add(rows, margin.amount(), margin.fee());
    } else if (event instanceof Unclassified unknown) {
      add(rows, unknown.amount(), unknown.fee());
    } else if (event instanceof PositionCarry carry) {
      // A rollover row: amount 0, the fee.
      add(rows, Amount.zero(carry.fee().asset()), carry.fee());
    } else if (event instanceof PositionFill) {
      // A position fill has no ledger row of its own: its margin rows are MarginPnl events.
      return rows;
    } else {
      throw new IllegalStateException("Unhandled " + event);
    }
    return rows;
  }

  private static void add(Map<Asset, BigDecimal[]> rows, Amount amount, Amount fee) {
    BigDecimal[] row = row(rows, amount.asset());
    row[0] = row[0].add(amount.value());
    BigDecimal[] feeRow = row(rows, fee.asset());
    feeRow[1] = feeRow[1].add(fee.value());
  }

  private static BigDecimal[] row(Map<Asset, BigDecimal[]> rows, Asset asset) {
    return rows.computeIfAbsent(asset, a -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
  }

  private static String type(LedgerEvent event) {
    if (event instanceof Trade trade) {
      return trade.kind() == TradeKind.ORDER_BOOK ? "trade" : "spend/receive";
    } else if (event instanceof CashFlow flow) {
      return flow.kind() == FlowKind.REWARD
          ? "staking"
          : flow.kind().name().toLowerCase(Locale.ROOT);
    } else if (event instanceof InternalMove) {
      return "transfer";
    } else if (event instanceof MarginPnl) {
      return "margin";
    } else {
      return "unclassified";
    }
  }
}
