/**
 * Reports a trader files: rendered from the engine's books to text, JSON, CSV and PDF.
 *
 * <p>The engine computes every number (for example {@code
 * io.tally.engine.performance.Performance}); this module only arranges those numbers into
 * documents, such as the performance report with its summary, equity curve, drawdown chart, monthly
 * returns, strategy table and the data issues that affect them. The PDF is drawn with PDFBox:
 * vector charts and the standard 14 fonts, no browser.
 */
package io.tally.report;
