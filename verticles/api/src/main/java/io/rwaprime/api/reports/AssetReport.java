package io.rwaprime.api.reports;

import com.lowagie.text.Document;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import io.rwaprime.api.reports.ReportData.Asset;
import io.rwaprime.api.reports.ReportData.Driver;
import io.rwaprime.api.reports.ReportData.Forecast;
import io.rwaprime.api.reports.ReportData.Risk;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * The one-asset PDF: registry facts (class, issuer, chain, contract, NAV, yield), the latest price, a 90-day price
 * chart continued by the forecasts and their bands, the latest risk score with sub-scores and top drivers, and the
 * forecast table. Pure: the same data renders the same report.
 */
public final class AssetReport {

  private AssetReport() {}

  /** The PDF bytes of {@code data}. */
  public static byte[] render(ReportData.AssetReport data) {
    Asset a = data.asset();
    return Pdfs.render(a.name() + " (" + a.symbol() + ")", (doc, writer) -> {
      Pdfs.title(doc, a.name() + " (" + a.symbol() + ")", "Asset report · " + Pdfs.time(data.generatedAt()));
      facts(doc, data);
      chart(doc, writer, data);
      risk(doc, data);
      forecasts(doc, data);
      Pdfs.closing(doc, data.generatedAt());
    });
  }

  private static void facts(Document doc, ReportData.AssetReport data) {
    Asset a = data.asset();
    String latest = data.latest().map(p -> Pdfs.exact(p.value()) + " " + a.currency() + "  (" + p.source()
        + (p.time() == null ? "" : ", " + Pdfs.time(p.time())) + ")").orElse("no trade or bar yet");
    Pdfs.section(doc, "Overview");
    doc.add(Pdfs.facts(new String[][] {
        {"Asset class", Pdfs.label(a.assetClass())},
        {"Issuer", a.issuer()},
        {"Chain", a.chain()},
        {"Contract", a.contract()},
        {"NAV", a.nav() == null ? null : Pdfs.exact(a.nav()) + " " + a.currency()},
        {"Yield (APY)", Pdfs.percent(a.yieldApy(), 2)},
        {"Latest price", latest},
    }));
  }

  private static void chart(Document doc, PdfWriter writer, ReportData.AssetReport data) {
    String interval = "1d".equals(data.interval()) ? "daily" : "hourly";
    Pdfs.section(doc, "Price, last 90 days" + (data.history().isEmpty() ? ""
        : " (" + interval + " closes, " + data.asset().currency() + ")"));
    float width = doc.getPageSize().getWidth() - doc.leftMargin() - doc.rightMargin();
    doc.add(Charts.price(writer, width, 165, data.history(), data.forecasts(), interval + " close"));
    if (!data.history().isEmpty()) {
      double first = data.history().getFirst().value();
      double last = data.history().getLast().value();
      Pdfs.note(doc, String.format(Locale.ROOT, "%d bars; first close %s, last close %s, change %+.2f %%.",
          data.history().size(), Pdfs.exact(BigDecimal.valueOf(first)), Pdfs.exact(BigDecimal.valueOf(last)),
          first == 0 ? 0 : (last / first - 1) * 100));
    }
  }

  private static void risk(Document doc, ReportData.AssetReport data) {
    Pdfs.section(doc, "Risk score (1–100, higher is riskier)");
    if (data.risk().isEmpty()) {
      Pdfs.note(doc, "No risk score has been computed for this asset yet.");
      return;
    }
    Risk r = data.risk().get();
    doc.add(Pdfs.facts(new String[][] {
        {"Composite score", r.composite() + " / 100"},
        {"Market", score(r.market())},
        {"Credit", score(r.credit())},
        {"Regulatory", score(r.regulatory())},
        {"Technical", score(r.technical())},
        {"Calculated", Pdfs.time(r.calculatedAt()) + (r.modelVersion() == null ? "" : " · model " + r.modelVersion())},
    }));
    if (!r.drivers().isEmpty()) {
      Pdfs.note(doc, " ");
      PdfPTable t = Pdfs.table(new float[] {2.4f, 1.4f, 1}, new String[] {"Top driver", "Category", "Contribution (points)"}, 2);
      for (Driver d : r.drivers()) {
        Pdfs.row(t, 2, d.factor().replace('_', ' '), d.category(), String.format(Locale.ROOT, "%.2f", d.contribution()));
      }
      doc.add(t);
    }
  }

  private static void forecasts(Document doc, ReportData.AssetReport data) {
    Pdfs.section(doc, "Forecast");
    if (data.forecasts().isEmpty()) {
      Pdfs.note(doc, "No forecast is available for this asset.");
      return;
    }
    PdfPTable t = Pdfs.table(new float[] {0.8f, 1.2f, 1, 1.6f, 1.6f, 1.2f, 1.3f},
        new String[] {"Horizon", "Target date", "Point", "80 % band", "95 % band", "Made", "Model"}, 2);
    for (Forecast f : data.forecasts()) {
      Pdfs.row(t, 2, f.horizonDays() + " d", Pdfs.day(f.target()), Pdfs.exact(f.predicted()),
          band(f.lower80(), f.upper80()), band(f.lower95(), f.upper95()), Pdfs.day(f.generatedAt()), f.modelVersion());
    }
    doc.add(t);
    Pdfs.note(doc, "Bands are the model's prediction intervals: the price is expected inside the 80 % band four times "
        + "in five, inside the 95 % band nineteen times in twenty.");
  }

  private static String band(BigDecimal lo, BigDecimal hi) {
    return lo == null || hi == null ? "–" : Pdfs.exact(lo) + " – " + Pdfs.exact(hi);
  }

  private static String score(Integer s) {
    return s == null ? "–" : s + " / 100";
  }
}
