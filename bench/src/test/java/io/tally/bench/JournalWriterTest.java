package io.tally.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tally.kraken.KrakenCsv;
import io.tally.kraken.LedgerRow;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalWriterTest {

  @TempDir Path dir;

  @Test
  void aTradeSpendsItsFiatLegWithTheFeeAndConvertsThroughEquity() throws IOException {
    LedgerRow eur = row("L1", "T1", "trade", "EUR", "-1023.1583", "1.8417");
    LedgerRow btc = row("L2", "T1", "trade", "BTC", "0.0340556576", "0");
    StringWriter out = new StringWriter();

    assertThat(JournalWriter.writeTransactions(List.of(eur, btc), out)).isEqualTo(1);

    // EUR: -1023.1583 - 1.8417 = -1025; 1.8417 EUR of fees; Equity:Conversion takes the rest of
    // each commodity: 1023.1583 EUR and -0.0340556576 XBT.
    assertThat(out.toString())
        .isEqualTo(
            "2024/03/01 * trade T1\n"
                + "    Assets:Kraken:EUR  -1025.0000 EUR\n"
                + "    Expenses:Fees  1.8417 EUR\n"
                + "    Assets:Kraken:XBT  0.0340556576 XBT\n"
                + "    Equity:Conversion\n"
                + "\n");
  }

  @Test
  void flowsBalanceAgainstTransfersOrRewards() throws IOException {
    StringWriter out = new StringWriter();

    JournalWriter.writeTransactions(
        List.of(
            row("L1", "F1", "deposit", "EUR", "1250", "0"),
            row("L2", "F2", "withdrawal", "XXBT", "-0.5", "0.0001"),
            row("L3", "E1", "earn", "SOL", "0.01", "0.001")),
        out);

    assertThat(out.toString())
        .isEqualTo(
            "2024/03/01 * deposit F1\n"
                + "    Assets:Kraken:EUR  1250 EUR\n"
                + "    Equity:Transfers\n"
                + "\n"
                + "2024/03/01 * withdrawal F2\n"
                + "    Assets:Kraken:XBT  -0.5001 XBT\n"
                + "    Expenses:Fees  0.0001 XBT\n"
                + "    Equity:Transfers\n"
                + "\n"
                + "2024/03/01 * earn E1\n"
                + "    Assets:Kraken:SOL  0.009 SOL\n"
                + "    Expenses:Fees  0.001 SOL\n"
                + "    Income:Rewards\n"
                + "\n");
  }

  @Test
  void theJournalsAssetsEndAtKrakensLastBalanceOfEveryAsset() throws IOException {
    Path ledgers = dir.resolve("ledgers.csv");
    Path prices = dir.resolve("prices.csv");
    Path journal = dir.resolve("book.ledger");
    LedgerCsvGenerator.write(ledgers, 3_000, 42, Optional.of(prices));

    int transactions = JournalWriter.write(ledgers, prices, "EUR", journal);

    Map<String, BigDecimal> lastBalance = new TreeMap<>();
    for (LedgerRow row : KrakenCsv.read(ledgers).ledgerRows()) {
      lastBalance.put(row.canonicalAsset().code(), row.balance().orElseThrow());
    }
    Map<String, BigDecimal> assets = new TreeMap<>();
    List<String> lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
    int directives = 0;
    int dated = 0;
    for (String line : lines) {
      if (line.startsWith("P ")) {
        directives++;
        assertThat(line)
            .matches("P \\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d (XBT|ETH|SOL) [0-9.]+ EUR");
      } else if (line.matches("\\d{4}/.*")) {
        dated++;
      } else if (line.startsWith("    Assets:Kraken:")) {
        String[] words = line.strip().split("\\s+");
        assets.merge(words[2], new BigDecimal(words[1]), BigDecimal::add);
      }
    }
    assertThat(directives).isEqualTo(Files.readAllLines(prices).size() - 1);
    assertThat(dated).isEqualTo(transactions);
    assertThat(assets.keySet()).isEqualTo(lastBalance.keySet());
    assets.forEach(
        (asset, sum) -> assertThat(sum).as(asset).isEqualByComparingTo(lastBalance.get(asset)));
  }

  @Test
  void everyTransactionHasExactlyOnePostingThatBalancesIt() throws IOException {
    Path ledgers = dir.resolve("ledgers.csv");
    LedgerCsvGenerator.write(ledgers, 2_000, 7);
    StringWriter out = new StringWriter();
    int count = JournalWriter.writeTransactions(KrakenCsv.read(ledgers).ledgerRows(), out);

    // ledger balances each commodity of a transaction through its one posting without an amount.
    String[] transactions = out.toString().split("\n\n");
    assertThat(transactions).hasSize(count);
    for (String transaction : transactions) {
      List<String> lines = List.of(transaction.split("\n"));
      List<String> postings = lines.subList(1, lines.size());
      assertThat(postings)
          .as(transaction)
          .allMatch(posting -> posting.startsWith("    ") && !posting.contains("@"))
          .filteredOn(posting -> posting.strip().split("\\s+").length == 1)
          .hasSize(1);
    }
  }

  @Test
  void aBadPricesFileIsNamedWithItsLine() throws IOException {
    Path prices = dir.resolve("prices.csv");
    Files.writeString(prices, "time,asset,price\n2024-03-01T00:00:00Z,BTC,abc\n");

    assertThatThrownBy(() -> JournalWriter.writePrices(prices, "EUR", new StringWriter()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("prices.csv line 2 field price: not a decimal: 'abc'");
  }

  private static LedgerRow row(
      String txid, String refid, String type, String asset, String amount, String fee) {
    return new LedgerRow(
        txid,
        refid,
        Instant.parse("2024-03-01T12:00:00Z"),
        type,
        "",
        "currency",
        "",
        asset,
        "spot / main",
        new BigDecimal(amount),
        new BigDecimal(fee),
        Optional.empty(),
        "ledgers.csv",
        2);
  }
}
