/** Screener: filter by class, chain, minimum yield and maximum risk, and search; the server filters, prices stay live. */
import { useState } from 'preact/hooks';
import { api } from '../api';
import { ErrorBox, Loading, useLoad } from '../components';
import { ASSET_CLASSES } from '../format';
import { market, useStore, type Asset } from '../store';
import { AssetTable } from './Overview';

export function Screener() {
  const m = useStore(market);
  const [f, setF] = useState({ asset_class: '', chain: '', min_yield: '', max_risk: '', q: '', sort_by: 'symbol', order: 'asc' });
  const query = {
    asset_class: f.asset_class,
    chain: f.chain,
    min_yield: f.min_yield === '' ? '' : String(Number(f.min_yield) / 100),
    max_risk: f.max_risk,
    q: f.q.trim(),
    sort_by: f.sort_by,
    order: f.order,
    limit: 100,
  };
  const result = useLoad(() => api.get<{ data: Asset[]; total: number }>('/api/v1/assets', query), [JSON.stringify(query)]);
  const chains = [...new Set([...m.assets.values()].map((a) => a.chain))].sort();
  // the list comes from the server; the live fields come from the store
  const rows = (result.data?.data ?? []).map((a) => ({ ...a, ...pickLive(m.assets.get(a.symbol)) }));
  const set = (k: keyof typeof f) => (e: Event) => setF({ ...f, [k]: (e.target as HTMLInputElement).value });
  return (
    <section>
      <header class="page-head">
        <h1>Screener</h1>
      </header>
      <form class="filters" onSubmit={(e) => e.preventDefault()} data-testid="screener-filters">
        <label>Search<input type="search" value={f.q} onInput={set('q')} placeholder="symbol or name" name="q" /></label>
        <label>Class
          <select value={f.asset_class} onChange={set('asset_class')} name="asset_class">
            <option value="">all</option>
            {Object.entries(ASSET_CLASSES).map(([k, v]) => <option value={k} key={k}>{v}</option>)}
          </select>
        </label>
        <label>Chain
          <select value={f.chain} onChange={set('chain')} name="chain">
            <option value="">all</option>
            {chains.map((c) => <option value={c} key={c}>{c}</option>)}
          </select>
        </label>
        <label>Min. yield %<input type="number" min="0" max="100" step="0.1" value={f.min_yield} onInput={set('min_yield')} name="min_yield" /></label>
        <label>Max. risk<input type="number" min="1" max="100" value={f.max_risk} onInput={set('max_risk')} name="max_risk" /></label>
        <label>Sort
          <select value={f.sort_by} onChange={set('sort_by')} name="sort_by">
            {['symbol', 'name', 'asset_class', 'chain', 'issuer', 'yield', 'risk'].map((s) => <option key={s}>{s}</option>)}
          </select>
        </label>
        <label>Order
          <select value={f.order} onChange={set('order')} name="order">
            <option value="asc">ascending</option>
            <option value="desc">descending</option>
          </select>
        </label>
      </form>
      <ErrorBox error={result.error} />
      {result.loading && !result.data ? <Loading /> : (
        <>
          <p class="muted small" data-testid="screener-count">{result.data?.total ?? 0} matching</p>
          <AssetTable assets={rows} testId="screener-table" />
        </>
      )}
    </section>
  );
}

function pickLive(a?: Asset): Partial<Asset> {
  return a ? { price: a.price, price_time: a.price_time, tick: a.tick, sparkline_24h: a.sparkline_24h, risk_score: a.risk_score } : {};
}
