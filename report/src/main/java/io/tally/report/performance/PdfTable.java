package io.tally.report.performance;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.List;

/**
 * A table of a PDF report: columns with a title, a share of the page's width and an alignment
 * (numbers to the right), drawn row by row at the cursor of {@link PdfPages}. A table that does not
 * fit goes on over as many pages as it needs, its header drawn again at the top of each. A cell too
 * wide for its column is cut with {@code ...}.
 *
 * <p>Example: {@code new PdfTable(List.of(PdfTable.Column.left("Strategy", 2),
 * PdfTable.Column.right("Fees", 1)), 8).draw(pages, rows)}. Immutable.
 *
 * @param columns the columns, left to right
 * @param size the font size of its text
 */
record PdfTable(List<PdfTable.Column> columns, float size) {

  PdfTable {
    columns = List.copyOf(columns);
  }

  /**
   * One column.
   *
   * @param title its header
   * @param weight its share of the width, relative to the other columns'
   * @param right whether its cells are aligned to the right
   */
  record Column(String title, float weight, boolean right) {
    Column {
      requireNonNull(title, "title");
    }

    static Column left(String title, float weight) {
      return new Column(title, weight, false);
    }

    static Column right(String title, float weight) {
      return new Column(title, weight, true);
    }
  }

  /** The height of one row. */
  float rowHeight() {
    return size + 4;
  }

  /** Draws the header and every row, turning pages as needed. */
  void draw(PdfPages pages, List<List<String>> rows) throws IOException {
    header(pages);
    for (List<String> row : rows) {
      if (pages.ensure(rowHeight())) {
        header(pages);
      }
      row(pages, row, false);
    }
    pages.down(4);
  }

  private void header(PdfPages pages) throws IOException {
    pages.ensure(rowHeight() * 2);
    row(pages, columns.stream().map(Column::title).toList(), true);
    float lineY = pages.y() - 3;
    pages.content().setStrokingColor(0.5f, 0.5f, 0.5f);
    pages.content().setLineWidth(0.5f);
    pages.content().moveTo(pages.left(), lineY);
    pages.content().lineTo(pages.right(), lineY);
    pages.content().stroke();
    pages.down(2);
  }

  private void row(PdfPages pages, List<String> cells, boolean bold) throws IOException {
    pages.down(rowHeight());
    float total = 0;
    for (Column column : columns) {
      total += column.weight();
    }
    float x = pages.left();
    for (int i = 0; i < columns.size(); i++) {
      Column column = columns.get(i);
      float width = pages.width() * column.weight() / total;
      String cell = i < cells.size() ? cells.get(i) : "";
      var font = bold ? pages.bold() : pages.regular();
      String shown = pages.fit(font, size, cell, width - 4);
      if (column.right()) {
        pages.textRight(x + width - 2, pages.y(), font, size, shown);
      } else {
        pages.text(x + 2, pages.y(), font, size, shown);
      }
      x += width;
    }
  }
}
