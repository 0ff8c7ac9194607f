package io.tally.ledger;

import io.tally.money.Amount;
import io.tally.money.Pair;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    StringBuilder line = new StringBuilder();
    line.append(InstantText.format(event.at())).append(' ').append(event.id().value()).append(' ');
    if (event instanceof Trade trade) {
      line.append("trade kind=")
          .append(trade.kind())
          .append(" pair=")
          .append(trade.pair().slashed())
          .append(" sold=")
          .append(amounts(trade.sold()))
          .append(" bought=")
          .append(amounts(trade.bought()))
          .append(" fees=")
          .append(amounts(trade.fees()))
          .append(" strategy=")
          .append(escape(trade.strategy()));
      if (!trade.orderId().isEmpty()) {
        line.append(" order=").append(escape(trade.orderId()));
      }
    } else if (event instanceof CashFlow flow) {
      line.append("flow kind=")
          .append(flow.kind())
          .append(" amount=")
          .append(amount(flow.amount()))
          .append(" fee=")
          .append(amount(flow.fee()));
    } else if (event instanceof InternalMove move) {
      line.append("move amount=")
          .append(amount(move.amount()))
          .append(" fee=")
          .append(amount(move.fee()))
          .append(" route=")
          .append(escape(move.route()));
    } else if (event instanceof MarginPnl margin) {
      line.append("margin amount=")
          .append(amount(margin.amount()))
          .append(" fee=")
          .append(amount(margin.fee()));
    } else if (event instanceof PositionFill fill) {
      line.append("position pair=")
          .append(fill.pair().slashed())
          .append(" side=")
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
          .append(fill.settles())
          .append(" fee=")
          .append(amount(fill.fee()))
          .append(" strategy=")
          .append(escape(fill.strategy()));
    } else if (event instanceof PositionCarry carry) {
      line.append("carry position=")
          .append(escape(carry.positionId()))
          .append(" fee=")
          .append(amount(carry.fee()));
    } else if (event instanceof Unclassified unknown) {
      line.append("unclassified type=")
          .append(escape(unknown.type()))
          .append(" subtype=")
          .append(escape(unknown.subtype()))
          .append(" amount=")
          .append(amount(unknown.amount()))
          .append(" fee=")
          .append(amount(unknown.fee()));
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
      String[] tokens = line.split(" ");
      if (tokens.length < 3) {
        throw new IllegalArgumentException("too few fields");
      }
      Instant at = InstantText.parse(tokens[0]);
      EventId id = EventId.of(tokens[1]);
      Map<String, String> fields = new LinkedHashMap<>();
      for (int i = 3; i < tokens.length; i++) {
        int eq = tokens[i].indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("not key=value: '" + tokens[i] + "'");
        }
        fields.put(tokens[i].substring(0, eq), tokens[i].substring(eq + 1));
      }
      switch (tokens[2]) {
        case "trade":
          return new Trade(
              id,
              at,
              TradeKind.valueOf(field(fields, "kind")),
              Pair.parse(field(fields, "pair")),
              parseAmounts(field(fields, "sold")),
              parseAmounts(field(fields, "bought")),
              parseAmounts(field(fields, "fees")),
              unescape(field(fields, "strategy")),
              unescape(fields.getOrDefault("order", "")));
        case "flow":
          return new CashFlow(
              id,
              at,
              FlowKind.valueOf(field(fields, "kind")),
              parseAmount(field(fields, "amount")),
              parseAmount(field(fields, "fee")));
        case "move":
          return new InternalMove(
              id,
              at,
              parseAmount(field(fields, "amount")),
              parseAmount(field(fields, "fee")),
              unescape(field(fields, "route")));
        case "margin":
          return new MarginPnl(
              id, at, parseAmount(field(fields, "amount")), parseAmount(field(fields, "fee")));
        case "position":
          return new PositionFill(
              id,
              at,
              Pair.parse(field(fields, "pair")),
              Side.valueOf(field(fields, "side")),
              new BigDecimal(field(fields, "volume")),
              new BigDecimal(field(fields, "price")),
              Integer.parseInt(field(fields, "leverage")),
              unescape(field(fields, "position")),
              bool(field(fields, "settles")),
              parseAmount(field(fields, "fee")),
              unescape(field(fields, "strategy")));
        case "carry":
          return new PositionCarry(
              id, at, unescape(field(fields, "position")), parseAmount(field(fields, "fee")));
        case "unclassified":
          return new Unclassified(
              id,
              at,
              unescape(field(fields, "type")),
              unescape(field(fields, "subtype")),
              parseAmount(field(fields, "amount")),
              parseAmount(field(fields, "fee")));
        default:
          throw new IllegalArgumentException("unknown event type '" + tokens[2] + "'");
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("Not an event line (" + e.getMessage() + "): " + line, e);
    }
  }

  private static String field(Map<String, String> fields, String key) {
    String value = fields.get(key);
    if (value == null) {
      throw new IllegalArgumentException("missing " + key);
    }
    return value;
  }

  private static String amount(Amount amount) {
    return amount.asset().code() + ":" + amount.value().toPlainString();
  }

  private static String amounts(List<Amount> amounts) {
    if (amounts.isEmpty()) {
      return "-";
    }
    List<String> parts = new ArrayList<>(amounts.size());
    for (Amount amount : amounts) {
      parts.add(amount(amount));
    }
    return String.join(",", parts);
  }

  private static Amount parseAmount(String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("not ASSET:VALUE: '" + text + "'");
    }
    return Amount.of(text.substring(0, colon), text.substring(colon + 1));
  }

  private static List<Amount> parseAmounts(String text) {
    if (text.equals("-")) {
      return List.of();
    }
    List<Amount> amounts = new ArrayList<>();
    for (String part : text.split(",")) {
      amounts.add(parseAmount(part));
    }
    return amounts;
  }

  private static String escape(String text) {
    return text.replace("%", "%25")
        .replace(" ", "%20")
        .replace("\n", "%0A")
        .replace("\r", "%0D")
        .replace("\t", "%09");
  }

  /** Reverses {@link #escape}; {@code %25} last, so an escaped percent sign is never re-read. */
  private static String unescape(String text) {
    return text.replace("%20", " ")
        .replace("%0A", "\n")
        .replace("%0D", "\r")
        .replace("%09", "\t")
        .replace("%25", "%");
  }
}
