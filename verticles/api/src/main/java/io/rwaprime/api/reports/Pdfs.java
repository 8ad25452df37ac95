package io.rwaprime.api.reports;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * The house style of the PDF reports: A4, the standard Helvetica (never embedded, so a report stays a few KB),
 * headings, tables, number formats and the closing disclaimer. Rendering is CPU work: callers run it on a worker.
 */
final class Pdfs {

  static final BaseFont HELVETICA = font(BaseFont.HELVETICA);
  static final BaseFont HELVETICA_BOLD = font(BaseFont.HELVETICA_BOLD);
  static final Color INK = new Color(0x22, 0x2b, 0x36);
  static final Color MUTED = new Color(0x6b, 0x75, 0x80);
  static final Color ACCENT = new Color(0x1f, 0x4e, 0x79);
  private static final Color HEADER_FILL = new Color(0xe8, 0xee, 0xf4);
  private static final Font TITLE = new Font(HELVETICA_BOLD, 18, Font.NORMAL, INK);
  private static final Font SUBTITLE = new Font(HELVETICA, 10, Font.NORMAL, MUTED);
  private static final Font SECTION = new Font(HELVETICA_BOLD, 12, Font.NORMAL, ACCENT);
  static final Font BODY = new Font(HELVETICA, 9, Font.NORMAL, INK);
  private static final Font BODY_BOLD = new Font(HELVETICA_BOLD, 9, Font.NORMAL, INK);
  private static final Font SMALL = new Font(HELVETICA, 7.5f, Font.NORMAL, MUTED);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT)
      .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);
  static final String DISCLAIMER = "This report is generated automatically from market data, on-chain data and "
      + "statistical models. It is provided for information only and is not investment, legal or tax advice, nor an "
      + "offer or solicitation to buy or sell any asset. Prices, risk scores and forecasts may be delayed, incomplete "
      + "or wrong; forecasts and their bands are model estimates, not guarantees. Past performance does not predict "
      + "future results.";

  private Pdfs() {}

  /** Renders a one-column A4 document with {@code body} and returns its bytes. */
  static byte[] render(String title, BiConsumer<Document, PdfWriter> body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
    Document doc = new Document(PageSize.A4, 42, 42, 42, 42);
    PdfWriter writer = PdfWriter.getInstance(doc, out);
    doc.addTitle(title);
    doc.addCreator("rwa-prime");
    doc.addAuthor("rwa-prime");
    doc.open();
    body.accept(doc, writer);
    doc.close();
    return out.toByteArray();
  }

  static void title(Document doc, String title, String subtitle) {
    doc.add(new Paragraph(title, TITLE));
    Paragraph sub = new Paragraph(subtitle, SUBTITLE);
    sub.setSpacingAfter(8);
    doc.add(sub);
  }

  static void section(Document doc, String text) {
    Paragraph p = new Paragraph(text, SECTION);
    p.setSpacingBefore(8);
    p.setSpacingAfter(4);
    doc.add(p);
  }

  static void note(Document doc, String text) {
    doc.add(new Paragraph(text, SMALL));
  }

  /** Generation time and the disclaimer, closing every report. */
  static void closing(Document doc, Instant generatedAt) {
    Paragraph p = new Paragraph();
    p.setSpacingBefore(10);
    p.add(new Chunk("Generated " + time(generatedAt) + " by rwa-prime.\n", SMALL));
    p.add(new Chunk("Disclaimer. " + DISCLAIMER, SMALL));
    doc.add(p);
  }

  /** A two-column table of labels and values. */
  static PdfPTable facts(String[][] rows) {
    PdfPTable t = new PdfPTable(new float[] {1, 2.6f});
    t.setWidthPercentage(100);
    t.setKeepTogether(true);
    for (String[] row : rows) {
      t.addCell(cell(row[0], BODY_BOLD, null, Element.ALIGN_LEFT));
      t.addCell(cell(row[1], BODY, null, Element.ALIGN_LEFT));
    }
    return t;
  }

  /** A table with a shaded header row; columns after the first {@code textColumns} are right-aligned numbers. */
  static PdfPTable table(float[] widths, String[] header, int textColumns) {
    PdfPTable t = new PdfPTable(widths);
    t.setWidthPercentage(100);
    t.setHeaderRows(1);
    // short tables move whole to the next page rather than leave one row behind; long ones still split
    t.setKeepTogether(true);
    for (int i = 0; i < header.length; i++) {
      t.addCell(cell(header[i], BODY_BOLD, HEADER_FILL, i < textColumns ? Element.ALIGN_LEFT : Element.ALIGN_RIGHT));
    }
    return t;
  }

  static void row(PdfPTable t, int textColumns, String... values) {
    for (int i = 0; i < values.length; i++) {
      t.addCell(cell(values[i], BODY, null, i < textColumns ? Element.ALIGN_LEFT : Element.ALIGN_RIGHT));
    }
  }

  private static PdfPCell cell(String text, Font font, Color fill, int align) {
    PdfPCell c = new PdfPCell(new Phrase(text == null || text.isBlank() ? "–" : text, font));
    c.setHorizontalAlignment(align);
    c.setPadding(2.8f);
    c.setPaddingBottom(3.6f);
    c.setBorder(Rectangle.BOTTOM);
    c.setBorderColor(HEADER_FILL);
    if (fill != null) {
      c.setBackgroundColor(fill);
    }
    return c;
  }

  static String day(Instant t) {
    return t == null ? "–" : DAY.format(t);
  }

  static String time(Instant t) {
    return t == null ? "–" : TIME.format(t);
  }

  /** An exact price or quantity as stored, without trailing zeros. */
  static String exact(BigDecimal v) {
    return v == null ? "–" : v.stripTrailingZeros().toPlainString();
  }

  /** An amount of money: two decimals, thousands grouped. */
  static String money(BigDecimal v) {
    return v == null ? "–" : String.format(Locale.ROOT, "%,.2f", v.setScale(2, RoundingMode.HALF_EVEN));
  }

  /** A fraction as a percentage with {@code decimals} decimals. */
  static String percent(BigDecimal fraction, int decimals) {
    return fraction == null ? "–" : fraction.movePointRight(2).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString() + " %";
  }

  /** {@code tokenized_treasury} → {@code Tokenized treasury}. */
  static String label(String assetClass) {
    if (assetClass == null || assetClass.isEmpty()) {
      return "–";
    }
    String s = assetClass.replace('_', ' ');
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static BaseFont font(String name) {
    try {
      return BaseFont.createFont(name, BaseFont.WINANSI, BaseFont.NOT_EMBEDDED);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
