/*
 * Tally dashboard: polls the JSON API every 2 seconds and renders one page.
 *
 * No framework and no build step: this file, format.js (TallyFormat), performance.js (the
 * performance panel, TallyPerformance, which this file feeds) and the vendored uPlot are loaded as
 * classic deferred scripts. Amounts stay decimal strings and are formatted by TallyFormat; only the
 * charts and the donut's geometry turn them into numbers. Every text that comes from the API goes
 * into the page through textContent, never as HTML.
 */
(function () {
  "use strict";

  var F = window.TallyFormat;
  var POLL_MS = 2000; // never faster: a poll starts at least this long after the previous one ended
  var TIMER_SLACK_MS = 40; // timers and request dispatch jitter by a few ms; aim a little late, never early
  var REQUEST_TIMEOUT_MS = 10000;
  var RANGES = ["24h", "7d", "30d", "all"];
  var DEFAULT_RANGE = "24h";
  // The performance answer folds the whole history on the server: asked at load, then once a
  // minute (sooner again after a failure), beside the 2 s poll and never holding it up.
  var PERFORMANCE_URL = "api/v1/portfolio/performance";
  var PERFORMANCE_MS = 60000;
  var PERFORMANCE_RETRY_MS = 10000;

  // Relative to the page, which the server serves at "/": "api/v1/portfolio" is "/api/v1/portfolio".
  var ENDPOINTS = {
    portfolio: "api/v1/portfolio",
    allocation: "api/v1/portfolio/allocation",
    positions: "api/v1/portfolio/positions",
    trades: "api/v1/portfolio/trades?limit=20",
    cashFlows: "api/v1/portfolio/cash-flows?limit=20",
    reconciliation: "api/v1/portfolio/reconciliation",
    dataIssues: "api/v1/portfolio/data-issues",
    margin: "api/v1/portfolio/margin"
  };
  var NAMES = {
    portfolio: "portfolio",
    allocation: "allocation",
    positions: "positions",
    trades: "trades",
    cashFlows: "cash flows",
    reconciliation: "reconciliation",
    dataIssues: "data issues",
    margin: "margin",
    equity: "equity history",
    performance: "performance"
  };
  var PALETTE = ["#2563eb", "#f59e0b", "#10b981", "#ef4444", "#8b5cf6", "#06b6d4", "#ec4899", "#84cc16", "#f97316", "#14b8a6"];
  var OTHER_COLOR = "#94a3b8";

  var state = {
    range: initialRange(),
    data: {}, // last good JSON per endpoint key
    text: {}, // last response text per endpoint key, to skip re-rendering what did not change
    errors: {}, // endpoint key -> message, while that endpoint fails
    loaded: false,
    chart: null,
    chartPoints: [], // the equity points drawn, aligned with the chart's data
    lastEnd: 0, // when the last poll finished
    performanceDueAt: 0, // when to ask for the performance again
    performanceInFlight: false,
    inFlight: false,
    timer: null
  };

  var $ = function (id) {
    return document.getElementById(id);
  };

  // ---- test hooks --------------------------------------------------------------------------

  /** Number of points in the equity chart (0 before the first sample). */
  window.tallyChartPointCount = function () {
    return state.chart ? state.chart.data[0].length : state.chartPoints.length;
  };
  /** Number of days in the performance panel's underwater chart (0 before the first answer). */
  window.tallyUnderwaterPointCount = function () {
    return performancePanel.underwaterPointCount();
  };
  /** Number of deposit/withdrawal markers drawn on the equity chart. */
  window.tallyChartFlowMarkerCount = function () {
    return state.chartPoints.filter(function (p) { return p.flow_marker === true; }).length;
  };

  // ---- fetching ----------------------------------------------------------------------------

  /** A failed request: the message to show and the HTTP status (undefined when none came). */
  function ApiError(message, status) {
    this.message = message;
    this.status = status;
  }

  /** GET a JSON document; rejects with an ApiError carrying the problem+json detail if any. */
  function fetchJson(url) {
    // A request that hangs would stop the polling: give up after a while and try again next time.
    var controller = typeof AbortController === "function" ? new AbortController() : null;
    var timedOut = false;
    var timer = controller ? setTimeout(function () { timedOut = true; controller.abort(); }, REQUEST_TIMEOUT_MS) : null;
    var done = function () { if (timer !== null) clearTimeout(timer); };
    return fetch(url, {
      headers: { Accept: "application/json" }, cache: "no-store", credentials: "same-origin",
      signal: controller ? controller.signal : undefined
    })
      .catch(function () {
        done();
        throw new ApiError(timedOut ? "no answer within " + REQUEST_TIMEOUT_MS / 1000 + " s" : "server unreachable");
      })
      .then(function (res) {
        return res.text().then(function (text) {
          if (!res.ok) {
            var message = "HTTP " + res.status + (res.statusText ? " " + res.statusText : "");
            try {
              var problem = JSON.parse(text);
              if (problem && (problem.detail || problem.title)) message = problem.detail || problem.title;
            } catch (ignored) {
              // not problem+json: keep the status line
            }
            throw new ApiError(message, res.status);
          }
          var json;
          try {
            json = JSON.parse(text);
          } catch (e) {
            throw new ApiError("the answer is not JSON");
          }
          return { text: text, json: json };
        });
      })
      .then(function (result) { done(); return result; }, function (error) {
        done();
        throw error instanceof ApiError ? error : new ApiError(timedOut ? "no answer within " + REQUEST_TIMEOUT_MS / 1000 + " s" : String(error));
      });
  }

  function equityUrl(range) {
    return "api/v1/portfolio/equity?range=" + encodeURIComponent(range);
  }

  /** Stores one endpoint's outcome; returns true when it brought new data to render. */
  function accept(key, outcome) {
    if (outcome.error) {
      state.errors[key] = outcome.error instanceof ApiError ? outcome.error.message : String(outcome.error);
      return false;
    }
    delete state.errors[key];
    if (state.text[key] === outcome.value.text) return false;
    state.text[key] = outcome.value.text;
    state.data[key] = outcome.value.json;
    return true;
  }

  function settle(promise) {
    return promise.then(
      function (value) { return { value: value }; },
      function (error) { return { error: error }; }
    );
  }

  function pollOnce() {
    var keys = Object.keys(ENDPOINTS);
    var range = state.range;
    var jobs = keys.map(function (key) { return settle(fetchJson(ENDPOINTS[key])); });
    jobs.push(settle(fetchJson(equityUrl(range))));
    if (Date.now() >= state.performanceDueAt) refreshPerformance();
    return Promise.all(jobs).then(function (outcomes) {
      var changed = {};
      keys.forEach(function (key, i) {
        if (accept(key, outcomes[i])) changed[key] = true;
      });
      if (range === state.range && acceptEquity(range, outcomes[keys.length])) changed.equity = true;
      delete state.errors.page;
      renderAll(changed);
    });
  }

  /** Asks for the performance on its own, so a slow answer never delays the live figures. */
  function refreshPerformance() {
    if (state.performanceInFlight) return;
    state.performanceInFlight = true;
    settle(fetchJson(PERFORMANCE_URL)).then(function (outcome) {
      state.performanceInFlight = false;
      state.performanceDueAt = Date.now() + (outcome.error ? PERFORMANCE_RETRY_MS : PERFORMANCE_MS);
      // Asked without a range, a 400 means the history has no day to measure yet (a fresh
      // install): the panel says so, it is not a failure to warn about.
      if (outcome.error && outcome.error.status === 400) {
        outcome = { value: { text: "400 " + outcome.error.message, json: { unmeasured: outcome.error.message } } };
      }
      var changed = {};
      if (accept("performance", outcome)) changed.performance = true;
      renderAll(changed);
    });
  }

  function acceptEquity(range, outcome) {
    var changed = accept("equity", outcome);
    if (!outcome.error) state.equityRange = range;
    return changed;
  }

  /**
   * One poll at a time, the next starting 2 s after the previous one finished: counted from the
   * end, so the server never sees two polls' requests closer than 2 s, even when the browser held
   * some of them back in its queue of connections.
   */
  function tick() {
    state.timer = null;
    if (state.inFlight) return;
    var since = Date.now() - state.lastEnd;
    if (document.hidden || since < POLL_MS) {
      schedule(document.hidden ? POLL_MS : POLL_MS - since + TIMER_SLACK_MS);
      return;
    }
    state.inFlight = true;
    pollOnce()
      .catch(function (e) {
        state.errors.page = "could not update the page: " + (e && e.message ? e.message : e);
        renderWarnings();
      })
      .then(function () {
        state.inFlight = false;
        state.lastEnd = Date.now();
        schedule(POLL_MS + TIMER_SLACK_MS);
      });
  }

  function schedule(delay) {
    if (state.timer !== null) clearTimeout(state.timer);
    state.timer = setTimeout(tick, delay);
  }

  // ---- range -------------------------------------------------------------------------------

  function initialRange() {
    var match = /[?&]range=([^&]+)/.exec(window.location.search);
    var wanted = match ? decodeURIComponent(match[1]) : DEFAULT_RANGE;
    return RANGES.indexOf(wanted) >= 0 ? wanted : DEFAULT_RANGE;
  }

  function renderRangeButtons() {
    RANGES.forEach(function (range) {
      var button = $("range-" + range);
      var active = range === state.range;
      button.classList.toggle("active", active);
      button.setAttribute("aria-pressed", active ? "true" : "false");
    });
  }

  function selectRange(range) {
    if (range === state.range) return;
    state.range = range;
    renderRangeButtons();
    try {
      var url = new URL(window.location.href);
      url.searchParams.set("range", range);
      window.history.replaceState(null, "", url.pathname + url.search + url.hash);
    } catch (ignored) {
      // the range still applies; it is just not kept in the address
    }
    // The user asked for another range: fetch that series now rather than at the next poll.
    settle(fetchJson(equityUrl(range))).then(function (outcome) {
      if (range !== state.range) return; // clicked again meanwhile
      var changed = {};
      if (acceptEquity(range, outcome)) changed.equity = true;
      renderAll(changed);
    });
  }

  // ---- DOM helpers -------------------------------------------------------------------------

  /** el("td", {class: "r", "data-label": "Value"}, "1.00", child...) */
  function el(tag, attrs) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (name) {
        var value = attrs[name];
        if (value === null || value === undefined || value === false) return;
        if (name === "class") node.className = value;
        else node.setAttribute(name, value === true ? "" : String(value));
      });
    }
    for (var i = 2; i < arguments.length; i++) append(node, arguments[i]);
    return node;
  }

  function append(node, child) {
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child)) {
      child.forEach(function (c) { append(node, c); });
    } else if (typeof child === "object" && child.nodeType) {
      node.appendChild(child);
    } else {
      node.appendChild(document.createTextNode(String(child)));
    }
  }

  function setText(id, text) {
    var node = $(id);
    if (node.textContent !== text) node.textContent = text;
  }

  function signClass(value) {
    var sign = F.signOf(value);
    return sign === 1 ? "pos" : sign === -1 ? "neg" : "";
  }

  function setSigned(node, value) {
    node.classList.remove("pos", "neg");
    var cls = signClass(value);
    if (cls) node.classList.add(cls);
  }

  function td(label, content, cls) {
    return el("td", { "data-label": label, class: cls || null }, content);
  }

  /**
   * "0.50000 XBT": an amount at the decimals the API gives for it (every digit when it gives none),
   * with its asset in a quieter span; the exact amount is the title.
   */
  function qty(amount, asset, places) {
    var text = F.formatAmount(amount, places);
    var exact = amount === null || amount === undefined ? null : String(amount);
    return [el("span", { title: exact !== text ? exact : null }, text),
      asset ? [" ", el("span", { class: "unit" }, asset)] : null];
  }

  /**
   * " (0.10000 in orders)" after a holding's amount when open orders hold part of it (the API's
   * reserved, at the holding's decimals); nothing when they hold none.
   */
  function inOrders(h) {
    if (F.signOf(h.reserved) !== 1) return null;
    var title = "held by open orders" + (h.reserved_as_of ? " at " + F.formatTime(h.reserved_as_of) : "") +
      (h.free !== undefined && h.free !== null ? "; free " + h.free : "");
    return el("span", { class: "in-orders", title: title },
      " (", F.formatAmount(h.reserved, h.amount_decimals), " in orders)");
  }

  function money(value, opts) {
    var text = opts && opts.signed ? F.formatSignedMoney(value) : F.formatMoney(value);
    var cls = opts && opts.colored ? signClass(value) : "";
    return el("span", { class: cls || null, title: value === null || value === undefined ? "unknown" : String(value) }, text);
  }

  function legs(list) {
    if (!Array.isArray(list) || list.length === 0) return F.DASH;
    var out = [];
    list.forEach(function (leg, i) {
      if (i > 0) out.push(" + ");
      out.push(qty(leg.amount, leg.asset, leg.amount_decimals));
    });
    return out;
  }

  function fillTable(tableId, rows) {
    var body = $(tableId).tBodies[0];
    var fragment = document.createDocumentFragment();
    rows.forEach(function (row) { fragment.appendChild(row); });
    body.replaceChildren(fragment);
    showNote(tableId, rows.length === 0 ? "empty" : null);
  }

  var SECTION_OF = {
    allocation: "allocation-table", positions: "positions-table", trades: "trades-table",
    cashFlows: "cash-flows-table", reconciliation: "reconciliation-table", dataIssues: "data-issues",
    performance: "performance-metrics"
  };

  /** The note under a table or list: "empty" shows its own text, "failed" says nothing came yet, null hides it. */
  function showNote(forId, kind) {
    var note = document.querySelector('.empty-note[data-for="' + forId + '"]');
    if (!note) return;
    if (note.dataset.emptyText === undefined) note.dataset.emptyText = note.textContent;
    note.textContent = kind === "failed" ? "Not loaded yet: see the warning above." : note.dataset.emptyText;
    note.hidden = kind === null;
  }

  function ccy() {
    var p = state.data.portfolio;
    return p && p.base_currency ? p.base_currency : "";
  }

  // ---- rendering ---------------------------------------------------------------------------

  var performancePanel = window.TallyPerformance.create({
    el: el, td: td, fillTable: fillTable, showNote: showNote, cssVar: cssVar
  });

  function renderAll(changed) {
    var renderers = {
      portfolio: renderPortfolio,
      allocation: renderAllocation,
      positions: renderPositions,
      trades: renderTrades,
      cashFlows: renderCashFlows,
      reconciliation: renderReconciliation,
      dataIssues: renderDataIssues,
      margin: renderMargin,
      equity: renderChart,
      performance: performancePanel.render
    };
    // The base currency labels amounts in every section: when it changes, redraw them all.
    var currency = ccy();
    if (currency !== state.renderedCurrency) {
      state.renderedCurrency = currency;
      Object.keys(renderers).forEach(function (key) {
        if (state.data[key] !== undefined) changed[key] = true;
      });
    }
    Object.keys(renderers).forEach(function (key) {
      if (!changed[key] || state.data[key] === undefined) return;
      try {
        renderers[key](state.data[key]);
        delete state.errors["render:" + key];
      } catch (e) {
        state.errors["render:" + key] = "could not display the " + NAMES[key] + ": " + (e && e.message ? e.message : e);
      }
    });
    renderDrift();
    renderAge();
    renderWarnings();
    renderPollStatus();
    if (!state.loaded && state.data.portfolio && !state.errors["render:portfolio"]) {
      state.loaded = true;
      document.body.dataset.loaded = "true";
    }
  }

  function renderPortfolio(p) {
    setText("equity", F.formatMoney(p.equity_base));
    setText("cash", F.formatMoney(p.cash_base));
    setText("realized", F.formatMoney(p.realized_pnl_base_total));
    setText("unrealized", F.formatMoney(p.unrealized_pnl_base_total));
    setSigned($("realized"), p.realized_pnl_base_total);
    setSigned($("unrealized"), p.unrealized_pnl_base_total);
    setText("base-currency", p.base_currency || F.DASH);
    Array.prototype.forEach.call(document.querySelectorAll(".ccy"), function (node) {
      if (node.textContent !== (p.base_currency || "")) node.textContent = p.base_currency || "";
    });
    var asOf = $("as-of");
    setText("as-of", F.formatTime(p.as_of));
    if (p.as_of) asOf.setAttribute("datetime", p.as_of);
    else asOf.removeAttribute("datetime");
    document.title = F.formatMoney(p.equity_base) + " " + (p.base_currency || "") + " \u00b7 Tally";
  }

  function renderAge() {
    var p = state.data.portfolio;
    setText("as-of-age", p && p.as_of ? "(" + F.formatAge(p.as_of) + ")" : "");
  }

  function renderPollStatus() {
    var node = $("poll-status");
    var stateName = state.errors.portfolio ? "error" : state.data.portfolio ? "live" : "connecting";
    node.dataset.state = stateName;
    node.textContent = stateName === "error"
      ? (state.errors.portfolio === "server unreachable" ? "offline, retrying" : "error, retrying")
      : stateName === "live" ? "live" : "connecting\u2026";
  }

  function renderWarnings() {
    var p = state.data.portfolio;

    var stale = $("stale-warning");
    if (p && p.stale === true) {
      var staleAssets = (p.holdings || []).filter(function (h) { return h.stale === true; }).map(function (h) { return h.asset; });
      stale.replaceChildren(
        el("strong", null, "Prices are stale."),
        " The oldest price in use is from ", F.formatTime(p.oldest_price_at),
        p.oldest_price_at ? " (" + F.formatAge(p.oldest_price_at) + ")" : "",
        staleAssets.length ? "; stale: " + staleAssets.join(", ") : "",
        ". Equity and unrealized PnL may be off."
      );
      stale.hidden = false;
    } else {
      stale.hidden = true;
      stale.replaceChildren();
    }

    var sync = $("sync-warning");
    if (p && p.last_sync_error !== null && p.last_sync_error !== undefined) {
      sync.replaceChildren(
        el("strong", null, "Last sync failed: "), String(p.last_sync_error),
        p.last_sync_at ? " (last sync " + F.formatTime(p.last_sync_at) + ", " + F.formatAge(p.last_sync_at) + ")" : ""
      );
      sync.hidden = false;
    } else {
      sync.hidden = true;
      sync.replaceChildren();
    }

    Object.keys(SECTION_OF).forEach(function (key) {
      if (state.data[key] === undefined) showNote(SECTION_OF[key], state.errors[key] ? "failed" : null);
    });

    var api = $("api-warning");
    var keys = Object.keys(state.errors);
    if (keys.length) {
      // One line per distinct message, naming the sections it hit ("server unreachable" for all of them).
      var byMessage = {};
      var order = [];
      keys.forEach(function (key) {
        var message = state.errors[key];
        var own = key.indexOf("render:") === 0 || key === "page";
        var group = own ? key : message;
        if (!byMessage[group]) {
          byMessage[group] = { message: message, own: own, names: [] };
          order.push(group);
        }
        if (!own) byMessage[group].names.push(NAMES[key] || key);
      });
      var anyData = Object.keys(state.data).length > 0;
      api.replaceChildren(
        el("strong", null, anyData ? "Could not update everything;" : "Could not load the dashboard's data."),
        anyData ? " showing the last figures received." : " Retrying every 2 s.",
        el("ul", null, order.map(function (group) {
          var entry = byMessage[group];
          return el("li", null, entry.own ? entry.message : entry.names.join(", ") + ": " + entry.message);
        }))
      );
      api.hidden = false;
    } else {
      api.hidden = true;
      api.replaceChildren();
    }
  }

  /** The badge: red "drift" if either the portfolio or the reconciliation says so. */
  function renderDrift() {
    var p = state.data.portfolio;
    var r = state.data.reconciliation;
    var checked = r && r.checked_at;
    // A comparison restored from before a restart vouches for nothing now: never "in sync".
    var stale = checked && r.reconciliation_status === "stale";
    var stateName;
    if ((p && p.drift_flag === true) || (checked && r.drift_flag === true)) stateName = "drift";
    else if (checked && r.drift_flag === false && !stale) stateName = "ok";
    else if (!r && p && p.drift_flag === false) stateName = "ok"; // reconciliation not loaded: trust the portfolio
    else stateName = "unknown";
    var badge = $("drift-status");
    badge.dataset.state = stateName;
    setText("drift-status", stateName === "drift" ? "drift" : stateName === "ok" ? "in sync" : stale ? "stale check" : "not checked");
    var title = "";
    if (checked) {
      title = "Unexplained drift " + F.formatSignedMoney(r.adjusted_drift_base) + " " + ccy() +
        " (tolerance " + F.formatMoney(r.tolerance_base) + "), checked " + F.formatTime(r.checked_at);
    }
    badge.title = title;
    setText("drift-detail", checked
      ? "unexplained " + F.formatSignedMoney(r.adjusted_drift_base) + " " + ccy() + " \u00b7 tolerance " + F.formatMoney(r.tolerance_base)
      : "");
  }

  function renderReconciliation(r) {
    var unit = ccy();
    var summary = $("reconciliation-summary");
    if (!r.checked_at) {
      summary.replaceChildren("No reconciliation yet.");
    } else {
      var parts = ["Checked ", F.formatTime(r.checked_at), " (", F.formatAge(r.checked_at), "); "];
      if (r.reconciliation_status === "stale") parts.push("restored from before the restart (stale); ");
      parts.push(r.live_check ? "against the exchange's balances" : "ledger only, no live balances");
      if (r.drift_mode) parts.push("; mode ", r.drift_mode.replace(/_/g, " "));
      if (r.ledger_check) {
        parts.push("; ledger check ");
        if (r.ledger_check.ok === true) parts.push("ok");
        else if (r.ledger_check.ok === false) {
          parts.push(el("span", { class: "neg" }, "failed" +
            (r.ledger_check.first_divergence ? ": " + describe(r.ledger_check.first_divergence) : "")));
        } else parts.push("not run");
      }
      if (r.baseline_at) {
        parts.push(". Baseline ", F.formatMoney(r.baseline_equity_base), " ", unit, " at ", F.formatTime(r.baseline_at));
        parts.push("; exchange equity ", F.formatMoney(r.exchange_equity_base), " ", unit);
      }
      var flows = Array.isArray(r.recent_flows) ? r.recent_flows.length : 0;
      var booked = Array.isArray(r.adjustments_booked) ? r.adjustments_booked.length : 0;
      if (flows) parts.push("; ", flows + (flows === 1 ? " flow" : " flows"), " since the baseline");
      if (booked) parts.push("; ", booked + (booked === 1 ? " adjustment" : " adjustments"), " booked");
      parts.push(".");
      summary.replaceChildren.apply(summary, parts);
    }

    [["raw-drift", r.raw_drift_base], ["explained-pnl", r.explained_by_pnl_base],
      ["explained-flows", r.explained_by_flows_base], ["adjusted-drift", r.adjusted_drift_base],
      ["drift-tolerance", r.tolerance_base]].forEach(function (pair) {
      var node = $(pair[0]);
      var signed = pair[0] !== "drift-tolerance";
      var text = signed ? F.formatSignedMoney(pair[1]) : F.formatMoney(pair[1]);
      node.replaceChildren(text, pair[1] === null || pair[1] === undefined ? "" : " ",
        pair[1] === null || pair[1] === undefined ? "" : el("span", { class: "unit" }, unit));
      node.title = pair[1] === null || pair[1] === undefined ? "unknown" : String(pair[1]);
    });
    $("adjusted-drift").classList.toggle("neg", r.drift_flag === true);

    var differs = function (a) { return F.signOf(a.difference) !== 0 && F.signOf(a.difference) !== null; };
    var assets = (r.assets || []).filter(differs).concat((r.assets || []).filter(function (a) { return !differs(a); }));
    fillTable("reconciliation-table", assets.map(function (a) {
      var off = differs(a);
      return el("tr", { "data-asset": a.asset, class: off ? "diff" : null },
        td("Asset", [a.asset, off ? el("span", { class: "tag bad" }, "differs") : null]),
        td("Tally", F.formatQuantity(a.internal), "r"),
        td("Exchange", F.formatQuantity(a.exchange), "r"),
        td("Difference", el("span", { class: off ? "neg" : null }, F.formatQuantity(a.difference)), "r"),
        td("Diff. value", money(a.difference_base, { signed: true }), "r"));
    }));
  }

  /** first_divergence is a data issue ({kind, event, asset, detail}); show any other shape readably too. */
  function describe(value) {
    if (value === null || value === undefined) return "";
    if (typeof value !== "object") return String(value);
    if (value.kind || value.detail) {
      var where = [value.asset, value.event ? "event " + value.event : null].filter(Boolean).join(", ");
      return String(value.kind || "issue").replace(/_/g, " ") + (where ? " (" + where + ")" : "") + (value.detail ? ": " + value.detail : "");
    }
    return Object.keys(value).map(function (k) { return k + " " + value[k]; }).join(", ");
  }

  function renderAllocation(a) {
    var assets = Array.isArray(a.assets) ? a.assets : [];
    var colors = {};
    var colorIndex = 0;
    assets.forEach(function (h) {
      if (!h.unvalued && F.signOf(h.value_base) === 1) {
        colors[h.asset] = colorIndex < PALETTE.length ? PALETTE[colorIndex] : OTHER_COLOR;
        colorIndex++;
      }
    });
    drawDonut(assets, colors);
    fillTable("allocation-table", assets.map(function (h) {
      var title = [h.source_pair ? "price from " + h.source_pair : null, h.price_at ? "at " + F.formatTime(h.price_at) : null]
        .filter(Boolean).join(" ");
      return el("tr", { "data-asset": h.asset },
        td("Asset", [
          el("span", { class: "swatch", "aria-hidden": "true", "data-color": colors[h.asset] || "" }),
          el("span", { title: title || null }, h.asset),
          h.unvalued ? el("span", { class: "tag bad" }, "unvalued") : null,
          h.stale ? el("span", { class: "tag bad" }, "stale") : null
        ]),
        td("Amount", [qty(h.amount, null, h.amount_decimals), inOrders(h)], "r"),
        td("Value", h.unvalued ? F.DASH : money(h.value_base), "r"),
        td("% of equity", F.formatPercent(h.percentage_of_equity), "r"));
    }));
    // Swatches take the donut's colours (set through the style object, which a CSP allows).
    Array.prototype.forEach.call($("allocation-table").querySelectorAll(".swatch"), function (node) {
      node.style.background = node.dataset.color || "transparent";
      if (!node.dataset.color) node.style.boxShadow = "inset 0 0 0 1px " + OTHER_COLOR;
    });
  }

  var SVG_NS = "http://www.w3.org/2000/svg";

  function svg(tag, attrs) {
    var node = document.createElementNS(SVG_NS, tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, String(attrs[name])); });
    for (var i = 2; i < arguments.length; i++) append(node, arguments[i]);
    return node;
  }

  /** A ring of arcs, one per valued asset, drawn with dashed circle strokes. */
  function drawDonut(assets, colors) {
    var root = $("allocation-donut");
    var cx = 60, cy = 60, radius = 46, width = 18;
    var circumference = 2 * Math.PI * radius;
    var slices = assets.filter(function (h) { return colors[h.asset]; })
      .map(function (h) { return { asset: h.asset, value: Number(h.value_base), pct: h.percentage_of_equity, color: colors[h.asset] }; })
      .filter(function (s) { return isFinite(s.value) && s.value > 0; });
    var total = slices.reduce(function (sum, s) { return sum + s.value; }, 0);
    var nodes = [svg("circle", { cx: cx, cy: cy, r: radius, fill: "none", stroke: "currentColor", "stroke-opacity": 0.12, "stroke-width": width })];
    var gap = slices.length > 1 ? 1.2 : 0;
    var offset = 0;
    slices.forEach(function (s) {
      var length = (s.value / total) * circumference;
      var drawn = Math.max(0.01, length - gap);
      nodes.push(svg("circle", {
        cx: cx, cy: cy, r: radius, fill: "none", stroke: s.color, "stroke-width": width,
        "stroke-dasharray": drawn + " " + (circumference - drawn),
        "stroke-dashoffset": -offset,
        transform: "rotate(-90 " + cx + " " + cy + ")",
        "data-asset": s.asset
      }, svg("title", {}, s.asset + " " + F.formatPercent(s.pct))));
      offset += length;
    });
    var count = assets.length;
    nodes.push(svg("text", { x: cx, y: cy - 3, "text-anchor": "middle", class: "center-value" }, String(count)));
    nodes.push(svg("text", { x: cx, y: cy + 10, "text-anchor": "middle", class: "center-label" }, count === 1 ? "asset" : "assets"));
    root.replaceChildren.apply(root, nodes);
    root.setAttribute("aria-label", "Allocation by value: " + slices.map(function (s) {
      return s.asset + " " + F.formatPercent(s.pct);
    }).join(", "));
  }

  function renderPositions(data) {
    var unit = ccy();
    fillTable("positions-table", (data.positions || []).map(function (p) {
      return el("tr", { "data-pair": p.pair },
        td("Pair", [p.pair, p.unvalued ? el("span", { class: "tag bad" }, "unvalued") : null]),
        td("Size", qty(p.base_size, p.base_asset, p.amount_decimals), "r"),
        td("Avg entry", qty(p.avg_entry_price, p.quote_asset, p.price_decimals), "r"),
        td("Value", p.unvalued ? F.DASH : money(p.current_value_base), "r"),
        td("Unrealized", money(p.unrealized_pnl_base, { colored: true }), "r"),
        td("Realized", money(p.realized_pnl_base, { colored: true }), "r"),
        td("Fees", [money(p.fees_paid_base), unit ? [" ", el("span", { class: "unit" }, unit)] : null], "r"));
    }));
    renderNonPair(data);
  }

  var MARGIN_BANDS = {
    ok: "at or above 200 %",
    call: "margin call: below 200 %",
    risk: "liquidation risk: below 150 %",
    critical: "critical: below 110 %"
  };

  /**
   * The margin card: equity, margin used, free margin and the margin level coloured by its alert
   * band, and each open margin position with its liquidation price; hidden without positions.
   */
  function renderMargin(m) {
    var positions = m.positions || [];
    $("margin").hidden = positions.length === 0;
    if (positions.length === 0) return;
    setText("margin-mode", m.mode ? m.mode + " margin" : "");
    setText("margin-equity", F.formatMoney(m.equity_base));
    setText("margin-used", F.formatMoney(m.margin_used_base));
    setText("margin-free", F.formatMoney(m.free_margin_base));
    setSigned($("margin-free"), m.free_margin_base);
    var level = $("margin-level");
    setText("margin-level", F.formatPercent(m.margin_level));
    var band = F.marginBand(m.margin_level) || "none";
    level.dataset.band = band;
    level.title = MARGIN_BANDS[band] || "no margin used";
    fillTable("margin-positions-table", positions.map(function (p) {
      var places = p.price_decimals;
      return el("tr", { "data-pair": p.pair },
        td("Pair", [p.pair, p.unvalued ? el("span", { class: "tag bad" }, "unvalued") : null]),
        td("Size", el("span", { class: signClass(p.size) || null }, qty(p.size, null, null)), "r"),
        td("Entry", qty(p.entry_price, p.quote_asset, places), "r"),
        td("Mark", qty(p.mark_price, p.quote_asset, places), "r"),
        td("Leverage", p.leverage === null || p.leverage === undefined ? F.DASH : p.leverage + "\u00d7", "r"),
        td("Liq. price", p.liquidation_price === null ? F.DASH : qty(p.liquidation_price, p.quote_asset, places), "r"),
        td("Unrealized", money(p.unrealized_pnl_base, { colored: true }), "r"));
    }));
  }

  /** Units no pair position holds (deposits, rewards, quote currencies): with the sizes above they are the holdings. */
  function renderNonPair(data) {
    var note = $("non-pair-note");
    var rows = data.non_pair_holdings || [];
    var decimals = {};
    var assets = (state.data.allocation && state.data.allocation.assets) || [];
    assets.forEach(function (a) { decimals[a.asset] = a.amount_decimals; });
    (data.positions || []).forEach(function (p) { decimals[p.base_asset] = p.amount_decimals; });
    var parts = [];
    rows.forEach(function (r, i) {
      parts.push(i ? ", " : null, el("span", { "data-asset": r.asset }, qty(r.non_pair_amount, r.asset, decimals[r.asset])));
    });
    note.replaceChildren(el("span", null, "Outside any pair position (deposits, rewards, quote currencies): ", parts));
    note.hidden = rows.length === 0;
  }

  function legsOf(list, asset, wanted) {
    return (list || []).filter(function (leg) { return (leg.asset === asset) === wanted; });
  }

  function renderTrades(data) {
    var unit = ccy();
    fillTable("trades-table", (data.trades || []).map(function (t) {
      var base = t.base_asset;
      var side = t.side || null;
      var size = side === "buy" ? legsOf(t.bought, base, true) : legsOf(t.sold, base, true);
      var total = side === "buy" ? legsOf(t.sold, base, false) : legsOf(t.bought, base, false);
      return el("tr", { "data-id": t.trade_id },
        td("Time", el("time", { datetime: t.time, title: t.trade_id ? "trade " + t.trade_id + (t.order_id ? ", order " + t.order_id : "") : null }, F.formatTime(t.time, false))),
        td("Pair", t.pair || F.DASH),
        td("Side", el("span", { class: side ? "side-" + side : null }, side || t.kind || F.DASH)),
        td("Size", legs(size), "r"),
        td("Price", qty(t.price, null, t.price_decimals), "r"),
        td("Total", legs(total), "r"),
        td("Fees", legs(t.fees), "r"),
        td("Realized", [money(t.pnl_base, { colored: true, signed: true }), unit ? [" ", el("span", { class: "unit" }, unit)] : null], "r"),
        td("Strategy", t.strategy_tag ? el("span", { class: "strategy" }, t.strategy_tag) : el("span", { class: "muted" }, "untagged")));
    }));
  }

  function renderCashFlows(data) {
    var unit = ccy();
    fillTable("cash-flows-table", (data.cash_flows || []).map(function (f) {
      var kindClass = f.kind === "deposit" ? "pos" : f.kind === "withdrawal" ? "neg" : null;
      var feeSign = F.signOf(f.fee);
      return el("tr", { "data-id": f.id, "data-kind": f.kind },
        td("Time", el("time", { datetime: f.at, title: f.id ? "ledger " + f.id : null }, F.formatTime(f.at, false))),
        td("Kind", el("span", { class: kindClass }, f.kind)),
        td("Amount", qty(f.amount, f.asset, f.amount_decimals), "r"),
        td("Fee", feeSign === 0 || feeSign === null ? F.DASH : qty(f.fee, f.asset, f.amount_decimals), "r"),
        td("Value", f.value_base === null || f.value_base === undefined
          ? el("span", { class: "muted", title: "no price known at that time" }, "unknown")
          : [money(f.value_base), unit ? [" ", el("span", { class: "unit" }, unit)] : null], "r"));
    }));
  }

  function renderDataIssues(data) {
    var issues = data.data_issues || [];
    var list = $("data-issues");
    list.replaceChildren.apply(list, issues.map(function (i) {
      var where = [i.asset, i.event ? "event " + i.event : null].filter(Boolean).join(" \u00b7 ");
      return el("li", { "data-kind": i.kind },
        el("span", { class: "kind" }, (i.kind || "issue").replace(/_/g, " ")),
        where ? [" \u00b7 ", where] : null,
        i.detail ? el("span", { class: "detail" }, i.detail) : null);
    }));
    showNote("data-issues", issues.length === 0 ? "empty" : null);
  }

  // ---- equity chart ------------------------------------------------------------------------

  function cssVar(name, fallback) {
    var value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    return value || fallback;
  }

  function chartHeight() {
    return window.innerWidth < 700 ? 210 : 280;
  }

  /** The legend shows the point under the cursor, or the latest point when the cursor is elsewhere. */
  function legendPoint(idx) {
    if (idx === null || idx === undefined) idx = state.chartPoints.length - 1;
    return idx >= 0 ? state.chartPoints[idx] : null;
  }

  function pointValue(idx, field) {
    var p = legendPoint(idx);
    return p ? F.formatMoney(p[field]) : F.DASH;
  }

  function axisNumbers(u, splits, axisIdx, space, incr) {
    var decimals = incr > 0 && incr < 1 ? Math.min(8, Math.ceil(-Math.log10(incr) - 1e-9)) : 0;
    var format = new Intl.NumberFormat("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    return splits.map(function (v) { return v === null || v === undefined ? "" : format.format(v); });
  }

  function axisSize(u, values) {
    if (!values) return 48;
    var longest = values.reduce(function (m, v) { return Math.max(m, v ? String(v).length : 0); }, 0);
    return Math.max(48, Math.ceil(longest * 7.2) + 16);
  }

  /** Deposits and withdrawals: a dashed vertical line across the plot and a ringed dot on the equity line. */
  function drawFlowMarkers(u) {
    var points = state.chartPoints;
    if (!points.length) return;
    var ctx = u.ctx;
    var ratio = window.uPlot.pxRatio || 1;
    var color = cssVar("--marker", "#d97706");
    var top = u.bbox.top, bottom = u.bbox.top + u.bbox.height;
    ctx.save();
    ctx.strokeStyle = color;
    ctx.fillStyle = color;
    ctx.lineWidth = 1.5 * ratio;
    for (var i = 0; i < points.length; i++) {
      if (points[i].flow_marker !== true) continue;
      var x = Math.round(u.valToPos(u.data[0][i], "x", true));
      ctx.setLineDash([4 * ratio, 3 * ratio]);
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, bottom);
      ctx.stroke();
      ctx.setLineDash([]);
      // a small downward triangle at the top, like a flag
      ctx.beginPath();
      ctx.moveTo(x - 5 * ratio, top);
      ctx.lineTo(x + 5 * ratio, top);
      ctx.lineTo(x, top + 7 * ratio);
      ctx.closePath();
      ctx.fill();
      var y = u.data[1][i];
      if (y !== null && y !== undefined && isFinite(y)) {
        var py = u.valToPos(y, "y", true);
        ctx.beginPath();
        ctx.arc(x, py, 4.5 * ratio, 0, 2 * Math.PI);
        ctx.fill();
      }
    }
    ctx.restore();
  }

  function createChart(container) {
    var muted = cssVar("--muted", "#5f6b78");
    var grid = cssVar("--grid", "rgba(0,0,0,0.07)");
    var accent = cssVar("--accent", "#2563eb");
    var axis = { stroke: muted, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
    var options = {
      width: Math.max(200, container.clientWidth),
      height: chartHeight(),
      tzDate: function (ts) { return window.uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"); },
      cursor: { drag: { x: false, y: false, setScale: false } },
      legend: { live: true },
      scales: { x: { time: true } },
      series: [
        {
          label: "Time (UTC)",
          value: function (u, v, s, idx) {
            var p = legendPoint(idx);
            return p ? F.formatTime(p.at, false) : F.DASH;
          }
        },
        {
          label: "Equity", stroke: accent, width: 2, fill: accent + "14", points: { show: false },
          value: function (u, v, s, idx) { return pointValue(idx, "equity_base"); }
        },
        {
          label: "Net deposits", stroke: cssVar("--flows", "#7c3aed"), width: 1.5, dash: [6, 4], points: { show: false },
          value: function (u, v, s, idx) { return pointValue(idx, "cumulative_flows_base"); }
        },
        {
          label: "Cash", stroke: cssVar("--cash", "#0d9488"), width: 1, show: false, points: { show: false },
          value: function (u, v, s, idx) { return pointValue(idx, "cash_base"); }
        }
      ],
      axes: [
        Object.assign({}, axis),
        Object.assign({}, axis, { values: axisNumbers, size: axisSize })
      ],
      hooks: { draw: [drawFlowMarkers] }
    };
    return new window.uPlot(options, [[], [], [], []], container);
  }

  function toNumber(value) {
    if (value === null || value === undefined) return null;
    var n = Number(value);
    return isFinite(n) ? n : null;
  }

  function renderChart(data) {
    var container = $("equity-chart");
    var points = (Array.isArray(data.points) ? data.points : [])
      .map(function (p) { return { p: p, t: Date.parse(p.at) }; })
      .filter(function (e) { return !isNaN(e.t); });
    points.sort(function (a, b) { return a.t - b.t; }); // oldest first, as promised; made sure of
    state.chartPoints = points.map(function (e) { return e.p; });
    $("equity-empty").hidden = points.length > 0;
    if (!window.uPlot) {
      throw new Error("the chart library did not load");
    }
    if (!state.chart) {
      state.chart = createChart(container);
      watchSize();
    }
    state.chart.setData([
      points.map(function (e) { return e.t / 1000; }),
      points.map(function (e) { return toNumber(e.p.equity_base); }),
      points.map(function (e) { return toNumber(e.p.cumulative_flows_base); }),
      points.map(function (e) { return toNumber(e.p.cash_base); })
    ]);
    container.dataset.points = String(points.length);
    container.dataset.range = state.equityRange || state.range;
  }

  function watchSize() {
    var wrap = document.querySelector(".chart-wrap");
    var resize = function () {
      if (!state.chart) return;
      var width = Math.max(200, Math.floor(wrap.clientWidth));
      var height = chartHeight();
      if (state.chart.width !== width || state.chart.height !== height) state.chart.setSize({ width: width, height: height });
    };
    if (window.ResizeObserver) new ResizeObserver(resize).observe(wrap);
    else window.addEventListener("resize", resize);
  }

  // ---- start -------------------------------------------------------------------------------

  function start() {
    renderRangeButtons();
    RANGES.forEach(function (range) {
      $("range-" + range).addEventListener("click", function () { selectRange(range); });
    });
    document.addEventListener("visibilitychange", function () {
      if (!document.hidden && !state.inFlight) schedule(0); // tick() still keeps 2 s between polls
    });
    schedule(0);
  }

  start();
})();
