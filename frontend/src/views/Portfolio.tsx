/**
 * Portfolio (holdings, P&L, allocation, VaR), wallet sync (watch-only: holdings read from an EVM wallet) and watchlist;
 * refreshed live when the owner's portfolio changes.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { Empty, ErrorBox, Loading, toast, useLoad } from '../components';
import { className, formatCompact, formatPct, formatPrice } from '../format';
import { shortAddress, syncSummary, walletSyncBody } from '../onchain';
import { href } from '../router';
import { market, useStore } from '../store';
import { auth } from '../session';
import { AssetTable } from './Overview';

interface Holding {
  holding_id: string; symbol: string; name?: string; asset_class: string; quantity: string; avg_purchase_price?: string | null;
  price?: string | null; value?: string | null; cost?: string | null; pnl?: string | null; pnl_pct?: string | number | null; weight?: number | string | null;
  /** Set on a holding that a wallet sync wrote (and keeps up to date on the next sync). */
  wallet_address?: string | null; chain?: string | null;
}
interface PortfolioJson { holdings: Holding[]; total_value: string; total_cost?: string | null; total_pnl?: string | null; allocation: Record<string, string | number> | { asset_class: string; weight: number | string; value?: string }[] }

const COLORS = ['#6366f1', '#22c55e', '#f59e0b', '#ef4444', '#06b6d4', '#a855f7', '#84cc16'];

export function Donut({ parts }: { parts: [string, number][] }) {
  const total = parts.reduce((s, [, v]) => s + v, 0);
  if (total <= 0) return null;
  let acc = 0;
  const r = 40;
  const c = 2 * Math.PI * r;
  return (
    <figure class="donut" data-testid="allocation-chart">
      <svg viewBox="0 0 100 100" width="160" height="160" role="img" aria-label="allocation by asset class">
        {parts.map(([k, v], i) => {
          const len = (v / total) * c;
          const el = <circle key={k} r={r} cx="50" cy="50" fill="none" stroke={COLORS[i % COLORS.length]} stroke-width="18"
            stroke-dasharray={`${len} ${c - len}`} stroke-dashoffset={-acc} transform="rotate(-90 50 50)" />;
          acc += len;
          return el;
        })}
      </svg>
      <figcaption>
        {parts.map(([k, v], i) => (
          <div key={k}><span class="swatch" data-color={i} style={{ background: COLORS[i % COLORS.length] }} />{className(k)} {formatPct(v / total, false, 1)}</div>
        ))}
      </figcaption>
    </figure>
  );
}

function allocationParts(p: PortfolioJson): [string, number][] {
  const a = p.allocation;
  if (Array.isArray(a)) return a.map((x) => [x.asset_class, Number(x.value ?? x.weight)]);
  return Object.entries(a ?? {}).map(([k, v]) => [k, Number(typeof v === 'object' && v ? (v as any).value ?? (v as any).weight : v)]);
}

export function PortfolioView() {
  const session = useStore(auth);
  const m = useStore(market);
  const p = useLoad(() => (session ? api.get<PortfolioJson>('/api/v1/portfolio') : Promise.resolve(null)), [session?.user?.user_id]);
  const w = useLoad(() => (session ? api.get<{ data: { symbol: string }[] }>('/api/v1/watchlist') : Promise.resolve(null)), [session?.user?.user_id]);
  const risk = useLoad(() => (session ? api.get<any>('/api/v1/portfolio/risk').catch(() => null) : Promise.resolve(null)), [session?.user?.user_id]);
  const [changes, setChanges] = useState(0);
  useEffect(() => {
    const on = (e: Event) => {
      setChanges((n) => n + 1);
      const d = (e as CustomEvent).detail;
      toast('Portfolio updated', `${String(d.change).replace(/_/g, ' ')}${d.symbol ? ` · ${d.symbol}` : ''}`);
      p.reload();
      w.reload();
      risk.reload();
    };
    addEventListener('rwa-portfolio', on);
    return () => removeEventListener('rwa-portfolio', on);
  });
  const [form, setForm] = useState({ symbol: '', quantity: '', avg_purchase_price: '' });
  const [formError, setFormError] = useState<unknown>(null);
  if (!session) return <Empty title="Sign in to see your portfolio"><a href={href('/login')}>Sign in</a> or create an account.</Empty>;
  const add = async (e: Event) => {
    e.preventDefault();
    setFormError(null);
    try {
      await api.post('/api/v1/portfolio/holdings', {
        symbol: form.symbol, quantity: form.quantity, ...(form.avg_purchase_price ? { avg_purchase_price: form.avg_purchase_price } : {}),
      });
      setForm({ symbol: '', quantity: '', avg_purchase_price: '' });
      p.reload();
    } catch (err) {
      setFormError(err);
    }
  };
  const remove = (h: Holding) => api.del(`/api/v1/portfolio/holdings/${h.holding_id}`).then(p.reload, (e: ApiError) => toast('Portfolio', e.detail, 'error'));
  const unwatch = (s: string) => api.del(`/api/v1/watchlist/${encodeURIComponent(s)}`).then(w.reload, (e: ApiError) => toast('Watchlist', e.detail, 'error'));
  const data = p.data;
  const watched = (w.data?.data ?? []).map((x) => m.assets.get(x.symbol)).filter((x) => x !== undefined);
  return (
    <section data-testid="portfolio" data-live-changes={changes}>
      <header class="page-head"><h1>Portfolio</h1></header>
      <ErrorBox error={p.error} />
      {p.loading && !data ? <Loading /> : data && (
        <div class="grid-2">
          <div class="panel">
            <div class="stats">
              <div><span class="muted small">Value</span><strong data-testid="portfolio-value">{formatPrice(data.total_value)}</strong></div>
              <div><span class="muted small">Cost</span><strong>{formatPrice(data.total_cost)}</strong></div>
              <div><span class="muted small">P&amp;L</span><strong class={Number(data.total_pnl) >= 0 ? 'pos' : 'neg'}>{formatPrice(data.total_pnl)}</strong></div>
              {varOf(risk.data) && <div title="parametric, 1 day"><span class="muted small">VaR 95 % · 1 d</span><strong data-testid="portfolio-var">{formatPrice(varOf(risk.data)!.amount)} ({formatPct(varOf(risk.data)!.fraction, false)})</strong></div>}
            </div>
            {data.holdings.length === 0 ? <Empty title="No holdings yet">Add what you hold below.</Empty> : (
              <div class="table-wrap">
                <table data-testid="holdings">
                  <thead><tr><th>Asset</th><th class="num">Quantity</th><th class="num hide-sm">Avg. price</th><th class="num">Value</th><th class="num">P&amp;L</th><th /></tr></thead>
                  <tbody>
                    {data.holdings.map((h) => (
                      <tr key={h.holding_id} data-symbol={h.symbol} data-wallet={h.wallet_address ?? undefined}>
                        <td>
                          <a href={href(`/asset/${h.symbol}`)}>{h.symbol}</a>
                          {h.wallet_address && (
                            <span class="badge wallet" data-testid="wallet-badge" title={`synced from wallet ${h.wallet_address}${h.chain ? ` on ${h.chain}` : ''}`}>
                              wallet <span class="mono">{shortAddress(h.wallet_address)}</span>
                            </span>
                          )}
                        </td>
                        <td class="num">{formatCompact(h.quantity)}</td>
                        <td class="num hide-sm">{formatPrice(h.avg_purchase_price)}</td>
                        <td class="num">{formatPrice(h.value)}</td>
                        <td class={`num ${Number(h.pnl) >= 0 ? 'pos' : 'neg'}`}>{formatPrice(h.pnl)}</td>
                        <td><button class="ghost small" onClick={() => remove(h)} aria-label={`remove ${h.symbol}`}>✕</button></td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <form class="inline-form" onSubmit={add} data-testid="add-holding">
              <select required value={form.symbol} onChange={(e) => setForm({ ...form, symbol: (e.target as HTMLSelectElement).value })} name="symbol">
                <option value="">asset…</option>
                {[...m.assets.keys()].map((s) => <option key={s}>{s}</option>)}
              </select>
              <input required name="quantity" placeholder="quantity" inputMode="decimal" value={form.quantity} onInput={(e) => setForm({ ...form, quantity: (e.target as HTMLInputElement).value })} />
              <input name="avg_purchase_price" placeholder="avg. price (optional)" inputMode="decimal" value={form.avg_purchase_price} onInput={(e) => setForm({ ...form, avg_purchase_price: (e.target as HTMLInputElement).value })} />
              <button type="submit">Add holding</button>
            </form>
            <ErrorBox error={formError} />
            <WalletSync onSynced={() => { p.reload(); risk.reload(); }} />
            <p class="small"><a href="/api/v1/reports/portfolio.pdf" onClick={(e) => { e.preventDefault(); downloadReport(); }}>Download the PDF report</a></p>
          </div>
          <div class="panel">
            <h3>Allocation</h3>
            {allocationParts(data).length ? <Donut parts={allocationParts(data)} /> : <p class="muted">Nothing to allocate yet.</p>}
          </div>
        </div>
      )}
      <h2>Watchlist</h2>
      {watched.length === 0 ? <Empty title="Your watchlist is empty">Open an asset and press ☆ Watch.</Empty> : (
        <>
          <AssetTable assets={watched} testId="watchlist" />
          <p class="small">{watched.map((a) => <button key={a.symbol} class="ghost small" onClick={() => unwatch(a.symbol)}>✕ {a.symbol}</button>)}</p>
        </>
      )}
    </section>
  );
}

interface SyncAnswer { synced_assets: number; new_transactions: number; chain: string; address: string; holdings: { symbol: string; quantity: string; avg_purchase_price: string | null }[] }

/** Reads the holdings of an EVM wallet into the portfolio (watch-only: the address is public, nothing is signed); exported for its test. */
export function WalletSync({ onSynced }: { onSynced: () => void }) {
  const m = useStore(market);
  const [form, setForm] = useState({ address: '', chain: 'ethereum' });
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string; detail?: string } | null>(null);
  const chains = [...new Set(['ethereum', ...[...m.assets.values()].flatMap((a) => Object.keys(a.contracts ?? {}).map((c) => c.toLowerCase()))])];
  const sync = async (e: Event) => {
    e.preventDefault();
    const req = walletSyncBody(form.address, form.chain);
    if ('error' in req) {
      setResult({ ok: false, text: req.error });
      return;
    }
    setBusy(true);
    setResult(null);
    try {
      const r = await api.post<SyncAnswer>('/api/v1/portfolio/sync-wallet', req.body);
      setResult({ ok: true, text: syncSummary(r), detail: r.holdings.map((h) => `${h.symbol} ${formatCompact(h.quantity)}`).join(', ') });
      onSynced();
    } catch (err) {
      const p = err as ApiError;
      setResult({ ok: false, text: p.detail || p.title || String(err) });
    } finally {
      setBusy(false);
    }
  };
  const invalid = result?.ok === false && form.address !== '' && 'error' in walletSyncBody(form.address, form.chain);
  return (
    <>
      <h3>Sync a wallet</h3>
      <form class="inline-form" onSubmit={sync} data-testid="wallet-sync-form" aria-describedby="wallet-sync-help" noValidate>
        <label class="sr-only" for="wallet-address">Wallet address</label>
        <input id="wallet-address" name="address" class="mono" data-testid="wallet-address" placeholder="wallet address 0x…" size={44}
          autoComplete="off" spellcheck={false} aria-invalid={invalid} value={form.address}
          onInput={(e) => { const v = (e.target as HTMLInputElement).value; setForm((f) => ({ ...f, address: v })); }} />
        <label class="sr-only" for="wallet-chain">Chain</label>
        <input id="wallet-chain" name="chain" data-testid="wallet-chain" list="wallet-chains" size={10} autoComplete="off" value={form.chain}
          onInput={(e) => { const v = (e.target as HTMLInputElement).value; setForm((f) => ({ ...f, chain: v })); }} />
        <datalist id="wallet-chains">{chains.map((c) => <option key={c} value={c} />)}</datalist>
        <button type="submit" data-testid="wallet-sync-submit" disabled={busy}>{busy ? 'Syncing…' : 'Sync wallet'}</button>
      </form>
      <p id="wallet-sync-help" class="muted small">Watch-only: reads the balance of every token this deployment scans on the chain, with a cost basis from the wallet's transfers. Nothing is signed.</p>
      {result && (
        <div class={result.ok ? 'notice' : 'error'} role={result.ok ? 'status' : 'alert'} data-testid="wallet-sync-result" data-status={result.ok ? 'ok' : 'error'}>
          {result.text}
        </div>
      )}
      {result?.detail && <p class="muted small">Now held from the wallet: {result.detail}</p>}
    </>
  );
}

/** The 95 %, one-day parametric VaR of the risk role's answer, if it has one. */
function varOf(r: any): { amount: number; fraction: number } | null {
  const v = r?.var?.['95']?.['1'];
  return v && Number.isFinite(v.amount) ? v : null;
}

async function downloadReport() {
  const s = auth.value;
  if (!s) return;
  const res = await fetch('/api/v1/reports/portfolio.pdf', { headers: { Authorization: `Bearer ${s.accessToken}` } });
  if (!res.ok) {
    toast('Report', `the report could not be made (${res.status})`, 'error');
    return;
  }
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = 'portfolio.pdf';
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
