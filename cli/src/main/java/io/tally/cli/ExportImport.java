package io.tally.cli;

import static java.util.Objects.requireNonNull;

import io.tally.kraken.BalanceCheck;
import io.tally.kraken.ExportFile;
import io.tally.kraken.LedgerClassifier;
import io.tally.kraken.LedgerRow;
import io.tally.kraken.RunningBalanceCheck;
import io.tally.kraken.TradeRow;
import io.tally.ledger.EventText;
import io.tally.ledger.LedgerEvent;
import io.tally.ledger.Unclassified;
import io.tally.store.CommitResult;
import io.tally.store.EventRecord;
import io.tally.store.ImportBatch;
import io.tally.store.SourceRow;
import io.tally.store.SqliteStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Imports parsed Kraken exports into a store, idempotently and all or nothing: rows the store
 * already has are skipped; every refid that gains rows is classified again from all its rows, and
 * only events that changed are appended (a group that no longer yields an event gets a retraction).
 * Everything is written in one transaction.
 *
 * <p>Example: {@code new ExportImport(store).run(List.of(KrakenCsv.read(path)))}. Not thread-safe;
 * one import at a time per store.
 */
final class ExportImport {

  static final String LEDGERS = "kraken.ledgers";
  static final String TRADES = "kraken.trades";

  /**
   * What an import did: rows read, what the store added, the running-balance check over the
   * imported ledger rows, and the imported rows' events that Tally could not classify.
   */
  record Summary(
      int rowsRead, CommitResult result, BalanceCheck balances, List<Unclassified> unclassified) {}

  private final SqliteStore store;
  private final Consumer<String> progress;

  /** An import into {@code store} that reports each phase it starts to {@code progress}. */
  ExportImport(SqliteStore store, Consumer<String> progress) {
    this.store = requireNonNull(store, "store");
    this.progress = requireNonNull(progress, "progress");
  }

  Summary run(List<ExportFile> files, String description) {
    // New rows by store id; the first file to name a row wins, as in the store itself.
    Map<String, LedgerRow> fileLedger = new LinkedHashMap<>();
    Map<String, TradeRow> newTrades = new LinkedHashMap<>();
    int read = 0;
    for (ExportFile file : files) {
      read += file.rowCount();
      for (LedgerRow row : file.ledgerRows()) {
        fileLedger.putIfAbsent(ledgerRowId(row), row);
      }
      for (TradeRow row : file.tradeRows()) {
        newTrades.putIfAbsent(row.txid(), row);
      }
    }
    progress.accept(String.format("checking %,d rows against the store", read));
    Map<String, LedgerRow> newLedger = new LinkedHashMap<>(fileLedger);
    newLedger.keySet().removeAll(store.knownRowIds(LEDGERS, newLedger.keySet()));
    newTrades.keySet().removeAll(store.knownRowIds(TRADES, newTrades.keySet()));

    // Every refid that gains a ledger row or a trades-history row is classified again, from all
    // of its rows, stored and new.
    Set<String> groups = new LinkedHashSet<>();
    newLedger.values().forEach(row -> groups.add(row.refid()));
    newTrades.values().forEach(row -> groups.add(row.txid()));
    List<LedgerRow> storedLedger =
        groups.isEmpty() ? List.of() : ledgerRows(store.rowsInGroups(LEDGERS, groups));
    List<TradeRow> storedTrades =
        groups.isEmpty() ? List.of() : tradeRows(store.rowsInGroups(TRADES, groups));
    List<LedgerRow> allLedger = new ArrayList<>(storedLedger);
    allLedger.addAll(newLedger.values());
    List<TradeRow> allTrades = new ArrayList<>(storedTrades);
    allTrades.addAll(newTrades.values());

    progress.accept(
        String.format(
            "classifying %,d new rows in %,d refids (%,d stored rows join them)",
            newLedger.size() + newTrades.size(),
            groups.size(),
            storedLedger.size() + storedTrades.size()));
    List<LedgerEvent> before = LedgerClassifier.classify(storedLedger, byTxid(storedTrades));
    List<LedgerEvent> after = LedgerClassifier.classify(allLedger, byTxid(allTrades));
    List<EventRecord> events = new ArrayList<>(after.size());
    List<Unclassified> unclassified = new ArrayList<>();
    Set<String> live = new HashSet<>();
    for (LedgerEvent event : after) {
      events.add(EventRecord.of(event.id().value(), event.at(), EventText.format(event)));
      live.add(event.id().value());
      if (event instanceof Unclassified unknown) {
        unclassified.add(unknown);
      }
    }
    for (LedgerEvent event : before) {
      if (!live.contains(event.id().value())) {
        events.add(EventRecord.retracted(event.id().value(), event.at()));
      }
    }
    List<SourceRow> rows = new ArrayList<>(newLedger.size() + newTrades.size());
    newLedger.forEach((id, row) -> rows.add(ledgerSourceRow(id, row)));
    newTrades.values().forEach(row -> rows.add(tradeSourceRow(row)));
    progress.accept(
        String.format(
            "writing %,d rows and %,d events in one transaction", rows.size(), events.size()));
    CommitResult result = store.commit(new ImportBatch(rows, events, description));
    List<LedgerRow> imported = new ArrayList<>(fileLedger.values());
    imported.sort(Comparator.comparing(LedgerRow::time));
    return new Summary(read, result, RunningBalanceCheck.check(imported), unclassified);
  }

  /** The store's id of a ledger row: its ledger id, or a content key for a pending row. */
  static String ledgerRowId(LedgerRow row) {
    if (!row.isPending()) {
      return row.txid();
    }
    return "pending:"
        + row.refid()
        + ":"
        + row.time()
        + ":"
        + row.asset()
        + ":"
        + row.amount().toPlainString();
  }

  private static SourceRow ledgerSourceRow(String rowId, LedgerRow row) {
    return new SourceRow(
        LEDGERS,
        rowId,
        row.refid(),
        row.time(),
        withOrigin(row.toFields(), row.source(), row.line()));
  }

  private static SourceRow tradeSourceRow(TradeRow row) {
    return new SourceRow(
        TRADES,
        row.txid(),
        row.txid(),
        row.time(),
        withOrigin(row.toFields(), row.source(), row.line()));
  }

  /** The row's fields plus where it was read from, so later messages can name the file and line. */
  private static Map<String, String> withOrigin(
      Map<String, String> fields, String source, int line) {
    Map<String, String> copy = new LinkedHashMap<>(fields);
    copy.put(ORIGIN_FILE, source);
    copy.put(ORIGIN_LINE, Integer.toString(line));
    return copy;
  }

  static final String ORIGIN_FILE = "_file";
  static final String ORIGIN_LINE = "_line";

  static List<LedgerRow> ledgerRows(Iterable<SourceRow> rows) {
    List<LedgerRow> parsed = new ArrayList<>();
    for (SourceRow row : rows) {
      parsed.add(LedgerRow.fromFields(row.fields(), origin(row), line(row)));
    }
    return parsed;
  }

  static List<TradeRow> tradeRows(Iterable<SourceRow> rows) {
    List<TradeRow> parsed = new ArrayList<>();
    for (SourceRow row : rows) {
      parsed.add(TradeRow.fromFields(row.fields(), origin(row), line(row)));
    }
    return parsed;
  }

  private static String origin(SourceRow row) {
    return row.fields().getOrDefault(ORIGIN_FILE, row.source());
  }

  private static int line(SourceRow row) {
    return Integer.parseInt(row.fields().getOrDefault(ORIGIN_LINE, "0"));
  }

  static Map<String, TradeRow> byTxid(List<TradeRow> trades) {
    Map<String, TradeRow> map = new HashMap<>();
    for (TradeRow trade : trades) {
      map.putIfAbsent(trade.txid(), trade);
    }
    return map;
  }
}
