package io.tally.margin;

import static java.util.Objects.requireNonNull;

import io.tally.ledger.EventId;
import io.tally.ledger.InstantText;
import io.tally.ledger.TabText;
import io.tally.money.Asset;
import io.tally.money.Pair;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The text form of a {@link MarginAccount}, so a checkpoint can hold the margin state and {@link
 * MarginBook#resume} can continue from it. Like the books' checkpoint: one record per line, fields
 * separated by tabs, every number in its exact scale ({@code 0.06} stays {@code 0.06}, money keeps
 * its 8 decimals), so {@code read(write(account))} equals {@code account} and a resumed book
 * computes digit for digit what the original would have. Asset codes and event ids escape
 * backslash, tab, newline and carriage return (and a pair's halves their slash), so any value the
 * records accept survives.
 *
 * <p>Example (fields separated by one tab each, shown here as spaces; each trade is one line,
 * wrapped here): an isolated USD account with an open long on XBT/USD that was partly reduced, and
 * a short on ETH/USD opened and closed.
 *
 * <pre>
 * tally-margin  1
 * terms         USD  125  ISOLATED  0.5  0.1
 * max_leverage  XBT/USD  5
 * maintenance   SOL/USD  0.8
 * account       10186.16000000  10000.00000000  2025-03-01T15:04:00Z
 * position      ETH/USD  0     0.00000000     3  200.00000000  18.88000000  0.00000000
 * position      XBT/USD  0.06  3600.00000000  5  40.00000000   33.76000000  1.20000000
 * mark          ETH/USD  2950
 * mark          XBT/USD  60500
 * trade         S1  ETH/USD  SHORT  2    6000.00000000  2     5800.00000000  2
 *               2025-03-01T10:01:00Z  2025-03-01T10:30:00Z  18.88000000  0.00000000  200.00000000
 * trade         T1  XBT/USD  LONG   0.1  6000.00000000  0.04  2440.00000000  0.1
 *               2025-03-01T11:00:00Z  2025-03-01T15:02:00Z  33.76000000  1.20000000  40.00000000
 * end
 * </pre>
 *
 * <p>The records, in this order, with their fields after the record name:
 *
 * <ul>
 *   <li>{@code terms}: collateral asset, max leverage, mode, maintenance ratio, reserve ratio;
 *   <li>{@code max_leverage}: pair, max leverage (one per per-pair cap, pairs ascending);
 *   <li>{@code maintenance}: pair, maintenance ratio (one per per-pair override, pairs ascending);
 *   <li>{@code account}: collateral, net deposits, last event time or {@code -};
 *   <li>{@code position}: pair, size, entry value, leverage, realized PnL, fees, carry (pairs
 *       ascending, flat ones too);
 *   <li>{@code mark}: pair, price (pairs ascending);
 *   <li>{@code trade}: id, pair, side, opened quantity and value, closed quantity and value, peak
 *       size, entry time, last fill time, fees, carry, realized PnL (in the account's order);
 *   <li>{@code end}.
 * </ul>
 *
 * <p>A text never has a blank line and always ends with {@code end} and a newline, so several
 * accounts (say one per collateral asset) can be written one after another and read back with
 * {@link #writeAll} and {@link #readAll}. Numbers with a non-negative scale are written plain
 * ({@link BigDecimal#toPlainString()}), the rare negative scale in scientific form ({@code 1E+3}).
 * Stateless.
 */
public final class MarginAccountText {

  /**
   * The first line of every account's text. A new layout, or a new meaning of a field, gets a new
   * version number, and this reader refuses the others.
   */
  public static final String HEADER = "tally-margin\t1";

  private static final String MAGIC = "tally-margin";
  private static final String VERSION = "1";
  private static final String END = "end";
  private static final String NO_TIME = "-";

  private static final String TERMS = "terms";
  private static final String MAX_LEVERAGE = "max_leverage";
  private static final String MAINTENANCE = "maintenance";
  private static final String ACCOUNT = "account";
  private static final String POSITION = "position";
  private static final String MARK = "mark";
  private static final String TRADE = "trade";

  /** Each record's field names after the record name; messages name a field by them. */
  private static final Map<String, List<String>> FIELDS =
      Map.of(
          TERMS,
          List.of("collateral", "maxLeverage", "mode", "maintenanceRatio", "reserveRatio"),
          MAX_LEVERAGE,
          List.of("pair", "maxLeverage"),
          MAINTENANCE,
          List.of("pair", "maintenanceRatio"),
          ACCOUNT,
          List.of("collateral", "netDeposits", "lastEventAt"),
          POSITION,
          List.of(
              "pair", "size", "entryValue", "leverage", "realizedPnl", "feesPaid", "fundingPaid"),
          MARK,
          List.of("pair", "price"),
          TRADE,
          List.of(
              "id",
              "pair",
              "side",
              "openedQuantity",
              "openedValue",
              "closedQuantity",
              "closedValue",
              "peakSize",
              "entryTime",
              "lastFillAt",
              "feesPaid",
              "fundingPaid",
              "realizedPnl"),
          END,
          List.of());

  private static final String ORDER =
      "terms, max_leverage, maintenance, account, position, mark, trade, end";

  private MarginAccountText() {}

  /**
   * The account as text: the header, its records, {@code end} and a newline.
   *
   * @throws IllegalArgumentException when a position is filed under another pair than its own (an
   *     account made by hand: {@link #read} also refuses one whose open trades disagree with its
   *     positions, which no fold makes)
   */
  public static String write(MarginAccount account) {
    requireNonNull(account, "account");
    StringBuilder out = new StringBuilder(256 + 160 * account.trades().size());
    out.append(HEADER).append('\n');
    MarginTerms terms = account.terms();
    line(
        out,
        TERMS,
        TabText.escape(terms.collateral().code()),
        Integer.toString(terms.maxLeverage()),
        terms.mode().name(),
        decimalText(terms.maintenanceRatio()),
        decimalText(terms.reserveRatio()));
    new TreeMap<>(terms.maxLeverageByPair())
        .forEach((pair, max) -> line(out, MAX_LEVERAGE, pair(pair), Integer.toString(max)));
    new TreeMap<>(terms.maintenanceByPair())
        .forEach((pair, ratio) -> line(out, MAINTENANCE, pair(pair), decimalText(ratio)));
    line(
        out,
        ACCOUNT,
        decimalText(account.collateral()),
        decimalText(account.netDeposits()),
        account.lastEventAt().map(Instant::toString).orElse(NO_TIME));
    new TreeMap<>(account.positions())
        .forEach(
            (pair, position) -> {
              if (!position.pair().equals(pair)) {
                throw new IllegalArgumentException(
                    "the " + position.pair() + " position is filed under " + pair);
              }
              line(
                  out,
                  POSITION,
                  pair(pair),
                  decimalText(position.size()),
                  decimalText(position.entryValue()),
                  Integer.toString(position.leverage()),
                  decimalText(position.realizedPnl()),
                  decimalText(position.feesPaid()),
                  decimalText(position.fundingPaid()));
            });
    new TreeMap<>(account.marks())
        .forEach((pair, price) -> line(out, MARK, pair(pair), decimalText(price)));
    for (TradeLifecycle trade : account.trades()) {
      line(
          out,
          TRADE,
          TabText.escape(trade.id().value()),
          pair(trade.pair()),
          trade.side().name(),
          decimalText(trade.openedQuantity()),
          decimalText(trade.openedValue()),
          decimalText(trade.closedQuantity()),
          decimalText(trade.closedValue()),
          decimalText(trade.peakSize()),
          trade.entryTime().toString(),
          trade.lastFillAt().toString(),
          decimalText(trade.feesPaid()),
          decimalText(trade.fundingPaid()),
          decimalText(trade.realizedPnl()));
    }
    out.append(END).append('\n');
    return out.toString();
  }

  /** The accounts' texts one after another, in list order (empty for no accounts). */
  public static String writeAll(List<MarginAccount> accounts) {
    StringBuilder out = new StringBuilder();
    requireNonNull(accounts, "accounts").forEach(account -> out.append(write(account)));
    return out.toString();
  }

  /**
   * The account {@link #write} wrote, read back equal to the last digit and scale.
   *
   * <p>Besides the layout, it checks what {@link MarginBook#resume} relies on: a pair has at most
   * one open trade, and an open trade leaves open exactly its position's size (so an open position
   * has one).
   *
   * @throws IllegalArgumentException naming the line (counted from 1) and what is wrong with it:
   *     another header or version, an unknown or misplaced record, a wrong number of fields, a
   *     number, time, pair or name that does not parse, a value the records reject, a blank line, a
   *     missing {@code end}, or text after it
   */
  public static MarginAccount read(String text) {
    Lines lines = new Lines(requireNonNull(text, "text"));
    MarginAccount account = lines.account();
    if (lines.hasNext()) {
      throw lines.next().fail("text after the end line (readAll reads several accounts)");
    }
    return account;
  }

  /**
   * The accounts {@link #writeAll} wrote (or several {@link #write} texts concatenated), in order;
   * empty for an empty text. Line numbers in errors count from the start of the whole text.
   *
   * @throws IllegalArgumentException as {@link #read} does, for any of the accounts
   */
  public static List<MarginAccount> readAll(String text) {
    Lines lines = new Lines(requireNonNull(text, "text"));
    List<MarginAccount> accounts = new ArrayList<>();
    while (lines.hasNext()) {
      accounts.add(lines.account());
    }
    return List.copyOf(accounts);
  }

  // --- writing

  private static void line(StringBuilder out, String... fields) {
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        out.append('\t');
      }
      out.append(fields[i]);
    }
    out.append('\n');
  }

  /** Plain for a non-negative scale, which keeps every digit and the scale; {@code 1E+3} else. */
  private static String decimalText(BigDecimal value) {
    return value.scale() < 0 ? value.toString() : value.toPlainString();
  }

  private static String pair(Pair pair) {
    return TabText.escape(pair.base().code()).replace("/", "\\/")
        + "/"
        + TabText.escape(pair.quote().code()).replace("/", "\\/");
  }

  /** Text for a message: as read, with its tabs and carriage returns made visible. */
  private static String visible(String text) {
    return text.replace("\t", "\\t").replace("\r", "\\r");
  }

  // --- reading

  /** The text's lines and a cursor over them; lines are numbered from 1. */
  private static final class Lines {
    private final String[] lines;
    private int next;

    Lines(String text) {
      if (text.isEmpty()) {
        lines = new String[0];
        return;
      }
      String[] split = text.split("\n", -1);
      int last = split.length - 1;
      if (!split[last].isEmpty()) {
        throw new IllegalArgumentException(
            "line "
                + (last + 1)
                + ": the text is cut short: '"
                + visible(split[last])
                + "' has no newline");
      }
      lines = Arrays.copyOf(split, last);
    }

    boolean hasNext() {
      return next < lines.length;
    }

    /** The next line, split into fields (a blank line is rejected). */
    Line next() {
      int number = next + 1;
      String text = lines[next++];
      if (text.isEmpty()) {
        throw new IllegalArgumentException("line " + number + ": blank line");
      }
      return new Line(number, text.split("\t", -1));
    }

    /** The record name of the next line; empty at the end of the text. */
    Optional<String> peek() {
      if (!hasNext()) {
        return Optional.empty();
      }
      int tab = lines[next].indexOf('\t');
      return Optional.of(tab < 0 ? lines[next] : lines[next].substring(0, tab));
    }

    /** The next line, which must be the record {@code name} (or the end of the block). */
    Line expect(String name) {
      if (!hasNext()) {
        throw new IllegalArgumentException(
            "line " + (next + 1) + ": missing the end line (the text is cut short)");
      }
      String text = lines[next];
      if (text.equals(HEADER) || text.startsWith(MAGIC + "\t")) {
        throw new IllegalArgumentException(
            "line " + (next + 1) + ": missing the end line before the next header");
      }
      Line line = next();
      if (!FIELDS.containsKey(line.record())) {
        throw line.fail("unknown record '" + visible(line.record()) + "'");
      }
      if (!line.record().equals(name)) {
        throw line.fail(
            "record '" + line.record() + "' is out of place (records go " + ORDER + ")");
      }
      line.requireFieldCount();
      return line;
    }

    /** Whether the next line is the record {@code name}. */
    boolean at(String name) {
      return peek().filter(name::equals).isPresent();
    }

    /** One account's block: header to end. */
    MarginAccount account() {
      header();
      Line termsLine = expect(TERMS);
      Asset collateral = termsLine.asset(1);
      int maxLeverage = termsLine.integer(2);
      MarginMode mode = termsLine.mode(3);
      BigDecimal maintenanceRatio = termsLine.decimal(4);
      BigDecimal reserveRatio = termsLine.decimal(5);
      MarginTerms base =
          termsLine.build(
              () ->
                  new MarginTerms(
                      collateral,
                      maxLeverage,
                      Map.of(),
                      maintenanceRatio,
                      Map.of(),
                      reserveRatio,
                      mode));
      // Each per-pair figure is checked on its own line, so a rejection names that line.
      Ascending leverageOrder = new Ascending();
      while (at(MAX_LEVERAGE)) {
        Line line = expect(MAX_LEVERAGE);
        Pair pair = leverageOrder.next(line, line.pair(1));
        int max = line.integer(2);
        MarginTerms before = base;
        base = line.build(() -> before.withMaxLeverage(pair, max));
      }
      Ascending maintenanceOrder = new Ascending();
      while (at(MAINTENANCE)) {
        Line line = expect(MAINTENANCE);
        Pair pair = maintenanceOrder.next(line, line.pair(1));
        BigDecimal ratio = line.decimal(2);
        MarginTerms before = base;
        base = line.build(() -> before.withMaintenance(pair, ratio));
      }
      MarginTerms terms = base;

      Line accountLine = expect(ACCOUNT);
      BigDecimal collateralHeld = accountLine.decimal(1);
      BigDecimal netDeposits = accountLine.decimal(2);
      Optional<Instant> lastEventAt =
          accountLine.field(3).equals(NO_TIME)
              ? Optional.empty()
              : Optional.of(accountLine.instant(3));

      Map<Pair, MarginPosition> positions = new HashMap<>();
      Map<Pair, Line> positionLines = new HashMap<>();
      Ascending positionOrder = new Ascending();
      while (at(POSITION)) {
        Line line = expect(POSITION);
        Pair pair = positionOrder.next(line, line.pair(1));
        BigDecimal size = line.decimal(2);
        BigDecimal entryValue = line.decimal(3);
        int leverage = line.integer(4);
        BigDecimal realized = line.decimal(5);
        BigDecimal fees = line.decimal(6);
        BigDecimal funding = line.decimal(7);
        positions.put(
            pair,
            line.build(
                () ->
                    new MarginPosition(pair, size, entryValue, leverage, realized, fees, funding)));
        positionLines.put(pair, line);
      }

      Map<Pair, BigDecimal> marks = new HashMap<>();
      Ascending markOrder = new Ascending();
      while (at(MARK)) {
        Line line = expect(MARK);
        marks.put(markOrder.next(line, line.pair(1)), line.decimal(2));
      }

      List<TradeLifecycle> trades = new ArrayList<>();
      Map<Pair, TradeLifecycle> openTrades = new HashMap<>();
      Map<Pair, Line> openTradeLines = new HashMap<>();
      while (at(TRADE)) {
        Line line = expect(TRADE);
        TradeLifecycle trade = trade(line);
        trades.add(trade);
        if (trade.status() == TradeStatus.OPEN) {
          TradeLifecycle earlier = openTrades.putIfAbsent(trade.pair(), trade);
          if (earlier != null) {
            throw line.fail(
                "trade "
                    + trade.id()
                    + " is a second open trade on "
                    + trade.pair().slashed()
                    + " (trade "
                    + earlier.id()
                    + " on line "
                    + openTradeLines.get(trade.pair()).number()
                    + " is open)");
          }
          openTradeLines.put(trade.pair(), line);
          BigDecimal left = trade.openedQuantity().subtract(trade.closedQuantity());
          BigDecimal signed = trade.side() == PositionSide.LONG ? left : left.negate();
          BigDecimal size =
              positions.getOrDefault(trade.pair(), MarginPosition.flat(trade.pair())).size();
          if (signed.compareTo(size) != 0) {
            throw line.fail(
                "open trade "
                    + trade.id()
                    + " leaves "
                    + signed.toPlainString()
                    + " of "
                    + trade.pair().slashed()
                    + " open, but the position's size is "
                    + size.toPlainString());
          }
        }
      }
      Line end = expect(END);
      new TreeMap<>(positionLines)
          .forEach(
              (pair, line) -> {
                if (!positions.get(pair).isFlat() && !openTrades.containsKey(pair)) {
                  throw end.fail(
                      "the open "
                          + pair.slashed()
                          + " position on line "
                          + line.number()
                          + " has no open trade");
                }
              });
      return accountLine.build(
          () ->
              new MarginAccount(
                  terms, collateralHeld, netDeposits, positions, marks, trades, lastEventAt));
    }

    private void header() {
      if (!hasNext()) {
        throw new IllegalArgumentException(
            "line "
                + (next + 1)
                + ": expected the header '"
                + visible(HEADER)
                + "', got the end of the text");
      }
      int number = next + 1;
      String text = lines[next++];
      if (text.equals(HEADER)) {
        return;
      }
      if (text.startsWith(MAGIC + "\t")) {
        throw new IllegalArgumentException(
            "line "
                + number
                + ": "
                + MAGIC
                + " version '"
                + visible(text.substring(MAGIC.length() + 1))
                + "' is not supported, this reader reads version "
                + VERSION);
      }
      throw new IllegalArgumentException(
          "line "
              + number
              + ": expected the header '"
              + visible(HEADER)
              + "', got '"
              + visible(text)
              + "'");
    }

    private static TradeLifecycle trade(Line line) {
      EventId id = line.eventId(1);
      Pair pair = line.pair(2);
      PositionSide side = line.side(3);
      BigDecimal openedQuantity = line.decimal(4);
      BigDecimal openedValue = line.decimal(5);
      BigDecimal closedQuantity = line.decimal(6);
      BigDecimal closedValue = line.decimal(7);
      BigDecimal peakSize = line.decimal(8);
      Instant entryTime = line.instant(9);
      Instant lastFillAt = line.instant(10);
      BigDecimal fees = line.decimal(11);
      BigDecimal funding = line.decimal(12);
      BigDecimal realized = line.decimal(13);
      return line.build(
          () ->
              new TradeLifecycle(
                  id,
                  pair,
                  side,
                  openedQuantity,
                  openedValue,
                  closedQuantity,
                  closedValue,
                  peakSize,
                  entryTime,
                  lastFillAt,
                  fees,
                  funding,
                  realized));
    }
  }

  /** Pairs of one record kind, which must strictly ascend (so none repeats). */
  private static final class Ascending {
    private Pair last;
    private boolean started;

    Pair next(Line line, Pair pair) {
      if (started) {
        int order = pair.compareTo(last);
        if (order == 0) {
          throw line.fail("a second " + line.record() + " line for " + pair.slashed());
        }
        if (order < 0) {
          throw line.fail(
              line.record()
                  + " "
                  + pair.slashed()
                  + " comes after "
                  + last.slashed()
                  + ": pairs must ascend");
        }
      }
      started = true;
      last = pair;
      return pair;
    }
  }

  /** One line's fields, the record name first, with parsers that name the line and the field. */
  private static final class Line {
    private final int number;
    private final String[] fields;

    Line(int number, String[] fields) {
      this.number = number;
      this.fields = fields;
    }

    int number() {
      return number;
    }

    String record() {
      return fields[0];
    }

    IllegalArgumentException fail(String problem) {
      return new IllegalArgumentException("line " + number + ": " + problem);
    }

    void requireFieldCount() {
      int expected = FIELDS.get(record()).size();
      if (fields.length - 1 != expected) {
        throw fail(record() + " takes " + expected + " fields, got " + (fields.length - 1));
      }
    }

    String field(int index) {
      return fields[index];
    }

    private String name(int index) {
      return record() + " " + FIELDS.get(record()).get(index - 1);
    }

    private IllegalArgumentException bad(int index, String what, Exception cause) {
      IllegalArgumentException e =
          fail(name(index) + " is not " + what + ": '" + visible(fields[index]) + "'");
      if (cause != null) {
        e.initCause(cause);
      }
      return e;
    }

    /**
     * A decimal exactly as {@link #decimalText} writes it, so its digits and scale are the value's.
     */
    BigDecimal decimal(int index) {
      String text = fields[index];
      BigDecimal value;
      try {
        value = new BigDecimal(text);
      } catch (NumberFormatException e) {
        throw bad(index, "a decimal", e);
      }
      if (!decimalText(value).equals(text)) {
        throw bad(index, "a decimal", null);
      }
      return value;
    }

    int integer(int index) {
      String text = fields[index];
      int value;
      try {
        value = Integer.parseInt(text);
      } catch (NumberFormatException e) {
        throw bad(index, "an integer", e);
      }
      if (!Integer.toString(value).equals(text)) {
        throw bad(index, "an integer", null);
      }
      return value;
    }

    Instant instant(int index) {
      try {
        return InstantText.parse(fields[index]);
      } catch (DateTimeParseException e) {
        throw bad(index, "an instant", e);
      }
    }

    Asset asset(int index) {
      try {
        return Asset.of(TabText.unescape(fields[index]));
      } catch (IllegalArgumentException e) {
        throw bad(index, "an asset code (" + e.getMessage() + ")", e);
      }
    }

    EventId eventId(int index) {
      try {
        return EventId.of(TabText.unescape(fields[index]));
      } catch (IllegalArgumentException e) {
        throw bad(index, "an event id (" + e.getMessage() + ")", e);
      }
    }

    /** {@code BASE/QUOTE}, split at the one slash that is not escaped. */
    Pair pair(int index) {
      String text = fields[index];
      int slash = -1;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '\\') {
          i++;
        } else if (c == '/') {
          if (slash >= 0) {
            throw bad(index, "a BASE/QUOTE pair", null);
          }
          slash = i;
        }
      }
      if (slash < 0) {
        throw bad(index, "a BASE/QUOTE pair", null);
      }
      try {
        return new Pair(
            Asset.of(TabText.unescape(text.substring(0, slash))),
            Asset.of(TabText.unescape(text.substring(slash + 1))));
      } catch (IllegalArgumentException e) {
        throw bad(index, "a BASE/QUOTE pair (" + e.getMessage() + ")", e);
      }
    }

    MarginMode mode(int index) {
      return constant(index, MarginMode.class);
    }

    PositionSide side(int index) {
      return constant(index, PositionSide.class);
    }

    private <E extends Enum<E>> E constant(int index, Class<E> type) {
      for (E value : type.getEnumConstants()) {
        if (value.name().equals(fields[index])) {
          return value;
        }
      }
      throw bad(
          index,
          "one of "
              + String.join(
                  ", ",
                  Arrays.stream(type.getEnumConstants()).map(Enum::name).toArray(String[]::new)),
          null);
    }

    /** The record a constructor builds from this line's values, its rejection naming the line. */
    <T> T build(Supplier<T> constructor) {
      try {
        return constructor.get();
      } catch (IllegalArgumentException e) {
        IllegalArgumentException wrapped = fail(record() + " rejected: " + e.getMessage());
        wrapped.initCause(e);
        throw wrapped;
      }
    }
  }
}
