// Unit tests for the dashboard's string-based number formatting: node --test server/src/test/js/
import { test } from "node:test";
import assert from "node:assert/strict";
import fmt from "../../main/resources/dashboard/format.js";

test("money: 2 decimals, comma thousands separators, no currency", () => {
  assert.equal(fmt.formatMoney("25300.12345678"), "25,300.12");
  assert.equal(fmt.formatMoney("1000.00000000"), "1,000.00");
  assert.equal(fmt.formatMoney("-20.5"), "-20.50");
  assert.equal(fmt.formatMoney("4320.5"), "4,320.50");
  assert.equal(fmt.formatMoney("0"), "0.00");
  assert.equal(fmt.formatMoney("999"), "999.00");
  assert.equal(fmt.formatMoney("1234567890123456789.5"), "1,234,567,890,123,456,789.50"); // past 2^53
});

test("money rounds HALF_EVEN on the digits: an exact half goes to the even neighbour", () => {
  assert.equal(fmt.formatMoney("25300.125"), "25,300.12"); // ...2|5 -> 2 is even, stays
  assert.equal(fmt.formatMoney("25300.135"), "25,300.14"); // ...3|5 -> 3 is odd, up
  assert.equal(fmt.formatMoney("25300.1250000001"), "25,300.13"); // more than a half: up
  assert.equal(fmt.formatMoney("25300.12499999"), "25,300.12");
  assert.equal(fmt.formatMoney("1.005"), "1.00"); // a double would hold 1.00499999999999989...
  assert.equal(fmt.formatMoney("1.015"), "1.02");
  assert.equal(fmt.formatMoney("-2.345"), "-2.34");
  assert.equal(fmt.formatMoney("-2.355"), "-2.36");
});

test("money: rounding carries through nines and into a new thousands group", () => {
  assert.equal(fmt.formatMoney("999.995"), "1,000.00");
  assert.equal(fmt.formatMoney("999999.999"), "1,000,000.00");
  assert.equal(fmt.formatMoney("-0.999"), "-1.00");
});

test("money: a value that rounds to zero loses its sign", () => {
  assert.equal(fmt.formatMoney("-0.004"), "0.00");
  assert.equal(fmt.formatMoney("-0.005"), "0.00"); // half, 0 is even
  assert.equal(fmt.formatMoney("-0.00000000"), "0.00");
});

test("money: other spellings of a decimal", () => {
  assert.equal(fmt.formatMoney("+12"), "12.00");
  assert.equal(fmt.formatMoney(".5"), "0.50");
  assert.equal(fmt.formatMoney("007.1"), "7.10");
  assert.equal(fmt.formatMoney("1.2345E+3"), "1,234.50");
  assert.equal(fmt.formatMoney("5E-3"), "0.00"); // 0.005, half to even
  assert.equal(fmt.formatMoney("1.5e-2"), "0.02");
});

test("money: null is an em dash, garbage is shown as it came", () => {
  assert.equal(fmt.formatMoney(null), "\u2014");
  assert.equal(fmt.formatMoney(undefined), "\u2014");
  assert.equal(fmt.formatMoney("abc"), "abc");
  assert.equal(fmt.formatMoney("1,5"), "1,5");
});

test("roundDecimal has no grouping and any number of places", () => {
  assert.equal(fmt.roundDecimal("25300.125", 2), "25300.12");
  assert.equal(fmt.roundDecimal("2.5", 0), "2");
  assert.equal(fmt.roundDecimal("3.5", 0), "4");
  assert.equal(fmt.roundDecimal("0.123456785", 8), "0.12345678");
  assert.equal(fmt.roundDecimal("x", 2), null);
});

test("signed money shows a plus only on non-zero positives", () => {
  assert.equal(fmt.formatSignedMoney("4320.5"), "+4,320.50");
  assert.equal(fmt.formatSignedMoney("-20.5"), "-20.50");
  assert.equal(fmt.formatSignedMoney("0.001"), "0.00");
});

test("quantities keep every significant digit", () => {
  assert.equal(fmt.formatQuantity("0.50000000"), "0.5");
  assert.equal(fmt.formatQuantity("1234.5"), "1,234.5");
  assert.equal(fmt.formatQuantity("0.0000000123"), "0.0000000123");
  assert.equal(fmt.formatQuantity("40000.000000000000"), "40,000");
  assert.equal(fmt.formatQuantity("-0.000"), "0");
});

test("amounts and prices at the decimals the API gives, every digit without them", () => {
  assert.equal(fmt.formatAmount("0.0123456789", 5), "0.01235");
  assert.equal(fmt.formatAmount("61234.5678", 1), "61,234.6");
  assert.equal(fmt.formatAmount("61234.25", 1), "61,234.2"); // an exact half goes to the even 2
  assert.equal(fmt.formatAmount("40000.123456789012", 0), "40,000");
  assert.equal(fmt.formatAmount("0.123456789012", null), "0.123456789012");
  assert.equal(fmt.formatAmount("0.5", undefined), "0.5");
  assert.equal(fmt.formatAmount(null, 5), "\u2014");
});

test("percent and sign", () => {
  assert.equal(fmt.formatPercent("54.1234"), "54.12%");
  assert.equal(fmt.formatPercent(null), "\u2014");
  assert.equal(fmt.signOf("-0.0"), 0);
  assert.equal(fmt.signOf("-0.01"), -1);
  assert.equal(fmt.signOf("3"), 1);
  assert.equal(fmt.signOf(null), null);
});

test("times are shown in UTC", () => {
  assert.equal(fmt.formatTime("2026-11-23T10:00:00Z"), "2026-11-23 10:00:00 UTC");
  assert.equal(fmt.formatTime("2026-11-23T10:00:00.123456Z", false), "2026-11-23 10:00:00");
  assert.equal(fmt.formatTime("2026-11-23T12:00:00+02:00"), "2026-11-23 10:00:00 UTC");
  assert.equal(fmt.formatTime(null), "\u2014");
  const now = Date.parse("2026-11-23T10:05:00Z");
  assert.equal(fmt.formatAge("2026-11-23T10:04:18Z", now), "42 s ago");
  assert.equal(fmt.formatAge("2026-11-23T10:00:00Z", now), "5 min ago");
});

test("fractions are shown as percentages, rounded HALF_EVEN on their decimal spelling", () => {
  assert.equal(fmt.formatFraction(0.055), "5.50%");
  assert.equal(fmt.formatFraction(0.02704457709055668), "2.70%");
  assert.equal(fmt.formatFraction(-0.1356058219630366), "-13.56%");
  assert.equal(fmt.formatFraction(0.00125), "0.12%"); // an exact half goes to the even 2
  assert.equal(fmt.formatFraction(0.00135), "0.14%");
  assert.equal(fmt.formatFraction(12.5), "1,250.00%");
  assert.equal(fmt.formatFraction(-8.080280420735291e-5), "-0.01%"); // String() writes an exponent
  assert.equal(fmt.formatFraction(-0.00001), "0.00%"); // rounds to zero: no sign
  assert.equal(fmt.formatFraction(0), "0.00%");
  assert.equal(fmt.formatFraction(0.123456, 1), "12.3%");
  assert.equal(fmt.formatFraction(null), "\u2014");
  assert.equal(fmt.formatFraction(undefined), "\u2014");
  assert.equal(fmt.formatFraction("n/a"), "n/a");
});

test("signed fractions put a plus on positives only", () => {
  assert.equal(fmt.formatSignedFraction(0.045), "+4.50%");
  assert.equal(fmt.formatSignedFraction(-0.003), "-0.30%");
  assert.equal(fmt.formatSignedFraction(0.00001), "0.00%");
  assert.equal(fmt.formatSignedFraction(null), "\u2014");
});

test("ratios have 2 decimals", () => {
  assert.equal(fmt.formatRatio(0.49923791621325386), "0.50");
  assert.equal(fmt.formatRatio(-1.125), "-1.12");
  assert.equal(fmt.formatRatio(1234.5), "1,234.50");
  assert.equal(fmt.formatRatio(null), "\u2014");
});

test("monthly returns become a year-by-month grid, oldest year first, with each year's total", () => {
  const grid = fmt.monthGrid(
    [
      { period: "2026-02", return: 0.01 },
      { period: "2025-11", return: -0.02 },
      { period: "2025-12", return: 0.03 },
      { period: "2026-W07", return: 0.5 }, // not a month: left out
      { period: "2026-13", return: 0.5 }
    ],
    [{ period: "2025", return: 0.0094 }, { period: "2026", return: 0.01 }, { period: "2024", return: 1 }]
  );
  assert.deepEqual(grid.map((row) => row.year), ["2025", "2026"]);
  assert.deepEqual(grid[0].months.map((m) => (m ? m.return : null)),
    [null, null, null, null, null, null, null, null, null, null, -0.02, 0.03]);
  assert.deepEqual(grid[1].months.map((m) => (m ? m.period : null)),
    [null, "2026-02", null, null, null, null, null, null, null, null, null, null]);
  assert.deepEqual(grid[0].total, { period: "2025", return: 0.0094 });
  assert.deepEqual(fmt.monthGrid([{ period: "2027-01", return: 0 }], []).map((row) => row.total), [null]);
  assert.deepEqual(fmt.monthGrid(null, null), []);
});

test("margin band: the alert ladder's rungs, strictly below each threshold, on the digits", () => {
  assert.equal(fmt.marginBand("250.0000"), "ok");
  assert.equal(fmt.marginBand("200"), "ok");
  assert.equal(fmt.marginBand("199.9999"), "call");
  assert.equal(fmt.marginBand("150.00"), "call");
  assert.equal(fmt.marginBand("149.99"), "risk");
  assert.equal(fmt.marginBand("110"), "risk");
  assert.equal(fmt.marginBand("109.99"), "critical");
  assert.equal(fmt.marginBand("-5.5"), "critical");
  assert.equal(fmt.marginBand("123456.78"), "ok");
  assert.equal(fmt.marginBand(null), null);
  assert.equal(fmt.marginBand("n/a"), null);
});
