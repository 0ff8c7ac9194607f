package io.tally.ledger;

import io.tally.money.Amount;
import io.tally.money.Asset;
import io.tally.money.Pair;
import io.tally.money.PlainDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The canonical one-line text of a {@link LedgerEvent}: what golden files compare and what the
 * store keeps. {@link #parse} reads back exactly what {@link #format} wrote.
 *
 * <p>Example: {@code 2024-01-01T00:00:00Z T1 trade kind=ORDER_BOOK pair=XBT/USD sold=USD:40000
 * bought=XBT:1 fees=USD:10 strategy=manual order=O1}, {@code order} only when known. Free text is
 * percent-escaped ({@code %20} for a space, {@code %25} for a percent sign); an empty list is
 * {@code -}. Stateless.
 */
public final class EventText {

  private EventText() {}

  /** The event's canonical line. */
  public static String format(LedgerEvent event) {
    // Sized for a trade's line (some 140 characters), so the builder seldom grows.
    StringBuilder line = new StringBuilder(192);
    line.append(InstantText.format(event.at())).append(' ').append(event.id().value()).append(' ');
    if (event instanceof Trade trade) {
      line.append("trade kind=").append(trade.kind()).append(" pair=");
      slashed(line, trade.pair());
      amounts(line.append(" sold="), trade.sold());
      amounts(line.append(" bought="), trade.bought());
      amounts(line.append(" fees="), trade.fees());
      line.append(" strategy=").append(escape(trade.strategy()));
      if (!trade.orderId().isEmpty()) {
        line.append(" order=").append(escape(trade.orderId()));
      }
    } else if (event instanceof CashFlow flow) {
      amount(line.append("flow kind=").append(flow.kind()).append(" amount="), flow.amount());
      amount(line.append(" fee="), flow.fee());
    } else if (event instanceof InternalMove move) {
      amount(line.append("move amount="), move.amount());
      amount(line.append(" fee="), move.fee());
      line.append(" route=").append(escape(move.route()));
    } else if (event instanceof MarginPnl margin) {
      amount(line.append("margin amount="), margin.amount());
      amount(line.append(" fee="), margin.fee());
    } else if (event instanceof PositionFill fill) {
      slashed(line.append("position pair="), fill.pair());
      line.append(" side=")
          .append(fill.side())
          .append(" volume=")
          .append(fill.volume().toPlainString())
          .append(" price=")
          .append(fill.price().toPlainString())
          .append(" leverage=")
          .append(fill.leverage())
          .append(" position=")
          .append(escape(fill.positionId()))
          .append(" settles=")
          .append(fill.settles());
      amount(line.append(" fee="), fill.fee());
      line.append(" strategy=").append(escape(fill.strategy()));
    } else if (event instanceof PositionCarry carry) {
      line.append("carry position=").append(escape(carry.positionId()));
      amount(line.append(" fee="), carry.fee());
    } else if (event instanceof Unclassified unknown) {
      line.append("unclassified type=")
          .append(escape(unknown.type()))
          .append(" subtype=")
          .append(escape(unknown.subtype()));
      amount(line.append(" amount="), unknown.amount());
      amount(line.append(" fee="), unknown.fee());
    } else {
      throw new IllegalStateException("Unhandled " + event);
    }
    return line.toString();
  }

  private static boolean bool(String text) {
    if (!text.equals("true") && !text.equals("false")) {
      throw new IllegalArgumentException("not true or false: '" + text + "'");
    }
    return text.equals("true");
  }

  /**
   * Reads a line written by {@link #format}.
   *
   * @throws IllegalArgumentException naming the line when it is not an event
   */
  public static LedgerEvent parse(String line) {
    try {
      EventFields fields = EventFields.of(line);
      Instant at = InstantText.parse(fields.field(0));
      EventId id = EventId.of(fields.field(1));
      fields.checkPairs();
      String type = fields.field(2);
      switch (type) {
        case "trade":
          return new Trade(
              id,
              at,
              TradeKind.valueOf(fields.value("kind")),
              Pair.parse(fields.value("pair")),
              parseAmounts(fields.value("sold")),
              parseAmounts(fields.value("bought")),
              parseAmounts(fields.value("fees")),
              unescape(fields.value("strategy")),
              unescape(fields.valueOr("order", "")));
        case "flow":
          return new CashFlow(
              id,
              at,
              FlowKind.valueOf(fields.value("kind")),
              parseAmount(fields.value("amount")),
              parseAmount(fields.value("fee")));
        case "move":
          return new InternalMove(
              id,
              at,
              parseAmount(fields.value("amount")),
              parseAmount(fields.value("fee")),
              unescape(fields.value("route")));
        case "margin":
          return new MarginPnl(
              id, at, parseAmount(fields.value("amount")), parseAmount(fields.value("fee")));
        case "position":
          return new PositionFill(
              id,
              at,
              Pair.parse(fields.value("pair")),
              Side.valueOf(fields.value("side")),
              PlainDecimal.parse(fields.value("volume")),
              PlainDecimal.parse(fields.value("price")),
              Integer.parseInt(fields.value("leverage")),
              unescape(fields.value("position")),
              bool(fields.value("settles")),
              parseAmount(fields.value("fee")),
              unescape(fields.value("strategy")));
        case "carry":
          return new PositionCarry(
              id, at, unescape(fields.value("position")), parseAmount(fields.value("fee")));
        case "unclassified":
          return new Unclassified(
              id,
              at,
              unescape(fields.value("type")),
              unescape(fields.value("subtype")),
              parseAmount(fields.value("amount")),
              parseAmount(fields.value("fee")));
        default:
          throw new IllegalArgumentException("unknown event type '" + type + "'");
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("Not an event line (" + e.getMessage() + "): " + line, e);
    }
  }

  /** Appends {@code BASE/QUOTE}. */
  private static void slashed(StringBuilder line, Pair pair) {
    line.append(pair.base().code()).append('/').append(pair.quote().code());
  }

  /** Appends {@code ASSET:VALUE}, the value written plainly. */
  private static void amount(StringBuilder line, Amount amount) {
    line.append(amount.asset().code()).append(':').append(amount.value().toPlainString());
  }

  /** Appends the amounts separated by commas, or {@code -} for none. */
  private static void amounts(StringBuilder line, List<Amount> amounts) {
    if (amounts.isEmpty()) {
      line.append('-');
      return;
    }
    for (int i = 0; i < amounts.size(); i++) {
      if (i > 0) {
        line.append(',');
      }
      amount(line, amounts.get(i));
    }
  }

  private static Amount parseAmount(String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("not ASSET:VALUE: '" + text + "'");
    }
    return new Amount(
        Asset.of(text.substring(0, colon)), PlainDecimal.parse(text.substring(colon + 1)));
  }

  /**
   * The amounts of a list {@link #amounts} wrote, split at each comma as {@code split} splits: the
   * empty parts at the end dropped, any other empty part refused.
   */
  private static List<Amount> parseAmounts(String text) {
    if (text.equals("-")) {
      return List.of();
    }
    int end = text.length();
    while (end > 0 && text.charAt(end - 1) == ',') {
      end--;
    }
    List<Amount> amounts = new ArrayList<>(2);
    if (end == 0 && !text.isEmpty()) {
      return amounts;
    }
    int start = 0;
    for (int comma = text.indexOf(',');
        comma >= 0 && comma < end;
        comma = text.indexOf(',', start)) {
      amounts.add(parseAmount(text.substring(start, comma)));
      start = comma + 1;
    }
    amounts.add(parseAmount(text.substring(start, end)));
    return amounts;
  }

  private static String escape(String text) {
    if (!needsEscape(text)) {
      return text;
    }
    return text.replace("%", "%25")
        .replace(" ", "%20")
        .replace("\n", "%0A")
        .replace("\r", "%0D")
        .replace("\t", "%09");
  }

  /** Whether {@link #escape} changes {@code text}: whether it holds any character it replaces. */
  private static boolean needsEscape(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%' || c == ' ' || c == '\n' || c == '\r' || c == '\t') {
        return true;
      }
    }
    return false;
  }

  /** Reverses {@link #escape}; {@code %25} last, so an escaped percent sign is never re-read. */
  private static String unescape(String text) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    return text.replace("%20", " ")
        .replace("%0A", "\n")
        .replace("%0D", "\r")
        .replace("%09", "\t")
        .replace("%25", "%");
  }
}
