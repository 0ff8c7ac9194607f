package io.tally.cli;

import io.tally.kraken.api.KrakenCredentials;
import io.tally.sim.KrakenSimulator;
import io.tally.sim.SimulatedAccount;
import io.tally.sim.SimulatorOptions;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tally sim [--port N] [--seed S] [--days D]}: serves Kraken's REST protocol on loopback for
 * a generated account (deposits, two bots and manual trades, staking, withdrawals), so {@code tally
 * sync} can run with no network and no real key. It accepts the key in {@code KRAKEN_API_KEY} /
 * {@code KRAKEN_API_SECRET} when both are set, else the fixed test credentials {@link #TEST_KEY} /
 * {@link #TEST_SECRET} (not a Kraken key: they open only this simulator). Runs until Ctrl-C.
 *
 * <p>Example: {@code tally sim --port 8081 --seed 7 --days 30}, then {@code
 * KRAKEN_API_KEY=tally-sim-key KRAKEN_API_SECRET=... tally sync --kraken-url
 * http://127.0.0.1:8081}.
 */
@Command(
    name = "sim",
    mixinStandardHelpOptions = true,
    description = "Serve a simulated Kraken account on loopback (for tally sync without a key).")
final class SimCommand implements Callable<Integer> {

  /** The simulator's fixed API key when the environment names none. */
  static final String TEST_KEY = "tally-sim-key";

  /** The simulator's fixed API secret when the environment names none (base64 of a fixed text). */
  static final String TEST_SECRET =
      "dGFsbHktc2ltdWxhdG9yLXRlc3Qtc2VjcmV0LW5vdC1hLWtyYWtlbi1rZXktZG8tbm90LXVzZS1pdC1hbnl3aGVyZS1lbHNlLTA=";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @ParentCommand Tally tally;

  @Option(
      names = "--port",
      paramLabel = "N",
      description = "port on 127.0.0.1, 0 for any free one (default: ${DEFAULT-VALUE})",
      defaultValue = "8081")
  int port;

  @Mixin AccountOption generated;

  @Override
  public Integer call() throws InterruptedException {
    KrakenCredentials credentials =
        KrakenCredentials.fromEnvironment(tally.env())
            .orElse(new KrakenCredentials(TEST_KEY, TEST_SECRET));
    boolean testCredentials = credentials.apiKey().equals(TEST_KEY);
    SimulatedAccount account = generated.generate(Instant.now());
    SimulatorOptions options =
        SimulatorOptions.defaults()
            .withCredentials(credentials.apiKey(), credentials.secretBase64());
    PrintWriter out = spec.commandLine().getOut();
    CountDownLatch stopped = new CountDownLatch(1);
    try (KrakenSimulator simulator = KrakenSimulator.start(account, port, options)) {
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
      out.println("Kraken simulator at " + simulator.baseUrl() + " (Ctrl-C stops it)");
      out.println(simulator.summary());
      if (testCredentials) {
        out.println("It accepts these test credentials (not a Kraken key):");
        out.println("  export KRAKEN_API_KEY=" + TEST_KEY);
        out.println("  export KRAKEN_API_SECRET=" + TEST_SECRET);
      } else {
        out.println("It accepts the key in KRAKEN_API_KEY / KRAKEN_API_SECRET.");
      }
      out.println("Then: ./tally sync --kraken-url " + simulator.baseUrl());
      out.flush();
      stopped.await();
    }
    return 0;
  }
}
