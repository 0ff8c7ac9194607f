package io.tally.engine.paper;

import io.tally.engine.CommittedBatch;
import io.tally.engine.Mark;
import io.tally.ledger.EventText;
import io.tally.ledger.LedgerEvent;
import io.tally.margin.MarginPosition;
import io.tally.money.Pair;
import io.tally.store.CommittedImport;
import io.tally.store.EventRecord;
import io.tally.store.ImportBatch;
import io.tally.store.StoredPrice;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a paper account's store lacks, as one batch to commit: the ledger entries of the account's
 * events not yet written ({@link PaperAccount#takeLedgerEntries}); the market's last price of each
 * pair it holds, where it moved or was last written over {@link #PRICE_REFRESH} ago (what values
 * the open positions); and its order numbers ({@link PaperOrderNumbers}).
 *
 * <p>Example: {@code batches.next(account, market).ifPresent(next ->
 * service.refresh(next.committed(store.commitImport(next.batch()))))}. Not thread-safe: {@link
 * PaperDesk} calls it under its lock, in commit order.
 */
final class PaperBatches {

  /**
   * A batch to commit and the ledger entries its records were formatted from, which the books take
   * once it is committed instead of reading them back ({@link CommittedBatch}).
   *
   * @param batch what the store lacks
   * @param entries the batch's events, one per record, in the same order
   */
  record Batch(ImportBatch batch, List<LedgerEvent> entries) {

    Batch {
      entries = List.copyOf(entries);
    }

    /** This batch as {@code committed} wrote it. */
    CommittedBatch committed(CommittedImport committed) {
      return new CommittedBatch(committed, batch, entries);
    }
  }

  /** How often a held pair's price is written even when it did not move. */
  static final Duration PRICE_REFRESH = Duration.ofMinutes(1);

  private final Map<Pair, StoredPrice> pricesWritten = new HashMap<>();
  private String orderNumbersWritten;

  /** Batches for a store whose order numbers mark reads {@code orderNumbers}. */
  PaperBatches(PaperOrderNumbers orderNumbers) {
    this.orderNumbersWritten = orderNumbers.text();
  }

  /** The next batch, counted as written from here on; empty when the store lacks nothing. */
  Optional<Batch> next(PaperAccount account, MarketFeed market) {
    List<LedgerEvent> entries = account.takeLedgerEntries();
    List<EventRecord> records = new ArrayList<>(entries.size());
    for (LedgerEvent entry : entries) {
      records.add(EventRecord.of(entry.id().value(), entry.at(), EventText.format(entry)));
    }
    Map<Pair, StoredPrice> prices = prices(account, market);
    String orderNumbers = PaperOrderNumbers.of(account).text();
    pricesWritten.putAll(prices);
    if (records.isEmpty() && prices.isEmpty() && orderNumbers.equals(orderNumbersWritten)) {
      return Optional.empty();
    }
    orderNumbersWritten = orderNumbers;
    return Optional.of(
        new Batch(
            new ImportBatch(
                List.of(),
                records,
                List.copyOf(prices.values()),
                Map.of(
                    Mark.PRICES_BASE.key(),
                    account.collateral().code(),
                    Mark.PAPER_ORDERS.key(),
                    orderNumbers),
                "paper " + account.name() + ": " + entries.size() + " ledger entries"),
            entries));
  }

  /** The last price of each pair held that moved or is due again. */
  private Map<Pair, StoredPrice> prices(PaperAccount account, MarketFeed market) {
    Map<Pair, StoredPrice> prices = new HashMap<>();
    Instant now = account.now();
    for (MarginPosition position : account.openPositions()) {
      Optional<MarketQuote> quote = market.quote(position.pair(), now);
      if (quote.isEmpty()) {
        continue;
      }
      StoredPrice before = pricesWritten.get(position.pair());
      String last = quote.get().last().toPlainString();
      if (before != null
          && before.price().equals(last)
          && before.at().isAfter(now.minus(PRICE_REFRESH))) {
        continue;
      }
      prices.put(
          position.pair(),
          new StoredPrice(
              position.pair().base().code(), now, last, "paper:" + position.pair().name()));
    }
    return prices;
  }
}
