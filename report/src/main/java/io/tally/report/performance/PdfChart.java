package io.tally.report.performance;

import static java.util.Objects.requireNonNull;

import java.awt.Color;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.function.DoubleFunction;
import org.apache.pdfbox.pdmodel.PDPageContentStream;

/**
 * A line chart of one daily series drawn as vector paths (no image): axes, five labelled horizontal
 * grid lines, up to five dates under the x axis, and the series as one path; with {@code fill}, the
 * area between the series and zero is shaded, as an underwater (drawdown) chart is.
 *
 * <p>Example: {@code new PdfChart("Equity curve (USD)", dates, equity, v -> String.format("%,.0f",
 * v), PdfChart.EQUITY, false, 170).draw(pages)}. Immutable.
 *
 * @param title the chart's heading
 * @param dates the day of each value, oldest first
 * @param values the series, one value per date (plotting only: the figures are in the tables)
 * @param label how a value on the y axis is labelled
 * @param color the colour of the line
 * @param fill whether the area between the line and zero is shaded
 * @param height the height of the plot with its axis labels, in points
 */
record PdfChart(
    String title,
    List<LocalDate> dates,
    List<Double> values,
    DoubleFunction<String> label,
    Color color,
    boolean fill,
    float height) {

  /** The equity curve's colour. */
  static final Color EQUITY = new Color(31, 119, 180);

  /** The underwater chart's colour. */
  static final Color DRAWDOWN = new Color(214, 39, 40);

  private static final float LABELS = 56;
  private static final float SIZE = 7;

  PdfChart {
    requireNonNull(title, "title");
    dates = List.copyOf(dates);
    values = List.copyOf(values);
    if (values.size() != dates.size()) {
      throw new IllegalArgumentException(
          values.size() + " values for " + dates.size() + " dates in " + title);
    }
    requireNonNull(label, "label");
    requireNonNull(color, "color");
  }

  void draw(PdfPages pages) throws IOException {
    pages.heading(title, height);
    float top = pages.y() - 6;
    float bottom = top - height + 14;
    float left = pages.left() + LABELS;
    float right = pages.right() - 4;
    pages.down(height);

    double min = 0;
    double max = 0;
    boolean first = true;
    for (double value : values) {
      min = first ? value : Math.min(min, value);
      max = first ? value : Math.max(max, value);
      first = false;
    }
    if (fill) {
      min = Math.min(min, 0);
      max = Math.max(max, 0);
    }
    if (fill && max - min < 1e-12) {
      min = -0.01; // nothing under water: a scale of 1 % below zero
    } else if (max - min < 1e-12) {
      double pad = Math.max(Math.abs(max) * 0.05, 1e-6);
      min -= pad;
      max += pad;
    }
    PDPageContentStream content = pages.content();
    pages.down(6);

    // Grid lines and their labels.
    content.setLineWidth(0.3f);
    content.setStrokingColor(new Color(220, 220, 220));
    for (int i = 0; i <= 4; i++) {
      double value = min + (max - min) * i / 4;
      float y = scale(value, min, max, bottom, top);
      content.moveTo(left, y);
      content.lineTo(right, y);
    }
    content.stroke();
    content.setNonStrokingColor(Color.BLACK);
    for (int i = 0; i <= 4; i++) {
      double value = min + (max - min) * i / 4;
      float y = scale(value, min, max, bottom, top);
      pages.textRight(left - 3, y - 2, pages.regular(), SIZE, label.apply(value));
    }

    // Axes.
    content.setLineWidth(0.8f);
    content.setStrokingColor(Color.BLACK);
    content.moveTo(left, top);
    content.lineTo(left, bottom);
    content.lineTo(right, bottom);
    content.stroke();

    // Dates under the x axis.
    int n = dates.size();
    int ticks = Math.min(5, n);
    for (int i = 0; i < ticks; i++) {
      int index = ticks == 1 ? 0 : (int) Math.round((double) i * (n - 1) / (ticks - 1));
      float x = x(index, n, left, right);
      content.moveTo(x, bottom);
      content.lineTo(x, bottom - 3);
      content.stroke();
      String date = dates.get(index).toString();
      float width = pages.width(pages.regular(), SIZE, date);
      float at = Math.max(left, Math.min(right - width, x - width / 2));
      pages.text(at, bottom - 11, pages.regular(), SIZE, date);
    }
    if (n == 0) {
      return;
    }

    // The series.
    float zero = scale(0, min, max, bottom, top);
    if (fill) {
      content.setNonStrokingColor(blend(color));
      content.moveTo(x(0, n, left, right), zero);
      for (int i = 0; i < n; i++) {
        content.lineTo(x(i, n, left, right), scale(values.get(i), min, max, bottom, top));
      }
      content.lineTo(x(n - 1, n, left, right), zero);
      content.closePath();
      content.fill();
    }
    content.setStrokingColor(color);
    content.setLineWidth(1.2f);
    content.moveTo(x(0, n, left, right), scale(values.get(0), min, max, bottom, top));
    for (int i = 1; i < n; i++) {
      content.lineTo(x(i, n, left, right), scale(values.get(i), min, max, bottom, top));
    }
    if (n == 1) {
      content.lineTo(right, scale(values.get(0), min, max, bottom, top));
    }
    content.stroke();
    content.setNonStrokingColor(Color.BLACK);
    content.setStrokingColor(Color.BLACK);
  }

  /** The colour mixed with white, for a shaded area under the line. */
  private static Color blend(Color color) {
    return new Color(
        (color.getRed() + 3 * 255) / 4,
        (color.getGreen() + 3 * 255) / 4,
        (color.getBlue() + 3 * 255) / 4);
  }

  private static float x(int index, int count, float left, float right) {
    return count <= 1 ? left : left + (right - left) * index / (count - 1);
  }

  private static float scale(double value, double min, double max, float bottom, float top) {
    return (float) (bottom + (value - min) / (max - min) * (top - bottom));
  }
}
