/*
 * Tally dashboard: formatting of the API's decimal strings, its statistics (JSON numbers, returns
 * and drawdowns as fractions) and ISO-8601 times.
 *
 * Amounts arrive as decimal strings and are formatted as strings: a browser number is a double,
 * which cannot hold 25300.12345678 exactly, so rounding is done on the digits themselves,
 * HALF_EVEN like every other rounding in Tally (shared/ACCOUNTING.md §1, STYLE.md "display").
 *
 * Loadable both as a classic <script> (sets window.TallyFormat) and from Node
 * (require, or `import fmt from ".../format.js"` in an .mjs test).
 */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) {
    module.exports = factory();
  } else {
    root.TallyFormat = factory();
  }
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var DASH = "\u2014"; // shown for null/unknown
  var MAX_EXPONENT = 400; // refuse absurd exponents rather than build a huge string

  /**
   * Splits a decimal string into sign, integer digits (no leading zeros, at least "0") and
   * fraction digits (as given, trailing zeros kept). Accepts an optional sign, "1.", ".5" and
   * an exponent ("1.5E+3", as Java's BigDecimal.toString may write). Returns null for null,
   * undefined or anything that is not a decimal number.
   */
  function parseDecimal(input) {
    if (input === null || input === undefined) return null;
    var s = String(input).trim();
    var m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s);
    if (!m) return null;
    var intDigits = m[2] || "";
    var fracDigits = m[3] || "";
    if (intDigits === "" && fracDigits === "") return null;
    var exponent = m[4] ? parseInt(m[4], 10) : 0;
    if (Math.abs(exponent) > MAX_EXPONENT) return null;
    var digits = intDigits + fracDigits;
    var point = intDigits.length + exponent; // decimal point position within digits
    if (point < 0) {
      digits = repeat("0", -point) + digits;
      point = 0;
    } else if (point > digits.length) {
      digits = digits + repeat("0", point - digits.length);
    }
    var intPart = digits.slice(0, point).replace(/^0+/, "") || "0";
    var fracPart = digits.slice(point);
    return { negative: m[1] === "-", int: intPart, frac: fracPart };
  }

  function repeat(ch, n) {
    var out = "";
    for (var i = 0; i < n; i++) out += ch;
    return out;
  }

  /** Adds one to a string of decimal digits ("199" -> "200", "99" -> "100"). */
  function incrementDigits(digits) {
    var chars = digits.split("");
    for (var i = chars.length - 1; i >= 0; i--) {
      if (chars[i] === "9") {
        chars[i] = "0";
      } else {
        chars[i] = String.fromCharCode(chars[i].charCodeAt(0) + 1);
        return chars.join("");
      }
    }
    return "1" + chars.join("");
  }

  function isAllZero(digits) {
    return !/[1-9]/.test(digits);
  }

  /**
   * Rounds a parsed decimal to exactly `places` fraction digits, HALF_EVEN: a dropped part above
   * one half rounds away from zero, below it towards zero, and exactly one half to the even
   * neighbour (2.125 -> 2.12, 2.135 -> 2.14). A result of zero loses its sign.
   */
  function roundParsed(d, places) {
    var frac = d.frac;
    var int = d.int;
    if (frac.length <= places) {
      frac = frac + repeat("0", places - frac.length);
    } else {
      var kept = frac.slice(0, places);
      var first = frac.charCodeAt(places) - 48;
      var rest = frac.slice(places + 1);
      var up;
      if (first > 5) up = true;
      else if (first < 5) up = false;
      else if (!isAllZero(rest)) up = true;
      else {
        var last = places > 0 ? kept.charCodeAt(places - 1) - 48 : int.charCodeAt(int.length - 1) - 48;
        up = last % 2 === 1;
      }
      var all = int + kept;
      if (up) all = incrementDigits(all);
      int = all.slice(0, all.length - places).replace(/^0+/, "") || "0";
      frac = all.slice(all.length - places);
    }
    var negative = d.negative && !(isAllZero(int) && isAllZero(frac));
    return { negative: negative, int: int, frac: frac };
  }

  function groupThousands(intDigits) {
    return intDigits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  }

  function render(d, grouping) {
    var int = grouping ? groupThousands(d.int) : d.int;
    return (d.negative ? "-" : "") + int + (d.frac.length ? "." + d.frac : "");
  }

  /**
   * Rounds a decimal string to `places` decimals, HALF_EVEN, without grouping:
   * roundDecimal("2.345", 2) === "2.34". Returns null for null or a non-number.
   */
  function roundDecimal(value, places) {
    var d = parseDecimal(value);
    if (d === null) return null;
    return render(roundParsed(d, places === undefined ? 2 : places), false);
  }

  /**
   * A base-currency amount for display: 2 decimals, HALF_EVEN, comma thousands separators, no
   * currency symbol. formatMoney("25300.12345678") === "25,300.12"; null gives an em dash.
   * Something that is not a number is shown as it came, so nothing is silently hidden.
   */
  function formatMoney(value, places) {
    if (value === null || value === undefined || value === "") return DASH;
    var d = parseDecimal(value);
    if (d === null) return String(value);
    return render(roundParsed(d, places === undefined ? 2 : places), true);
  }

  /** formatMoney with an explicit "+" for positive values (for PnL and differences). */
  function formatSignedMoney(value, places) {
    var text = formatMoney(value, places);
    var d = parseDecimal(value);
    if (d !== null && !d.negative && text !== DASH && /[1-9]/.test(text)) return "+" + text;
    return text;
  }

  /**
   * An exact quantity or price: every significant digit kept, trailing fraction zeros dropped,
   * thousands separators in the integer part. formatQuantity("1234.50000000") === "1,234.5".
   */
  function formatQuantity(value) {
    if (value === null || value === undefined || value === "") return DASH;
    var d = parseDecimal(value);
    if (d === null) return String(value);
    var frac = d.frac.replace(/0+$/, "");
    var negative = d.negative && !(isAllZero(d.int) && isAllZero(frac));
    return render({ negative: negative, int: d.int, frac: frac }, true);
  }

  /**
   * An amount or price at the decimals the API gives for it (the asset's display decimals, the
   * pair's price decimals), HALF_EVEN, with thousands separators: formatAmount("0.0123456789", 5)
   * === "0.01235". Without decimals (null or undefined) every digit is kept, as formatQuantity.
   */
  function formatAmount(value, places) {
    if (places === null || places === undefined) return formatQuantity(value);
    return formatMoney(value, places);
  }

  /** A percentage: 2 decimals, HALF_EVEN, with a "%" sign. formatPercent("54.1234") === "54.12%". */
  function formatPercent(value) {
    if (value === null || value === undefined || value === "") return DASH;
    return formatMoney(value, 2) + "%";
  }

  /**
   * The alert band of a margin level (the API's margin_level, a percentage as a decimal string),
   * on Tally's ladder (ACCOUNTING-DECISIONS, margin alerts): "critical" below 110, "risk" below
   * 150, "call" below 200, "ok" at or above 200; null when there is no level (no margin used).
   * The comparison is on the digits, never a double: marginBand("199.995") === "call".
   */
  function marginBand(level) {
    var d = parseDecimal(level);
    if (d === null) return null;
    if (d.negative && !isAllZero(d.int + d.frac)) return "critical";
    var whole = d.int.length > 4 ? 10000 : parseInt(d.int, 10); // the fraction only matters at a bound
    if (whole < 110) return "critical";
    if (whole < 150) return "risk";
    if (whole < 200) return "call";
    return "ok";
  }

  /**
   * A statistic the API sends as a JSON number and a fraction (0.055 is 5.5 %) as a percentage:
   * 2 decimals, HALF_EVEN on the number's shortest decimal spelling (so 0.00125 is "0.12%", as the
   * server's own rounding of the same text would be), with thousands separators and a "%" sign.
   * formatFraction(0.055) === "5.50%"; null gives an em dash; a non-number is shown as it came.
   */
  function formatFraction(value, places) {
    if (value === null || value === undefined || value === "") return DASH;
    var d = parseDecimal(String(value));
    if (d === null) return String(value);
    // times 100: the same digits with the decimal point two places to the right
    var percent = parseDecimal((d.negative ? "-" : "") + d.int + "." + d.frac + "E2");
    return render(roundParsed(percent, places === undefined ? 2 : places), true) + "%";
  }

  /** formatFraction with an explicit "+" on positive values (for returns): "+5.50%", "-0.30%", "0.00%". */
  function formatSignedFraction(value, places) {
    var text = formatFraction(value, places);
    return signOf(value) === 1 && /[1-9]/.test(text) ? "+" + text : text;
  }

  /** A ratio such as a Sharpe ratio (a plain JSON number): 2 decimals, HALF_EVEN. formatRatio(0.4992) === "0.50". */
  function formatRatio(value) {
    if (value === null || value === undefined || value === "") return DASH;
    return formatMoney(String(value), 2);
  }

  /**
   * The monthly returns ({period: "2026-09", return: 0.045}, as returns.by_month lists them) laid
   * out as a year-by-month grid, oldest year first: [{year: "2026", months: [12 entries, each the
   * month's {period, return} or null where the range has no such month], total: the year's entry
   * of byYear or null}]. Entries whose period is not "YYYY-MM" are left out.
   */
  function monthGrid(byMonth, byYear) {
    var years = {};
    var order = [];
    (byMonth || []).forEach(function (entry) {
      var m = entry ? /^(\d{4})-(\d{2})$/.exec(String(entry.period)) : null;
      var month = m ? parseInt(m[2], 10) : 0;
      if (month < 1 || month > 12) return;
      if (!years[m[1]]) {
        years[m[1]] = { year: m[1], months: [null, null, null, null, null, null, null, null, null, null, null, null], total: null };
        order.push(m[1]);
      }
      years[m[1]].months[month - 1] = entry;
    });
    (byYear || []).forEach(function (entry) {
      if (entry && years[String(entry.period)]) years[String(entry.period)].total = entry;
    });
    order.sort();
    return order.map(function (year) { return years[year]; });
  }

  /** -1, 0 or 1 from the string itself; null for null or a non-number. */
  function signOf(value) {
    var d = parseDecimal(value);
    if (d === null) return null;
    if (isAllZero(d.int) && isAllZero(d.frac)) return 0;
    return d.negative ? -1 : 1;
  }

  function pad2(n) {
    return n < 10 ? "0" + n : String(n);
  }

  /**
   * An ISO-8601 instant as "YYYY-MM-DD HH:MM:SS UTC" (UTC, so every viewer and every test sees the
   * same text). Returns an em dash for null and the input itself when it does not parse.
   */
  function formatTime(iso, withZone) {
    if (iso === null || iso === undefined || iso === "") return DASH;
    var ms = Date.parse(String(iso));
    if (isNaN(ms)) return String(iso);
    var t = new Date(ms);
    var text =
      t.getUTCFullYear() + "-" + pad2(t.getUTCMonth() + 1) + "-" + pad2(t.getUTCDate()) + " " +
      pad2(t.getUTCHours()) + ":" + pad2(t.getUTCMinutes()) + ":" + pad2(t.getUTCSeconds());
    return withZone === false ? text : text + " UTC";
  }

  /** How long ago, roughly: "just now", "42 s ago", "5 min ago", "3 h ago", "2 d ago". */
  function formatAge(iso, nowMs) {
    if (iso === null || iso === undefined) return "";
    var ms = Date.parse(String(iso));
    if (isNaN(ms)) return "";
    var seconds = Math.round(((nowMs === undefined ? Date.now() : nowMs) - ms) / 1000);
    if (seconds < 0) return "in the future";
    if (seconds < 2) return "just now";
    if (seconds < 120) return seconds + " s ago";
    var minutes = Math.floor(seconds / 60);
    if (minutes < 120) return minutes + " min ago";
    var hours = Math.floor(minutes / 60);
    if (hours < 48) return hours + " h ago";
    return Math.floor(hours / 24) + " d ago";
  }

  return {
    DASH: DASH,
    parseDecimal: parseDecimal,
    roundDecimal: roundDecimal,
    formatMoney: formatMoney,
    formatSignedMoney: formatSignedMoney,
    formatQuantity: formatQuantity,
    formatAmount: formatAmount,
    formatPercent: formatPercent,
    marginBand: marginBand,
    formatFraction: formatFraction,
    formatSignedFraction: formatSignedFraction,
    formatRatio: formatRatio,
    monthGrid: monthGrid,
    signOf: signOf,
    formatTime: formatTime,
    formatAge: formatAge
  };
});
