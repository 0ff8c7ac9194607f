package io.tally.report.journal;

import static java.util.Objects.requireNonNull;

import io.tally.ledger.EventId;
import io.tally.tax.HoldingTerm;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One line of a journal transaction. Every posting weighs something in one commodity: plain units
 * weigh themselves; priced units, lots opened and lots taken weigh their base-currency value or
 * cost. A transaction balances when its weights add up to zero in every commodity.
 *
 * <p>Example: {@code LotOpened(Assets:Kraken:XBT, XBT, 1, 16016.00000000, USD, 2023-01-10, B1)}.
 * Implementations are immutable records.
 */
sealed interface Posting
    permits Posting.Units, Posting.Priced, Posting.LotOpened, Posting.LotTaken {

  /** Where the posting goes. */
  Account account();

  /** What it moves. */
  Commodity commodity();

  /** How much it moves, signed. */
  BigDecimal quantity();

  /** The commodity it weighs in. */
  Commodity weighsIn();

  /** What it weighs, signed, in {@link #weighsIn()}. */
  BigDecimal weight();

  /**
   * Units without a cost: the base currency, KFEE credits, and the income, expense and equity
   * amounts. Example: {@code Units(Assets:Kraken:USD, USD, -16016)}.
   */
  record Units(Account account, Commodity commodity, BigDecimal quantity) implements Posting {
    public Units {
      requireNonNull(account, "account");
      requireNonNull(commodity, "commodity");
      requireNonNull(quantity, "quantity");
    }

    @Override
    public Commodity weighsIn() {
      return commodity;
    }

    @Override
    public BigDecimal weight() {
      return quantity;
    }
  }

  /**
   * Units without a cost exchanged at a value: a trade's fee paid in KFEE credits. Example: {@code
   * Priced(Assets:Kraken:KFEE, KFEE, -50, 0.50000000, USD)}.
   *
   * @param total the value of all the units, never negative
   */
  record Priced(
      Account account,
      Commodity commodity,
      BigDecimal quantity,
      BigDecimal total,
      Commodity currency)
      implements Posting {
    public Priced {
      requireNonNull(account, "account");
      requireNonNull(commodity, "commodity");
      requireNonNull(quantity, "quantity");
      requireNonNull(total, "total");
      requireNonNull(currency, "currency");
    }

    @Override
    public Commodity weighsIn() {
      return currency;
    }

    @Override
    public BigDecimal weight() {
      return quantity.signum() < 0 ? total.negate() : total;
    }
  }

  /**
   * A lot opened: units acquired at a total cost, dated and labelled by the event that acquired
   * them. Example: {@code LotOpened(Assets:Kraken:XBT, XBT, 1, 16016.00000000, USD, 2023-01-10,
   * B1)}.
   */
  record LotOpened(
      Account account,
      Commodity commodity,
      BigDecimal quantity,
      BigDecimal cost,
      Commodity currency,
      LocalDate acquired,
      EventId label)
      implements Posting {
    public LotOpened {
      requireNonNull(account, "account");
      requireNonNull(commodity, "commodity");
      requireNonNull(quantity, "quantity");
      requireNonNull(cost, "cost");
      requireNonNull(currency, "currency");
      requireNonNull(acquired, "acquired");
      requireNonNull(label, "label");
    }

    @Override
    public Commodity weighsIn() {
      return currency;
    }

    @Override
    public BigDecimal weight() {
      return cost;
    }
  }

  /**
   * The units taken from one lot, with the cost Tally took with them; when the taking realized a
   * gain (a disposal of the tax report), its proceeds and term. Example: {@code
   * LotTaken(Assets:Kraken:XBT, XBT, -0.5, 8008.00000000, USD, 2023-01-10, B1, true,
   * 30969.00000000, LONG)}.
   *
   * @param quantity negative
   * @param cost the cost the units took out of the lot, never negative
   * @param realized whether the taking is a disposal with a gain; when not, {@code proceeds} is the
   *     cost
   */
  record LotTaken(
      Account account,
      Commodity commodity,
      BigDecimal quantity,
      BigDecimal cost,
      Commodity currency,
      LocalDate acquired,
      EventId label,
      boolean realized,
      BigDecimal proceeds,
      HoldingTerm term)
      implements Posting {
    public LotTaken {
      requireNonNull(account, "account");
      requireNonNull(commodity, "commodity");
      requireNonNull(quantity, "quantity");
      requireNonNull(cost, "cost");
      requireNonNull(currency, "currency");
      requireNonNull(acquired, "acquired");
      requireNonNull(label, "label");
      requireNonNull(proceeds, "proceeds");
      requireNonNull(term, "term");
    }

    @Override
    public Commodity weighsIn() {
      return currency;
    }

    @Override
    public BigDecimal weight() {
      return cost.negate();
    }

    /** The realized gain: proceeds less cost; zero when nothing was realized. */
    BigDecimal gain() {
      return proceeds.subtract(cost);
    }
  }
}
