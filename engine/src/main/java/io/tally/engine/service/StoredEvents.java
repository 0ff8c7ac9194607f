package io.tally.engine.service;

import static java.util.Objects.requireNonNull;

import io.tally.books.BookConfig;
import io.tally.books.TradePnl;
import io.tally.engine.TradePnlLookup;
import io.tally.ledger.CashFlow;
import io.tally.ledger.EventId;
import io.tally.ledger.EventText;
import io.tally.ledger.LedgerEvent;
import io.tally.ledger.Trade;
import io.tally.money.Asset;
import io.tally.money.PairName;
import io.tally.money.Precision;
import io.tally.store.EventPosition;
import io.tally.store.EventRecord;
import io.tally.store.EventRevision;
import io.tally.store.PortfolioStore;
import io.tally.valuation.MarketPrices;
import io.tally.valuation.PriceSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The event log as the queries read it: pages back from the newest event, as the log stood after
 * one import (so a list answers from the same events as the books beside it, whatever was committed
 * since), into trades with what they realized and cash flows with their value.
 *
 * <p>Example: {@code new StoredEvents(store, bookConfig).trades(TradeQuery.newest(20), true,
 * view.tradePnls(), view.importId())} is the 20 newest trades with their PnL. Stateless beyond the
 * store it reads; thread-safe as the store is.
 */
final class StoredEvents {

  /** Sorts after every event id of an instant: an inclusive upper bound at that instant. */
  private static final String LAST_ID = "\uffff";

  private final PortfolioStore store;
  private final BookConfig bookConfig;

  StoredEvents(PortfolioStore store, BookConfig bookConfig) {
    this.store = requireNonNull(store, "store");
    this.bookConfig = requireNonNull(bookConfig, "bookConfig");
  }

  /**
   * The trades {@code query} asks for, newest first, each with what it realized by {@code
   * tradePnls} (which must be those of the books of import {@code asOfImport}).
   */
  List<RealizedPnLRecord> trades(
      TradeQuery query, boolean includeManual, TradePnlLookup tradePnls, long asOfImport) {
    Optional<PairName> pair = query.pair().map(PairName::of);
    Predicate<LedgerEvent> matches =
        event ->
            event instanceof Trade trade
                && (includeManual || !trade.strategy().equals(Trade.MANUAL))
                && query.strategy().map(trade.strategy()::equals).orElse(true)
                && pair.map(name -> name.matches(trade.pair())).orElse(true);
    Optional<EventPosition> end = query.to().map(to -> new EventPosition(to, LAST_ID));
    List<Trade> trades = new ArrayList<>();
    for (LedgerEvent event : newestFirst(matches, query.limit(), end, query.from(), asOfImport)) {
      trades.add((Trade) event);
    }
    Map<EventId, TradePnl> pnls = tradePnls.find(trades);
    List<RealizedPnLRecord> records = new ArrayList<>();
    for (Trade trade : trades) {
      TradePnl pnl = pnls.get(trade.id());
      if (pnl == null) {
        throw new IllegalStateException("Trade " + trade.id() + " is not in the books");
      }
      records.add(new RealizedPnLRecord(trade, pnl));
    }
    return records;
  }

  /**
   * Deposits, withdrawals, rewards and adjustments, newest first, at most {@code limit}, of one
   * asset when given, each valued at its time with {@code prices} and noted from its ledger rows.
   */
  List<CashFlowRecord> cashFlows(
      Optional<Asset> asset, int limit, PriceSource prices, long asOfImport) {
    requireNonNull(asset, "asset");
    MarketPrices market = new MarketPrices(bookConfig.base(), bookConfig.kfeeUsd(), prices);
    List<CashFlow> found = new ArrayList<>();
    for (LedgerEvent event :
        newestFirst(
            e ->
                e instanceof CashFlow flow && asset.map(flow.amount().asset()::equals).orElse(true),
            limit,
            Optional.empty(),
            Optional.empty(),
            asOfImport)) {
      found.add((CashFlow) event);
    }
    Map<EventId, String> notes = FlowNotes.of(store, found);
    List<CashFlowRecord> flows = new ArrayList<>();
    for (CashFlow flow : found) {
      flows.add(
          new CashFlowRecord(
              flow,
              market
                  .value(flow.amount().asset(), flow.amount().value().abs(), flow.at())
                  .map(Precision::money),
              Optional.ofNullable(notes.get(flow.id()))));
    }
    return flows;
  }

  /**
   * Every event strictly before {@code moment} (stored times have nine digits, so before its first
   * nanosecond), as the log stood after import {@code asOfImport}, newest first.
   */
  List<LedgerEvent> before(Instant moment, long asOfImport) {
    return newestFirst(
        event -> true,
        Integer.MAX_VALUE,
        Optional.of(new EventPosition(moment.minusNanos(1), LAST_ID)),
        Optional.empty(),
        asOfImport);
  }

  /**
   * The newest events matching {@code matches}, at most {@code limit}, paging back through the log
   * from {@code start} (the end when empty) down to {@code since} (the beginning when empty) as it
   * was after import {@code asOfImport}.
   */
  private List<LedgerEvent> newestFirst(
      Predicate<LedgerEvent> matches,
      int limit,
      Optional<EventPosition> start,
      Optional<Instant> since,
      long asOfImport) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    List<LedgerEvent> found = new ArrayList<>();
    Optional<EventPosition> before = start;
    int page = (int) Math.min(10_000, Math.max(100, limit * 2L));
    while (found.size() < limit) {
      List<EventRecord> records = store.eventsBefore(before, page, asOfImport);
      for (EventRecord record : records) {
        if (since.isPresent() && record.at().isBefore(since.get())) {
          return found;
        }
        LedgerEvent event = EventText.parse(record.line());
        if (matches.test(event)) {
          found.add(event);
          if (found.size() == limit) {
            break;
          }
        }
      }
      if (records.size() < page) {
        break;
      }
      EventRecord last = records.get(records.size() - 1);
      before = Optional.of(new EventPosition(last.at(), last.eventId()));
    }
    return found;
  }

  /** The events first written by imports after {@code importId}: what a write brought. */
  List<LedgerEvent> firstWrittenAfter(long importId) {
    List<LedgerEvent> events = new ArrayList<>();
    for (EventRevision revision : store.revisionsSince(importId)) {
      if (revision.revision() == 1 && !revision.record().retracted()) {
        events.add(EventText.parse(revision.record().line()));
      }
    }
    return events;
  }
}
