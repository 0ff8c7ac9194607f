package io.tally.cli;

import io.tally.engine.config.TallyConfig;
import io.tally.engine.risk.CheckResult;
import io.tally.engine.risk.RiskService;
import io.tally.engine.risk.RiskStatus;
import io.tally.ledger.Side;
import io.tally.money.Pair;
import io.tally.money.PairName;
import io.tally.risk.CheckOutcome;
import io.tally.risk.LimitUsage;
import io.tally.risk.ProposedOrder;
import io.tally.risk.RuleFailure;
import io.tally.server.RiskJson;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tally risk}: the risk layer on the stored books, as {@code /api/v1/risk} answers it.
 * {@code check} runs a pre-trade check of one order; {@code status} shows the limits and their use,
 * the trading state, drawdown, groups, concentration and classes. Text for people, the API's JSON
 * with {@code --format json}.
 *
 * <p>Example: {@code tally risk check --pair XBT/USD --side buy --volume 0.1 --stop 57000}.
 */
@Command(
    name = "risk",
    mixinStandardHelpOptions = true,
    description = "The risk layer on the stored books: pre-trade checks and the limits' use.",
    subcommands = {RiskCommand.Check.class, RiskCommand.Status.class})
final class RiskCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.ParentCommand Tally tally;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The risk service of the stored books, looked at once. */
  private static <T> T withRisk(
      DatabaseOption database,
      Tally tally,
      ConfigOption configuration,
      Clock clock,
      PrintWriter err,
      java.util.function.Function<RiskService, T> question) {
    TallyConfig config = configuration.load();
    try (ServiceSession session =
        ServiceSession.open(database, tally, config, Optional.empty(), clock, err)) {
      RiskService risk =
          RiskService.of(session.service(), session.store(), session.service().config(), clock);
      risk.lookOnce();
      return question.apply(risk);
    }
  }

  /**
   * {@code tally risk check --pair P --side buy|sell --volume V [--price] [--stop] [--leverage]
   * [--strategy] [--format json]}: exit status 0 when the order passes, 1 when it is refused.
   */
  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description =
          "Check one order against every limit (exit status 0: passes, 1: refused, with every"
              + " reason).")
  static final class Check implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand RiskCommand risk;

    @Mixin DatabaseOption database;

    @Mixin ConfigOption configuration;

    @Mixin FormatOption format;

    @Option(
        names = "--pair",
        required = true,
        paramLabel = "BASE/QUOTE",
        description = "such as XBT/USD")
    String pair;

    @Option(names = "--side", required = true, paramLabel = "buy|sell", description = "buy or sell")
    String side;

    @Option(
        names = "--volume",
        required = true,
        paramLabel = "V",
        description = "in the base asset")
    BigDecimal volume;

    @Option(names = "--price", paramLabel = "P", description = "limit price (default: current)")
    BigDecimal price;

    @Option(names = "--stop", paramLabel = "P", description = "the position's stop-loss price")
    BigDecimal stop;

    @Option(
        names = "--leverage",
        paramLabel = "X",
        description = "1 for spot (default), above 1 for margin",
        defaultValue = "1")
    BigDecimal leverage;

    @Option(names = "--strategy", paramLabel = "TAG", description = "whose limits apply")
    String strategy;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
      ProposedOrder order =
          new ProposedOrder(
              pair(pair),
              side(side),
              volume,
              Optional.ofNullable(price),
              "limit",
              leverage,
              Optional.ofNullable(stop),
              Optional.ofNullable(strategy),
              Optional.empty(),
              false);
      PrintWriter out = spec.commandLine().getOut();
      CheckResult result =
          withRisk(
              database,
              risk.tally,
              configuration,
              clock,
              spec.commandLine().getErr(),
              service -> service.preTradeCheck(order));
      if (format.json()) {
        out.println(Json.write(RiskJson.check(result)));
      } else {
        out.print(text(order, result.outcome()));
      }
      out.flush();
      return result.outcome().passed() ? 0 : 1;
    }

    private static String text(ProposedOrder order, CheckOutcome outcome) {
      StringBuilder text = new StringBuilder();
      text.append(outcome.passed() ? "PASSED" : "REFUSED")
          .append("  ")
          .append(order.side().code())
          .append(' ')
          .append(order.volume().toPlainString())
          .append(' ')
          .append(order.pair().slashed())
          .append(
              order.price().map(p -> " at " + p.toPlainString()).orElse(" at the current price"))
          .append(order.margin() ? " (" + order.leverage().toPlainString() + "x)" : "")
          .append(System.lineSeparator());
      TextTable figures =
          TextTable.headerless(2)
              .right(1)
              .row("trading state", outcome.tradingState().name())
              .row(
                  "leverage",
                  outcome.currentLeverage().toPlainString()
                      + "x -> "
                      + outcome.proposedLeverage().toPlainString()
                      + "x")
              .row("position after", outcome.positionAfterPct().toPlainString() + " %")
              .row("exposure after", outcome.exposureAfterPct().toPlainString() + " %")
              .row("risk to stops after", outcome.portfolioRiskAfterPct().toPlainString() + " %")
              .row("margin required", outcome.marginRequired().toPlainString())
              .row("free margin after", outcome.freeMarginAfter().toPlainString())
              .row(
                  "max volume",
                  outcome.maxVolume().map(BigDecimal::toPlainString).orElse("no rule bounds it"));
      text.append(figures.render());
      if (!outcome.passed()) {
        TextTable reasons = new TextTable("RULE", "LIMIT", "VALUE", "WHY").right(1, 2);
        for (RuleFailure failure : outcome.failures()) {
          reasons.row(
              failure.rule().key(),
              failure.limit().map(BigDecimal::toPlainString).orElse(""),
              failure.value().map(BigDecimal::toPlainString).orElse(""),
              failure.detail());
        }
        text.append(System.lineSeparator()).append(reasons.render());
      }
      return text.toString();
    }
  }

  /** {@code tally risk status [--format json]}. */
  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "The limits and their use, trading state, drawdown, groups and classes.")
  static final class Status implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand RiskCommand risk;

    @Mixin DatabaseOption database;

    @Mixin ConfigOption configuration;

    @Mixin FormatOption format;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
      RiskStatus status =
          withRisk(
              database,
              risk.tally,
              configuration,
              clock,
              spec.commandLine().getErr(),
              RiskService::status);
      PrintWriter out = spec.commandLine().getOut();
      if (format.json()) {
        out.println(Json.write(RiskJson.status(status)));
      } else {
        out.print(text(status));
      }
      out.flush();
      return 0;
    }

    private static String text(RiskStatus status) {
      StringBuilder text = new StringBuilder();
      TextTable summary =
          TextTable.headerless(2)
              .row(
                  "trading state",
                  status.trading().state().name()
                      + status.trading().reason().map(r -> " (" + r + ")").orElse(""))
              .row("equity", status.equity().toPlainString())
              .row("drift", status.drift() ? "yes: only reducing orders pass" : "no")
              .row("stale prices", status.stale() ? "yes: only reducing orders pass" : "no")
              .row(
                  "drawdown levels breached",
                  status.breachedLevels().isEmpty()
                      ? "none"
                      : status.breachedLevels().stream()
                          .map(BigDecimal::toPlainString)
                          .toList()
                          .toString())
              .row(
                  "largest position",
                  status.concentration().largestAsset().map(a -> a.code()).orElse("none")
                      + " "
                      + status.concentration().largestPct().toPlainString()
                      + " % (Herfindahl "
                      + status.concentration().herfindahl().toPlainString()
                      + ")");
      text.append(summary.render()).append(System.lineSeparator());
      TextTable limits = new TextTable("RULE", "SUBJECT", "LIMIT", "NOW", "USED %").right(2, 3, 4);
      for (LimitUsage usage : status.limits()) {
        limits.row(
            usage.rule().key(),
            usage.subject(),
            usage.limit().toPlainString(),
            usage.value().toPlainString(),
            usage.utilisationPct().map(BigDecimal::toPlainString).orElse("")
                + (usage.exceeded() ? " OVER" : ""));
      }
      text.append(limits.render());
      for (RiskStatus.Group group : status.correlationGroups()) {
        text.append("correlated: ")
            .append(group.assets().stream().map(a -> a.code()).sorted().toList())
            .append(' ')
            .append(group.exposurePct().toPlainString())
            .append(" %")
            .append(System.lineSeparator());
      }
      return text.toString();
    }
  }

  /** {@code BASE/QUOTE} in canonical assets, with Kraken's aliases ({@code BTC/USD}). */
  static Pair pair(String text) {
    return PairName.of(text)
        .slashed()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "--pair must be BASE/QUOTE such as XBT/USD, got '" + text + "'"));
  }

  static Side side(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "buy" -> Side.BUY;
      case "sell" -> Side.SELL;
      default ->
          throw new IllegalArgumentException("--side must be buy or sell, got '" + text + "'");
    };
  }
}
