package io.tally.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code tally performance} for people: the headline figures of the JSON document, percentages with
 * two decimals, a figure that cannot be computed as {@code n/a} with its reason, and the
 * month-by-month returns.
 *
 * <p>Example: {@code PerformanceText.render(PerformanceJson.of(performance, USD, false))} starts
 * {@code Performance 2025-01-01 .. 2025-06-30 (UTC, 181 days, USD)}. Stateless.
 */
final class PerformanceText {

  private PerformanceText() {}

  @SuppressWarnings("unchecked")
  static String render(Map<String, Object> doc) {
    Map<String, Object> returns = (Map<String, Object>) doc.get("returns");
    Map<String, Object> risk = (Map<String, Object>) doc.get("risk");
    Map<String, Object> windows = (Map<String, Object>) doc.get("drawdown_windows");
    Map<String, Object> trades = (Map<String, Object>) doc.get("trades");
    Map<String, Object> benchmark = (Map<String, Object>) doc.get("benchmark");
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "Performance %s .. %s (%s, %s days, %s)%n%n",
            doc.get("from"),
            doc.get("to"),
            doc.get("timezone"),
            doc.get("observations"),
            doc.get("base_currency")));
    line(out, "Time-weighted return", percent(returns, "twr"));
    line(out, "Money-weighted return", percent(returns, "mwr"));
    line(out, "CAGR", percent(returns, "cagr"));
    line(out, "Total PnL", returns.get("total_pnl_base") + " " + doc.get("base_currency"));
    line(out, "Volatility (annual)", percent(risk, "volatility"));
    line(out, "Sharpe", number(risk, "sharpe"));
    line(out, "Sortino", number(risk, "sortino"));
    line(out, "Calmar", number(risk, "calmar"));
    line(
        out,
        "Max drawdown",
        percent(risk, "max_drawdown")
            + (risk.get("max_drawdown_peak") == null
                ? ""
                : " (peak "
                    + risk.get("max_drawdown_peak")
                    + ", trough "
                    + risk.get("max_drawdown_trough")
                    + ", recovered "
                    + (risk.get("max_drawdown_recovery") == null
                        ? "not yet"
                        : risk.get("max_drawdown_recovery"))
                    + ")"));
    line(out, "Current drawdown", percent(risk, "current_drawdown"));
    line(out, "Longest under water", risk.get("longest_underwater_days") + " days");
    line(
        out,
        "Drawdown today / week",
        percent(windows, "daily") + " / " + percent(windows, "weekly"));
    line(
        out,
        "Trade cycles",
        trades.get("count")
            + " ("
            + trades.get("wins")
            + " won, "
            + trades.get("losses")
            + " lost, "
            + trades.get("break_even")
            + " even), win rate "
            + percent(trades, "win_rate")
            + ", profit factor "
            + number(trades, "profit_factor"));
    line(
        out,
        "Benchmark " + benchmark.get("asset"),
        percent(benchmark, "return") + ", excess " + percent(benchmark, "excess_return"));
    out.append(String.format(Locale.ROOT, "%nMonth     Return%n"));
    for (Object item : (List<Object>) returns.get("by_month")) {
      Map<String, Object> month = (Map<String, Object>) item;
      out.append(
          String.format(Locale.ROOT, "%-9s %8s%n", month.get("period"), percent(month, "return")));
    }
    return out.toString();
  }

  private static void line(StringBuilder out, String label, String value) {
    out.append(String.format(Locale.ROOT, "%-24s %s%n", label, value));
  }

  private static String percent(Map<String, Object> doc, String name) {
    Object value = doc.get(name);
    if (value instanceof Number number) {
      return String.format(Locale.ROOT, "%.2f %%", number.doubleValue() * 100);
    }
    return unknown(doc, name);
  }

  private static String number(Map<String, Object> doc, String name) {
    Object value = doc.get(name);
    if (value instanceof Number number) {
      return String.format(Locale.ROOT, "%.2f", number.doubleValue());
    }
    return unknown(doc, name);
  }

  private static String unknown(Map<String, Object> doc, String name) {
    Object reason = doc.get(name + "_reason");
    return reason == null ? "n/a" : "n/a (" + reason + ")";
  }
}
