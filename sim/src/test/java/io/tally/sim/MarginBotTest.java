package io.tally.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * With {@link MarginOptions#on()} the generated history has margin positions of the margin bot,
 * with their ledger rows and trades; without it the account is the spot account it always was.
 */
class MarginBotTest {

  private static final Instant END = Instant.parse("2026-11-23T12:00:00Z");

  @Test
  void marginOffIsTheDefaultAccountRowForRow() {
    SimulatedAccount plain = AccountGenerator.generate(7, 20, END);
    SimulatedAccount off = AccountGenerator.generate(7, 20, END, MarginOptions.off());
    assertThat(off.ledger()).isEqualTo(plain.ledger());
    assertThat(off.trades()).isEqualTo(plain.trades());
    assertThat(plain.allPositions()).isEmpty();
    assertThat(plain.trades()).noneMatch(Fill::isMargin);
    assertThat(plain.ledger()).noneMatch(row -> Set.of("margin", "rollover").contains(row.type()));
  }

  @ParameterizedTest(name = "seed {0}, {1} days")
  @CsvSource({"1, 30", "42, 30", "1234, 90", "-5, 14"})
  void theMarginBotLeavesAConsistentMarginHistory(long seed, int days) {
    SimulatedAccount account = AccountGenerator.generate(seed, days, END, MarginOptions.on());
    account.advance(Duration.ofHours(6));
    List<Fill> margin = account.trades().stream().filter(Fill::isMargin).toList();
    assertThat(margin).isNotEmpty();
    assertThat(margin)
        .allSatisfy(
            fill ->
                assertThat(account.findOrder(fill.orderTxid()).orElseThrow().userref())
                    .isIn(MarginBot.USERREF, 0));
    Set<String> types =
        account.ledger().stream().map(LedgerEntry::type).collect(Collectors.toSet());
    assertThat(types).contains("margin", "rollover", "trade", "deposit");
    assertThat(account.allPositions()).anyMatch(position -> !position.isOpen());
    // Every rollover's refid is a position id; every margin row's refid a margin trade.
    Set<String> positionIds =
        account.allPositions().stream().map(Position::txid).collect(Collectors.toSet());
    Set<String> marginTrades = margin.stream().map(Fill::txid).collect(Collectors.toSet());
    for (LedgerEntry row : account.ledger()) {
      if (row.type().equals("rollover")) {
        assertThat(positionIds).contains(row.refid());
      } else if (row.type().equals("margin")) {
        assertThat(marginTrades).contains(row.refid());
      }
    }
    AccountGeneratorTest.assertConsistent(account);
  }

  @Test
  void theExportsCarryTheMarginRowsAndTheT2TradeColumns() throws IOException {
    SimulatedAccount account = AccountGenerator.generate(42, 30, END, MarginOptions.on());
    KrakenExport export = KrakenExport.of(account);
    StringWriter trades = new StringWriter();
    export.writeTrades(trades);
    List<String> lines = trades.toString().lines().toList();
    assertThat(lines.get(0)).isEqualTo(KrakenExport.TRADES_HEADER + KrakenExport.MARGIN_COLUMNS);
    Fill closing =
        account.trades().stream()
            .filter(fill -> fill.margin().filter(MarginTrade::closes).isPresent())
            .findFirst()
            .orElseThrow();
    String closingLine =
        lines.stream()
            .filter(line -> line.startsWith("\"" + closing.txid()))
            .findFirst()
            .orElseThrow();
    assertThat(closingLine)
        .contains("\"closing\"")
        .contains("\"" + closing.margin().orElseThrow().positionTxid() + "\"");
    String openingLine =
        lines.stream()
            .filter(line -> line.startsWith("\"" + closing.margin().orElseThrow().positionTxid()))
            .findFirst()
            .orElseThrow();
    assertThat(openingLine).contains(closing.txid());
    assertThat(lines)
        .allSatisfy(
            line -> assertThat(line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1)).hasSize(22));

    StringWriter ledgers = new StringWriter();
    export.writeLedgers(ledgers);
    assertThat(ledgers.toString()).contains("\"rollover\"").contains("\"margin\"");
  }
}
