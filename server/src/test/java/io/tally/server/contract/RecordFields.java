package io.tally.server.contract;

import java.util.List;

/**
 * The JSON fields the contract's {@code RealizedPnLRecord} names, in its order: what every trade
 * record of {@code /portfolio/trades} and {@code /portfolio/pnl/records} carries.
 *
 * <p>Example: {@code RecordFields.CONTRACT.get(0)} is {@code "trade_id"}.
 */
public final class RecordFields {

  /** The contract's record fields, in its order. */
  public static final List<String> CONTRACT =
      List.of(
          "trade_id",
          "order_id",
          "pair",
          "time",
          "side",
          "base_delta",
          "quote_delta",
          "fee_asset",
          "fee_amount",
          "pnl_quote",
          "pnl_base",
          "strategy_tag");

  private RecordFields() {}
}
