package io.tally.cli;

import io.tally.sim.AccountGenerator;
import io.tally.sim.SimulatedAccount;
import java.time.Instant;
import picocli.CommandLine.Option;

/**
 * The {@code --seed S --days D} options of the commands that run the simulator ({@code tally sim},
 * {@code tally demo}): which generated account, with how many days of history up to now.
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

  /** The generated account, its history ending at {@code end}. */
  SimulatedAccount generate(Instant end) {
    if (days < 1) {
      throw new IllegalArgumentException("--days must be at least 1, got " + days);
    }
    return AccountGenerator.generate(seed, days, end);
  }
}
