package io.tally.risk;

import io.tally.money.Asset;
import io.tally.money.Precision;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The pre-trade check: simulates an order on a {@link RiskBook} and holds it to every limit of the
 * book's {@link RiskPolicy}, the pair's {@link OrderRules}, the free margin or spot balance, the
 * trading state, drift and staleness. Every rule that fails is listed, and the largest volume that
 * would pass them all is computed from the same measures ({@link VolumeMeasure}), so it is exact
 * and agrees with the check by construction.
 *
 * <p><b>Reducing orders.</b> A limit is broken only by an order that takes its measure over the
 * limit and higher than it was: an order that lowers a measure already over its limit passes it, so
 * a bot can always unwind. An order <em>reduces</em> when it moves its base asset's exposure toward
 * zero without crossing it; only such orders pass in the REDUCING state, under drift or on stale
 * prices, and the minimum position size does not apply to them.
 *
 * <p>Example: {@code PreTradeCheck.check(book, ProposedOrder.of(XBTUSD, Side.BUY, new
 * BigDecimal("0.5")), Optional.empty()).passed()}. Stateless and thread-safe.
 */
public final class PreTradeCheck {

  private static final BigDecimal HUNDRED = new BigDecimal("100");
  private static final int VOLUME_SCALE = 8;

  /**
   * How far over a ceiling a measure may be and still pass: far under a unit of the last money
   * decimal, it absorbs the last digit of 34-digit divisions (a notional over a leverage of 3), so
   * the exact largest volume is not refused for a rounding.
   */
  private static final BigDecimal TOLERANCE = new BigDecimal("1E-18");

  /** One limit: its measure over the order's volume, the ceiling, and how a breach reads. */
  private record Limit(RiskRule rule, VolumeMeasure measure, BigDecimal ceiling, Reporter report) {}

  /** The failure of a limit whose measure is {@code after} with the order and {@code before}. */
  @FunctionalInterface
  private interface Reporter {
    RuleFailure failure(BigDecimal after, BigDecimal before);
  }

  private PreTradeCheck() {}

  /**
   * Checks {@code order} against {@code book}, under the order rules of its pair when known.
   *
   * @throws IllegalArgumentException when the order's stop is on the wrong side of its price
   */
  public static CheckOutcome check(RiskBook book, ProposedOrder order, Optional<OrderRules> rules) {
    Optional<BigDecimal> price = order.price().or(() -> book.currentPrice(order.pair()));
    Optional<BigDecimal> quoteValue =
        book.unitValue(order.pair().quote()).filter(v -> v.signum() > 0);
    if (price.isEmpty() || quoteValue.isEmpty()) {
      return unpriced(book, order);
    }
    OrderLegs legs = OrderLegs.of(order, price.get(), quoteValue.get(), book.base());
    order.stopLoss().ifPresent(stop -> StopDistance.check(order.side(), price.get(), stop));
    return new Evaluation(book, order, legs, rules).outcome();
  }

  /**
   * The answer for an order that cannot be priced: the price failure after the gates that need no
   * price (the trading state, drift, staleness), the order counted as not reducing since its value
   * is unknown.
   */
  private static CheckOutcome unpriced(RiskBook book, ProposedOrder order) {
    List<RuleFailure> failures = new ArrayList<>();
    stateGates(book, false, failures);
    failures.add(
        RuleFailure.of(
            RiskRule.PRICE,
            "no price for " + order.pair().slashed() + ": give one, or fetch prices"));
    BigDecimal leverage = leverage(book.grossExposure(), book.equity());
    return new CheckOutcome(
        failures,
        leverage,
        leverage,
        BigDecimal.ZERO.setScale(Precision.PERCENT_SCALE),
        book.percentOfEquity(book.grossExposure()),
        book.percentOfEquity(book.portfolioRisk()),
        Precision.money(BigDecimal.ZERO),
        Precision.money(book.equity().subtract(book.marginUsed())),
        Optional.of(BigDecimal.ZERO),
        book.state(),
        Optional.empty());
  }

  /** The trading state, drift and staleness: what only a reducing order passes. */
  private static void stateGates(RiskBook book, boolean reduces, List<RuleFailure> failures) {
    if (!book.state().allows(reduces)) {
      failures.add(
          RuleFailure.of(
              RiskRule.TRADING_STATE,
              book.state() == TradingState.HALTED
                  ? "trading is HALTED: no order passes"
                  : "trading is REDUCING: only orders that reduce a position pass"));
    }
    if (book.policy().refuseOnDrift() && book.drift() && !reduces) {
      failures.add(
          RuleFailure.of(
              RiskRule.REFUSE_ON_DRIFT,
              "the books drift from the exchange: only orders that reduce a position pass"));
    }
    if (book.policy().refuseOnStalePrices() && book.stale() && !reduces) {
      failures.add(
          RuleFailure.of(
              RiskRule.REFUSE_ON_STALE_PRICES,
              "prices are stale: only orders that reduce a position pass"));
    }
  }

  /** One order's check: its limits built once, then evaluated at its volume and solved for max. */
  private static final class Evaluation {
    private final RiskBook book;
    private final ProposedOrder order;
    private final OrderLegs legs;
    private final Optional<OrderRules> rules;
    private final RiskLimits limits;
    private final BigDecimal equity;
    private final AssetExposure base;
    private final AssetExposure quote;
    private final boolean reduces;
    private final VolumeMeasure.Term baseTerm;
    private final VolumeMeasure.Term quoteTerm;
    private final VolumeMeasure gross;
    private final VolumeMeasure risk;
    private final Optional<VolumeMeasure> margin;
    private final List<Limit> all = new ArrayList<>();

    Evaluation(RiskBook book, ProposedOrder order, OrderLegs legs, Optional<OrderRules> rules) {
      this.book = book;
      this.order = order;
      this.legs = legs;
      this.rules = rules;
      this.limits = book.policy().limitsFor(order.strategy());
      this.equity = book.equity();
      this.base = book.exposure(legs.base());
      this.quote = legs.quote().map(book::exposure).orElse(flat(order.pair().quote()));
      this.reduces = reducing(base.value(), legs, order.volume());
      this.baseTerm = new VolumeMeasure.Term(base.value(), legs.baseRate());
      this.quoteTerm = new VolumeMeasure.Term(quote.value(), legs.quoteRate());
      this.gross =
          twoLegs(book.grossExposure().subtract(base.size()).subtract(legQuoteSize()), 1, 1);
      // The order's stop protects the position it opens or adds to, not one it reduces.
      boolean adds = base.value().signum() * legs.sign().signum() >= 0;
      BigDecimal baseFraction =
          order
              .stopLoss()
              .filter(stop -> adds)
              .map(stop -> StopDistance.fraction(legs.price(), stop))
              .orElse(base.riskFraction());
      BigDecimal quoteRisk = legs.quote().isPresent() ? quote.risk() : BigDecimal.ZERO;
      VolumeMeasure risks =
          VolumeMeasure.constant(book.portfolioRisk().subtract(base.risk()).subtract(quoteRisk))
              .plus(baseTerm, baseFraction);
      this.risk = legs.quote().isPresent() ? risks.plus(quoteTerm, quote.riskFraction()) : risks;
      this.margin = legs.margin() ? Optional.of(marginUsed()) : Optional.empty();
      if (equity.signum() > 0) {
        addLimits();
      }
    }

    private static AssetExposure flat(Asset asset) {
      return new AssetExposure(asset, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ONE);
    }

    private BigDecimal legQuoteSize() {
      return legs.quote().isPresent() ? quote.size() : BigDecimal.ZERO;
    }

    /**
     * {@code constant + |base after| + |quote after|}: the base leg always, the quote leg if any.
     */
    private VolumeMeasure twoLegs(BigDecimal constant, int baseWeight, int quoteWeight) {
      VolumeMeasure measure = VolumeMeasure.constant(constant);
      if (baseWeight != 0) {
        measure = measure.plus(baseTerm, BigDecimal.ONE);
      }
      if (quoteWeight != 0 && legs.quote().isPresent()) {
        measure = measure.plus(quoteTerm, BigDecimal.ONE);
      }
      return measure;
    }

    /** Margin in use after the order: the pair's notional at the order's leverage. */
    private VolumeMeasure marginUsed() {
      BigDecimal notional = book.marginNotional(order.pair());
      BigDecimal perLeverage = BigDecimal.ONE.divide(legs.leverage(), Precision.RATIO);
      return VolumeMeasure.constant(
              book.marginUsed().subtract(notional.abs().multiply(perLeverage)))
          .plus(new VolumeMeasure.Term(notional, legs.baseRate()), perLeverage);
    }

    private void addLimits() {
      BigDecimal pctUnit = equity.movePointLeft(2);
      all.add(
          new Limit(
              RiskRule.LEVERAGE_CAP,
              gross,
              limits.leverageCap().multiply(equity),
              (after, before) ->
                  RuleFailure.of(
                      RiskRule.LEVERAGE_CAP,
                      limits.leverageCap(),
                      leverage(after, equity),
                      "leverage would be "
                          + leverage(after, equity).toPlainString()
                          + "x, over the leverage cap of "
                          + limits.leverageCap().toPlainString()
                          + "x")));
      positionLimit(legs.base(), twoLegs(BigDecimal.ZERO, 1, 0), pctUnit);
      legs.quote().ifPresent(q -> positionLimit(q, twoLegs(BigDecimal.ZERO, 0, 1), pctUnit));
      all.add(
          pctLimit(
              RiskRule.MAX_PORTFOLIO_RISK_PCT,
              risk,
              limits.maxPortfolioRiskPct(),
              pctUnit,
              "the positions' risk to their stops"));
      limits.maxCorrelatedExposurePct().ifPresent(max -> correlatedLimit(max, pctUnit));
      classLimits(pctUnit);
      if (limits.cashReservePct().signum() > 0) {
        cashReserve(pctUnit);
      }
      margin.ifPresent(
          used ->
              all.add(
                  new Limit(
                      RiskRule.FREE_MARGIN,
                      used,
                      equity,
                      (after, before) ->
                          RuleFailure.of(
                              RiskRule.FREE_MARGIN,
                              money(equity.subtract(before)),
                              money(after.subtract(before)),
                              "the order needs "
                                  + money(after.subtract(before)).toPlainString()
                                  + " of margin; "
                                  + money(equity.subtract(before)).toPlainString()
                                  + " is free"))));
      if (!legs.margin()) {
        balance();
      }
    }

    private void positionLimit(Asset asset, VolumeMeasure measure, BigDecimal pctUnit) {
      all.add(
          pctLimit(
              RiskRule.MAX_POSITION_PCT,
              measure,
              limits.maxPositionPct(),
              pctUnit,
              asset.code() + "'s exposure"));
    }

    private void correlatedLimit(BigDecimal max, BigDecimal pctUnit) {
      java.util.Set<Asset> group = book.correlatedWith(legs.base());
      if (group.size() < 2) {
        return;
      }
      BigDecimal others = BigDecimal.ZERO;
      for (Asset asset : group) {
        if (!asset.equals(legs.base()) && !legs.quote().filter(asset::equals).isPresent()) {
          others = others.add(book.exposure(asset).size());
        }
      }
      boolean quoteIn = legs.quote().filter(group::contains).isPresent();
      all.add(
          pctLimit(
              RiskRule.MAX_CORRELATED_EXPOSURE_PCT,
              twoLegs(others, 1, quoteIn ? 1 : 0),
              max,
              pctUnit,
              "the correlated group " + names(group) + "'s exposure"));
    }

    private void classLimits(BigDecimal pctUnit) {
      Optional<AssetClass> baseClass = book.policy().classOf(legs.base());
      Optional<AssetClass> quoteClass = legs.quote().flatMap(book.policy()::classOf);
      baseClass.ifPresent(
          c -> {
            boolean quoteIn = quoteClass.filter(c::equals).isPresent();
            BigDecimal others =
                book.classExposure(c.name())
                    .subtract(base.size())
                    .subtract(quoteIn ? quote.size() : BigDecimal.ZERO);
            c.maxClassPct()
                .ifPresent(
                    max ->
                        all.add(
                            pctLimit(
                                RiskRule.MAX_CLASS_PCT,
                                twoLegs(others, 1, quoteIn ? 1 : 0),
                                max,
                                pctUnit,
                                "the asset class " + c.name() + "'s exposure")));
          });
      quoteClass
          .filter(c -> baseClass.filter(c::equals).isEmpty())
          .ifPresent(
              c ->
                  c.maxClassPct()
                      .ifPresent(
                          max ->
                              all.add(
                                  pctLimit(
                                      RiskRule.MAX_CLASS_PCT,
                                      twoLegs(
                                          book.classExposure(c.name()).subtract(quote.size()),
                                          0,
                                          1),
                                      max,
                                      pctUnit,
                                      "the asset class " + c.name() + "'s exposure"))));
    }

    /** Free cash (cash less margin in use) after the order, at least the reserve. */
    private void cashReserve(BigDecimal pctUnit) {
      VolumeMeasure lessCash =
          margin
              .orElse(VolumeMeasure.constant(book.marginUsed()))
              .plus(book.cash().negate())
              .plusLinear(legs.cashRate().negate());
      BigDecimal reserve = limits.cashReservePct();
      all.add(
          new Limit(
              RiskRule.CASH_RESERVE_PCT,
              lessCash,
              reserve.multiply(pctUnit).negate(),
              (after, before) ->
                  RuleFailure.of(
                      RiskRule.CASH_RESERVE_PCT,
                      reserve,
                      percentOf(after.negate(), pctUnit),
                      "free cash would be "
                          + percentOf(after.negate(), pctUnit).toPlainString()
                          + " % of equity, under the reserve of "
                          + reserve.toPlainString()
                          + " %")));
    }

    /** A spot order spends at most what the account holds: quote on a buy, base on a sell. */
    private void balance() {
      boolean buy = legs.sign().signum() > 0;
      Asset spent = buy ? order.pair().quote() : legs.base();
      BigDecimal held = book.exposure(spent).spotQuantity();
      BigDecimal perUnit = buy ? legs.price() : BigDecimal.ONE;
      all.add(
          new Limit(
              RiskRule.BALANCE,
              VolumeMeasure.constant(BigDecimal.ZERO).plusLinear(perUnit),
              held,
              (after, before) ->
                  RuleFailure.of(
                      RiskRule.BALANCE,
                      held,
                      after,
                      "the order spends "
                          + after.stripTrailingZeros().toPlainString()
                          + " "
                          + spent.code()
                          + "; the account holds "
                          + held.stripTrailingZeros().toPlainString())));
    }

    private Limit pctLimit(
        RiskRule rule, VolumeMeasure measure, BigDecimal maxPct, BigDecimal pctUnit, String what) {
      return new Limit(
          rule,
          measure,
          maxPct.multiply(pctUnit),
          (after, before) ->
              RuleFailure.of(
                  rule,
                  maxPct,
                  percentOf(after, pctUnit),
                  what
                      + " would be "
                      + percentOf(after, pctUnit).toPlainString()
                      + " % of equity, over the limit of "
                      + maxPct.toPlainString()
                      + " %"));
    }

    CheckOutcome outcome() {
      BigDecimal volume = order.volume();
      List<RuleFailure> failures = new ArrayList<>();
      gates(failures);
      if (equity.signum() <= 0 && !reduces) {
        failures.add(
            RuleFailure.of(
                RiskRule.LEVERAGE_CAP,
                "equity is "
                    + equity.toPlainString()
                    + ": only orders that reduce a position pass"));
      }
      for (Limit limit : all) {
        BigDecimal before = limit.measure().at(BigDecimal.ZERO);
        BigDecimal after = limit.measure().at(volume);
        if (after.compareTo(limit.ceiling().max(before).add(TOLERANCE)) > 0) {
          failures.add(limit.report().failure(after, before));
        }
      }
      rules.ifPresent(
          pair -> failures.addAll(pair.failures(volume, legs.price(), order.pair().quote())));
      BigDecimal marginBefore = margin.map(m -> m.at(BigDecimal.ZERO)).orElse(book.marginUsed());
      BigDecimal marginAfter = margin.map(m -> m.at(volume)).orElse(book.marginUsed());
      return new CheckOutcome(
          failures,
          leverage(book.grossExposure(), equity),
          leverage(gross.at(volume), equity),
          book.percentOfEquity(base.value().add(legs.baseRate().multiply(volume)).abs()),
          book.percentOfEquity(gross.at(volume)),
          book.percentOfEquity(risk.at(volume)),
          money(marginAfter.subtract(marginBefore).max(BigDecimal.ZERO)),
          money(equity.subtract(marginAfter)),
          maxVolume(),
          book.state(),
          Optional.of(legs));
    }

    /** The trading state, drift, staleness and the count per pair: what only reducing passes. */
    private void gates(List<RuleFailure> failures) {
      stateGates(book, reduces, failures);
      limits
          .maxPositionsPerSymbol()
          .filter(max -> !reduces && book.openOn(order.pair()) + 1 > max)
          .ifPresent(
              max ->
                  failures.add(
                      RuleFailure.of(
                          RiskRule.MAX_POSITIONS_PER_SYMBOL,
                          BigDecimal.valueOf(max),
                          BigDecimal.valueOf(book.openOn(order.pair()) + 1L),
                          (book.openOn(order.pair()) + 1)
                              + " positions and orders on "
                              + order.pair().slashed()
                              + ", over the limit of "
                              + max)));
      if (!reduces) {
        BigDecimal value = order.volume().multiply(legs.unitValue());
        if (value.compareTo(limits.minPositionBase()) < 0) {
          failures.add(
              RuleFailure.of(
                  RiskRule.MIN_POSITION_BASE,
                  limits.minPositionBase(),
                  money(value),
                  "the order is worth "
                      + money(value).toPlainString()
                      + ", under the minimum of "
                      + limits.minPositionBase().toPlainString()));
        }
        if (equity.signum() > 0) {
          BigDecimal pct = book.percentOfEquity(value);
          if (pct.compareTo(limits.minPositionPct()) < 0) {
            failures.add(
                RuleFailure.of(
                    RiskRule.MIN_POSITION_PCT,
                    limits.minPositionPct(),
                    pct,
                    "the order is worth "
                        + pct.toPlainString()
                        + " % of equity, under the minimum of "
                        + limits.minPositionPct().toPlainString()
                        + " %"));
          }
        }
      }
    }

    /** The largest volume that passes every rule, rounded down to the pair's lot. */
    private Optional<BigDecimal> maxVolume() {
      if (book.state() == TradingState.HALTED) {
        return Optional.of(BigDecimal.ZERO);
      }
      Optional<VolumeMeasure.Bound> tightest = Optional.empty();
      for (Limit limit : all) {
        BigDecimal before = limit.measure().at(BigDecimal.ZERO);
        Optional<VolumeMeasure.Bound> next =
            limit.measure().bound(limit.ceiling().max(before).add(TOLERANCE));
        if (next.isPresent() && (tightest.isEmpty() || next.get().compareTo(tightest.get()) < 0)) {
          tightest = next;
        }
      }
      Optional<BigDecimal> bound = tightest.map(VolumeMeasure.Bound::volume);
      boolean opposite = base.value().signum() * legs.sign().signum() < 0;
      boolean onlyReducing =
          !book.state().allows(false)
              || (book.policy().refuseOnDrift() && book.drift())
              || (book.policy().refuseOnStalePrices() && book.stale())
              || equity.signum() <= 0
              || limits
                  .maxPositionsPerSymbol()
                  .filter(max -> book.openOn(order.pair()) + 1 > max)
                  .isPresent();
      if (onlyReducing) {
        BigDecimal reducible =
            opposite ? base.size().divide(legs.unitValue(), Precision.RATIO) : BigDecimal.ZERO;
        bound = min(bound, Optional.of(reducible));
      }
      if (bound.isEmpty()) {
        return Optional.empty();
      }
      BigDecimal exact = bound.get();
      BigDecimal largest =
          rules
              .map(r -> r.roundDown(exact))
              .orElse(exact.setScale(VOLUME_SCALE, RoundingMode.DOWN));
      return Optional.of(
          tooSmall(largest, opposite) ? BigDecimal.ZERO : Precision.canonical(largest));
    }

    /**
     * Whether {@code volume} is under the pair's ordermin or costmin, or, unless it only reduces
     * the position, under the minimum position (compared in money: no division).
     */
    private boolean tooSmall(BigDecimal volume, boolean opposite) {
      if (rules.isPresent()
          && (!rules.get().meetsOrdermin(volume)
              || !rules.get().meetsCostmin(volume, legs.price()))) {
        return true;
      }
      BigDecimal value = volume.multiply(legs.unitValue());
      boolean onlyReduces = opposite && value.compareTo(base.size()) <= 0;
      if (onlyReduces) {
        return false;
      }
      return value.compareTo(limits.minPositionBase()) < 0
          || value
                  .multiply(HUNDRED)
                  .compareTo(limits.minPositionPct().multiply(equity.max(BigDecimal.ZERO)))
              < 0;
    }

    private static Optional<BigDecimal> min(Optional<BigDecimal> a, Optional<BigDecimal> b) {
      if (a.isEmpty()) {
        return b;
      }
      if (b.isEmpty()) {
        return a;
      }
      return Optional.of(a.get().min(b.get()));
    }
  }

  /**
   * Whether {@code volume} of an order with {@code legs} moves {@code exposure} toward zero only.
   */
  static boolean reducing(BigDecimal exposure, OrderLegs legs, BigDecimal volume) {
    return exposure.signum() * legs.sign().signum() < 0
        && volume.multiply(legs.unitValue()).compareTo(exposure.abs()) <= 0;
  }

  private static String names(java.util.Set<Asset> assets) {
    return assets.stream().map(Asset::code).sorted().toList().toString();
  }

  static BigDecimal leverage(BigDecimal exposure, BigDecimal equity) {
    if (equity.signum() <= 0) {
      return BigDecimal.ZERO;
    }
    return exposure.divide(equity, 4, Precision.ROUNDING);
  }

  private static BigDecimal percentOf(BigDecimal part, BigDecimal pctUnit) {
    return part.divide(pctUnit, Precision.PERCENT_SCALE, Precision.ROUNDING);
  }

  private static BigDecimal money(BigDecimal value) {
    return Precision.money(value);
  }
}
