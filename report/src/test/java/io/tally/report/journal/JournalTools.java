package io.tally.report.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's beancount and ledger, run on a journal file: {@code bean-check}, {@code bean-query} and
 * {@code ledger bal}. A test that needs a tool calls {@link #assumeOnPath} first, so without the
 * tool it reports itself skipped and says which package to install (CI installs both).
 *
 * <p>Example: {@code JournalTools.beanCheck(file)} returns what {@code bean-check file} printed.
 */
final class JournalTools {

  private static final long TIMEOUT_SECONDS = 120;

  private JournalTools() {}

  /** What a tool printed and how it exited. */
  record Run(int exit, String out, String err) {}

  /** Skips the test, saying why, unless {@code tool} is an executable on the PATH. */
  static void assumeOnPath(String tool, String debianPackage) {
    Assumptions.assumeTrue(
        onPath(tool), tool + " not on PATH: install Debian's " + debianPackage + " to run this");
  }

  static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  /** Runs {@code command}, failing the test when it does not end within the timeout. */
  static Run run(Path workDir, String... command) {
    try {
      Path out = Files.createTempFile(workDir, "out", ".txt");
      Path err = Files.createTempFile(workDir, "err", ".txt");
      Process process =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " ran over " + TIMEOUT_SECONDS + " s");
      }
      return new Run(
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted running " + String.join(" ", command), e);
    }
  }

  /** Writes {@code text} to {@code name} in {@code dir}. */
  static Path file(Path dir, String name, String text) {
    try {
      return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asserts that {@code bean-check} accepts the file: exit 0, nothing printed. */
  static void assertBeanCheckAccepts(Path journal) {
    Run run = run(journal.getParent(), "bean-check", journal.toString());
    assertThat(run.out() + run.err()).as("bean-check %s", journal).isEmpty();
    assertThat(run.exit()).as("bean-check's exit code").isZero();
  }

  /** One row of {@link #beanBalances}: an account's units of one currency and their cost. */
  record Balance(String account, String currency, BigDecimal units, BigDecimal cost) {}

  /**
   * Every account's balance per currency, as {@code bean-query} computes it: units and their cost
   * (the units themselves when held without a cost). Numbers are read in full through {@code
   * str()}, since bean-query's own display rounds them.
   */
  static List<Balance> beanBalances(Path journal) {
    Run run =
        run(
            journal.getParent(),
            "bean-query",
            "-f",
            "csv",
            journal.toString(),
            "SELECT account, currency, str(sum(number)) AS units,"
                + " str(sum(number(cost(position)))) AS cost"
                + " GROUP BY account, currency ORDER BY account, currency");
    assertThat(run.err()).as("bean-query's errors").isEmpty();
    assertThat(run.exit()).as("bean-query's exit code").isZero();
    List<Balance> balances = new ArrayList<>();
    List<String> lines = run.out().lines().toList();
    for (String line : lines.subList(1, lines.size())) {
      String[] fields = line.split(",");
      balances.add(
          new Balance(
              fields[0].strip(), fields[1].strip(), decimal(fields[2]), decimal(fields[3])));
    }
    return balances;
  }

  /** {@code Decimal('0.949')} as a BigDecimal. */
  private static BigDecimal decimal(String field) {
    String text = field.strip();
    if (!text.startsWith("Decimal('") || !text.endsWith("')")) {
      throw new AssertionError("Not a str() of a Decimal: " + text);
    }
    return new BigDecimal(text.substring("Decimal('".length(), text.length() - 2));
  }

  /**
   * {@code ledger bal} of the accounts matching {@code pattern}, one entry per account and
   * commodity, lot annotations scrubbed; {@code options} such as {@code --basis} come first.
   */
  static Map<String, Map<String, BigDecimal>> ledgerBalances(
      Path journal, String pattern, String... options) {
    List<String> command = new ArrayList<>(List.of("ledger", "-f", journal.toString()));
    command.addAll(List.of(options));
    command.addAll(
        List.of(
            "-F",
            "%(account)\\t%(scrub(display_total))\\n",
            "bal",
            "--flat",
            "--no-total",
            pattern));
    Run run = run(journal.getParent(), command.toArray(String[]::new));
    assertThat(run.err()).as("ledger's errors").isEmpty();
    assertThat(run.exit()).as("ledger's exit code").isZero();
    Map<String, Map<String, BigDecimal>> balances = new TreeMap<>();
    String account = "";
    for (String line : run.out().lines().toList()) {
      int tab = line.indexOf('\t');
      String amount = line;
      if (tab >= 0) {
        account = line.substring(0, tab);
        amount = line.substring(tab + 1);
      }
      String[] parts = amount.strip().split(" ");
      if (parts.length != 2) {
        throw new AssertionError("Not an amount in ledger's output: '" + line + "'");
      }
      balances
          .computeIfAbsent(account, a -> new TreeMap<>())
          .put(parts[1].replace("\"", ""), new BigDecimal(parts[0]));
    }
    return balances;
  }
}
