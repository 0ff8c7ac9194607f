package io.tally.kraken;

import static java.util.Objects.requireNonNull;

import io.tally.money.Precision;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One row of a Kraken {@code trades.csv} export (the TradesHistory view of a fill), kept raw. It
 * only enriches ledger trades (price, order id): its {@code fee} is a quote-currency estimate, and
 * the ledger rows named in {@link #ledgerIds} are the truth. Decimals are kept in their shortest
 * form, so {@code equals} is numeric equality.
 *
 * <p>Example: {@code trades.csv line 2 txid=TFWNEI-DWFNM-DPKYGT ordertxid=OTVM57-ZCIA2-HXL3O6
 * pair=XXMRZEUR time=2017-11-12T19:04:13.694600Z type=buy ordertype=market price=103.22 cost=10.322
 * fee=0.0268372 vol=0.1 ledgers=L3ZB4N-T33RW-ATJMAH,LKFD5C-OY5LR-PWEQW2}. Immutable.
 *
 * @param txid the trade id
 * @param orderTxid the order id; empty when absent
 * @param pair the pair as written: a key such as {@code XXBTZEUR} or a display name such as {@code
 *     ALGO/EUR}
 * @param time when the fill happened, UTC
 * @param type {@code buy} or {@code sell}
 * @param orderType such as {@code limit}, {@code market} or {@code stop market}; empty when absent
 * @param price the price in quote units per base unit
 * @param cost the quote amount, fee excluded
 * @param fee Kraken's fee estimate in quote terms
 * @param vol the base volume
 * @param ledgerIds the ledger ids of the fill's rows, in the order written
 * @param margin what makes the fill a margin trade; empty for a spot fill (no {@code margin}
 *     column, or {@code 0} in it)
 * @param source the file the row came from
 * @param line the row's 1-based line in its file
 */
public record TradeRow(
    String txid,
    String orderTxid,
    String pair,
    Instant time,
    String type,
    String orderType,
    BigDecimal price,
    BigDecimal cost,
    BigDecimal fee,
    BigDecimal vol,
    List<String> ledgerIds,
    Optional<MarginTrade> margin,
    String source,
    int line) {

  /** The columns a trades export must have; every other column is optional. */
  static final List<String> REQUIRED_COLUMNS =
      List.of("txid", "pair", "time", "type", "price", "cost", "fee", "vol");

  /** The column naming a closing fill's position; {@link #POSITION_2025} in 2025+ exports. */
  static final String POSITION = "postxid";

  static final String POSITION_2025 = "posttxid";

  /** The only trade types Kraken writes. */
  private static final List<String> TYPES = List.of("buy", "sell");

  public TradeRow {
    requireNonNull(txid, "txid");
    requireNonNull(orderTxid, "orderTxid");
    requireNonNull(pair, "pair");
    requireNonNull(time, "time");
    requireNonNull(type, "type");
    requireNonNull(orderType, "orderType");
    price = Precision.canonical(requireNonNull(price, "price"));
    cost = Precision.canonical(requireNonNull(cost, "cost"));
    fee = Precision.canonical(requireNonNull(fee, "fee"));
    vol = Precision.canonical(requireNonNull(vol, "vol"));
    ledgerIds = List.copyOf(ledgerIds);
    requireNonNull(margin, "margin");
    requireNonNull(source, "source");
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException("Trade type must be buy or sell: '" + type + "'");
    }
    if (line < 0) {
      throw new IllegalArgumentException("Negative line " + line + " in " + source);
    }
  }

  /**
   * Parses one row from its fields by header name. Unknown columns are ignored; {@code ordertxid},
   * {@code ordertype} and {@code ledgers} are optional. The {@code ledgers} cell holds
   * comma-separated ids, with or without blanks after the commas. A positive {@code margin} makes
   * the row a {@link MarginTrade}: {@code misc} containing {@code closing} closes the position
   * named by {@code postxid} (or {@code posttxid}), which must then be given; any other margin fill
   * opens or adds to the position of its own txid.
   *
   * @throws KrakenException naming source, line and field when a value is missing or malformed
   */
  public static TradeRow fromFields(Map<String, String> fields, String source, int line) {
    RowFields row = new RowFields(fields, source, line);
    String type = row.nonEmpty("type");
    if (!TYPES.contains(type)) {
      throw row.bad("type", "not 'buy' or 'sell': '" + type + "'");
    }
    String txid = row.nonEmpty("txid");
    return new TradeRow(
        txid,
        row.optionalText("ordertxid"),
        row.nonEmpty("pair"),
        row.time("time"),
        type,
        row.optionalText("ordertype"),
        row.decimal("price"),
        row.decimal("cost"),
        row.decimal("fee"),
        row.decimal("vol"),
        ledgerIds(row.optionalText("ledgers")),
        margin(row, txid),
        source,
        line);
  }

  /** The margin side of a row: empty for spot. */
  private static Optional<MarginTrade> margin(RowFields row, String txid) {
    Optional<BigDecimal> initial = row.optionalDecimal("margin");
    if (initial.isEmpty() || initial.get().signum() == 0) {
      return Optional.empty();
    }
    if (initial.get().signum() < 0) {
      throw row.bad("margin", "negative initial margin: " + initial.get().toPlainString());
    }
    boolean closing =
        Arrays.stream(row.optionalText("misc").split(","))
            .map(String::strip)
            .anyMatch("closing"::equals);
    if (!closing) {
      return Optional.of(new MarginTrade(initial.get(), txid, false));
    }
    String column = row.optionalText(POSITION).isEmpty() ? POSITION_2025 : POSITION;
    String position = row.optionalText(column);
    if (position.isEmpty()) {
      throw row.bad(POSITION, "a closing margin trade must name its position");
    }
    return Optional.of(new MarginTrade(initial.get(), position, true));
  }

  /**
   * The row's canonical fields by header name, the form {@link #fromFields} reads: {@code
   * fromFields(row.toFields(), row.source(), row.line())} equals {@code row}.
   */
  public Map<String, String> toFields() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("txid", txid);
    fields.put("ordertxid", orderTxid);
    fields.put("pair", pair);
    fields.put("time", time.toString());
    fields.put("type", type);
    fields.put("ordertype", orderType);
    fields.put("price", price.toPlainString());
    fields.put("cost", cost.toPlainString());
    fields.put("fee", fee.toPlainString());
    fields.put("vol", vol.toPlainString());
    fields.put("ledgers", String.join(",", ledgerIds));
    margin.ifPresent(
        terms -> {
          fields.put("margin", terms.initialMargin().toPlainString());
          if (terms.closing()) {
            fields.put("misc", "closing");
            fields.put(POSITION, terms.positionId());
          }
        });
    return Collections.unmodifiableMap(fields);
  }

  /** Canonical one-line form for logs and golden files (see the class example). */
  @Override
  public String toString() {
    return KrakenText.word(source)
        + " line "
        + line
        + " txid="
        + KrakenText.word(txid)
        + " ordertxid="
        + KrakenText.word(orderTxid)
        + " pair="
        + KrakenText.word(pair)
        + " time="
        + time
        + " type="
        + type
        + " ordertype="
        + KrakenText.word(orderType)
        + " price="
        + price.toPlainString()
        + " cost="
        + cost.toPlainString()
        + " fee="
        + fee.toPlainString()
        + " vol="
        + vol.toPlainString()
        + " ledgers="
        + KrakenText.word(String.join(",", ledgerIds))
        + margin
            .map(
                terms ->
                    " margin="
                        + terms.initialMargin().toPlainString()
                        + (terms.closing() ? " closes=" : " position=")
                        + KrakenText.word(terms.positionId()))
            .orElse("");
  }

  private static List<String> ledgerIds(String cell) {
    return Arrays.stream(cell.split(",")).map(String::strip).filter(id -> !id.isEmpty()).toList();
  }
}
