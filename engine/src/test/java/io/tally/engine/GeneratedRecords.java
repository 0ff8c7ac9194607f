package io.tally.engine;

import io.tally.ledger.EventText;
import io.tally.ledger.LedgerEvent;
import io.tally.money.Asset;
import io.tally.money.Price;
import io.tally.store.EventRecord;
import io.tally.store.ImportBatch;
import io.tally.store.PortfolioStore;
import io.tally.store.StoredPrice;
import io.tally.testing.GeneratedHistory;
import io.tally.testing.HistoryGenerator;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A generated history as a store keeps it, for the tests that commit one: each event as its record,
 * and the prices a sync would have stored at its events' moments.
 *
 * <p>Example: {@code new ImportBatch(List.of(), GeneratedRecords.events(chunk),
 * GeneratedRecords.prices(history, chunk, false), marks, "chunk")}. Stateless.
 */
public final class GeneratedRecords {

  private GeneratedRecords() {}

  /** Each event as the store's record of it. */
  static List<EventRecord> events(List<LedgerEvent> events) {
    return events.stream().map(GeneratedRecords::event).toList();
  }

  /** The store's record of {@code event}. */
  public static EventRecord event(LedgerEvent event) {
    return EventRecord.of(event.id().value(), event.at(), EventText.format(event));
  }

  /** Commits {@code event} alone, as an import of one event. */
  public static void commit(PortfolioStore store, LedgerEvent event) {
    store.commit(new ImportBatch(List.of(), List.of(event(event)), "test event " + event.id()));
  }

  /**
   * The price of every asset at each event's moment but every fifth or so (whose moments the books
   * then list as missing); with {@code again}, now and then a second price of the same asset and
   * moment from another source, which must win (it is written later).
   */
  static List<StoredPrice> prices(
      GeneratedHistory history, List<LedgerEvent> events, boolean again) {
    List<StoredPrice> prices = new ArrayList<>();
    for (LedgerEvent event : events) {
      if (Math.floorMod(event.id().value().hashCode(), 5) == 1) {
        continue;
      }
      for (Asset asset : HistoryGenerator.ASSETS) {
        Optional<Price> price = history.prices().price(asset, event.at());
        if (price.isEmpty()) {
          continue;
        }
        BigDecimal value = price.get().value();
        prices.add(new StoredPrice(asset.code(), event.at(), value.toPlainString(), "generator"));
        if (again && event.id().value().hashCode() % 7 == 0) {
          prices.add(
              new StoredPrice(
                  asset.code(),
                  event.at(),
                  value.add(BigDecimal.ONE).toPlainString(),
                  "generator:again"));
        }
      }
    }
    return prices;
  }
}
