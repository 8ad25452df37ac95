/**
 * Compare 2–4 assets side by side: prices rebased to 100 on common hourly times, yield, risk, 30-day volatility and
 * the correlation matrix of hourly log returns (seed 000's comparative analysis tool).
 */
import { createChart, LineSeries, ColorType, type UTCTimestamp } from 'lightweight-charts';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api';
import { Empty, ErrorBox, Loading, RiskBadge } from '../components';
import { align, correlation, formatPct, logReturns, rebase } from '../format';
import { go } from '../router';
import { market, useStore } from '../store';

const COLORS = ['#6366f1', '#f59e0b', '#22c55e', '#ef4444'];

interface Loaded { symbols: string[]; times: number[]; values: number[][] }

export function Compare({ query }: { query: URLSearchParams }) {
  const m = useStore(market);
  const symbols = (query.get('symbols') ?? '').split(',').filter((s) => m.assets.has(s)).slice(0, 4);
  const [data, setData] = useState<Loaded | null>(null);
  const [error, setError] = useState<unknown>(null);
  const el = useRef<HTMLDivElement>(null);
  const key = symbols.join(',');

  useEffect(() => {
    setData(null);
    setError(null);
    if (symbols.length < 2) return;
    let stale = false;
    Promise.all(symbols.map((s) => api.get<{ data: { open_time: string; close: string }[] }>(
      `/api/v1/assets/${encodeURIComponent(s)}/ohlcv`, { interval: '1h', limit: 720 })))
      .then((all) => {
        if (stale) return;
        const series = all.map((r) => new Map(r.data.map((b) => [Date.parse(b.open_time) / 1000, Number(b.close)])));
        setData({ symbols, ...align(series) });
      }, (e) => !stale && setError(e));
    return () => { stale = true; };
  }, [key]);

  useEffect(() => {
    if (!data || !el.current || data.times.length === 0) return;
    const style = getComputedStyle(document.documentElement);
    const chart = createChart(el.current, {
      autoSize: true, height: 320,
      layout: { attributionLogo: false, background: { type: ColorType.Solid, color: style.getPropertyValue('--panel').trim() || '#fff' }, textColor: style.getPropertyValue('--text').trim() || '#111' },
      grid: { vertLines: { visible: false }, horzLines: { color: style.getPropertyValue('--grid').trim() || '#eee' } },
      timeScale: { timeVisible: true },
    });
    data.values.forEach((v, i) => {
      const s = chart.addSeries(LineSeries, { color: COLORS[i], lineWidth: 2, title: data.symbols[i] });
      const r = rebase(v);
      s.setData(data.times.map((t, j) => ({ time: t as UTCTimestamp, value: r[j] })));
    });
    chart.timeScale().fitContent();
    return () => chart.remove();
  }, [data]);

  const toggle = (s: string) => {
    const next = symbols.includes(s) ? symbols.filter((x) => x !== s) : [...symbols, s].slice(0, 4);
    go(`/compare?symbols=${next.join(',')}`);
  };
  const returns = data?.values.map(logReturns) ?? [];
  const vol = (r: number[]) => {
    const x = r.filter(Number.isFinite);
    if (x.length < 3) return null;
    const mean = x.reduce((a, b) => a + b, 0) / x.length;
    return Math.sqrt(x.reduce((a, b) => a + (b - mean) ** 2, 0) / (x.length - 1) * 24 * 365);
  };
  return (
    <section>
      <header class="page-head"><h1>Compare</h1><p class="muted">Pick 2 to 4 assets.</p></header>
      <div class="chips pick" data-testid="compare-picker">
        {[...m.assets.keys()].map((s) => (
          <button key={s} class={`chip ${symbols.includes(s) ? 'active' : ''}`} onClick={() => toggle(s)} aria-pressed={symbols.includes(s)}>{s}</button>
        ))}
      </div>
      <ErrorBox error={error} />
      {symbols.length < 2 ? <Empty title="Choose at least two assets">The chart rebases their prices to 100 at the first common hour.</Empty>
        : !data ? <Loading /> : data.times.length < 2 ? <Empty title="Not enough common history">These assets have no overlapping hourly bars yet.</Empty> : (
          <div class="grid-2" data-testid="compare">
            <div class="panel"><h3>Price, rebased to 100 (hourly, last 30 days)</h3><div ref={el} class="chart" /></div>
            <div class="panel">
              <table>
                <thead><tr><th /> {data.symbols.map((s, i) => <th key={s} style={{ color: COLORS[i] }}>{s}</th>)}</tr></thead>
                <tbody>
                  <tr><td>Change</td>{data.values.map((v, i) => <td key={i} class="num">{formatPct(v[v.length - 1] / v[0] - 1)}</td>)}</tr>
                  <tr><td>Yield</td>{data.symbols.map((s) => <td key={s} class="num">{m.assets.get(s)?.yield_apy ? formatPct(Number(m.assets.get(s)!.yield_apy), false) : '—'}</td>)}</tr>
                  <tr><td>Volatility (ann.)</td>{returns.map((r, i) => <td key={i} class="num">{formatPct(vol(r), false)}</td>)}</tr>
                  <tr><td>Risk</td>{data.symbols.map((s) => <td key={s}><RiskBadge score={m.assets.get(s)?.risk_score} /></td>)}</tr>
                </tbody>
              </table>
              <h3>Correlation of hourly returns</h3>
              <table class="corr" data-testid="correlation">
                <thead><tr><th />{data.symbols.map((s) => <th key={s}>{s}</th>)}</tr></thead>
                <tbody>
                  {data.symbols.map((s, i) => (
                    <tr key={s}><th>{s}</th>{data.symbols.map((_, j) => {
                      const c = i === j ? 1 : correlation(returns[i], returns[j]);
                      return <td key={j} class="num" data-corr={c == null ? '' : c.toFixed(2)}>{c == null ? '—' : c.toFixed(2)}</td>;
                    })}</tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        )}
    </section>
  );
}
