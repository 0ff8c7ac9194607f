package io.tally.engine.paper;

import static java.util.Objects.requireNonNull;

import io.tally.margin.MarginTerms;
import io.tally.money.Asset;
import io.tally.money.Precision;
import java.math.BigDecimal;

/**
 * The settings of one paper account ({@code accounts.<name>.kind: paper}): its name, the margin
 * terms (whose collateral is the account's only money), the initial balance deposited when it
 * opens, the fee schedule, the slippage of market orders, funding, and how many finished orders it
 * keeps listing.
 *
 * <p>Example: {@code PaperTerms.of("demo")}: 10,000 USDT, {@link MarginTerms#paper} (up to 125×),
 * Kraken's spot fees, {@link SlippageModel#standard()}, funding every 8 hours at 0.01 %, the last
 * 1,000 finished orders; {@code .withInitialBalance(Asset.USD, new BigDecimal("5000"))} for 5,000
 * USD. Immutable.
 *
 * @param name one word of letters, digits, {@code -} and {@code _}: event and order ids start with
 *     it
 * @param initialBalance the first deposit, positive, at most 8 decimals
 * @param recentOrders how many finished (filled, canceled, rejected) orders {@code orders()} keeps,
 *     at least 0
 */
public record PaperTerms(
    String name,
    MarginTerms margin,
    BigDecimal initialBalance,
    FeeSchedule fees,
    SlippageModel slippage,
    FundingTerms funding,
    int recentOrders) {

  /** The collateral of a paper account unless configured: Tether. */
  public static final Asset DEFAULT_COLLATERAL = Asset.of("USDT");

  /** The initial balance unless configured. */
  public static final BigDecimal DEFAULT_INITIAL_BALANCE = new BigDecimal("10000");

  /** How many finished orders are listed unless configured. */
  public static final int DEFAULT_RECENT_ORDERS = 1_000;

  public PaperTerms {
    requireNonNull(name, "name");
    if (!name.matches("[A-Za-z0-9_-]{1,64}")) {
      throw new IllegalArgumentException(
          "name must be 1 to 64 letters, digits, '-' or '_', got '" + name + "'");
    }
    requireNonNull(margin, "margin");
    initialBalance =
        Precision.exactMoney(Checks.positive("initial_balance", initialBalance), "initial_balance");
    requireNonNull(fees, "fees");
    requireNonNull(slippage, "slippage");
    requireNonNull(funding, "funding");
    if (recentOrders < 0) {
      throw new IllegalArgumentException("recentOrders must not be negative, got " + recentOrders);
    }
  }

  /** The defaults for an account called {@code name} (see the class description). */
  public static PaperTerms of(String name) {
    return new PaperTerms(
        name,
        MarginTerms.paper(DEFAULT_COLLATERAL),
        DEFAULT_INITIAL_BALANCE,
        FeeSchedule.krakenSpot(),
        SlippageModel.standard(),
        FundingTerms.standard(),
        DEFAULT_RECENT_ORDERS);
  }

  /** The collateral asset: every pair traded must be quoted in it. */
  public Asset collateral() {
    return margin.collateral();
  }

  /** These terms in another collateral asset with another initial balance (paper margin terms). */
  public PaperTerms withInitialBalance(Asset collateral, BigDecimal balance) {
    return new PaperTerms(
        name, MarginTerms.paper(collateral), balance, fees, slippage, funding, recentOrders);
  }

  /** These terms with other margin terms (such as a pair's own leverage cap). */
  public PaperTerms withMargin(MarginTerms terms) {
    return new PaperTerms(name, terms, initialBalance, fees, slippage, funding, recentOrders);
  }

  /** These terms with another fee schedule. */
  public PaperTerms withFees(FeeSchedule schedule) {
    return new PaperTerms(name, margin, initialBalance, schedule, slippage, funding, recentOrders);
  }

  /** These terms with another slippage model. */
  public PaperTerms withSlippage(SlippageModel model) {
    return new PaperTerms(name, margin, initialBalance, fees, model, funding, recentOrders);
  }

  /** These terms with other funding. */
  public PaperTerms withFunding(FundingTerms terms) {
    return new PaperTerms(name, margin, initialBalance, fees, slippage, terms, recentOrders);
  }

  /** These terms keeping another number of finished orders. */
  public PaperTerms withRecentOrders(int count) {
    return new PaperTerms(name, margin, initialBalance, fees, slippage, funding, count);
  }
}
