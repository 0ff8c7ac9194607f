package io.tally.engine;

/**
 * Every mark a store keeps (the store's small key-value table, written with the commit that makes
 * it true): the one list of their keys, each with who writes it and what it holds. {@link Marks}
 * reads them back typed.
 *
 * <p>Example: {@code Map.of(Mark.PRICES_BASE.key(), "USD")} is the mark of a commit of prices in
 * USD. Immutable.
 */
public enum Mark {

  /** The currency the stored prices are in (a sync, {@code tally import --prices}). */
  PRICES_BASE("prices.base"),

  /** The fiat currencies of the stored events, comma-separated (every ingest). */
  FIAT("events.fiat"),

  /** The issues of the latest running-balance check, one per line ({@code LedgerCheck}). */
  LEDGER_ISSUES("ledger.issues"),

  /** The ids of the opening-balance events of the latest check, one per line. */
  LEDGER_OPENINGS("ledger.openings"),

  /** The ids of the gap events of the latest check, one per line. */
  LEDGER_GAPS("ledger.gaps"),

  /** Where each asset and wallet's running balance stands after the latest check. */
  LEDGER_BALANCES("ledger.balances"),

  /** The time of the newest ledger row a sync stored ({@code KrakenSync}). */
  LEDGERS_NEWEST("ledgers.newest"),

  /** The time of the newest trade a sync stored. */
  TRADES_NEWEST("trades.newest"),

  /** The close time of the newest closed order a sync stored. */
  ORDERS_NEWEST("orders.newest"),

  /** What open orders held at the last sync ({@code OrderHolds}). */
  ORDER_HOLDS("orders.holds"),

  /** The flow-adjusted drift baseline of the reconciliation ({@code DriftBaseline}). */
  DRIFT_BASELINE("drift.baseline"),

  /** When Kraken's asset list was last fetched ({@code KrakenListing}). */
  ASSETS_FETCHED("assets.fetched"),

  /** When Kraken's pair list was last fetched ({@code KrakenListing}). */
  PAIRS_FETCHED("pairs.fetched"),

  /**
   * A paper account's latest order number and the orders working at its last write ({@code
   * PaperDesk}), such as {@code 12 working=demo-O3,demo-O7}.
   */
  PAPER_ORDERS("paper.orders");

  private final String key;

  Mark(String key) {
    this.key = key;
  }

  /** The key the store keeps this mark under. */
  public String key() {
    return key;
  }
}
