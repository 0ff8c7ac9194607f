package io.tally.engine.ingest;

import static java.util.Objects.requireNonNull;

import io.tally.kraken.ExportFile;
import io.tally.kraken.LedgerRow;
import io.tally.kraken.TradeRow;
import io.tally.store.SourceRow;
import io.tally.store.StoredPrice;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything one import or sync brings: ledger rows (the truth), trades-history rows and orders
 * (enrichment: pair, order, strategy), the prices it used, the marks to resume from, and a
 * description for the import log.
 *
 * <p>Example: {@code IngestBatch.ofFiles(List.of(KrakenCsv.read(path)), "import ledgers.csv")}.
 * Immutable.
 *
 * @param orderRows orders as stored rows of source {@link Ingest#ORDERS}, with fields {@code
 *     userref} and {@code cl_ord_id} at least
 */
public record IngestBatch(
    List<LedgerRow> ledgerRows,
    List<TradeRow> tradeRows,
    List<SourceRow> orderRows,
    List<StoredPrice> prices,
    Map<String, String> marks,
    String description) {

  public IngestBatch {
    ledgerRows = List.copyOf(requireNonNull(ledgerRows, "ledgerRows"));
    tradeRows = List.copyOf(requireNonNull(tradeRows, "tradeRows"));
    orderRows = List.copyOf(requireNonNull(orderRows, "orderRows"));
    prices = List.copyOf(requireNonNull(prices, "prices"));
    marks = Map.copyOf(requireNonNull(marks, "marks"));
    requireNonNull(description, "description");
  }

  /** The rows of exported files, nothing else. */
  public static IngestBatch ofFiles(List<ExportFile> files, String description) {
    List<LedgerRow> ledger = new ArrayList<>();
    List<TradeRow> trades = new ArrayList<>();
    for (ExportFile file : files) {
      ledger.addAll(file.ledgerRows());
      trades.addAll(file.tradeRows());
    }
    return new IngestBatch(ledger, trades, List.of(), List.of(), Map.of(), description);
  }
}
