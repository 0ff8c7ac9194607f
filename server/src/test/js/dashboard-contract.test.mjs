// Static checks on the dashboard's files: what the page loads exists, the ids the browser test
// relies on are there, nothing is fetched from another host, and the vendored uPlot is the version
// scripts/vendor-js.sh pins. Run: node --test server/src/test/js/
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createPreviewServer, DASHBOARD_DIR } from "./dev-preview-server.mjs";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");
const read = (name) => fs.readFileSync(path.join(DASHBOARD_DIR, name), "utf8");
const html = read("index.html");

const STABLE_IDS = [
  "equity", "cash", "realized", "unrealized", "as-of", "drift-status", "stale-warning", "sync-warning",
  "equity-chart", "range-24h", "range-7d", "range-30d", "range-all",
  "allocation-table", "positions-table", "trades-table", "cash-flows-table", "data-issues",
  "performance-metrics", "underwater-chart", "monthly-returns", "strategy-table",
  "margin", "margin-equity", "margin-used", "margin-free", "margin-level", "margin-positions-table"
];

test("every id the browser test relies on is in index.html, once", () => {
  const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
  for (const id of STABLE_IDS) assert.equal(ids.filter((x) => x === id).length, 1, `id ${id}`);
  assert.equal(new Set(ids).size, ids.length, "duplicate ids");
});

test("everything index.html loads is a file beside it", () => {
  const refs = [...html.matchAll(/\s(?:src|href)="([^"]+)"/g)].map((m) => m[1])
    .filter((ref) => !ref.startsWith("#") && !ref.startsWith("data:"));
  assert.ok(refs.length >= 5);
  for (const ref of refs) {
    assert.doesNotMatch(ref, /^(?:[a-z]+:)?\/\//i, `${ref} must be relative: the page works offline`);
    assert.ok(fs.existsSync(path.join(DASHBOARD_DIR, ref)), `${ref} exists`);
  }
  assert.match(html, /<link rel="icon" href="data:,">/, "no favicon request");
});

test("the page's own scripts reach no other host", () => {
  for (const name of ["app.js", "performance.js", "format.js", "app.css", "index.html"]) {
    const urls = [...read(name).matchAll(/\bhttps?:\/\/[^\s"')]+/g)].map((m) => m[0])
      .filter((u) => u !== "http://www.w3.org/2000/svg");
    assert.deepEqual(urls, [], name);
  }
});

test("the vendored uPlot is the version scripts/vendor-js.sh pins, with its licence", () => {
  const script = fs.readFileSync(path.join(repoRoot, "scripts/vendor-js.sh"), "utf8");
  const version = /^UPLOT_VERSION=(\S+)$/m.exec(script)[1];
  assert.ok(read("vendor/uPlot.iife.min.js").startsWith(`/*! https://github.com/leeoniya/uPlot (v${version}) */`));
  assert.match(read("vendor/uPlot.min.css"), /\.uplot/);
  assert.match(read("vendor/uPlot.LICENSE"), /The MIT License/);
});

test("the preview server answers every endpoint the page requests", async () => {
  const { server } = createPreviewServer("normal");
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${server.address().port}/`;
  try {
    const app = read("app.js");
    const paths = [...app.matchAll(/"(api\/v1\/[^"]+)"/g)].map((m) => m[1].replace(/=$/, "=7d"));
    assert.ok(paths.length >= 8, `found ${paths.join(", ")}`);
    for (const p of paths) {
      const res = await fetch(base + p);
      assert.equal(res.status, 200, p);
      assert.match(res.headers.get("content-type"), /^application\/json/, p);
      await res.json();
    }
    const page = await fetch(base);
    assert.match(page.headers.get("content-type"), /^text\/html/);
    const bad = await fetch(base + "api/v1/portfolio/equity?range=1y");
    assert.equal(bad.status, 400);
    assert.match(bad.headers.get("content-type"), /^application\/problem\+json/);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
