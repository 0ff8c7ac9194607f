package io.tally.report.journal;

import static io.tally.report.SampleEvents.at;
import static io.tally.report.SampleEvents.flow;
import static io.tally.report.SampleEvents.trade;

import io.tally.ledger.EventId;
import io.tally.ledger.FlowKind;
import io.tally.ledger.InternalMove;
import io.tally.ledger.LedgerEvent;
import io.tally.ledger.MarginPnl;
import io.tally.ledger.PositionCarry;
import io.tally.ledger.PositionFill;
import io.tally.ledger.Side;
import io.tally.ledger.Trade;
import io.tally.ledger.Unclassified;
import io.tally.money.Amount;
import io.tally.money.Asset;
import io.tally.money.Pair;
import io.tally.money.Price;
import io.tally.tax.LotMethod;
import io.tally.tax.TaxRules;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The small history the journal tests export: lots bought over two years, a partial sale, a buy
 * whose fee is paid in the coin bought, a fee paid in KFEE credits, a crypto swap, internal moves
 * with and without a fee, a withdrawal with its fee, rewards (one with a commission), a sale beyond
 * the holding, margin profit, loss and carry, a margin position's fill, an unclassified row and an
 * adjustment. Each kind of event and each way of splitting a transaction appears at least once.
 */
final class JournalSample {

  static final Instant GENERATED = Instant.parse("2026-01-15T09:30:00Z");
  static final Asset ETH = Asset.of("ETH");
  static final Asset DOT = Asset.of("DOT");

  private JournalSample() {}

  static List<LedgerEvent> events() {
    return List.of(
        flow("D1", "2023-01-02", FlowKind.DEPOSIT, "USD 100000", "USD 0"),
        flow("K1", "2023-01-03", FlowKind.DEPOSIT, "KFEE 1000", "KFEE 0"),
        trade("B1", "2023-01-10", "XBT/USD", "USD 16000", "XBT 1", "USD 16"),
        trade("B2", "2024-02-10", "XBT/USD", "USD 42000", "XBT 1", "XBT 0.002"),
        trade("S1", "2024-03-01", "XBT/USD", "XBT 0.5", "USD 31000", "USD 31"),
        trade("B3", "2024-06-10", "ETH/USD", "USD 7000", "ETH 2", "KFEE 700"),
        trade("X1", "2024-11-20", "ETH/XBT", "ETH 1", "XBT 0.03", "USD 3.10"),
        new InternalMove(
            EventId.of("M1"),
            at("2024-12-01"),
            Amount.parse("XBT 0.1"),
            Amount.parse("XBT 0"),
            "spot / main -> earn / flexible"),
        new InternalMove(
            EventId.of("M2"),
            at("2024-12-02"),
            Amount.parse("ETH 0.5"),
            Amount.parse("ETH 0.001"),
            "spot / main -> staking"),
        flow("W1", "2025-01-05", FlowKind.WITHDRAWAL, "XBT -0.2", "XBT 0.0002"),
        flow("R1", "2025-02-03", FlowKind.REWARD, "DOT 0.25", "DOT 0"),
        flow("R2", "2025-02-20", FlowKind.REWARD, "DOT 0.5", "DOT 0.01"),
        trade("S2", "2025-03-15", "XBT/USD", "XBT 0.9", "USD 75600", "USD 75.60"),
        trade("S3", "2025-04-01", "DOT/USD", "DOT 1", "USD 4.80", ""),
        new PositionFill(
            EventId.of("F1:fill"),
            at("2025-05-01"),
            Pair.parse("XBT/USD"),
            Side.BUY,
            new BigDecimal("0.1"),
            new BigDecimal("95000"),
            2,
            "F1",
            false,
            Amount.parse("USD 0"),
            Trade.MANUAL),
        new MarginPnl(
            EventId.of("G1"), at("2025-05-01"), Amount.parse("USD 12.5"), Amount.parse("USD 0.5")),
        new MarginPnl(
            EventId.of("G2"), at("2025-05-02"), Amount.parse("USD -20"), Amount.parse("USD 0")),
        new PositionCarry(EventId.of("C1"), at("2025-05-03"), "F1", Amount.parse("USD 0.35")),
        new Unclassified(
            EventId.of("U1"),
            at("2025-06-01"),
            "nfttrade",
            "",
            Amount.parse("ETH -0.1"),
            Amount.parse("ETH 0")),
        flow("A1", "2025-06-02", FlowKind.ADJUSTMENT, "ETH 0.05", "ETH 0"));
  }

  static List<Price> prices() {
    return List.of(
        new Price(Asset.XBT, new BigDecimal("60000"), at("2024-06-01"), "test"),
        new Price(ETH, new BigDecimal("3100"), at("2024-11-20"), "test"),
        new Price(ETH, new BigDecimal("3500"), at("2024-12-01"), "test"),
        new Price(Asset.XBT, new BigDecimal("97000"), at("2025-01-05"), "test"),
        new Price(DOT, new BigDecimal("6"), at("2025-02-01"), "test"));
  }

  /** The sample's rules: USD, the method, tax-style fees or the books' (apart). */
  static TaxRules rules(LotMethod method, boolean feesInCostBasis) {
    return TaxRules.defaults(Asset.USD).withMethod(method).withFeesInCostBasis(feesInCostBasis);
  }

  static JournalInput input(LotMethod method, boolean feesInCostBasis) {
    return JournalInput.of(rules(method, feesInCostBasis), prices(), events(), GENERATED);
  }
}
