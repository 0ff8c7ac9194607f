package io.tally.tax;

import static java.util.Objects.requireNonNull;

import io.tally.books.DataIssue;
import io.tally.books.IssueKind;
import io.tally.books.LegValues;
import io.tally.books.SwapPricing;
import io.tally.ledger.CashFlow;
import io.tally.ledger.EventId;
import io.tally.ledger.FlowKind;
import io.tally.ledger.InternalMove;
import io.tally.ledger.LedgerEvent;
import io.tally.ledger.MarginPnl;
import io.tally.ledger.PositionCarry;
import io.tally.ledger.PositionFill;
import io.tally.ledger.Trade;
import io.tally.ledger.Unclassified;
import io.tally.money.Amount;
import io.tally.money.Asset;
import io.tally.money.Precision;
import io.tally.valuation.MarketPrices;
import io.tally.valuation.PriceSource;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The fold that keeps dated tax lots (ACCOUNTING.md §10): every acquisition opens a lot at its
 * cost; every disposal takes lots by the {@link LotMethod} and lists one {@link Disposal} per lot
 * it took (one per disposal by average cost); rewards are {@link Income} at their value when
 * received; withdrawals, transfer fees, adjustments and margin settlements move units without a
 * taxable gain and are listed as {@link LotMovement}s. Trades are valued exactly as the books value
 * them ({@link SwapPricing}); with {@link TaxRules#feesInCostBasis()} a buy's fees add to the cost
 * of what it bought, and any other trade's fees come off the proceeds of what it sold. A fee paid
 * in a crypto asset is also a disposal of those fee units. The base currency and KFEE fee credits
 * keep no lots: they never realize a gain.
 *
 * <p>Example:
 *
 * <pre>{@code
 * TaxLots lots = TaxLots.replay(TaxRules.defaults(Asset.USD), prices, events);
 * BigDecimal gains = lots.disposals().stream().map(Disposal::gain).reduce(ZERO, BigDecimal::add);
 * }</pre>
 *
 * Mutable and not thread-safe: one fold belongs to one thread. Apply events in {@link
 * LedgerEvent#ORDER}.
 */
public final class TaxLots {

  private static final BigDecimal ZERO = Precision.money(BigDecimal.ZERO);

  private final TaxRules rules;
  private final MarketPrices prices;
  private final SwapPricing pricing;
  private final Map<Asset, AssetLots> lots = new HashMap<>();
  private final List<Disposal> disposals = new ArrayList<>();
  private final List<Income> income = new ArrayList<>();
  private final List<LotMovement> movements = new ArrayList<>();
  private final List<LotChange> changes = new ArrayList<>();
  private final List<DataIssue> issues = new ArrayList<>();
  private BigDecimal tradeFees = ZERO;

  /** Empty lots kept by {@code rules}, valuing past moments with {@code history}. */
  public TaxLots(TaxRules rules, PriceSource history) {
    this.rules = requireNonNull(rules, "rules");
    this.prices = new MarketPrices(rules.base(), rules.kfeeUsd(), requireNonNull(history));
    this.pricing = new SwapPricing(prices, issues);
  }

  /** The lots after {@code events}, which are sorted into replay order first. */
  public static TaxLots replay(TaxRules rules, PriceSource history, List<LedgerEvent> events) {
    List<LedgerEvent> ordered = new ArrayList<>(events);
    ordered.sort(LedgerEvent.ORDER);
    TaxLots lots = new TaxLots(rules, history);
    ordered.forEach(lots::apply);
    return lots;
  }

  /** The rules these lots are kept by. */
  public TaxRules rules() {
    return rules;
  }

  /** Books the event. Events must come in {@link LedgerEvent#ORDER}. */
  public void apply(LedgerEvent event) {
    if (event instanceof Trade trade) {
      applyTrade(trade);
    } else if (event instanceof CashFlow flow) {
      applyFlow(flow.id(), flow.at(), flow.kind(), flow.amount(), flow.fee());
    } else if (event instanceof InternalMove move) {
      transferFee(move.id(), move.at(), move.fee(), Optional.empty());
    } else if (event instanceof MarginPnl margin) {
      applyMargin(margin);
    } else if (event instanceof PositionCarry carry) {
      // As the books do: a charge is a margin fee, a credit (funding received) margin income.
      Amount fee = carry.fee();
      applyMargin(
          fee.signum() < 0
              ? new MarginPnl(carry.id(), carry.at(), fee.negated(), Amount.zero(fee.asset()))
              : new MarginPnl(carry.id(), carry.at(), Amount.zero(fee.asset()), fee));
    } else if (event instanceof Unclassified unknown) {
      applyFlow(unknown.id(), unknown.at(), FlowKind.ADJUSTMENT, unknown.amount(), unknown.fee());
    } else if (!(event instanceof PositionFill)) {
      throw new IllegalStateException("Unhandled " + event);
    }
  }

  /** Every disposal row so far, in the order booked. */
  public List<Disposal> disposals() {
    return Collections.unmodifiableList(disposals);
  }

  /** Every income received so far, in the order booked. */
  public List<Income> income() {
    return Collections.unmodifiableList(income);
  }

  /** Every non-taxable movement of units so far, in the order booked. */
  public List<LotMovement> movements() {
    return Collections.unmodifiableList(movements);
  }

  /**
   * Every lot opened and every slice of a lot taken so far, in the order booked: what a journal
   * export writes. By average cost a slice is of the pool, labelled by its earliest units.
   */
  public List<LotChange> changes() {
    return Collections.unmodifiableList(changes);
  }

  /** Missing prices and acquisitions met so far. */
  public List<DataIssue> issues() {
    return Collections.unmodifiableList(issues);
  }

  /**
   * The value of every trade fee paid so far, in the base currency: what the disposals' proceeds
   * and costs include when fees are in the cost basis, and an expense apart when they are not.
   */
  public BigDecimal tradeFees() {
    return tradeFees;
  }

  /** The lots still held, by asset, each asset's in the order its method would take them. */
  public Map<Asset, List<OpenLot>> openLots() {
    Map<Asset, List<OpenLot>> open = new TreeMap<>();
    lots.forEach(
        (asset, held) -> {
          List<OpenLot> each = held.open(asset);
          if (!each.isEmpty()) {
            open.put(asset, each);
          }
        });
    return open;
  }

  // ---- trades -------------------------------------------------------------------------------

  private void applyTrade(Trade trade) {
    List<Amount> sold = trade.sold();
    List<Amount> bought = trade.bought();
    Optional<BigDecimal> value = pricing.value(trade);
    LegValues legValues = new LegValues();

    // The sold legs leave their lots first; their proceeds are their share of V, or without any
    // price the cost they carried (no gain).
    List<BigDecimal> proceeds = new ArrayList<>(sold.size());
    List<List<LotSlice>> taken = new ArrayList<>(sold.size());
    List<BigDecimal> shares = new ArrayList<>(sold.size());
    if (value.isPresent() && !sold.isEmpty()) {
      pricing.split(value.get(), sold, trade, shares);
    }
    BigDecimal total = ZERO;
    for (int i = 0; i < sold.size(); i++) {
      Amount leg = sold.get(i);
      BigDecimal gross = value.isPresent() ? shares.get(i) : ZERO;
      List<LotSlice> slices = take(trade.id(), trade.at(), leg, gross);
      BigDecimal legProceeds = value.isPresent() ? gross : costOf(slices);
      proceeds.add(legProceeds);
      taken.add(slices);
      legValues.put(leg.asset(), legProceeds);
      total = total.add(legProceeds);
    }
    BigDecimal swapValue = value.orElse(total);
    List<BigDecimal> costs = new ArrayList<>(bought.size());
    if (!bought.isEmpty()) {
      pricing.split(swapValue, bought, trade, costs);
    }
    for (int i = 0; i < bought.size(); i++) {
      legValues.put(bought.get(i).asset(), costs.get(i));
    }

    List<BigDecimal> feeValues = new ArrayList<>(trade.fees().size());
    BigDecimal fees = ZERO;
    for (Amount fee : trade.fees()) {
      BigDecimal feeValue =
          pricing
              .feeValue(trade, fee, value.isPresent(), legValues)
              .orElseGet(() -> missingPrice(trade.id(), fee, trade.at(), "value the fee"));
      feeValues.add(feeValue);
      fees = fees.add(feeValue);
    }
    tradeFees = tradeFees.add(fees);

    // Tax-style fees: a buy (it sells the base currency, or sells nothing) adds them to what it
    // bought; any other trade takes them off what it sold.
    boolean buy = sold.isEmpty() || sold.stream().anyMatch(leg -> keepsNoLots(leg.asset()));
    List<BigDecimal> proceedsFees =
        rules.feesInCostBasis() && !buy ? allot(fees, proceeds) : zeros(sold.size());
    List<BigDecimal> costFees =
        rules.feesInCostBasis() && buy ? allot(fees, costs) : zeros(bought.size());

    for (int i = 0; i < sold.size(); i++) {
      realize(
          trade.id(),
          trade.at(),
          sold.get(i),
          proceeds.get(i).subtract(proceedsFees.get(i)),
          taken.get(i),
          DisposalKind.TRADE);
    }
    for (int i = 0; i < bought.size(); i++) {
      acquire(trade.id(), trade.at(), bought.get(i), costs.get(i).add(costFees.get(i)));
    }
    for (int i = 0; i < trade.fees().size(); i++) {
      Amount fee = trade.fees().get(i);
      BigDecimal feeValue = feeValues.get(i);
      realize(
          trade.id(),
          trade.at(),
          fee,
          feeValue,
          take(trade.id(), trade.at(), fee, feeValue),
          DisposalKind.FEE);
    }
  }

  // ---- flows, transfers and margin ----------------------------------------------------------

  private void applyFlow(EventId id, Instant at, FlowKind kind, Amount amount, Amount fee) {
    BigDecimal value = ZERO;
    if (!amount.isZero()) {
      Amount units = amount.abs();
      Optional<BigDecimal> market = prices.value(units.asset(), units.value(), at);
      if (market.isEmpty()) {
        missingPrice(id, units, at, "value the " + kind.name().toLowerCase(Locale.ROOT));
      }
      if (amount.signum() > 0) {
        value = market.orElse(ZERO);
        acquire(id, at, units, value);
        if (kind == FlowKind.REWARD) {
          income.add(new Income(units.asset(), units.value(), value, at, id));
        } else if (kind != FlowKind.DEPOSIT) {
          movements.add(
              new LotMovement(
                  MovementKind.ADJUSTMENT, units.asset(), units.value(), value, value, at, id));
        }
      } else {
        List<LotSlice> slices = take(id, at, units, market.orElse(ZERO));
        BigDecimal released = costOf(slices);
        value = market.orElse(released);
        if (kind == FlowKind.WITHDRAWAL && rules.withdrawalsRealize()) {
          realize(id, at, units, value, slices, DisposalKind.WITHDRAWAL);
        } else {
          MovementKind movement =
              kind == FlowKind.WITHDRAWAL ? MovementKind.WITHDRAWAL : MovementKind.ADJUSTMENT;
          movements.add(
              new LotMovement(
                  movement, units.asset(), units.value().negate(), released, value, at, id));
        }
      }
    }
    if (!fee.isZero()) {
      transferFee(
          id,
          at,
          fee,
          amount.isZero()
              ? Optional.empty()
              : Optional.of(Precision.share(value, fee.value(), amount.abs().value())));
    }
  }

  /** A fee that is not a trade's: the units leave their lots and are listed as a cost. */
  private void transferFee(EventId id, Instant at, Amount fee, Optional<BigDecimal> knownValue) {
    if (fee.isZero()) {
      return;
    }
    BigDecimal value =
        knownValue.orElseGet(
            () ->
                prices
                    .value(fee.asset(), fee.value(), at)
                    .orElseGet(() -> missingPrice(id, fee, at, "value the fee")));
    BigDecimal cost = costOf(take(id, at, fee, value));
    movements.add(
        new LotMovement(
            MovementKind.TRANSFER_FEE,
            fee.asset(),
            fee.value().negate(),
            keepsNoLots(fee.asset()) ? value : cost,
            value,
            at,
            id));
  }

  private void applyMargin(MarginPnl margin) {
    Amount amount = margin.amount();
    if (!amount.isZero()) {
      Amount units = amount.abs();
      Optional<BigDecimal> market = prices.value(units.asset(), units.value(), margin.at());
      if (amount.signum() > 0) {
        BigDecimal value =
            market.orElseGet(
                () -> missingPrice(margin.id(), units, margin.at(), "value margin PnL"));
        acquire(margin.id(), margin.at(), units, value);
        movements.add(
            new LotMovement(
                MovementKind.MARGIN,
                units.asset(),
                units.value(),
                value,
                value,
                margin.at(),
                margin.id()));
      } else {
        marginOut(margin.id(), margin.at(), units, market);
      }
    }
    if (!margin.fee().isZero()) {
      Amount fee = margin.fee();
      marginOut(margin.id(), margin.at(), fee, prices.value(fee.asset(), fee.value(), margin.at()));
    }
  }

  private void marginOut(EventId id, Instant at, Amount units, Optional<BigDecimal> market) {
    // Valued at zero when the holding falls short, as the books dispose of margin debits.
    BigDecimal released = costOf(take(id, at, units, ZERO));
    BigDecimal cost = keepsNoLots(units.asset()) ? market.orElse(released) : released;
    movements.add(
        new LotMovement(
            MovementKind.MARGIN,
            units.asset(),
            units.value().negate(),
            cost,
            market.orElse(cost),
            at,
            id));
  }

  // ---- lots ---------------------------------------------------------------------------------

  /** Whether the asset keeps no lots: the base currency and KFEE never realize a gain. */
  private boolean keepsNoLots(Asset asset) {
    return asset.equals(rules.base()) || asset.equals(Asset.KFEE);
  }

  private void acquire(EventId id, Instant at, Amount units, BigDecimal cost) {
    if (!keepsNoLots(units.asset())) {
      lotsOf(units.asset()).acquire(units.value(), cost, at, id);
      changes.add(new LotChange(id, at, units.asset(), units.value(), cost, id, at));
    }
  }

  /**
   * Takes {@code units} out of their lots by the method. Units beyond the holding (a history that
   * starts after the account did) are first acquired at the disposal's own price, dated at the
   * disposal, so they realize nothing, and a missing-acquisition issue names them.
   */
  private List<LotSlice> take(EventId id, Instant at, Amount units, BigDecimal proceeds) {
    if (keepsNoLots(units.asset()) || units.isZero()) {
      return List.of();
    }
    AssetLots held = lotsOf(units.asset());
    BigDecimal quantity = units.value();
    if (quantity.compareTo(held.quantity()) > 0) {
      BigDecimal uncovered = quantity.subtract(held.quantity());
      issues.add(
          new DataIssue(
              IssueKind.MISSING_ACQUISITION,
              id.value(),
              units.asset().code(),
              "disposes of "
                  + quantity.toPlainString()
                  + " "
                  + units.asset()
                  + " but only "
                  + held.quantity().toPlainString()
                  + " were held; "
                  + uncovered.toPlainString()
                  + " assumed acquired at the disposal's own price"));
      BigDecimal cost = Precision.share(proceeds, uncovered, quantity);
      held.acquire(uncovered, cost, at, id);
      changes.add(new LotChange(id, at, units.asset(), uncovered, cost, id, at));
    }
    List<LotSlice> slices = held.release(quantity);
    for (LotSlice slice : slices) {
      changes.add(
          new LotChange(
              id,
              at,
              units.asset(),
              slice.quantity().negate(),
              slice.cost(),
              slice.acquiredBy(),
              slice.acquired()));
    }
    return slices;
  }

  /** Lists the disposal of {@code units} for {@code proceeds}: one row per slice taken. */
  private void realize(
      EventId id,
      Instant at,
      Amount units,
      BigDecimal proceeds,
      List<LotSlice> slices,
      DisposalKind kind) {
    BigDecimal allotted = ZERO;
    for (int i = 0; i < slices.size(); i++) {
      LotSlice slice = slices.get(i);
      BigDecimal part =
          i == slices.size() - 1
              ? proceeds.subtract(allotted)
              : Precision.share(proceeds, slice.quantity(), units.value());
      allotted = allotted.add(part);
      disposals.add(
          new Disposal(
              units.asset(),
              slice.quantity(),
              slice.acquired(),
              slice.acquiredLatest(),
              at,
              part,
              slice.cost(),
              rules.holding().term(slice.acquiredLatest(), at),
              kind,
              id,
              slice.acquiredBy()));
    }
  }

  private AssetLots lotsOf(Asset asset) {
    return lots.computeIfAbsent(asset, a -> AssetLots.create(rules.method()));
  }

  private static BigDecimal costOf(List<LotSlice> slices) {
    BigDecimal cost = ZERO;
    for (LotSlice slice : slices) {
      cost = cost.add(slice.cost());
    }
    return cost;
  }

  /**
   * {@code total} shared in proportion to {@code weights}, the last taking what rounding leaves;
   * equally when the weights add up to nothing.
   */
  private static List<BigDecimal> allot(BigDecimal total, List<BigDecimal> weights) {
    if (weights.isEmpty()) {
      return List.of();
    }
    BigDecimal sum = weights.stream().reduce(ZERO, BigDecimal::add);
    List<BigDecimal> shares = new ArrayList<>(weights.size());
    BigDecimal allotted = ZERO;
    for (int i = 0; i < weights.size() - 1; i++) {
      BigDecimal share =
          sum.signum() == 0
              ? Precision.share(total, BigDecimal.ONE, BigDecimal.valueOf(weights.size()))
              : Precision.share(total, weights.get(i), sum);
      shares.add(share);
      allotted = allotted.add(share);
    }
    shares.add(total.subtract(allotted));
    return shares;
  }

  private static List<BigDecimal> zeros(int count) {
    return Collections.nCopies(count, ZERO);
  }

  private BigDecimal missingPrice(EventId id, Amount units, Instant at, String purpose) {
    issues.add(
        new DataIssue(
            IssueKind.MISSING_PRICE,
            id.value(),
            units.asset().code(),
            "no " + units.asset() + " price at " + at + " to " + purpose));
    return ZERO;
  }
}
