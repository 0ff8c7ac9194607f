package io.tally.books;

import static java.util.Objects.requireNonNull;

import io.tally.ledger.CashFlow;
import io.tally.ledger.InternalMove;
import io.tally.ledger.LedgerEvent;
import io.tally.ledger.MarginPnl;
import io.tally.ledger.PositionCarry;
import io.tally.ledger.PositionFill;
import io.tally.ledger.Trade;
import io.tally.ledger.Unclassified;
import io.tally.money.Amount;
import io.tally.money.Asset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The currency every cost basis and PnL figure is in, and why it was chosen: the configured one
 * ({@code portfolio.base_currency} or {@code --base}) when given; otherwise the currency the stored
 * prices were fetched in, so the books and their prices agree; otherwise the only fiat currency the
 * history holds (a European account that only ever held EUR reports in EUR); otherwise USD.
 *
 * <p>Example: {@code BaseCurrency.choose(Optional.empty(), Optional.empty(), events)} over a
 * history of EUR deposits and XBTEUR trades is {@code BaseCurrency[asset=EUR, choice=ONLY_FIAT,
 * fiat=[EUR]]}, described as "Base currency EUR: the only fiat currency in the history (set
 * portfolio.base_currency or --base to choose another)". Immutable.
 *
 * @param asset the base currency
 * @param choice why it is the base currency
 * @param fiat every fiat currency the history holds, in code order
 */
public record BaseCurrency(Asset asset, Choice choice, Set<Asset> fiat) {

  /** Why a currency is the base currency. */
  public enum Choice {
    /** Given by the configuration or a command's option. */
    CONFIGURED,
    /** Nothing was given and the store's prices were fetched in this currency. */
    PRICES,
    /** Nothing was given and the history holds exactly this one fiat currency. */
    ONLY_FIAT,
    /** Nothing was given and the history holds no fiat currency, or several: USD. */
    DEFAULT
  }

  public BaseCurrency {
    requireNonNull(asset, "asset");
    requireNonNull(choice, "choice");
    fiat = Set.copyOf(new TreeSet<>(fiat));
  }

  /**
   * The base currency of a history of {@code events}: {@code configured} when present, else the
   * currency the stored prices are in ({@code pricedIn}), else the only fiat currency the events
   * hold, else USD.
   */
  public static BaseCurrency choose(
      Optional<Asset> configured, Optional<Asset> pricedIn, List<LedgerEvent> events) {
    return choose(configured, pricedIn, fiatIn(events));
  }

  /** The same choice over the fiat currencies already known to be in the history. */
  public static BaseCurrency choose(
      Optional<Asset> configured, Optional<Asset> pricedIn, Collection<Asset> fiat) {
    requireNonNull(configured, "configured");
    requireNonNull(pricedIn, "pricedIn");
    Set<Asset> held = new TreeSet<>();
    for (Asset asset : fiat) {
      if (asset.isFiat()) {
        held.add(asset);
      }
    }
    if (configured.isPresent()) {
      return new BaseCurrency(configured.get(), Choice.CONFIGURED, held);
    }
    if (pricedIn.isPresent()) {
      return new BaseCurrency(pricedIn.get(), Choice.PRICES, held);
    }
    if (held.size() == 1) {
      return new BaseCurrency(held.iterator().next(), Choice.ONLY_FIAT, held);
    }
    return new BaseCurrency(Asset.USD, Choice.DEFAULT, held);
  }

  /** The fiat currencies any leg, amount or fee of {@code events} is in. */
  public static Set<Asset> fiatIn(List<LedgerEvent> events) {
    Set<Asset> fiat = new TreeSet<>();
    events.forEach(event -> addFiatOf(event, fiat));
    return fiat;
  }

  /** Adds to {@code fiat} the fiat currencies any leg, amount or fee of {@code event} is in. */
  public static void addFiatOf(LedgerEvent event, Set<Asset> fiat) {
    for (Amount amount : amountsOf(event)) {
      if (amount.asset().isFiat()) {
        fiat.add(amount.asset());
      }
    }
  }

  /** One line saying which currency the figures are in and why, for a report's first line. */
  public String describe() {
    String code = asset.code();
    return switch (choice) {
      case CONFIGURED -> "Base currency " + code + " (configured)";
      case PRICES ->
          "Base currency "
              + code
              + ": the currency the stored prices were fetched in (set portfolio.base_currency or"
              + " --base to choose another)";
      case ONLY_FIAT ->
          "Base currency "
              + code
              + ": the only fiat currency in the history (set portfolio.base_currency or --base to"
              + " choose another)";
      case DEFAULT ->
          fiat.isEmpty()
              ? "Base currency " + code + " (the default; the history holds no fiat currency)"
              : "Base currency "
                  + code
                  + " (the default; the history holds "
                  + String.join(", ", fiat.stream().map(Asset::code).sorted().toList())
                  + ": set portfolio.base_currency or --base to choose one)";
    };
  }

  private static List<Amount> amountsOf(LedgerEvent event) {
    if (event instanceof Trade trade) {
      List<Amount> amounts = new ArrayList<>(trade.sold());
      amounts.addAll(trade.bought());
      amounts.addAll(trade.fees());
      return amounts;
    }
    if (event instanceof CashFlow flow) {
      return List.of(flow.amount(), flow.fee());
    }
    if (event instanceof InternalMove move) {
      return List.of(move.amount(), move.fee());
    }
    if (event instanceof MarginPnl margin) {
      return List.of(margin.amount(), margin.fee());
    }
    if (event instanceof Unclassified unclassified) {
      return List.of(unclassified.amount(), unclassified.fee());
    }
    if (event instanceof PositionFill fill) {
      return List.of(fill.fee());
    }
    if (event instanceof PositionCarry carry) {
      return List.of(carry.fee());
    }
    throw new IllegalStateException("Unhandled " + event);
  }
}
