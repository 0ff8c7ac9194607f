package io.tally.books;

import static java.util.Objects.requireNonNull;

import io.tally.ledger.Trade;
import io.tally.money.Amount;
import io.tally.money.Asset;
import io.tally.money.Precision;
import io.tally.valuation.MarketPrices;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a trade's legs and fees are worth in the base currency (ACCOUNTING.md §3): the swap's value
 * {@code V}, its share per leg, and each fee's value. One rule for every fold that books trades:
 * {@link Books} and the tax lots value a swap the same way. A price that is missing is listed as a
 * data issue in the list given at construction.
 *
 * <p>Example: for a swap of 0.5 XBT for 10 ETH with no base-currency leg, {@code
 * pricing.value(trade)} is 0.5 × the XBT price at the trade's moment. Not thread-safe (it adds to
 * the issue list).
 */
public final class SwapPricing {

  private static final BigDecimal ZERO = Precision.money(BigDecimal.ZERO);

  private final Asset base;
  private final MarketPrices prices;
  private final List<DataIssue> issues;

  /** Pricing in {@code prices}' base currency; missing prices are added to {@code issues}. */
  public SwapPricing(MarketPrices prices, List<DataIssue> issues) {
    this.prices = requireNonNull(prices, "prices");
    this.base = prices.base();
    this.issues = requireNonNull(issues, "issues");
  }

  /**
   * {@code V}, the value of the swap: a base-currency leg's amount, else the sold legs at market,
   * else the bought legs at market. A one-leg trade is worth zero: Kraken omits a leg only when it
   * rounds to nothing. Empty, with a missing-price issue, when no leg has a price: the caller then
   * lets the bought units carry the sold units' cost.
   */
  public Optional<BigDecimal> value(Trade trade) {
    List<Amount> sold = trade.sold();
    List<Amount> bought = trade.bought();
    if (sold.isEmpty() || bought.isEmpty()) {
      return Optional.of(ZERO);
    }
    Optional<BigDecimal> value = baseLeg(sold);
    if (value.isEmpty()) {
      value = baseLeg(bought);
    }
    if (value.isEmpty()) {
      value = marketValue(sold, trade);
    }
    if (value.isEmpty()) {
      value = marketValue(bought, trade);
    }
    if (value.isEmpty()) {
      issues.add(
          new DataIssue(
              IssueKind.MISSING_PRICE,
              trade.id().value(),
              sold.get(0).asset().code(),
              "no price at "
                  + trade.at()
                  + " for any leg of the swap; the bought units carry the sold units' cost and"
                  + " its PnL is incomplete"));
    }
    return value;
  }

  /**
   * {@code total} shared among the legs in proportion to their market values, the last leg taking
   * what rounding leaves so the shares add up exactly. One leg takes everything. Without prices for
   * every leg the shares are equal, and a missing-price issue says so. The shares replace what
   * {@code shares} held, leg by leg: a fold reuses one list trade after trade.
   */
  public void split(BigDecimal total, List<Amount> legs, Trade trade, List<BigDecimal> shares) {
    shares.clear();
    if (legs.size() == 1) {
      shares.add(total);
      return;
    }
    List<BigDecimal> weights = new ArrayList<>(legs.size());
    BigDecimal weightSum = ZERO;
    for (Amount leg : legs) {
      Optional<BigDecimal> legValue = prices.value(leg.asset(), leg.value(), trade.at());
      if (legValue.isEmpty()) {
        issues.add(
            new DataIssue(
                IssueKind.MISSING_PRICE,
                trade.id().value(),
                leg.asset().code(),
                "no "
                    + leg.asset()
                    + " price at "
                    + trade.at()
                    + " to share the swap's value among its legs; shared equally"));
        weights = null;
        break;
      }
      weights.add(legValue.get());
      weightSum = weightSum.add(legValue.get());
    }
    if (weights == null || weightSum.signum() == 0) {
      weights = new ArrayList<>(legs.size());
      for (int i = 0; i < legs.size(); i++) {
        weights.add(BigDecimal.ONE);
      }
      weightSum = BigDecimal.valueOf(legs.size());
    }
    BigDecimal allotted = ZERO;
    for (int i = 0; i < legs.size() - 1; i++) {
      BigDecimal share = Precision.share(total, weights.get(i), weightSum);
      shares.add(share);
      allotted = allotted.add(share);
    }
    shares.add(total.subtract(allotted));
  }

  /**
   * A fee leg's value: its amount when in the base currency; the trade's own price when it is paid
   * in one of the trade's legs ({@code legValues} holds each leg's value, {@code V_leg /
   * quantity}); otherwise its market value at the trade's moment. Empty when none applies: the
   * caller lists the missing price.
   *
   * @param valued whether the swap has a value ({@link #value} was present)
   */
  public Optional<BigDecimal> feeValue(
      Trade trade, Amount fee, boolean valued, LegValues legValues) {
    boolean oneLeg = trade.sold().isEmpty() || trade.bought().isEmpty();
    if (fee.asset().equals(base)) {
      return Optional.of(Precision.money(fee.value()));
    }
    if (!oneLeg && valued && legValues.has(fee.asset())) {
      Amount leg = legOf(trade, fee.asset());
      return Optional.of(Precision.share(legValues.of(fee.asset()), fee.value(), leg.value()));
    }
    return prices.value(fee.asset(), fee.value(), trade.at());
  }

  /** The leg of {@code trade} in {@code asset}, sold or bought. */
  static Amount legOf(Trade trade, Asset asset) {
    List<Amount> sold = trade.sold();
    for (int i = 0; i < sold.size(); i++) {
      if (sold.get(i).asset().equals(asset)) {
        return sold.get(i);
      }
    }
    List<Amount> bought = trade.bought();
    for (int i = 0; i < bought.size(); i++) {
      if (bought.get(i).asset().equals(asset)) {
        return bought.get(i);
      }
    }
    throw new IllegalStateException(asset + " is not a leg of " + trade.id());
  }

  private Optional<BigDecimal> baseLeg(List<Amount> legs) {
    // Indexed: a for-each made an iterator per leg list on the replay's hottest path.
    for (int i = 0; i < legs.size(); i++) {
      Amount leg = legs.get(i);
      if (leg.asset().equals(base)) {
        return Optional.of(Precision.money(leg.value()));
      }
    }
    return Optional.empty();
  }

  /** The market value of all the legs, when every one of them has a price. */
  private Optional<BigDecimal> marketValue(List<Amount> legs, Trade trade) {
    BigDecimal total = ZERO;
    for (int i = 0; i < legs.size(); i++) {
      Amount leg = legs.get(i);
      Optional<BigDecimal> legValue = prices.value(leg.asset(), leg.value(), trade.at());
      if (legValue.isEmpty()) {
        return Optional.empty();
      }
      total = total.add(legValue.get());
    }
    return Optional.of(total);
  }
}
