package io.tally.engine.service;

import static java.util.Objects.requireNonNull;

import io.tally.engine.ingest.Ingest;
import io.tally.kraken.LedgerRow;
import io.tally.ledger.CashFlow;
import io.tally.ledger.EventId;
import io.tally.store.PortfolioStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The note of each cash flow (JSON {@code note}): what Kraken's ledger called the rows it came
 * from, or why Tally booked it. Found when asked, from the raw ledger rows the store keeps beside
 * the events (DESIGN.md decision 4), so the events' text, and every event stored before notes
 * existed, stay as they are.
 *
 * <ul>
 *   <li>A flow of Kraken ledger rows: each row's {@code subtype} when it has one, else its {@code
 *       type} ({@code deposit}, {@code staking}, {@code reward}, {@code airdrop}, {@code
 *       adjustment}, {@code delistingconversion}); several different ones joined by {@code +}. Rows
 *       of the flow's asset, from the refid its id starts with.
 *   <li>Flows Tally books itself: {@code opening balance} ({@code opening:…}), {@code balance gap}
 *       ({@code gap:…}), {@code reconciliation adjustment} ({@code reconcile:…}).
 *   <li>Anything else (no stored rows, such as an event written by a test or another tool): no
 *       note.
 * </ul>
 *
 * <p>Example: {@code FlowNotes.of(store, flows).get(EventId.of("STK1"))} is {@code staking}. One
 * store read per call, for all the flows. Stateless.
 */
final class FlowNotes {

  /** Why Tally booked a flow it made itself, by the start of the flow's id. */
  private static final Map<String, String> REASONS =
      Map.of(
          "opening:", "opening balance",
          "gap:", "balance gap",
          "reconcile:", "reconciliation adjustment");

  private FlowNotes() {}

  /** The notes of {@code flows} that have one, by event id. */
  static Map<EventId, String> of(PortfolioStore store, List<CashFlow> flows) {
    requireNonNull(store, "store");
    Map<EventId, String> notes = new HashMap<>();
    Set<String> refids = new LinkedHashSet<>();
    List<CashFlow> fromLedger = new ArrayList<>();
    for (CashFlow flow : flows) {
      String id = flow.id().value();
      String reason = null;
      for (Map.Entry<String, String> prefix : REASONS.entrySet()) {
        if (id.startsWith(prefix.getKey())) {
          reason = prefix.getValue();
        }
      }
      if (reason != null) {
        notes.put(flow.id(), reason);
      } else {
        refids.add(refid(id));
        fromLedger.add(flow);
      }
    }
    if (fromLedger.isEmpty()) {
      return notes;
    }
    Map<String, List<LedgerRow>> rowsByRefid = new HashMap<>();
    for (LedgerRow row : Ingest.ledgerRows(store.rowsInGroups(Ingest.LEDGERS, refids))) {
      if (!row.isPending()) {
        rowsByRefid.computeIfAbsent(row.refid(), k -> new ArrayList<>()).add(row);
      }
    }
    for (CashFlow flow : fromLedger) {
      List<LedgerRow> rows = rowsByRefid.getOrDefault(refid(flow.id().value()), List.of());
      List<LedgerRow> ofAsset =
          rows.stream().filter(r -> r.canonicalAsset().equals(flow.amount().asset())).toList();
      Set<String> names = new LinkedHashSet<>();
      for (LedgerRow row : ofAsset.isEmpty() ? rows : ofAsset) {
        names.add(row.subtype().isEmpty() ? row.type() : row.subtype());
      }
      names.remove("");
      if (!names.isEmpty()) {
        notes.put(flow.id(), String.join("+", names));
      }
    }
    return notes;
  }

  /**
   * The refid a classified event's id starts with: the classifier names events {@code refid},
   * {@code refid:2-reward}, {@code refid:XBT} or {@code refid:2-reward:XBT}.
   */
  private static String refid(String eventId) {
    int colon = eventId.indexOf(':');
    return colon < 0 ? eventId : eventId.substring(0, colon);
  }
}
