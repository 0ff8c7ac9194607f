package io.tally.cli;

import io.tally.engine.config.PaperAccountConfig;
import io.tally.engine.config.TallyConfig;
import io.tally.engine.paper.KrakenMarket;
import io.tally.engine.paper.PaperDesk;
import io.tally.engine.paper.PaperTerms;
import io.tally.engine.service.PortfolioService;
import io.tally.kraken.api.CallCounter;
import io.tally.kraken.api.KrakenClient;
import io.tally.money.Asset;
import io.tally.server.TallyServer;
import io.tally.sim.AccountGenerator;
import io.tally.sim.KrakenSimulator;
import io.tally.sim.MarginOptions;
import io.tally.sim.SimulatedAccount;
import io.tally.sim.SimulatorOptions;
import io.tally.store.Durability;
import io.tally.store.PortfolioStore;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tally paper [--account NAME] [--market sim|kraken] [--db PATH] [--port 8080] [--config
 * FILE] [--seed S]}: a paper account a bot can trade, in one command. It opens (or takes up) the
 * account in its own store, serves {@code POST/GET/DELETE /api/v1/paper/orders} beside the same
 * portfolio API and dashboard a live account has, and fills orders on a market: by default the
 * Kraken simulator's, started in this process with its market moving in real time (offline, no
 * keys), or with {@code --market kraken} Kraken's public Ticker and Trades at {@code
 * kraken.base_url} (paper trading on real prices; no keys either).
 *
 * <p>The account is {@code accounts.NAME} of the configuration ({@code kind: paper}); without one,
 * the defaults: 10,000 USDT, or 10,000 USD on the simulator, whose pairs are quoted in USD.
 *
 * <p>Its money is simulated, so its SQLite store commits without syncing the disk each time ({@link
 * Durability#PROCESS_CRASH}: {@code synchronous=NORMAL} in WAL mode): every order that was answered
 * survives the process crashing, and a power loss may lose the last ones.
 *
 * <p>Example: {@code ./tally paper} prints {@code Tally is serving http://127.0.0.1:8080/} first;
 * then {@code curl -X POST localhost:8080/api/v1/paper/orders -d
 * '{"pair":"XBT/USD","side":"buy","volume":"0.01","leverage":2}'}.
 */
@Command(
    name = "paper",
    mixinStandardHelpOptions = true,
    description =
        "Run a paper account: place orders over HTTP, filled on the simulator's or Kraken's"
            + " prices, with the same books and dashboard as a live account.")
final class PaperCommand implements Callable<Integer> {

  /** How often the account fetches prices, fills resting orders and writes what changed. */
  static final Duration PACE = Duration.ofSeconds(2);

  /** How often the simulated market moves on. */
  static final Duration MARKET_PACE = Duration.ofSeconds(5);

  /** Where fills get their prices. */
  enum Market {
    sim,
    kraken
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @ParentCommand Tally tally;

  @Mixin ConfigOption configuration;

  @Option(
      names = "--account",
      paramLabel = "NAME",
      description = "the paper account (accounts.NAME in the config; default: ${DEFAULT-VALUE})",
      defaultValue = PaperAccountConfig.DEFAULT_NAME)
  String account;

  @Option(
      names = "--market",
      paramLabel = "sim|kraken",
      description =
          "sim: the Kraken simulator in this process, offline; kraken: Kraken's public prices at"
              + " kraken.base_url (default: ${DEFAULT-VALUE})",
      defaultValue = "sim")
  Market market;

  @Option(
      names = "--db",
      paramLabel = "PATH|URL",
      description = "the account's own store (default: NAME.paper.db)")
  String db;

  @Option(
      names = "--port",
      paramLabel = "N",
      description = "port on 127.0.0.1, 0 for any free one (default: ${DEFAULT-VALUE})",
      defaultValue = "8080")
  int port;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "seed of the simulated market (default: ${DEFAULT-VALUE})",
      defaultValue = "42")
  long seed;

  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() throws InterruptedException {
    TallyConfig config = configuration.load();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    PaperAccountConfig settings =
        config
            .paperAccount(account)
            .orElseGet(
                () ->
                    market == Market.sim
                        ? PaperAccountConfig.defaults(account).withCurrency(Asset.USD)
                        : PaperAccountConfig.defaults(account));
    PaperTerms terms = settings.terms(config.margin());
    TallyConfig books =
        config.withPortfolio(config.portfolio().withBaseCurrency(settings.currency()));
    RunningService running = new RunningService();
    try {
      URI marketUrl;
      if (market == Market.sim) {
        SimulatedAccount simulated =
            AccountGenerator.generate(seed, 1, clock.instant(), MarginOptions.off());
        KrakenSimulator simulator =
            running.add(
                KrakenSimulator.start(
                    simulated, 0, SimulatorOptions.defaults().withoutRateLimit()));
        running.add(
            Repeating.start(
                "tally-sim-market",
                MARKET_PACE,
                () -> DemoCommand.moveOn(simulated, clock),
                e -> err.println("tally: the simulated market: " + e.getMessage())));
        marketUrl = simulator.baseUrl();
      } else {
        marketUrl = config.kraken().baseUrl();
      }
      KrakenClient client =
          KrakenClient.builder()
              .baseUrl(marketUrl)
              .tier(CallCounter.Tier.STARTER)
              .clock(clock)
              .pacePublicCalls(market == Market.kraken)
              .build();
      // Simulated money: the store commits every order without waiting for the disk
      // (Durability.PROCESS_CRASH); a live account's store never does.
      PortfolioStore store =
          running.add(
              PortfolioStore.open(
                  Optional.ofNullable(db).orElse(account + ".paper.db"),
                  tally.env(),
                  Durability.PROCESS_CRASH));
      PortfolioService service =
          new PortfolioService(books, store, Optional.empty(), clock, line -> {});
      service.load();
      PaperDesk desk =
          PaperDesk.open(
              terms,
              store,
              service,
              new KrakenMarket(client, clock),
              clock,
              line -> {
                err.println("tally: " + line);
                err.flush();
              });
      service.initialize();
      running.schedule(service, false, err);
      running.add(
          Repeating.start(
              "tally-paper-tick",
              PACE,
              desk::tick,
              e -> {
                err.println("tally: paper account " + desk.name() + ": " + e.getMessage());
                err.flush();
              }));
      TallyServer server =
          running.serve(service, Optional.of(desk), store, "127.0.0.1", port, clock);
      out.println(RunningService.banner(server, "127.0.0.1"));
      out.printf(
          "Paper account %s: equity %s %s, prices from %s. Orders: POST %sapi/v1/paper/orders%n",
          terms.name(),
          HistoryCommand.display(service.getEquity().equity()),
          settings.currency(),
          market == Market.sim ? "the simulator (seed " + seed + ")" : marketUrl,
          server.uri("127.0.0.1"));
      out.flush();
    } catch (RuntimeException e) {
      running.closeAll(err);
      throw e;
    }
    running.awaitShutdown(err);
    return 0;
  }
}
