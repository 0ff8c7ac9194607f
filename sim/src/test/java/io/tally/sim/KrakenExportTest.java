package io.tally.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulated account as Kraken's CSV exports (kraken-api.md §7.2 L1, §7.3 T1). */
class KrakenExportTest {

  private static final SimulatedAccount ACCOUNT =
      AccountGenerator.generate(5, 3, Instant.parse("2026-11-23T12:34:56.789Z"));

  private static List<String> lines(String text) {
    return text.lines().toList();
  }

  @Test
  void ledgersAreTheTenColumnLayoutOldestFirstWithWholeSecondTimes() throws IOException {
    StringWriter out = new StringWriter();
    KrakenExport.of(ACCOUNT).writeLedgers(out);
    List<String> lines = lines(out.toString());

    assertThat(lines.get(0))
        .isEqualTo(
            "\"txid\",\"refid\",\"time\",\"type\",\"subtype\",\"aclass\",\"asset\",\"amount\","
                + "\"fee\",\"balance\"");
    assertThat(lines).hasSize(ACCOUNT.ledger().size() + 1);
    LedgerEntry first = ACCOUNT.ledger().get(0);
    // text quoted, numbers bare, the time cut to its second
    assertThat(lines.get(1))
        .isEqualTo(
            String.format(
                "\"%s\",\"%s\",\"%s\",\"%s\",\"%s\",\"currency\",\"%s\",%s,%s,%s",
                first.id(),
                first.refid(),
                first.time().toString().substring(0, 19).replace('T', ' '),
                first.type(),
                first.subtype(),
                first.asset(),
                first.amount().toPlainString(),
                first.fee().toPlainString(),
                first.balance().toPlainString()));
    for (String line : lines.subList(1, lines.size())) {
      assertThat(line)
          .matches("\"L[^\"]+\",\"[^\"]+\",\"\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\",.*");
    }
  }

  @Test
  void tradesAreTheThirteenColumnLayoutWithTheirLedgerIds() throws IOException {
    StringWriter out = new StringWriter();
    KrakenExport.of(ACCOUNT).writeTrades(out);
    List<String> lines = lines(out.toString());

    assertThat(lines.get(0))
        .isEqualTo(
            "\"txid\",\"ordertxid\",\"pair\",\"time\",\"type\",\"ordertype\",\"price\",\"cost\","
                + "\"fee\",\"vol\",\"margin\",\"misc\",\"ledgers\"");
    assertThat(lines).hasSize(ACCOUNT.trades().size() + 1);
    Fill first = ACCOUNT.trades().get(0);
    assertThat(lines.get(1))
        .startsWith("\"" + first.txid() + "\",\"" + first.orderTxid() + "\",\"" + first.pair())
        .contains("\"" + first.side().wire() + "\",\"" + first.orderType().wire() + "\",")
        .endsWith(",\"\",\"" + String.join(",", first.ledgerIds()) + "\"");
    assertThat(lines.get(1).split("\",\"")[3])
        .as("time to a ten-thousandth of a second")
        .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{4}");
  }
}
