package io.tally.books;

import io.tally.ledger.EventId;
import io.tally.ledger.PositionCarry;
import io.tally.ledger.PositionFill;
import io.tally.ledger.Side;
import io.tally.margin.CarryCharge;
import io.tally.margin.CarryKind;
import io.tally.margin.MarginAccount;
import io.tally.margin.MarginBook;
import io.tally.margin.MarginFill;
import io.tally.margin.MarginMode;
import io.tally.margin.MarginPosition;
import io.tally.margin.MarginTerms;
import io.tally.margin.TradeLifecycle;
import io.tally.money.Asset;
import io.tally.money.Precision;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The Kraken margin positions of the books: one {@link MarginBook} per quote asset, moved by {@link
 * PositionFill}s and charged by {@link PositionCarry}s. It keeps positions and their trades'
 * lifecycles only; the spot balance that margin trading moves (PnL, fees, rollovers, settlements)
 * is booked by the ledger's rows, so these books' own collateral is not the account's.
 *
 * <p>Kraken keeps several positions on one pair apart, each at its own leverage, and closes the
 * oldest first; the books net them into one signed position per pair with a volume-weighted entry,
 * as ACCOUNTING.md §5 says, at the leverage the net position was opened with. Sizes always agree
 * with Kraken's; a trade's realized PnL is measured against the average entry, so when positions at
 * different prices are closed one by one it can differ from the PnL Kraken books, which is what the
 * balance moves by. A fill the margin model refuses (such as a settlement of a position that is not
 * open) is not applied and becomes a {@link IssueKind#MARGIN_POSITION} issue; the balances are
 * unaffected either way.
 *
 * <p>Example: {@code positions.apply(fill, issues); positions.accounts()}. Mutable, like {@link
 * Books}.
 */
final class MarginPositions {

  private final Map<Asset, MarginBook> byQuote = new TreeMap<>();

  /** Positions that continue from accounts folded earlier (a checkpoint's). */
  static MarginPositions resume(List<MarginAccount> accounts) {
    MarginPositions positions = new MarginPositions();
    for (MarginAccount account : accounts) {
      positions.byQuote.put(account.terms().collateral(), MarginBook.resume(account));
    }
    return positions;
  }

  /** Moves the fill's position, or records why the margin model refuses it. */
  void apply(PositionFill fill, List<DataIssue> issues) {
    MarginBook book = book(fill.pair().quote());
    MarginPosition position = book.position(fill.pair());
    MarginFill applied;
    if (fill.settles()) {
      // A settlement delivers the position's units with spot funds at the position's cost: close
      // it at its entry price, so its price PnL is zero and the spot trade carries the units on.
      if (position.isFlat()) {
        issues.add(
            issue(fill, "settles a " + fill.pair().slashed() + " position that is not open"));
        return;
      }
      applied =
          new MarginFill(
              fill.id(),
              fill.at(),
              fill.pair(),
              position.size().signum() > 0 ? Side.SELL : Side.BUY,
              fill.volume().min(position.quantity()),
              position.entryPrice().orElseThrow(),
              fill.fee().value(),
              position.leverage());
    } else {
      // Kraken keeps several positions on a pair, each at its own leverage; the books net them
      // into one (ACCOUNTING.md §5), which keeps the leverage it was opened with.
      boolean adds =
          !position.isFlat() && (position.size().signum() > 0) == (fill.side() == Side.BUY);
      applied =
          new MarginFill(
              fill.id(),
              fill.at(),
              fill.pair(),
              fill.side(),
              fill.volume(),
              fill.price(),
              fill.fee().value(),
              adds ? position.leverage() : fill.leverage());
    }
    try {
      book.apply(applied);
    } catch (IllegalArgumentException e) {
      issues.add(issue(fill, e.getMessage()));
    }
  }

  /**
   * Charges the rollover to the trade open on the position it names, in that position's quote
   * asset: {@code feeInQuote} converts the fee to it (empty when it cannot, and the carry is then
   * not attributed). A rollover of no open position charges nothing here.
   */
  void apply(PositionCarry carry, Function<Asset, Optional<BigDecimal>> feeInQuote) {
    EventId opening = PositionFill.idOf(carry.positionId());
    for (Map.Entry<Asset, MarginBook> entry : byQuote.entrySet()) {
      Optional<TradeLifecycle> trade = entry.getValue().openTrade(opening);
      if (trade.isPresent()) {
        feeInQuote
            .apply(entry.getKey())
            .map(Precision::money)
            .filter(fee -> fee.signum() != 0)
            .ifPresent(
                fee ->
                    entry
                        .getValue()
                        .apply(
                            new CarryCharge(
                                carry.id(),
                                carry.at(),
                                trade.get().pair(),
                                CarryKind.ROLLOVER,
                                fee)));
        return;
      }
    }
  }

  /** Every quote asset's account, in asset order; none before the first fill. */
  List<MarginAccount> accounts() {
    List<MarginAccount> accounts = new ArrayList<>(byQuote.size());
    byQuote.values().forEach(book -> accounts.add(book.account()));
    return accounts;
  }

  private MarginBook book(Asset quote) {
    return byQuote.computeIfAbsent(
        quote,
        asset ->
            new MarginBook(
                new MarginTerms(
                    asset,
                    MarginTerms.NO_LEVERAGE_CAP,
                    Map.of(),
                    MarginTerms.DEFAULT_MAINTENANCE_RATIO,
                    Map.of(),
                    MarginTerms.DEFAULT_RESERVE_RATIO,
                    MarginMode.CROSS)));
  }

  private static DataIssue issue(PositionFill fill, String why) {
    return new DataIssue(
        IssueKind.MARGIN_POSITION,
        fill.id().value(),
        fill.pair().base().code(),
        "margin fill of position " + fill.positionId() + " not applied: " + why);
  }
}
