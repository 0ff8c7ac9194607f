package io.tally.bench;

import io.tally.books.BookConfig;
import io.tally.books.BookState;
import io.tally.books.Books;
import io.tally.books.CostBasisMethod;
import io.tally.books.FeeSummary;
import io.tally.engine.LiveBooks;
import io.tally.engine.Mark;
import io.tally.engine.StoredBooks;
import io.tally.engine.config.PortfolioConfig;
import io.tally.engine.config.TallyConfig;
import io.tally.engine.service.EquitySummary;
import io.tally.engine.service.PnlPeriod;
import io.tally.engine.service.PnlSummary;
import io.tally.engine.service.PortfolioService;
import io.tally.ledger.EventText;
import io.tally.ledger.LedgerEvent;
import io.tally.money.Asset;
import io.tally.money.Price;
import io.tally.store.Checkpoint;
import io.tally.store.EventRecord;
import io.tally.store.EventRevision;
import io.tally.store.ImportBatch;
import io.tally.store.PortfolioStore;
import io.tally.store.StoredPrice;
import io.tally.testing.GeneratedHistory;
import io.tally.testing.HistoryGenerator;
import io.tally.valuation.AssetValuation;
import io.tally.valuation.MarketPrices;
import io.tally.valuation.PositionValuation;
import io.tally.valuation.PriceTable;
import io.tally.valuation.Valuation;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Times the start-up of a {@link PortfolioService} over a SQLite store of a million events: books
 * resumed from the store's checkpoint plus a tail of new events, against a full replay of the log.
 *
 * <p>What it does, in a working directory:
 *
 * <ol>
 *   <li>builds the store (or reuses it with {@code --keep}): {@code --events} events of {@link
 *       HistoryGenerator} (seed {@code --seed}), committed {@code --batch} at a time, with the
 *       prices a sync would have stored for them: one per (asset, moment) the books ask a price
 *       for, at the generator's price, nothing else;
 *   <li>loads the books once with no checkpoint (a full replay, which writes the first checkpoint):
 *       the "before" number;
 *   <li>appends a tail of {@code --tail} newer events, with their prices, in one commit;
 *   <li>times {@code --warmups} + {@code --runs} start-ups in this JVM, each with a new store
 *       connection and a new service: {@link PortfolioStore#open} (Flyway only when the schema is
 *       not the newest) and {@link PortfolioService#load()} (checkpoint, tail, valuation, new
 *       checkpoint). Before each, the checkpoint the previous start-up wrote is deleted, so every
 *       start-up finds the same pre-tail checkpoint and folds the same tail;
 *   <li>checks every start-up's answers ({@code getEquity}, {@code getFeeSummary}, positions, PnL
 *       by pair and strategy, exposure) equal those of books forced to replay the whole log (a copy
 *       of the store without checkpoints), and fails if they differ or if the start-up did not
 *       resume;
 *   <li>times the parts of a start-up one by one (store open, checkpoint read and parse, prices,
 *       tail read, valuation, checkpoint write).
 * </ol>
 *
 * <p>{@code bench/run-startup.sh} runs this and then {@code --once} in fresh JVMs: one start-up
 * each, as a restart pays it (docs/BENCHMARKS.md, section 4).
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar io.tally.bench.StartupBenchmark [--dir DIR]
 * [--keep] [--events 1000000] [--tail 1000] [--batch 50000] [--seed 42] [--method WAC|FIFO] [--runs
 * 10] [--warmups 2]}; {@code ... StartupBenchmark --once DIR}.
 */
public final class StartupBenchmark {

  /** What a built store's parameters and first measurements are kept in, beside the store. */
  static final String PROPERTIES = "startup-bench.properties";

  /** The store's file name in the working directory. */
  static final String DATABASE = "startup.db";

  /** The store copy without checkpoints, replayed as the reference. */
  static final String REPLAY_COPY = "startup-replay.db";

  private StartupBenchmark() {}

  /** The benchmark's parameters. */
  record Options(
      Path dir,
      boolean tempDir,
      boolean keep,
      int events,
      int tail,
      int batch,
      long seed,
      CostBasisMethod method,
      int runs,
      int warmups) {

    static Options parse(String[] args) throws IOException {
      Map<String, String> values = new LinkedHashMap<>();
      boolean keep = false;
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        if (arg.equals("--keep")) {
          keep = true;
        } else if (arg.startsWith("--") && i + 1 < args.length) {
          values.put(arg.substring(2), args[++i]);
        } else {
          throw new IllegalArgumentException("Unknown argument " + arg);
        }
      }
      Path dir;
      boolean temp = !values.containsKey("dir");
      if (temp) {
        dir = Files.createTempDirectory("tally-startup-bench");
      } else {
        dir = Path.of(values.remove("dir"));
        Files.createDirectories(dir);
      }
      Options options =
          new Options(
              dir,
              temp,
              keep,
              Integer.parseInt(values.getOrDefault("events", "1000000")),
              Integer.parseInt(values.getOrDefault("tail", "1000")),
              Integer.parseInt(values.getOrDefault("batch", "50000")),
              Long.parseLong(values.getOrDefault("seed", "42")),
              CostBasisMethod.valueOf(
                  values.getOrDefault("method", "WAC").toUpperCase(Locale.ROOT)),
              Integer.parseInt(values.getOrDefault("runs", "10")),
              Integer.parseInt(values.getOrDefault("warmups", "2")));
      values.keySet().removeAll(List.of("events", "tail", "batch", "seed", "method", "runs"));
      values.remove("warmups");
      if (!values.isEmpty()) {
        throw new IllegalArgumentException("Unknown options " + values.keySet());
      }
      return options;
    }

    Path database() {
      return dir.resolve(DATABASE);
    }

    /** What a reusable store must have been built with. */
    String shape() {
      return events
          + " events, tail "
          + tail
          + ", batch "
          + batch
          + ", seed "
          + seed
          + ", "
          + method;
    }
  }

  /** What a service answers, compared between a start-up and the reference replay. */
  record Answers(
      EquitySummary equity,
      FeeSummary fees,
      List<PositionValuation> positions,
      PnlSummary pnl,
      List<AssetValuation> exposure) {

    static Answers of(PortfolioService service) {
      return new Answers(
          service.getEquity(),
          service.getFeeSummary(),
          service.getPositions(),
          service.getPnlSummary(PnlPeriod.ALL, Optional.of(true)),
          service.getAssetExposure());
    }

    /** A SHA-256 of the answers' text, every number with its scale. */
    String fingerprint() {
      try {
        return HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(toString().getBytes(StandardCharsets.UTF_8)));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    /** Fails loudly, naming the first answer that differs, unless {@code expected} is the same. */
    void requireEqual(Answers expected, String what) {
      String[] names = {"getEquity", "getFeeSummary", "getPositions", "getPnlSummary", "exposure"};
      Object[] mine = {equity, fees, positions, pnl, exposure};
      Object[] theirs = {
        expected.equity, expected.fees, expected.positions, expected.pnl, expected.exposure
      };
      for (int i = 0; i < names.length; i++) {
        if (!mine[i].equals(theirs[i])) {
          throw new IllegalStateException(
              what
                  + ": "
                  + names[i]
                  + "() differs from the full replay's\n  start-up: "
                  + mine[i]
                  + "\n  replay:   "
                  + theirs[i]);
        }
      }
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 2 && args[0].equals("--once")) {
      once(Path.of(args[1]));
      return;
    }
    Options options = Options.parse(args);
    try {
      run(options);
    } finally {
      if (options.tempDir() && !options.keep()) {
        deleteTree(options.dir());
      }
    }
  }

  private static void run(Options options) throws Exception {
    System.out.printf(
        "store: %s (%s)%nJVM: %s %s, max heap %,d MiB, %d CPUs%n",
        options.database(),
        options.shape(),
        System.getProperty("java.vm.name"),
        System.getProperty("java.runtime.version"),
        Runtime.getRuntime().maxMemory() >> 20,
        Runtime.getRuntime().availableProcessors());
    Properties built = reusable(options);
    if (built == null) {
      built = build(options);
    } else {
      System.out.printf(
          "reusing the store built %s (build %s s, first full replay %s s)%n",
          built.getProperty("builtAt"),
          built.getProperty("buildSeconds"),
          built.getProperty("firstReplaySeconds"));
    }
    long checkpointImport = Long.parseLong(built.getProperty("checkpointImport"));
    Clock clock = Clock.fixed(Instant.parse(built.getProperty("clock")), ZoneOffset.UTC);
    TallyConfig config = config(options.method());
    Path db = options.database();
    dropCheckpointsAfter(db, checkpointImport);
    System.out.printf(
        "database %,d bytes (%s); %,d events + tail %,d; %,d prices + %,d with the tail%n",
        databaseBytes(db),
        db,
        options.events(),
        options.tail(),
        Long.parseLong(built.getProperty("headPrices")),
        Long.parseLong(built.getProperty("tailPrices")));

    // The reference: a copy of the store without checkpoints, replayed from the whole log.
    Path copy = options.dir().resolve(REPLAY_COPY);
    copyDatabase(db, copy);
    dropCheckpointsAfter(copy, -1);
    Answers reference;
    double replaySeconds;
    try (PortfolioStore store = PortfolioStore.open(copy.toString(), Map.of())) {
      PortfolioService replayed = service(config, store, clock);
      long started = System.nanoTime();
      replayed.load();
      replaySeconds = seconds(started);
      if (replayed.resumedFromCheckpoint()) {
        throw new IllegalStateException("The copy without checkpoints resumed from one");
      }
      reference = Answers.of(replayed);
    } finally {
      deleteDatabase(copy);
    }
    System.out.printf(
        "full replay (no checkpoint) of %,d events: load() %.2f s%n",
        options.events() + options.tail(), replaySeconds);
    built.setProperty("fingerprint", reference.fingerprint());
    writeProperties(options.dir(), built);

    // Start-ups from the pre-tail checkpoint, each as a fresh store connection and service.
    List<double[]> timings = new ArrayList<>();
    for (int run = 1; run <= options.warmups() + options.runs(); run++) {
      boolean warmup = run <= options.warmups();
      dropCheckpointsAfter(db, checkpointImport);
      System.gc();
      double[] timing = startUp(db, config, clock, reference, options.tail(), "start-up " + run);
      System.out.printf(
          "%s %2d: open %6.1f ms, load %6.1f ms, start-up %6.1f ms (close %.1f ms)%n",
          warmup ? "warm-up " : "start-up",
          warmup ? run : run - options.warmups(),
          timing[0],
          timing[1],
          timing[0] + timing[1],
          timing[2]);
      if (!warmup) {
        timings.add(timing);
      }
    }
    summarize("checkpoint + " + options.tail() + "-event tail, same JVM", timings);

    // The next start-up after that: the checkpoint the last one wrote, and no tail.
    List<double[]> noTail = new ArrayList<>();
    for (int run = 1; run <= 5; run++) {
      System.gc();
      noTail.add(startUp(db, config, clock, reference, 0, "start-up without tail " + run));
    }
    summarize("checkpoint, no tail, same JVM", noTail);

    dropCheckpointsAfter(db, checkpointImport);
    breakdown(options, config, clock, checkpointImport);
    dropCheckpointsAfter(db, checkpointImport);
    System.out.println("every start-up resumed and gave the full replay's answers");
  }

  /**
   * One start-up: opens the store, loads a new service, checks it resumed with {@code tail} events
   * and answers like {@code reference}, closes. Returns {open, load, close} in milliseconds.
   */
  private static double[] startUp(
      Path db, TallyConfig config, Clock clock, Answers reference, long tail, String what) {
    long started = System.nanoTime();
    PortfolioStore store = PortfolioStore.open(db.toString(), Map.of());
    long opened = System.nanoTime();
    try {
      PortfolioService service = service(config, store, clock);
      service.load();
      long loaded = System.nanoTime();
      requireResumed(service, tail, what);
      Answers.of(service).requireEqual(reference, what);
      long closing = System.nanoTime();
      store.close();
      return new double[] {
        (opened - started) / 1e6, (loaded - opened) / 1e6, (System.nanoTime() - closing) / 1e6
      };
    } finally {
      store.close();
    }
  }

  private static void requireResumed(PortfolioService service, long tail, String what) {
    if (!service.resumedFromCheckpoint()) {
      throw new IllegalStateException(what + " replayed the whole log instead of resuming");
    }
    if (service.eventsAfterCheckpoint() != tail) {
      throw new IllegalStateException(
          what
              + " applied "
              + service.eventsAfterCheckpoint()
              + " events after the checkpoint, not "
              + tail);
    }
  }

  private static void summarize(String what, List<double[]> timings) {
    double[] open = column(timings, t -> t[0]);
    double[] load = column(timings, t -> t[1]);
    double[] total = column(timings, t -> t[0] + t[1]);
    System.out.printf(
        "%s, %d runs (min / median / max ms): open %s, load %s, start-up %s%n",
        what, timings.size(), stats(open), stats(load), stats(total));
  }

  private interface Column {
    double of(double[] timing);
  }

  private static double[] column(List<double[]> timings, Column column) {
    double[] values = timings.stream().mapToDouble(column::of).toArray();
    Arrays.sort(values);
    return values;
  }

  private static String stats(double[] sorted) {
    double median =
        sorted.length % 2 == 1
            ? sorted[sorted.length / 2]
            : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    return String.format(
        Locale.ROOT, "%.1f / %.1f / %.1f", sorted[0], median, sorted[sorted.length - 1]);
  }

  // ---- building the store -------------------------------------------------------------------

  /** The properties of a store in {@code options.dir()} built with the same shape, if kept. */
  private static Properties reusable(Options options) throws IOException {
    Path file = options.dir().resolve(PROPERTIES);
    if (!options.keep() || !Files.exists(file) || !Files.exists(options.database())) {
      return null;
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    }
    if (!options.shape().equals(properties.getProperty("shape"))) {
      System.out.printf(
          "the kept store was built for %s: building again%n", properties.getProperty("shape"));
      return null;
    }
    return properties;
  }

  /**
   * The store of a million events this benchmark keeps in {@code dir} ({@code --keep}, default
   * shape), built first when it is missing or of another shape: what other benchmarks of a large
   * store ({@code AsOfBenchmark}) read, so there is one generator of it. Returns its file.
   */
  static Path keptStore(Path dir) throws IOException, SQLException {
    Options options = Options.parse(new String[] {"--dir", dir.toString(), "--keep"});
    if (reusable(options) == null) {
      build(options);
    }
    return options.database();
  }

  private static Properties build(Options options) throws IOException, SQLException {
    Path db = options.database();
    deleteDatabase(db);
    long started = System.nanoTime();
    GeneratedHistory history =
        HistoryGenerator.generate(options.seed(), options.events() + options.tail());
    List<LedgerEvent> all = history.events();
    Instant headEnd = all.get(options.events() - 1).at();
    Instant tailEnd = all.get(all.size() - 1).at();
    Clock clock = Clock.fixed(tailEnd.plusSeconds(60), ZoneOffset.UTC);
    List<StoredPrice> prices = pricesAsked(history, options.method());
    List<StoredPrice> headPrices = new ArrayList<>();
    List<StoredPrice> tailPrices = new ArrayList<>();
    for (StoredPrice price : prices) {
      (price.at().isAfter(headEnd) ? tailPrices : headPrices).add(price);
    }
    System.out.printf(
        "generated %,d + %,d events and the %,d prices they ask for (%,d for the tail) in %.1f s%n",
        options.events(), options.tail(), prices.size(), tailPrices.size(), seconds(started));

    long committing = System.nanoTime();
    try (PortfolioStore store = PortfolioStore.open(db.toString(), Map.of())) {
      int priceIndex = 0;
      for (int from = 0; from < options.events(); from += options.batch()) {
        int to = Math.min(options.events(), from + options.batch());
        Instant batchEnd = all.get(to - 1).at();
        List<StoredPrice> batchPrices = new ArrayList<>();
        while (priceIndex < headPrices.size()
            && !headPrices.get(priceIndex).at().isAfter(batchEnd)) {
          batchPrices.add(headPrices.get(priceIndex++));
        }
        store.commit(
            new ImportBatch(
                List.of(),
                records(all.subList(from, to)),
                batchPrices,
                Map.of(Mark.PRICES_BASE.key(), "USD"),
                "bench events " + (from + 1) + ".." + to));
        System.out.printf(
            "  committed events %,d..%,d and %,d prices (%.0f s)%n",
            from + 1, to, batchPrices.size(), seconds(committing));
      }
      if (priceIndex != headPrices.size()) {
        throw new IllegalStateException("Prices left after the last batch");
      }
    }
    double buildSeconds = seconds(started);
    System.out.printf(
        "built the store of %,d events in %.1f s (%.1f s of commits); %,d bytes%n",
        options.events(), buildSeconds, seconds(committing), databaseBytes(db));

    // The first load finds no checkpoint: a full replay, which writes one.
    TallyConfig config = config(options.method());
    long checkpointImport;
    double replaySeconds;
    long checkpointBytes;
    try (PortfolioStore store = PortfolioStore.open(db.toString(), Map.of())) {
      checkpointImport = store.lastImportId();
      PortfolioService service = service(config, store, clock);
      long loading = System.nanoTime();
      service.load();
      replaySeconds = seconds(loading);
      if (service.resumedFromCheckpoint()) {
        throw new IllegalStateException("A store never loaded resumed from a checkpoint");
      }
      Checkpoint checkpoint = store.latestCheckpoint().orElseThrow();
      if (checkpoint.importId() != checkpointImport) {
        throw new IllegalStateException("The replay checkpointed import " + checkpoint.importId());
      }
      checkpointBytes = checkpoint.state().getBytes(StandardCharsets.UTF_8).length;
    }
    System.out.printf(
        "first load(), no checkpoint: full replay of %,d events in %.2f s; checkpoint of import"
            + " %d, %,d bytes%n",
        options.events(), replaySeconds, checkpointImport, checkpointBytes);

    // The tail: newer events and the prices a sync stored for them, in one commit.
    try (PortfolioStore store = PortfolioStore.open(db.toString(), Map.of())) {
      store.commit(
          new ImportBatch(
              List.of(),
              records(all.subList(options.events(), all.size())),
              tailPrices,
              Map.of(Mark.PRICES_BASE.key(), "USD"),
              "bench tail of " + options.tail() + " events"));
      if (store.lastImportId() != checkpointImport + 1) {
        throw new IllegalStateException("The tail is not the import after the checkpoint");
      }
    }
    Properties properties = new Properties();
    properties.setProperty("shape", options.shape());
    properties.setProperty("builtAt", Instant.now().toString());
    properties.setProperty("buildSeconds", String.format(Locale.ROOT, "%.1f", buildSeconds));
    properties.setProperty("firstReplaySeconds", String.format(Locale.ROOT, "%.2f", replaySeconds));
    properties.setProperty("checkpointImport", Long.toString(checkpointImport));
    properties.setProperty("checkpointBytes", Long.toString(checkpointBytes));
    properties.setProperty("headPrices", Integer.toString(headPrices.size()));
    properties.setProperty("tailPrices", Integer.toString(tailPrices.size()));
    properties.setProperty("tail", Integer.toString(options.tail()));
    properties.setProperty("method", options.method().name());
    properties.setProperty("clock", clock.instant().toString());
    writeProperties(options.dir(), properties);
    return properties;
  }

  /**
   * The prices a sync would have stored for {@code history}: one per (asset, moment) the books ask
   * for while replaying it (crypto flows, crypto-to-crypto trades, fees in a third asset, ...), at
   * the generator's price for that moment. A sync fetches exactly these (PriceRequests), oldest
   * first.
   */
  private static List<StoredPrice> pricesAsked(GeneratedHistory history, CostBasisMethod method) {
    Map<String, StoredPrice> asked = new LinkedHashMap<>();
    PriceTable table = history.prices();
    Books books =
        new Books(
            bookConfig(method),
            (asset, at) -> {
              Optional<Price> price = table.price(asset, at);
              price.ifPresent(
                  p ->
                      asked.putIfAbsent(
                          asset.code() + ' ' + at,
                          new StoredPrice(
                              asset.code(),
                              at,
                              p.value().toPlainString(),
                              "kraken:ohlc:" + asset.code() + "USD:60")));
              return price;
            });
    history.events().forEach(books::apply);
    BookState state = books.state();
    if (!state.issues().isEmpty()) {
      throw new IllegalStateException(
          "The history replays with " + state.issues().size() + " issues");
    }
    List<StoredPrice> prices = new ArrayList<>(asked.values());
    prices.sort(Comparator.comparing(StoredPrice::at));
    return prices;
  }

  private static List<EventRecord> records(List<LedgerEvent> events) {
    List<EventRecord> records = new ArrayList<>(events.size());
    for (LedgerEvent event : events) {
      records.add(EventRecord.of(event.id().value(), event.at(), EventText.format(event)));
    }
    return records;
  }

  // ---- the parts of a start-up ----------------------------------------------------------------

  /**
   * Times what {@code PortfolioService.load()} does after a checkpoint, step by step and through
   * the public APIs (the steps of LiveBooks.start, catchUp and checkpoint and of the service's
   * publish), five times each; prints the medians. They add up to about a start-up, not exactly.
   */
  private static void breakdown(
      Options options, TallyConfig config, Clock clock, long checkpointImport) throws Exception {
    Path db = options.database();
    BookConfig books = bookConfig(options.method());
    Map<String, List<Double>> parts = new LinkedHashMap<>();
    for (int repeat = 0; repeat < 5; repeat++) {
      dropCheckpointsAfter(db, checkpointImport);
      System.gc();
      PortfolioStore store =
          time(parts, "PortfolioStore.open (no Flyway at the newest schema)", () -> open(db));
      try {
        Checkpoint checkpoint =
            time(parts, "latestCheckpoint() read", () -> store.latestCheckpoint().orElseThrow());
        Map<String, String> marks = time(parts, "marks() read", store::marks);
        time(
            parts,
            "(not done) every price in write order: pricesSince(0)",
            () -> store.pricesSince(0));
        String state0 = checkpoint.state();
        int lineEnd = state0.indexOf('\n', state0.indexOf('\n') + 1);
        Instant lastAt = EventText.parse(state0.substring(state0.indexOf('\n') + 1, lineEnd)).at();
        List<StoredPrice> stored =
            time(
                parts,
                "the prices in force from the last event folded: pricesInForce(at)",
                () -> store.pricesInForce(lastAt));
        List<Price> points =
            time(
                parts,
                "prices -> Price",
                () ->
                    marks.getOrDefault(Mark.PRICES_BASE.key(), "").equals("USD")
                        ? stored.stream().map(StoredBooks::price).toList()
                        : List.<Price>of());
        PriceTable table = time(parts, "PriceTable.of", () -> PriceTable.of(points));
        Books resumed =
            time(
                parts,
                "checkpoint parse (Books.resume)",
                () -> {
                  String state = checkpoint.state();
                  int first = state.indexOf('\n');
                  int second = state.indexOf('\n', first + 1);
                  if (!state.substring(0, first).equals(LiveBooks.HEADER)) {
                    throw new IllegalStateException("Not a service checkpoint");
                  }
                  EventText.parse(state.substring(first + 1, second));
                  // The missing prices: a count, then one line each (none here: every price the
                  // books ask for is stored).
                  int count = state.indexOf('\n', second + 1);
                  int skip = Integer.parseInt(state.substring(second + 1, count));
                  int at = count + 1;
                  for (int i = 0; i < skip; i++) {
                    at = state.indexOf('\n', at) + 1;
                  }
                  return Books.resume(books, table, state.substring(at));
                });
        time(parts, "lastImportId()", store::lastImportId);
        List<EventRevision> revisions =
            time(
                parts,
                "revisionsSince() read (the tail)",
                () -> store.revisionsSince(checkpointImport));
        List<StoredPrice> newPrices =
            time(
                parts,
                "pricesSince() read (the tail's prices)",
                () -> store.pricesSince(checkpointImport));
        List<LedgerEvent> tail =
            time(
                parts,
                "tail parse",
                () -> {
                  List<LedgerEvent> events = new ArrayList<>();
                  revisions.forEach(r -> events.add(EventText.parse(r.record().line())));
                  events.sort(LedgerEvent.ORDER);
                  return events;
                });
        PriceTable reloaded =
            time(
                parts,
                "(not done: resume read them) " + newPrices.size() + " new prices added",
                () -> {
                  store.marks();
                  List<Price> all = new ArrayList<>(points);
                  newPrices.forEach(price -> all.add(StoredBooks.price(price)));
                  return PriceTable.of(all);
                });
        // What a catch-up after a sync does with the prices it brought; at start-up resume's
        // read of every price already holds the tail's. The fold goes on with this table.
        Books fold = Books.resume(books, reloaded, resumed.checkpoint());
        time(
            parts,
            "tail fold (Books.apply)",
            () -> {
              tail.forEach(fold::apply);
              return null;
            });
        time(
            parts,
            "valuation (state + Valuation.of)",
            () ->
                Valuation.of(
                    fold.state(), reloaded, clock.instant(), config.portfolio().maxPriceAge()));
        String text =
            time(
                parts,
                "checkpoint write (text)",
                () ->
                    LiveBooks.HEADER
                        + "\n"
                        + EventText.format(tail.get(tail.size() - 1))
                        + "\n0\n"
                        + fold.checkpoint());
        time(
            parts,
            "checkpoint save (SQL, synchronous=FULL)",
            () -> {
              store.saveCheckpoint(new Checkpoint(store.lastImportId(), clock.instant(), text));
              return null;
            });
        if (repeat == 0) {
          System.out.printf(
              "parts of a start-up: checkpoint %,d bytes, %,d prices, tail %,d events and %,d"
                  + " prices%n",
              checkpoint.state().getBytes(StandardCharsets.UTF_8).length,
              stored.size(),
              tail.size(),
              newPrices.size());
        }
      } finally {
        time(
            parts,
            "store close",
            () -> {
              store.close();
              return null;
            });
      }
    }
    parts.forEach(
        (part, values) -> {
          double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
          System.out.printf(
              Locale.ROOT,
              "  %-62s median %8.1f ms (min %.1f)%n",
              part,
              sorted[sorted.length / 2],
              sorted[0]);
        });
  }

  private static PortfolioStore open(Path db) {
    return PortfolioStore.open(db.toString(), Map.of());
  }

  private static <T> T time(Map<String, List<Double>> parts, String part, Supplier<T> work) {
    long started = System.nanoTime();
    T result = work.get();
    parts.computeIfAbsent(part, p -> new ArrayList<>()).add((System.nanoTime() - started) / 1e6);
    return result;
  }

  // ---- one start-up in a fresh JVM ------------------------------------------------------------

  /**
   * One start-up in this (fresh) JVM, as a restart pays it: prints the time from the JVM's start to
   * the books being loaded, and its parts; checks the answers against the reference's fingerprint;
   * then deletes the checkpoint it wrote, so the next one starts from the same pre-tail checkpoint.
   */
  private static void once(Path dir) throws Exception {
    long mainStarted = System.nanoTime();
    Properties built = new Properties();
    try (Reader reader = Files.newBufferedReader(dir.resolve(PROPERTIES))) {
      built.load(reader);
    }
    Path db = dir.resolve(DATABASE);
    Clock clock = Clock.fixed(Instant.parse(built.getProperty("clock")), ZoneOffset.UTC);
    TallyConfig config = config(CostBasisMethod.valueOf(built.getProperty("method")));
    long started = System.nanoTime();
    PortfolioStore store = PortfolioStore.open(db.toString(), Map.of());
    long opened = System.nanoTime();
    try {
      PortfolioService service = service(config, store, clock);
      service.load();
      long loaded = System.nanoTime();
      long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
      double sinceMain = (loaded - mainStarted) / 1e6;
      requireResumed(service, Long.parseLong(built.getProperty("tail")), "fresh JVM start-up");
      String fingerprint = Answers.of(service).fingerprint();
      if (!fingerprint.equals(built.getProperty("fingerprint"))) {
        throw new IllegalStateException(
            "fresh JVM start-up: the answers differ from the full replay's ("
                + Answers.of(service)
                + ")");
      }
      System.out.printf(
          Locale.ROOT,
          "once jvm_to_main_ms=%.0f open_ms=%.1f load_ms=%.1f startup_ms=%.1f"
              + " process_to_books_ms=%d answers=same%n",
          uptime - sinceMain,
          (opened - started) / 1e6,
          (loaded - opened) / 1e6,
          (loaded - started) / 1e6,
          uptime);
    } finally {
      store.close();
    }
    dropCheckpointsAfter(db, Long.parseLong(built.getProperty("checkpointImport")));
  }

  // ---- helpers --------------------------------------------------------------------------------

  private static TallyConfig config(CostBasisMethod method) {
    PortfolioConfig d = PortfolioConfig.defaults();
    return TallyConfig.defaults()
        .withPortfolio(
            new PortfolioConfig(
                d.baseCurrency(),
                d.valuationPairs(),
                d.includeAssets(),
                d.excludeAssets(),
                method,
                d.trackManualTrades(),
                d.snapshotRetentionDays(),
                d.reconciliationTolerance(),
                d.externalActivityThresholdPct(),
                d.maxPriceAge(),
                d.strategyTags()));
  }

  private static BookConfig bookConfig(CostBasisMethod method) {
    return new BookConfig(Asset.USD, method, MarketPrices.KFEE_USD);
  }

  private static PortfolioService service(TallyConfig config, PortfolioStore store, Clock clock) {
    return new PortfolioService(config, store, Optional.empty(), clock, line -> {});
  }

  /**
   * Deletes the checkpoints of imports after {@code importId} (all with -1): derived data, which
   * the store itself prunes. Leaves the checkpoint a start-up resumes from.
   */
  static int dropCheckpointsAfter(Path db, long importId) throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
        PreparedStatement delete =
            connection.prepareStatement("DELETE FROM checkpoint WHERE import_id > ?")) {
      delete.setLong(1, importId);
      return delete.executeUpdate();
    }
  }

  static void copyDatabase(Path from, Path to) throws IOException {
    deleteDatabase(to);
    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    Path wal = Path.of(from + "-wal");
    if (Files.exists(wal)) {
      Files.copy(wal, Path.of(to + "-wal"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteDatabase(Path db) throws IOException {
    for (String suffix : List.of("", "-wal", "-shm")) {
      Files.deleteIfExists(Path.of(db + suffix));
    }
  }

  private static long databaseBytes(Path db) throws IOException {
    long bytes = 0;
    for (String suffix : List.of("", "-wal")) {
      Path file = Path.of(db + suffix);
      if (Files.exists(file)) {
        bytes += Files.size(file);
      }
    }
    return bytes;
  }

  private static void writeProperties(Path dir, Properties properties) throws IOException {
    try (Writer writer = Files.newBufferedWriter(dir.resolve(PROPERTIES))) {
      properties.store(writer, "StartupBenchmark: the store beside this file");
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }
}
