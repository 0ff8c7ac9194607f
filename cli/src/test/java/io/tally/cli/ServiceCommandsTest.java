package io.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.sim.AccountGenerator;
import io.tally.sim.KrakenSimulator;
import io.tally.sim.SimulatedAccount;
import io.tally.sim.SimulatorOptions;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The commands that run through the {@code PortfolioService} — {@code sync}, {@code reconcile},
 * {@code snapshot} and {@code history} — end to end against the Kraken simulator on port 0, with
 * the keys in the command's environment and a real SQLite file.
 */
class ServiceCommandsTest {

  private static final String KEY = "cli-test-key";
  private static final String SECRET =
      "kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==";
  private static final Map<String, String> KEYS =
      Map.of("KRAKEN_API_KEY", KEY, "KRAKEN_API_SECRET", SECRET);

  @TempDir Path dir;

  private SimulatedAccount account;
  private KrakenSimulator simulator;
  private Path config;

  @BeforeEach
  void startSimulator() throws IOException {
    // Two days up to now: the commands run on the system clock, so the account must be in its
    // past; the Pro tier's call budget keeps the real client from waiting.
    account = AccountGenerator.generate(11, 2, Instant.now().truncatedTo(ChronoUnit.MINUTES));
    simulator =
        KrakenSimulator.start(
            account,
            0,
            SimulatorOptions.defaults().withCredentials(KEY, SECRET).withoutRateLimit());
    config = dir.resolve("tally.yaml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "portfolio:",
            "  strategy_tags: {1001: trend_v1, 1002: grid_v2}",
            "kraken:",
            "  base_url: " + simulator.baseUrl(),
            "  tier: pro",
            ""));
  }

  @AfterEach
  void stopSimulator() {
    simulator.close();
  }

  private String db() {
    return dir.resolve("tally.db").toString();
  }

  private TallyRun tally(Map<String, String> env, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--db", db(), "--config", config.toString()));
    return TallyRun.withEnv(env, all.toArray(String[]::new));
  }

  private void sync() {
    TallyRun sync = tally(KEYS, "sync");
    assertThat(sync.status()).as(sync.err()).isZero();
    assertThat(sync.out())
        .contains("balances:           every asset matches Kraken's Balance")
        .contains("drift:              none beyond the reconciliation tolerance");
  }

  private static JsonNode json(TallyRun run) {
    assertThat(run.status()).as(run.err()).isZero();
    return JsonMapper.builder().build().readTree(run.out());
  }

  private static List<String> names(JsonNode node) {
    return new ArrayList<>(node.propertyNames());
  }

  @Test
  void reconcileAfterASyncPrintsTheContractsFieldsWithoutDrift() {
    sync();

    JsonNode doc = json(tally(KEYS, "reconcile", "--format", "json"));

    assertThat(names(doc))
        .startsWith("checked_at", "reconciliation_status", "drift_flag", "compared_at")
        .contains("tolerance_base", "assets", "ledger_check", "adjusted_drift_base");
    assertThat(doc.get("reconciliation_status").asString()).isEqualTo("ok");
    // A comparison made by this reconciliation: at its own moment, not a carried-over one.
    assertThat(doc.get("compared_at").asString()).isEqualTo(doc.get("checked_at").asString());
    assertThat(doc.get("drift_flag").isBoolean()).isTrue();
    assertThat(doc.get("drift_flag").asBoolean()).isFalse();
    assertThat(doc.get("live_check").asBoolean()).isTrue();
    assertThat(doc.get("tolerance_base").asString()).isEqualTo("1.00000000");
    assertThat(doc.get("assets").isArray()).isTrue();
    assertThat(doc.get("assets").size()).isPositive();
    for (JsonNode asset : doc.get("assets")) {
      assertThat(names(asset))
          .containsExactly("asset", "internal", "exchange", "difference", "difference_base");
      assertThat(new BigDecimal(asset.get("difference").asString())).isZero();
      assertThat(new BigDecimal(asset.get("internal").asString()))
          .isEqualByComparingTo(asset.get("exchange").asString());
    }
    JsonNode xbt = null;
    for (JsonNode asset : doc.get("assets")) {
      if (asset.get("asset").asString().equals("XBT")) {
        xbt = asset;
      }
    }
    assertThat(xbt).as("XBT is compared").isNotNull();
    assertThat(new BigDecimal(xbt.get("exchange").asString()))
        .isEqualByComparingTo(account.balances().get("XXBT"));
    assertThat(names(doc.get("ledger_check"))).containsExactly("ok", "first_divergence");
    assertThat(doc.get("ledger_check").get("ok").asBoolean()).isTrue();
    assertThat(doc.get("ledger_check").get("first_divergence").isNull()).isTrue();
    assertThat(doc.get("adjusted_drift_base").isString()).isTrue();
    assertThat(doc.get("adjustments_booked").size()).isZero();
  }

  @Test
  void reconcileShowsTheMarginCheckAgainstTradeBalanceFigureByFigure() {
    sync();

    TallyRun text = tally(KEYS, "reconcile");

    assertThat(text.status()).as(text.err()).isZero();
    assertThat(text.out())
        .contains(
            "margin check:   no drift (Kraken's TradeBalance in USD; tolerance max(1, 0.005 × Kraken's))")
        .containsPattern("(?m)^equity +[0-9.]+ +[0-9.]+ +-?[0-9.]+ +ok$")
        .containsPattern("(?m)^margin_used +[0-9.]+ +[0-9.]+ +-?[0-9.]+ +ok$");
    JsonNode margin = json(tally(KEYS, "reconcile", "--format", "json")).get("margin");
    assertThat(margin.get("drift_flag").asBoolean()).isFalse();
    assertThat(margin.get("figures").size()).isEqualTo(4);
  }

  @Test
  void reconcileWithoutKeysRunsTheLedgerCheckAndSaysTheLiveCheckWasSkipped() {
    sync();

    TallyRun text = tally(Map.of(), "reconcile");

    assertThat(text.status()).as(text.err()).isZero();
    assertThat(text.out())
        .contains("ledger check:   every row's balance equals the running balance")
        .contains("live check:     skipped (set KRAKEN_API_KEY and KRAKEN_API_SECRET");
    JsonNode doc = json(tally(Map.of(), "reconcile", "--format", "json"));
    assertThat(doc.get("reconciliation_status").asString()).isEqualTo("unchecked");
    assertThat(doc.get("live_check").asBoolean()).isFalse();
    assertThat(doc.get("drift_flag").asBoolean()).isFalse();
    assertThat(doc.get("compared_at").isNull()).isTrue();
    assertThat(doc.get("assets").size()).isZero();
    assertThat(doc.get("ledger_check").get("ok").asBoolean()).isTrue();
  }

  @Test
  void aSnapshotIsListedByHistoryAndNotSinceALaterTime() {
    sync();

    JsonNode snapshot = json(tally(Map.of(), "snapshot", "--format", "json"));
    JsonNode history = json(tally(Map.of(), "history", "--format", "json"));

    assertThat(history.isArray()).isTrue();
    assertThat(history.size()).as("sync takes no snapshot; this one is the only one").isEqualTo(1);
    assertThat(history.get(0)).isEqualTo(snapshot);
    assertThat(new BigDecimal(snapshot.get("equity_base").asString())).isPositive();

    Instant taken = Instant.parse(snapshot.get("taken_at").asString());
    assertThat(json(tally(Map.of(), "history", "--since", taken.toString(), "--format", "json")))
        .containsExactly(snapshot);
    String future = taken.plus(Duration.ofDays(1)).toString();
    TallyRun none = tally(Map.of(), "history", "--since", future);
    assertThat(none.status()).as(none.err()).isZero();
    assertThat(none.out()).isEqualTo("no snapshots since " + future + System.lineSeparator());
    assertThat(json(tally(Map.of(), "history", "--since", future, "--format", "json")).size())
        .isZero();
  }

  @Test
  void historyRefusesALimitBelowOne() {
    TallyRun run = tally(Map.of(), "history", "--limit", "0");

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo("tally: --limit must be at least 1, got 0" + System.lineSeparator());
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aSnapshotOfAMissingDatabaseSaysToImportOrSyncFirstAndCreatesNothing() {
    TallyRun run = tally(Map.of(), "snapshot");

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo(
            "tally: no database at "
                + db()
                + ": run 'tally import' or 'tally sync' first"
                + System.lineSeparator());
    assertThat(Path.of(db())).doesNotExist();
  }
}
