package io.tally.report.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.report.GoldenFile;
import io.tally.tax.LotMethod;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ledger journal: its text for the sample history (a golden file, read by hand), and what
 * Debian's ledger makes of it and of seeded random histories — {@code ledger bal} per commodity is
 * Tally's holdings, {@code ledger bal --basis} is Tally's cost basis to the last digit, and the
 * realized gains are Tally's.
 */
class LedgerJournalTest {

  @TempDir Path dir;

  @Test
  void theSampleJournalWithFifoAndTaxStyleFeesIsTheGoldenOne() {
    GoldenFile.matches(
        "journal-fifo.ledger", LedgerJournal.of(JournalSample.input(LotMethod.FIFO, true)));
  }

  @Test
  void writeWritesWhatOfReturns() {
    JournalInput input = JournalSample.input(LotMethod.LIFO, false);
    StringWriter out = new StringWriter();

    LedgerJournal.write(input, out);

    assertThat(out).hasToString(LedgerJournal.of(input));
  }

  @Test
  void everyLotPostingNamesItsLotAndStatesItsTotal() {
    String journal = LedgerJournal.of(JournalSample.input(LotMethod.FIFO, true));

    // S1 sold 0.5 of B1's 0.998 XBT (cost 15,983.968): 8,008 of cost, 31,000 - 31 of proceeds.
    assertThat(journal)
        .contains(
            "    Assets:Kraken:XBT  -0.5 XBT {{8008.00000000 USD}} [2023-01-10] (B1)"
                + " (@@) 30969.00000000 USD\n")
        .contains(
            "    Assets:Kraken:XBT  1 XBT {{16016.00000000 USD}} [2023-01-10] (B1)"
                + " (@@) 16016.00000000 USD\n");
    journal
        .lines()
        .filter(line -> line.matches("    Assets:Kraken:(XBT|ETH|DOT) .*"))
        .forEach(
            line ->
                assertThat(line)
                    .as("a lot posting")
                    .matches(
                        ".* \\{\\{[0-9.]+ USD}} \\[\\d{4}-\\d\\d-\\d\\d] \\([A-Z0-9:a-z]+\\) \\(@@\\) [0-9.]+ USD"));
  }

  @Nested
  class CheckedByLedger {

    @ParameterizedTest(name = "{0}")
    @EnumSource(
        value = LotMethod.class,
        names = {"FIFO", "LIFO", "HIFO"})
    void itsBalancesAreTallysHoldingsCostBasisAndGains(LotMethod method) {
      JournalTools.assumeOnPath("ledger", "ledger");

      assertAgreesWithTally(JournalSample.input(method, true), "sample-" + method.code());
    }

    @Test
    void withWithdrawalsAsDisposalsItsGainsIncludeTheWithdrawals() {
      JournalTools.assumeOnPath("ledger", "ledger");

      assertAgreesWithTally(
          BeancountJournalTest.withdrawalsRealize(JournalSample.input(LotMethod.HIFO, true)),
          "sample-withdrawals-realize");
    }

    @Test
    void withFeesApartItsGainsAndTradeFeesAreTheBooksTradingPnl() {
      JournalTools.assumeOnPath("ledger", "ledger");
      JournalInput input = JournalSample.input(LotMethod.FIFO, false);
      Path file = JournalTools.file(dir, "books.ledger", LedgerJournal.of(input));

      BigDecimal gains = usd(JournalTools.ledgerBalances(file, "^Income:Gains"));
      BigDecimal fees = usd(JournalTools.ledgerBalances(file, "^Expenses:Fees:Trade"));

      assertThat(fees).isPositive();
      assertThat(gains.add(fees).negate())
          .isEqualByComparingTo(TallyFigures.of(input).tradingPnl());
    }

    /** The seeds and inputs of {@code BeancountJournalTest}'s property. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void ledgerAgreesWithTallyOnRandomHistories(long seed) {
      JournalTools.assumeOnPath("ledger", "ledger");

      assertAgreesWithTally(BeancountJournalTest.randomInput(seed), "seed-" + seed);
    }

    private BigDecimal usd(Map<String, Map<String, BigDecimal>> balances) {
      return balances.values().stream()
          .map(byCommodity -> byCommodity.getOrDefault("USD", BigDecimal.ZERO))
          .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private void assertAgreesWithTally(JournalInput input, String label) {
      Path file = JournalTools.file(dir, label + ".ledger", LedgerJournal.of(input));
      TallyFigures tally = TallyFigures.of(input);

      Map<String, BigDecimal> units = new TreeMap<>();
      JournalTools.ledgerBalances(file, "^Assets:")
          .values()
          .forEach(
              byCommodity -> byCommodity.forEach((c, n) -> units.merge(c, n, BigDecimal::add)));
      assertThat(TallyFigures.plain(units))
          .as("%s: units held", label)
          .isEqualTo(TallyFigures.plain(tally.holdings()));

      Map<String, Map<String, BigDecimal>> basis =
          JournalTools.ledgerBalances(file, "^Assets:", "--basis");
      Map<String, BigDecimal> costs = new TreeMap<>();
      tally
          .costs()
          .keySet()
          .forEach(
              symbol ->
                  costs.put(
                      symbol,
                      basis
                          .getOrDefault("Assets:Kraken:" + symbol, Map.of())
                          .getOrDefault("USD", BigDecimal.ZERO)));
      assertThat(TallyFigures.plain(costs))
          .as("%s: cost basis, exactly", label)
          .isEqualTo(TallyFigures.plain(tally.costs()));

      // With tax-style fees these are the tax report's gains; with fees apart, the fold's.
      BigDecimal gains = usd(JournalTools.ledgerBalances(file, "^Income:Gains"));
      assertThat(gains.negate())
          .as("%s: realized gains", label)
          .isEqualByComparingTo(tally.gains());
      if (tally.comparableWithBooks(input.rules())) {
        BigDecimal fees = usd(JournalTools.ledgerBalances(file, "^Expenses:Fees:Trade"));
        assertThat(gains.add(fees).negate())
            .as("%s: the books' realized trading PnL", label)
            .isEqualByComparingTo(tally.tradingPnl());
      }
    }
  }
}
