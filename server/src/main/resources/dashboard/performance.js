/*
 * Tally dashboard: the performance panel (issue 11), drawn from GET /api/v1/portfolio/performance:
 * the headline metrics, the underwater chart, the monthly returns and the table by strategy.
 *
 * This file only draws. app.js fetches the document (at load, then once a minute: the server folds
 * the whole history to answer it) and hands it to render(). Rather than keep copies of app.js's DOM
 * helpers, the panel is made with them: window.TallyPerformance.create(ui) returns
 * {render(doc), underwaterPointCount()}, where ui is {el, td, fillTable, showNote, cssVar}.
 *
 * The document's conventions: amounts are decimal strings (formatted by TallyFormat, like every
 * other amount); statistics are JSON numbers, returns and drawdowns as fractions (0.055 is 5.5 %),
 * or null with a sibling "<name>_reason", which is shown where the number would be. Drawdowns come
 * as depths below the peak (0.039 is 3.9 % under it) and are shown, and charted, as negative
 * percentages: under water.
 */
(function () {
  "use strict";

  var F = window.TallyFormat;
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  var DAY_SECONDS = 86400;

  function create(ui) {
    var el = ui.el;
    var td = ui.td;
    var $ = function (id) { return document.getElementById(id); };
    var chart = null;
    var chartDays = []; // the daily rows drawn, aligned with the chart's data

    // ---- values --------------------------------------------------------------------------

    function isMissing(value) {
      return value === null || value === undefined;
    }

    /** Why a statistic is null: its "<name>_reason", else the object's own "reason" (drawdown_windows has one for all). */
    function reasonOf(source, name) {
      if (!source) return "not in the answer";
      return source[name + "_reason"] || source.reason || "not computed";
    }

    /** A depth below the peak (0.039) as the signed fraction it is shown as (-0.039). */
    function underwater(depth) {
      return isMissing(depth) || typeof depth !== "number" ? depth : -depth;
    }

    /** "pos", "neg" or null, by the sign of a statistic (a number) or an amount (a decimal string). */
    function numberClass(value) {
      var sign = isMissing(value) ? null : F.signOf(String(value));
      return sign === 1 ? "pos" : sign === -1 ? "neg" : null;
    }

    function days(count) {
      return isMissing(count) ? F.DASH : count + (count === 1 ? " day" : " days");
    }

    // ---- headline metrics ----------------------------------------------------------------

    /**
     * One headline figure, from source[name]: its text is format(value), coloured by sign when
     * colored; a null value shows a dash and, under it, the API's reason. detail is a line under
     * the value (dates, peaks) and hint the label's tooltip (what the figure means).
     */
    function figure(key, label, source, name, format, opts) {
      var o = opts || {};
      var value = source ? source[name] : undefined;
      var shown = o.transform ? o.transform(value) : value;
      var missing = isMissing(value);
      var text = missing ? F.DASH : format(shown);
      return el("div", { class: "metric", "data-metric": key },
        el("dt", { title: o.hint || null }, label),
        el("dd", null,
          el("span", { class: ["metric-value", "num", o.colored && !missing ? numberClass(shown) : null].filter(Boolean).join(" "),
            title: missing ? reasonOf(source, name) : String(value) },
          text, o.unit && !missing ? [" ", el("span", { class: "unit" }, o.unit)] : null),
          missing
            ? el("span", { class: "metric-sub metric-reason" }, reasonOf(source, name))
            : o.detail ? el("span", { class: "metric-sub" }, o.detail) : null));
    }

    function maxDrawdownDetail(risk) {
      if (!risk.max_drawdown_peak) return null;
      return "peak " + risk.max_drawdown_peak + ", trough " + risk.max_drawdown_trough + ", " +
        (risk.max_drawdown_recovery ? "recovered " + risk.max_drawdown_recovery : "not recovered yet");
    }

    /** "since 2026-12-03 00:00:00 UTC, peak 123,851.02 USD": what a live drawdown window is measured from. */
    function windowDetail(windows, name, unit) {
      var peak = windows[name + "_peak_base"];
      var since = windows[name + "_reset_at"];
      var parts = [];
      if (since) parts.push("since " + F.formatTime(since));
      if (!isMissing(peak)) parts.push("peak " + F.formatMoney(peak) + (unit ? " " + unit : ""));
      return parts.join(", ") || null;
    }

    function renderMetrics(doc) {
      var r = doc.returns || {};
      var risk = doc.risk || {};
      var w = doc.drawdown_windows || {};
      var unit = doc.base_currency || "";
      var list = $("performance-metrics");
      list.replaceChildren(
        figure("twr", "TWR", r, "twr", F.formatSignedFraction,
          { colored: true, hint: "time-weighted return over the range: deposits and withdrawals do not count" }),
        figure("mwr", "MWR", r, "mwr", F.formatSignedFraction,
          { colored: true, hint: "money-weighted return (XIRR), a yearly rate: deposits and withdrawals count" }),
        figure("cagr", "CAGR", r, "cagr", F.formatSignedFraction,
          { colored: true, hint: "the time-weighted return as a yearly rate" }),
        figure("total-pnl", "Total PnL", r, "total_pnl_base", F.formatSignedMoney,
          { colored: true, unit: unit, hint: "equity change over the range less net deposits" }),
        figure("volatility", "Volatility", risk, "volatility", F.formatFraction,
          { hint: "standard deviation of the daily returns, annualized" }),
        figure("sharpe", "Sharpe", risk, "sharpe", F.formatRatio, { hint: "annualized excess return over volatility" }),
        figure("sortino", "Sortino", risk, "sortino", F.formatRatio, { hint: "annualized excess return over downside deviation" }),
        figure("calmar", "Calmar", risk, "calmar", F.formatRatio, { hint: "CAGR over the maximum drawdown" }),
        figure("max-drawdown", "Max drawdown", risk, "max_drawdown", F.formatFraction,
          { colored: true, transform: underwater, detail: maxDrawdownDetail(risk), hint: "the deepest fall from a peak of the time-weighted index" }),
        figure("current-drawdown", "Current drawdown", risk, "current_drawdown", F.formatFraction,
          { colored: true, transform: underwater, hint: "how far the last day is below the peak before it" }),
        figure("longest-underwater", "Longest under water", risk, "longest_underwater_days", days,
          { hint: "the most days from a peak until it was regained (or until now)" }),
        figure("daily-drawdown", "Daily drawdown", w, "daily", F.formatFraction,
          { colored: true, transform: underwater, detail: windowDetail(w, "daily", unit), hint: "the live window: equity below today's peak" }),
        figure("weekly-drawdown", "Weekly drawdown", w, "weekly", F.formatFraction,
          { colored: true, transform: underwater, detail: windowDetail(w, "weekly", unit), hint: "the live window: equity below this week's peak" }),
        figure("total-drawdown", "Total drawdown", w, "total", F.formatFraction,
          { colored: true, transform: underwater, detail: windowDetail(w, "total", unit), hint: "the live window: equity below its highest" }));
    }

    // ---- monthly returns -------------------------------------------------------------------

    function returnCell(label, entry) {
      if (!entry) return td(label, "", "r blank");
      return td(label, el("span", { class: numberClass(entry.return), title: entry.period }, F.formatSignedFraction(entry.return)), "r");
    }

    function renderMonths(returns) {
      var grid = F.monthGrid(returns.by_month, returns.by_year);
      ui.fillTable("monthly-returns", grid.map(function (row) {
        var cells = row.months.map(function (entry, i) {
          var cell = returnCell(MONTHS[i], entry);
          if (entry) cell.setAttribute("data-period", entry.period);
          return cell;
        });
        return el("tr", { "data-year": row.year },
          el("th", { scope: "row", "data-label": "Year" }, row.year),
          cells,
          returnCell("Total", row.total));
      }));
    }

    // ---- by strategy -----------------------------------------------------------------------

    function amount(row, name, unit, signed) {
      var value = row[name];
      if (isMissing(value)) return el("span", { class: "muted", title: reasonOf(row, name) }, F.DASH);
      var cls = signed ? numberClass(value) : null;
      return [el("span", { class: cls, title: String(value) }, signed ? F.formatSignedMoney(value) : F.formatMoney(value)),
        unit ? [" ", el("span", { class: "unit" }, unit)] : null];
    }

    function renderStrategies(doc) {
      var unit = doc.base_currency || "";
      var rows = Array.isArray(doc.by_strategy) ? doc.by_strategy : [];
      var reasons = [];
      ui.fillTable("strategy-table", rows.map(function (s) {
        if (isMissing(s.unrealized_base) && s.unrealized_base_reason && reasons.indexOf(s.unrealized_base_reason) < 0) {
          reasons.push(s.unrealized_base_reason);
        }
        return el("tr", { "data-strategy": s.strategy },
          td("Strategy", el("span", { class: "strategy" }, s.strategy)),
          td("Realized", amount(s, "realized_base", unit, true), "r"),
          td("Unrealized", amount(s, "unrealized_base", unit, true), "r"),
          td("Fees", amount(s, "fees_base", unit, false), "r"),
          td("Trades", isMissing(s.trades) ? F.DASH : String(s.trades), "r"),
          td("PnL", amount(s, "pnl_base", unit, true), "r"),
          td("Contribution", isMissing(s.contribution)
            ? el("span", { class: "muted", title: reasonOf(s, "contribution") }, F.DASH)
            : el("span", { class: numberClass(s.contribution) }, F.formatSignedFraction(s.contribution)), "r"));
      }));
      // The same reason on every row (a strategy's unrealized PnL is unknown) is said once, under the table.
      var note = $("strategy-note");
      note.textContent = reasons.length ? "Unrealized " + F.DASH + ": " + reasons.join("; ") + "." : "";
      note.hidden = reasons.length === 0;
    }

    // ---- underwater chart ------------------------------------------------------------------

    function chartHeight() {
      return window.innerWidth < 700 ? 160 : 200;
    }

    /** Axis labels as percentages with as many decimals as the tick spacing needs: "-2%", "-2.5%", "-0.25%". */
    function axisPercent(u, splits, axisIdx, space, incr) {
      var step = incr * 100;
      var decimals = 0;
      while (decimals < 4 && Math.abs(Math.round(step * Math.pow(10, decimals)) - step * Math.pow(10, decimals)) > 1e-6) decimals++;
      return splits.map(function (v) { return v === null || v === undefined ? "" : (v * 100).toFixed(decimals) + "%"; });
    }

    function legendDay(idx) {
      if (idx === null || idx === undefined) idx = chartDays.length - 1;
      return idx >= 0 ? chartDays[idx] : null;
    }

    function createChart(container, zone) {
      var muted = ui.cssVar("--muted", "#5f6b78");
      var grid = ui.cssVar("--grid", "rgba(0,0,0,0.07)");
      var neg = ui.cssVar("--neg", "#c81e1e");
      var axis = { stroke: muted, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
      return new window.uPlot({
        width: Math.max(200, container.clientWidth),
        height: chartHeight(),
        // The days are dates in the reporting zone, drawn at their UTC midnight: show them as UTC.
        tzDate: function (ts) { return window.uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"); },
        cursor: { drag: { x: false, y: false, setScale: false } },
        legend: { live: true },
        scales: {
          x: { time: true },
          // 0 (at the peak) on top; at least 1 % of depth so a flat line still has room.
          y: { range: function (u, min) { return [Math.min(isFinite(min) ? min * 1.1 : 0, -0.01), 0]; } }
        },
        series: [
          {
            label: "Day" + (zone ? " (" + zone + ")" : ""),
            value: function (u, v, s, idx) { var d = legendDay(idx); return d ? d.date : F.DASH; }
          },
          {
            label: "Drawdown", stroke: neg, width: 1.5, fill: neg + "26", fillTo: 0, points: { show: false },
            value: function (u, v, s, idx) { var d = legendDay(idx); return d ? F.formatFraction(underwater(d.drawdown)) : F.DASH; }
          }
        ],
        axes: [Object.assign({}, axis), Object.assign({}, axis, { values: axisPercent, size: 56 })]
      }, [[], []], container);
    }

    function watchSize(wrap) {
      var resize = function () {
        if (!chart) return;
        var width = Math.max(200, Math.floor(wrap.clientWidth));
        var height = chartHeight();
        if (chart.width !== width || chart.height !== height) chart.setSize({ width: width, height: height });
      };
      if (window.ResizeObserver) new ResizeObserver(resize).observe(wrap);
      else window.addEventListener("resize", resize);
    }

    function renderUnderwater(doc) {
      var container = $("underwater-chart");
      chartDays = (Array.isArray(doc.daily) ? doc.daily : [])
        .map(function (d) { return { d: d, t: Date.parse(d.date + "T00:00:00Z") }; })
        .filter(function (e) { return !isNaN(e.t); })
        .sort(function (a, b) { return a.t - b.t; })
        .map(function (e) { return e.d; });
      $("underwater-empty").hidden = chartDays.length > 0;
      setKeyZone(doc.timezone);
      if (!window.uPlot) throw new Error("the chart library did not load");
      if (!chart) {
        chart = createChart(container, doc.timezone);
        watchSize(container.parentNode);
      }
      chart.setData([
        chartDays.map(function (d) { return Date.parse(d.date + "T00:00:00Z") / 1000; }),
        chartDays.map(function (d) { return typeof d.drawdown === "number" ? -d.drawdown : null; })
      ]);
      container.dataset.points = String(chartDays.length);
    }

    function setKeyZone(zone) {
      var node = $("underwater-zone");
      var text = zone ? " \u00b7 days in " + zone : "";
      if (node.textContent !== text) node.textContent = text;
    }

    // ---- the panel -----------------------------------------------------------------------

    /** "2026-09-04 to 2026-12-03 · 91 days · USD": the range the figures cover. */
    function renderRange(doc) {
      var text = doc.from ? doc.from + " to " + doc.to + " \u00b7 " + days(doc.observations) +
        (doc.base_currency ? " \u00b7 " + doc.base_currency : "") : "";
      var node = $("performance-range");
      if (node.textContent !== text) node.textContent = text;
    }

    /**
     * Draws the whole panel from one answer. {unmeasured: "why"} instead of an answer (app.js's,
     * when the server says there is no day to measure yet) empties it and says so.
     */
    function render(doc) {
      if (doc.unmeasured !== undefined) {
        renderRange({});
        $("performance-metrics").replaceChildren();
        ui.showNote("performance-metrics", "empty");
        document.querySelector('.empty-note[data-for="performance-metrics"]').title = doc.unmeasured; // the server's words
        ui.fillTable("monthly-returns", []);
        ui.fillTable("strategy-table", []);
        $("strategy-note").hidden = true;
        renderUnderwater({ daily: [] });
        return;
      }
      ui.showNote("performance-metrics", null);
      renderRange(doc);
      renderMetrics(doc);
      renderMonths(doc.returns || {});
      renderStrategies(doc);
      renderUnderwater(doc);
    }

    return {
      render: render,
      /** Number of days in the underwater chart (0 before the first answer). */
      underwaterPointCount: function () { return chart ? chart.data[0].length : 0; }
    };
  }

  window.TallyPerformance = { create: create };
})();
