package io.tally.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** One run of the {@code tally} command in-process: its exit status and what it printed. */
record TallyRun(int status, String out, String err) {

  static TallyRun of(String... args) {
    return withEnv(Map.of(), args);
  }

  /** A run with {@code env} as its environment, such as {@code KRAKEN_API_KEY}. */
  static TallyRun withEnv(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Tally.execute(new PrintWriter(out, true), new PrintWriter(err, true), env, args);
    return new TallyRun(status, out.toString(), err.toString());
  }
}
