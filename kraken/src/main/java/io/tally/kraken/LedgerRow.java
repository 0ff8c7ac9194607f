package io.tally.kraken;

import static java.util.Objects.requireNonNull;

import io.tally.money.Asset;
import io.tally.money.AssetSymbol;
import io.tally.money.Precision;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One Kraken ledger entry, as a row of {@code ledgers.csv} or an entry of the Ledgers endpoint,
 * kept raw: asset names as Kraken wrote them, types and subtypes as open strings. Decimals are kept
 * in their shortest form (trailing zeros dropped), so {@code equals} is numeric equality.
 *
 * <p>Example: {@code ledgers.csv line 6 txid=LTWFM4-WYM4Q-Q7MOZW refid=TYA5U3-I4PET-CXYZ2F
 * time=2021-02-07T01:54:53Z type=trade subtype= aclass=currency subclass= asset=XXBT wallet=
 * amount=-0.00638 fee=0.000016588 balance=0.0059739712}. Immutable.
 *
 * @param txid the ledger id; empty for the pending rows of older exports
 * @param refid the id that groups related rows (trade, deposit, withdrawal, ...)
 * @param time when Kraken booked the row, UTC
 * @param type Kraken's type, such as {@code trade}, {@code deposit} or {@code earn}
 * @param subtype Kraken's subtype, such as {@code tradespot}; empty when absent
 * @param aclass asset class, such as {@code currency}; empty when absent
 * @param subclass asset subclass, such as {@code fiat} or {@code crypto}; empty when absent
 * @param asset the asset name as written, such as {@code XXBT}, {@code BTC} or {@code DOT.S}
 * @param wallet the wallet, such as {@code spot / main}; empty when absent
 * @param amount the signed gross amount
 * @param fee the fee in the same asset (negative on reversals); zero when absent or empty
 * @param balance the wallet's balance after this row; empty when absent or not yet known
 * @param source the file (or other source) the row came from
 * @param line the row's 1-based line in its source
 */
public record LedgerRow(
    String txid,
    String refid,
    Instant time,
    String type,
    String subtype,
    String aclass,
    String subclass,
    String asset,
    String wallet,
    BigDecimal amount,
    BigDecimal fee,
    Optional<BigDecimal> balance,
    String source,
    int line) {

  /** The columns a ledgers export must have; every other column is optional. */
  static final List<String> REQUIRED_COLUMNS =
      List.of("txid", "refid", "time", "type", "asset", "amount");

  public LedgerRow {
    requireNonNull(txid, "txid");
    requireNonNull(refid, "refid");
    requireNonNull(time, "time");
    requireNonNull(type, "type");
    requireNonNull(subtype, "subtype");
    requireNonNull(aclass, "aclass");
    requireNonNull(subclass, "subclass");
    requireNonNull(asset, "asset");
    requireNonNull(wallet, "wallet");
    amount = Precision.canonical(requireNonNull(amount, "amount"));
    fee = Precision.canonical(requireNonNull(fee, "fee"));
    balance = requireNonNull(balance, "balance").map(Precision::canonical);
    requireNonNull(source, "source");
    if (asset.isBlank()) {
      throw new IllegalArgumentException("Ledger row without an asset: " + source + " " + line);
    }
    if (line < 0) {
      throw new IllegalArgumentException("Negative line " + line + " in " + source);
    }
  }

  /**
   * Parses one row from its fields by header name, as read from a CSV export or the REST API.
   * Unknown columns are ignored; {@code subtype}, {@code aclass}, {@code subclass}, {@code wallet},
   * {@code fee} and {@code balance} are optional.
   *
   * @throws KrakenException naming source, line and field when a value is missing or malformed
   */
  public static LedgerRow fromFields(Map<String, String> fields, String source, int line) {
    RowFields row = new RowFields(fields, source, line);
    String asset = row.nonEmpty("asset");
    try {
      AssetSymbol.parse(asset);
    } catch (IllegalArgumentException e) {
      throw row.bad("asset", "not an asset name: '" + asset + "'");
    }
    return new LedgerRow(
        row.text("txid"),
        row.nonEmpty("refid"),
        row.time("time"),
        row.nonEmpty("type"),
        row.optionalText("subtype"),
        row.optionalText("aclass"),
        row.optionalText("subclass"),
        asset,
        row.optionalText("wallet"),
        row.decimal("amount"),
        row.optionalDecimal("fee").orElse(BigDecimal.ZERO),
        row.optionalDecimal("balance"),
        source,
        line);
  }

  /** The names of {@link #fieldValues()}, in order: the header names {@link #toFields()} uses. */
  public static final List<String> FIELD_NAMES =
      List.of(
          "txid",
          "refid",
          "time",
          "type",
          "subtype",
          "aclass",
          "subclass",
          "asset",
          "wallet",
          "amount",
          "fee",
          "balance");

  /**
   * The row's canonical fields by header name, the form {@link #fromFields} reads: {@code
   * fromFields(row.toFields(), row.source(), row.line())} equals {@code row}. Times are ISO-8601
   * UTC; decimals plain; an unknown balance is empty.
   */
  public Map<String, String> toFields() {
    String[] values = fieldValues();
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      fields.put(FIELD_NAMES.get(i), values[i]);
    }
    return Collections.unmodifiableMap(fields);
  }

  /**
   * The values of {@link #toFields()}, named by {@link #FIELD_NAMES} position by position: for a
   * store that keeps a row's values beside one shared list of names.
   */
  public String[] fieldValues() {
    return new String[] {
      txid,
      refid,
      time.toString(),
      type,
      subtype,
      aclass,
      subclass,
      asset,
      wallet,
      amount.toPlainString(),
      fee.toPlainString(),
      balance.map(BigDecimal::toPlainString).orElse("")
    };
  }

  /** The same row under another asset name (Kraken's own Assets list renaming it). */
  public LedgerRow withAsset(String newAsset) {
    return new LedgerRow(
        txid, refid, time, type, subtype, aclass, subclass, newAsset, wallet, amount, fee, balance,
        source, line);
  }

  /** Whether this is a pending row of an older export: no ledger id, not a booking of its own. */
  public boolean isPending() {
    return txid.isEmpty();
  }

  /** The canonical asset, whatever Kraken's spelling or location ({@code XXBT}, {@code BTC}). */
  public Asset canonicalAsset() {
    return AssetSymbol.canonical(asset);
  }

  /**
   * The key of the running balance this row updates: the raw asset and the wallet, such as {@code
   * BTC|earn / liquid}. Kraken keeps one balance per asset name and wallet.
   */
  public String walletKey() {
    return asset + "|" + wallet;
  }

  /** Canonical one-line form for logs and golden files (see the class example). */
  @Override
  public String toString() {
    return KrakenText.word(source)
        + " line "
        + line
        + " txid="
        + KrakenText.word(txid)
        + " refid="
        + KrakenText.word(refid)
        + " time="
        + time
        + " type="
        + KrakenText.word(type)
        + " subtype="
        + KrakenText.word(subtype)
        + " aclass="
        + KrakenText.word(aclass)
        + " subclass="
        + KrakenText.word(subclass)
        + " asset="
        + KrakenText.word(asset)
        + " wallet="
        + KrakenText.word(wallet)
        + " amount="
        + amount.toPlainString()
        + " fee="
        + fee.toPlainString()
        + " balance="
        + balance.map(BigDecimal::toPlainString).orElse("");
  }
}
