package io.tally.risk;

import io.tally.ledger.Side;
import io.tally.money.Precision;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sizes a position from its stop: risk amount = equity × risk %, volume = risk amount / the loss
 * per unit at the stop, net of round-trip fees ({@code |entry − stop| + fee × (entry + stop)} in
 * the quote currency, valued in the base currency). The volume is then reduced, each reduction
 * named: to what the funds allow with a 5 % buffer (free margin for a margin order, the spot
 * balance for a spot one), to what every limit of the pre-trade check allows, and to the pair's
 * lot.
 *
 * <p>Example: equity 100,000, risk 1 %, buy XBT/USD at 60,000 stopped at 57,000, fee 0.26 %: the
 * loss per XBT is 3,000 + 0.0026 × 117,000 = 3,304.2, so 1,000 / 3,304.2 = 0.30264... XBT before
 * the limits. Stateless and thread-safe.
 */
public final class PositionSizer {

  /** The share of the free funds a sizing leaves unused. */
  static final BigDecimal FUNDS_BUFFER = new BigDecimal("0.95");

  private static final BigDecimal HUNDRED = new BigDecimal("100");
  private static final int VOLUME_SCALE = 8;

  private PositionSizer() {}

  /** Sizes {@code request} on {@code book}, under the pair's order rules when known. */
  public static SizeOutcome size(RiskBook book, SizeRequest request, Optional<OrderRules> rules) {
    BigDecimal riskAmount =
        Precision.money(
            book.equity()
                .max(BigDecimal.ZERO)
                .multiply(request.riskPct())
                .divide(HUNDRED, Precision.RATIO));
    Optional<BigDecimal> quoteValue =
        book.unitValue(request.pair().quote()).filter(v -> v.signum() > 0);
    if (quoteValue.isEmpty()) {
      return zero(
          riskAmount,
          RuleFailure.of(
              RiskRule.PRICE,
              "no price for " + request.pair().quote().code() + " in the base currency"));
    }
    BigDecimal fee = book.policy().sizingFeePct().divide(HUNDRED, Precision.RATIO);
    BigDecimal lossPerUnit =
        request
            .entry()
            .subtract(request.stop())
            .abs()
            .add(fee.multiply(request.entry().add(request.stop())))
            .multiply(quoteValue.get());
    BigDecimal volume = riskAmount.divide(lossPerUnit, Precision.RATIO);
    List<RiskRule> limitedBy = new ArrayList<>();
    List<RuleFailure> reasons = new ArrayList<>();

    BigDecimal unitValue = request.entry().multiply(quoteValue.get());
    Funds funds = funds(book, request, unitValue);
    if (funds.free().signum() <= 0) {
      return zero(
          riskAmount,
          RuleFailure.of(funds.rule(), BigDecimal.ZERO, funds.free(), "Insufficient margin"));
    }
    BigDecimal affordable =
        FUNDS_BUFFER.multiply(funds.free()).divide(funds.perUnit(), Precision.RATIO);
    if (affordable.compareTo(volume) < 0) {
      BigDecimal needed = Precision.money(volume.multiply(funds.perUnit()));
      volume = affordable;
      limitedBy.add(funds.rule());
      reasons.add(
          RuleFailure.of(
              funds.rule(),
              Precision.money(funds.free()),
              needed,
              "reduced to 95 % of the free "
                  + (funds.rule() == RiskRule.FREE_MARGIN ? "margin" : "balance")));
    }

    BigDecimal candidate = roundDown(volume, rules);
    if (candidate.signum() > 0) {
      CheckOutcome check = PreTradeCheck.check(book, request.order(candidate), rules);
      BigDecimal allowed = check.maxVolume().orElse(candidate);
      if (allowed.compareTo(candidate) < 0) {
        for (RuleFailure failure : check.failures()) {
          if (!limitedBy.contains(failure.rule())) {
            limitedBy.add(failure.rule());
            reasons.add(failure);
          }
        }
        volume = allowed;
        candidate = roundDown(allowed, rules);
      }
    }
    if (candidate.compareTo(volume) < 0
        && rules.isPresent()
        && !limitedBy.contains(RiskRule.LOT_DECIMALS)) {
      limitedBy.add(RiskRule.LOT_DECIMALS);
      reasons.add(
          RuleFailure.of(
              RiskRule.LOT_DECIMALS,
              BigDecimal.valueOf(rules.get().lotDecimals()),
              volume.stripTrailingZeros(),
              "rounded down to the pair's " + rules.get().lotDecimals() + " lot decimals"));
    }
    if (rules.isPresent() && candidate.signum() > 0 && !rules.get().meetsOrdermin(candidate)) {
      limitedBy.add(RiskRule.ORDERMIN);
      reasons.add(
          RuleFailure.of(
              RiskRule.ORDERMIN,
              rules.get().ordermin(),
              candidate,
              "the volume is under the pair's ordermin: nothing to trade"));
      candidate = BigDecimal.ZERO;
    }
    return new SizeOutcome(Precision.canonical(candidate), riskAmount, limitedBy, reasons);
  }

  /** What an order draws on and how much per unit: free margin on margin, the balance on spot. */
  private record Funds(RiskRule rule, BigDecimal free, BigDecimal perUnit) {}

  private static Funds funds(RiskBook book, SizeRequest request, BigDecimal unitValue) {
    if (request.leverage().compareTo(BigDecimal.ONE) > 0) {
      return new Funds(
          RiskRule.FREE_MARGIN,
          book.equity().subtract(book.marginUsed()),
          unitValue.divide(request.leverage(), Precision.RATIO));
    }
    if (request.side() == Side.BUY) {
      return new Funds(
          RiskRule.BALANCE, book.exposure(request.pair().quote()).spotQuantity(), request.entry());
    }
    return new Funds(
        RiskRule.BALANCE, book.exposure(request.pair().base()).spotQuantity(), BigDecimal.ONE);
  }

  private static BigDecimal roundDown(BigDecimal volume, Optional<OrderRules> rules) {
    return rules
        .map(r -> r.roundDown(volume))
        .orElse(volume.setScale(VOLUME_SCALE, RoundingMode.DOWN));
  }

  private static SizeOutcome zero(BigDecimal riskAmount, RuleFailure why) {
    return new SizeOutcome(BigDecimal.ZERO, riskAmount, List.of(why.rule()), List.of(why));
  }
}
