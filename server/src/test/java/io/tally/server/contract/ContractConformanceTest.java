package io.tally.server.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tally.engine.config.TallyConfig;
import io.tally.engine.service.PortfolioService;
import io.tally.engine.service.ReconciliationStatus;
import io.tally.engine.service.StateRecovered;
import io.tally.engine.service.TradeQuery;
import io.tally.engine.sync.QuietMoment;
import io.tally.money.Asset;
import io.tally.server.SyncedAccount;
import io.tally.store.PortfolioStore;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The contract of {@code PortfolioService} (DESIGN.md "Public contract", issue 15), one test per
 * contract line, named after it; docs/CONTRACT.md maps each line to its test. A subclass says what
 * answers: the service on SQLite, on PostgreSQL, or the HTTP API. Every test asks the subject and
 * checks properties that can fail — identities between answers (equity is the sum of the holdings,
 * positions and the non-pair remainder add up to the holdings, records add up to the PnL summary by
 * strategy, free plus reserved is total), orders and limits — not only that fields are there.
 *
 * <p>One simulated account per class (a generated Kraken account served by the simulator on port 0,
 * synced through the real client in {@link #start}). Tests that write (a sync, a snapshot, a
 * restart) leave the account as the others expect it: reconciled, {@code ok}, without drift; so the
 * tests may run in any order, one at a time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ContractConformanceTest {

  private static final long SEED = 7;
  private static final int DAYS = 14;
  private static final int ALL = 1000;
  private static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

  /** Names whose object values are maps keyed by asset or pair, not contract names. */
  private static final Set<String> KEYED_MAPS =
      Set.of("by_asset", "by_pair", "realized_pnl_base_by_pair", "unrealized_pnl_base_by_pair");

  /** Amount names that do not end in {@code _base}: decimal strings all the same. */
  private static final Set<String> AMOUNTS =
      Set.of(
          "amount",
          "base_size",
          "free",
          "reserved",
          "total",
          "base_delta",
          "quote_delta",
          "fee_amount",
          "pnl_quote",
          "non_pair_amount",
          "internal",
          "exchange",
          "difference",
          "quantity",
          "price",
          "fee",
          "volume",
          "remaining_volume",
          "reserved_amount");

  private Path directory;
  private SyncedAccount account;
  private ContractSubject subject;

  private final AtomicInteger databases = new AtomicInteger();

  /**
   * A new, empty database in {@code directory}: a SQLite file there unless a subject overrides it
   * (with a PostgreSQL URL).
   */
  String newDatabase(Path directory) {
    return directory.resolve("tally-" + databases.incrementAndGet() + ".db").toString();
  }

  /** What answers the contract for {@code service}. */
  abstract ContractSubject subjectOf(PortfolioService service);

  /** Stops what {@link #newDatabase} started; after every store is closed. */
  void closeDatabases() {}

  @BeforeAll
  void start(@TempDir Path temporary) {
    directory = temporary;
    account = new SyncedAccount(directory, newDatabase(directory), SEED, DAYS);
    subject = subjectOf(account.service);
  }

  @AfterAll
  void stop() {
    if (subject != null) {
      subject.close();
    }
    if (account != null) {
      account.close();
    }
    closeDatabases();
  }

  /** The account under test, for a subclass's own checks. */
  SyncedAccount account() {
    return account;
  }

  /** The subject under test, for a subclass's own checks. */
  ContractSubject subject() {
    return subject;
  }

  // ---- initialize() and STATE_RECOVERED ------------------------------------------------------

  /**
   * {@code initialize()} emits one {@code STATE_RECOVERED} ({@code onStateRecovered}) and the
   * reconciliation it names is the one served: with keys, the start-up sync compared, so {@code
   * ok}.
   */
  @Test
  void initialize_emits_state_recovered() {
    List<StateRecovered> events = account.recoveries();
    assertThat(events).hasSize(1);
    StateRecovered recovered = events.get(0);
    assertThat(recovered.message()).startsWith(StateRecovered.NAME + ": ");
    assertThat(recovered.status()).isEqualTo(ReconciliationStatus.OK);
    assertThat(recovered.driftFlag()).isFalse();
    assertThat(recovered.lastSyncError()).isEmpty();

    JsonNode served = subject.reconciliation().ok();
    assertThat(served.get("reconciliation_status").asString()).isEqualTo(recovered.status().code());
    assertThat(served.get("drift_flag").asBoolean()).isEqualTo(recovered.driftFlag());
    // Later syncs (other tests) reconcile again, never earlier.
    assertThat(instant(served, "checked_at")).isAfterOrEqualTo(recovered.reconciledAt().get());
  }

  // ---- sync() --------------------------------------------------------------------------------

  /**
   * {@code sync()} answers the new trades (exactly the records the trade history gained), the pairs
   * they updated, the ledger rows and cash flows added, and whether drift was detected.
   */
  @Test
  void sync_answers_new_trades_updated_pairs_and_drift() {
    int before =
        subject.tradeHistory(Optional.empty(), ALL, Optional.of(true)).ok().get("trades").size();
    account.account.advance(Duration.ofMinutes(30));

    JsonNode sync = subject.sync().ok();

    int newTrades = sync.get("new_trades_count").asInt();
    assertThat(newTrades).as("the bots traded in 30 minutes").isPositive();
    assertThat(sync.get("new_ledger_rows").asInt()).isGreaterThanOrEqualTo(newTrades);
    assertThat(sync.get("cash_flows_added").isInt()).isTrue();
    assertThat(sync.get("drift_detected").asBoolean()).isFalse();
    JsonNode trades =
        subject.tradeHistory(Optional.empty(), ALL, Optional.of(true)).ok().get("trades");
    assertThat(trades.size()).as("fewer than %s trades in all", ALL).isLessThan(ALL);
    assertThat(trades.size() - before).isEqualTo(newTrades);
    Set<String> updated = new TreeSet<>();
    sync.get("updated_pairs").forEach(pair -> updated.add(pair.asString()));
    for (int i = 0; i < newTrades; i++) {
      assertThat(updated).contains(trades.get(i).get("pair").asString());
    }
  }

  // ---- get_equity() --------------------------------------------------------------------------

  /**
   * {@code get_equity()}: equity, cash, realized and unrealized PnL as decimal strings, the drift
   * flag (the reconciliation's) and the stale flag; equity is the sum of the holdings' values and
   * unrealized PnL the sum of theirs.
   */
  @Test
  void get_equity_answers_equity_cash_realized_unrealized_drift_and_stale() {
    JsonNode equity = subject.equity().ok();

    for (String field :
        List.of(
            "equity_base",
            "cash_base",
            "other_fiat_base",
            "realized_pnl_base_total",
            "unrealized_pnl_base_total")) {
      decimal(equity, field);
    }
    assertThat(equity.get("drift_flag").isBoolean()).isTrue();
    assertThat(equity.get("stale").isBoolean()).isTrue();
    assertThat(equity.get("stale").asBoolean()).as("prices of the last sync are fresh").isFalse();
    assertThat(equity.get("drift_flag").asBoolean())
        .isEqualTo(subject.reconciliation().ok().get("drift_flag").asBoolean());
    instant(equity, "as_of");
    BigDecimal values = BigDecimal.ZERO;
    BigDecimal unrealized = BigDecimal.ZERO;
    for (JsonNode holding : equity.get("holdings")) {
      values = values.add(decimal(holding, "value_base"));
      unrealized = unrealized.add(decimal(holding, "unrealized_pnl_base"));
    }
    assertThat(equity.get("holdings").size()).isGreaterThan(2);
    assertThat(values).isEqualByComparingTo(decimal(equity, "equity_base"));
    assertThat(unrealized).isEqualByComparingTo(decimal(equity, "unrealized_pnl_base_total"));
  }

  /**
   * {@code cash_base} is the base currency's own balance alone; other fiat (EUR in a USD book) is
   * {@code other_fiat_base} beside it, valued in the base currency, and both count in equity.
   */
  @Test
  void cash_is_the_base_currency_alone_and_other_fiat_is_beside_it() {
    JsonNode equity = subject.equity().ok();
    assertThat(equity.get("base_currency").asString()).isEqualTo("USD");

    Map<String, JsonNode> holdings = rowsBy(equity.get("holdings"), "asset");
    assertThat(decimal(equity, "cash_base"))
        .isEqualByComparingTo(decimal(holdings.get("USD"), "amount"))
        .isEqualByComparingTo(decimal(holdings.get("USD"), "value_base"));
    BigDecimal otherFiat = BigDecimal.ZERO;
    for (JsonNode holding : holdings.values()) {
      Asset asset = Asset.of(holding.get("asset").asString());
      if (asset.isFiat() && !asset.equals(Asset.USD)) {
        otherFiat = otherFiat.add(decimal(holding, "value_base"));
      }
    }
    assertThat(otherFiat).as("the account holds EUR").isPositive();
    assertThat(decimal(equity, "other_fiat_base")).isEqualByComparingTo(otherFiat);
  }

  /**
   * {@code get_equity()}'s stale flag: a price older than {@code max_price_age} at the moment of
   * asking makes the answer stale (here a service restarted with an age of one millisecond).
   */
  @Test
  void get_equity_is_stale_when_a_price_is_older_than_max_price_age() {
    assertThat(subject.equity().ok().get("stale").asBoolean()).isFalse();

    SyncedAccount.Restart restart = account.restartWithoutKeys(Duration.ofMillis(1));
    try (ContractSubject restarted = subjectOf(restart.service())) {
      JsonNode equity = restarted.equity().ok();
      assertThat(equity.get("stale").asBoolean()).isTrue();
      assertThat(instant(equity, "oldest_price_at")).isBefore(instant(equity, "as_of"));
    }
  }

  // ---- get_pnl_summary(period, include_manual) ------------------------------------------------

  /**
   * {@code get_pnl_summary(period, include_manual)}: for each period, the pairs' realized and
   * unrealized PnL add up to the totals, the strategies' realized PnL to the same realized total,
   * and total is realized plus unrealized.
   */
  @Test
  void get_pnl_summary_adds_up_by_pair_and_by_strategy_for_every_period() {
    for (String period : List.of("all", "24h", "7d", "30d", "ytd")) {
      JsonNode pnl = subject.pnlSummary(period, Optional.of(true)).ok();
      assertThat(pnl.get("period").asString()).isEqualTo(period);
      assertThat(pnl.get("from").isNull()).isEqualTo(period.equals("all"));
      BigDecimal realized = decimal(pnl, "realized_trading_pnl_base");
      BigDecimal unrealized = decimal(pnl, "unrealized_pair_pnl_base");
      assertThat(decimal(pnl, "total_trading_pnl_base"))
          .isEqualByComparingTo(realized.add(unrealized));
      assertThat(sum(pnl.get("by_pair"), "realized_pnl_base"))
          .as(period)
          .isEqualByComparingTo(realized);
      assertThat(sum(pnl.get("by_pair"), "unrealized_pnl_base"))
          .as(period)
          .isEqualByComparingTo(unrealized);
      assertThat(sum(pnl.get("by_strategy"), "realized_pnl_base"))
          .as(period)
          .isEqualByComparingTo(realized);
    }
  }

  /**
   * {@code include_manual=false} leaves out the realized PnL of manual trades, exactly what the
   * {@code manual} strategy realized; unrealized PnL stays whole (units held belong to no
   * strategy).
   */
  @Test
  void get_pnl_summary_without_manual_trades_leaves_out_their_realized_pnl() {
    JsonNode with = subject.pnlSummary("all", Optional.of(true)).ok();
    JsonNode without = subject.pnlSummary("all", Optional.of(false)).ok();

    assertThat(with.get("include_manual").asBoolean()).isTrue();
    assertThat(without.get("include_manual").asBoolean()).isFalse();
    Map<String, JsonNode> strategies = rowsBy(with.get("by_strategy"), "strategy_tag");
    assertThat(strategies).containsKeys("manual", "trend_v1", "grid_v2");
    assertThat(rowsBy(without.get("by_strategy"), "strategy_tag")).doesNotContainKey("manual");
    assertThat(
            decimal(with, "realized_trading_pnl_base")
                .subtract(decimal(without, "realized_trading_pnl_base")))
        .isEqualByComparingTo(decimal(strategies.get("manual"), "realized_pnl_base"));
    assertThat(decimal(without, "unrealized_pair_pnl_base"))
        .isEqualByComparingTo(decimal(with, "unrealized_pair_pnl_base"));
  }

  /** A period the contract does not name is a bad request whose detail names it. */
  @Test
  void get_pnl_summary_of_an_unknown_period_is_a_bad_request_naming_it() {
    Answer answer = subject.pnlSummary("1y", Optional.empty());

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.detail()).contains("'1y'");
  }

  // ---- get_positions(), get_position(pair), non_pair_holdings --------------------------------

  /**
   * {@code get_positions()}: for every asset, the sizes of the positions on pairs with it as base,
   * plus its {@code non_pair_holdings} remainder, are its holding, exactly.
   */
  @Test
  void get_positions_add_up_to_holdings_with_the_non_pair_remainder() {
    JsonNode positions = subject.positions().ok();
    JsonNode equity = subject.equity().ok();

    Map<String, BigDecimal> held = new TreeMap<>();
    for (JsonNode holding : equity.get("holdings")) {
      put(held, holding.get("asset").asString(), decimal(holding, "amount"));
    }
    Map<String, BigDecimal> summed = new TreeMap<>();
    int open = 0;
    for (JsonNode position : positions.get("positions")) {
      BigDecimal size = decimal(position, "base_size");
      assertThat(size.signum()).as("%s", position).isNotNegative();
      open += size.signum();
      put(summed, position.get("base_asset").asString(), size);
    }
    int remainders = 0;
    for (JsonNode row : positions.get("non_pair_holdings")) {
      BigDecimal amount = decimal(row, "non_pair_amount");
      assertThat(amount.signum()).as("%s", row).isPositive();
      remainders++;
      put(summed, row.get("asset").asString(), amount);
    }
    assertThat(open).as("open positions").isPositive();
    assertThat(remainders).as("deposits and rewards no pair holds").isPositive();
    assertThat(summed).isEqualTo(held);
  }

  /**
   * {@code get_position(pair)} answers the row {@code get_positions()} lists for that pair, whether
   * it is named {@code XBTUSD}, {@code XBT/USD} or by Kraken's alias {@code BTC/USD}.
   */
  @Test
  void get_position_answers_the_row_of_get_positions_by_any_name_of_its_pair() {
    JsonNode listed = rowsBy(subject.positions().ok().get("positions"), "pair").get("XBTUSD");
    assertThat(listed).isNotNull();

    for (String name : List.of("XBTUSD", "XBT/USD", "BTC/USD", "xbtusd")) {
      assertThat(subject.position(name).ok()).as(name).isEqualTo(listed);
    }
  }

  /**
   * {@code get_position(pair)} of a pair never traded throws {@code PositionNotFoundException}: a
   * 404 whose detail names the pair as asked.
   */
  @Test
  void get_position_of_an_unknown_pair_is_not_found_naming_it() {
    for (String name : List.of("DOGEEUR", "DOGE/EUR")) {
      Answer answer = subject.position(name);
      assertThat(answer.status()).as(name).isEqualTo(404);
      assertThat(answer.detail()).contains(name);
    }
  }

  // ---- get_asset_exposure() and AssetBalance -------------------------------------------------

  /**
   * {@code get_asset_exposure()} with {@code AssetBalance}: every asset's {@code free} plus {@code
   * reserved} is its {@code total}, which is its amount; open orders reserve something; values add
   * up to equity and shares of equity to 100%.
   */
  @Test
  void get_asset_exposure_free_plus_reserved_is_total() {
    JsonNode exposure = subject.assetExposure().ok();

    BigDecimal value = BigDecimal.ZERO;
    BigDecimal share = BigDecimal.ZERO;
    int reserved = 0;
    for (JsonNode asset : exposure.get("assets")) {
      BigDecimal free = decimal(asset, "free");
      BigDecimal held = decimal(asset, "reserved");
      assertThat(free.signum()).as("%s", asset).isNotNegative();
      assertThat(held.signum()).as("%s", asset).isNotNegative();
      assertThat(free.add(held)).as("%s", asset).isEqualByComparingTo(decimal(asset, "total"));
      assertThat(decimal(asset, "total")).isEqualByComparingTo(decimal(asset, "amount"));
      reserved += held.signum();
      value = value.add(decimal(asset, "value_base"));
      share = share.add(decimal(asset, "percentage_of_equity"));
    }
    assertThat(reserved).as("the grid bot's orders hold funds").isPositive();
    assertThat(value).isEqualByComparingTo(decimal(exposure, "equity_base"));
    // Each share is rounded half-even to 4 decimals.
    assertThat(share)
        .isCloseTo(
            new BigDecimal("100"),
            within(
                new BigDecimal("0.00005")
                    .multiply(BigDecimal.valueOf(exposure.get("assets").size()))));
  }

  /**
   * The open orders of the last sync reserve, before fees, no more of an asset than its {@code
   * reserved} balance (Kraken's {@code hold_trade}, which includes the fee).
   */
  @Test
  void open_orders_reserve_no_more_than_the_reserved_balance() {
    JsonNode orders = subject.openOrders().ok();
    Map<String, JsonNode> assets = rowsBy(subject.assetExposure().ok().get("assets"), "asset");

    assertThat(orders.get("as_of").isNull()).isFalse();
    Map<String, BigDecimal> ordered = new TreeMap<>();
    for (JsonNode order : orders.get("open_orders")) {
      if (!order.get("reserved_amount").isNull()) {
        put(ordered, order.get("reserved_asset").asString(), decimal(order, "reserved_amount"));
      }
    }
    assertThat(ordered).as("resting limit orders").isNotEmpty();
    ordered.forEach(
        (asset, amount) ->
            assertThat(amount)
                .as(asset)
                .isLessThanOrEqualTo(decimal(assets.get(asset), "reserved")));
  }

  // ---- get_trade_history(pair, limit, include_manual) and RealizedPnLRecord -------------------

  /**
   * {@code get_trade_history(pair, limit, include_manual)}: the newest trades first, of that pair
   * only (named any way), at most {@code limit}; a smaller limit is the start of the same list.
   */
  @Test
  void get_trade_history_is_newest_first_within_its_limit_of_one_pair() {
    JsonNode five =
        subject.tradeHistory(Optional.of("BTC/USD"), 5, Optional.of(true)).ok().get("trades");
    JsonNode three =
        subject.tradeHistory(Optional.of("XBTUSD"), 3, Optional.of(true)).ok().get("trades");

    assertThat(five.size()).isEqualTo(5);
    newestFirst(five, "time");
    for (JsonNode trade : five) {
      assertThat(trade.get("pair").asString()).isEqualTo("XBTUSD");
    }
    assertThat(three.size()).isEqualTo(3);
    for (int i = 0; i < 3; i++) {
      assertThat(three.get(i)).isEqualTo(five.get(i));
    }
    assertThat(
            subject.tradeHistory(Optional.empty(), 7, Optional.empty()).ok().get("trades").size())
        .isEqualTo(7);
  }

  /** {@code include_manual=false} lists no manual trade: exactly the manual ones are left out. */
  @Test
  void get_trade_history_without_manual_trades_lists_none() {
    JsonNode with =
        subject.tradeHistory(Optional.empty(), ALL, Optional.of(true)).ok().get("trades");
    JsonNode without =
        subject.tradeHistory(Optional.empty(), ALL, Optional.of(false)).ok().get("trades");

    int manual = 0;
    for (JsonNode trade : with) {
      manual += trade.get("strategy_tag").asString().equals("manual") ? 1 : 0;
    }
    assertThat(manual).as("the account has manual trades").isPositive();
    for (JsonNode trade : without) {
      assertThat(trade.get("strategy_tag").asString()).isNotEqualTo("manual");
    }
    assertThat(without.size()).isEqualTo(with.size() - manual);
  }

  /**
   * {@code get_trade_history} returns {@code RealizedPnLRecord}s: {@code trade_id}, {@code
   * order_id}, {@code pair}, {@code time}, {@code side}, {@code base_delta}, {@code quote_delta},
   * {@code fee_asset}, {@code fee_amount}, {@code pnl_quote}, {@code strategy_tag} (and {@code
   * pnl_base}), consistent with each other: a buy receives the base and gives the quote, the fee
   * pair is the first fee leg, and a USD-quoted trade's PnL is the same in quote and base.
   */
  @Test
  void get_trade_history_returns_realized_pnl_records_with_every_field() {
    JsonNode trades =
        subject.tradeHistory(Optional.empty(), 60, Optional.of(true)).ok().get("trades");

    int withOrder = 0;
    for (JsonNode record : trades) {
      for (String field : RecordFields.CONTRACT) {
        assertThat(record.has(field)).as("%s in %s", field, record).isTrue();
      }
      assertThat(record.get("trade_id").asString()).isNotBlank();
      withOrder += record.get("order_id").isNull() ? 0 : 1;
      instant(record, "time");
      assertThat(record.get("pair").asString())
          .isEqualTo(record.get("base_asset").asString() + record.get("quote_asset").asString());
      int sign = record.get("side").asString().equals("buy") ? 1 : -1;
      assertThat(record.get("side").asString()).isIn("buy", "sell");
      assertThat(decimal(record, "base_delta").signum()).as("%s", record).isIn(0, sign);
      assertThat(decimal(record, "quote_delta").signum()).as("%s", record).isIn(0, -sign);
      JsonNode fees = record.get("fees");
      if (fees.isEmpty()) {
        assertThat(record.get("fee_asset").asString())
            .isEqualTo(record.get("quote_asset").asString());
        assertThat(decimal(record, "fee_amount")).isZero();
      } else {
        assertThat(record.get("fee_asset").asString())
            .isEqualTo(fees.get(0).get("asset").asString());
        assertThat(decimal(record, "fee_amount"))
            .isEqualByComparingTo(decimal(fees.get(0), "amount"));
      }
      decimal(record, "pnl_base");
      if (record.get("quote_asset").asString().equals("USD")) {
        assertThat(decimal(record, "pnl_quote")).isEqualByComparingTo(decimal(record, "pnl_base"));
      }
      assertThat(record.get("strategy_tag").asString()).isIn("manual", "trend_v1", "grid_v2");
    }
    assertThat(withOrder).as("trades name their order").isPositive();
  }

  /**
   * The records' {@code pnl_base} by strategy tag add up to {@code get_pnl_summary}'s by strategy,
   * exactly: over all history, and over a period for the records at or after its start.
   */
  @Test
  void get_trade_history_records_add_up_to_the_pnl_summary_by_strategy() {
    for (String period : List.of("all", "7d")) {
      JsonNode pnl = subject.pnlSummary(period, Optional.of(true)).ok();
      Optional<Instant> from =
          pnl.get("from").isNull() ? Optional.empty() : Optional.of(instant(pnl, "from"));
      JsonNode records =
          subject
              .realizedPnlRecords(
                  TradeQuery.newest(ALL).between(from, Optional.empty()).includeManual(true))
              .ok()
              .get("records");
      assertThat(records.size()).as(period).isBetween(1, ALL - 1);

      Map<String, BigDecimal> byStrategy = new TreeMap<>();
      for (JsonNode record : records) {
        put(byStrategy, record.get("strategy_tag").asString(), decimal(record, "pnl_base"));
      }
      Map<String, BigDecimal> expected = new TreeMap<>();
      for (JsonNode row : pnl.get("by_strategy")) {
        put(expected, row.get("strategy_tag").asString(), decimal(row, "realized_pnl_base"));
      }
      assertThat(byStrategy).as(period).isEqualTo(expected);
    }
  }

  // ---- get_fee_summary() ---------------------------------------------------------------------

  /**
   * {@code get_fee_summary()}: the fees by asset paid in add up to the total, and each pair's fees
   * are what its position says it paid.
   */
  @Test
  void get_fee_summary_adds_up_by_asset_and_by_pair_to_the_positions() {
    JsonNode fees = subject.feeSummary().ok();
    JsonNode positions = subject.positions().ok().get("positions");

    BigDecimal byAsset = BigDecimal.ZERO;
    for (var entry : fees.get("by_asset").properties()) {
      byAsset = byAsset.add(new BigDecimal(entry.getValue().asString()));
    }
    assertThat(decimal(fees, "total_base")).isPositive().isEqualByComparingTo(byAsset);
    Map<String, BigDecimal> byPair = new TreeMap<>();
    fees.get("by_pair")
        .properties()
        .forEach(entry -> put(byPair, entry.getKey(), new BigDecimal(entry.getValue().asString())));
    Map<String, BigDecimal> paid = new TreeMap<>();
    for (JsonNode position : positions) {
      put(paid, position.get("pair").asString(), decimal(position, "fees_paid_base"));
    }
    assertThat(byPair).isNotEmpty().isEqualTo(paid);
  }

  // ---- get_cash_flows(asset, limit) and CashFlowRecord ---------------------------------------

  /**
   * {@code get_cash_flows} lists {@code CashFlowRecord}s, each with its {@code note}: what Kraken's
   * ledger called its rows ({@code deposit}, {@code withdrawal}, {@code staking}).
   */
  @Test
  void get_cash_flows_carry_a_note() {
    JsonNode flows = subject.cashFlows(Optional.empty(), ALL).ok().get("cash_flows");

    assertThat(flows.size()).isBetween(3, ALL - 1);
    Set<String> kinds = new TreeSet<>();
    for (JsonNode flow : flows) {
      String kind = flow.get("kind").asString();
      kinds.add(kind);
      assertThat(flow.get("note").isString()).as("%s", flow).isTrue();
      assertThat(flow.get("note").asString()).as("%s", flow).isNotBlank();
      if (kind.equals("deposit") || kind.equals("withdrawal")) {
        assertThat(flow.get("note").asString()).as("%s", flow).isEqualTo(kind);
      }
      decimal(flow, "value_base");
    }
    assertThat(kinds).contains("deposit", "withdrawal", "reward");
  }

  /**
   * {@code get_cash_flows(asset, limit)}: of that asset only, newest first, at most {@code limit};
   * a smaller limit is the start of the same list.
   */
  @Test
  void get_cash_flows_of_one_asset_are_newest_first_within_the_limit() {
    JsonNode usd = subject.cashFlows(Optional.of("USD"), ALL).ok().get("cash_flows");
    JsonNode two = subject.cashFlows(Optional.of("ZUSD"), 2).ok().get("cash_flows");

    assertThat(usd.size()).isGreaterThan(2);
    newestFirst(usd, "at");
    for (JsonNode flow : usd) {
      assertThat(flow.get("asset").asString()).isEqualTo("USD");
    }
    assertThat(two.size()).isEqualTo(2);
    assertThat(two.get(0)).isEqualTo(usd.get(0));
    assertThat(two.get(1)).isEqualTo(usd.get(1));
    assertThat(subject.cashFlows(Optional.empty(), 3).ok().get("cash_flows").size()).isEqualTo(3);
  }

  // ---- create_snapshot(), get_snapshots(since, limit) and PortfolioSnapshot -------------------

  /**
   * {@code create_snapshot()} then {@code get_snapshots(since, limit)}: the snapshot taken is the
   * newest listed, exactly as it was answered; {@code since} and {@code limit} are honoured and the
   * list is newest first.
   */
  @Test
  void create_snapshot_then_get_snapshots_lists_it_newest_first() {
    Answer created = subject.createSnapshot();
    assertThat(created.status()).isEqualTo(201);
    JsonNode snapshot = created.ok();
    Instant taken = instant(snapshot, "taken_at");

    assertThat(subject.snapshots(Optional.empty(), 1).ok().get("snapshots"))
        .containsExactly(snapshot);
    assertThat(subject.snapshots(Optional.of(taken), 10).ok().get("snapshots"))
        .containsExactly(snapshot);
    assertThat(subject.snapshots(Optional.of(taken.plusNanos(1000)), 10).ok().get("snapshots"))
        .isEmpty();
    JsonNode listed = subject.snapshots(Optional.empty(), 3).ok().get("snapshots");
    assertThat(listed.size()).as("start-up took one too").isBetween(2, 3);
    newestFirst(listed, "taken_at");
  }

  /**
   * A {@code PortfolioSnapshot} carries {@code asset_valuations}, each with the {@code source_pair}
   * of its price ({@code null} for the base currency), adding up to its equity, and {@code
   * realized_pnl_base_by_pair} and {@code unrealized_pnl_base_by_pair}: the positions' figures.
   */
  @Test
  void snapshot_carries_asset_valuations_with_source_pair_and_pnl_by_pair() {
    JsonNode snapshot = subject.createSnapshot().ok();
    JsonNode positions = subject.positions().ok().get("positions");
    JsonNode equity = subject.equity().ok();

    JsonNode valuations = snapshot.get("asset_valuations");
    assertThat(valuations.size()).isGreaterThan(2);
    assertThat(snapshot.get("holdings")).as("the older name, kept").isEqualTo(valuations);
    BigDecimal value = BigDecimal.ZERO;
    for (JsonNode row : valuations) {
      value = value.add(decimal(row, "value_base"));
      String asset = row.get("asset").asString();
      if (asset.equals("USD")) {
        assertThat(row.get("source_pair").isNull()).as("the base currency has no source").isTrue();
      } else if (asset.equals("KFEE")) {
        assertThat(row.get("source_pair").asString()).isEqualTo("fixed");
      } else {
        assertThat(row.get("source_pair").asString()).as(asset).startsWith("kraken:");
      }
    }
    assertThat(value).isEqualByComparingTo(decimal(snapshot, "equity_base"));
    assertThat(decimal(snapshot, "equity_base"))
        .isEqualByComparingTo(decimal(equity, "equity_base"));
    Map<String, BigDecimal> realized = new TreeMap<>();
    Map<String, BigDecimal> unrealized = new TreeMap<>();
    for (JsonNode position : positions) {
      realized.put(position.get("pair").asString(), decimal(position, "realized_pnl_base"));
      unrealized.put(position.get("pair").asString(), decimal(position, "unrealized_pnl_base"));
    }
    assertThat(decimals(snapshot.get("realized_pnl_base_by_pair"))).isEqualTo(strip(realized));
    assertThat(decimals(snapshot.get("unrealized_pnl_base_by_pair"))).isEqualTo(strip(unrealized));
  }

  // ---- reconciliation_status: ok, drift, no_quiet_moment, stale, unchecked --------------------

  /**
   * {@code reconciliation_status} is {@code ok} after a sync with keys: compared at a quiet moment
   * ({@code checked_at} is then, {@code compared_at} the same), every asset equal, no drift flag.
   */
  @Test
  void reconciliation_status_is_ok_after_a_sync_with_keys() {
    Instant before = Instant.now();
    subject.sync().ok();

    JsonNode reconciliation = subject.reconciliation().ok();
    assertThat(reconciliation.get("reconciliation_status").asString()).isEqualTo("ok");
    assertThat(reconciliation.get("drift_flag").asBoolean()).isFalse();
    assertThat(instant(reconciliation, "checked_at")).isAfterOrEqualTo(before);
    assertThat(reconciliation.get("compared_at")).isEqualTo(reconciliation.get("checked_at"));
    assertThat(reconciliation.get("assets").size()).isGreaterThan(2);
    for (JsonNode asset : reconciliation.get("assets")) {
      assertThat(decimal(asset, "difference")).as("%s", asset).isZero();
    }
    assertThat(subject.equity().ok().get("drift_flag").asBoolean()).isFalse();
  }

  /**
   * {@code reconciliation_status} is {@code drift} when Kraken's balance differs from the books
   * beyond the tolerance: the sync says so, the asset's difference is named, and {@code
   * get_equity()}'s drift flag is raised; once the balances agree again it is {@code ok}.
   */
  @Test
  void reconciliation_status_is_drift_when_kraken_holds_more_than_the_books() {
    try {
      account.simulator.faults().balanceDiscrepancy("XXBT", new BigDecimal("0.5"));

      assertThat(subject.sync().ok().get("drift_detected").asBoolean()).isTrue();
      JsonNode reconciliation = subject.reconciliation().ok();
      assertThat(reconciliation.get("reconciliation_status").asString()).isEqualTo("drift");
      assertThat(reconciliation.get("drift_flag").asBoolean()).isTrue();
      JsonNode xbt = rowsBy(reconciliation.get("assets"), "asset").get("XBT");
      assertThat(decimal(xbt, "difference")).isEqualByComparingTo("0.5");
      assertThat(decimal(xbt, "exchange").subtract(decimal(xbt, "internal")))
          .isEqualByComparingTo("0.5");
      assertThat(subject.equity().ok().get("drift_flag").asBoolean()).isTrue();
    } finally {
      account.simulator.faults().clearBalanceDiscrepancies();
      subject.sync();
    }
    assertThat(subject.reconciliation().ok().get("reconciliation_status").asString())
        .isEqualTo("ok");
    assertThat(subject.equity().ok().get("drift_flag").asBoolean()).isFalse();
  }

  /**
   * {@code reconciliation_status} is {@code no_quiet_moment} when ledger rows keep arriving through
   * every try: nothing is compared, {@code checked_at} is now, {@code compared_at} and the drift
   * flag stay those of the last comparison.
   */
  @Test
  void reconciliation_status_is_no_quiet_moment_while_rows_keep_arriving_and_the_flag_stays() {
    JsonNode before = subject.reconciliation().ok();
    try {
      account
          .simulator
          .faults()
          .newRowsAfter(QuietMoment.BALANCES, Duration.ofSeconds(1), QuietMoment.TRIES);

      JsonNode sync = subject.sync().ok();
      JsonNode reconciliation = subject.reconciliation().ok();
      assertThat(reconciliation.get("reconciliation_status").asString())
          .isEqualTo("no_quiet_moment");
      assertThat(reconciliation.get("drift_flag")).isEqualTo(before.get("drift_flag"));
      assertThat(sync.get("drift_detected")).isEqualTo(before.get("drift_flag"));
      assertThat(reconciliation.get("compared_at")).isEqualTo(before.get("compared_at"));
      assertThat(instant(reconciliation, "checked_at"))
          .isAfter(instant(reconciliation, "compared_at"));
    } finally {
      account.simulator.faults().clear();
      subject.sync();
    }
    assertThat(subject.reconciliation().ok().get("reconciliation_status").asString())
        .isEqualTo("ok");
  }

  /**
   * {@code reconciliation_status} is {@code stale} after a restart without keys: the last
   * comparison restored from the store, with its own {@code checked_at} and drift flag, and {@code
   * STATE_RECOVERED} says so.
   */
  @Test
  void reconciliation_status_is_stale_after_a_keyless_restart_with_its_checked_at_and_flag() {
    JsonNode last = subject.reconciliation().ok();

    SyncedAccount.Restart restart = account.restartWithoutKeys(Duration.ofDays(1));
    assertThat(restart.recoveries()).hasSize(1);
    StateRecovered recovered = restart.recoveries().get(0);
    assertThat(recovered.status()).isEqualTo(ReconciliationStatus.STALE);
    assertThat(recovered.reconciledAt()).contains(instant(last, "compared_at"));
    assertThat(recovered.message()).contains("reconciliation stale: the last comparison, ok at");
    try (ContractSubject restarted = subjectOf(restart.service())) {
      JsonNode stale = restarted.reconciliation().ok();
      assertThat(stale.get("reconciliation_status").asString()).isEqualTo("stale");
      assertThat(stale.get("checked_at")).isEqualTo(last.get("compared_at"));
      assertThat(stale.get("compared_at")).isEqualTo(last.get("compared_at"));
      assertThat(stale.get("drift_flag")).isEqualTo(last.get("drift_flag"));
      assertThat(restarted.equity().ok().get("drift_flag")).isEqualTo(last.get("drift_flag"));
      assertThat(restarted.sync().status()).as("no keys to sync with").isEqualTo(409);
    }
  }

  /**
   * {@code reconciliation_status} is {@code unchecked} for books never compared with Kraken (a
   * store of imports, served without keys): no {@code checked_at}, no drift flag.
   */
  @Test
  void reconciliation_status_is_unchecked_for_books_never_compared() {
    TallyConfig config = account.config(Duration.ofDays(1));
    List<StateRecovered> events = new CopyOnWriteArrayList<>();
    try (PortfolioStore store = PortfolioStore.open(newDatabase(directory), Map.of())) {
      PortfolioService service =
          new PortfolioService(config, store, Optional.empty(), Clock.systemUTC(), line -> {});
      service.onStateRecovered(events::add);
      service.initialize();
      try (ContractSubject never = subjectOf(service)) {
        JsonNode reconciliation = never.reconciliation().ok();
        assertThat(reconciliation.get("reconciliation_status").asString()).isEqualTo("unchecked");
        assertThat(reconciliation.get("checked_at").isNull()).isTrue();
        assertThat(reconciliation.get("drift_flag").asBoolean()).isFalse();
        assertThat(never.equity().ok().get("drift_flag").asBoolean()).isFalse();
      }
    }
    assertThat(events)
        .singleElement()
        .extracting(StateRecovered::status)
        .isEqualTo(ReconciliationStatus.UNCHECKED);
  }

  // ---- names and amounts ---------------------------------------------------------------------

  /**
   * JSON names are the contract's snake_case (Java's are camelCase), and every amount is a decimal
   * string in plain notation, never a JSON number or exponent notation.
   */
  @Test
  void json_names_are_snake_case_and_amounts_are_decimal_strings() {
    List<JsonNode> answers = new ArrayList<>();
    answers.add(subject.equity().ok());
    answers.add(subject.pnlSummary("7d", Optional.empty()).ok());
    answers.add(subject.positions().ok());
    answers.add(subject.position("XBTUSD").ok());
    answers.add(subject.assetExposure().ok());
    answers.add(subject.openOrders().ok());
    answers.add(subject.tradeHistory(Optional.empty(), 20, Optional.empty()).ok());
    answers.add(subject.realizedPnlRecords(TradeQuery.newest(20)).ok());
    answers.add(subject.feeSummary().ok());
    answers.add(subject.cashFlows(Optional.empty(), 20).ok());
    answers.add(subject.snapshots(Optional.empty(), 2).ok());
    answers.add(subject.reconciliation().ok());
    int amounts = 0;
    for (JsonNode answer : answers) {
      amounts += walk(answer, "");
    }
    assertThat(amounts).isGreaterThan(100);
  }

  /** Checks names and amounts under {@code node}; the number of amounts checked. */
  private static int walk(JsonNode node, String path) {
    int amounts = 0;
    if (node.isArray()) {
      for (JsonNode item : node) {
        amounts += walk(item, path + "[]");
      }
    } else if (node.isObject()) {
      for (var field : node.properties()) {
        String name = field.getKey();
        JsonNode value = field.getValue();
        String where = path + "." + name;
        assertThat(name).as(where).matches(SNAKE_CASE);
        if (KEYED_MAPS.contains(name) && value.isObject()) {
          for (var entry : value.properties()) {
            amounts += amount(entry.getValue(), where + "." + entry.getKey());
          }
        } else if (name.endsWith("_base") || AMOUNTS.contains(name)) {
          amounts += amount(value, where);
        } else {
          amounts += walk(value, where);
        }
      }
    }
    return amounts;
  }

  private static int amount(JsonNode value, String where) {
    if (value.isNull()) {
      return 0;
    }
    assertThat(value.isString()).as("%s is a decimal string: %s", where, value).isTrue();
    assertThat(value.asString()).as(where).matches("-?\\d+(\\.\\d+)?");
    return 1;
  }

  // ---- helpers -------------------------------------------------------------------------------

  static BigDecimal decimal(JsonNode node, String field) {
    JsonNode value = node.get(field);
    assertThat(value).as("%s in %s", field, node).isNotNull();
    assertThat(value.isString()).as("%s in %s is a decimal string", field, node).isTrue();
    return new BigDecimal(value.asString());
  }

  static Instant instant(JsonNode node, String field) {
    JsonNode value = node.get(field);
    assertThat(value).as("%s in %s", field, node).isNotNull();
    assertThat(value.isString()).as("%s in %s is a time", field, node).isTrue();
    return Instant.parse(value.asString());
  }

  private static Map<String, JsonNode> rowsBy(JsonNode rows, String key) {
    Map<String, JsonNode> byKey = new TreeMap<>();
    rows.forEach(row -> byKey.put(row.get(key).asString(), row));
    return byKey;
  }

  private static BigDecimal sum(JsonNode rows, String field) {
    BigDecimal sum = BigDecimal.ZERO;
    for (JsonNode row : rows) {
      sum = sum.add(decimal(row, field));
    }
    return sum;
  }

  /** Adds {@code amount} to {@code key}; zero totals are dropped, scales ignored. */
  private static void put(Map<String, BigDecimal> map, String key, BigDecimal amount) {
    BigDecimal total = map.getOrDefault(key, BigDecimal.ZERO).add(amount);
    if (total.signum() == 0) {
      map.remove(key);
    } else {
      map.put(key, total.stripTrailingZeros());
    }
  }

  private static Map<String, BigDecimal> decimals(JsonNode map) {
    Map<String, BigDecimal> values = new TreeMap<>();
    map.properties()
        .forEach(entry -> values.put(entry.getKey(), new BigDecimal(entry.getValue().asString())));
    return strip(values);
  }

  private static Map<String, BigDecimal> strip(Map<String, BigDecimal> values) {
    Map<String, BigDecimal> stripped = new TreeMap<>();
    values.forEach((key, value) -> stripped.put(key, value.stripTrailingZeros()));
    return stripped;
  }

  private static void newestFirst(JsonNode rows, String field) {
    for (int i = 1; i < rows.size(); i++) {
      assertThat(instant(rows.get(i), field))
          .as("%s of row %s", field, i)
          .isBeforeOrEqualTo(instant(rows.get(i - 1), field));
    }
  }
}
