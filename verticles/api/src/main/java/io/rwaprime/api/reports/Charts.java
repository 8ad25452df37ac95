package io.rwaprime.api.reports;

import com.lowagie.text.Element;
import com.lowagie.text.Image;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfTemplate;
import com.lowagie.text.pdf.PdfWriter;
import io.rwaprime.api.reports.ReportData.Forecast;
import io.rwaprime.api.reports.ReportData.Point;

import java.awt.Color;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Charts drawn as PDF vector graphics straight into a form XObject ({@link PdfTemplate}): no AWT rendering, no
 * raster, so they stay sharp at any zoom and work on a headless server. Each chart is returned as an {@link Image}
 * that flows in the document like a paragraph.
 */
final class Charts {

  /** One bar of a bar chart: a label and a non-negative amount. */
  record Slice(String label, BigDecimal value) {}

  private static final Color GRID = new Color(0xdd, 0xe2, 0xe8);
  private static final Color BAND_95 = new Color(0xdc, 0xe8, 0xf5);
  private static final Color BAND_80 = new Color(0xa9, 0xc6, 0xe6);
  private static final Color FORECAST = new Color(0xc0, 0x5a, 0x1e);
  private static final Color[] PALETTE = {new Color(0x1f, 0x4e, 0x79), new Color(0x2e, 0x8b, 0x57),
      new Color(0xc0, 0x5a, 0x1e), new Color(0x7b, 0x4f, 0x9d), new Color(0xb8, 0x8a, 0x00), new Color(0x4a, 0x6f, 0x8a)};
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final float LEFT = 52;
  private static final float BOTTOM = 18;
  private static final float TOP = 16;
  private static final float RIGHT = 8;

  private Charts() {}

  /**
   * The price history as a line, continued by the forecasts (dashed, to each horizon's point) inside their 95 %
   * and 80 % bands, fanning out from the last price. {@code history} is oldest first.
   */
  static Image price(PdfWriter writer, float width, float height, List<Point> history, List<Forecast> forecasts,
                     String seriesLabel) {
    PdfTemplate t = writer.getDirectContent().createTemplate(width, height);
    float pw = width - LEFT - RIGHT;
    float ph = height - BOTTOM - TOP;
    if (history.isEmpty()) {
      frame(t, pw, ph);
      text(t, "No price history in the last 90 days", LEFT + pw / 2, BOTTOM + ph / 2, Element.ALIGN_CENTER, 9);
      return image(t);
    }
    List<Forecast> fc = forecasts.stream().sorted(Comparator.comparingInt(Forecast::horizonDays)).toList();
    long t0 = history.getFirst().time().getEpochSecond();
    long t1 = Math.max(history.getLast().time().getEpochSecond(),
        fc.stream().mapToLong(f -> f.target().getEpochSecond()).max().orElse(Long.MIN_VALUE));
    double lo = history.stream().mapToDouble(Point::value).min().orElseThrow();
    double hi = history.stream().mapToDouble(Point::value).max().orElseThrow();
    for (Forecast f : fc) {
      for (BigDecimal v : new BigDecimal[] {f.predicted(), f.lower80(), f.upper80(), f.lower95(), f.upper95()}) {
        if (v != null) {
          lo = Math.min(lo, v.doubleValue());
          hi = Math.max(hi, v.doubleValue());
        }
      }
    }
    double pad = hi > lo ? (hi - lo) * 0.06 : Math.max(Math.abs(hi) * 0.01, 0.01);
    Scale s = new Scale(t0, t1, lo - pad, hi + pad, pw, ph);
    grid(t, s, pw, ph);
    Point anchor = history.getLast();
    band(t, s, anchor, fc, Forecast::lower95, Forecast::upper95, BAND_95);
    band(t, s, anchor, fc, Forecast::lower80, Forecast::upper80, BAND_80);
    t.setColorStroke(Pdfs.ACCENT);
    t.setLineWidth(1.2f);
    t.moveTo(s.x(history.getFirst().time()), s.y(history.getFirst().value()));
    for (Point p : history) {
      t.lineTo(s.x(p.time()), s.y(p.value()));
    }
    t.stroke();
    if (!fc.isEmpty()) {
      t.setColorStroke(FORECAST);
      t.setLineDash(3, 2, 0);
      t.moveTo(s.x(anchor.time()), s.y(anchor.value()));
      for (Forecast f : fc) {
        t.lineTo(s.x(f.target()), s.y(f.predicted().doubleValue()));
      }
      t.stroke();
      t.setLineDash(0);
      t.setColorFill(FORECAST);
      for (Forecast f : fc) {
        t.circle(s.x(f.target()), s.y(f.predicted().doubleValue()), 1.8f);
      }
      t.fill();
    }
    legend(t, seriesLabel, !fc.isEmpty(), height);
    return image(t);
  }

  /** Horizontal bars, one per slice, labelled with the share of the total and the value. */
  static Image bars(PdfWriter writer, float width, List<Slice> slices, String currency) {
    float row = 18;
    float labelWidth = 120;
    float valueWidth = 120;
    float height = Math.max(row, row * slices.size()) + 4;
    PdfTemplate t = writer.getDirectContent().createTemplate(width, height);
    double total = slices.stream().mapToDouble(sl -> sl.value().doubleValue()).sum();
    double max = slices.stream().mapToDouble(sl -> sl.value().doubleValue()).max().orElse(0);
    float barSpace = width - labelWidth - valueWidth;
    for (int i = 0; i < slices.size(); i++) {
      Slice sl = slices.get(i);
      float y = height - (i + 1) * row;
      text(t, sl.label(), 0, y + 5, Element.ALIGN_LEFT, 8.5f);
      float w = max <= 0 ? 0 : (float) (sl.value().doubleValue() / max * barSpace);
      t.setColorFill(PALETTE[i % PALETTE.length]);
      t.rectangle(labelWidth, y + 3, Math.max(w, 0.5f), row - 6);
      t.fill();
      String share = total <= 0 ? "–" : String.format(Locale.ROOT, "%.1f %%", sl.value().doubleValue() / total * 100);
      text(t, share + "  " + Pdfs.money(sl.value()) + " " + currency,
          labelWidth + w + 4, y + 5, Element.ALIGN_LEFT, 8);
    }
    return image(t);
  }

  /** Data space to chart space, with the plot's lower-left corner at (LEFT, BOTTOM). */
  private record Scale(long t0, long t1, double lo, double hi, float pw, float ph) {
    float x(Instant t) {
      return t1 == t0 ? LEFT + pw / 2 : LEFT + (float) ((t.getEpochSecond() - t0) / (double) (t1 - t0) * pw);
    }

    float y(double v) {
      return BOTTOM + (float) ((v - lo) / (hi - lo) * ph);
    }
  }

  private static void band(PdfTemplate t, Scale s, Point anchor, List<Forecast> fc, Function<Forecast, BigDecimal> lower,
                           Function<Forecast, BigDecimal> upper, Color fill) {
    List<Forecast> banded = fc.stream().filter(f -> lower.apply(f) != null && upper.apply(f) != null).toList();
    if (banded.isEmpty()) {
      return;
    }
    t.setColorFill(fill);
    t.moveTo(s.x(anchor.time()), s.y(anchor.value()));
    for (Forecast f : banded) {
      t.lineTo(s.x(f.target()), s.y(lower.apply(f).doubleValue()));
    }
    List<Forecast> back = new ArrayList<>(banded);
    Collections.reverse(back);
    for (Forecast f : back) {
      t.lineTo(s.x(f.target()), s.y(upper.apply(f).doubleValue()));
    }
    t.closePath();
    t.fill();
  }

  private static void grid(PdfTemplate t, Scale s, float pw, float ph) {
    frame(t, pw, ph);
    double step = (s.hi() - s.lo()) / 4;
    int decimals = step >= 10 ? 0 : step >= 0.1 ? 2 : 4;
    t.setColorStroke(GRID);
    t.setLineWidth(0.5f);
    for (int i = 0; i <= 4; i++) {
      double v = s.lo() + step * i;
      float y = s.y(v);
      t.moveTo(LEFT, y);
      t.lineTo(LEFT + pw, y);
      t.stroke();
      text(t, String.format(Locale.ROOT, "%,." + decimals + "f", v), LEFT - 4, y - 2.5f, Element.ALIGN_RIGHT, 7);
    }
    long mid = (s.t0() + s.t1()) / 2;
    text(t, DAY.format(Instant.ofEpochSecond(s.t0())), LEFT, 4, Element.ALIGN_LEFT, 7);
    text(t, DAY.format(Instant.ofEpochSecond(mid)), LEFT + pw / 2, 4, Element.ALIGN_CENTER, 7);
    text(t, DAY.format(Instant.ofEpochSecond(s.t1())), LEFT + pw, 4, Element.ALIGN_RIGHT, 7);
  }

  private static void frame(PdfTemplate t, float pw, float ph) {
    t.setColorStroke(GRID);
    t.setLineWidth(0.8f);
    t.rectangle(LEFT, BOTTOM, pw, ph);
    t.stroke();
  }

  private static void legend(PdfTemplate t, String seriesLabel, boolean forecast, float height) {
    float y = height - 10;
    float x = LEFT;
    x = swatch(t, x, y, Pdfs.ACCENT, seriesLabel);
    if (forecast) {
      x = swatch(t, x, y, FORECAST, "forecast");
      x = swatch(t, x, y, BAND_80, "80 % band");
      swatch(t, x, y, BAND_95, "95 % band");
    }
  }

  private static float swatch(PdfTemplate t, float x, float y, Color color, String label) {
    t.setColorFill(color);
    t.rectangle(x, y, 10, 5);
    t.fill();
    text(t, label, x + 13, y, Element.ALIGN_LEFT, 7);
    return x + 13 + Pdfs.HELVETICA.getWidthPoint(label, 7) + 12;
  }

  private static void text(PdfContentByte c, String s, float x, float y, int align, float size) {
    c.beginText();
    c.setColorFill(Pdfs.INK);
    c.setFontAndSize(Pdfs.HELVETICA, size);
    c.showTextAligned(align, s, x, y, 0);
    c.endText();
  }

  private static Image image(PdfTemplate t) {
    Image img = Image.getInstance(t);
    img.setAlignment(Element.ALIGN_CENTER);
    return img;
  }
}
