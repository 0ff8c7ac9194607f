package io.tally.margin;

import static io.tally.margin.MarginFixtures.ETHUSD;
import static io.tally.margin.MarginFixtures.SOLUSD;
import static io.tally.margin.MarginFixtures.XBTUSD;
import static io.tally.margin.MarginFixtures.buy;
import static io.tally.margin.MarginFixtures.carry;
import static io.tally.margin.MarginFixtures.d;
import static io.tally.margin.MarginFixtures.deposit;
import static io.tally.margin.MarginFixtures.mark;
import static io.tally.margin.MarginFixtures.paper;
import static io.tally.margin.MarginFixtures.sell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tally.ledger.EventId;
import io.tally.ledger.Side;
import io.tally.money.Asset;
import io.tally.money.Pair;
import io.tally.testing.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MarginAccountTextTest {

  /**
   * An isolated USD account: a short on ETH/USD opened and closed, a long on XBT/USD opened,
   * charged rollover and partly reduced, then both pairs marked.
   */
  static MarginAccount workedExample() {
    MarginTerms terms =
        paper()
            .withMode(MarginMode.ISOLATED)
            .withMaxLeverage(XBTUSD, 5)
            .withMaintenance(SOLUSD, d("0.8"));
    return MarginBook.replay(
        terms,
        List.of(
            deposit("D1", 0, "10000"),
            // 2 × 3,000 = 6,000 short; fee 0.16 %: 9.60
            sell("S1", 1, ETHUSD, "2", "3000", "9.60", 3),
            // bought back at 2,900: realized (6,000 − 5,800) × (−1)(−1) = 200; fee 9.28
            buy("S2", 30, ETHUSD, "2", "2900", "9.28", 3),
            // 0.1 × 60,000 = 6,000 long; fee 24
            buy("T1", 60, XBTUSD, "0.1", "60000", "24", 5),
            carry("R1", 300, XBTUSD, CarryKind.ROLLOVER, "1.20"),
            // 0.04 sold at 61,000 = 2,440; releases 6,000 × 0.04 ÷ 0.1 = 2,400: realized 40
            sell("T2", 302, XBTUSD, "0.04", "61000", "9.76", 5),
            mark("M1", 303, XBTUSD, "60500"),
            mark("M2", 304, ETHUSD, "2950")));
  }

  static final String WORKED_EXAMPLE_TEXT =
      String.join(
          "\n",
          "tally-margin\t1",
          "terms\tUSD\t125\tISOLATED\t0.5\t0.1",
          "max_leverage\tXBT/USD\t5",
          "maintenance\tSOL/USD\t0.8",
          // 10,000 − 9.60 + 200 − 9.28 − 24 − 1.20 + 40 − 9.76 = 10,186.16
          "account\t10186.16000000\t10000.00000000\t2025-03-01T15:04:00Z",
          // flat, but its totals stay: fees 9.60 + 9.28
          "position\tETH/USD\t0\t0.00000000\t3\t200.00000000\t18.88000000\t0.00000000",
          // 0.1 − 0.04 = 0.06 left at 6,000 − 2,400 = 3,600; fees 24 + 9.76
          "position\tXBT/USD\t0.06\t3600.00000000\t5\t40.00000000\t33.76000000\t1.20000000",
          "mark\tETH/USD\t2950",
          "mark\tXBT/USD\t60500",
          "trade\tS1\tETH/USD\tSHORT\t2\t6000.00000000\t2\t5800.00000000\t2"
              + "\t2025-03-01T10:01:00Z\t2025-03-01T10:30:00Z\t18.88000000\t0.00000000\t200.00000000",
          "trade\tT1\tXBT/USD\tLONG\t0.1\t6000.00000000\t0.04\t2440.00000000\t0.1"
              + "\t2025-03-01T11:00:00Z\t2025-03-01T15:02:00Z\t33.76000000\t1.20000000\t40.00000000",
          "end",
          "");

  @Nested
  class WorkedExample {

    @Test
    void isWrittenAsOneTabSeparatedRecordPerLine() {
      assertThat(MarginAccountText.write(workedExample())).isEqualTo(WORKED_EXAMPLE_TEXT);
    }

    @Test
    void readsBackEqualWithEveryScaleKept() {
      MarginAccount account = workedExample();
      MarginAccount back = MarginAccountText.read(WORKED_EXAMPLE_TEXT);

      assertThat(back).isEqualTo(account);
      // numerically equal and at the same scale: money at 8 decimals, quantities and prices
      // in their shortest form
      assertThat(back.collateral()).isEqualByComparingTo("10186.16");
      assertThat(back.collateral().scale()).isEqualTo(8);
      MarginPosition xbt = back.position(XBTUSD);
      assertThat(xbt.size()).isEqualByComparingTo("0.06");
      assertThat(xbt.size().scale()).isEqualTo(2);
      assertThat(xbt.entryValue().scale()).isEqualTo(8);
      assertThat(back.position(ETHUSD).size().scale()).isZero();
      assertThat(back.marks().get(XBTUSD)).isEqualByComparingTo("60500");
      assertThat(back.marks().get(XBTUSD).scale()).isZero();
      assertThat(back.terms().maintenanceRatio(SOLUSD)).isEqualByComparingTo("0.8");
      assertThat(back.terms().reserveRatio().scale()).isEqualTo(1);
      assertThat(back.trades().get(1).peakSize()).isEqualTo(d("0.1"));
      // the figures derived from it are the same to the digit
      assertThat(back.summary()).isEqualTo(account.summary());
      assertThat(back.trades().get(0).closedLine()).isEqualTo(account.trades().get(0).closedLine());
    }

    @Test
    void aResumedBookContinuesToTheSameDigits() {
      MarginBook resumed = MarginBook.resume(MarginAccountText.read(WORKED_EXAMPLE_TEXT));
      MarginBook original = MarginBook.resume(workedExample());
      // closes the rest of the long at a price with more digits than any before
      MarginFill close = sell("T3", 400, XBTUSD, "0.06", "60123.456", "5.77185178", 5);
      resumed.apply(close);
      original.apply(close);
      assertThat(resumed.account()).isEqualTo(original.account());
      // 0.06 × 60,123.456 = 3,607.40736; realized 7.40736000
      assertThat(resumed.account().position(XBTUSD).realizedPnl()).isEqualTo(d("47.40736000"));
    }
  }

  /**
   * Over seeded random histories ({@link MarginHistory}; a failure names its seed, {@code
   * -Dtally.seed=N} replays it): after every event the account reads back equal and writes back the
   * same text, and a book resumed from the text and fed the remaining events ends where the fold
   * from scratch ends, to the last digit and scale.
   */
  @Nested
  class Property {

    private MarginTerms terms(long seed) {
      // the history's events suit any of these: its leverage stays within 125 and its
      // withdrawals depend on equity only
      return paper()
          .withMode(seed % 2 == 0 ? MarginMode.CROSS : MarginMode.ISOLATED)
          .withMaxLeverage(ETHUSD, MarginTerms.PAPER_MAX_LEVERAGE)
          .withMaintenance(SOLUSD, d("0.75"))
          .withReserve(d("0.125"));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("io.tally.testing.Seeds#seeds")
    void everyPrefixReadsBackEqualAndResumesToTheSameEnd(long seed) {
      List<MarginEvent> events = MarginHistory.generate(seed, Seeds.events(seed));
      MarginAccount fromScratch = MarginBook.replay(terms(seed), events);
      MarginBook book = new MarginBook(terms(seed));
      for (int applied = 0; applied <= events.size(); applied++) {
        if (applied > 0) {
          book.apply(events.get(applied - 1));
        }
        MarginAccount account = book.account();
        String text = MarginAccountText.write(account);
        MarginAccount back = MarginAccountText.read(text);
        String what = "seed " + seed + ", after " + applied + " events";

        assertThat(back).as(what).isEqualTo(account);
        assertThat(MarginAccountText.write(back)).as(what).isEqualTo(text);
        assertThat(text).as(what).doesNotContain("\n\n").endsWith("\nend\n");

        MarginBook resumed = MarginBook.resume(back);
        events.subList(applied, events.size()).forEach(resumed::apply);
        MarginAccount end = resumed.account();
        assertThat(end).as(what).isEqualTo(fromScratch);
        assertThat(end.collateral()).as(what).isEqualByComparingTo(fromScratch.collateral());
        assertThat(end.collateral().scale()).as(what).isEqualTo(fromScratch.collateral().scale());
        assertThat(end.summary()).as(what).isEqualTo(fromScratch.summary());
      }
    }
  }

  /**
   * Malformed text is refused whole with a message naming the line (of {@link
   * #WORKED_EXAMPLE_TEXT}: 1 header, 2 terms, 3 max_leverage, 4 maintenance, 5 account, 6 and 7
   * positions, 8 and 9 marks, 10 and 11 trades, 12 end) and what is wrong with it.
   */
  @Nested
  class Malformed {

    private static final String TRADE_T1 =
        "trade\tT1\tXBT/USD\tLONG\t0.1\t6000.00000000\t%s\t2440.00000000\t0.1"
            + "\t2025-03-01T11:00:00Z\t2025-03-01T15:02:00Z\t33.76000000\t1.20000000\t40.00000000";

    private List<String> lines() {
      return new ArrayList<>(WORKED_EXAMPLE_TEXT.lines().toList());
    }

    private String text(List<String> lines) {
      return String.join("\n", lines) + "\n";
    }

    /** The worked example with line {@code number} (from 1) replaced. */
    private String replaced(int number, String line) {
      List<String> lines = lines();
      lines.set(number - 1, line);
      return text(lines);
    }

    /** The worked example with {@code line} inserted to become line {@code number}. */
    private String inserted(int number, String line) {
      List<String> lines = lines();
      lines.add(number - 1, line);
      return text(lines);
    }

    /** The worked example without line {@code number}. */
    private String removed(int number) {
      List<String> lines = lines();
      lines.remove(number - 1);
      return text(lines);
    }

    private void rejects(String text, String message) {
      assertThatThrownBy(() -> MarginAccountText.read(text))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(message);
    }

    @Test
    void anotherHeaderOrVersionIsRefused() {
      rejects("", "line 1: expected the header 'tally-margin\\t1', got the end of the text");
      rejects(
          replaced(1, "tally-books\t5"),
          "line 1: expected the header 'tally-margin\\t1', got 'tally-books\\t5'");
      rejects(
          replaced(1, "tally-margin\t2"),
          "line 1: tally-margin version '2' is not supported, this reader reads version 1");
    }

    @Test
    void anUnknownMisplacedOrRepeatedRecordIsRefused() {
      rejects(replaced(9, "price\tXBT/USD\t60500"), "line 9: unknown record 'price'");
      rejects(inserted(6, ""), "line 6: blank line");
      // the account line after the positions
      List<String> lines = lines();
      lines.add(7, lines.remove(4));
      rejects(
          text(lines),
          "line 5: record 'position' is out of place (records go terms, max_leverage, maintenance,"
              + " account, position, mark, trade, end)");
      rejects(replaced(9, "mark\tETH/USD\t2950"), "line 9: a second mark line for ETH/USD");
      List<String> swapped = lines();
      swapped.add(5, swapped.remove(6));
      rejects(text(swapped), "line 7: position ETH/USD comes after XBT/USD: pairs must ascend");
    }

    @Test
    void aWrongNumberOfFieldsIsRefused() {
      rejects(
          replaced(7, "position\tXBT/USD\t0.06\t3600.00000000\t5\t40.00000000\t33.76000000"),
          "line 7: position takes 7 fields, got 6");
      rejects(replaced(12, "end\t"), "line 12: end takes 0 fields, got 1");
    }

    @Test
    void aValueThatDoesNotParseIsRefused() {
      rejects(
          replaced(5, "account\t10,186.16\t10000.00000000\t2025-03-01T15:04:00Z"),
          "line 5: account collateral is not a decimal: '10,186.16'");
      // a decimal, but not as the writer writes one: its scale would be a guess
      rejects(
          replaced(9, "mark\tXBT/USD\t+60500"), "line 9: mark price is not a decimal: '+60500'");
      rejects(
          replaced(3, "max_leverage\tXBT/USD\tfive"),
          "line 3: max_leverage maxLeverage is not an integer: 'five'");
      rejects(
          replaced(5, "account\t10186.16000000\t10000.00000000\tyesterday"),
          "line 5: account lastEventAt is not an instant: 'yesterday'");
      rejects(
          replaced(2, "terms\tUSD\t125\tisolated\t0.5\t0.1"),
          "line 2: terms mode is not one of ISOLATED, CROSS: 'isolated'");
      rejects(
          replaced(
              7, "position\tXBTUSD\t0.06\t3600.00000000\t5\t40.00000000\t33.76000000\t1.20000000"),
          "line 7: position pair is not a BASE/QUOTE pair: 'XBTUSD'");
      rejects(
          replaced(10, lines().get(9).replace("\tS1\t", "\tS\\x1\t")),
          "line 10: trade id is not an event id (unknown escape \\x): 'S\\x1'");
    }

    @Test
    void aValueTheRecordsRejectIsRefused() {
      rejects(
          replaced(5, "account\t10186.160000001\t10000.00000000\t2025-03-01T15:04:00Z"),
          "line 5: account rejected: collateral must have at most 8 decimals, got 10186.160000001");
      rejects(
          replaced(4, "maintenance\tSOL/USD\t1.5"),
          "line 4: maintenance rejected: maintenanceRatio of SOLUSD must be at most 1, got 1.5");
      rejects(
          replaced(
              7, "position\tXBT/USD\t0.06\t3600.00000000\t5\t40.00000000\t-1.00000000\t1.20000000"),
          "line 7: position rejected: feesPaid must not be negative, got -1.00000000");
    }

    @Test
    void tradesThatDisagreeWithThePositionsAreRefused() {
      // MarginBook.resume finds a pair's open trade by its status: there must be one, and only one
      rejects(
          replaced(11, String.format(TRADE_T1, "0.05")),
          "line 11: open trade T1 leaves 0.05 of XBT/USD open, but the position's size is 0.06");
      rejects(
          inserted(12, String.format(TRADE_T1, "0.04").replace("\tT1\t", "\tT9\t")),
          "line 12: trade T9 is a second open trade on XBT/USD (trade T1 on line 11 is open)");
      rejects(removed(11), "line 11: the open XBT/USD position on line 7 has no open trade");
    }

    @Test
    void textCutShortOrRunningOnIsRefused() {
      rejects(removed(12), "line 12: missing the end line (the text is cut short)");
      rejects(
          WORKED_EXAMPLE_TEXT.substring(0, WORKED_EXAMPLE_TEXT.length() - 1),
          "line 12: the text is cut short: 'end' has no newline");
      rejects(
          WORKED_EXAMPLE_TEXT + WORKED_EXAMPLE_TEXT,
          "line 13: text after the end line (readAll reads several accounts)");
    }
  }

  @Nested
  class OddValues {

    @Test
    void assetCodesAndIdsWithTabsBackslashesAndSlashesSurvive() {
      // codes the records accept, though no exchange uses them
      Asset collateral = Asset.of("U\tSD");
      Pair pair = new Pair(Asset.of("A/B\\"), collateral);
      MarginAccount account =
          MarginBook.replay(
              MarginTerms.paper(collateral).withMaxLeverage(pair, 3),
              List.of(
                  deposit("D1", 0, "1000"),
                  new MarginFill(
                      EventId.of("T\\1/x"),
                      MarginFixtures.minute(1),
                      pair,
                      Side.BUY,
                      d("2"),
                      d("10"),
                      d("0"),
                      3)));
      String text = MarginAccountText.write(account);

      assertThat(text)
          .contains("terms\tU\\tSD\t", "max_leverage\tA\\/B\\\\/U\\tSD\t3\n")
          .contains("trade\tT\\\\1/x\tA\\/B\\\\/U\\tSD\tLONG\t");
      assertThat(MarginAccountText.read(text)).isEqualTo(account);
    }

    @Test
    void marksKeepAScaleNoFoldWouldGiveThem() {
      // the account's marks are kept as given: trailing zeros and a negative scale too
      MarginAccount folded = workedExample();
      MarginAccount account =
          new MarginAccount(
              folded.terms(),
              folded.collateral(),
              folded.netDeposits(),
              folded.positions(),
              Map.of(XBTUSD, d("60500.00"), ETHUSD, d("3E+3")),
              folded.trades(),
              folded.lastEventAt());
      String text = MarginAccountText.write(account);

      assertThat(text).contains("mark\tETH/USD\t3E+3\n", "mark\tXBT/USD\t60500.00\n");
      MarginAccount back = MarginAccountText.read(text);
      assertThat(back).isEqualTo(account);
      assertThat(back.marks().get(XBTUSD).scale()).isEqualTo(2);
      assertThat(back.marks().get(ETHUSD).scale()).isEqualTo(-3);
      assertThat(back.marks().get(ETHUSD)).isEqualByComparingTo("3000");
    }

    @Test
    void anAccountBeforeItsFirstEventHasNoTime() {
      MarginAccount empty = MarginAccount.empty(MarginTerms.paper(Asset.of("EUR")));
      String text = MarginAccountText.write(empty);

      assertThat(text)
          .isEqualTo(
              "tally-margin\t1\n"
                  + "terms\tEUR\t125\tCROSS\t0.5\t0.1\n"
                  + "account\t0.00000000\t0.00000000\t-\n"
                  + "end\n");
      assertThat(MarginAccountText.read(text)).isEqualTo(empty);
    }
  }

  /** Several accounts, one per collateral asset, saved one after another. */
  @Nested
  class SeveralAccounts {

    private List<MarginAccount> three() {
      return List.of(
          workedExample(),
          MarginAccount.empty(MarginTerms.paper(Asset.of("EUR"))),
          MarginBook.replay(paper(), MarginHistory.generate(7, 120)));
    }

    @Test
    void areWrittenOneAfterAnotherAndReadBackInOrder() {
      List<MarginAccount> accounts = three();
      String text = MarginAccountText.writeAll(accounts);

      assertThat(text)
          .isEqualTo(
              MarginAccountText.write(accounts.get(0))
                  + MarginAccountText.write(accounts.get(1))
                  + MarginAccountText.write(accounts.get(2)))
          .startsWith(WORKED_EXAMPLE_TEXT)
          .doesNotContain("\n\n")
          .endsWith("\nend\n");
      assertThat(MarginAccountText.readAll(text)).isEqualTo(accounts);
      // a caller can also split the blocks on the header line and read each one
      List<String> blocks = List.of(text.split("(?=" + MarginAccountText.HEADER + "\n)", -1));
      assertThat(blocks).hasSize(3);
      for (int i = 0; i < 3; i++) {
        assertThat(MarginAccountText.read(blocks.get(i))).isEqualTo(accounts.get(i));
      }
    }

    @Test
    void noAccountsAreNoText() {
      assertThat(MarginAccountText.writeAll(List.of())).isEmpty();
      assertThat(MarginAccountText.readAll("")).isEmpty();
    }

    @Test
    void aBlockCutShortOrOfAnotherVersionIsRefusedByItsLineInTheWholeText() {
      String first = WORKED_EXAMPLE_TEXT.substring(0, WORKED_EXAMPLE_TEXT.lastIndexOf("end\n"));
      String second = MarginAccountText.write(three().get(1));
      assertThatThrownBy(() -> MarginAccountText.readAll(first + second))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("line 12: missing the end line before the next header");
      assertThatThrownBy(
              () ->
                  MarginAccountText.readAll(
                      WORKED_EXAMPLE_TEXT + second.replace("tally-margin\t1", "tally-margin\t2")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "line 13: tally-margin version '2' is not supported, this reader reads version 1");
    }
  }
}
