package io.tally.engine.risk;

import static java.util.Objects.requireNonNull;

import io.tally.engine.config.RiskConfig;
import io.tally.engine.config.TallyConfig;
import io.tally.engine.service.PortfolioService;
import io.tally.engine.service.RiskInputs;
import io.tally.engine.sync.OpenOrder;
import io.tally.money.Asset;
import io.tally.money.Pair;
import io.tally.money.Precision;
import io.tally.risk.AssetClass;
import io.tally.risk.CheckOutcome;
import io.tally.risk.Concentration;
import io.tally.risk.OrderRules;
import io.tally.risk.PositionSizer;
import io.tally.risk.PreTradeCheck;
import io.tally.risk.ProposedOrder;
import io.tally.risk.RiskBook;
import io.tally.risk.RiskEvent;
import io.tally.risk.RiskEventType;
import io.tally.risk.RiskPolicy;
import io.tally.risk.RiskUtilisation;
import io.tally.risk.SizeOutcome;
import io.tally.risk.SizeRequest;
import io.tally.risk.TradingState;
import io.tally.store.PortfolioStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The risk layer of one served account ({@code RiskService.preTradeCheck(order)} for JVM bots, and
 * what {@code /api/v1/risk} serves): pre-trade checks with reservations, sizing, the trading state
 * and its manual override, and the post-trade monitor, which observes every valuation the {@link
 * PortfolioService} publishes and raises its drawdown, limit and state events through it (stored,
 * logged, streamed).
 *
 * <p><b>Threads.</b> A check reads the last published {@link RiskBook} (one volatile read) and
 * never waits for a write; checks that reserve, and every check while reservations are held, go
 * through one lock so two of them never both pass where together they would breach. The monitor
 * runs on the service's writing thread.
 *
 * <p>Example: {@code RiskService risk = new RiskService(service, config.risk(), rules::of,
 * CorrelationGroups.NONE, clock); risk.start(); risk.preTradeCheck(order).outcome().passed()}.
 * Thread-safe.
 */
public final class RiskService implements AutoCloseable {

  /** Stored events read back at start: enough to hold every standing breach. */
  private static final int RESUME_EVENTS = 5000;

  private final PortfolioService service;
  private final RiskConfig config;
  private final Function<Pair, Optional<OrderRules>> orderRules;
  private final CorrelationGroups correlations;
  private final Clock clock;
  private final Map<Pair, BigDecimal> stops = new ConcurrentHashMap<>();
  private final Object monitorLock = new Object();
  private final Object reserveLock = new Object();
  private final Reservations reservations = new Reservations();
  private final CheckIds checkIds = new CheckIds();
  private RiskMonitor monitor;
  private volatile Published published;
  private Optional<RiskWebhook> webhook = Optional.empty();

  /** The books as the last valuation left them: for the monitor, and for checks. */
  private record Published(RiskInputs inputs, RiskBook positions, RiskBook forChecks) {}

  public RiskService(
      PortfolioService service,
      RiskConfig config,
      Function<Pair, Optional<OrderRules>> orderRules,
      CorrelationGroups correlations,
      Clock clock) {
    this.service = requireNonNull(service, "service");
    this.config = requireNonNull(config, "config");
    this.orderRules = requireNonNull(orderRules, "orderRules");
    this.correlations = requireNonNull(correlations, "correlations");
    this.clock = requireNonNull(clock, "clock");
  }

  /**
   * The risk service of {@code service}'s account kept in {@code store}: the pairs' order rules as
   * Kraken last listed them there (read again each minute), and the correlated groups of the held
   * assets from its stored prices, worked out once a day.
   */
  public static RiskService of(
      PortfolioService service, PortfolioStore store, TallyConfig config, Clock clock) {
    RiskPolicy policy = config.risk().policy();
    return new RiskService(
        service,
        config.risk(),
        new FreshOrderRules(store, clock),
        new DailyCorrelationGroups(
            new StoredCorrelations(
                store, config.portfolio().baseCurrency(), config.performance().history().zone()),
            config.performance().history().zone(),
            policy.correlationThreshold(),
            policy.correlationWindowDays()),
        clock);
  }

  /**
   * Takes the monitor up from the account's stored risk events, posts every risk event to the
   * webhook when one is configured, listens to the service's valuations, and looks at the account
   * once now. Call after the service's {@code initialize()} (or its {@code load()}: the monitor
   * then starts with the first valuation of {@code initialize()}).
   */
  public void start() {
    resume();
    webhook = config.webhookUrl().map(url -> new RiskWebhook(url, java.time.Duration.ofSeconds(1)));
    webhook.ifPresent(service::onRiskEvent);
    service.onValuation(this::observe);
    service.revalue();
    if (published == null) {
      // A service not yet served (initialize() still to come) calls no valuation listener: read
      // the books it loaded, so checks answer until its first valuation is observed.
      publishQuietly();
    }
  }

  /**
   * Takes the monitor up from the stored risk events and reads the account once as it stands,
   * without listening to valuations or raising events: what a one-off command ({@code tally risk
   * check}) does on a loaded service.
   */
  public void lookOnce() {
    resume();
    publishQuietly();
  }

  /** The books as they stand now, published without observing them. */
  private void publishQuietly() {
    RiskInputs inputs = service.riskInputs();
    synchronized (monitorLock) {
      RiskBookReader.Books books = books(inputs, monitor.status().state());
      published = new Published(inputs, books.positions(), books.forChecks());
    }
  }

  private void resume() {
    Set<RiskEventType> ours = EnumSet.noneOf(RiskEventType.class);
    for (RiskEventType type : RiskEventType.values()) {
      if (!type.isMargin()) {
        ours.add(type);
      }
    }
    List<RiskEvent> stored = service.getRiskEvents(Optional.empty(), ours, RESUME_EVENTS);
    synchronized (monitorLock) {
      monitor = RiskMonitor.resume(config.policy().drawdown(), stored);
    }
  }

  /** Stops the webhook's sender after the posts already queued. */
  @Override
  public void close() {
    webhook.ifPresent(RiskWebhook::close);
  }

  /** The policy checks are made under. */
  public RiskPolicy policy() {
    return config.policy();
  }

  /** One valuation: the monitor's events raised through the service, the books republished. */
  private void observe(RiskInputs inputs) {
    List<RiskEvent> raised;
    synchronized (monitorLock) {
      TradingState before = monitor.status().state();
      RiskBookReader.Books books = books(inputs, before);
      raised =
          monitor.observe(
              books.positions(),
              inputs.drawdown().filter(window -> inputs.drawdownSeeded()),
              inputs.netFlows());
      TradingState after = monitor.status().state();
      published =
          after == before
              ? new Published(inputs, books.positions(), books.forChecks())
              : new Published(
                  inputs, books.positions().inState(after), books.forChecks().inState(after));
    }
    inputs
        .openOrders()
        .ifPresent(
            orders -> {
              Set<String> ids =
                  orders.orders().stream()
                      .map(OpenOrder::clientOrderId)
                      .filter(id -> !id.isEmpty())
                      .collect(Collectors.toSet());
              synchronized (reserveLock) {
                reservations.release(ids);
              }
            });
    raised.forEach(service::raiseRiskEvent);
  }

  private RiskBookReader.Books books(RiskInputs inputs, TradingState state) {
    Set<Asset> held =
        inputs.valuation().holdings().stream()
            .map(h -> h.holding().asset())
            .collect(Collectors.toSet());
    inputs.valuation().marginPositions().forEach(p -> held.add(p.position().pair().base()));
    return RiskBookReader.read(
        inputs,
        config.policy(),
        state,
        stops,
        correlations.of(held, inputs.valuation().asOf()),
        config.countOpenOrders());
  }

  private Published published() {
    Published now = published;
    if (now == null) {
      throw new IllegalStateException("The risk service has not started: call start()");
    }
    return now;
  }

  /**
   * Checks {@code order} against the account as the last valuation left it, with every reserved
   * exposure counted; with {@code reserve} a passed check holds its own until an order with its
   * client order id appears or {@code risk.reservation_ttl} passes.
   *
   * @throws IllegalArgumentException when the order's stop is on the wrong side of its price
   */
  public CheckResult preTradeCheck(ProposedOrder order) {
    requireNonNull(order, "order");
    String id = checkIds.next();
    Optional<OrderRules> rules = orderRules.apply(order.pair());
    Published now = published();
    Instant at = clock.instant();
    CheckOutcome outcome;
    Optional<Instant> until = Optional.empty();
    synchronized (reserveLock) {
      RiskBook book = reservations.onto(now.forChecks(), at);
      outcome = PreTradeCheck.check(book, order, rules);
      if (outcome.passed() && order.reserve()) {
        until = Optional.of(at.plus(config.reservationTtl()));
        reservations.hold(
            id, order.clientOrderId(), outcome.legs().orElseThrow(), order.volume(), until.get());
      }
    }
    if (outcome.passed() && order.reserve()) {
      // The order will be placed: its stop protects the position it opens or adds to.
      order.stopLoss().ifPresent(stop -> stops.put(order.pair(), stop));
    }
    return new CheckResult(outcome, id, until);
  }

  /** Sizes a position from its stop on the account as it stands, reservations counted. */
  public SizeOutcome size(SizeRequest request) {
    requireNonNull(request, "request");
    Published now = published();
    RiskBook book;
    synchronized (reserveLock) {
      book = reservations.onto(now.forChecks(), clock.instant());
    }
    return PositionSizer.size(book, request, orderRules.apply(request.pair()));
  }

  /** The trading state now. */
  public TradingStatus tradingStatus() {
    synchronized (monitorLock) {
      return monitor.status();
    }
  }

  /**
   * Sets the trading state by hand, raising {@code TRADING_STATE_CHANGED} (logged with its reason
   * and {@code source=manual}) when it changes; it holds until set again or until a breach rule
   * changes the state.
   */
  public TradingStatus setTradingState(TradingState state, String reason) {
    requireNonNull(state, "state");
    requireNonNull(reason, "reason");
    if (reason.isBlank()) {
      throw new IllegalArgumentException("reason must say why the state is set by hand");
    }
    Optional<RiskEvent> event;
    TradingStatus status;
    synchronized (monitorLock) {
      Published now = published();
      event = monitor.setByHand(state, reason, clock.instant(), now.positions().equity());
      status = monitor.status();
      published =
          new Published(
              now.inputs(), now.positions().inState(state), now.forChecks().inState(state));
    }
    event.ifPresent(service::raiseRiskEvent);
    return status;
  }

  /** The risk layer's state: limits and their use, drawdown, groups, concentration, classes. */
  public RiskStatus status() {
    Published now = published();
    RiskBook book = now.positions();
    TradingStatus trading;
    List<BigDecimal> levels;
    List<io.tally.risk.DrawdownScope> windows;
    synchronized (monitorLock) {
      trading = monitor.status();
      levels = monitor.breachedLevels();
      windows = monitor.breachedWindows();
    }
    List<RiskStatus.Group> groups = new ArrayList<>();
    for (Set<Asset> group : RiskUtilisation.groups(book)) {
      groups.add(
          new RiskStatus.Group(
              group, book.percentOfEquity(RiskUtilisation.groupExposure(book, group))));
    }
    List<RiskStatus.ClassExposure> classes = new ArrayList<>();
    for (AssetClass assetClass : book.policy().assetClasses()) {
      BigDecimal exposure = book.classExposure(assetClass.name());
      classes.add(
          new RiskStatus.ClassExposure(
              assetClass.name(),
              Precision.money(exposure),
              book.percentOfEquity(exposure),
              assetClass.maxClassPct()));
    }
    return new RiskStatus(
        trading,
        book.equity(),
        book.drift(),
        book.stale(),
        RiskUtilisation.of(book),
        now.inputs().drawdown(),
        levels,
        windows,
        groups,
        Concentration.of(book),
        classes);
  }
}
