package io.rwaprime.api.reports;

import com.lowagie.text.Document;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import io.rwaprime.api.reports.ReportData.Holding;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The caller's portfolio as a PDF: totals (value, cost, P&amp;L), an allocation-by-class bar chart, and one row per
 * holding with its price (latest trade, else NAV), value, P&amp;L and latest risk score. Values follow
 * {@code GET /api/v1/portfolio}: a holding without a price counts in neither value nor allocation, one without an
 * average price counts in no cost.
 */
public final class PortfolioReport {

  private PortfolioReport() {}

  /** The PDF bytes of {@code data}. */
  public static byte[] render(ReportData.PortfolioReport data) {
    return Pdfs.render("Portfolio report", (doc, writer) -> {
      Pdfs.title(doc, "Portfolio report", "Your holdings · " + Pdfs.time(data.generatedAt()));
      if (data.holdings().isEmpty()) {
        Pdfs.note(doc, "You hold no assets yet. Add holdings with POST /api/v1/portfolio/holdings.");
      } else {
        totals(doc, data.holdings());
        allocation(doc, writer, data.holdings());
        holdings(doc, data.holdings());
      }
      Pdfs.closing(doc, data.generatedAt());
    });
  }

  private static void totals(Document doc, List<Holding> holdings) {
    BigDecimal value = BigDecimal.ZERO;
    BigDecimal cost = BigDecimal.ZERO;
    BigDecimal costedValue = BigDecimal.ZERO;
    for (Holding h : holdings) {
      value = h.value() == null ? value : value.add(h.value());
      if (h.cost() != null) {
        cost = cost.add(h.cost());
        costedValue = h.value() == null ? costedValue : costedValue.add(h.value());
      }
    }
    BigDecimal pnl = value.subtract(cost);
    Pdfs.section(doc, "Summary");
    doc.add(Pdfs.facts(new String[][] {
        {"Holdings", Integer.toString(holdings.size())},
        {"Total value", Pdfs.money(value) + " USD"},
        {"Total cost", Pdfs.money(cost) + " USD"},
        {"Total P&L", Pdfs.money(pnl) + " USD" + (cost.signum() > 0
            ? "  (" + Pdfs.percent(costedValue.subtract(cost).divide(cost, MathContext.DECIMAL64), 2) + " on cost)" : "")},
    }));
  }

  private static void allocation(Document doc, PdfWriter writer, List<Holding> holdings) {
    Map<String, BigDecimal> byClass = new LinkedHashMap<>();
    holdings.stream().filter(h -> h.value() != null)
        .forEach(h -> byClass.merge(Pdfs.label(h.assetClass()), h.value(), BigDecimal::add));
    Pdfs.section(doc, "Allocation by asset class");
    if (byClass.isEmpty()) {
      Pdfs.note(doc, "No holding has a price or NAV yet.");
      return;
    }
    List<Charts.Slice> slices = byClass.entrySet().stream()
        .sorted(Map.Entry.<String, BigDecimal>comparingByValue().reversed())
        .map(e -> new Charts.Slice(e.getKey(), e.getValue())).toList();
    float width = doc.getPageSize().getWidth() - doc.leftMargin() - doc.rightMargin();
    doc.add(Charts.bars(writer, width, slices, "USD"));
  }

  private static void holdings(Document doc, List<Holding> holdings) {
    Pdfs.section(doc, "Holdings");
    PdfPTable t = Pdfs.table(new float[] {1.1f, 2.2f, 1.1f, 1.3f, 1.3f, 1.4f, 1.3f, 0.8f},
        new String[] {"Symbol", "Name", "Quantity", "Price", "Avg. cost", "Value (USD)", "P&L (USD)", "Risk"}, 2);
    for (Holding h : holdings) {
      BigDecimal pnl = h.value() == null || h.cost() == null ? null : h.value().subtract(h.cost());
      Pdfs.row(t, 2, h.symbol(), h.name(), Pdfs.exact(h.quantity()),
          h.price() == null ? null : Pdfs.exact(h.price()) + ("NAV".equals(h.priceSource()) ? " (NAV)" : ""),
          Pdfs.exact(h.avgPrice()), Pdfs.money(h.value()), Pdfs.money(pnl),
          h.riskScore() == null ? null : h.riskScore().toString());
    }
    doc.add(t);
    Pdfs.note(doc, "Prices are the latest cleaned trade, else the NAV (marked). Risk is the latest composite score "
        + "(1–100, higher is riskier) of each asset.");
  }
}
