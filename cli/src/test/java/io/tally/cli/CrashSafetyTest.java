package io.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.engine.ingest.Ingest;
import io.tally.sim.AccountGenerator;
import io.tally.sim.Fill;
import io.tally.sim.KrakenSimulator;
import io.tally.sim.LedgerEntry;
import io.tally.sim.SimulatedAccount;
import io.tally.sim.SimulatorOptions;
import io.tally.store.EventRecord;
import io.tally.store.PortfolioStore;
import io.tally.store.SourceRow;
import io.tally.store.StoredPrice;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Crash safety, proved on real processes: {@code tally import} and {@code tally sync}, killed with
 * SIGKILL at random moments and started again, end in exactly the books of a run that was never
 * interrupted, and the start after a kill needs no manual repair.
 *
 * <p><b>The rule.</b> For every command that writes the store: kill its process at any moment, run
 * the same command again, and the store holds the books of one uninterrupted run — no event lost,
 * none duplicated, none classified differently — and that run exits 0 on whatever the killed one
 * left behind (a WAL with half a transaction, a schema half migrated, a nonce file, some of a
 * sync's transactions but not the others). The test never opens the store between the kill and the
 * run after it, so nothing but the command itself can repair it. A command that cannot keep this
 * rule has a bug; the test does not tolerate it.
 *
 * <p><b>How.</b> A {@link Scenario} is a command line and how a fresh directory is prepared for it.
 * For each scenario the test
 *
 * <ol>
 *   <li>runs the command to its end twice, each time as a child JVM in a fresh directory. The first
 *       run's store is the <em>reference</em>; the second must hold the same books, which shows
 *       that the comparison depends on nothing but the data, so a difference after a kill is the
 *       kill's doing. While a child runs, the test looks every millisecond at its progress lines
 *       (standard error) and at its store's write-ahead log ({@code tally.db-wal}), or the file a
 *       first import writes before it takes the store's name ({@code .tally.db.new-PID}). The
 *       second run's lines cut it into <em>phases</em>, such as {@code storing into …} (opening and
 *       migrating the store), {@code classifying …} or {@code writing … in one transaction}, and
 *       the changes of its log are its <em>store writes</em>;
 *   <li>runs {@value #TRIALS} seeded trials. A trial prepares a fresh directory, starts the command
 *       and kills it with {@link Process#destroyForcibly()} (SIGKILL on Linux, exit status 137).
 *       The trials take turns at three kinds of kill point, each kind stratified over its range
 *       (its {@code k}-th trial draws from the {@code k}-th of {@value #STRATA} equal parts):
 *       <ul>
 *         <li>a delay after the start, within the duration of a run (the median of every run to the
 *             end so far, so it follows the machine's load): kills across JVM start-up, reading,
 *             classifying and committing, in proportion to the time each takes;
 *         <li>a phase: after the phase's first progress line, a random part of the first three
 *             quarters of its length in the second run, scaled down by the second run's duration
 *             over the median (a slow second run's phases would otherwise outlast a quicker run's).
 *             Time alone would seldom hit a sync's transactions: they take a small part of its run,
 *             after JVM start-up and the schema migration;
 *         <li>a store write: at most {@value #WRITE_SLACK_MILLIS} ms after the child was seen
 *             writing its store for the {@code n}-th time, {@code n} stratified over the second
 *             run's writes — while a transaction is being written or just after it, where a command
 *             that splits what belongs together over two transactions loses it. These trials then
 *             start the command once more on what the kill left, and kill that run too after a
 *             delay from its start;
 *       </ul>
 *   <li>runs the command once more, to its end: it must exit 0;
 *   <li>compares the store with the reference: the visible events one for one (id, time and line),
 *       their count, the total row count and the row ids of every source, the JSON report ({@code
 *       tally report --format json}), the prices and the sync marks.
 * </ol>
 *
 * Every kill is checked: the child died of the signal (137) or had exited 0 in the instant before
 * it. More than half the kills must have landed while the command still ran, in at least three
 * different phases, or the test fails rather than prove nothing on a machine where the kills come
 * too late or all in one place. Each scenario prints its runs' durations, the second run's phases
 * and store writes, and where every kill landed.
 *
 * <p><b>What legitimately differs and is left out of the comparison.</b>
 *
 * <ul>
 *   <li>The report's {@code as_of}, the moment the report was made, and that moment where the data
 *       issues repeat it ({@code no price for DOT at <as_of>}): both are replaced by a placeholder.
 *   <li>The sync marks {@code assets.fetched} and {@code pairs.fetched}: wall-clock times at which
 *       Kraken's asset and pair lists were fetched (they only decide whether a later sync fetches
 *       them again); {@code drift.baseline}, which holds the moment of the first reconciliation;
 *       and {@code orders.holds}, the holds of open orders stamped with the moment they were read.
 *   <li>The times of Ticker prices (source {@code kraken:ticker:…}): Kraken's Ticker carries no
 *       time, so the client stamps each quote with the moment it received it, and a sync killed
 *       after storing its prices leaves one more set of the same current prices, seconds earlier.
 *       Ticker prices are compared as (asset, price, source) without time or repetition; the
 *       report, which values the holdings with them, must still be identical but for the time of
 *       those Ticker prices it shows ({@code price_at}). Historic (OHLC) prices are compared
 *       exactly.
 *   <li>The import log: every commit, the killed runs' ones too, adds an entry.
 * </ul>
 *
 * <p><b>A fixed exchange.</b> The simulator serves one seeded account to the whole class with its
 * clock standing still, so every run sees the same exchange; its rate limit is off. The account
 * ends 200 days ago: a sync prices a past moment from the finest OHLC interval whose 720 candles
 * still reach it on the client's clock, so a moment near such a reach could be priced from another
 * interval a minute later; 200 to 204 days back is daily candles at any minute of the test. It is
 * four days long because the client still keeps to the Starter budget of 15 points: this account
 * takes about that many points of private calls, so the sync never waits for its call counter. The
 * report runs with a 100-year {@code --max-price-age}, so that those prices are not stale and the
 * report does not depend on the date. The import reads a ledgers.csv and a trades.csv written from
 * another seeded account, about 13,000 and 6,600 rows, enough that kills land while it reads,
 * classifies and writes.
 *
 * <p><b>Real child JVMs.</b> A child is this JVM's java binary with this JVM's {@code
 * java.class.path} and the main class {@link Tally}. Surefire starts its fork from a manifest-only
 * booter jar, but sets {@code java.class.path} in the fork to the whole test class path (absolute
 * paths of the test and main classes and every dependency), so a child sees exactly the classes the
 * test does and Surefire needs no configuration. Children run with {@code -XX:TieredStopAtLevel=1
 * -XX:+UseSerialGC} to start fast on a small machine; crash safety does not depend on the JIT or
 * the collector. The two scenarios run side by side ({@code @Execution(CONCURRENT)}, enabled in
 * {@code junit-platform.properties}) so the class takes about as long as the import's trials alone;
 * each scenario's trials run one after another.
 *
 * <p><b>The scenarios</b> are {@code tally import}, {@code tally sync} and {@code tally snapshot}
 * (over a copy of a store an import made in {@link #exportsAndExchange()}: killed while it loads
 * the books, checkpoints them or saves the snapshot, the books must be untouched and the next run
 * must work). Another command is one more {@link Scenario} in {@link #scenarios()}: its name, how
 * its directory is prepared, and its command line.
 *
 * <p><b>Reproducing a failure.</b> Messages name the scenario, the trial, the seed, the duration
 * and each kill point, and the trial's directory, which is kept when the test fails, with each
 * child's output ({@code run-N.out}, {@code run-N.err}) beside the store. {@code
 * -Dtally.crash.seed=N} runs other kill points.
 */
class CrashSafetyTest {

  /** The seed of the kill points and of both generated accounts. */
  static final long SEED = Long.getLong("tally.crash.seed", 20_261_123L);

  /** Kill trials per scenario. */
  static final int TRIALS = 12;

  /**
   * The kinds of kill point, taking turns: after a delay from the start, into a phase, and after a
   * store write (whose trials then kill a second run, after a delay from its start).
   */
  static final int KINDS = 3;

  /** The trials of each kind, each drawing its kill point from its own stratum. */
  static final int STRATA = TRIALS / KINDS;

  /** The days of history in the import's CSV files: ~13,000 ledger and ~6,600 trades rows. */
  static final int IMPORT_DAYS = 470;

  /** The days of history the simulator serves: within the Starter call budget. */
  static final int SYNC_DAYS = 4;

  /** How long any child may run before the test gives up on it. */
  static final Duration CHILD_TIMEOUT = Duration.ofSeconds(60);

  /** SIGKILL's exit status: 128 + 9. */
  static final int KILLED = 137;

  /** How often a running child's progress output is read, in ms. */
  static final long POLL_MILLIS = 1;

  /** How soon after the store write it aims at a kill comes, at most, in ms. */
  static final long WRITE_SLACK_MILLIS = 20;

  /** The phase before the first progress line: JVM start-up and argument parsing. */
  static final String START_UP = "start-up";

  /** Sync marks that hold the wall-clock time of a fetch, not a place in the history. */
  static final Set<String> CLOCK_MARKS =
      Set.of("assets.fetched", "pairs.fetched", "drift.baseline", "orders.holds");

  /** Prices stamped with the moment the client received them. */
  static final String TICKER_SOURCE = "kraken:ticker:";

  /** The row sources the commands write ({@code kraken.pairs} is KrakenSync's own). */
  static final List<String> SOURCES =
      List.of(Ingest.LEDGERS, Ingest.TRADES, Ingest.ORDERS, Ingest.ASSETS, "kraken.pairs");

  @TempDir static Path shared;

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path work;

  private static KrakenSimulator simulator;
  private static Path ledgersCsv;
  private static Path tradesCsv;
  private static Path importedStore;

  /**
   * A command that must survive SIGKILL: its name, how a fresh directory is prepared for it, and
   * its command line given the store's path (a SQLite file in that directory).
   */
  record Scenario(String name, Preparation prepare, Function<String, List<String>> command) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** Puts what a scenario starts from into a fresh directory. */
  @FunctionalInterface
  interface Preparation {
    void into(Path directory) throws IOException;
  }

  /** The commands under test. */
  static Stream<Scenario> scenarios() {
    return Stream.of(
        new Scenario(
            "import",
            directory -> {},
            db -> List.of("import", "--db", db, ledgersCsv.toString(), tradesCsv.toString())),
        new Scenario(
            "sync",
            directory -> {},
            db -> List.of("sync", "--db", db, "--kraken-url", simulator.baseUrl().toString())),
        new Scenario(
            "snapshot",
            directory -> Files.copy(importedStore, directory.resolve("tally.db")),
            db -> List.of("snapshot", "--db", db)));
  }

  @BeforeAll
  static void exportsAndExchange() throws IOException {
    SimulatedAccount exported =
        AccountGenerator.generate(SEED, IMPORT_DAYS, Instant.parse("2025-01-01T00:00:00Z"));
    ledgersCsv = shared.resolve("ledgers.csv");
    tradesCsv = shared.resolve("trades.csv");
    writeLedgers(exported.ledger(), ledgersCsv);
    writeTrades(exported.trades(), tradesCsv);
    // What a snapshot starts from: the import's books, in a store closed cleanly (no WAL left).
    importedStore = shared.resolve("imported.db");
    TallyRun imported =
        TallyRun.of(
            "import",
            "--db",
            importedStore.toString(),
            ledgersCsv.toString(),
            tradesCsv.toString());
    assertThat(imported.status()).as(imported.err()).isZero();
    assertThat(Files.exists(shared.resolve("imported.db-wal"))).as("no WAL left").isFalse();

    Instant end = Instant.now().minus(Duration.ofDays(200)).truncatedTo(ChronoUnit.DAYS);
    simulator =
        KrakenSimulator.start(
            AccountGenerator.generate(SEED, SYNC_DAYS, end),
            0,
            SimulatorOptions.defaults()
                .withCredentials(SimCommand.TEST_KEY, SimCommand.TEST_SECRET)
                .withoutRateLimit());
  }

  @AfterAll
  static void stopSimulator() {
    if (simulator != null) {
      simulator.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  @Execution(ExecutionMode.CONCURRENT)
  void killedAtAnyMomentAndRunAgainTheBooksAreThoseOfAnUninterruptedRun(Scenario scenario)
      throws Exception {
    Path referenceDirectory = fresh(scenario, "reference");
    List<Long> durations = new ArrayList<>();
    durations.add(runToTheEnd(scenario, referenceDirectory, "the uninterrupted run").end());
    Books expected = Books.of(referenceDirectory);
    assertThat(expected.eventCount()).as("%s: events of the reference", scenario).isPositive();
    assertThat(expected.rowCount()).as("%s: rows of the reference", scenario).isPositive();

    Path againDirectory = fresh(scenario, "reference-again");
    Timeline timeline = runToTheEnd(scenario, againDirectory, "the second uninterrupted run");
    durations.add(timeline.end());
    expected.assertSameAs(
        Books.of(againDirectory, Optional.of(expected.rowIds())),
        scenario + ": a second uninterrupted run in " + againDirectory);
    List<Phase> phases = timeline.phases();
    assertThat(timeline.writes()).as("%s: store writes seen", scenario).isNotEmpty();

    Random random = new Random(SEED ^ scenario.name().hashCode());
    List<Kill> kills = new ArrayList<>();
    List<String> log = new ArrayList<>();
    Supplier<String> summary =
        () ->
            String.format(
                Locale.ROOT,
                "%s (seed %d): runs to the end took %s ms; the second run's phases (start+length"
                    + " ms): %s; its store writes seen at %s ms%n"
                    + "%d of %d kills landed before the run finished, in %s:%n  %s",
                scenario,
                SEED,
                durations,
                phases,
                timeline.writes(),
                landed(kills).size(),
                kills.size(),
                landed(kills).stream()
                    .collect(
                        Collectors.groupingBy(Kill::phase, TreeMap::new, Collectors.counting())),
                String.join("\n  ", log));
    try {
      for (int trial = 0; trial < TRIALS; trial++) {
        long duration = median(durations);
        // The second run's phase lengths, scaled to a typical run: on a loaded machine the runs to
        // the end differ up to twice, and a kill drawn from a slow run's phase would often come
        // after a quicker run's phase has ended. Kills aim at its first three quarters.
        double scale = 0.75 * Math.min(1.0, (double) duration / timeline.end());
        ToLongFunction<Phase> typical = phase -> (long) (phase.length() * scale);
        int stratum = trial / KINDS;
        double within = (stratum + random.nextDouble()) / STRATA;
        List<KillPoint> points = new ArrayList<>();
        switch (trial % KINDS) {
          case 0 -> points.add(KillPoint.afterStart((long) (within * duration)));
          case 1 -> {
            Phase phase = phases.get((int) (within * phases.size()));
            points.add(
                KillPoint.into(phase, (long) (random.nextDouble() * typical.applyAsLong(phase))));
          }
          default -> {
            int write = (int) (within * timeline.writes().size());
            long slack = Math.min(timeline.gap(write), WRITE_SLACK_MILLIS);
            points.add(KillPoint.afterWrite(write + 1, (long) (random.nextDouble() * slack)));
            points.add(KillPoint.afterStart((long) (random.nextDouble() * duration)));
          }
        }
        String what =
            String.format(
                Locale.ROOT,
                "%s trial %d (seed %d, a run takes %d ms, killed %s)",
                scenario,
                trial,
                SEED,
                duration,
                points);
        Path directory = fresh(scenario, "trial-" + trial);

        int run = 0;
        for (KillPoint point : points) {
          run++;
          Kill kill = Child.start(scenario, directory, run).kill(point);
          kills.add(kill);
          log.add(
              String.format(
                  Locale.ROOT,
                  "trial %d run %d, %s: %s",
                  trial,
                  run,
                  point,
                  kill.status() == KILLED
                      ? "killed in " + kill.phase() + " after " + kill.writes() + " store writes"
                      : "exited " + kill.status() + " before"));
          assertThat(kill.status())
              .as(
                  "%s, run %d: killed, it ended with %d, but it must die of SIGKILL (%d) or have"
                      + " finished (0) just before:%n%s",
                  what, run, kill.status(), KILLED, kill.err())
              .isIn(KILLED, 0);
        }

        run++;
        Child last = Child.start(scenario, directory, run);
        Timeline finished = last.follow();
        durations.add(finished.end());
        assertThat(finished.status())
            .as(
                "%s: the run after the kill must need no repair, but it exited %d:%n%s%nin %s",
                what, finished.status(), last.err(), directory)
            .isZero();
        expected.assertSameAs(
            Books.of(directory, Optional.of(expected.rowIds())), what + " in " + directory);
        deleteTree(directory);
      }
    } finally {
      System.err.println(summary.get());
    }
    assertThat(landed(kills).size())
        .as("kills that landed while it ran: %s", summary.get())
        .isGreaterThan(kills.size() / 2);
    // Kills must land in at least three phases, or in every phase where the store is still
    // written: a last phase that only prints and exits (snapshot's "snapshot saved") has nothing
    // left to interrupt, and lasts a few ms, so landing there is luck, not coverage.
    long phasesThatWrite =
        phases.stream()
            .filter(
                phase ->
                    phase.afterLines() == 0
                        || timeline.writes().stream()
                            .anyMatch(
                                at -> at >= phase.start() && at < phase.start() + phase.length()))
            .count();
    assertThat(landed(kills).stream().map(Kill::phase).distinct())
        .as("phases the kills landed in: %s", summary.get())
        .hasSizeGreaterThanOrEqualTo((int) Math.min(3, phasesThatWrite));
  }

  private static List<Kill> landed(List<Kill> kills) {
    return kills.stream().filter(kill -> kill.status() == KILLED).toList();
  }

  /** Runs the scenario's command in {@code directory} to its end, following its progress. */
  private static Timeline runToTheEnd(Scenario scenario, Path directory, String what)
      throws IOException, InterruptedException {
    Child child = Child.start(scenario, directory, 1);
    Timeline timeline = child.follow();
    assertThat(timeline.status()).as("%s: %s failed:%n%s", scenario, what, child.err()).isZero();
    return timeline;
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  private Path fresh(Scenario scenario, String name) throws IOException {
    Path directory = work.resolve(scenario.name()).resolve(name);
    Files.createDirectories(directory);
    scenario.prepare().into(directory);
    return directory;
  }

  private static void deleteTree(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  // ---- children -------------------------------------------------------------------------------

  /**
   * A {@code tally} child JVM running a scenario's command in its directory, and what the test has
   * seen it do: the progress lines it printed and the writes to its store, each with when it was
   * seen (ms after the start). A store write is a change of the store's write-ahead log, or of the
   * file a first import writes before it takes the store's name ({@code .tally.db.new-PID}, without
   * a log). The test sees them by looking every {@value #POLL_MILLIS} ms, so two writes in between
   * count as one.
   */
  private static final class Child {

    private final Process process;
    private final Path errors;
    private final Path directory;
    private final long startedNanos;
    private final List<String> lines = new ArrayList<>();
    private final List<Long> lineTimes = new ArrayList<>();
    private final List<Long> writeTimes = new ArrayList<>();
    private long errSize;

    /** Each written file as last seen: the log, and a new store's file. */
    private final Map<Path, Seen> written = new HashMap<>();

    /** A file's size and modification time, as seen at one look. */
    private record Seen(long size, FileTime modified) {}

    private Child(Process process, Path errors, Path directory, long startedNanos) {
      this.process = process;
      this.errors = errors;
      this.directory = directory;
      this.startedNanos = startedNanos;
    }

    static Child start(Scenario scenario, Path directory, int run) throws IOException {
      List<String> command = new ArrayList<>();
      command.add(ProcessHandle.current().info().command().orElseThrow());
      command.add("-XX:TieredStopAtLevel=1");
      command.add("-XX:+UseSerialGC");
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(Tally.class.getName());
      Path db = directory.resolve("tally.db");
      command.addAll(scenario.command().apply(db.toString()));
      Path errors = directory.resolve("run-" + run + ".err");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectOutput(directory.resolve("run-" + run + ".out").toFile())
              .redirectError(errors.toFile());
      builder.environment().put("KRAKEN_API_KEY", SimCommand.TEST_KEY);
      builder.environment().put("KRAKEN_API_SECRET", SimCommand.TEST_SECRET);
      long started = System.nanoTime();
      return new Child(builder.start(), errors, directory, started);
    }

    /** Waits for the child to end by itself, following what it does. */
    Timeline follow() throws InterruptedException {
      try {
        while (true) {
          boolean alive = process.isAlive();
          long now = look();
          if (!alive) {
            return new Timeline(process.exitValue(), lines, lineTimes, writeTimes, now);
          }
          if (now > CHILD_TIMEOUT.toMillis()) {
            throw new AssertionError("still running after " + CHILD_TIMEOUT + ":\n" + err());
          }
          Thread.sleep(POLL_MILLIS);
        }
      } finally {
        process.destroyForcibly();
      }
    }

    /** Kills the child at {@code point}, unless it ended before. */
    Kill kill(KillPoint point) throws InterruptedException {
      try {
        look();
        while ((lines.size() < point.afterLines() || writeTimes.size() < point.afterWrites())
            && process.isAlive()) {
          Thread.sleep(POLL_MILLIS);
          look();
        }
        long deadline = look() + point.millis();
        for (long now = look(); now < deadline; now = look()) {
          Thread.sleep(Math.min(POLL_MILLIS, deadline - now));
        }
        String phase = lines.isEmpty() ? START_UP : phaseOf(lines.get(lines.size() - 1));
        int writes = writeTimes.size();
        process.destroyForcibly();
        if (!process.waitFor(CHILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new AssertionError("still alive " + CHILD_TIMEOUT + " after SIGKILL");
        }
        return new Kill(process.exitValue(), phase, writes, err());
      } finally {
        process.destroyForcibly();
      }
    }

    /** Notes new progress lines and a changed write-ahead log; returns the ms since the start. */
    private long look() {
      long now = (System.nanoTime() - startedNanos) / 1_000_000;
      long errSize = errors.toFile().length();
      if (errSize != this.errSize) {
        this.errSize = errSize;
        List<String> printed = err().lines().filter(line -> !line.isBlank()).toList();
        for (int i = lines.size(); i < printed.size(); i++) {
          lines.add(printed.get(i));
          lineTimes.add(now);
        }
      }
      List<Path> files = new ArrayList<>();
      files.add(directory.resolve("tally.db-wal"));
      try (DirectoryStream<Path> made = Files.newDirectoryStream(directory, ".tally.db.new-*")) {
        made.forEach(files::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      boolean wrote = false;
      for (Path file : files) {
        try {
          BasicFileAttributes seen = Files.readAttributes(file, BasicFileAttributes.class);
          Seen state = new Seen(seen.size(), seen.lastModifiedTime());
          wrote |= state.size() > 0 && !state.equals(written.put(file, state));
        } catch (IOException e) {
          // Not there (yet, or any more: closing the store checkpoints and deletes its log, and a
          // new store's file loses its own name once it has the store's).
          written.remove(file);
        }
      }
      if (wrote) {
        writeTimes.add(now);
      }
      return now;
    }

    String err() {
      try {
        return Files.readString(errors, StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "(could not read " + errors + ": " + e + ")";
      }
    }
  }

  /** The phase a progress line starts: the line without its clock, numbers, paths and bars. */
  static String phaseOf(String line) {
    return line.strip()
        .replaceFirst("^[0-9.]+ s\\s+", "")
        .replaceAll("\\[[#-]*\\]", "")
        .replaceAll("\\S*/\\S*", "…")
        .replaceAll("[0-9][0-9,.]*", "N")
        .replaceAll("\\s+", " ");
  }

  /** How a killed child ended, where it was, how many store writes it had made, and its output. */
  private record Kill(int status, String phase, int writes, String err) {}

  /**
   * A run that ended by itself: its exit status, its progress lines and when each appeared, when
   * its store writes were seen (ms after the start) and when it ended.
   */
  private record Timeline(
      int status, List<String> lines, List<Long> lineTimes, List<Long> writes, long end) {

    Timeline {
      lines = List.copyOf(lines);
      lineTimes = List.copyOf(lineTimes);
      writes = List.copyOf(writes);
    }

    /**
     * The run cut into phases: start-up until the first line, then a phase from each line that
     * starts a new one (repeated page lines stay in one) until the next.
     */
    List<Phase> phases() {
      List<Phase> phases = new ArrayList<>();
      String current = START_UP;
      int firstLine = 0;
      long start = 0;
      for (int i = 0; i < lines.size(); i++) {
        String phase = phaseOf(lines.get(i));
        if (!phase.equals(current)) {
          phases.add(new Phase(current, firstLine, start, lineTimes.get(i) - start));
          current = phase;
          firstLine = i + 1;
          start = lineTimes.get(i);
        }
      }
      phases.add(new Phase(current, firstLine, start, end - start));
      return phases;
    }

    /** The ms from store write {@code index} (from 0) to the next one, or to the end. */
    long gap(int index) {
      return (index + 1 < writes.size() ? writes.get(index + 1) : end) - writes.get(index);
    }
  }

  /**
   * A phase of a run: its name, how many progress lines a run has printed when it begins, and when
   * it began and how long it lasted, in ms.
   */
  private record Phase(String name, int afterLines, long start, long length) {
    @Override
    public String toString() {
      return name + " " + start + "+" + length;
    }
  }

  /**
   * When to kill a child: {@code millis} after it printed its first {@code afterLines} progress
   * lines and was seen writing its store {@code afterWrites} times (both 0: after its start).
   */
  private record KillPoint(int afterLines, int afterWrites, long millis, String phase) {

    static KillPoint afterStart(long millis) {
      return new KillPoint(0, 0, millis, START_UP);
    }

    static KillPoint into(Phase phase, long millis) {
      return new KillPoint(phase.afterLines(), 0, millis, phase.name());
    }

    static KillPoint afterWrite(int write, long millis) {
      return new KillPoint(0, write, millis, "");
    }

    @Override
    public String toString() {
      if (afterWrites > 0) {
        return millis + " ms after store write " + afterWrites;
      }
      return afterLines == 0
          ? millis + " ms after the start"
          : millis + " ms after progress line " + afterLines + " (" + phase + ")";
    }
  }

  // ---- books ----------------------------------------------------------------------------------

  /** What a store holds that must not depend on whether its writer was ever killed. */
  private record Books(
      JsonNode report,
      long eventCount,
      List<EventRecord> events,
      long rowCount,
      Map<String, Set<String>> rowIds,
      List<StoredPrice> historicPrices,
      Set<List<String>> tickerPrices,
      Map<String, String> marks) {

    /** The books of the store in {@code directory}, with every row id of {@link #SOURCES}. */
    static Books of(Path directory) {
      return of(directory, Optional.empty());
    }

    /**
     * The books of the store in {@code directory}; with {@code expectedRowIds}, only which of those
     * ids are stored (one query per source instead of reading every row; an extra row shows in the
     * row count).
     */
    static Books of(Path directory, Optional<Map<String, Set<String>>> expectedRowIds) {
      String db = directory.resolve("tally.db").toString();
      TallyRun run = TallyRun.of("report", "--db", db, "--format=json", "--max-price-age=P36500D");
      assertThat(run.status()).as("report on %s: %s", db, run.err()).isZero();
      JsonMapper json = JsonMapper.builder().build();
      String asOf = json.readTree(run.out()).get("as_of").asString();
      JsonNode report = json.readTree(run.out().replace(asOf, "<as_of>"));
      for (JsonNode holding : report.get("holdings")) {
        if (holding.get("source_pair").asString("").startsWith(TICKER_SOURCE)) {
          ((tools.jackson.databind.node.ObjectNode) holding).put("price_at", "<ticker time>");
        }
      }
      try (PortfolioStore store = PortfolioStore.open(db, Map.of())) {
        Map<String, Set<String>> rowIds = new TreeMap<>();
        for (String source : SOURCES) {
          rowIds.put(
              source,
              new TreeSet<>(
                  expectedRowIds.isEmpty()
                      ? store.rows(source).stream().map(SourceRow::rowId).toList()
                      : store.knownRowIds(source, expectedRowIds.get().get(source))));
        }
        List<StoredPrice> prices = store.prices();
        Map<String, String> marks = new TreeMap<>(store.marks());
        marks.keySet().removeAll(CLOCK_MARKS);
        return new Books(
            report,
            store.eventCount(),
            store.events(),
            store.rowCount(),
            rowIds,
            prices.stream()
                .filter(p -> !p.source().startsWith(TICKER_SOURCE))
                .sorted(Comparator.comparing(StoredPrice::toString))
                .toList(),
            prices.stream()
                .filter(p -> p.source().startsWith(TICKER_SOURCE))
                .map(p -> List.of(p.asset(), p.price(), p.source()))
                .collect(Collectors.toCollection(LinkedHashSet::new)),
            marks);
      }
    }

    void assertSameAs(Books actual, String what) {
      assertThat(actual.eventCount())
          .as("%s: events in the store (lost or duplicated ones)", what)
          .isEqualTo(eventCount);
      assertThat(actual.events())
          .as(() -> what + ": the events; " + difference(events, actual.events()))
          .isEqualTo(events);
      assertThat(actual.rowCount()).as("%s: rows in the store", what).isEqualTo(rowCount);
      assertThat(actual.rowIds()).as("%s: the row ids of each source", what).isEqualTo(rowIds);
      assertThat(actual.report())
          .as(() -> what + ": the report differs at " + differences(report, actual.report(), "$"))
          .isEqualTo(report);
      assertThat(actual.historicPrices())
          .as(
              () ->
                  what
                      + ": the historic prices; "
                      + difference(historicPrices, actual.historicPrices()))
          .isEqualTo(historicPrices);
      assertThat(actual.tickerPrices())
          .as("%s: the ticker prices (without their time)", what)
          .isEqualTo(tickerPrices);
      assertThat(actual.marks()).as("%s: the sync marks", what).isEqualTo(marks);
    }

    /** What {@code actual} lacks and what it has in excess, a few of each. */
    private static <T> String difference(List<T> expected, List<T> actual) {
      Map<T, Integer> count = new HashMap<>();
      expected.forEach(item -> count.merge(item, 1, Integer::sum));
      actual.forEach(item -> count.merge(item, -1, Integer::sum));
      List<T> missing = new ArrayList<>();
      List<T> extra = new ArrayList<>();
      count.forEach(
          (item, n) -> {
            for (int i = 0; i < Math.abs(n); i++) {
              (n > 0 ? missing : extra).add(item);
            }
          });
      return String.format(
          Locale.ROOT,
          "%d missing, such as %s; %d in excess, such as %s",
          missing.size(),
          missing.subList(0, Math.min(5, missing.size())),
          extra.size(),
          extra.subList(0, Math.min(5, extra.size())));
    }

    /** The JSON paths where {@code actual} differs from {@code expected}, the first few. */
    private static List<String> differences(JsonNode expected, JsonNode actual, String path) {
      List<String> found = new ArrayList<>();
      if (expected.isObject() && actual.isObject()) {
        Set<String> names = new TreeSet<>(expected.propertyNames());
        names.addAll(actual.propertyNames());
        for (String name : names) {
          JsonNode left = expected.get(name);
          JsonNode right = actual.get(name);
          if (left == null || right == null) {
            found.add(path + "." + name + ": " + left + " vs " + right);
          } else {
            found.addAll(differences(left, right, path + "." + name));
          }
        }
      } else if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
        for (int i = 0; i < expected.size(); i++) {
          found.addAll(differences(expected.get(i), actual.get(i), path + "[" + i + "]"));
        }
      } else if (!expected.equals(actual)) {
        found.add(path + ": " + abbreviated(expected) + " vs " + abbreviated(actual));
      }
      return found.subList(0, Math.min(10, found.size()));
    }

    private static String abbreviated(JsonNode node) {
      String text = node.toString();
      return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
  }

  // ---- exports --------------------------------------------------------------------------------

  private static final DateTimeFormatter CSV_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT);

  private static String csvTime(Instant time) {
    return CSV_TIME.format(LocalDateTime.ofInstant(time, ZoneOffset.UTC));
  }

  private static String quoted(String text) {
    return '"' + text + '"';
  }

  /** Writes the ledger as Kraken's ledgers.csv with its 2022 header (subtype, no wallet). */
  static void writeLedgers(List<LedgerEntry> ledger, Path file) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(
          "\"txid\",\"refid\",\"time\",\"type\",\"subtype\",\"aclass\",\"asset\",\"amount\","
              + "\"fee\",\"balance\"\n");
      for (LedgerEntry row : ledger) {
        out.write(
            String.join(
                ",",
                quoted(row.id()),
                quoted(row.refid()),
                quoted(csvTime(row.time())),
                quoted(row.type()),
                quoted(row.subtype()),
                quoted(row.aclass()),
                quoted(row.asset()),
                row.amount().toPlainString(),
                row.fee().toPlainString(),
                row.balance().toPlainString()));
        out.write('\n');
      }
    }
  }

  /** Writes the fills as Kraken's trades.csv with its 13-column header. */
  static void writeTrades(List<Fill> trades, Path file) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(
          "\"txid\",\"ordertxid\",\"pair\",\"time\",\"type\",\"ordertype\",\"price\",\"cost\","
              + "\"fee\",\"vol\",\"margin\",\"misc\",\"ledgers\"\n");
      for (Fill fill : trades) {
        out.write(
            String.join(
                ",",
                quoted(fill.txid()),
                quoted(fill.orderTxid()),
                quoted(fill.pair()),
                quoted(csvTime(fill.time())),
                quoted(fill.side().wire()),
                quoted(fill.orderType().wire()),
                fill.price().toPlainString(),
                fill.cost().toPlainString(),
                fill.fee().toPlainString(),
                fill.vol().toPlainString(),
                "0.00000",
                quoted(""),
                quoted(String.join(",", fill.ledgerIds()))));
        out.write('\n');
      }
    }
  }
}
