package io.tally.kraken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class KrakenCsvTest {

  static List<Path> samples() {
    return Samples.all();
  }

  private static LedgerRow ledgerRowOnLine(ExportFile file, int line) {
    return file.ledgerRows().stream()
        .filter(row -> row.line() == line)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row on line " + line));
  }

  @ParameterizedTest
  @CsvSource({
    "ledgers-L0.csv,           LEDGERS, 17",
    "ledgers-L1.csv,           LEDGERS, 21",
    "ledgers-L1b.csv,          LEDGERS, 11",
    "ledgers-L1-bom-crlf.csv,  LEDGERS,  7",
    "ledgers-L2.csv,           LEDGERS, 15",
    "ledgers-L2u11.csv,        LEDGERS,  8",
    "ledgers-L2u12.csv,        LEDGERS, 11",
    "ledgers-L3.csv,           LEDGERS, 20",
    "ledgers-L3-nosubtype.csv, LEDGERS,  7",
    "ledgers-L3u.csv,          LEDGERS, 15",
    "trades-T1.csv,            TRADES,   4",
    "trades-T2.csv,            TRADES,   3",
    "trades-T3.csv,            TRADES,   5",
    "trades-T3u.csv,           TRADES,   3"
  })
  void detectsTheKindAndReadsEveryRow(String fileName, ExportKind kind, int rows) {
    ExportFile file = KrakenCsv.read(Samples.sample(fileName));

    assertThat(file.kind()).isEqualTo(kind);
    assertThat(file.fileName()).isEqualTo(fileName);
    assertThat(file.rowCount()).isEqualTo(rows);
    assertThat(kind == ExportKind.LEDGERS ? file.tradeRows() : file.ledgerRows()).isEmpty();
  }

  @Test
  void coversEverySampleInTheTableAbove() {
    assertThat(Samples.all()).hasSize(14);
  }

  @ParameterizedTest
  @MethodSource("samples")
  void matchesTheGoldenRowsOfEverySample(Path sample) {
    ExportFile file = KrakenCsv.read(sample);
    List<String> lines =
        Stream.concat(file.ledgerRows().stream(), file.tradeRows().stream())
            .map(Object::toString)
            .toList();

    Samples.assertGolden(sample, "rows", lines);
  }

  @Test
  void readsTheNineColumnL0LayoutWithPendingRows() {
    ExportFile file = KrakenCsv.read(Samples.sample("ledgers-L0.csv"));

    LedgerRow pending = ledgerRowOnLine(file, 2);
    assertThat(pending.isPending()).isTrue();
    assertThat(pending.balance()).isEmpty();
    assertThat(pending.subtype()).isEmpty();
    LedgerRow kfeeLeg = ledgerRowOnLine(file, 9);
    assertThat(kfeeLeg.asset()).isEqualTo("KFEE");
    assertThat(kfeeLeg.amount()).isEqualByComparingTo("0");
    assertThat(kfeeLeg.fee()).isEqualByComparingTo("32");
    LedgerRow reversal = ledgerRowOnLine(file, 13);
    assertThat(reversal.type()).isEqualTo("withdrawal");
    assertThat(reversal.amount()).isEqualByComparingTo("1");
    assertThat(reversal.fee()).isEqualByComparingTo("-0.005");
    assertThat(reversal.refid()).isEqualTo(ledgerRowOnLine(file, 12).refid());
  }

  @Test
  void readsTheTenColumnL1LayoutWithLegacyStaking() {
    ExportFile file = KrakenCsv.read(Samples.sample("ledgers-L1.csv"));

    LedgerRow staking = ledgerRowOnLine(file, 13);
    assertThat(staking.type()).isEqualTo("staking");
    assertThat(staking.asset()).isEqualTo("DOT.S");
    assertThat(staking.amount()).isEqualByComparingTo("0.01234567");
    assertThat(staking.balance()).contains(new BigDecimal("12.51234567"));
    assertThat(staking.time()).isEqualTo(Instant.parse("2021-01-10T07:26:30Z"));
    assertThat(ledgerRowOnLine(file, 10).subtype()).isEqualTo("spottostaking");
    assertThat(ledgerRowOnLine(file, 20).type()).isEqualTo("nfttrade");
  }

  @Test
  void readsTheL1bLayoutWithItsTrailingEmptyColumn() {
    ExportFile file = KrakenCsv.read(Samples.sample("ledgers-L1b.csv"));

    LedgerRow deposit = ledgerRowOnLine(file, 3);
    assertThat(deposit.asset()).isEqualTo("ZUSD");
    assertThat(deposit.balance()).contains(new BigDecimal("800"));
    assertThat(deposit.toFields()).doesNotContainKey("");
  }

  @Test
  void readsAFileWithAByteOrderMarkAndCrlfLineEnds() {
    ExportFile file = KrakenCsv.read(Samples.sample("ledgers-L1-bom-crlf.csv"));

    LedgerRow first = ledgerRowOnLine(file, 2);
    assertThat(first.txid()).isEmpty();
    assertThat(first.asset()).isEqualTo("XXBT");
    LedgerRow airdrop = ledgerRowOnLine(file, 8);
    assertThat(airdrop.subtype()).isEqualTo("airdrop");
    assertThat(airdrop.balance()).contains(new BigDecimal("15.1234"));
  }

  @Test
  void readsTheL2LayoutWithWalletsAndATradeFromTwoWallets() {
    ExportFile file = KrakenCsv.read(Samples.sample("ledgers-L2.csv"));

    LedgerRow spotLeg = ledgerRowOnLine(file, 8);
    LedgerRow earnLeg = ledgerRowOnLine(file, 9);
    assertThat(spotLeg.refid()).isEqualTo(earnLeg.refid());
    assertThat(spotLeg.wallet()).isEqualTo("spot / main");
    assertThat(earnLeg.wallet()).isEqualTo("earn / flexible");
    assertThat(earnLeg.amount()).isEqualByComparingTo("-0.01");
    assertThat(earnLeg.walletKey()).isEqualTo("XXBT|earn / flexible");
  }

  @Test
  void readsBothL2uLayoutsAndIgnoresAmountUsd() {
    LedgerRow withoutWallet =
        ledgerRowOnLine(KrakenCsv.read(Samples.sample("ledgers-L2u11.csv")), 3);
    LedgerRow withWallet = ledgerRowOnLine(KrakenCsv.read(Samples.sample("ledgers-L2u12.csv")), 7);

    assertThat(withoutWallet.wallet()).isEmpty();
    assertThat(withoutWallet.amount()).isEqualByComparingTo("-1000");
    assertThat(withoutWallet.fee()).isEqualByComparingTo("1.6");
    assertThat(withWallet.subtype()).isEqualTo("reward");
    assertThat(withWallet.wallet()).isEqualTo("earn / liquid");
    assertThat(withWallet.fee()).isEqualByComparingTo("0.20617284");
  }

  @Test
  void readsTheL3LayoutWithDisplayNamesAndADustSweep() {
    ExportFile file = KrakenCsv.read(Samples.sample("ledgers-L3.csv"));

    LedgerRow first = ledgerRowOnLine(file, 2);
    assertThat(first.asset()).isEqualTo("EUR");
    assertThat(first.subclass()).isEqualTo("fiat");
    List<LedgerRow> sweep =
        file.ledgerRows().stream().filter(row -> row.subtype().equals("dustsweeping")).toList();
    assertThat(sweep).extracting(LedgerRow::type).containsExactly("spend", "spend", "receive");
    assertThat(sweep).extracting(LedgerRow::refid).containsOnly(sweep.get(0).refid());
  }

  @Test
  void readsAnExportWithoutTheSubtypeColumn() {
    ExportFile file = KrakenCsv.read(Samples.sample("ledgers-L3-nosubtype.csv"));

    assertThat(file.ledgerRows()).extracting(LedgerRow::subtype).containsOnly("");
    assertThat(ledgerRowOnLine(file, 6).wallet()).isEqualTo("earn / flexible");
  }

  @Test
  void readsTheSixteenColumnL3uLayoutWithPlaceholderDashes() {
    ExportFile file = KrakenCsv.read(Samples.sample("ledgers-L3u.csv"));

    LedgerRow maticOut = ledgerRowOnLine(file, 12); // its amountusd is "-"
    assertThat(maticOut.type()).isEqualTo("adjustment");
    assertThat(maticOut.asset()).isEqualTo("MATIC");
    assertThat(maticOut.balance()).contains(BigDecimal.ZERO);
    LedgerRow reward = ledgerRowOnLine(file, 5);
    assertThat(reward.fee()).isEqualByComparingTo("0.375");
  }

  @Test
  void readsTheThirteenColumnT1Layout() {
    TradeRow row = KrakenCsv.read(Samples.sample("trades-T1.csv")).tradeRows().get(3);

    assertThat(row.pair()).isEqualTo("XXDGXXBT");
    assertThat(row.type()).isEqualTo("sell");
    assertThat(row.orderType()).isEqualTo("stop market");
    assertThat(row.price()).isEqualByComparingTo("0.0000065");
    assertThat(row.time()).isEqualTo(Instant.parse("2021-01-19T03:33:47.5512Z"));
  }

  @Test
  void readsT2LedgerIdsSeparatedByCommaAndBlank() {
    TradeRow row = KrakenCsv.read(Samples.sample("trades-T2.csv")).tradeRows().get(1);

    assertThat(row.ledgerIds()).hasSize(3).allMatch(id -> id.startsWith("L") && !id.contains(" "));
  }

  @Test
  void readsT3DisplayPairsAndLegacyKeys() {
    List<TradeRow> rows = KrakenCsv.read(Samples.sample("trades-T3.csv")).tradeRows();

    assertThat(rows)
        .extracting(TradeRow::pair)
        .containsExactly("BTC/EUR", "ETH/EUR", "XXBTZEUR", "ALGO/EUR", "ALGO/EUR");
    assertThat(rows.get(4).orderType()).isEqualTo("touched market");
  }

  @Test
  void readsT3uWithItsCostUsdColumn() {
    TradeRow row = KrakenCsv.read(Samples.sample("trades-T3u.csv")).tradeRows().get(0);

    assertThat(row.cost()).isEqualByComparingTo("540");
    assertThat(row.fee()).isEqualByComparingTo("0.864");
  }

  @Test
  void linksTradesToTheLedgerRowsOfTheSameAccount() {
    List<LedgerRow> ledger = KrakenCsv.read(Samples.sample("ledgers-L1.csv")).ledgerRows();
    List<TradeRow> trades = KrakenCsv.read(Samples.sample("trades-T1.csv")).tradeRows();

    for (TradeRow trade : trades) {
      assertThat(ledger)
          .filteredOn(row -> trade.ledgerIds().contains(row.txid()))
          .extracting(LedgerRow::refid)
          .containsOnly(trade.txid())
          .hasSize(trade.ledgerIds().size());
    }
  }

  @Test
  void namesFileLineAndFieldOfABadDecimal() {
    assertThatThrownBy(() -> KrakenCsv.read(Samples.broken("ledgers-bad-decimal.csv")))
        .isInstanceOf(KrakenException.class)
        .hasMessage("ledgers-bad-decimal.csv line 3, field 'amount': not a decimal number: '12,5'");
  }

  @Test
  void namesFileLineAndFieldOfABadTime() {
    assertThatThrownBy(() -> KrakenCsv.read(Samples.broken("ledgers-bad-time.csv")))
        .isInstanceOf(KrakenException.class)
        .hasMessage(
            "ledgers-bad-time.csv line 2, field 'time': not a time (expected 'YYYY-MM-DD"
                + " HH:MM:SS' with an optional fraction, UTC): '07/02/2021 01:54:53'");
  }

  @Test
  void namesTheFileAndAMissingRequiredColumn() {
    assertThatThrownBy(() -> KrakenCsv.read(Samples.broken("ledgers-missing-column.csv")))
        .isInstanceOf(KrakenException.class)
        .hasMessage(
            "ledgers-missing-column.csv line 1: missing required column 'asset' for a ledgers"
                + " export");
  }

  @Test
  void namesTheLineOfAWrongFieldCount() {
    assertThatThrownBy(() -> KrakenCsv.read(Samples.broken("ledgers-wrong-field-count.csv")))
        .isInstanceOf(KrakenException.class)
        .hasMessage(
            "ledgers-wrong-field-count.csv line 4: expected 10 fields as in the header but found"
                + " 9");
  }

  @Test
  void namesFileLineAndFieldOfABadTradeType() {
    assertThatThrownBy(() -> KrakenCsv.read(Samples.broken("trades-bad-type.csv")))
        .isInstanceOf(KrakenException.class)
        .hasMessage("trades-bad-type.csv line 2, field 'type': not 'buy' or 'sell': 'hold'");
  }

  @Test
  void rejectsAFileThatIsNoKrakenExportAndSaysWhatItExpected() {
    assertThatThrownBy(() -> KrakenCsv.read(Samples.broken("unknown-header.csv")))
        .isInstanceOf(KrakenException.class)
        .hasMessage(
            "unknown-header.csv line 1: not a Kraken export: expected a ledgers header (with"
                + " 'refid' and 'amount') or a trades header (with 'ordertxid' or 'pair', and"
                + " 'vol'), found: time, open, high, low, close, volume");
  }

  @Test
  void namesAFileThatCannotBeRead() {
    assertThatThrownBy(() -> KrakenCsv.read(Path.of("target", "no-such-ledgers.csv")))
        .isInstanceOf(KrakenException.class)
        .hasMessageStartingWith("no-such-ledgers.csv: cannot read: ");
  }

  @Test
  void namesAFileThatIsNotUtf8(@TempDir Path folder) throws IOException {
    Path file = folder.resolve("latin1.csv");
    Files.write(
        file,
        "txid,refid,time,type,asset,amount\nL1,R1,2024-01-02 03:04:05,d\u00e9p\u00f4t,XXBT,1\n"
            .getBytes(StandardCharsets.ISO_8859_1));

    assertThatThrownBy(() -> KrakenCsv.read(file))
        .isInstanceOf(KrakenException.class)
        .hasMessageStartingWith(
            "latin1.csv: cannot read: java.nio.charset.MalformedInputException");
  }

  /**
   * A ledgers export of {@code rows} deposits, one per line from line 2, with row {@code badAmount}
   * holding an amount that is no number and row {@code unclosed} opening a quote it never closes
   * (either may be past the end, for none).
   */
  private static String longLedgers(int rows, int badAmount, int unclosed) {
    StringBuilder text = new StringBuilder("txid,refid,time,type,asset,amount\n");
    for (int row = 1; row <= rows; row++) {
      String amount = row == badAmount ? "1.2.5" : row == unclosed ? "\"1.5" : "1.5";
      text.append(String.format("L%d,R%d,2024-01-02 03:04:05,deposit,XXBT,%s%n", row, row, amount));
    }
    return text.toString();
  }

  @Test
  void readsALongExportInFileOrder() {
    int rows = 10 * RecordsAhead.CHUNK + 5;

    ExportFile file = KrakenCsv.read(new StringReader(longLedgers(rows, 0, 0)), "long.csv");

    assertThat(file.ledgerRows()).hasSize(rows);
    for (int row = 1; row <= rows; row++) {
      LedgerRow read = file.ledgerRows().get(row - 1);
      assertThat(read.txid()).isEqualTo("L" + row);
      assertThat(read.line()).isEqualTo(row + 1);
    }
  }

  @Test
  void namesABadRowOfALongExportBeforeMalformedCsvAfterIt() {
    // Row 2,500 (line 2,501) is read in the third chunk; the unclosed quote of row 7,000 is read
    // later, maybe before row 2,500 is parsed, but it is the file's first bad row that is named.
    assertThatThrownBy(
            () -> KrakenCsv.read(new StringReader(longLedgers(9_000, 2_500, 7_000)), "long.csv"))
        .isInstanceOf(KrakenException.class)
        .hasMessage("long.csv line 2501, field 'amount': not a decimal number: '1.2.5'");
    // The other way round: the malformed record comes first.
    assertThatThrownBy(
            () -> KrakenCsv.read(new StringReader(longLedgers(9_000, 7_000, 2_500)), "long.csv"))
        .isInstanceOf(KrakenException.class)
        .hasMessageStartingWith("long.csv line 2501: ");
  }

  @Test
  void readsFromAReaderUnderADisplayName() {
    String text =
        """
        "txid","refid","time","type","asset","amount"
        "L1","R1","2024-01-02 03:04:05","deposit","XXBT",1.5
        """;

    ExportFile file = KrakenCsv.read(new StringReader(text), "inline.csv");

    assertThat(file.ledgerRows())
        .singleElement()
        .hasToString(
            "inline.csv line 2 txid=L1 refid=R1 time=2024-01-02T03:04:05Z type=deposit subtype="
                + " aclass= subclass= asset=XXBT wallet= amount=1.5 fee=0 balance=");
  }

  @Test
  void skipsBlankLinesWhereverTheyAreAndKeepsTheFilesRealLines() {
    // A hand-saved export: a blank line before the header and after it, a whitespace-only line and
    // an empty spreadsheet row in the middle, several blank lines at the end, CRLF line ends.
    String text =
        "\r\n"
            + "\"txid\",\"refid\",\"time\",\"type\",\"asset\",\"amount\",\"fee\",\"balance\"\r\n"
            + "\r\n"
            + "\"L1\",\"R1\",\"2024-01-02 03:04:05\",\"deposit\",\"ZEUR\",100,0,100\r\n"
            + "   \r\n"
            + ",,,,,,,\r\n"
            + "\"L2\",\"R2\",\"2024-01-02 03:04:06\",\"withdrawal\",\"ZEUR\",-40,0.5,59.5\r\n"
            + "\r\n"
            + "\r\n";

    ExportFile file = KrakenCsv.read(new StringReader(text), "saved.csv");

    assertThat(file.ledgerRows()).extracting(LedgerRow::line).containsExactly(4, 7);
    assertThat(file.ledgerRows()).extracting(LedgerRow::txid).containsExactly("L1", "L2");
    assertThat(RunningBalanceCheck.check(file.ledgerRows()).ok()).isTrue();
  }

  @Test
  void namesTheRealLineOfABadFieldAfterBlankLines() {
    String text =
        "txid,refid,time,type,asset,amount\n"
            + "\n"
            + "L1,R1,2024-01-02 03:04:05,deposit,ZEUR,1\n"
            + " \n"
            + "L2,R2,2024-01-02 03:04:06,deposit,ZEUR,\"12,5\"\n";

    assertThatThrownBy(() -> KrakenCsv.read(new StringReader(text), "saved.csv"))
        .isInstanceOf(KrakenException.class)
        .hasMessage("saved.csv line 5, field 'amount': not a decimal number: '12,5'");
  }

  @Test
  void namesTheHeadersRealLineWhenBlankLinesComeFirst() {
    String text = "\n\ntxid,refid,time,type,amount\nL1,R1,2024-01-02 03:04:05,deposit,1\n";

    assertThatThrownBy(() -> KrakenCsv.read(new StringReader(text), "saved.csv"))
        .isInstanceOf(KrakenException.class)
        .hasMessage("saved.csv line 3: missing required column 'asset' for a ledgers export");
  }

  @Test
  void readsAnExportWithAHeaderAndNoRows() {
    ExportFile file =
        KrakenCsv.read(
            new StringReader("txid,ordertxid,pair,time,type,price,cost,fee,vol\n"), "t.csv");

    assertThat(file.kind()).isEqualTo(ExportKind.TRADES);
    assertThat(file.rowCount()).isZero();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "txid,refid,time,type,asset,amount|LEDGERS",
        "refid,amount|LEDGERS",
        "txid,ordertxid,pair,time,type,price,cost,fee,vol|TRADES",
        "txid,pair,time,type,price,cost,fee,vol|TRADES",
        "ordertxid,vol|TRADES",
        "refid,vol|",
        "pair,amount|",
        "time,open,close|"
      })
  void tellsTheKindByTheHeader(String header, ExportKind kind) {
    assertThat(KrakenCsv.kindOf(List.of(header.split(",")))).isEqualTo(Optional.ofNullable(kind));
  }

  /** The real-format fixtures in {@code <tally.shared>/fixtures/kraken}; skipped without them. */
  @Nested
  class SharedFixtures {

    private Path fixtures() {
      Optional<Path> folder = Samples.sharedFixtures();
      assumeThat(folder).as("shared fixtures folder (system property tally.shared)").isPresent();
      return folder.orElseThrow();
    }

    private ExportFile fixture(String name) {
      return KrakenCsv.read(fixtures().resolve(name));
    }

    @Test
    void parsesEveryCsvFixture() {
      List<Path> files = Samples.csvFiles(fixtures());

      assertThat(files).isNotEmpty();
      for (Path file : files) {
        ExportFile export = KrakenCsv.read(file);
        assertThat(export.rowCount()).as(file.getFileName().toString()).isPositive();
      }
    }

    @Test
    void reproducesEveryBalanceOfEveryLedgersFixture() {
      for (Path file : Samples.csvFiles(fixtures())) {
        ExportFile export = KrakenCsv.read(file);
        if (export.kind() == ExportKind.LEDGERS) {
          BalanceCheck check = RunningBalanceCheck.check(export.ledgerRows());
          assertThat(check.firstDivergence()).as(file.getFileName().toString()).isEmpty();
          assertThat(check.rowsChecked()).isPositive();
        }
      }
    }

    @Test
    void readsTheFeelhip2021LedgersWithItsPendingStakingRows() {
      ExportFile file = fixture("feelhip_ledgers_2021_10col_legacy_staking.csv");

      assertThat(file.kind()).isEqualTo(ExportKind.LEDGERS);
      assertThat(file.ledgerRows()).hasSize(12);
      assertThat(file.ledgerRows()).filteredOn(LedgerRow::isPending).hasSize(3);
      LedgerRow xbtLeg = file.ledgerRows().get(4);
      assertThat(xbtLeg.txid()).isEqualTo("LTWFM4-WYM4Q-Q7MOZW");
      assertThat(xbtLeg.amount()).isEqualByComparingTo("-0.00638");
      assertThat(xbtLeg.fee()).isEqualByComparingTo("0.000016588");
      assertThat(xbtLeg.balance()).contains(new BigDecimal("0.0059739712"));
    }

    @Test
    void findsTheOpeningBalancesOfTheFeelhipHistoryThatStartsMidway() {
      BalanceCheck check =
          RunningBalanceCheck.check(
              fixture("feelhip_ledgers_2021_10col_legacy_staking.csv").ledgerRows());

      assertThat(check.ok()).isTrue();
      assertThat(check.rowsChecked()).isEqualTo(9);
      assertThat(check.rowsSkipped()).isEqualTo(3);
      assertThat(check.openingBalances())
          .extracting(f -> f.asset() + " " + f.actual().toPlainString())
          .containsExactly(
              "DOT.S 4.02501559", // 4.03030478 - 0.00528919
              "XXBT 0.0123705592", // 0.0059739712 + 0.00638 + 0.000016588
              "MANA 0.00000005"); // 1000.00000005 - 1000
    }

    @Test
    void readsTheSatfolio2025LedgersWithWallets() {
      ExportFile file = fixture("satfolio_ledgers_2025_12col.csv");

      BalanceCheck check = RunningBalanceCheck.check(file.ledgerRows());

      assertThat(file.ledgerRows()).hasSize(172);
      assertThat(file.ledgerRows()).extracting(LedgerRow::wallet).contains("earn / liquid");
      assertThat(check.ok()).isTrue();
      assertThat(check.rowsChecked()).isEqualTo(172);
      // This history, too, starts after the account did.
      assertThat(check.openingBalances())
          .extracting(
              f -> f.line() + " " + f.asset() + "|" + f.wallet() + " " + f.actual().toPlainString())
          .containsExactly(
              "2 EUR|spot / main 0.0011", // 381.9832 - 381.9821
              "4 BTC|spot / main 0.0010417339", // 0.0030521628 - 0.0020104289
              "27 ETH|spot / main 0.000001803"); // 0 + 0.0000018030 (an earn allocation)
    }

    @Test
    void readsTheZcrypto16ColumnLedgersFromAnEmptyAccount() {
      ExportFile file = fixture("zcrypto_synthetic_ledgers_16col.csv");
      BalanceCheck check = RunningBalanceCheck.check(file.ledgerRows());

      assertThat(file.ledgerRows()).hasSize(31);
      assertThat(check.ok()).isTrue();
      assertThat(check.openingBalances()).isEmpty();
    }

    @Test
    void readsTheZcrypto24ColumnTrades() {
      List<TradeRow> rows = fixture("zcrypto_synthetic_trades_24col.csv").tradeRows();

      assertThat(rows).hasSize(12);
      assertThat(rows.get(0).pair()).isEqualTo("ALGO/EUR");
      assertThat(rows.get(3).ledgerIds()).hasSize(3);
    }

    @Test
    void readsTheMarginSideOfThe24ColumnTrades() {
      List<TradeRow> rows = fixture("zcrypto_synthetic_trades_24col.csv").tradeRows();

      // TFX001: a spot buy, margin 0.0.
      assertThat(rows.get(0).margin()).isEmpty();
      // TFX004: opens a 2x long of 3 ATOM at 6.25 EUR; cost 18.75, margin 18.75 / 2 = 9.375.
      MarginTrade opening = rows.get(3).margin().orElseThrow();
      assertThat(opening)
          .isEqualTo(new MarginTrade(new BigDecimal("9.375"), "TFX004-SYNTH-TRADES", false));
      assertThat(opening.leverage(rows.get(3).cost())).isEqualByComparingTo("2");
      // TFX006: misc "initiated,closing", posttxid TFX004: closes that position.
      assertThat(rows.get(5).margin())
          .contains(new MarginTrade(new BigDecimal("9.375"), "TFX004-SYNTH-TRADES", true));
      // TFX007: misc "closing" buys back the 70 ALGO short TFX005 opened.
      assertThat(rows.get(6).margin().map(MarginTrade::positionId)).contains("TFX005-SYNTH-TRADES");
      for (TradeRow row : rows) {
        assertThat(TradeRow.fromFields(row.toFields(), row.source(), row.line())).isEqualTo(row);
      }
    }
  }
}
