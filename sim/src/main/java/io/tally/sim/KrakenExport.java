package io.tally.sim;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A simulated account's history as the CSV files Kraken's History → Export gives a user
 * (kraken-api.md §7): {@code ledgers.csv} in the 10-column layout of 2020–2024 (L1: legacy asset
 * ids such as {@code XXBT} and {@code DOT.S}, whole-second times) and {@code trades.csv} in the
 * 13-column layout (T1: pair keys, times to a ten-thousandth of a second). Header names and text
 * fields are double-quoted, numbers are not, rows are oldest first. An account that traded on
 * margin writes {@code trades.csv} in the 22-column layout (T2: T1 plus {@code postxid, posstatus,
 * cprice, ccost, cfee, cvol, cmargin, net, trades}), its margin trades with their {@code margin}
 * and {@code misc}; its {@code margin} and {@code rollover} ledger rows are ledger rows like any
 * other. A spot-only account's files are T1, as before. The rows are those the simulator's {@code
 * Ledgers} and {@code TradesHistory} serve, so an import of the files and a sync of the account
 * hold the same events (up to the finer times of the API).
 *
 * <p>Example: {@code KrakenExport.of(account).writeLedgers(Path.of("ledgers.csv"))} writes {@code
 * "LXXXXX-…","TXXXXX-…","2026-11-23 12:00:00","trade","tradespot","currency","XXBT",0.0100000000,
 * 0.0000000000,0.0100000000}. Reads the account once, when made; immutable after.
 */
public final class KrakenExport {

  /** The ledgers.csv header of 2020–2024 exports (L1). */
  static final String LEDGERS_HEADER =
      "\"txid\",\"refid\",\"time\",\"type\",\"subtype\",\"aclass\",\"asset\",\"amount\",\"fee\","
          + "\"balance\"";

  /** The trades.csv header of 2017–2023 exports (T1). */
  static final String TRADES_HEADER =
      "\"txid\",\"ordertxid\",\"pair\",\"time\",\"type\",\"ordertype\",\"price\",\"cost\",\"fee\","
          + "\"vol\",\"margin\",\"misc\",\"ledgers\"";

  /** The extra columns of trades.csv exports with margin fields (T2). */
  static final String MARGIN_COLUMNS =
      ",\"postxid\",\"posstatus\",\"cprice\",\"ccost\",\"cfee\",\"cvol\",\"cmargin\",\"net\","
          + "\"trades\"";

  private static final DateTimeFormatter LEDGER_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TRADE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSS", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final List<LedgerEntry> ledger;
  private final List<Fill> fills;
  private final Listing listing;
  private final Map<String, Position> positions;

  private KrakenExport(
      List<LedgerEntry> ledger, List<Fill> fills, Listing listing, List<Position> positions) {
    this.ledger = List.copyOf(ledger);
    this.fills = List.copyOf(fills);
    this.listing = listing;
    Map<String, Position> byTxid = new HashMap<>();
    positions.forEach(position -> byTxid.put(position.txid(), position));
    this.positions = Map.copyOf(byTxid);
  }

  /** The export of everything {@code account} has booked so far. */
  public static KrakenExport of(SimulatedAccount account) {
    requireNonNull(account, "account");
    return new KrakenExport(
        account.ledger(), account.trades(), account.listing(), account.allPositions());
  }

  /** Writes {@code ledgers.csv} to {@code file}, replacing it. */
  public void writeLedgers(Path file) {
    write(file, this::writeLedgers);
  }

  /** Writes {@code trades.csv} to {@code file}, replacing it. */
  public void writeTrades(Path file) {
    write(file, this::writeTrades);
  }

  /** Writes the ledger rows, header first, oldest first. */
  public void writeLedgers(Writer out) throws IOException {
    out.write(LEDGERS_HEADER + "\n");
    for (LedgerEntry entry : ledger) {
      out.write(
          String.join(
                  ",",
                  quoted(entry.id()),
                  quoted(entry.refid()),
                  quoted(LEDGER_TIME.format(entry.time().truncatedTo(ChronoUnit.SECONDS))),
                  quoted(entry.type()),
                  quoted(entry.subtype()),
                  quoted(entry.aclass()),
                  quoted(entry.asset()),
                  plain(entry.amount()),
                  plain(entry.fee()),
                  plain(entry.balance()))
              + "\n");
    }
  }

  /**
   * Writes the trades (fills), header first, oldest first, each with its ledger ids; with margin
   * trades in the T2 layout.
   */
  public void writeTrades(Writer out) throws IOException {
    boolean margin = fills.stream().anyMatch(Fill::isMargin);
    out.write(TRADES_HEADER + (margin ? MARGIN_COLUMNS : "") + "\n");
    for (Fill fill : fills) {
      ListedPair pair = listing.pair(fill.pair());
      int cost = pair.costDecimals();
      Optional<MarginTrade> trade = fill.margin();
      List<String> columns =
          new ArrayList<>(
              List.of(
                  quoted(fill.txid()),
                  quoted(fill.orderTxid()),
                  quoted(fill.pair()),
                  quoted(TRADE_TIME.format(tenThousandths(fill.time()))),
                  quoted(fill.side().wire()),
                  quoted(fill.orderType().wire()),
                  WireFormat.fixed(fill.price(), Math.max(cost, pair.pairDecimals())),
                  WireFormat.fixed(fill.cost(), cost),
                  WireFormat.fixed(fill.fee(), cost),
                  WireFormat.fixed(fill.vol(), pair.lotDecimals()),
                  WireFormat.fixed(trade.map(MarginTrade::margin).orElse(BigDecimal.ZERO), cost),
                  quoted(trade.filter(MarginTrade::closes).isPresent() ? "closing" : ""),
                  quoted(String.join(",", fill.ledgerIds()))));
      if (margin) {
        columns.addAll(marginColumns(fill, pair));
      }
      out.write(String.join(",", columns) + "\n");
    }
  }

  /** The T2 columns of one trade; empty strings where the trade has no such field. */
  private List<String> marginColumns(Fill fill, ListedPair pair) {
    int cost = pair.costDecimals();
    Optional<MarginTrade> trade = fill.margin();
    String postxid =
        trade
            .filter(MarginTrade::closes)
            .map(MarginTrade::positionTxid)
            .orElse(WireFormat.NO_POSITION);
    Optional<Position> opened = trade.filter(t -> !t.closes()).map(t -> positions.get(fill.txid()));
    List<String> columns = new ArrayList<>(List.of(quoted(postxid)));
    if (opened.isEmpty()) {
      columns.addAll(List.of(quoted(""), "", "", "", "", "", "", quoted("")));
      return columns;
    }
    Position position = opened.get();
    columns.add(quoted(position.isOpen() ? "open" : "closed"));
    if (position.volClosed().signum() == 0) {
      columns.addAll(List.of("", "", "", "", "", "", quoted("")));
      return columns;
    }
    columns.addAll(
        List.of(
            position
                .closedCost()
                .divide(
                    position.volClosed(),
                    Math.max(cost, pair.pairDecimals()),
                    RoundingMode.HALF_EVEN)
                .toPlainString(),
            WireFormat.fixed(position.closedCost(), cost),
            WireFormat.fixed(position.closedFee(), cost),
            WireFormat.fixed(position.volClosed(), pair.lotDecimals()),
            WireFormat.fixed(position.closedMargin(), cost),
            WireFormat.fixed(position.net(), cost),
            quoted(String.join(",", position.closingTrades()))));
    return columns;
  }

  /** What the writer does to one open file. */
  @FunctionalInterface
  private interface Body {
    void writeTo(Writer out) throws IOException;
  }

  private static void write(Path file, Body body) {
    try (Writer out =
        Files.newBufferedWriter(requireNonNull(file, "file"), StandardCharsets.UTF_8)) {
      body.writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  private static Instant tenThousandths(Instant time) {
    return time.minusNanos(time.getNano() % 100_000);
  }

  private static String quoted(String text) {
    return "\"" + text.replace("\"", "\"\"") + "\"";
  }

  private static String plain(BigDecimal value) {
    return value.toPlainString();
  }
}
