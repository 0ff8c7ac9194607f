package io.tally.kraken;

import static java.util.Objects.requireNonNull;

import io.tally.ledger.Trade;
import java.util.Map;

/**
 * What the trades history and the orders add to ledger rows: each trade's row by trade id (its pair
 * and order) and each order's strategy tag by order id. The ledger stays the truth for amounts and
 * fees; enrichment only names things.
 *
 * <p>Example: {@code new Enrichment(Map.of("TX1", tradeRow), Map.of("OX1", "trend_v1"))}: trade TX1
 * of order OX1 is tagged {@code trend_v1}. Immutable.
 */
public record Enrichment(
    Map<String, TradeRow> tradesByTxid, Map<String, String> strategyByOrder, AssetNames names) {

  /** No trades history, no orders: every trade's pair is inferred and its tag is manual. */
  public static final Enrichment NONE = new Enrichment(Map.of(), Map.of(), AssetNames.BUILT_IN);

  public Enrichment {
    tradesByTxid = Map.copyOf(requireNonNull(tradesByTxid, "tradesByTxid"));
    strategyByOrder = Map.copyOf(requireNonNull(strategyByOrder, "strategyByOrder"));
    requireNonNull(names, "names");
  }

  /** Trades history and order tags, with the built-in asset names. */
  public Enrichment(Map<String, TradeRow> tradesByTxid, Map<String, String> strategyByOrder) {
    this(tradesByTxid, strategyByOrder, AssetNames.BUILT_IN);
  }

  /** Trades history only: tags stay manual. */
  public static Enrichment ofTrades(Map<String, TradeRow> tradesByTxid) {
    return new Enrichment(tradesByTxid, Map.of());
  }

  /** The strategy tag of the trade with this id, {@code manual} when no order claims it. */
  public String strategyOf(String tradeTxid) {
    TradeRow trade = tradesByTxid.get(tradeTxid);
    if (trade == null || trade.orderTxid().isEmpty()) {
      return Trade.MANUAL;
    }
    return strategyByOrder.getOrDefault(trade.orderTxid(), Trade.MANUAL);
  }
}
