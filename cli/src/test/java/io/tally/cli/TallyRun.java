package io.tally.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One run of the {@code tally} command in-process: its exit status and what it printed. */
record TallyRun(int status, String out, String err) {

  static TallyRun of(String... args) {
    return withEnv(Map.of(), args);
  }

  /**
   * {@code tally report --db DB --format=json EXTRA...}, which must succeed, as its JSON tree.
   *
   * <p>Example: {@code TallyRun.reportJson(db, "--as-of", "2024-01-01").get("equity_base")}.
   */
  static JsonNode reportJson(String db, String... extra) {
    String[] args = new String[4 + extra.length];
    args[0] = "report";
    args[1] = "--db";
    args[2] = db;
    args[3] = "--format=json";
    System.arraycopy(extra, 0, args, 4, extra.length);
    TallyRun run = of(args);
    if (run.status() != 0) {
      throw new AssertionError("tally report failed (" + run.status() + "): " + run.err());
    }
    return JsonMapper.builder().build().readTree(run.out());
  }

  /** A run with {@code env} as its environment, such as {@code KRAKEN_API_KEY}. */
  static TallyRun withEnv(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Tally.execute(new PrintWriter(out, true), new PrintWriter(err, true), env, args);
    return new TallyRun(status, out.toString(), err.toString());
  }
}
