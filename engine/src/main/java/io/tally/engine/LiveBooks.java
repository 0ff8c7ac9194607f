package io.tally.engine;

import static java.util.Objects.requireNonNull;

import io.tally.books.BookConfig;
import io.tally.books.BookState;
import io.tally.books.Books;
import io.tally.books.TradePnls;
import io.tally.engine.prices.LivePrices;
import io.tally.engine.prices.PriceRequests;
import io.tally.engine.prices.PriceRequests.Missing;
import io.tally.ledger.EventText;
import io.tally.ledger.InstantText;
import io.tally.ledger.LedgerEvent;
import io.tally.money.Asset;
import io.tally.money.Price;
import io.tally.store.Checkpoint;
import io.tally.store.CheckpointTrades;
import io.tally.store.CommitResult;
import io.tally.store.CommittedImport;
import io.tally.store.EventRecord;
import io.tally.store.ImportBatch;
import io.tally.store.PortfolioStore;
import io.tally.store.StoredPrice;
import io.tally.valuation.PriceSource;
import io.tally.valuation.PriceTable;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The books of one store kept current: a {@link Books} fold that has applied every event the store
 * held at import {@link #importId()}, with the prices it held then. {@link #catchUp} applies what
 * later imports wrote; {@link #checkpoint} saves the fold so the next start-up resumes from it. The
 * one read path: {@code tally import} folds what it stored and saves a checkpoint, and {@code tally
 * report}, the service, its API and the dashboard answer from these books.
 *
 * <p><b>Price discovery is part of the fold.</b> The books ask their prices through {@link
 * PriceRequests}, which writes down every moment no stored price answers exactly: {@link
 * #missingPrices()} is what {@code tally prices fetch} and a sync fetch and {@code tally import}
 * counts, kept with the checkpoint, so finding it costs nothing beyond the fold.
 *
 * <p><b>The one rule for resuming ({@link AppendedTail}).</b> Events folded are final only if
 * nothing written later could have changed them. A fold resumes (from a checkpoint, or in memory)
 * and applies only the new events when every later event revision is the first revision of a new
 * event that sorts after the last event folded, and every later price is dated after it. Anything
 * else — a revised or retracted event, an event back in time (an older export), a price for a
 * moment already booked — replays the whole log, which is always correct. Both paths give the same
 * books to the last digit (DESIGN.md decision 2); {@code LiveBooksTest} checks it.
 *
 * <p>Example: {@code LiveBooks books = LiveBooks.start(store, config); books.catchUp(store);}.
 * Mutable and not thread-safe: one owner at a time (a command, or the service's single writer).
 */
public final class LiveBooks {

  /** The first line of a checkpoint; a new layout gets a new number (2: the missing prices). */
  public static final String HEADER = "tally-checkpoint\t2";

  private final BookConfig config;
  private Books books;
  private LivePrices prices;
  private PriceRequests requests;

  /** The {@link Mark#PRICES_BASE} mark {@link #prices} were read under. */
  private String knownBase = "";

  /**
   * An import {@link #prices} have every price of, and of every import before it: at least {@link
   * #importId}, later when the prices were read after it (at start-up, with the tail's), and then a
   * catch-up up to that import need not add its prices again.
   */
  private long knownImport;

  /**
   * How many of the fold's {@link Books#tradePnls()} the store has (saved with a checkpoint), and
   * whether the next checkpoint replaces the store's lines of these books (after a replay, whose
   * trades may differ from those saved before).
   */
  private int savedTrades;

  private boolean replaceTrades;

  private Optional<LedgerEvent> last;
  private long importId;
  private boolean resumed;
  private Optional<Instant> resumedFrom = Optional.empty();
  private long tailEvents;

  /**
   * How many event records the batch these books were folded {@link #ahead} of holds, until {@link
   * #settle} says whether its commit wrote them all.
   */
  private OptionalInt aheadOfRecords = OptionalInt.empty();

  private LiveBooks(BookConfig config) {
    this.config = config;
  }

  /**
   * The books of {@code store}: resumed from its latest checkpoint when that is still valid and
   * kept by the same {@code config}, else replayed from the whole log.
   */
  public static LiveBooks start(PortfolioStore store, BookConfig config) {
    requireNonNull(store, "store");
    LiveBooks live = new LiveBooks(requireNonNull(config, "config"));
    Optional<Checkpoint> checkpoint = store.latestCheckpoint();
    if (checkpoint.isPresent() && live.resume(checkpoint.get(), store)) {
      live.resumed = true;
      live.resumedFrom = Optional.of(checkpoint.get().takenAt());
      live.catchUp(store);
    } else {
      live.replay(store);
    }
    return live;
  }

  /**
   * The books {@code batch} makes of a store that holds no event and no price yet, folded from the
   * batch alone before it is committed: they read nothing from the store, so they can be folded on
   * a second core while the batch is written. They are the store's books only if the commit then
   * writes exactly what was folded, which {@link #settle} checks; {@code marks} are the store's
   * marks with the batch's written over them, and {@code lastImport} the store's newest import.
   * Empty when a replay of the committed store could differ without the commit saying so: the batch
   * retracts an event, or leaves the store without Kraken's running-balance check ({@link
   * Mark#LEDGER_ISSUES}), which a replay would then run over the stored rows.
   *
   * <p>Example: on a fresh store, {@code LiveBooks.ahead(config, prepared.batch(),
   * Marks.of(store).with(prepared.batch().marks()), 0)}, then {@code settle(result.committed())}.
   *
   * @throws RuntimeException what folding the batch's events throws, as a replay of the store would
   */
  public static Optional<LiveBooks> ahead(
      BookConfig config, ImportBatch batch, Marks marks, long lastImport) {
    requireNonNull(batch, "batch");
    if (!marks.has(Mark.LEDGER_ISSUES)
        || batch.events().stream().anyMatch(EventRecord::retracted)) {
      return Optional.empty();
    }
    LiveBooks ahead = new LiveBooks(requireNonNull(config, "config"));
    // The records in replay order, each parsed only as the fold reaches it: a million rows' parsed
    // events are never all alive at once.
    List<EventRecord> inOrder = new ArrayList<>(batch.events());
    inOrder.sort(EventRecord.ORDER);
    Iterable<LedgerEvent> events =
        () -> inOrder.stream().map(record -> EventText.parse(record.line())).iterator();
    String pricesBase = marks.get(Mark.PRICES_BASE).orElse("");
    List<Price> pricePoints =
        pricesBase.equals(config.base().code())
            ? StoredPrice.firstOfEachKey(batch.prices()).stream().map(StoredBooks::price).toList()
            : List.of();
    Optional<LedgerEvent> last =
        inOrder.isEmpty()
            ? Optional.empty()
            : Optional.of(EventText.parse(inOrder.get(inOrder.size() - 1).line()));
    ahead.replayInOrder(events, last, pricesBase, pricePoints, lastImport);
    ahead.aheadOfRecords = OptionalInt.of(batch.events().size());
    return Optional.of(ahead);
  }

  /**
   * Whether these books, folded {@link #ahead} of their batch, are the store's now that the batch
   * is committed as {@code committed}: it is the import right after the one they were folded on (no
   * other process wrote between), and it wrote every event of the batch as a new event. Then the
   * books are current with that import; otherwise they are not the store's, and the caller starts
   * the books from the store instead.
   */
  public boolean settle(CommittedImport committed) {
    requireNonNull(committed, "committed");
    int records = aheadOfRecords.orElseThrow(() -> new IllegalStateException("not folded ahead"));
    aheadOfRecords = OptionalInt.empty();
    CommitResult result = committed.result();
    boolean wroteFolded =
        committed.importId() == importId + 1
            && result.eventsAdded() == records
            && result.eventsRevised() == 0
            && result.eventsRetracted() == 0
            && result.eventsUnchanged() == 0;
    if (wroteFolded) {
      importId = committed.importId();
      knownImport = importId;
    }
    return wroteFolded;
  }

  /**
   * Applies what imports after {@link #importId()} wrote, or replays everything when the rule in
   * the class comment says the fold cannot simply go on.
   *
   * @return how many events were applied on top of the fold, or -1 after a full replay
   */
  public long catchUp(PortfolioStore store) {
    long newest = store.lastImportId();
    if (newest == importId) {
      return 0;
    }
    Optional<AppendedTail> appended = AppendedTail.since(store, importId, last);
    if (appended.isEmpty()) {
      replay(store);
      return -1;
    }
    List<LedgerEvent> tail = appended.get().events();
    List<StoredPrice> newPrices = appended.get().prices();
    if (!newPrices.isEmpty() && newest > knownImport) {
      addPrices(store, newPrices, newest);
    }
    // The table has every price up to newest: read with it, added now, or there were none.
    knownImport = Math.max(knownImport, newest);
    try {
      tail.forEach(books::apply);
    } catch (RuntimeException e) {
      // A fold that failed midway is not to be trusted: start again from the log.
      replay(store);
      return -1;
    }
    if (!tail.isEmpty()) {
      last = Optional.of(tail.get(tail.size() - 1));
    }
    tailEvents += tail.size();
    // Imports committed by another process while this one read are read again next time: their
    // events then sort at or before the last one folded, and the rule replays the log.
    importId = newest;
    return tail.size();
  }

  /**
   * Applies {@code committed}, a batch this process has just committed to {@code store}, without
   * reading it back, when it is exactly the tail {@link #catchUp} would read: its import is the one
   * right after {@link #importId()} (so no other import lies between: import ids only grow, and a
   * gap makes this refuse), it only appended new events and wrote no price, and its events sort
   * after the last event folded. They are then applied as {@link #catchUp} would apply them; the
   * books are the same to the last digit, since {@link EventText#parse} reads back exactly the
   * event a line was formatted from. Otherwise nothing changes and the caller catches up from the
   * store.
   *
   * @return whether the batch was applied (a fold that fails midway replays the log, and counts)
   */
  public boolean fold(PortfolioStore store, CommittedBatch committed) {
    requireNonNull(store, "store");
    requireNonNull(committed, "committed");
    if (committed.importId() != importId + 1 || !committed.onlyAppendedEvents()) {
      return false;
    }
    List<LedgerEvent> tail = new ArrayList<>(committed.events());
    tail.sort(LedgerEvent.ORDER);
    if (!tail.isEmpty()
        && last.isPresent()
        && LedgerEvent.ORDER.compare(tail.get(0), last.get()) <= 0) {
      return false;
    }
    // No price was written: the table has every price up to this import.
    knownImport = Math.max(knownImport, committed.importId());
    try {
      tail.forEach(books::apply);
    } catch (RuntimeException e) {
      // A fold that failed midway is not to be trusted: start again from the log.
      replay(store);
      return true;
    }
    if (!tail.isEmpty()) {
      last = Optional.of(tail.get(tail.size() - 1));
    }
    tailEvents += tail.size();
    importId = committed.importId();
    return true;
  }

  /**
   * Saves the fold as the store's newest checkpoint: the header, the last event folded, the count
   * and lines of the missing prices ({@code asset<TAB>instant}), then the books' own checkpoint;
   * and, in the same transaction, what the trades folded since the last saved checkpoint did to PnL
   * (every trade's, replacing what the store had, after a replay).
   */
  public void checkpoint(PortfolioStore store, Instant now) {
    StringBuilder text = new StringBuilder(HEADER).append('\n');
    text.append(last.map(EventText::format).orElse("")).append('\n');
    List<Missing> missing = requests.missing();
    text.append(missing.size()).append('\n');
    for (Missing moment : missing) {
      text.append(moment.asset().code()).append('\t').append(moment.at()).append('\n');
    }
    text.append(books.checkpoint());
    TradePnls trades = books.tradePnls();
    Map<String, String> lines = new HashMap<>();
    trades.forEach(savedTrades, (id, at, pnl) -> lines.put(id.value(), pnl.toText()));
    store.saveCheckpoint(
        new Checkpoint(importId, now, text.toString()),
        new CheckpointTrades(config.name(), replaceTrades, lines));
    savedTrades = trades.size();
    replaceTrades = false;
  }

  /**
   * What each trade of these books did to trading PnL: those folded in this process from memory,
   * the rest from what checkpoints saved in {@code store}.
   */
  public TradePnlLookup tradePnls(PortfolioStore store) {
    return new TradePnlLookup(books.tradePnls(), store, config);
  }

  /** How these books are kept: their base currency and cost-basis method. */
  public BookConfig config() {
    return config;
  }

  /** The books so far. */
  public BookState state() {
    return books.state();
  }

  /**
   * The stored prices the books were folded with: every price the store held at {@link
   * #importId()}; after a resume, those before the checkpoint's last event are read the first time
   * a moment before it is asked ({@link LivePrices}).
   */
  public PriceSource prices() {
    return prices;
  }

  /**
   * The past moments the books asked a price for and no stored price answers exactly, in the order
   * first asked: the one rule for which prices {@code tally sync} and {@code tally prices fetch}
   * fetch and {@code tally import} counts.
   */
  public List<Missing> missingPrices() {
    return requests.missing();
  }

  /** The import the fold is current with. */
  public long importId() {
    return importId;
  }

  /** Whether start-up resumed from a checkpoint (rather than replaying the log). */
  public boolean resumed() {
    return resumed;
  }

  /** When the checkpoint the books resumed from was taken; empty after a replay. */
  public Optional<Instant> resumedFrom() {
    return resumedFrom;
  }

  /** Events applied on top of the checkpoint or replay since start-up. */
  public long tailEvents() {
    return tailEvents;
  }

  private boolean resume(Checkpoint checkpoint, PortfolioStore store) {
    String state = checkpoint.state();
    int first = state.indexOf('\n');
    int second = first < 0 ? -1 : state.indexOf('\n', first + 1);
    if (second < 0 || !state.substring(0, first).equals(HEADER)) {
      return false;
    }
    String lastLine = state.substring(first + 1, second);
    try {
      int countEnd = state.indexOf('\n', second + 1);
      int count = Integer.parseInt(state.substring(second + 1, countEnd));
      List<Missing> missing = new ArrayList<>(count);
      int at = countEnd + 1;
      for (int i = 0; i < count; i++) {
        int tab = state.indexOf('\t', at);
        int end = state.indexOf('\n', tab);
        missing.add(
            new Missing(
                Asset.of(state.substring(at, tab)),
                InstantText.parse(state.substring(tab + 1, end))));
        at = end + 1;
      }
      PriceRequests resumedRequests = new PriceRequests(this::price, missing);
      Books resumedBooks = Books.resume(config, resumedRequests, state.substring(at));
      last = lastLine.isEmpty() ? Optional.empty() : Optional.of(EventText.parse(lastLine));
      requests = resumedRequests;
      books = resumedBooks;
      savedTrades = 0;
      replaceTrades = false;
    } catch (IllegalArgumentException | IndexOutOfBoundsException | DateTimeException e) {
      // Books of another base or method, or an older layout: replay instead.
      return false;
    }
    importId = checkpoint.importId();
    // The prices in force from the last event folded on: those written after the checkpoint too,
    // which only matter to the tail (catchUp replays everything if one is dated at or before the
    // last event folded). Earlier moments are read when asked.
    readPrices(store, store.lastImportId());
    return true;
  }

  private void replay(PortfolioStore store) {
    // The import id is read first: whatever is committed while reading is caught up next time.
    long newest = store.lastImportId();
    StoredBooks stored = StoredBooks.load(store);
    replay(stored.events(), stored.pricesBase(), stored.pricesIn(config.base()), newest);
  }

  /**
   * Folds {@code events} from the start, valued with {@code pricePoints} (the stored prices, in the
   * store's order, when they are in the books' base), as the store held them at import {@code
   * upTo}.
   */
  private void replay(
      List<LedgerEvent> stored, String pricesBase, List<Price> pricePoints, long upTo) {
    List<LedgerEvent> events = new ArrayList<>(stored);
    events.sort(LedgerEvent.ORDER);
    Optional<LedgerEvent> last =
        events.isEmpty() ? Optional.empty() : Optional.of(events.get(events.size() - 1));
    replayInOrder(events, last, pricesBase, pricePoints, upTo);
  }

  /**
   * {@link #replay(List, String, List, long)} of events already in {@link LedgerEvent#ORDER}, the
   * last of which is {@code lastEvent}.
   */
  private void replayInOrder(
      Iterable<LedgerEvent> events,
      Optional<LedgerEvent> lastEvent,
      String pricesBase,
      List<Price> pricePoints,
      long upTo) {
    knownBase = pricesBase;
    prices = LivePrices.of(pricePoints);
    knownImport = upTo;
    PriceRequests freshRequests = new PriceRequests(this::price);
    Books fresh = new Books(config, freshRequests);
    events.forEach(fresh::apply);
    requests = freshRequests;
    books = fresh;
    savedTrades = 0;
    replaceTrades = true;
    last = lastEvent;
    importId = upTo;
    resumed = false;
  }

  /**
   * Reads the stored prices in force from the last event folded on (none when they are in another
   * base than the books'), and the rest when first asked; {@code upTo} is the newest import, read
   * before.
   */
  private void readPrices(PortfolioStore store, long upTo) {
    String base = Marks.of(store).get(Mark.PRICES_BASE).orElse("");
    knownBase = base;
    knownImport = upTo;
    if (!base.equals(config.base().code())) {
      prices = LivePrices.of(List.of());
    } else if (last.isEmpty()) {
      prices = LivePrices.of(StoredBooks.storedPrices(store));
    } else {
      Instant from = last.get().at();
      prices =
          LivePrices.from(
              from,
              store.pricesInForce(from).stream().map(StoredBooks::price).toList(),
              () -> PriceTable.of(StoredBooks.storedPrices(store)));
    }
  }

  /**
   * Adds {@code newPrices}, every price written after {@link #importId} (read after import {@code
   * upTo} was named), to the prices: the same as reading the stored prices again, without reading
   * them. A price of one asset and time replaces an earlier one; the new prices were written after
   * every other price read (imports run one at a time), so they come last, in the order written, as
   * the store's order would put them. (Those read already, committed by another process, are added
   * again, with the same result.) When the prices' base mark moved, they are read again.
   */
  private void addPrices(PortfolioStore store, List<StoredPrice> newPrices, long upTo) {
    String base = Marks.of(store).get(Mark.PRICES_BASE).orElse("");
    if (!base.equals(knownBase) || !base.equals(config.base().code())) {
      readPrices(store, upTo);
      return;
    }
    prices = prices.with(newPrices.stream().map(StoredBooks::price).toList());
    knownImport = upTo;
  }

  private Optional<Price> price(Asset asset, Instant at) {
    return prices.price(asset, at);
  }
}
