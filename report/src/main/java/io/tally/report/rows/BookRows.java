package io.tally.report.rows;

import io.tally.engine.performance.PerformanceJson;
import io.tally.engine.performance.PerformanceQuery;
import io.tally.engine.service.CashFlowRecord;
import io.tally.engine.service.ContractAnswers;
import io.tally.engine.service.ContractJson;
import io.tally.engine.service.PortfolioService;
import io.tally.engine.service.TradeQuery;
import io.tally.money.DisplayDecimals;
import io.tally.report.ReportType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the books keep, row by row and oldest first, with the API's names: the daily history
 * (equity, net flow, return, TWR index and drawdown of each day), the stored snapshots, every trade
 * with what it realized (manual ones too), the margin trade lifecycles and the cash flows, within a
 * range of days of the reporting time zone (both ends included). What {@code tally export}, the
 * {@code trades} and {@code flows} reports and their API answer.
 *
 * <p>Example: {@code BookRows.of(service, BookRows.Kind.TRADES, Optional.of(jan1),
 * Optional.empty())}. Stateless.
 */
public final class BookRows {

  /** What can be listed. */
  public enum Kind {
    /** The daily history. */
    HISTORY,
    /** The stored snapshots. */
    SNAPSHOTS,
    /** Every trade and what it realized. */
    TRADES,
    /** The margin trade lifecycles (always all of them: a cycle spans days). */
    LIFECYCLE,
    /** The cash flows. */
    FLOWS;

    /** Parses a kind's lower-case name. */
    public static Kind parse(String text) {
      try {
        return valueOf(text.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "unknown export '"
                + text
                + "': expected history, snapshots, trades, lifecycle or flows",
            e);
      }
    }

    /**
     * What the report {@code type} lists: {@code trades} the trades, {@code flows} the flows.
     *
     * @throws IllegalArgumentException for a report that lists no rows
     */
    public static Kind listedBy(ReportType type) {
      switch (type) {
        case TRADES:
          return TRADES;
        case FLOWS:
          return FLOWS;
        default:
          throw new IllegalArgumentException("--type " + type.code() + " lists no rows");
      }
    }

    /** The lower-case name. */
    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private BookRows() {}

  /**
   * The rows of {@code kind} in the days {@code from} to {@code to} (each open when empty).
   *
   * @throws IllegalArgumentException for a range of {@code LIFECYCLE}, which has none
   */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> of(
      PortfolioService service, Kind kind, Optional<LocalDate> from, Optional<LocalDate> to) {
    ZoneId zone = service.config().performance().zone();
    Optional<Instant> start = from.map(day -> day.atStartOfDay(zone).toInstant());
    // The last microsecond of the last day: the ranges below include both ends.
    Optional<Instant> end =
        to.map(day -> day.plusDays(1).atStartOfDay(zone).toInstant().minusNanos(1_000));
    ContractAnswers answers = new ContractAnswers(service);
    switch (kind) {
      case HISTORY:
        return (List<Map<String, Object>>)
            PerformanceJson.of(
                    service.getPerformance(new PerformanceQuery(from, to, Optional.empty())),
                    service.config().portfolio().baseCurrency(),
                    true)
                .get("daily");
      case SNAPSHOTS:
        {
          List<Map<String, Object>> rows =
              oldestFirst(
                  (List<Map<String, Object>>)
                      answers.snapshots(start, Integer.MAX_VALUE).get("snapshots"));
          rows.removeIf(
              row ->
                  end.isPresent()
                      && Instant.parse((String) row.get("taken_at")).isAfter(end.get()));
          return rows;
        }
      case TRADES:
        return oldestFirst(
            (List<Map<String, Object>>)
                answers
                    .records(
                        new TradeQuery(
                            Optional.empty(),
                            Optional.empty(),
                            start,
                            end,
                            Integer.MAX_VALUE,
                            Optional.of(true)))
                    .get("records"));
      case LIFECYCLE:
        if (from.isPresent() || to.isPresent()) {
          throw new IllegalArgumentException(
              "--from/--to are not for lifecycle: a position cycle spans days; export them all");
        }
        return (List<Map<String, Object>>)
            answers.lifecycles(Optional.empty(), Optional.empty()).get("trades");
      case FLOWS:
        {
          DisplayDecimals display = service.displayDecimals();
          List<Map<String, Object>> rows = new ArrayList<>();
          for (CashFlowRecord record : service.getCashFlows(Optional.empty(), Integer.MAX_VALUE)) {
            Instant at = record.flow().at();
            if (start.map(at::isBefore).orElse(false) || end.map(at::isAfter).orElse(false)) {
              continue;
            }
            rows.add(ContractJson.cashFlow(record, display));
          }
          return oldestFirst(rows);
        }
    }
    throw new IllegalStateException("Unhandled " + kind);
  }

  /**
   * The JSON document of {@code rows}: {@code export} (the kind), {@code base_currency}, {@code
   * from} and {@code to} ({@code null} when open) and the {@code rows}.
   */
  public static Map<String, Object> document(
      PortfolioService service,
      Kind kind,
      Optional<LocalDate> from,
      Optional<LocalDate> to,
      List<Map<String, Object>> rows) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("export", kind.code());
    doc.put("base_currency", service.config().portfolio().baseCurrency().code());
    doc.put("from", from.map(Object::toString).orElse(null));
    doc.put("to", to.map(Object::toString).orElse(null));
    doc.put("rows", rows);
    return doc;
  }

  /** The rows in time order: the API lists newest first. */
  private static List<Map<String, Object>> oldestFirst(List<Map<String, Object>> newestFirst) {
    List<Map<String, Object>> rows = new ArrayList<>(newestFirst);
    Collections.reverse(rows);
    return rows;
  }
}
