package io.tally.testing;

import io.tally.ledger.CashFlow;
import io.tally.ledger.EventId;
import io.tally.ledger.FlowKind;
import io.tally.ledger.InternalMove;
import io.tally.ledger.LedgerEvent;
import io.tally.ledger.MarginPnl;
import io.tally.ledger.PositionCarry;
import io.tally.ledger.PositionFill;
import io.tally.ledger.Side;
import io.tally.ledger.Trade;
import io.tally.ledger.TradeKind;
import io.tally.ledger.Unclassified;
import io.tally.money.Amount;
import io.tally.money.Asset;
import io.tally.money.Pair;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Hand-written events of every kind the generator does not make, or makes rarely: margin PnL,
 * unclassified rows, adjustments, conversions and settlements, one-leg trades, moves with fees, and
 * free text that needs escaping. Together with generated histories they cover every class in {@code
 * LedgerEvent.class.getPermittedSubclasses()} and every {@link TradeKind} and {@link FlowKind}.
 *
 * <p>They start with a deposit of 5,000 USD and use only USD and XBT, so they can follow any
 * generated history (whose price table prices XBT at any later time) without overselling.
 *
 * <p>Example: {@code EventSamples.after(history.end())}. Stateless.
 */
public final class EventSamples {

  private EventSamples() {}

  /** The samples, one second apart, starting one second after {@code start}, in replay order. */
  public static List<LedgerEvent> after(Instant start) {
    return List.of(
        new CashFlow(
            EventId.of("S01-deposit"),
            start.plusSeconds(1),
            FlowKind.DEPOSIT,
            Amount.of("USD", "5000"),
            Amount.of("USD", "0")),
        new Trade(
            EventId.of("S02-conversion"),
            start.plusSeconds(2),
            TradeKind.CONVERSION,
            new Pair(Asset.XBT, Asset.USD),
            List.of(Amount.of("USD", "1000")),
            List.of(Amount.of("XBT", "0.025")),
            List.of(Amount.of("USD", "2.6")),
            "grid_v2"),
        new Trade(
            EventId.of("S03-bought-leg-only"),
            start.plusSeconds(3),
            TradeKind.ORDER_BOOK,
            new Pair(Asset.XBT, Asset.USD),
            List.of(),
            List.of(Amount.of("XBT", "0.00000001")),
            List.of(),
            Trade.MANUAL),
        new Trade(
            EventId.of("S04-sold-leg-only"),
            start.plusSeconds(4),
            TradeKind.SETTLEMENT,
            new Pair(Asset.XBT, Asset.USD),
            List.of(Amount.of("XBT", "0.00000002")),
            List.of(),
            List.of(Amount.of("XBT", "0.00000001")),
            "trend_v1"),
        new CashFlow(
            EventId.of("S05-adjustment-in"),
            start.plusSeconds(5),
            FlowKind.ADJUSTMENT,
            Amount.of("XBT", "0.0001"),
            Amount.of("XBT", "0")),
        new CashFlow(
            EventId.of("S06-adjustment-out"),
            start.plusSeconds(6),
            FlowKind.ADJUSTMENT,
            Amount.of("USD", "-12.5"),
            Amount.of("USD", "0.25")),
        new InternalMove(
            EventId.of("S07-move"),
            start.plusSeconds(7),
            Amount.of("USD", "100"),
            Amount.of("USD", "0.5"),
            "spot / main -> earn / flexible (100% = all, %20 literal)"),
        new InternalMove(
            EventId.of("S08-move-without-route"),
            start.plusSeconds(8),
            Amount.of("XBT", "0.001"),
            Amount.of("XBT", "0"),
            ""),
        new MarginPnl(
            EventId.of("S09-margin-gain"),
            start.plusSeconds(9),
            Amount.of("XBT", "0.0005"),
            Amount.of("XBT", "0.00001")),
        new MarginPnl(
            EventId.of("S10-margin-loss"),
            start.plusSeconds(10),
            Amount.of("USD", "-3.2"),
            Amount.of("USD", "0.065")),
        new Unclassified(
            EventId.of("S11-unclassified-out"),
            start.plusSeconds(11),
            "nft trade",
            "",
            Amount.of("USD", "-0.1"),
            Amount.of("USD", "0")),
        new Unclassified(
            EventId.of("S12-unclassified-in"),
            start.plusSeconds(12),
            "odd=type",
            "sub%type,x",
            Amount.of("XBT", "0.0002"),
            Amount.of("XBT", "0.00000005")),
        new Unclassified(
            EventId.of("S13-unclassified-fee-only"),
            start.plusSeconds(13),
            "fee",
            "credit card",
            Amount.of("USD", "0"),
            Amount.of("USD", "1.5")),
        new PositionFill(
            PositionFill.idOf("S14-margin-long"),
            start.plusSeconds(14),
            new Pair(Asset.XBT, Asset.USD),
            Side.BUY,
            new BigDecimal("0.01"),
            new BigDecimal("60000"),
            2,
            "S14-margin-long",
            false,
            Amount.of("USD", "0.24"),
            "trend%20v1"),
        new PositionCarry(
            EventId.of("S14-margin-long:L15"),
            start.plusSeconds(15),
            "S14-margin-long",
            Amount.of("USD", "0.0012")));
  }
}
