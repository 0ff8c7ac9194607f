package io.tally.report.journal;

import io.tally.money.Price;
import io.tally.report.journal.Posting.LotOpened;
import io.tally.report.journal.Posting.LotTaken;
import io.tally.report.journal.Posting.Priced;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;

/**
 * The history as a ledger-cli journal (Debian's ledger 3.3). The transactions are the beancount
 * journal's ({@link Journal}, {@link Account}), in ledger's syntax. Ledger does not choose lots
 * itself, so every lot posting names its lot and states its total explicitly: a lot opened is
 * {@code 1 XBT {{16016.00000000 USD}} [2023-01-10] (B1) (@@) 16016.00000000 USD}, and the slice a
 * disposal took is {@code -0.5 XBT {{8008.00000000 USD}} [2023-01-10] (B1) (@@) 30969.00000000
 * USD}: the slice's own cost as a total lot price (so ledger's basis is exactly Tally's, with no
 * unit cost to round), the lot's date and label, and the proceeds (the cost, when nothing is
 * realized). Ledger books the difference of the two as the gain that the {@code Income:Gains}
 * posting balances, and {@code ledger bal --basis} reports Tally's cost basis. The totals are
 * virtual ({@code (@@)}) so ledger does not take a cost, or proceeds net of fees, for a market
 * price: the prices are the {@code P} lines. A lot opened at zero cost states its zero total too,
 * which ledger otherwise reads as no cost at all. Ledger's arithmetic is exact, so it needs no
 * rounding postings.
 *
 * <p>In {@code ledger bal --lots}, the slices of a split lot show as lots of their own unit cost:
 * {@code bal} without {@code --lots} and {@code bal --basis} add them up.
 *
 * <p>Example: {@code LedgerJournal.write(input, Files.newBufferedWriter(path))} writes {@code
 * tally.ledger}; {@code LedgerJournal.of(input)} returns the same text. Stateless.
 */
public final class LedgerJournal {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private LedgerJournal() {}

  /** The journal of {@code input} as ledger text. */
  public static String of(JournalInput input) {
    Journal journal = Journal.of(input);
    StringBuilder text = new StringBuilder();
    journal.header("ledger").forEach(line -> text.append("; ").append(line).append('\n'));
    for (JournalEntry entry : journal.entries()) {
      text.append('\n');
      if (entry instanceof JournalEntry.Note note) {
        text.append("; ")
            .append(note.date())
            .append(' ')
            .append(note.event())
            .append(": ")
            .append(note.narration())
            .append('\n');
        continue;
      }
      JournalEntry.Transaction transaction = (JournalEntry.Transaction) entry;
      text.append(transaction.date())
          .append(" * (")
          .append(label(transaction.event().value()))
          .append(") ")
          .append(oneLine(transaction.narration()))
          .append('\n');
      text.append("    ; at: ").append(transaction.at()).append('\n');
      if (transaction.linked()) {
        text.append("    ; link: ").append(label(transaction.event().value())).append('\n');
      }
      transaction.postings().forEach(posting -> text.append(line(posting)).append('\n'));
    }
    if (!journal.prices().isEmpty()) {
      text.append('\n');
    }
    for (Price price : journal.prices()) {
      // Ledger reads a P line's time as local time; the date is the reporting zone's.
      text.append("P ")
          .append(journal.date(price.at()))
          .append(' ')
          .append(TIME.format(price.at().atZone(journal.rules().holding().zone())))
          .append(' ')
          .append(journal.commodity(price.asset()).ledgerSymbol())
          .append(' ')
          .append(Journal.number(price.value()))
          .append(' ')
          .append(journal.base().ledgerSymbol())
          .append('\n');
    }
    return text.toString();
  }

  /** Writes the journal of {@code input} to {@code out}, which it leaves open. */
  public static void write(JournalInput input, Writer out) {
    try {
      out.write(of(input));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the ledger journal", e);
    }
  }

  private static String line(Posting posting) {
    StringBuilder line =
        new StringBuilder("    ")
            .append(posting.account())
            .append("  ")
            .append(Journal.number(posting.quantity()))
            .append(' ')
            .append(posting.commodity().ledgerSymbol());
    if (posting instanceof Priced priced) {
      line.append(" (@@) ").append(money(priced.total(), priced.currency()));
    } else if (posting instanceof LotOpened lot) {
      line.append(lot(lot.cost(), lot.currency(), lot.acquired().toString(), lot.label().value()))
          .append(" (@@) ")
          .append(money(lot.cost(), lot.currency()));
    } else if (posting instanceof LotTaken slice) {
      line.append(
              lot(
                  slice.cost(),
                  slice.currency(),
                  slice.acquired().toString(),
                  slice.label().value()))
          .append(" (@@) ")
          .append(money(slice.proceeds(), slice.currency()));
    }
    return line.toString();
  }

  private static String lot(BigDecimal cost, Commodity currency, String date, String label) {
    return " {{" + money(cost, currency) + "}} [" + date + "] (" + label(label) + ")";
  }

  private static String money(BigDecimal value, Commodity currency) {
    return Journal.number(value) + " " + currency.ledgerSymbol();
  }

  /** An event id as a lot note or transaction code: ledger ends those at {@code )}. */
  private static String label(String id) {
    return id.replace('(', '_').replace(')', '_');
  }

  private static String oneLine(String text) {
    return text.replace('\n', ' ');
  }
}
