package io.tally.report.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tally.ledger.EventId;
import io.tally.ledger.LedgerEvent;
import io.tally.ledger.Unclassified;
import io.tally.money.Amount;
import io.tally.money.Asset;
import io.tally.report.GoldenFile;
import io.tally.report.SampleEvents;
import io.tally.report.journal.JournalTools.Balance;
import io.tally.tax.LotMethod;
import io.tally.tax.TaxRules;
import io.tally.testing.GeneratedHistory;
import io.tally.testing.HistoryGenerator;
import io.tally.testing.Seeds;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The beancount journal: its text for the sample history (golden files, read by hand), and what
 * Debian's beancount makes of it and of seeded random histories — {@code bean-check} accepts it,
 * {@code bean-query}'s balances are Tally's holdings and cost basis, and its realized gains are
 * Tally's.
 */
class BeancountJournalTest {

  /** How far beancount's cost of an asset may be from Tally's: its unit-cost rounding. */
  static final BigDecimal COST_TOLERANCE = new BigDecimal("0.000001");

  @TempDir Path dir;

  @Test
  void theSampleJournalWithFifoAndTaxStyleFeesIsTheGoldenOne() {
    GoldenFile.matches(
        "journal-fifo.beancount", BeancountJournal.of(JournalSample.input(LotMethod.FIFO, true)));
  }

  @Test
  void theSampleJournalWithLifoAndFeesApartIsTheGoldenOne() {
    GoldenFile.matches(
        "journal-lifo-fees-apart.beancount",
        BeancountJournal.of(JournalSample.input(LotMethod.LIFO, false)));
  }

  @Test
  void writeWritesWhatOfReturns() {
    JournalInput input = JournalSample.input(LotMethod.HIFO, true);
    StringWriter out = new StringWriter();

    BeancountJournal.write(input, out);

    assertThat(out).hasToString(BeancountJournal.of(input));
  }

  @Test
  void anEventOfNothingButZerosIsANote() {
    List<LedgerEvent> events =
        List.of(
            new Unclassified(
                EventId.of("Z1"),
                SampleEvents.at("2024-01-01"),
                "mystery",
                "",
                Amount.parse("ETH 0"),
                Amount.parse("ETH 0")));
    JournalInput input =
        JournalInput.of(
            JournalSample.rules(LotMethod.FIFO, true), List.of(), events, JournalSample.GENERATED);

    assertThat(BeancountJournal.of(input))
        .contains(
            "\n; 2024-01-01 Z1: unclassified ledger row mystery ETH 0, booked as an adjustment:"
                + " moves nothing, no posting\n")
        .doesNotContain(" * ");
    assertThat(LedgerJournal.of(input)).contains("; 2024-01-01 Z1: ").doesNotContain(" * (");
  }

  @Test
  void averageCostIsRefusedForItHasNoDatedLots() {
    assertThatThrownBy(() -> JournalSample.input(LotMethod.WAC, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("A journal needs dated lots: use fifo, lifo or hifo, not wac");
  }

  @Test
  void aBuyWhoseFeeIsPaidInTheCoinBoughtIsTwoLinkedTransactions() {
    String journal = BeancountJournal.of(JournalSample.input(LotMethod.FIFO, true));

    // B2 bought 1 XBT for 42,000 USD and paid 0.002 XBT (84 USD at the trade's own price).
    assertThat(
            Pattern.compile("\\* \"trade XBT/USD: sold USD 42000[^\\n]* \\^B2\\n")
                .matcher(journal)
                .results()
                .count())
        .isEqualTo(2);
    assertThat(journal)
        .contains("  Assets:Kraken:XBT  1 XBT {{42084.00000000 USD, 2024-02-10, \"B2\"}}\n")
        // FIFO takes the fee from B1, whose 0.5 XBT left cost 8,008: 0.002 of it 32.032.
        .contains("  Assets:Kraken:XBT  -0.002 XBT {2023-01-10, \"B1\"} @@ 84.00000000 USD\n")
        .contains("  Income:Gains:Long  -51.96800000 USD\n  Equity:Clearing  84.00000000 USD\n");
  }

  @Test
  void theHeaderSaysTheMethodTheFeesTheBaseAndWhenItWasMade() {
    String journal = BeancountJournal.of(JournalSample.input(LotMethod.HIFO, false));

    assertThat(journal)
        .startsWith("; Tally journal (beancount)")
        .contains("; generated: 2026-01-15T09:30:00Z\n")
        .contains("; base currency: USD\n")
        .contains("; lot method: hifo ")
        .contains("; fees: apart, as expenses (the books' default)")
        .contains("option \"operating_currency\" \"USD\"\n")
        .contains("option \"booking_method\" \"STRICT\"\n");
  }

  @Test
  void everyEventOfTheSampleIsATransactionOrANoteAndEveryKindOfEventIsThere() {
    String journal = BeancountJournal.of(JournalSample.input(LotMethod.FIFO, true));

    for (LedgerEvent event : JournalSample.events()) {
      assertThat(
              journal.contains("  event: \"" + event.id() + "\"\n")
                  || journal.contains(
                      "\n; " + event.at().toString().substring(0, 10) + " " + event.id() + ": "))
          .as("event %s is a transaction or a note", event.id())
          .isTrue();
    }
    assertThat(JournalSample.events().stream().map(Object::getClass).distinct())
        .containsExactlyInAnyOrder(LedgerEvent.class.getPermittedSubclasses());
  }

  @Nested
  class CheckedByBeancount {

    @ParameterizedTest(name = "{0}")
    @EnumSource(
        value = LotMethod.class,
        names = {"FIFO", "LIFO", "HIFO"})
    void beanCheckAcceptsTheSampleWithEitherFeeTreatment(LotMethod method) {
      JournalTools.assumeOnPath("bean-check", "beancount");

      for (boolean taxStyle : List.of(true, false)) {
        String name = method.code() + (taxStyle ? "-tax" : "-books") + ".beancount";
        JournalTools.assertBeanCheckAccepts(
            JournalTools.file(
                dir, name, BeancountJournal.of(JournalSample.input(method, taxStyle))));
      }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(
        value = LotMethod.class,
        names = {"FIFO", "LIFO", "HIFO"})
    void itsBalancesAreTallysHoldingsCostBasisAndGains(LotMethod method) {
      JournalTools.assumeOnPath("bean-query", "beancount");

      assertAgreesWithTally(JournalSample.input(method, true), "sample " + method.code());
    }

    @Test
    void withWithdrawalsAsDisposalsItsGainsIncludeTheWithdrawals() {
      JournalTools.assumeOnPath("bean-check", "beancount");
      JournalTools.assumeOnPath("bean-query", "beancount");
      JournalInput input = withdrawalsRealize(JournalSample.input(LotMethod.FIFO, true));

      String journal = BeancountJournal.of(input);
      JournalTools.assertBeanCheckAccepts(JournalTools.file(dir, "realize.beancount", journal));

      // W1 withdrew 0.2 XBT of B1 (cost 3,203.20) when XBT was 97,000: 19,400 of proceeds.
      assertThat(journal)
          .contains("  Assets:Kraken:XBT  -0.2 XBT {2023-01-10, \"B1\"} @@ 19400.00000000 USD\n")
          .contains("  Income:Gains:Long  -16196.80000000 USD\n");
      assertAgreesWithTally(input, "sample withdrawals realize");
    }

    @Test
    void anEmptyHistoryIsAJournalBeancountAccepts() {
      JournalTools.assumeOnPath("bean-check", "beancount");
      JournalInput input =
          JournalInput.of(
              JournalSample.rules(LotMethod.FIFO, true),
              JournalSample.prices(),
              List.of(),
              JournalSample.GENERATED);

      JournalTools.assertBeanCheckAccepts(
          JournalTools.file(dir, "empty.beancount", BeancountJournal.of(input)));
    }

    @Test
    void withFeesApartItsGainsAndTradeFeesAreTheBooksTradingPnl() {
      JournalTools.assumeOnPath("bean-query", "beancount");
      JournalInput input = JournalSample.input(LotMethod.FIFO, false);

      List<Balance> balances =
          JournalTools.beanBalances(
              JournalTools.file(dir, "books.beancount", BeancountJournal.of(input)));

      BigDecimal gainsAndFees =
          sum(balances, "Income:Gains").add(sum(balances, "Expenses:Fees:Trade"));
      assertThat(sum(balances, "Expenses:Fees:Trade")).isPositive();
      assertThat(gainsAndFees.negate()).isEqualByComparingTo(TallyFigures.of(input).tradingPnl());
    }

    /**
     * Seeded random histories (Seeds.events(seed) events each), a method per seed, tax-style fees
     * for the first three and the books' for the others.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void beancountAgreesWithTallyOnRandomHistories(long seed) {
      JournalTools.assumeOnPath("bean-check", "beancount");
      JournalTools.assumeOnPath("bean-query", "beancount");
      JournalInput input = randomInput(seed);

      String label = "seed " + seed + ", " + input.rules().method().code();
      Path file = JournalTools.file(dir, "seed-" + seed + ".beancount", BeancountJournal.of(input));
      JournalTools.assertBeanCheckAccepts(file);
      assertAgreesWithTally(input, label);
    }

    private void assertAgreesWithTally(JournalInput input, String label) {
      Path file =
          JournalTools.file(
              dir,
              "agree-" + label.replace(' ', '-').replace(",", "") + ".beancount",
              BeancountJournal.of(input));
      List<Balance> balances = JournalTools.beanBalances(file);
      TallyFigures tally = TallyFigures.of(input);

      Map<String, BigDecimal> units = new TreeMap<>();
      Map<String, BigDecimal> costs = new TreeMap<>();
      for (Balance balance : balances) {
        if (balance.account().startsWith("Assets:") && balance.units().signum() != 0) {
          units.merge(balance.currency(), balance.units(), BigDecimal::add);
          costs.merge(balance.currency(), balance.cost(), BigDecimal::add);
        }
      }
      assertThat(TallyFigures.plain(units))
          .as("%s: units held", label)
          .isEqualTo(TallyFigures.plain(tally.holdings()));
      tally
          .costs()
          .forEach(
              (symbol, cost) ->
                  assertThat(costs.get(symbol))
                      .as("%s: cost basis of %s", label, symbol)
                      .isCloseTo(cost, within(COST_TOLERANCE)));
      assertThat(sum(balances, "Equity:Clearing")).as("%s: clearing", label).isZero();
      assertThat(sum(balances, "Equity:Rounding").abs())
          .as("%s: rounding", label)
          .isLessThan(COST_TOLERANCE);
      // With tax-style fees these are the tax report's gains; with fees apart, the fold's.
      assertThat(sum(balances, "Income:Gains").negate())
          .as("%s: realized gains", label)
          .isEqualByComparingTo(tally.gains());
      if (tally.comparableWithBooks(input.rules())) {
        assertThat(sum(balances, "Income:Gains").add(sum(balances, "Expenses:Fees:Trade")).negate())
            .as("%s: the books' realized trading PnL", label)
            .isEqualByComparingTo(tally.tradingPnl());
      }
    }
  }

  static JournalInput randomInput(long seed) {
    GeneratedHistory history = HistoryGenerator.generate(seed, Seeds.events(seed));
    LotMethod method =
        List.of(LotMethod.FIFO, LotMethod.LIFO, LotMethod.HIFO).get((int) (seed % 3));
    TaxRules rules = TaxRules.defaults(Asset.USD).withMethod(method).withFeesInCostBasis(seed <= 3);
    return new JournalInput(
        rules,
        history.prices(),
        history.events(),
        history.prices().latest(),
        JournalSample.GENERATED);
  }

  static JournalInput withdrawalsRealize(JournalInput input) {
    return new JournalInput(
        input.rules().withWithdrawalsRealize(true),
        input.history(),
        input.events(),
        input.prices(),
        input.generated());
  }

  /** The base-currency balance of every account whose name starts with {@code prefix}. */
  static BigDecimal sum(List<Balance> balances, String prefix) {
    return balances.stream()
        .filter(balance -> balance.account().startsWith(prefix) && balance.currency().equals("USD"))
        .map(Balance::units)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }
}
