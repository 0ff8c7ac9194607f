package io.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code tally demo} as a user runs it, in a child JVM: the URL is the first line it prints, the
 * dashboard and API answer from the synced simulated account with no network, keys or config, and a
 * termination signal (what Ctrl-C sends, SIGINT, runs the same shutdown) stops it cleanly and
 * deletes its temporary files.
 */
class DemoCommandTest {

  private static final Pattern URL =
      Pattern.compile("Tally is serving (http://127\\.0\\.0\\.1:\\d+/) .*");
  private static final Pattern FILES =
      Pattern.compile(".* syncing it into (\\S+) \\(deleted on exit\\).*");

  @TempDir Path directory;

  @Test
  void theDemoPrintsItsUrlFirstServesTheSyncedAccountAndStopsCleanly() throws Exception {
    Path err = directory.resolve("demo.err");
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElseThrow());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Tally.class.getName());
    command.addAll(List.of("demo", "--port", "0", "--days", "5"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(err.toFile());
    builder.environment().remove("KRAKEN_API_KEY");
    builder.environment().remove("KRAKEN_API_SECRET");
    Process demo = builder.start();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
      String first = out.readLine();
      assertThat(first).as("the first line").isNotNull().matches(URL);
      Matcher url = URL.matcher(first);
      assertThat(url.matches()).isTrue();
      URI base = URI.create(url.group(1));
      Matcher files = FILES.matcher(out.readLine());
      assertThat(files.matches()).isTrue();
      Path temporary = Path.of(files.group(1));
      String synced = out.readLine();
      assertThat(synced).as(Files.readString(err)).startsWith("Synced ");

      HttpClient http = HttpClient.newHttpClient();
      JsonMapper json = JsonMapper.builder().build();
      JsonNode portfolio =
          json.readTree(
              http.send(
                      HttpRequest.newBuilder(base.resolve("api/v1/portfolio")).build(),
                      HttpResponse.BodyHandlers.ofString())
                  .body());
      assertThat(new java.math.BigDecimal(portfolio.get("equity_base").asString())).isPositive();
      assertThat(portfolio.get("last_sync_at").isNull()).isFalse();
      HttpResponse<String> page =
          http.send(HttpRequest.newBuilder(base).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("equity-chart");
      assertThat(Files.isDirectory(temporary)).isTrue();

      demo.destroy();
      assertThat(demo.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s").isTrue();
      assertThat(Files.readString(err)).contains("tally: stopped");
      assertThat(Files.exists(temporary)).as("temporary files deleted").isFalse();
    } finally {
      demo.destroyForcibly();
    }
  }

  @Test
  void theDemoNeedsAtLeastOneDay() {
    TallyRun run = TallyRun.of("demo", "--days", "0");

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).contains("--days must be at least 1, got 0");
  }
}
