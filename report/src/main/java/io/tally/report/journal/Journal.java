package io.tally.report.journal;

import io.tally.books.DataIssue;
import io.tally.ledger.LedgerEvent;
import io.tally.money.Asset;
import io.tally.money.Price;
import io.tally.tax.Disposal;
import io.tally.tax.LotChange;
import io.tally.tax.LotMovement;
import io.tally.tax.TaxLots;
import io.tally.tax.TaxRules;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The whole history as journal entries, in replay order, before either format writes it: the walk
 * both {@link BeancountJournal} and {@link LedgerJournal} share. It replays the events through
 * {@link TaxLots} one at a time and turns what each event did to the lots (the lots it opened, the
 * slices it took, the disposals, movements and trade fees it listed) into one transaction, or two
 * linked ones (see {@link Account#CLEARING}), or a note when the event moves nothing.
 *
 * <p>Example: {@code Journal.of(input).entries()}. Immutable once built.
 */
final class Journal {

  private final JournalInput input;
  private final Commodity base;
  private final Map<Asset, Commodity> commodities = new HashMap<>();
  private final Map<String, Asset> bySymbol = new HashMap<>();
  private final List<JournalEntry> entries = new ArrayList<>();
  private final List<DataIssue> issues;

  private Journal(JournalInput input) {
    this.input = input;
    this.base = commodity(input.rules().base());
    TaxLots lots = new TaxLots(input.rules(), input.history());
    List<LedgerEvent> ordered = new ArrayList<>(input.events());
    ordered.sort(LedgerEvent.ORDER);
    for (LedgerEvent event : ordered) {
      int changes = lots.changes().size();
      int disposals = lots.disposals().size();
      int movements = lots.movements().size();
      BigDecimal fees = lots.tradeFees();
      lots.apply(event);
      Step step =
          new Step(
              List.copyOf(lots.changes().subList(changes, lots.changes().size())),
              List.copyOf(lots.disposals().subList(disposals, lots.disposals().size())),
              List.copyOf(lots.movements().subList(movements, lots.movements().size())),
              lots.tradeFees().subtract(fees));
      entries.addAll(new EventEntries(this, event, step).entries());
    }
    this.issues = List.copyOf(lots.issues());
    input.prices().forEach(price -> commodity(price.asset()));
  }

  /** The journal of {@code input}. */
  static Journal of(JournalInput input) {
    return new Journal(input);
  }

  /** What one event did to the lots. */
  record Step(
      List<LotChange> changes,
      List<Disposal> disposals,
      List<LotMovement> movements,
      BigDecimal tradeFees) {}

  /** The rules the lots were kept by. */
  TaxRules rules() {
    return input.rules();
  }

  /** The base currency's commodity. */
  Commodity base() {
    return base;
  }

  /** Every entry, in replay order. */
  List<JournalEntry> entries() {
    return List.copyOf(entries);
  }

  /** The data issues the replay met (missing prices and acquisitions). */
  List<DataIssue> issues() {
    return issues;
  }

  /** The price points to write, in time order, then by asset; the base currency's left out. */
  List<Price> prices() {
    return input.prices().stream()
        .filter(price -> !price.asset().equals(input.rules().base()))
        .sorted(Comparator.comparing(Price::at).thenComparing(Price::asset))
        .toList();
  }

  /** The date of the first entry, when the journal opens its accounts. */
  LocalDate opened() {
    return entries.isEmpty() ? date(input.generated()) : entries.get(0).date();
  }

  /** The accounts the transactions post to, by name. */
  SortedSet<Account> accounts() {
    SortedSet<Account> accounts = new TreeSet<>();
    for (JournalEntry entry : entries) {
      if (entry instanceof JournalEntry.Transaction transaction) {
        transaction.postings().forEach(posting -> accounts.add(posting.account()));
      }
    }
    return accounts;
  }

  /** The date of a moment in the reporting time zone. */
  LocalDate date(Instant at) {
    return input.rules().holding().date(at);
  }

  /**
   * The commodity of {@code asset}; refuses a second asset that maps to the same symbol.
   *
   * @throws IllegalArgumentException when two assets of the history share a symbol
   */
  Commodity commodity(Asset asset) {
    Commodity known = commodities.get(asset);
    if (known != null) {
      return known;
    }
    Commodity commodity = Commodity.of(asset);
    Asset other = bySymbol.putIfAbsent(commodity.symbol(), asset);
    if (other != null && !other.equals(asset)) {
      throw new IllegalArgumentException(
          "Assets " + other + " and " + asset + " would both be commodity " + commodity.symbol());
    }
    commodities.put(asset, commodity);
    return commodity;
  }

  /** The lines of the header comment both formats write, without the comment marker. */
  List<String> header(String format) {
    TaxRules rules = input.rules();
    List<String> lines = new ArrayList<>();
    lines.add(
        "Tally journal (" + format + "): every event of the history, lots as Tally keeps them");
    lines.add("generated: " + input.generated());
    lines.add("base currency: " + rules.base());
    lines.add(
        "lot method: "
            + rules.method().code()
            + " (each disposal names the lots it takes; the tool's own booking chooses none)");
    lines.add(
        rules.feesInCostBasis()
            ? "fees: in cost basis and proceeds (tax style): realized gains (Income:Gains) equal"
                + " Tally's tax report"
            : "fees: apart, as expenses (the books' default): realized gains (Income:Gains) plus"
                + " Expenses:Fees:Trade equal the books' realized trading PnL");
    lines.add(
        rules.withdrawalsRealize()
            ? "withdrawals: disposals at market value"
            : "withdrawals: not disposals; the units leave with their cost");
    lines.add("reporting time zone: " + rules.holding().zone());
    lines.add("events: " + input.events().size() + ", data issues: " + issues.size());
    for (DataIssue issue : issues) {
      lines.add(
          "  "
              + issue.kind().code()
              + " "
              + issue.event()
              + " "
              + issue.asset()
              + ": "
              + issue.detail());
    }
    return lines;
  }

  /** A number as both formats write it: every digit Tally has, never in exponent form. */
  static String number(BigDecimal value) {
    return value.toPlainString();
  }
}
