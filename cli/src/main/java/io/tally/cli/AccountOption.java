package io.tally.cli;

import io.tally.sim.AccountGenerator;
import io.tally.sim.MarginOptions;
import io.tally.sim.SimulatedAccount;
import java.time.Instant;
import picocli.CommandLine.Option;

/**
 * The {@code --seed S --days D [--no-margin]} options of the commands that run the simulator
 * ({@code tally sim}, {@code tally demo}): which generated account, with how many days of history
 * up to now, and whether it also trades on margin (it does unless told otherwise).
 *
 * <p>Example: {@code @Mixin AccountOption generated;} then {@code generated.generate(now)}.
 */
final class AccountOption {

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "seed of the generated account (default: ${DEFAULT-VALUE})",
      defaultValue = "42")
  long seed;

  @Option(
      names = "--days",
      paramLabel = "D",
      description = "days of history up to now (default: ${DEFAULT-VALUE})",
      defaultValue = "90")
  int days;

  @Option(
      names = "--margin",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "the account also trades on margin: a bot opens 2:1 and 3:1 longs and shorts on XBT/USD"
              + " and ETH/USD (default: on; --no-margin for spot only)")
  boolean margin;

  /** The generated account, its history ending at {@code end}. */
  SimulatedAccount generate(Instant end) {
    if (days < 1) {
      throw new IllegalArgumentException("--days must be at least 1, got " + days);
    }
    return AccountGenerator.generate(
        seed, days, end, margin ? MarginOptions.on() : MarginOptions.off());
  }
}
