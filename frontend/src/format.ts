/** Number formatting and the small analytics the views compute in the browser (all unit-tested). */

/** A price with precision that suits its size: 4 150.01, 1.0023, 0.000123. */
export function formatPrice(v: number | string | null | undefined): string {
  const n = typeof v === 'string' ? Number(v) : v;
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  const abs = Math.abs(n);
  const digits = abs >= 1000 ? 2 : abs >= 1 ? 4 : abs >= 0.01 ? 5 : 8;
  return n.toLocaleString('en-US', { minimumFractionDigits: Math.min(digits, 2), maximumFractionDigits: digits });
}

/** A US-dollar amount: "$12,345.67"; large ones compact ("$1.23M"); "—" when absent. */
export function formatUsd(v: number | string | null | undefined): string {
  const n = typeof v === 'string' ? Number(v) : v;
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return n.toLocaleString('en-US', Math.abs(n) >= 1e6
    ? { style: 'currency', currency: 'USD', notation: 'compact', maximumFractionDigits: 2 }
    : { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** A fraction as a percentage with sign: 0.0123 → "+1.23 %". */
export function formatPct(fraction: number | null | undefined, signed = true, digits = 2): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '—';
  const s = (fraction * 100).toFixed(digits);
  return `${signed && fraction > 0 ? '+' : ''}${s} %`;
}

/** Large amounts: 1 234 567 → "1.23 M". */
export function formatCompact(v: number | string | null | undefined): string {
  const n = typeof v === 'string' ? Number(v) : v;
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return n.toLocaleString('en-US', { notation: 'compact', maximumFractionDigits: 2 });
}

/** Change of `price` over the close 24 h ago, as a fraction; null when either is missing. */
export function change(price: number | string | null | undefined, before: number | string | null | undefined): number | null {
  const p = Number(price);
  const b = Number(before);
  if (price == null || before == null || !Number.isFinite(p) || !Number.isFinite(b) || b === 0) return null;
  return p / b - 1;
}

export type RiskLevel = 'low' | 'moderate' | 'elevated' | 'high';

/** The badge of a 1–100 composite score (higher is riskier), in the bands of the risk model. */
export function riskLevel(score: number | null | undefined): RiskLevel | null {
  if (score == null) return null;
  if (score <= 30) return 'low';
  if (score <= 50) return 'moderate';
  if (score <= 70) return 'elevated';
  return 'high';
}

/** Log returns of consecutive values. */
export function logReturns(values: number[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < values.length; i++) {
    if (values[i - 1] > 0 && values[i] > 0) out.push(Math.log(values[i] / values[i - 1]));
    else out.push(NaN);
  }
  return out;
}

/** Pearson correlation over the pairs where both are finite; null with fewer than 3 pairs or no variance. */
export function correlation(a: number[], b: number[]): number | null {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (Number.isFinite(a[i]) && Number.isFinite(b[i])) {
      xs.push(a[i]);
      ys.push(b[i]);
    }
  }
  const n = xs.length;
  if (n < 3) return null;
  const mx = xs.reduce((s, x) => s + x, 0) / n;
  const my = ys.reduce((s, y) => s + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  if (sxx === 0 || syy === 0) return null;
  return sxy / Math.sqrt(sxx * syy);
}

/**
 * Aligns several time series on the times they all have (keys are epoch seconds) so returns and correlations
 * compare like with like.
 */
export function align(series: Map<number, number>[]): { times: number[]; values: number[][] } {
  if (series.length === 0) return { times: [], values: [] };
  const times = [...series[0].keys()].filter((t) => series.every((s) => s.has(t))).sort((x, y) => x - y);
  return { times, values: series.map((s) => times.map((t) => s.get(t)!)) };
}

/** Rebases a series to 100 at its first value. */
export function rebase(values: number[]): number[] {
  const first = values.find((v) => Number.isFinite(v) && v !== 0);
  return first === undefined ? values.map(() => NaN) : values.map((v) => (v / first) * 100);
}

/** The points of an SVG polyline drawing `values` in a `width` × `height` box (flat line for a constant series). */
export function sparkPoints(values: number[], width: number, height: number): string {
  const v = values.filter((x) => Number.isFinite(x));
  if (v.length < 2) return '';
  const min = Math.min(...v);
  const max = Math.max(...v);
  const span = max - min || 1;
  const step = width / (v.length - 1);
  return v
    .map((x, i) => `${(i * step).toFixed(1)},${(max === min ? height / 2 : height - ((x - min) / span) * height).toFixed(1)}`)
    .join(' ');
}

/** "3 s ago", "5 min ago", "2 h ago", else the date. */
export function ago(iso: string | number | null | undefined, now = Date.now()): string {
  if (iso == null) return '—';
  const t = typeof iso === 'number' ? iso : Date.parse(iso);
  if (!Number.isFinite(t)) return '—';
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86400) return `${Math.round(s / 3600)} h ago`;
  return new Date(t).toISOString().slice(0, 10);
}

export const ASSET_CLASSES: Record<string, string> = {
  tokenized_treasury: 'Treasuries & MMFs',
  private_credit: 'Private credit',
  real_estate: 'Real estate',
  commodity: 'Commodities',
  tokenized_equity: 'Equities',
};

export function className(c: string | null | undefined): string {
  return c ? ASSET_CLASSES[c] ?? c.replace(/_/g, ' ') : '—';
}
