package io.tally.bench;

import io.tally.kraken.KrakenCsv;
import io.tally.kraken.LedgerRow;
import io.tally.money.AssetSymbol;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the books of a Kraken {@code ledgers.csv} as a ledger-cli journal, so that {@code ledger}
 * (Debian's ledger 3.3) and {@code tally} can be timed on the same history (bench/run-peers.sh).
 * Each refid becomes one transaction dated by its first row (UTC): every row posts its amount less
 * its fee to {@code Assets:Kraken:<asset>} and its fee to {@code Expenses:Fees}, and one posting
 * without an amount balances each asset: {@code Equity:Conversion} for trades, {@code
 * Equity:Transfers} for deposits and withdrawals, {@code Income:Rewards} for earn and staking,
 * {@code Equity:Kraken:<type>} for anything else. So {@code ledger bal Assets} gives each asset's
 * balance after the last row, which is what Kraken's {@code balance} column and Tally's holdings
 * say. A prices file ({@code time,asset,price}, as {@link LedgerCsvGenerator} writes it) becomes
 * {@code P} directives in the base currency. Asset names are Kraken's canonical ones, as Tally
 * reports them ({@code BTC} becomes {@code XBT}).
 *
 * <p>Trades carry no cost ({@code @@}): ledger 3.3 keeps each priced leg as a lot of its own, and
 * adding up tens of thousands of lots made {@code ledger bal} of 100,000 rows take over three
 * minutes instead of three seconds. The {@code P} directives value the balances instead.
 *
 * <p>Example: {@code java -cp bench/target/benchmarks.jar io.tally.bench.JournalWriter ledgers.csv
 * prices.csv EUR book.ledger} writes, for a trade:
 *
 * <pre>
 * 2021/01/04 * trade TYID2VM-00002-LA0NVF
 *     Assets:Kraken:EUR  -1025.0000 EUR
 *     Expenses:Fees  1.8417 EUR
 *     Assets:Kraken:XBT  0.0340556576 XBT
 *     Equity:Conversion
 * </pre>
 *
 * <p>Stateless; each call writes one journal.
 */
public final class JournalWriter {

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("uuuu/MM/dd", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("uuuu/MM/dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private JournalWriter() {}

  /**
   * Writes {@code LEDGERS.csv PRICES.csv BASE OUT.ledger}.
   *
   * @param args the ledgers export, the prices file, the currency its prices are in and the journal
   *     to write
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 4) {
      System.err.println(
          "usage: java -cp benchmarks.jar io.tally.bench.JournalWriter LEDGERS.csv PRICES.csv BASE"
              + " OUT.ledger");
      System.exit(2);
    }
    long started = System.nanoTime();
    Path out = Path.of(args[3]);
    int transactions = write(Path.of(args[0]), Path.of(args[1]), args[2], out);
    System.err.printf(
        Locale.ROOT,
        "wrote %,d transactions to %s in %.1f s, %,d bytes%n",
        transactions,
        out,
        (System.nanoTime() - started) / 1e9,
        Files.size(out));
  }

  /** Writes the journal of {@code ledgers} and {@code prices} to {@code out}; returns its size. */
  public static int write(Path ledgers, Path prices, String base, Path out) throws IOException {
    List<LedgerRow> rows = KrakenCsv.read(ledgers).ledgerRows();
    try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      writePrices(prices, AssetSymbol.canonical(base).code(), writer);
      return writeTransactions(rows, writer);
    }
  }

  /** Writes one {@code P} directive per row of the prices file. */
  static void writePrices(Path prices, String base, Writer out) throws IOException {
    String name = prices.getFileName().toString();
    try (BufferedReader reader = Files.newBufferedReader(prices, StandardCharsets.UTF_8)) {
      String header = reader.readLine();
      if (!LedgerCsvGenerator.PRICES_HEADER.equals(header)) {
        throw new IllegalArgumentException(
            name + " line 1: expected the header '" + LedgerCsvGenerator.PRICES_HEADER + "'");
      }
      int line = 1;
      for (String text = reader.readLine(); text != null; text = reader.readLine()) {
        line++;
        String[] fields = text.split(",", -1);
        if (fields.length != 3) {
          throw new IllegalArgumentException(
              name + " line " + line + ": expected time,asset,price, found '" + text + "'");
        }
        Instant at;
        try {
          at = Instant.parse(fields[0]);
        } catch (DateTimeParseException e) {
          throw new IllegalArgumentException(
              name + " line " + line + " field time: not an ISO-8601 time: '" + fields[0] + "'", e);
        }
        BigDecimal price;
        try {
          price = new BigDecimal(fields[2]);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              name + " line " + line + " field price: not a decimal: '" + fields[2] + "'", e);
        }
        out.write(
            "P "
                + DATE_TIME.format(at)
                + " "
                + AssetSymbol.canonical(fields[1]).code()
                + " "
                + price.toPlainString()
                + " "
                + base
                + "\n");
      }
    }
  }

  /** Writes one transaction per refid, in the order refids first appear; returns how many. */
  static int writeTransactions(List<LedgerRow> rows, Writer out) throws IOException {
    Map<String, List<LedgerRow>> groups = new LinkedHashMap<>();
    for (LedgerRow row : rows) {
      groups.computeIfAbsent(row.refid(), refid -> new ArrayList<>(2)).add(row);
    }
    StringBuilder text = new StringBuilder(256);
    for (List<LedgerRow> group : groups.values()) {
      text.setLength(0);
      transaction(group, text);
      out.append(text);
    }
    return groups.size();
  }

  private static void transaction(List<LedgerRow> group, StringBuilder text) {
    LedgerRow first = group.get(0);
    text.append(DATE.format(first.time()))
        .append(" * ")
        .append(first.type())
        .append(' ')
        .append(first.refid())
        .append('\n');
    for (LedgerRow row : group) {
      String commodity = commodity(row);
      text.append("    Assets:Kraken:").append(commodity).append("  ");
      text.append(row.amount().subtract(row.fee()).toPlainString()).append(' ').append(commodity);
      text.append('\n');
      if (row.fee().signum() != 0) {
        text.append("    Expenses:Fees  ")
            .append(row.fee().toPlainString())
            .append(' ')
            .append(commodity)
            .append('\n');
      }
    }
    text.append("    ").append(counterAccount(first.type())).append("\n\n");
  }

  private static String counterAccount(String type) {
    return switch (type) {
      case "trade" -> "Equity:Conversion";
      case "deposit", "withdrawal", "transfer" -> "Equity:Transfers";
      case "earn", "staking", "reward" -> "Income:Rewards";
      default -> "Equity:Kraken:" + type;
    };
  }

  private static String commodity(LedgerRow row) {
    return row.canonicalAsset().code();
  }
}
