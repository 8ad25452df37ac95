/** Asset detail: Overview (live candles, interval switch, forecast band), Risk, On-chain, Fundamentals. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { INTERVAL_SECONDS, PriceChart, type BarJson, type ForecastStep } from '../chart';
import { Empty, ErrorBox, Gauge, Loading, RiskBadge, Tabs, toast, useLoad } from '../components';
import { live } from '../connection';
import { ago, change, className, formatPct, formatPrice } from '../format';
import { auth } from '../session';
import { market, useStore } from '../store';
import { OnchainTab } from './Onchain';

const TABS: [string, string][] = [['overview', 'Overview'], ['risk', 'Risk'], ['onchain', 'On-chain'], ['fundamentals', 'Fundamentals']];

export function AssetView({ symbol, tab }: { symbol: string; tab: string }) {
  const m = useStore(market);
  const a = m.assets.get(symbol);
  if (!m.loaded) return <Loading />;
  if (!a) return <Empty title={`No asset ${symbol}`}>It is not in the registry.</Empty>;
  const ch = change(a.price, a.close_24h);
  return (
    <section>
      <header class="page-head asset-head">
        <div>
          <h1>{a.symbol} <span class="muted">{a.name}</span></h1>
          <p class="muted">{className(a.asset_class)} · {a.chain} · {a.issuer}</p>
        </div>
        <div class="quote">
          <span class={`big price ${a.tick ?? ''}`} data-testid="last-price">{formatPrice(a.price)}</span>
          <span class={ch == null ? '' : ch >= 0 ? 'pos' : 'neg'}>{formatPct(ch)} 24 h</span>
          <RiskBadge score={a.risk_score} />
          <WatchButton symbol={symbol} />
        </div>
      </header>
      <Tabs tabs={TABS} current={tab} base={`/asset/${symbol}`} />
      {tab === 'overview' && <OverviewTab symbol={symbol} />}
      {tab === 'risk' && <RiskTab symbol={symbol} />}
      {tab === 'onchain' && <OnchainTab symbol={symbol} />}
      {tab === 'fundamentals' && <FundamentalsTab symbol={symbol} />}
    </section>
  );
}

function WatchButton({ symbol }: { symbol: string }) {
  const session = useStore(auth);
  if (!session) return null;
  const add = () =>
    api.post('/api/v1/watchlist', { symbol }).then(
      () => toast('Watchlist', `${symbol} added`),
      (e: ApiError) => toast('Watchlist', e.detail, 'error'),
    );
  return <button class="ghost" onClick={add}>☆ Watch</button>;
}

function OverviewTab({ symbol }: { symbol: string }) {
  const [interval, setInterval] = useState('1m');
  const el = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<{ error?: unknown; bars?: number; forecast?: 'none' | 'shown' | 'other-interval' }>({});
  useEffect(() => {
    if (!el.current) return;
    const chart = new PriceChart(el.current, INTERVAL_SECONDS[interval]);
    const node = el.current;
    node.dataset.liveUpdates = '0';
    let closed = false;
    const onTheme = () => chart.theme();
    addEventListener('rwa-theme', onTheme);
    const unsubs: (() => void)[] = [];
    api.get<{ data: BarJson[] }>(`/api/v1/assets/${encodeURIComponent(symbol)}/ohlcv`, { interval, limit: 300 })
      .then(async (res) => {
        if (closed) return;
        chart.setBars(res.data);
        node.dataset.candles = String(res.data.length);
        node.dataset.renderedMs = String(Math.round(performance.now()));
        setState((s) => ({ ...s, bars: res.data.length }));
        unsubs.push(live.subscribe(`rwa.ticks.${symbol}`, (t) => {
          chart.tick(t.event_time, Number(t.price), Number(t.volume));
          if (!node.dataset.firstLiveMs) node.dataset.firstLiveMs = String(Math.round(performance.now()));
        }));
        unsubs.push(live.subscribe(`rwa.bars.${interval}`, (b) => {
          if (b.symbol === symbol) chart.bar(b);
        }));
        if (interval === '1h' || interval === '1d') {
          try {
            const f = await api.get<{ steps: ForecastStep[] }>(`/api/v1/predictions/${encodeURIComponent(symbol)}`);
            if (!closed) {
              chart.setForecast(f.steps);
              node.dataset.forecastSteps = String(f.steps.length);
              setState((s) => ({ ...s, forecast: 'shown' }));
            }
          } catch (e) {
            if (!closed) setState((s) => ({ ...s, forecast: (e as ApiError).status === 404 ? 'none' : 'none', error: (e as ApiError).status === 404 ? undefined : e }));
          }
        } else {
          setState((s) => ({ ...s, forecast: 'other-interval' }));
        }
      })
      .catch((error) => !closed && setState({ error }));
    return () => {
      closed = true;
      unsubs.forEach((u) => u());
      removeEventListener('rwa-theme', onTheme);
      chart.destroy();
    };
  }, [symbol, interval]);
  return (
    <div class="panel">
      <div class="toolbar">
        <div class="seg" role="group" aria-label="interval">
          {Object.keys(INTERVAL_SECONDS).map((i) => (
            <button key={i} class={i === interval ? 'active' : ''} onClick={() => setInterval(i)} data-interval={i}>{i}</button>
          ))}
        </div>
        <span class="muted small" data-testid="forecast-note">
          {state.forecast === 'shown' && '7-day forecast: mean, 80 % and 95 % bands'}
          {state.forecast === 'none' && 'No forecast for this asset yet (it needs 60 days of history).'}
          {state.forecast === 'other-interval' && 'The forecast band shows on the 1h and 1d intervals.'}
        </span>
      </div>
      <ErrorBox error={state.error} />
      <div ref={el} class="chart" data-testid="price-chart" data-interval={interval} />
      {state.bars === 0 && <Empty title="No bars yet">Candles appear as ticks arrive.</Empty>}
    </div>
  );
}

interface Driver { factor: string; category: string; weight: number; raw_value: string; normalized: number; contribution: number; imputed: boolean }
interface Risk { symbol: string; composite_score: number; calculated_at: string; sub_scores: Record<string, number>; drivers: Driver[] }

function RiskTab({ symbol }: { symbol: string }) {
  const r = useLoad(() => api.get<Risk>(`/api/v1/risk/${encodeURIComponent(symbol)}`), [symbol]);
  const [liveRisk, setLiveRisk] = useState<Risk | null>(null);
  useEffect(() => live.subscribe('rwa.risk', (x) => {
    if (x.symbol === symbol) {
      setLiveRisk({ symbol, composite_score: x.composite, calculated_at: x.calculated_at,
        sub_scores: { market: x.market, credit: x.credit, regulatory: x.regulatory, technical: x.technical }, drivers: x.drivers });
    }
  }), [symbol]);
  if (r.loading && !r.data) return <Loading />;
  const risk = liveRisk ?? r.data;
  if (!risk) {
    return (r.error as ApiError)?.status === 404
      ? <Empty title="No risk score yet">The risk role scores every asset once it has price history.</Empty>
      : <ErrorBox error={r.error} />;
  }
  const drivers = [...risk.drivers].sort((x, y) => y.contribution - x.contribution);
  return (
    <div class="grid-2" data-testid="risk-tab">
      <div class="panel center">
        <Gauge score={risk.composite_score} label="Composite risk" />
        <p class="muted small">1–100, higher is riskier · {ago(risk.calculated_at)}</p>
        <div class="subscores">
          {Object.entries(risk.sub_scores).map(([k, v]) => (
            <div class="subscore" key={k}>
              <span>{k}</span>
              <div class="bar"><div class={`fill risk-${v <= 30 ? 'low' : v <= 50 ? 'moderate' : v <= 70 ? 'elevated' : 'high'}`} style={{ width: `${v}%` }} /></div>
              <span class="num">{v}</span>
            </div>
          ))}
        </div>
      </div>
      <div class="panel">
        <h3>What drives the score</h3>
        <table class="drivers">
          <thead><tr><th>Factor</th><th class="hide-sm">Category</th><th class="num">Value</th><th class="num">Weight</th><th class="num">Points</th></tr></thead>
          <tbody>
            {drivers.map((d) => (
              <tr key={d.factor}>
                <td>{d.factor.replace(/_/g, ' ')}{d.imputed && <span class="muted small" title="no data: scored as neutral"> (imputed)</span>}</td>
                <td class="hide-sm">{d.category}</td>
                <td class="num">{fmtRaw(d.raw_value)}</td>
                <td class="num">{(d.weight * 100).toFixed(1)} %</td>
                <td class="num">{d.contribution.toFixed(1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function fmtRaw(v: string): string {
  const n = Number(v);
  return v !== '' && Number.isFinite(n) ? (Math.abs(n) < 1000 ? n.toPrecision(4).replace(/\.?0+$/, '') : formatPrice(n)) : v;
}

function FundamentalsTab({ symbol }: { symbol: string }) {
  const a = useStore(market).assets.get(symbol)!;
  const f = useLoad(() => api.get<Record<string, unknown>>(`/api/v1/assets/${encodeURIComponent(symbol)}/features`).catch(() => null), [symbol]);
  const feat = f.data ?? {};
  const num = (k: string) => (feat[k] == null ? null : Number(feat[k]));
  return (
    <div class="grid-2" data-testid="fundamentals">
      <div class="panel">
        <h3>Issuer and structure</h3>
        <dl class="kv">
          <dt>Issuer</dt><dd>{a.issuer}</dd>
          <dt>Class</dt><dd>{className(a.asset_class)}</dd>
          <dt>Currency</dt><dd>{a.currency}</dd>
          <dt>NAV</dt><dd>{a.nav ? formatPrice(a.nav) : (num('nav') != null ? formatPrice(num('nav')) : '—')}</dd>
          <dt>Yield (APY)</dt><dd>{a.yield_apy ? formatPct(Number(a.yield_apy), false) : formatPct(num('yield_apy'), false)}</dd>
          <dt>NAV premium</dt><dd>{formatPct(num('nav_premium'))}</dd>
          <dt>Spread over T-bill</dt><dd>{formatPct(num('yield_spread_over_tbill'))}</dd>
          <dt>Realized vol. 30 d</dt><dd>{formatPct(num('realized_vol_30d'), false)}</dd>
          <dt>Max drawdown</dt><dd>{formatPct(num('max_drawdown'), false)}</dd>
          {Object.entries(a.contracts ?? {}).map(([chain, addr]) => (
            <><dt>Contract ({chain})</dt><dd class="mono ellipsis">{addr}</dd></>
          ))}
        </dl>
      </div>
      <div class="panel">
        <h3>Underlying</h3>
        {a.underlying && Object.keys(a.underlying).length > 0 ? (
          <dl class="kv">
            {Object.entries(a.underlying).map(([k, v]) => (
              <><dt>{k.replace(/_/g, ' ')}</dt><dd>{Array.isArray(v) ? v.join(', ') : String(v)}</dd></>
            ))}
          </dl>
        ) : <p class="muted">No details recorded.</p>}
        {(a.documents ?? []).length > 0 && (
          <>
            <h3>Documents</h3>
            <ul>{a.documents!.map((d) => <li key={d}><a href={d} rel="noopener noreferrer" target="_blank">{d}</a></li>)}</ul>
          </>
        )}
      </div>
    </div>
  );
}
