package io.tally.report.performance;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * The pages of one PDF as it is written top to bottom: A4 portrait with 40 pt margins, a cursor
 * that moves down as content is drawn, and a new page whenever the next block does not fit ({@link
 * #ensure}). When everything is drawn, {@link #stamp} writes the running header and the footer with
 * "page N of M" on every page, now that M is known. Text is drawn in Helvetica, one of the standard
 * 14 fonts, which only encodes WinAnsi: every character outside printable ASCII is drawn as {@code
 * ?}.
 *
 * <p>Example: {@code pages.ensure(40); pages.text(pages.left(), pages.y(), pages.bold(), 12,
 * "Summary")}. Not thread-safe: one renderer draws one document.
 */
final class PdfPages {

  static final float MARGIN = 40;
  static final float HEADER = 28;
  static final float FOOTER = 24;

  private final PDDocument document;
  private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
  private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
  private final List<PDPage> pages = new ArrayList<>();
  private PDPageContentStream content;
  private float y;

  PdfPages(PDDocument document) throws IOException {
    this.document = document;
    newPage();
  }

  PDType1Font regular() {
    return regular;
  }

  PDType1Font bold() {
    return bold;
  }

  PDPageContentStream content() {
    return content;
  }

  /** The baseline the next block starts below. */
  float y() {
    return y;
  }

  /** Moves the cursor down by {@code height}. */
  void down(float height) {
    y -= height;
  }

  float left() {
    return MARGIN;
  }

  float right() {
    return PDRectangle.A4.getWidth() - MARGIN;
  }

  float width() {
    return right() - left();
  }

  private float bottom() {
    return MARGIN + FOOTER;
  }

  /** Starts a new page when fewer than {@code height} points are left; true when it did. */
  boolean ensure(float height) throws IOException {
    if (y - height < bottom()) {
      newPage();
      return true;
    }
    return false;
  }

  void newPage() throws IOException {
    if (content != null) {
      content.close();
    }
    PDPage page = new PDPage(PDRectangle.A4);
    document.addPage(page);
    pages.add(page);
    content = new PDPageContentStream(document, page);
    y = PDRectangle.A4.getHeight() - MARGIN - HEADER;
  }

  /** A section title, with the space under it; on a new page when the section cannot start here. */
  void heading(String title, float firstBlock) throws IOException {
    ensure(22 + firstBlock);
    down(16);
    text(left(), y, bold, 12, title);
    down(8);
  }

  /** One line of regular text at the cursor. */
  void line(String text, float size) throws IOException {
    ensure(size + 4);
    down(size + 4);
    text(left(), y, regular, size, text);
  }

  void text(float x, float baseline, PDType1Font font, float size, String text) throws IOException {
    content.beginText();
    content.setFont(font, size);
    content.newLineAtOffset(x, baseline);
    content.showText(ascii(text));
    content.endText();
  }

  /** Text whose right end is at {@code x}. */
  void textRight(float x, float baseline, PDType1Font font, float size, String text)
      throws IOException {
    text(x - width(font, size, text), baseline, font, size, text);
  }

  float width(PDType1Font font, float size, String text) throws IOException {
    return font.getStringWidth(ascii(text)) / 1000 * size;
  }

  /** {@code text} cut to fit {@code room} points, ending in {@code ...} when it was cut. */
  String fit(PDType1Font font, float size, String text, float room) throws IOException {
    if (width(font, size, text) <= room) {
      return text;
    }
    String cut = text;
    while (!cut.isEmpty() && width(font, size, cut + "...") > room) {
      cut = cut.substring(0, cut.length() - 1);
    }
    return cut + "...";
  }

  /** {@code text} broken at spaces into lines of at most {@code room} points. */
  List<String> wrap(PDType1Font font, float size, String text, float room) throws IOException {
    List<String> lines = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String word : ascii(text).split(" ", -1)) {
      String candidate = current.length() == 0 ? word : current + " " + word;
      if (current.length() > 0 && width(font, size, candidate) > room) {
        lines.add(current.toString());
        current = new StringBuilder(word);
      } else {
        current = new StringBuilder(candidate);
      }
    }
    if (current.length() > 0) {
      lines.add(fit(font, size, current.toString(), room));
    }
    return lines;
  }

  /**
   * Closes the last page and writes on every page the running header ({@code header}) and a footer
   * of {@code footer} and "page N of M".
   */
  void stamp(String header, String footer) throws IOException {
    content.close();
    int count = pages.size();
    float top = PDRectangle.A4.getHeight() - MARGIN;
    for (int i = 0; i < count; i++) {
      try (PDPageContentStream stamp =
          new PDPageContentStream(
              document, pages.get(i), PDPageContentStream.AppendMode.APPEND, true, true)) {
        content = stamp;
        text(left(), top - 10, bold, 9, header);
        stamp.setStrokingColor(0.6f, 0.6f, 0.6f);
        stamp.setLineWidth(0.5f);
        stamp.moveTo(left(), top - 16);
        stamp.lineTo(right(), top - 16);
        stamp.moveTo(left(), MARGIN + 12);
        stamp.lineTo(right(), MARGIN + 12);
        stamp.stroke();
        text(left(), MARGIN, regular, 8, footer);
        textRight(right(), MARGIN, regular, 8, "page " + (i + 1) + " of " + count);
      }
    }
  }

  /** Printable ASCII only: what Helvetica's WinAnsi encoding draws the same everywhere. */
  static String ascii(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      out.append(c >= 0x20 && c <= 0x7e ? c : (c == '\t' || c == '\n' || c == '\r' ? ' ' : '?'));
    }
    return out.toString();
  }
}
