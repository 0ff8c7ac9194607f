package io.tally.report.journal;

import io.tally.money.Price;
import io.tally.report.journal.Posting.LotOpened;
import io.tally.report.journal.Posting.LotTaken;
import io.tally.report.journal.Posting.Priced;
import io.tally.report.journal.Posting.Units;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * The history as a beancount journal (Debian's beancount 2.3.5: {@code bean-check} accepts it with
 * no error). Every event is a transaction ({@link EventEntries} says how each kind is written,
 * {@link Account} lists the accounts); every lot Tally keeps is a beancount lot at its total cost,
 * dated and labelled by the event that acquired it ({@code 1 XBT {{16016.00000000 USD, 2023-01-10,
 * "B1"}}}); every slice Tally took reduces exactly that lot, named by its date and label ({@code
 * -0.5 XBT {2023-01-10, "B1"} @@ 30969.00000000 USD}, the price being the proceeds when the slice
 * is a disposal), so beancount's {@code STRICT} booking never has to choose a lot and FIFO, LIFO
 * and HIFO all come out as Tally took them. Price points are {@code price} directives.
 *
 * <p>Rounding: beancount keeps a lot's cost as one unit cost, {@code total / units} to 28
 * significant digits, and takes {@code units × unit cost} from it; Tally takes a partial lot's cost
 * pro rata, rounded HALF_EVEN to 8 decimals, and the last slice takes what is left. The two differ
 * by a few units of the 9th decimal once a lot has been split. Each transaction posts that
 * difference, to 16 decimals, to {@code Equity:Rounding}, so every transaction balances exactly,
 * every other amount is Tally's own, and the gains are exactly Tally's; a lot's cost in beancount
 * then differs from Tally's by the sum of its roundings (well below 1e-6 of the base currency).
 *
 * <p>Example: {@code BeancountJournal.write(input, Files.newBufferedWriter(path))} writes {@code
 * tally.beancount}; {@code BeancountJournal.of(input)} returns the same text. Stateless.
 */
public final class BeancountJournal {

  /** Beancount's arithmetic: Python's default decimal context. */
  private static final MathContext PYTHON = new MathContext(28, RoundingMode.HALF_EVEN);

  /** Decimals of the rounding postings: far finer than beancount's tolerance of 5e-9. */
  private static final int ROUNDING_SCALE = 16;

  private BeancountJournal() {}

  /** The journal of {@code input} as beancount text. */
  public static String of(JournalInput input) {
    Journal journal = Journal.of(input);
    Map<String, BigDecimal> unitCosts = new HashMap<>();
    StringBuilder body = new StringBuilder();
    boolean rounded = false;
    for (JournalEntry entry : journal.entries()) {
      body.append('\n');
      if (entry instanceof JournalEntry.Note note) {
        body.append("; ")
            .append(note.date())
            .append(' ')
            .append(note.event())
            .append(": ")
            .append(note.narration())
            .append('\n');
        continue;
      }
      JournalEntry.Transaction transaction = (JournalEntry.Transaction) entry;
      List<Posting> postings = new ArrayList<>(transaction.postings());
      BigDecimal rounding = rounding(postings, unitCosts);
      if (rounding.signum() != 0) {
        postings.add(new Units(Account.ROUNDING, journal.base(), rounding));
        rounded = true;
      }
      body.append(transaction.date()).append(" * ").append(quoted(transaction.narration()));
      if (transaction.linked()) {
        body.append(" ^").append(link(transaction.event().value()));
      }
      body.append('\n');
      body.append("  event: ").append(quoted(transaction.event().value())).append('\n');
      body.append("  at: ").append(quoted(transaction.at().toString())).append('\n');
      postings.forEach(posting -> body.append(line(posting)).append('\n'));
    }

    StringBuilder text = new StringBuilder();
    journal.header("beancount").forEach(line -> text.append("; ").append(line).append('\n'));
    text.append("option \"title\" \"Tally journal\"\n");
    text.append("option \"operating_currency\" ")
        .append(quoted(journal.base().symbol()))
        .append('\n');
    text.append("option \"booking_method\" \"STRICT\"\n\n");
    SortedSet<Account> accounts = journal.accounts();
    if (rounded) {
      accounts.add(Account.ROUNDING);
    }
    for (Account account : accounts) {
      text.append(journal.opened()).append(" open ").append(account).append('\n');
    }
    text.append(body);
    List<Price> prices = journal.prices();
    if (!prices.isEmpty()) {
      text.append('\n');
    }
    for (Price price : prices) {
      text.append(journal.date(price.at()))
          .append(" price ")
          .append(journal.commodity(price.asset()).symbol())
          .append(' ')
          .append(Journal.number(price.value()))
          .append(' ')
          .append(journal.base().symbol())
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
      throw new UncheckedIOException("Could not write the beancount journal", e);
    }
  }

  /**
   * What balances the weights beancount computes for the lots against Tally's costs, to {@value
   * #ROUNDING_SCALE} decimals; remembers the unit cost of each lot opened.
   */
  private static BigDecimal rounding(List<Posting> postings, Map<String, BigDecimal> unitCosts) {
    BigDecimal difference = BigDecimal.ZERO;
    for (Posting posting : postings) {
      if (posting instanceof LotOpened lot) {
        BigDecimal unitCost = lot.cost().divide(lot.quantity(), PYTHON);
        unitCosts.put(key(lot.commodity(), lot.label().value()), unitCost);
        difference = difference.add(unitCost.multiply(lot.quantity(), PYTHON)).subtract(lot.cost());
      } else if (posting instanceof LotTaken slice) {
        BigDecimal unitCost = unitCosts.get(key(slice.commodity(), slice.label().value()));
        if (unitCost == null) {
          throw new IllegalStateException("No lot " + slice.label() + " open for " + slice);
        }
        difference = difference.add(unitCost.multiply(slice.quantity(), PYTHON)).add(slice.cost());
      }
    }
    BigDecimal rounding = difference.negate().setScale(ROUNDING_SCALE, RoundingMode.HALF_EVEN);
    return rounding.signum() == 0 ? BigDecimal.ZERO : rounding;
  }

  private static String key(Commodity commodity, String label) {
    return commodity.symbol() + " " + label;
  }

  private static String line(Posting posting) {
    StringBuilder line =
        new StringBuilder("  ")
            .append(posting.account())
            .append("  ")
            .append(Journal.number(posting.quantity()))
            .append(' ')
            .append(posting.commodity().symbol());
    if (posting instanceof Priced priced) {
      line.append(" @@ ").append(money(priced.total(), priced.currency()));
    } else if (posting instanceof LotOpened lot) {
      line.append(" {{")
          .append(money(lot.cost(), lot.currency()))
          .append(", ")
          .append(lot.acquired())
          .append(", ")
          .append(quoted(lot.label().value()))
          .append("}}");
    } else if (posting instanceof LotTaken slice) {
      line.append(" {")
          .append(slice.acquired())
          .append(", ")
          .append(quoted(slice.label().value()))
          .append('}');
      if (slice.realized()) {
        line.append(" @@ ").append(money(slice.proceeds(), slice.currency()));
      }
    }
    return line.toString();
  }

  private static String money(BigDecimal value, Commodity currency) {
    return Journal.number(value) + " " + currency.symbol();
  }

  private static String quoted(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ") + "\"";
  }

  /**
   * A link beancount accepts: letters, digits and {@code -_/.}; anything else becomes {@code _}.
   */
  private static String link(String id) {
    return id.replaceAll("[^A-Za-z0-9_/.-]", "_");
  }
}
