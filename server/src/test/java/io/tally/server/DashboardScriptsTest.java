package io.tally.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's own JavaScript tests ({@code src/test/js/*.test.mjs}: the amount formatter and
 * the page's contract with the API), run with Node's built-in test runner so {@code ./mvnw verify}
 * runs them too. On a machine without {@code node} it reports itself skipped, saying why ({@code
 * .ci/run} installs Node).
 */
class DashboardScriptsTest {

  @Test
  void theDashboardsScriptTestsPass() throws Exception {
    assumeTrue(
        onPath("node"),
        "skipped: no node here — install Node.js (.ci/run does) to run the dashboard's script"
            + " tests");
    Path log = Files.createTempFile("node-test", ".log");
    Process node =
        new ProcessBuilder("node", "--test", "src/test/js/")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    boolean finished = node.waitFor(60, TimeUnit.SECONDS);
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(finished).as("node --test finished within 60 s").isTrue();
    assertThat(node.exitValue()).as(output).isZero();
    assertThat(output).contains("# fail 0").doesNotContain("# pass 0");
  }

  private static boolean onPath(String command) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String directory : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(directory, command))) {
        return true;
      }
    }
    return false;
  }
}
