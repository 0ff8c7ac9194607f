package io.tally.kraken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tally.money.Asset;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class LedgerRowTest {

  /** A 2025 (L3) row: display asset names, subclass and wallet. */
  private static Map<String, String> l3Row() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("txid", "LK8PK3-YR9OU-DOCUZR");
    fields.put("refid", "MECOSFO-GYR3X-KXWNRE");
    fields.put("time", "2025-02-14 22:18:09");
    fields.put("type", "trade");
    fields.put("subtype", "tradespot");
    fields.put("aclass", "currency");
    fields.put("subclass", "crypto");
    fields.put("asset", "BTC");
    fields.put("wallet", "spot / main");
    fields.put("amount", "0.0020104289");
    fields.put("fee", "0");
    fields.put("balance", "0.0030521628");
    return fields;
  }

  /** A 2020 (L0) pending row: no subtype, no wallet, empty txid and balance. */
  private static Map<String, String> l0PendingRow() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("txid", "");
    fields.put("refid", "QCCNPU5-JCHILF-COMBWG");
    fields.put("time", "2020-02-10 10:06:39");
    fields.put("type", "deposit");
    fields.put("aclass", "currency");
    fields.put("asset", "ZEUR");
    fields.put("amount", "500.0000");
    fields.put("fee", "0.0000");
    fields.put("balance", "");
    return fields;
  }

  private static Map<String, String> with(Map<String, String> fields, String name, String value) {
    Map<String, String> changed = new LinkedHashMap<>(fields);
    changed.put(name, value);
    return changed;
  }

  private static Map<String, String> without(Map<String, String> fields, String name) {
    Map<String, String> changed = new LinkedHashMap<>(fields);
    changed.remove(name);
    return changed;
  }

  @Test
  void parsesEveryFieldOfAnL3Row() {
    LedgerRow row = LedgerRow.fromFields(l3Row(), "ledgers.csv", 4);

    assertThat(row.txid()).isEqualTo("LK8PK3-YR9OU-DOCUZR");
    assertThat(row.refid()).isEqualTo("MECOSFO-GYR3X-KXWNRE");
    assertThat(row.time()).isEqualTo(Instant.parse("2025-02-14T22:18:09Z"));
    assertThat(row.type()).isEqualTo("trade");
    assertThat(row.subtype()).isEqualTo("tradespot");
    assertThat(row.aclass()).isEqualTo("currency");
    assertThat(row.subclass()).isEqualTo("crypto");
    assertThat(row.asset()).isEqualTo("BTC");
    assertThat(row.wallet()).isEqualTo("spot / main");
    assertThat(row.amount()).isEqualByComparingTo("0.0020104289");
    assertThat(row.fee()).isEqualByComparingTo("0");
    assertThat(row.balance()).contains(new BigDecimal("0.0030521628"));
    assertThat(row.source()).isEqualTo("ledgers.csv");
    assertThat(row.line()).isEqualTo(4);
  }

  @Test
  void readsAbsentOptionalColumnsAsEmptyAndAnEmptyBalanceAsUnknown() {
    LedgerRow row = LedgerRow.fromFields(l0PendingRow(), "ledgers.csv", 2);

    assertThat(row.subtype()).isEmpty();
    assertThat(row.subclass()).isEmpty();
    assertThat(row.wallet()).isEmpty();
    assertThat(row.balance()).isEmpty();
    assertThat(row.isPending()).isTrue();
  }

  @Test
  void readsAnAbsentOrEmptyFeeAsZero() {
    LedgerRow absent = LedgerRow.fromFields(without(l3Row(), "fee"), "ledgers.csv", 2);
    LedgerRow empty = LedgerRow.fromFields(with(l3Row(), "fee", ""), "ledgers.csv", 2);

    assertThat(absent.fee()).isEqualByComparingTo("0");
    assertThat(empty.fee()).isEqualByComparingTo("0");
  }

  @Test
  void readsAnAbsentBalanceColumnAsUnknown() {
    LedgerRow row = LedgerRow.fromFields(without(l3Row(), "balance"), "ledgers.csv", 2);

    assertThat(row.balance()).isEmpty();
  }

  @Test
  void ignoresUnknownColumnsWhateverTheyHold() {
    Map<String, String> fields = l3Row();
    fields.put("amountusd", "-");
    fields.put("feeusd", "n/a");
    fields.put("balanceusd", "");
    fields.put("feecurrency", "BTC");

    assertThat(LedgerRow.fromFields(fields, "ledgers.csv", 4))
        .isEqualTo(LedgerRow.fromFields(l3Row(), "ledgers.csv", 4));
  }

  @Test
  void keepsDecimalsInTheirShortestFormSoEqualityIsNumeric() {
    LedgerRow padded = LedgerRow.fromFields(with(l3Row(), "amount", "0.0020104289000"), "a", 4);
    LedgerRow plain = LedgerRow.fromFields(l3Row(), "a", 4);

    assertThat(padded).isEqualTo(plain);
    assertThat(padded.amount().toPlainString()).isEqualTo("0.0020104289");
    assertThat(LedgerRow.fromFields(with(l3Row(), "amount", "1000.0000"), "a", 4).amount())
        .hasToString("1000");
  }

  @ParameterizedTest
  @ValueSource(strings = {"txid", "refid", "time", "type", "asset", "amount"})
  void namesAMissingRequiredColumn(String column) {
    assertThatThrownBy(() -> LedgerRow.fromFields(without(l3Row(), column), "ledgers.csv", 5))
        .isInstanceOf(KrakenException.class)
        .hasMessage("ledgers.csv line 5, field '" + column + "': missing required column");
  }

  @ParameterizedTest
  @ValueSource(strings = {"refid", "time", "type", "asset", "amount"})
  void namesAnEmptyRequiredValue(String column) {
    assertThatThrownBy(() -> LedgerRow.fromFields(with(l3Row(), column, ""), "ledgers.csv", 5))
        .isInstanceOf(KrakenException.class)
        .hasMessage("ledgers.csv line 5, field '" + column + "': required value is empty");
  }

  @Test
  void namesABadDecimalWithFileLineAndField() {
    assertThatThrownBy(
            () -> LedgerRow.fromFields(with(l3Row(), "amount", "12,5"), "ledgers.csv", 7))
        .isInstanceOf(KrakenException.class)
        .hasMessage("ledgers.csv line 7, field 'amount': not a decimal number: '12,5'");
  }

  @Test
  void namesABadFeeAndABadBalance() {
    assertThatThrownBy(() -> LedgerRow.fromFields(with(l3Row(), "fee", "-"), "ledgers.csv", 8))
        .hasMessage("ledgers.csv line 8, field 'fee': not a decimal number: '-'");
    assertThatThrownBy(
            () -> LedgerRow.fromFields(with(l3Row(), "balance", "1,000.5"), "ledgers.csv", 9))
        .hasMessage("ledgers.csv line 9, field 'balance': not a decimal number: '1,000.5'");
  }

  @Test
  void namesABadTimeWithFileLineAndField() {
    assertThatThrownBy(
            () -> LedgerRow.fromFields(with(l3Row(), "time", "14/02/2025 22:18"), "ledgers.csv", 3))
        .isInstanceOf(KrakenException.class)
        .hasMessage(
            "ledgers.csv line 3, field 'time': not a time (expected 'YYYY-MM-DD HH:MM:SS' with an"
                + " optional fraction, UTC): '14/02/2025 22:18'");
  }

  @Test
  void namesAnAssetThatIsNotOneWord() {
    assertThatThrownBy(() -> LedgerRow.fromFields(with(l3Row(), "asset", "BTC X"), "l.csv", 3))
        .isInstanceOf(KrakenException.class)
        .hasMessage("l.csv line 3, field 'asset': not an asset name: 'BTC X'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"XXBT", "XBT", "BTC", "XBT.M"})
  void resolvesEverySpellingOfBitcoinToOneAsset(String name) {
    LedgerRow row = LedgerRow.fromFields(with(l3Row(), "asset", name), "l.csv", 2);

    assertThat(row.canonicalAsset()).isEqualTo(Asset.XBT);
    assertThat(row.asset()).isEqualTo(name);
  }

  @Test
  void resolvesAStakedAssetToItsBaseAsset() {
    LedgerRow row = LedgerRow.fromFields(with(l3Row(), "asset", "DOT28.S"), "l.csv", 2);

    assertThat(row.canonicalAsset()).isEqualTo(Asset.of("DOT"));
  }

  @Test
  void keysRunningBalancesByRawAssetAndWallet() {
    assertThat(LedgerRow.fromFields(l3Row(), "l.csv", 2).walletKey()).isEqualTo("BTC|spot / main");
    assertThat(LedgerRow.fromFields(l0PendingRow(), "l.csv", 2).walletKey()).isEqualTo("ZEUR|");
  }

  @Test
  void printsOneCanonicalLine() {
    assertThat(LedgerRow.fromFields(l3Row(), "ledgers.csv", 4))
        .hasToString(
            "ledgers.csv line 4 txid=LK8PK3-YR9OU-DOCUZR refid=MECOSFO-GYR3X-KXWNRE"
                + " time=2025-02-14T22:18:09Z type=trade subtype=tradespot aclass=currency"
                + " subclass=crypto asset=BTC wallet=spot%20/%20main amount=0.0020104289 fee=0"
                + " balance=0.0030521628");
    assertThat(LedgerRow.fromFields(l0PendingRow(), "ledgers.csv", 2))
        .hasToString(
            "ledgers.csv line 2 txid= refid=QCCNPU5-JCHILF-COMBWG time=2020-02-10T10:06:39Z"
                + " type=deposit subtype= aclass=currency subclass= asset=ZEUR wallet= amount=500"
                + " fee=0 balance=");
  }

  @Test
  void writesCanonicalFields() {
    Map<String, String> fields = LedgerRow.fromFields(l0PendingRow(), "l.csv", 2).toFields();

    assertThat(fields)
        .containsExactly(
            Map.entry("txid", ""),
            Map.entry("refid", "QCCNPU5-JCHILF-COMBWG"),
            Map.entry("time", "2020-02-10T10:06:39Z"),
            Map.entry("type", "deposit"),
            Map.entry("subtype", ""),
            Map.entry("aclass", "currency"),
            Map.entry("subclass", ""),
            Map.entry("asset", "ZEUR"),
            Map.entry("wallet", ""),
            Map.entry("amount", "500"),
            Map.entry("fee", "0"),
            Map.entry("balance", ""));
  }

  static List<Path> ledgerSamples() {
    return Samples.ledgers();
  }

  @ParameterizedTest
  @MethodSource("ledgerSamples")
  void rebuildsEveryRowOfEverySampleExactlyFromItsFields(Path sample) {
    List<LedgerRow> rows = KrakenCsv.read(sample).ledgerRows();

    assertThat(rows).isNotEmpty();
    for (LedgerRow row : rows) {
      assertThat(LedgerRow.fromFields(row.toFields(), row.source(), row.line())).isEqualTo(row);
      // The values a store keeps beside the shared names are the fields', in order.
      assertThat(row.fieldValues()).containsExactlyElementsOf(row.toFields().values());
      assertThat(LedgerRow.FIELD_NAMES).containsExactlyElementsOf(row.toFields().keySet());
    }
  }

  @Test
  void rejectsAMissingBalanceAsNullInTheConstructor() {
    assertThatThrownBy(
            () ->
                new LedgerRow(
                    "L",
                    "R",
                    Instant.EPOCH,
                    "trade",
                    "",
                    "",
                    "",
                    "XXBT",
                    "",
                    BigDecimal.ONE,
                    BigDecimal.ZERO,
                    null,
                    "s",
                    1))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("balance");
    assertThat(
            new LedgerRow(
                    "L",
                    "R",
                    Instant.EPOCH,
                    "trade",
                    "",
                    "",
                    "",
                    "XXBT",
                    "",
                    BigDecimal.ONE,
                    BigDecimal.ZERO,
                    Optional.empty(),
                    "s",
                    1)
                .balance())
        .isEmpty();
  }

  /** A row of these decimals, the rest fixed. */
  private static LedgerRow rowOf(BigDecimal amount, BigDecimal fee, Optional<BigDecimal> balance) {
    return new LedgerRow(
        "L", "R", Instant.EPOCH, "trade", "", "", "", "XXBT", "", amount, fee, balance, "s", 1);
  }

  @Test
  void keepsEveryDecimalExactlyWhateverItsDigitsAndScale() {
    // Seeded: 1 to 40 digits (a long holds 18), scales 0 to 140 (a byte holds 127), either sign;
    // each row is also made from the same numbers with trailing zeros, which must not matter.
    java.util.Random random = new java.util.Random(20261205);
    for (int i = 0; i < 2_000; i++) {
      BigDecimal amount = randomDecimal(random);
      BigDecimal fee = random.nextInt(4) == 0 ? BigDecimal.ZERO : randomDecimal(random);
      Optional<BigDecimal> balance =
          random.nextInt(5) == 0 ? Optional.empty() : Optional.of(randomDecimal(random));
      LedgerRow row = rowOf(amount, fee, balance);
      assertThat(row.amount()).isEqualTo(io.tally.money.Precision.canonical(amount));
      assertThat(row.fee()).isEqualTo(io.tally.money.Precision.canonical(fee));
      assertThat(row.balance()).isEqualTo(balance.map(io.tally.money.Precision::canonical));
      assertThat(row.hasBalance()).isEqualTo(balance.isPresent());
      LedgerRow padded =
          rowOf(
              amount.setScale(amount.scale() + 3),
              fee.setScale(Math.max(fee.scale(), 0) + 2),
              balance.map(value -> value.setScale(value.scale() + 1)));
      assertThat(padded).isEqualTo(row).hasSameHashCodeAs(row);
      assertThat(rowOf(amount.add(BigDecimal.ONE), fee, balance)).isNotEqualTo(row);
      assertThat(rowOf(amount, fee, balance.isPresent() ? Optional.empty() : Optional.of(amount)))
          .isNotEqualTo(row);
    }
  }

  private static BigDecimal randomDecimal(java.util.Random random) {
    StringBuilder digits = new StringBuilder().append(1 + random.nextInt(9));
    int count = random.nextInt(40);
    for (int i = 0; i < count; i++) {
      digits.append(random.nextInt(10));
    }
    BigDecimal value =
        new BigDecimal(new java.math.BigInteger(digits.toString()), random.nextInt(141));
    return random.nextBoolean() ? value : value.negate();
  }
}
