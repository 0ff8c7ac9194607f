package io.tally.report.journal;

import io.tally.ledger.CashFlow;
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
import io.tally.report.journal.Posting.LotOpened;
import io.tally.report.journal.Posting.LotTaken;
import io.tally.report.journal.Posting.Priced;
import io.tally.report.journal.Posting.Units;
import io.tally.tax.Disposal;
import io.tally.tax.HoldingTerm;
import io.tally.tax.LotChange;
import io.tally.tax.LotMovement;
import io.tally.tax.MovementKind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The journal entries of one event, from what the event did to the lots ({@link Journal.Step}).
 *
 * <p>Every amount is Tally's: a lot opened carries the cost {@code TaxLots} gave it, a slice taken
 * the cost it took and, when it is a disposal of the tax report, its proceeds and gain; units of
 * the base currency and KFEE (which keep no lots) are posted as they moved. What the event gave or
 * received in exchange goes to the account its kind names — {@code Equity:Transfers} for deposits
 * and withdrawals, {@code Income:Rewards}, {@code Equity:Adjustments} for adjustments and
 * unclassified rows, {@code Expenses:Fees:Transfer} for an internal move's fee, {@code
 * Expenses:Margin} for margin losses and fees — as the amount that balances the transaction in each
 * commodity. A trade's fee paid in KFEE is posted at the value that balances the trade (the value
 * {@code TaxLots} put in cost, proceeds or {@code Expenses:Fees:Trade}); any other imbalance of a
 * trade is rounding, below {@value #MAX_ROUNDING} of the base currency, and goes to {@code
 * Equity:Rounding} (a base-currency leg with more decimals than Tally's money keeps), beyond which
 * the walk fails rather than write an unbalanced journal.
 *
 * <p>An event that both opens lots of an asset and takes slices of that asset (a buy whose fee is
 * paid in the coin bought; a sale beyond the holding, whose missing units are first acquired) is
 * written as two linked transactions: the slices of that asset, with their gains, apart. An
 * internal move without a fee, a margin position's fill and an event of nothing but zeros move
 * nothing and are notes. Not thread-safe; used once.
 */
final class EventEntries {

  /** The largest imbalance of a trade put down to rounding, in the base currency. */
  static final String MAX_ROUNDING = "0.000001";

  private final Journal journal;
  private final LedgerEvent event;
  private final Journal.Step step;
  private final LocalDate date;
  private final Commodity base;
  private final List<Posting> moved = new ArrayList<>();
  private final List<Posting> counters = new ArrayList<>();

  EventEntries(Journal journal, LedgerEvent event, Journal.Step step) {
    this.journal = journal;
    this.event = event;
    this.step = step;
    this.date = journal.date(event.at());
    this.base = journal.base();
  }

  List<JournalEntry> entries() {
    if (event instanceof PositionFill fill) {
      return note(
          "margin position fill "
              + fill.side().name().toLowerCase(Locale.ROOT)
              + " "
              + fill.volume().toPlainString()
              + " "
              + fill.pair().slashed()
              + " at "
              + fill.price().toPlainString()
              + ": moves no balance (its margin rows are their own events)");
    }
    if (event instanceof InternalMove move && move.fee().isZero()) {
      return note(
          "internal move "
              + move.amount()
              + " "
              + move.route()
              + ": a location change, no posting");
    }
    if (event instanceof Trade trade) {
      return trade(trade);
    }
    if (event instanceof CashFlow flow) {
      return flow(flow.kind(), flow.amount(), flow.fee(), describe(flow));
    }
    if (event instanceof Unclassified row) {
      return flow(
          FlowKind.ADJUSTMENT,
          row.amount(),
          row.fee(),
          "unclassified ledger row "
              + row.type()
              + (row.subtype().isEmpty() ? "" : "/" + row.subtype())
              + " "
              + row.amount()
              + withFee(row.fee())
              + ", booked as an adjustment");
    }
    if (event instanceof InternalMove move) {
      lots(List.of());
      units(move.fee().negated());
      return balanced(
          "internal move " + move.amount() + " " + move.route() + withFee(move.fee()),
          Account.TRANSFER_FEES);
    }
    if (event instanceof MarginPnl margin) {
      return margin(
          margin.amount(), margin.fee(), "margin PnL " + margin.amount() + withFee(margin.fee()));
    }
    if (event instanceof PositionCarry carry) {
      Amount fee = carry.fee();
      return fee.signum() < 0
          ? margin(
              fee.negated(),
              Amount.zero(fee.asset()),
              "funding received on position " + carry.positionId() + ": " + fee.negated())
          : margin(
              Amount.zero(fee.asset()),
              fee,
              "carry of position " + carry.positionId() + ": " + fee);
    }
    throw new IllegalStateException("Unhandled " + event);
  }

  // ---- by kind of event ---------------------------------------------------------------------

  private List<JournalEntry> trade(Trade trade) {
    lots(trade.bought());
    BigDecimal kfee = BigDecimal.ZERO;
    for (Amount leg : trade.sold()) {
      kfee = kfee.add(tradeUnits(leg.negated()));
    }
    for (Amount leg : trade.bought()) {
      kfee = kfee.add(tradeUnits(leg));
    }
    for (Amount fee : trade.fees()) {
      kfee = kfee.add(tradeUnits(fee.negated()));
    }
    if (!journal.rules().feesInCostBasis() && !trade.fees().isEmpty()) {
      counters.add(new Units(Account.TRADE_FEES, base, step.tradeFees()));
    }
    String narration =
        "trade "
            + trade.pair().slashed()
            + ": sold "
            + list(trade.sold())
            + ", bought "
            + list(trade.bought())
            + (trade.fees().isEmpty() ? "" : ", fee " + list(trade.fees()));
    BigDecimal imbalance = imbalances().getOrDefault(base, BigDecimal.ZERO);
    if (kfee.signum() != 0) {
      // The KFEE credits are worth what balances the trade: the fee's value that TaxLots put in
      // cost, proceeds or Expenses:Fees:Trade.
      Commodity credits = journal.commodity(Asset.KFEE);
      BigDecimal total = kfee.signum() < 0 ? imbalance : imbalance.negate();
      counters.add(new Priced(Account.holding(credits), credits, kfee, total, base));
    } else if (imbalance.signum() != 0) {
      if (imbalance.abs().compareTo(new BigDecimal(MAX_ROUNDING)) > 0) {
        throw new IllegalStateException(
            "The journal transaction of trade "
                + trade.id()
                + " does not balance: "
                + imbalance.toPlainString()
                + " "
                + base.symbol()
                + " left over");
      }
      counters.add(new Units(Account.ROUNDING, base, imbalance.negate()));
    }
    return split(narration);
  }

  private List<JournalEntry> flow(FlowKind kind, Amount amount, Amount fee, String narration) {
    lots(amount.signum() > 0 ? List.of(amount) : List.of());
    units(amount);
    units(fee.negated());
    if (!fee.isZero()) {
      counters.add(feeExpense(fee));
    }
    Account counter;
    switch (kind) {
      case DEPOSIT:
      case WITHDRAWAL:
        counter = Account.TRANSFERS;
        break;
      case REWARD:
        counter = Account.REWARDS;
        break;
      case ADJUSTMENT:
        counter = Account.ADJUSTMENTS;
        break;
      default:
        throw new IllegalStateException("Unhandled " + kind);
    }
    return balanced(narration, counter);
  }

  private List<JournalEntry> margin(Amount amount, Amount fee, String narration) {
    lots(amount.signum() > 0 ? List.of(amount) : List.of());
    units(amount);
    units(fee.negated());
    if (amount.signum() > 0) {
      // Margin profit is income at the value it was received at: the cost of the units' lot, or
      // the units themselves when they keep no lots.
      BigDecimal opened = BigDecimal.ZERO;
      for (Posting posting : moved) {
        if (posting instanceof LotOpened lot && lot.commodity().asset().equals(amount.asset())) {
          opened = opened.add(lot.cost());
        }
      }
      counters.add(
          keepsLots(amount.asset())
              ? new Units(Account.MARGIN_INCOME, base, opened.negate())
              : new Units(
                  Account.MARGIN_INCOME,
                  journal.commodity(amount.asset()),
                  amount.negated().value()));
    }
    return balanced(narration, Account.MARGIN_EXPENSES);
  }

  // ---- postings -----------------------------------------------------------------------------

  /**
   * The lots the event opened and the slices it took, in the order TaxLots booked them. An opening
   * beyond {@code acquired} (units TaxLots assumed acquired at a disposal's own price) is balanced
   * by {@code Equity:Opening}. A slice is realized when it is the next disposal TaxLots listed.
   */
  private void lots(List<Amount> acquired) {
    Map<Asset, BigDecimal> expected = new HashMap<>();
    acquired.forEach(leg -> expected.merge(leg.asset(), leg.value(), BigDecimal::add));
    Deque<Disposal> disposals = new ArrayDeque<>(step.disposals());
    for (LotChange change : step.changes()) {
      if (change.quantity().signum() == 0) {
        continue;
      }
      Commodity commodity = journal.commodity(change.asset());
      Account holding = Account.holding(commodity);
      LocalDate lotDate = journal.date(change.lotAcquired());
      if (change.quantity().signum() > 0) {
        moved.add(
            new LotOpened(
                holding, commodity, change.quantity(), change.cost(), base, lotDate, change.lot()));
        BigDecimal left = expected.getOrDefault(change.asset(), BigDecimal.ZERO);
        if (left.compareTo(change.quantity()) >= 0) {
          expected.put(change.asset(), left.subtract(change.quantity()));
        } else {
          moved.add(new Units(Account.OPENING, base, change.cost().negate()));
        }
        continue;
      }
      Disposal disposal = disposals.peekFirst();
      boolean realized =
          disposal != null
              && disposal.asset().equals(change.asset())
              && disposal.acquiredBy().equals(change.lot())
              && disposal.quantity().compareTo(change.quantity().negate()) == 0;
      if (realized) {
        disposals.removeFirst();
        if (disposal.costBasis().compareTo(change.cost()) != 0) {
          throw new IllegalStateException(
              "Disposal " + disposal + " and the slice it took " + change + " differ in cost");
        }
      }
      moved.add(
          new LotTaken(
              holding,
              commodity,
              change.quantity(),
              change.cost(),
              base,
              lotDate,
              change.lot(),
              realized,
              realized ? disposal.proceeds() : change.cost(),
              realized ? disposal.term() : HoldingTerm.SHORT));
    }
    if (!disposals.isEmpty()) {
      throw new IllegalStateException(
          "Event " + event.id() + " listed disposals that took no slice: " + disposals);
    }
  }

  /** Units of an asset that keeps no lots (the base currency, KFEE), posted as they moved. */
  private void units(Amount signed) {
    if (!signed.isZero() && !keepsLots(signed.asset())) {
      Commodity commodity = journal.commodity(signed.asset());
      moved.add(new Units(Account.holding(commodity), commodity, signed.value()));
    }
  }

  /** As {@link #units}, except KFEE, whose net units this returns to be priced by the trade. */
  private BigDecimal tradeUnits(Amount signed) {
    if (signed.asset().equals(Asset.KFEE) && !journal.rules().base().equals(Asset.KFEE)) {
      return signed.value();
    }
    units(signed);
    return BigDecimal.ZERO;
  }

  /**
   * A transfer fee as an expense: the cost the fee's units took out of their lots, or the units
   * themselves when they keep no lots.
   */
  private Posting feeExpense(Amount fee) {
    if (!keepsLots(fee.asset())) {
      return new Units(Account.TRANSFER_FEES, journal.commodity(fee.asset()), fee.value());
    }
    BigDecimal cost = BigDecimal.ZERO;
    for (LotMovement movement : step.movements()) {
      if (movement.kind() == MovementKind.TRANSFER_FEE && movement.asset().equals(fee.asset())) {
        cost = cost.add(movement.cost());
      }
    }
    return new Units(Account.TRANSFER_FEES, base, cost);
  }

  private boolean keepsLots(Asset asset) {
    return !asset.equals(journal.rules().base()) && !asset.equals(Asset.KFEE);
  }

  // ---- transactions -------------------------------------------------------------------------

  /** What the postings so far leave unbalanced, per commodity (gains included). */
  private Map<Commodity, BigDecimal> imbalances() {
    Map<Commodity, BigDecimal> sums = new LinkedHashMap<>();
    List<Posting> all = new ArrayList<>(moved);
    all.addAll(gains(moved));
    all.addAll(counters);
    for (Posting posting : all) {
      sums.merge(posting.weighsIn(), posting.weight(), BigDecimal::add);
    }
    return sums;
  }

  /** Balances what is left, in each commodity, with {@code counter}. */
  private List<JournalEntry> balanced(String narration, Account counter) {
    imbalances()
        .forEach(
            (commodity, sum) -> {
              if (sum.signum() != 0) {
                counters.add(new Units(counter, commodity, sum.negate()));
              }
            });
    return split(narration);
  }

  /**
   * One transaction, or two linked ones when the event both opened lots of an asset and took slices
   * of it: the second holds those slices and their gains, {@code Equity:Clearing} carrying their
   * value between the two.
   */
  private List<JournalEntry> split(String narration) {
    Set<Commodity> opened = new LinkedHashSet<>();
    Set<Commodity> taken = new LinkedHashSet<>();
    for (Posting posting : moved) {
      if (posting instanceof LotOpened) {
        opened.add(posting.commodity());
      } else if (posting instanceof LotTaken) {
        taken.add(posting.commodity());
      }
    }
    opened.retainAll(taken);
    if (moved.isEmpty() && counters.isEmpty()) {
      return note(narration + ": moves nothing, no posting");
    }
    if (opened.isEmpty()) {
      return List.of(transaction(narration, moved, counters, false));
    }
    List<Posting> first = new ArrayList<>();
    List<Posting> second = new ArrayList<>();
    for (Posting posting : moved) {
      boolean apart = posting instanceof LotTaken && opened.contains(posting.commodity());
      (apart ? second : first).add(posting);
    }
    BigDecimal value = BigDecimal.ZERO;
    for (Posting posting : second) {
      value = value.add(((LotTaken) posting).proceeds());
    }
    List<Posting> firstCounters = new ArrayList<>(counters);
    firstCounters.add(new Units(Account.CLEARING, base, value.negate()));
    String apart = opened.stream().map(Commodity::symbol).collect(Collectors.joining(", "));
    return List.of(
        transaction(narration, first, firstCounters, true),
        transaction(
            narration
                + " — the "
                + apart
                + " it took from lots, apart as it also acquired "
                + apart,
            second,
            List.of(new Units(Account.CLEARING, base, value)),
            true));
  }

  private JournalEntry transaction(
      String narration, List<Posting> movedPart, List<Posting> counterPart, boolean linked) {
    List<Posting> postings = new ArrayList<>(movedPart);
    postings.addAll(gains(movedPart));
    postings.addAll(counterPart);
    return new JournalEntry.Transaction(date, event.at(), event.id(), narration, postings, linked);
  }

  /** The realized gains of the slices among {@code postings}, one posting per holding term. */
  private List<Posting> gains(List<Posting> postings) {
    Map<HoldingTerm, BigDecimal> byTerm = new EnumMap<>(HoldingTerm.class);
    for (Posting posting : postings) {
      if (posting instanceof LotTaken slice && slice.realized()) {
        byTerm.merge(slice.term(), slice.gain(), BigDecimal::add);
      }
    }
    List<Posting> gains = new ArrayList<>();
    byTerm.forEach((term, gain) -> gains.add(new Units(Account.gains(term), base, gain.negate())));
    return gains;
  }

  private List<JournalEntry> note(String narration) {
    return List.of(new JournalEntry.Note(date, event.at(), event.id(), narration));
  }

  // ---- words --------------------------------------------------------------------------------

  private static String describe(CashFlow flow) {
    return flow.kind().name().toLowerCase(Locale.ROOT) + " " + flow.amount() + withFee(flow.fee());
  }

  private static String withFee(Amount fee) {
    return fee.isZero() ? "" : ", fee " + fee;
  }

  private static String list(List<Amount> amounts) {
    return amounts.isEmpty()
        ? "nothing"
        : amounts.stream().map(Amount::toString).collect(Collectors.joining(" + "));
  }
}
