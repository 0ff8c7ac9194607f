package io.tally.engine.ingest;

import static java.util.Objects.requireNonNull;

import io.tally.books.BaseCurrency;
import io.tally.engine.Mark;
import io.tally.engine.Marks;
import io.tally.kraken.AssetNames;
import io.tally.kraken.BalanceCheck;
import io.tally.kraken.Enrichment;
import io.tally.kraken.LedgerClassifier;
import io.tally.kraken.LedgerRow;
import io.tally.kraken.RunningBalanceCheck;
import io.tally.kraken.TradeRow;
import io.tally.ledger.CashFlow;
import io.tally.ledger.EventText;
import io.tally.ledger.LedgerEvent;
import io.tally.ledger.Trade;
import io.tally.ledger.Unclassified;
import io.tally.money.Asset;
import io.tally.store.EventRecord;
import io.tally.store.ImportBatch;
import io.tally.store.ImportBatch.DerivedRows;
import io.tally.store.PortfolioStore;
import io.tally.store.SourceRow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Adds Kraken rows to a store, idempotently and all or nothing — the one path for CSV imports and
 * API syncs. Rows the store already has are skipped; every refid that gains rows is classified
 * again from all its rows (stored and new), and only events that changed are appended; a group that
 * no longer yields an event gets a retraction. Rows, events, prices and sync marks are written in
 * one transaction.
 *
 * <p>Example: {@code new Ingest(store, tags, System.err::println).run(IngestBatch.ofFiles(files))},
 * or {@code prepare(batch)} and then {@code commit()} to do something beside the write. Not
 * thread-safe: one ingest at a time per store.
 */
public final class Ingest {

  /** Source name of ledger rows in the store. */
  public static final String LEDGERS = "kraken.ledgers";

  /** Source name of trades-history rows in the store. */
  public static final String TRADES = "kraken.trades";

  /** Source name of order rows in the store. */
  public static final String ORDERS = "kraken.orders";

  /** Source name of Kraken's Assets list in the store: one row per asset id and altname. */
  public static final String ASSETS = "kraken.assets";

  static final String ORIGIN_FILE = "_file";
  static final String ORIGIN_LINE = "_line";

  /** The fields of a stored ledger row: the row's own, then where it was read from. */
  private static final List<String> LEDGER_FIELDS =
      Stream.concat(LedgerRow.FIELD_NAMES.stream(), Stream.of(ORIGIN_FILE, ORIGIN_LINE)).toList();

  private final PortfolioStore store;
  private final StrategyTags tags;
  private final Consumer<String> progress;

  /** An ingest into {@code store} that reports each phase it starts to {@code progress}. */
  public Ingest(PortfolioStore store, StrategyTags tags, Consumer<String> progress) {
    this.store = requireNonNull(store, "store");
    this.tags = requireNonNull(tags, "tags");
    this.progress = requireNonNull(progress, "progress");
  }

  /**
   * Ingests the batch and says what changed: {@link #prepare} and {@link PreparedIngest#commit}.
   */
  public IngestResult run(IngestBatch batch) {
    return prepare(batch).commit();
  }

  /**
   * Reads what the store has of the batch's rows, classifies the groups they join and checks
   * Kraken's running balances: everything before the write, which {@link PreparedIngest#commit}
   * makes. Nothing is written here.
   */
  public PreparedIngest prepare(IngestBatch batch) {
    Map<String, LedgerRow> batchLedger = new LinkedHashMap<>();
    Map<String, TradeRow> newTrades = new LinkedHashMap<>();
    Map<String, SourceRow> newOrders = new LinkedHashMap<>();
    for (LedgerRow row : batch.ledgerRows()) {
      batchLedger.putIfAbsent(ledgerRowId(row), row);
    }
    for (TradeRow row : batch.tradeRows()) {
      newTrades.putIfAbsent(row.txid(), row);
    }
    for (SourceRow row : batch.orderRows()) {
      newOrders.putIfAbsent(row.rowId(), row);
    }
    int read = batch.ledgerRows().size() + batch.tradeRows().size() + batch.orderRows().size();
    progress.accept(String.format("checking %,d rows against the store", read));
    Set<String> knownLedger = store.knownRowIds(LEDGERS, batchLedger.keySet());
    Map<String, LedgerRow> newLedger = batchLedger;
    if (!knownLedger.isEmpty()) {
      newLedger = new LinkedHashMap<>(batchLedger);
      newLedger.keySet().removeAll(knownLedger);
    }
    newTrades.keySet().removeAll(store.knownRowIds(TRADES, newTrades.keySet()));
    newOrders.keySet().removeAll(store.knownRowIds(ORDERS, newOrders.keySet()));

    // Every refid that gains a ledger row or a trades-history row is classified again, from all
    // of its rows, stored and new. A new order re-tags the trades it names.
    Set<String> groups = new LinkedHashSet<>();
    newLedger.values().forEach(row -> groups.add(row.refid()));
    newTrades.values().forEach(row -> groups.add(row.txid()));
    if (!newOrders.isEmpty()) {
      groups.addAll(storedTradesOf(newOrders.values()));
      newTrades.values().stream()
          .filter(trade -> newOrders.containsKey(trade.orderTxid()))
          .forEach(trade -> groups.add(trade.txid()));
    }
    List<LedgerRow> storedLedger =
        groups.isEmpty() ? List.of() : ledgerRows(store.rowsInGroups(LEDGERS, groups));
    int storedJoining = storedLedger.size();
    List<TradeRow> storedTrades =
        groups.isEmpty() ? List.of() : tradeRows(store.rowsInGroups(TRADES, groups));
    // Only the orders these trades name tag them: read those, not every stored order.
    Set<String> orderIds = new HashSet<>();
    storedTrades.forEach(trade -> orderIds.add(trade.orderTxid()));
    newTrades.values().forEach(trade -> orderIds.add(trade.orderTxid()));
    orderIds.remove("");
    Map<String, String> storedTags =
        orderIds.isEmpty() ? Map.of() : orderTags(store.rowsInGroups(ORDERS, orderIds));
    Map<String, String> allTags = new HashMap<>(storedTags);
    allTags.putAll(orderTags(newOrders.values()));
    List<LedgerRow> allLedger = new ArrayList<>(storedLedger);
    allLedger.addAll(newLedger.values());
    List<TradeRow> allTrades = new ArrayList<>(storedTrades);
    allTrades.addAll(newTrades.values());

    List<LedgerRow> addedLedger = List.copyOf(newLedger.values());
    Marks storedMarks = Marks.of(store);
    // A store whose last check predates gaps (no gaps mark) is checked again, once. A check of the
    // whole ledger runs on a second core beside the classifying: it needs the rows, not the events.
    Optional<Supplier<LedgerChecked>> checking = Optional.empty();
    if (!newLedger.isEmpty()
        || !storedMarks.has(Mark.LEDGER_ISSUES)
        || !storedMarks.has(Mark.LEDGER_GAPS)) {
      checking = Optional.of(checkLedger(addedLedger, storedMarks));
    }
    progress.accept(
        String.format(
            "classifying %,d new rows in %,d refids (%,d stored rows join them)",
            newLedger.size() + newTrades.size() + newOrders.size(),
            groups.size(),
            storedJoining + storedTrades.size()));
    // The events are kept as the records to store; the classified events themselves (a third of
    // the heap for a million rows) are dropped before the write.
    Classified classified =
        classify(storedLedger, storedTrades, storedTags, allLedger, allTrades, allTags);
    List<EventRecord> events = classified.events();
    Map<String, String> marks = new LinkedHashMap<>(batch.marks());
    // The check of every ledger row, when it ran over exactly the batch's rows (nothing stored,
    // nothing repeated), is also the summary's check of the rows brought: not run twice.
    Optional<BalanceCheck> wholeCheck = Optional.empty();
    if (checking.isPresent()) {
      LedgerChecked checked = checking.get().get();
      events.addAll(checked.records());
      marks.putAll(checked.marks());
      wholeCheck = checked.whole();
    }
    // The fiat currencies of the events, kept so that choosing a base currency (BaseCurrency)
    // need not read the event log.
    marks.put(Mark.FIAT.key(), fiatMark(classified.fiat(), storedMarks));
    // The rows are made in the store's form as the write reaches them, not all held at once.
    List<SourceRow> rows =
        DerivedRows.of(LEDGERS, addedLedger, Ingest::ledgerRowId, Ingest::ledgerSourceRow)
            .followedBy(
                DerivedRows.of(
                    TRADES,
                    List.copyOf(newTrades.values()),
                    TradeRow::txid,
                    Ingest::tradeSourceRow))
            .followedBy(
                DerivedRows.of(
                    ORDERS, List.copyOf(newOrders.values()), SourceRow::rowId, order -> order));
    BalanceCheck brought;
    if (wholeCheck.isPresent() && newLedger.size() == batchLedger.size()) {
      brought = wholeCheck.get();
    } else {
      List<LedgerRow> checked = new ArrayList<>(batchLedger.values());
      checked.sort(Comparator.comparing(LedgerRow::time));
      brought = RunningBalanceCheck.check(checked);
    }
    int newLedgerRows = newLedger.size();
    return new PreparedIngest(
        store,
        new ImportBatch(rows, events, batch.prices(), marks, batch.description()),
        progress,
        committed ->
            new IngestResult(
                read,
                committed,
                newLedgerRows,
                classified.newTrades(),
                classified.newFlows(),
                classified.changedPairs(),
                brought,
                classified.unclassified()));
  }

  /**
   * What classification yields for the store and the summary: the event records (changed or not;
   * retractions of events no longer made last), the unclassified events, the new trades and cash
   * flows, the pairs whose trades changed, and the fiat currencies of the events.
   */
  private record Classified(
      List<EventRecord> events,
      List<Unclassified> unclassified,
      int newTrades,
      int newFlows,
      Set<String> changedPairs,
      Set<Asset> fiat) {}

  /** Classifies the stored rows of the groups, then all their rows, and compares the two. */
  private Classified classify(
      List<LedgerRow> storedLedger,
      List<TradeRow> storedTrades,
      Map<String, String> storedTags,
      List<LedgerRow> allLedger,
      List<TradeRow> allTrades,
      Map<String, String> allTags) {
    AssetNames names = assetNames(store);
    List<LedgerEvent> before =
        LedgerClassifier.classify(
            storedLedger, new Enrichment(byTxid(storedTrades), storedTags, names));

    Map<String, String> beforeLines = new HashMap<>();
    before.forEach(event -> beforeLines.put(event.id().value(), EventText.format(event)));
    // The ids of earlier events that no event of the groups has any more.
    Set<String> gone = new HashSet<>(beforeLines.keySet());
    Compared compared = new Compared(beforeLines, gone);
    // Each event becomes its record as its group is classified: a million rows' events are never
    // all alive beside their records.
    LedgerClassifier.classifyEach(
        allLedger, new Enrichment(byTxid(allTrades), allTags, names), compared::add);
    List<EventRecord> events = compared.records;
    events.sort(EventRecord.ORDER);
    for (LedgerEvent event : before) {
      if (gone.contains(event.id().value())) {
        events.add(EventRecord.retracted(event.id().value(), event.at()));
      }
    }
    return compared.classified(events);
  }

  /**
   * The classified events of the groups, each kept as its record and compared, as it comes, with
   * the line of the stored event of its id ({@code beforeLines}); {@code gone} loses each id that
   * comes again.
   */
  private static final class Compared {
    private final Map<String, String> beforeLines;
    private final Set<String> gone;
    private final List<EventRecord> records = new ArrayList<>();
    private final List<Unclassified> unclassified = new ArrayList<>();
    private final Set<String> changedPairs = new TreeSet<>();
    private final Set<Asset> fiat = new TreeSet<>();
    private int newTrades;
    private int newFlows;

    Compared(Map<String, String> beforeLines, Set<String> gone) {
      this.beforeLines = beforeLines;
      this.gone = gone;
    }

    void add(LedgerEvent event) {
      String line = EventText.format(event);
      String id = event.id().value();
      records.add(EventRecord.of(id, event.at(), line));
      gone.remove(id);
      BaseCurrency.addFiatOf(event, fiat);
      String earlier = beforeLines.get(id);
      boolean isNew = earlier == null;
      boolean changed = isNew || !earlier.equals(line);
      if (event instanceof Unclassified unknown) {
        unclassified.add(unknown);
      }
      if (event instanceof Trade trade && changed) {
        changedPairs.add(trade.pair().name());
        newTrades += isNew ? 1 : 0;
      }
      if (event instanceof CashFlow && isNew) {
        newFlows++;
      }
    }

    /** What the events compared make, with {@code events} their records to store. */
    Classified classified(List<EventRecord> events) {
      unclassified.sort(LedgerEvent.ORDER);
      return new Classified(events, unclassified, newTrades, newFlows, changedPairs, fiat);
    }
  }

  /**
   * What Kraken's running-balance check adds to a batch: the opening-balance and gap adjustment
   * records (and retractions of those a previous check made that are gone), the marks with its
   * issues, adjustment ids and running balances, and the check itself when it ran over the new rows
   * alone (nothing stored).
   */
  private record LedgerChecked(
      List<EventRecord> records, Map<String, String> marks, Optional<BalanceCheck> whole) {}

  /**
   * Runs Kraken's running-balance check. When the new rows all come after the stored ones, the
   * check goes on from the stored running balances ({@link LedgerCheck#continuing}) and reads no
   * stored row: an import or sync costs what it adds. Otherwise every ledger row, stored and new,
   * is checked, on a thread of its own while the caller classifies.
   */
  private Supplier<LedgerChecked> checkLedger(List<LedgerRow> newRows, Marks storedMarks) {
    Optional<LedgerCheck> continued = LedgerCheck.continuing(storedMarks, newRows);
    if (continued.isPresent()) {
      progress.accept("checking Kraken's running balances of the new rows");
      List<EventRecord> records = new ArrayList<>();
      for (CashFlow adjustment : continued.get().adjustments()) {
        records.add(
            EventRecord.of(adjustment.id().value(), adjustment.at(), EventText.format(adjustment)));
      }
      LedgerChecked checked = new LedgerChecked(records, continued.get().marks(), Optional.empty());
      return () -> checked;
    }
    progress.accept("checking Kraken's running balances over the whole ledger, beside classifying");
    FutureTask<LedgerChecked> check =
        new FutureTask<>(() -> checkWholeLedger(newRows, storedMarks));
    Thread thread = new Thread(check, "tally-ledger-check");
    thread.setDaemon(true);
    thread.start();
    return () -> checked(check);
  }

  /** The whole ledger's check once it is done; throws what it threw. */
  private static LedgerChecked checked(FutureTask<LedgerChecked> check) {
    try {
      return check.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while checking the running balances", e);
    }
  }

  private LedgerChecked checkWholeLedger(List<LedgerRow> newRows, Marks storedMarks) {
    List<LedgerRow> all = ledgerRows(store.rows(LEDGERS));
    boolean onlyNew = all.isEmpty();
    all.addAll(newRows);
    List<LedgerRow> sorted = LedgerCheck.sorted(all);
    BalanceCheck balances = RunningBalanceCheck.check(sorted);
    LedgerCheck check = LedgerCheck.of(balances, sorted);
    List<EventRecord> records = new ArrayList<>();
    Set<String> current = new HashSet<>();
    for (CashFlow adjustment : check.adjustments()) {
      current.add(adjustment.id().value());
      records.add(
          EventRecord.of(adjustment.id().value(), adjustment.at(), EventText.format(adjustment)));
    }
    for (String id : LedgerCheck.storedAdjustmentIds(storedMarks)) {
      if (!current.contains(id)) {
        store
            .findEvent(id)
            .filter(event -> !event.retracted())
            .ifPresent(event -> records.add(EventRecord.retracted(id, event.at())));
      }
    }
    return new LedgerChecked(
        records, check.marks(), onlyNew ? Optional.of(balances) : Optional.empty());
  }

  /**
   * The ids of the stored trades that {@code orders} name: each order lists its trades (Kraken's
   * {@code trades}, asked for with every order), looked up by id; an order stored without that list
   * has every stored trade read to find those naming it.
   */
  private Set<String> storedTradesOf(Collection<SourceRow> orders) {
    Set<String> named = new LinkedHashSet<>();
    Set<String> unlisted = new HashSet<>();
    for (SourceRow order : orders) {
      String trades = order.fields().get("trades");
      if (trades == null) {
        unlisted.add(order.rowId());
      } else if (!trades.isEmpty()) {
        named.addAll(Arrays.asList(trades.split(",")));
      }
    }
    Set<String> stored = new LinkedHashSet<>(store.knownRowIds(TRADES, named));
    if (!unlisted.isEmpty()) {
      for (SourceRow trade : store.rows(TRADES)) {
        if (unlisted.contains(trade.fields().getOrDefault("ordertxid", ""))) {
          stored.add(trade.rowId());
        }
      }
    }
    return stored;
  }

  /**
   * The fiat currencies of the stored events and {@code classified} (those of the new events): the
   * stored mark's plus the new ones; a store without the mark has its whole log read once. A
   * currency stays listed when the events that had it are retracted (docs/ACCOUNTING-DECISIONS.md).
   */
  private String fiatMark(Set<Asset> classified, Marks storedMarks) {
    Set<Asset> fiat = new TreeSet<>(classified);
    Optional<List<Asset>> stored = storedMarks.fiat();
    if (stored.isPresent()) {
      fiat.addAll(stored.get());
    } else if (store.eventCount() > 0) {
      List<LedgerEvent> all = new ArrayList<>();
      store.events().forEach(record -> all.add(EventText.parse(record.line())));
      fiat.addAll(BaseCurrency.fiatIn(all));
    }
    return String.join(",", fiat.stream().map(Asset::code).toList());
  }

  /** The store's id of a ledger row: its ledger id, or a content key for a pending row. */
  public static String ledgerRowId(LedgerRow row) {
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

  /** Asset names as Kraken's Assets list (stored by a sync) gives them; built-in ones otherwise. */
  public static AssetNames assetNames(PortfolioStore store) {
    Map<String, String> altnameById = new HashMap<>();
    for (SourceRow row : store.rows(ASSETS)) {
      altnameById.put(row.fields().get("id"), row.fields().get("altname"));
    }
    return AssetNames.fromExchange(altnameById);
  }

  private Map<String, String> orderTags(Iterable<SourceRow> orders) {
    Map<String, String> tagsByOrder = new HashMap<>();
    for (SourceRow order : orders) {
      long userref;
      try {
        userref = Long.parseLong(order.fields().getOrDefault("userref", "0"));
      } catch (NumberFormatException e) {
        userref = 0;
      }
      tagsByOrder.put(
          order.rowId(), tags.tagOf(userref, order.fields().getOrDefault("cl_ord_id", "")));
    }
    return tagsByOrder;
  }

  private static SourceRow ledgerSourceRow(LedgerRow row) {
    String[] values = Arrays.copyOf(row.fieldValues(), LEDGER_FIELDS.size());
    values[values.length - 2] = row.source();
    values[values.length - 1] = Integer.toString(row.line());
    return new SourceRow(
        LEDGERS,
        ledgerRowId(row),
        row.refid(),
        row.time(),
        SourceRow.fields(LEDGER_FIELDS, values));
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

  /** Ledger rows rebuilt from what the store keeps. */
  public static List<LedgerRow> ledgerRows(Iterable<SourceRow> rows) {
    List<LedgerRow> parsed = new ArrayList<>();
    for (SourceRow row : rows) {
      parsed.add(LedgerRow.fromFields(row.fields(), origin(row), line(row)));
    }
    return parsed;
  }

  /** Trades-history rows rebuilt from what the store keeps. */
  public static List<TradeRow> tradeRows(Iterable<SourceRow> rows) {
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

  private static Map<String, TradeRow> byTxid(List<TradeRow> trades) {
    Map<String, TradeRow> map = new HashMap<>();
    for (TradeRow trade : trades) {
      map.putIfAbsent(trade.txid(), trade);
    }
    return map;
  }
}
