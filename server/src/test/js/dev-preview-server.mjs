// DEV PREVIEW TOOL, not part of Tally's server and not a test.
//
// Serves server/src/main/resources/dashboard/ plus canned JSON for every /api/v1 endpoint the
// dashboard reads, so the page can be looked at without the Java server:
//
//   node server/src/test/js/dev-preview-server.mjs [--port 8080] [--scenario normal|alert|empty|down]
//
//   normal  a healthy account: in sync, fresh prices, a few trades, deposits and one withdrawal
//   alert   stale prices, a failed last sync, drift on two assets, data issues, and the positions
//           endpoint answering 500 application/problem+json
//   empty   a fresh install: nothing held, no samples, no reconciliation yet
//   down    every API call answers 503 problem+json
//
// dashboard-contract.test.mjs imports createPreviewServer() to check the page's files and the
// canned documents; the canned documents follow the API contract the dashboard was written to.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
export const DASHBOARD_DIR = path.resolve(here, "../../main/resources/dashboard");

const CONTENT_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".svg": "image/svg+xml"
};

const NOW = Date.parse("2026-11-23T10:00:00Z");
const iso = (ms) => new Date(ms).toISOString().replace(".000Z", "Z");
const HOUR = 3600e3;
const DAY = 24 * HOUR;

function holding(asset, amount, price, value, pct, extra = {}) {
  return {
    asset, amount, cost_basis_base: extra.cost ?? value, avg_cost_base: extra.avg ?? price,
    price_base: price, price_at: iso(NOW - 30e3), value_base: value,
    unrealized_pnl_base: extra.unrealized ?? "0.00000000", realized_pnl_base: extra.realized ?? "0.00000000",
    source_pair: asset === "USD" ? null : `kraken:ticker:${asset}USD`, unvalued: false, stale: false,
    percentage_of_equity: pct, free: extra.free ?? amount, reserved: extra.reserved ?? "0", total: amount,
    reserved_as_of: iso(NOW - 60e3), ...extra.flags
  };
}

function normalHoldings() {
  return [
    holding("XBT", "0.5", "60000", "30000.00000000", "54.1234",
      { cost: "20000.00000000", avg: "40000.00000000", unrealized: "10000.00000000", free: "0.4", reserved: "0.1" }),
    holding("ETH", "4.25", "3000.5", "12752.12500000", "23.0066",
      { cost: "11000.00000000", avg: "2588.23529412", unrealized: "1752.12500000", realized: "-20.50000000" }),
    holding("SOL", "31.2", "150.25", "4687.80000000", "8.4573", { cost: "4100.00000000", avg: "131.41025641", unrealized: "587.80000000" }),
    holding("DOT", "120", null, null, null, { flags: { unvalued: true, value_base: null, price_base: null, price_at: null, unrealized_pnl_base: null } }),
    holding("USD", "7990.12345678", "1", "7990.12345678", "14.4127")
  ];
}

function equitySeries(range) {
  const spec = { "24h": [DAY, 15 * 60e3], "7d": [7 * DAY, HOUR], "30d": [30 * DAY, 4 * HOUR], all: [90 * DAY, DAY] }[range];
  const [span, step] = spec;
  const flows = [[NOW - 80 * DAY, 20000], [NOW - 20 * DAY, 5000], [NOW - 5 * DAY, 15000], [NOW - 9 * HOUR, -2500]];
  const points = [];
  for (let t = NOW - span; t <= NOW; t += step) {
    const cumulativeFlows = flows.filter(([at]) => at <= t).reduce((s, [, v]) => s + v, 0);
    if (cumulativeFlows === 0) continue;
    const pnl = 2000 * Math.sin((t - NOW) / (3 * DAY)) + 1500 * ((t - (NOW - 90 * DAY)) / (90 * DAY)) + 300 * Math.sin(t / (2 * HOUR));
    const marker = flows.some(([at]) => at > t - step && at <= t);
    points.push({
      at: iso(t), equity_base: (cumulativeFlows + pnl).toFixed(8), cash_base: (cumulativeFlows * 0.3).toFixed(8),
      cumulative_flows_base: cumulativeFlows.toFixed(8), cumulative_pnl_base: pnl.toFixed(8), flow_marker: marker
    });
  }
  return { range, points };
}

/** GET /portfolio/performance over 90 days: a wavy time-weighted index and the drawdowns under it. */
function performance() {
  const daily = [];
  let peak = 1;
  let index = 1;
  for (let i = 0; i <= 90; i++) {
    const date = iso(NOW - (90 - i) * DAY).slice(0, 10);
    const next = 1 + 0.0004 * i + 0.05 * Math.sin(i / 9);
    const ret = i === 0 ? 0 : next / index - 1;
    index = next;
    peak = Math.max(peak, index);
    daily.push({ date, equity_base: (40000 * index).toFixed(8), net_flow_base: i === 0 ? "40000.00000000" : "0",
      return: ret, twr_index: index, drawdown: 1 - index / peak });
  }
  const months = ["2026-08", "2026-09", "2026-10", "2026-11"].map((period, i) => ({ period, return: [0.031, -0.042, 0.0005, 0.0123][i] }));
  const reason = "positions are kept per pair, not per strategy tag";
  const strategy = (name, realized, fees, trades, contribution) => ({ strategy: name, realized_base: realized,
    unrealized_base: null, unrealized_base_reason: reason, fees_base: fees, trades, pnl_base: realized, contribution });
  return {
    base_currency: "USD", from: daily[0].date, to: daily[90].date, timezone: "UTC", observations: 91, daily,
    returns: { twr: index - 1, mwr: 0.0968, cagr: 0.1131, total_pnl_base: "2602.41578716",
      best_day: { date: daily[10].date, return: 0.009 }, worst_day: { date: daily[40].date, return: -0.0106 },
      by_week: [], by_month: months, by_quarter: [], by_year: [{ period: "2026", return: index - 1 }] },
    risk: { volatility: 0.3131, sharpe: 0.4992, sortino: 0.6805, calmar: null, calmar_reason: "no drawdown to divide by",
      recovery_factor: 0.1994, max_drawdown: Math.max(...daily.map((d) => d.drawdown)), max_drawdown_peak: daily[14].date,
      max_drawdown_trough: daily[42].date, max_drawdown_recovery: null, longest_underwater_days: 43, current_drawdown: daily[90].drawdown },
    drawdown_windows: { daily: 0.0119, weekly: 0.0192, total: daily[90].drawdown, daily_peak_base: "41851.01566968",
      weekly_peak_base: "42768.16255542", total_peak_base: "43341.08869972", daily_reset_at: iso(NOW - 10 * HOUR), weekly_reset_at: iso(NOW - 58 * HOUR) },
    trades: { count: 40, wins: 20, losses: 20 },
    by_strategy: [strategy("grid_v2", "3350.06302474", "4234.74538239", 863, 0.0274), strategy("manual", "-45.35213722", "53.84710878", 7, -0.00037)],
    by_asset: [],
    benchmark: { asset: "XBT", return: null, return_reason: "no price of XBT at the range's start" },
    rolling: { sharpe_30d: [], max_drawdown_90d: [] }
  };
}

const cashFlows = [
  { id: "LWD1", at: iso(NOW - 9 * HOUR), kind: "withdrawal", asset: "USD", amount: "-2500", fee: "5", value_base: "-2500.00000000" },
  { id: "LSTK", at: iso(NOW - 2 * DAY), kind: "reward", asset: "DOT", amount: "0.3412", fee: "0", value_base: null },
  { id: "LDP3", at: iso(NOW - 5 * DAY), kind: "deposit", asset: "USD", amount: "15000", fee: "0", value_base: "15000.00000000" },
  { id: "LDP2", at: iso(NOW - 20 * DAY), kind: "deposit", asset: "XBT", amount: "0.05", fee: "0.0001", value_base: "2500.00000000" },
  { id: "LDP1", at: iso(NOW - 80 * DAY), kind: "deposit", asset: "USD", amount: "20000", fee: "0", value_base: "20000.00000000" }
];

function normal() {
  const holdings = normalHoldings();
  return {
    portfolio: {
      base_currency: "USD", equity_base: "55430.04845678", cash_base: "7990.12345678",
      realized_pnl_base_total: "-20.5", unrealized_pnl_base_total: "12339.925",
      drift_flag: false, stale: false, as_of: iso(NOW), oldest_price_at: iso(NOW - 30e3),
      last_sync_at: iso(NOW), last_sync_error: null, holdings
    },
    allocation: { equity_base: "55430.04845678", assets: holdings },
    positions: {
      positions: [
        { pair: "XBTUSD", base_asset: "XBT", quote_asset: "USD", base_size: "0.5", avg_entry_price: "40000.000000000000",
          realized_pnl_base: "0.00000000", unrealized_pnl_base: "10000.00000000", fees_paid_base: "10.00000000", current_value_base: "30000.00000000", unvalued: false },
        { pair: "ETHUSD", base_asset: "ETH", quote_asset: "USD", base_size: "4.25", avg_entry_price: "2588.235294117647",
          realized_pnl_base: "-20.50000000", unrealized_pnl_base: "1752.12500000", fees_paid_base: "31.40000000", current_value_base: "12752.12500000", unvalued: false },
        { pair: "SOLETH", base_asset: "SOL", quote_asset: "ETH", base_size: "31.2", avg_entry_price: "0.043801",
          realized_pnl_base: "0.00000000", unrealized_pnl_base: "-12.20000000", fees_paid_base: "4.10000000", current_value_base: "4687.80000000", unvalued: false }
      ]
    },
    trades: {
      trades: [
        { trade_id: "TX4", time: iso(NOW - 40 * 60e3), pair: "ETHUSD", base_asset: "ETH", quote_asset: "USD", side: "sell", kind: "trade", pnl_base: "412.30000000", sold: [{ asset: "ETH", amount: "0.75" }],
          bought: [{ asset: "USD", amount: "2250.375" }], fees: [{ asset: "USD", amount: "5.85" }], price: "3000.5", strategy_tag: "mean_rev_v2", order_id: "O4" },
        { trade_id: "TX3", time: iso(NOW - 3 * HOUR), pair: "SOLETH", base_asset: "SOL", quote_asset: "ETH", side: "buy", kind: "trade", pnl_base: "-10.50000000", sold: [{ asset: "ETH", amount: "1.36659" }],
          bought: [{ asset: "SOL", amount: "31.2" }], fees: [{ asset: "ETH", amount: "0.0035" }], price: "0.043801", strategy_tag: null, order_id: "O3" },
        { trade_id: "TX2", time: iso(NOW - 26 * HOUR), pair: "ETHUSD", base_asset: "ETH", quote_asset: "USD", side: "buy", kind: "trade", pnl_base: "-26.40000000", sold: [{ asset: "USD", amount: "16500" }],
          bought: [{ asset: "ETH", amount: "6.375" }], fees: [{ asset: "USD", amount: "26.4" }], price: "2588.235294", strategy_tag: "trend_v1", order_id: "O2" },
        { trade_id: "TX1", time: iso(NOW - 4 * DAY), pair: "XBTUSD", base_asset: "XBT", quote_asset: "USD", side: "buy", kind: "trade", pnl_base: "-10.00000000", sold: [{ asset: "USD", amount: "18000" }],
          bought: [{ asset: "XBT", amount: "0.45" }], fees: [{ asset: "USD", amount: "10" }], price: "40000", strategy_tag: "trend_v1", order_id: "O1" }
      ]
    },
    cashFlows: { cash_flows: cashFlows },
    reconciliation: {
      checked_at: iso(NOW - 60e3), drift_flag: false, live_check: true, tolerance_base: "1.00",
      assets: ["XBT", "ETH", "SOL", "DOT", "USD"].map((asset) => ({ asset, internal: "1", exchange: "1", difference: "0", difference_base: "0.00000000" })),
      total_difference_base: "0.00000000", ledger_check: { ok: true, first_divergence: null }, drift_mode: "observe_only",
      baseline_at: iso(NOW - DAY), baseline_equity_base: "54100.00000000", exchange_equity_base: "55430.10000000",
      raw_drift_base: "-1130.10000000", explained_by_pnl_base: "1330.15000000", explained_by_flows_base: "-2500.00000000",
      adjusted_drift_base: "0.05154322", recent_flows: [cashFlows[0]], adjustments_booked: []
    },
    dataIssues: { data_issues: [] },
    margin: {
      base_currency: "USD", mode: "cross", equity_base: "55430.04845678", collateral_base: "55610.04845678",
      margin_used_base: "30000.00000000", free_margin_base: "25430.04845678", margin_level: "184.77",
      maintenance_margin_base: "15000.00000000", reserve_base: "5543.00484568", free_margin_after_reserve_base: "19887.04361110",
      positions: [
        { pair: "XBTUSD", quote_asset: "USD", size: "1.5", entry_price: "60000.000000000000", mark_price: "59880", price_decimals: 1,
          leverage: 3, notional_base: "90000.00000000", initial_margin_base: "30000.00000000", maintenance_margin_base: "15000.00000000",
          liquidation_price: "33726.631702146667", unrealized_pnl_base: "-180.00000000", realized_pnl_base: "0.00000000",
          fees_paid_base: "234.00000000", funding_paid_base: "18.00000000", unvalued: false }
      ]
    },
    performance: performance()
  };
}

function alert() {
  const docs = normal();
  const p = docs.portfolio;
  p.stale = true;
  p.oldest_price_at = iso(NOW - 26 * HOUR);
  p.drift_flag = true;
  p.last_sync_error = "Kraken answered EAPI:Rate limit exceeded";
  p.last_sync_at = iso(NOW - 6 * 60e3);
  p.holdings[1].stale = true;
  p.holdings[1].price_at = iso(NOW - 26 * HOUR);
  const r = docs.reconciliation;
  r.drift_flag = true;
  r.assets[0] = { asset: "XBT", internal: "0.5", exchange: "0.4998", difference: "-0.0002", difference_base: "-12.00000000" };
  r.assets[2] = { asset: "SOL", internal: "31.2", exchange: "31.5", difference: "0.3", difference_base: "45.07500000" };
  r.total_difference_base = "33.07500000";
  r.adjusted_drift_base = "33.07500000";
  r.ledger_check = { ok: false, first_divergence: { kind: "balance_mismatch", event: "L7", asset: "XBT", detail: "ledger balance 0.4998, replay 0.5" } };
  docs.dataIssues.data_issues = [
    { kind: "missing_price", event: "LSTK", asset: "DOT", detail: "No DOT price at or before 2026-11-21T10:00:00Z: the reward is unvalued." },
    { kind: "oversell", event: "L7", asset: "XBT", detail: "Sold 0.0002 more XBT than held; the excess has no cost basis." }
  ];
  docs.margin.margin_level = "104.12";
  docs.positions = { status: 500, problem: { type: "about:blank", title: "Internal Server Error", status: 500, detail: "positions: store is busy (SQLITE_BUSY), try again" } };
  return docs;
}

function empty() {
  return {
    portfolio: {
      base_currency: "USD", equity_base: "0", cash_base: "0", realized_pnl_base_total: "0", unrealized_pnl_base_total: "0",
      drift_flag: false, stale: false, as_of: iso(NOW), oldest_price_at: null, last_sync_at: null, last_sync_error: null, holdings: []
    },
    allocation: { equity_base: "0", assets: [] },
    positions: { positions: [] },
    trades: { trades: [] },
    cashFlows: { cash_flows: [] },
    reconciliation: {
      checked_at: null, drift_flag: null, live_check: false, tolerance_base: null, assets: [], total_difference_base: null,
      ledger_check: null, drift_mode: null, baseline_at: null, baseline_equity_base: null, exchange_equity_base: null,
      raw_drift_base: null, explained_by_pnl_base: null, explained_by_flows_base: null, adjusted_drift_base: null,
      recent_flows: [], adjustments_booked: []
    },
    dataIssues: { data_issues: [] },
    margin: {
      base_currency: "USD", mode: "cross", equity_base: "0", collateral_base: "0", margin_used_base: "0", free_margin_base: "0",
      margin_level: null, maintenance_margin_base: "0", reserve_base: "0", free_margin_after_reserve_base: "0", positions: []
    },
    // what the server answers when the history has no day yet
    performance: { status: 400, problem: { type: "about:blank", title: "Bad Request", status: 400, detail: "parameter 'to' no events up to 2026-11-23: nothing to measure" } },
    emptyEquity: true
  };
}

const ROUTES = {
  "/api/v1/portfolio": "portfolio",
  "/api/v1/portfolio/allocation": "allocation",
  "/api/v1/portfolio/positions": "positions",
  "/api/v1/portfolio/trades": "trades",
  "/api/v1/portfolio/cash-flows": "cashFlows",
  "/api/v1/portfolio/reconciliation": "reconciliation",
  "/api/v1/portfolio/data-issues": "dataIssues",
  "/api/v1/portfolio/margin": "margin",
  "/api/v1/portfolio/equity": "equity",
  "/api/v1/portfolio/performance": "performance"
};

export const SCENARIOS = { normal, alert, empty, down: normal };

/** Answers the dashboard's files and canned API documents; `requests` records every path asked for. */
export function createPreviewServer(scenario = "normal") {
  const docs = SCENARIOS[scenario]();
  const requests = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://preview");
    requests.push({ at: Date.now(), path: url.pathname + url.search });
    const send = (status, type, body, headers = {}) => {
      res.writeHead(status, { "Content-Type": type, "Cache-Control": "no-store", ...headers });
      res.end(body);
    };
    const problem = (status, title, detail) =>
      send(status, "application/problem+json", JSON.stringify({ type: "about:blank", title, status, detail }));

    if (url.pathname.startsWith("/api/")) {
      const key = ROUTES[url.pathname];
      if (!key) return problem(404, "Not Found", `no endpoint ${url.pathname}`);
      if (scenario === "down") return problem(503, "Service Unavailable", "the books are being rebuilt, try again shortly");
      let doc;
      if (key === "equity") {
        const range = url.searchParams.get("range") ?? "24h";
        if (!["24h", "7d", "30d", "all"].includes(range)) return problem(400, "Bad Request", `range must be 24h, 7d, 30d or all, not '${range}'`);
        doc = docs.emptyEquity ? { range, points: [] } : equitySeries(range);
      } else {
        doc = docs[key];
        const limit = url.searchParams.get("limit");
        if (limit && key === "trades") doc = { trades: doc.trades.slice(0, Number(limit)) };
        if (limit && key === "cashFlows") doc = { cash_flows: doc.cash_flows.slice(0, Number(limit)) };
      }
      if (doc && doc.problem) return send(doc.status, "application/problem+json", JSON.stringify(doc.problem));
      return send(200, "application/json", JSON.stringify(doc));
    }

    const relative = url.pathname === "/" ? "index.html" : decodeURIComponent(url.pathname.slice(1));
    const file = path.resolve(DASHBOARD_DIR, relative);
    if (!file.startsWith(DASHBOARD_DIR + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      return send(404, "text/plain; charset=utf-8", "not found");
    }
    const type = CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream";
    return send(200, type, fs.readFileSync(file), { "X-Content-Type-Options": "nosniff" });
  });
  return { server, requests };
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
// node --test also runs files under a test/ directory: do not start listening there.
if (isMain && !process.env.NODE_TEST_CONTEXT) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const scenario = arg("scenario", "normal");
  if (!SCENARIOS[scenario]) {
    console.error(`unknown scenario '${scenario}': one of ${Object.keys(SCENARIOS).join(", ")}`);
    process.exit(2);
  }
  const port = Number(arg("port", "8080"));
  const { server } = createPreviewServer(scenario);
  server.listen(port, "127.0.0.1", () => console.log(`dashboard preview (${scenario}) on http://127.0.0.1:${port}/`));
}
