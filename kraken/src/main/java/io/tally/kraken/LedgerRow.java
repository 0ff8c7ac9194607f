package io.tally.kraken;

import static java.util.Objects.requireNonNull;

import io.tally.ledger.InstantText;
import io.tally.money.Asset;
import io.tally.money.AssetSymbol;
import io.tally.money.Precision;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * <p>A value class rather than a record: an import holds every row of its files until they are
 * written, so each row keeps its three decimals as their digits and scales (a long and a byte each)
 * rather than as three {@link BigDecimal}s and an {@link Optional}, and makes them when asked. A
 * million rows then take about 90 MB less, and a collection copies 3 million fewer objects
 * (docs/BENCHMARKS.md §25).
 */
public final class LedgerRow {

  /** The scale of a decimal kept whole in {@link #wide}: its digits do not fit a long. */
  private static final byte WIDE = -1;

  /** The scale of the balance of a row that has none. */
  private static final byte ABSENT = -2;

  private static final BigDecimal[] ALL_NARROW = {};

  private final String txid;
  private final String refid;
  private final Instant time;
  private final String type;
  private final String subtype;
  private final String aclass;
  private final String subclass;
  private final String asset;
  private final String wallet;
  private final long amountDigits;
  private final long feeDigits;
  private final long balanceDigits;
  private final byte amountScale;
  private final byte feeScale;
  private final byte balanceScale;
  // The amount, fee and balance, in that order, when any of them is WIDE; else ALL_NARROW.
  private final BigDecimal[] wide;
  private final String source;
  private final int line;

  /**
   * A row from its values.
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
  public LedgerRow(
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
    this.txid = requireNonNull(txid, "txid");
    this.refid = requireNonNull(refid, "refid");
    this.time = requireNonNull(time, "time");
    this.type = requireNonNull(type, "type");
    this.subtype = requireNonNull(subtype, "subtype");
    this.aclass = requireNonNull(aclass, "aclass");
    this.subclass = requireNonNull(subclass, "subclass");
    this.asset = requireNonNull(asset, "asset");
    this.wallet = requireNonNull(wallet, "wallet");
    BigDecimal canonicalAmount = Precision.canonical(requireNonNull(amount, "amount"));
    BigDecimal canonicalFee = Precision.canonical(requireNonNull(fee, "fee"));
    Optional<BigDecimal> canonicalBalance =
        requireNonNull(balance, "balance").map(Precision::canonical);
    this.source = requireNonNull(source, "source");
    this.line = line;
    if (asset.isBlank()) {
      throw new IllegalArgumentException("Ledger row without an asset: " + source + " " + line);
    }
    if (line < 0) {
      throw new IllegalArgumentException("Negative line " + line + " in " + source);
    }
    amountScale = scaleOf(canonicalAmount);
    feeScale = scaleOf(canonicalFee);
    balanceScale = canonicalBalance.map(LedgerRow::scaleOf).orElse(ABSENT);
    amountDigits = digitsOf(canonicalAmount, amountScale);
    feeDigits = digitsOf(canonicalFee, feeScale);
    balanceDigits = canonicalBalance.map(value -> digitsOf(value, balanceScale)).orElse(0L);
    if (amountScale == WIDE || feeScale == WIDE || balanceScale == WIDE) {
      // An absent balance stands as zero here; balanceScale says it is absent.
      wide =
          new BigDecimal[] {
            canonicalAmount, canonicalFee, canonicalBalance.orElse(BigDecimal.ZERO)
          };
    } else {
      wide = ALL_NARROW;
    }
  }

  /** The scale a canonical decimal is kept under: its own, or {@link #WIDE}. */
  private static byte scaleOf(BigDecimal canonical) {
    boolean narrow =
        canonical.scale() <= Byte.MAX_VALUE && canonical.unscaledValue().bitLength() < Long.SIZE;
    return narrow ? (byte) canonical.scale() : WIDE;
  }

  private static long digitsOf(BigDecimal canonical, byte scale) {
    return scale == WIDE ? 0 : canonical.unscaledValue().longValue();
  }

  private BigDecimal decimal(int index, long digits, byte scale) {
    return scale == WIDE ? wide[index] : BigDecimal.valueOf(digits, scale);
  }

  /** The ledger id; empty for the pending rows of older exports. */
  public String txid() {
    return txid;
  }

  /** The id that groups related rows (trade, deposit, withdrawal, ...). */
  public String refid() {
    return refid;
  }

  /** When Kraken booked the row, UTC. */
  public Instant time() {
    return time;
  }

  /** Kraken's type, such as {@code trade}, {@code deposit} or {@code earn}. */
  public String type() {
    return type;
  }

  /** Kraken's subtype, such as {@code tradespot}; empty when absent. */
  public String subtype() {
    return subtype;
  }

  /** Asset class, such as {@code currency}; empty when absent. */
  public String aclass() {
    return aclass;
  }

  /** Asset subclass, such as {@code fiat} or {@code crypto}; empty when absent. */
  public String subclass() {
    return subclass;
  }

  /** The asset name as written, such as {@code XXBT}, {@code BTC} or {@code DOT.S}. */
  public String asset() {
    return asset;
  }

  /** The wallet, such as {@code spot / main}; empty when absent. */
  public String wallet() {
    return wallet;
  }

  /** The signed gross amount, in its shortest form. */
  public BigDecimal amount() {
    return decimal(0, amountDigits, amountScale);
  }

  /** The fee in the same asset (negative on reversals), in its shortest form; zero when absent. */
  public BigDecimal fee() {
    return decimal(1, feeDigits, feeScale);
  }

  /** The wallet's balance after this row, in its shortest form; empty when not known. */
  public Optional<BigDecimal> balance() {
    return balanceScale == ABSENT
        ? Optional.empty()
        : Optional.of(decimal(2, balanceDigits, balanceScale));
  }

  /** Whether the row gives the wallet's balance after it: {@link #balance()} is present. */
  public boolean hasBalance() {
    return balanceScale != ABSENT;
  }

  /** The file (or other source) the row came from. */
  public String source() {
    return source;
  }

  /** The row's 1-based line in its source. */
  public int line() {
    return line;
  }

  /** The columns a ledgers export must have; every other column is optional. */
  static final List<String> REQUIRED_COLUMNS =
      List.of("txid", "refid", "time", "type", "asset", "amount");

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
      InstantText.format(time),
      type,
      subtype,
      aclass,
      subclass,
      asset,
      wallet,
      amount().toPlainString(),
      fee().toPlainString(),
      balance().map(BigDecimal::toPlainString).orElse("")
    };
  }

  /** The same row under another asset name (Kraken's own Assets list renaming it). */
  public LedgerRow withAsset(String newAsset) {
    return new LedgerRow(
        txid, refid, time, type, subtype, aclass, subclass, newAsset, wallet, amount(), fee(),
        balance(), source, line);
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

  /** Whether {@code other} is a row with the same values: decimals equal in number. */
  @Override
  public boolean equals(Object other) {
    return other instanceof LedgerRow row
        && line == row.line
        && amountDigits == row.amountDigits
        && feeDigits == row.feeDigits
        && balanceDigits == row.balanceDigits
        && amountScale == row.amountScale
        && feeScale == row.feeScale
        && balanceScale == row.balanceScale
        && txid.equals(row.txid)
        && refid.equals(row.refid)
        && time.equals(row.time)
        && type.equals(row.type)
        && subtype.equals(row.subtype)
        && aclass.equals(row.aclass)
        && subclass.equals(row.subclass)
        && asset.equals(row.asset)
        && wallet.equals(row.wallet)
        && source.equals(row.source)
        && Arrays.equals(wide, row.wide);
  }

  @Override
  public int hashCode() {
    return Objects.hash(txid, refid, time, asset, wallet, amountDigits, amountScale, line);
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
        + amount().toPlainString()
        + " fee="
        + fee().toPlainString()
        + " balance="
        + balance().map(BigDecimal::toPlainString).orElse("");
  }
}
