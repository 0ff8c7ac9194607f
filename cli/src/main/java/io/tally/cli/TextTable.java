package io.tally.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table with aligned columns: text columns left-aligned, numeric ones right-aligned.
 *
 * <p>Example: {@code new TextTable("ASSET", "AMOUNT").right(1).row("XBT", "0.5").render()}.
 * Mutable; build, render, discard.
 */
final class TextTable {

  private final List<String> header;
  private final boolean printHeader;
  private final boolean[] rightAligned;
  private final List<List<String>> rows = new ArrayList<>();

  TextTable(String... header) {
    this(List.of(header), true);
  }

  private TextTable(List<String> header, boolean printHeader) {
    this.header = header;
    this.printHeader = printHeader;
    this.rightAligned = new boolean[header.size()];
  }

  /** A table of {@code columns} columns with no header line, for label–value summaries. */
  static TextTable headerless(int columns) {
    return new TextTable(java.util.Collections.nCopies(columns, ""), false);
  }

  /** Right-aligns these columns (numbers). */
  TextTable right(int... columns) {
    for (int column : columns) {
      rightAligned[column] = true;
    }
    return this;
  }

  TextTable row(String... cells) {
    if (cells.length != header.size()) {
      throw new IllegalArgumentException(
          "Row has " + cells.length + " cells, the table " + header.size());
    }
    rows.add(List.of(cells));
    return this;
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  String render() {
    int[] widths = new int[header.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = header.get(i).length();
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    if (printHeader) {
      line(out, header, widths);
    }
    for (List<String> row : rows) {
      line(out, row, widths);
    }
    return out.toString();
  }

  private void line(StringBuilder out, List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        line.append("  ");
      }
      String cell = cells.get(i);
      String pad = " ".repeat(widths[i] - cell.length());
      line.append(rightAligned[i] ? pad + cell : cell + pad);
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }
}
