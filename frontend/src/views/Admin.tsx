/** Admin panel: users and tiers, feed and pipeline health, dead-letter browser, model performance. */
import { useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { Empty, ErrorBox, Loading, Tabs, toast, useLoad } from '../components';
import { ago } from '../format';
import { href } from '../router';
import { auth } from '../session';
import { market, useStore } from '../store';

const TABS: [string, string][] = [['users', 'Users'], ['health', 'Feeds & pipeline'], ['dead-letter', 'Dead letters'], ['models', 'Models']];
const TIERS = ['explorer', 'professional', 'enterprise', 'admin'];

export function Admin({ tab }: { tab: string }) {
  const session = useStore(auth);
  if (!session) return <Empty title="Sign in as an administrator"><a href={href('/login')}>Sign in</a></Empty>;
  if (!session.user?.admin) return <Empty title="Administrators only">Your account has no access to the admin panel.</Empty>;
  return (
    <section data-testid="admin">
      <header class="page-head"><h1>Admin</h1></header>
      <Tabs tabs={TABS} current={tab} base="/admin" />
      {tab === 'users' && <Users />}
      {tab === 'health' && <Health />}
      {tab === 'dead-letter' && <DeadLetters />}
      {tab === 'models' && <Models />}
    </section>
  );
}

interface UserRow { user_id: string; email: string; tier: string; role: string; two_factor_enabled: boolean; email_verified: boolean; disabled: boolean; created_at: string; last_login_at: string | null }

function Users() {
  const [page, setPage] = useState(1);
  const r = useLoad(() => api.get<{ data: UserRow[]; total: number; limit: number }>('/api/v1/admin/users', { page, limit: 50 }), [page]);
  const patch = (u: UserRow, body: object) =>
    api.patch(`/api/v1/admin/users/${u.user_id}`, body).then(() => { toast('User updated', u.email); r.reload(); },
      (e: ApiError) => toast('Update refused', e.detail, 'error'));
  if (r.loading && !r.data) return <Loading />;
  return (
    <div class="panel">
      <ErrorBox error={r.error} />
      <div class="table-wrap">
        <table data-testid="admin-users">
          <thead><tr><th>E-mail</th><th>Tier</th><th class="hide-sm">2FA</th><th class="hide-sm">Verified</th><th class="hide-md">Last login</th><th>Status</th></tr></thead>
          <tbody>
            {(r.data?.data ?? []).map((u) => (
              <tr key={u.user_id}>
                <td class="ellipsis">{u.email}</td>
                <td>
                  <select value={u.tier} onChange={(e) => patch(u, { tier: (e.target as HTMLSelectElement).value })} aria-label={`tier of ${u.email}`}>
                    {TIERS.map((t) => <option key={t}>{t}</option>)}
                  </select>
                </td>
                <td class="hide-sm">{u.two_factor_enabled ? 'on' : 'off'}</td>
                <td class="hide-sm">{u.email_verified ? 'yes' : 'no'}</td>
                <td class="hide-md">{ago(u.last_login_at)}</td>
                <td><button class="ghost small" onClick={() => patch(u, { disabled: !u.disabled })}>{u.disabled ? 'Enable' : 'Disable'}</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager page={page} pages={Math.ceil((r.data?.total ?? 0) / 50)} onPage={setPage} />
    </div>
  );
}

function Pager({ page, pages, onPage }: { page: number; pages: number; onPage: (p: number) => void }) {
  if (pages <= 1) return null;
  return (
    <div class="pager">
      <button class="ghost" disabled={page <= 1} onClick={() => onPage(page - 1)}>‹ Previous</button>
      <span class="muted">page {page} of {pages}</span>
      <button class="ghost" disabled={page >= pages} onClick={() => onPage(page + 1)}>Next ›</button>
    </div>
  );
}

function Health() {
  const ready = useLoad(() => fetch('/health/ready').then((r) => r.json()), []);
  const feeds = useLoad(() => api.get<{ data: any[]; stale: number }>('/api/v1/admin/feeds'), []);
  return (
    <div class="grid-2">
      <div class="panel" data-testid="pipeline-health">
        <h3>Pipeline <button class="ghost small" onClick={() => { ready.reload(); feeds.reload(); }}>↻</button></h3>
        {ready.loading && !ready.data ? <Loading /> : (
          <ul class="checks">
            {Object.entries<any>(ready.data?.checks ?? {}).map(([k, v]) => (
              <li key={k}><span class={`dot ${v.status === 'UP' ? 'ok' : 'bad'}`} /> <strong>{k}</strong> <span class="muted small">{v.status}{v.data?.last_round ? ` · last round ${ago(v.data.last_round)}` : ''}{v.data?.last_error ? ` · ${v.data.last_error}` : ''}</span></li>
            ))}
          </ul>
        )}
      </div>
      <div class="panel">
        <h3>Feeds {feeds.data && <span class="muted small">({feeds.data.stale} stale)</span>}</h3>
        <ErrorBox error={feeds.error} />
        {feeds.data && feeds.data.data.length === 0 && <Empty title="No feed has reported yet">Feed status is written every few seconds once data arrives.</Empty>}
        <div class="table-wrap">
          <table data-testid="feeds">
            <thead><tr><th>Source</th><th>Symbol</th><th class="num">Records</th><th>Last received</th><th /></tr></thead>
            <tbody>
              {(feeds.data?.data ?? []).map((f) => (
                <tr key={f.source + f.symbol}><td class="ellipsis">{f.source}</td><td>{f.symbol}</td><td class="num">{f.records}</td><td>{ago(f.last_received_at)}</td><td>{f.stale ? <span class="badge risk-high">stale</span> : <span class="badge risk-low">ok</span>}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </div>
  );
}

function DeadLetters() {
  const [reason, setReason] = useState('');
  const [cursor, setCursor] = useState<number[]>([]);
  const before = cursor[cursor.length - 1];
  const r = useLoad(() => api.get<{ data: any[]; counts_by_reason: Record<string, number>; next_before_id?: number }>(
    '/api/v1/admin/dead-letter', { reason, before_id: before, limit: 50 }), [reason, before]);
  const [open, setOpen] = useState<number | null>(null);
  return (
    <div class="panel" data-testid="dead-letters">
      <div class="chips">
        <button class={`chip ${reason === '' ? 'active' : ''}`} onClick={() => { setReason(''); setCursor([]); }}>all</button>
        {Object.entries(r.data?.counts_by_reason ?? {}).map(([k, n]) => (
          <button key={k} class={`chip ${reason === k ? 'active' : ''}`} onClick={() => { setReason(k); setCursor([]); }}>{k} · {n}</button>
        ))}
      </div>
      <ErrorBox error={r.error} />
      {r.loading && !r.data ? <Loading /> : (r.data?.data.length ?? 0) === 0 ? <Empty title="No dead letters">Every accepted record passed.</Empty> : (
        <div class="table-wrap">
          <table>
            <thead><tr><th>When</th><th>Stage</th><th>Reason</th><th class="hide-sm">Source</th><th>Detail</th></tr></thead>
            <tbody>
              {r.data!.data.map((d) => (
                <>
                  <tr key={d.id} onClick={() => setOpen(open === d.id ? null : d.id)} class="clickable">
                    <td>{ago(d.rejected_at)}</td><td>{d.stage}</td><td><code>{d.reason_code}</code></td><td class="hide-sm ellipsis">{d.source}</td><td class="ellipsis">{d.detail}</td>
                  </tr>
                  {open === d.id && <tr key={`${d.id}-p`}><td colSpan={5}><pre class="payload">{d.payload}</pre></td></tr>}
                </>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div class="pager">
        <button class="ghost" disabled={cursor.length === 0} onClick={() => setCursor(cursor.slice(0, -1))}>‹ Newer</button>
        <button class="ghost" disabled={!r.data?.next_before_id} onClick={() => setCursor([...cursor, r.data!.next_before_id!])}>Older ›</button>
      </div>
    </div>
  );
}

function Models() {
  const m = useStore(market);
  const [symbol, setSymbol] = useState('');
  const r = useLoad(() => (symbol ? api.get<{ data: any[]; method: string }>(`/api/v1/predictions/${encodeURIComponent(symbol)}/backtest`) : Promise.resolve(null)), [symbol]);
  return (
    <div class="panel" data-testid="models">
      <label>Asset{' '}
        <select value={symbol} onChange={(e) => setSymbol((e.target as HTMLSelectElement).value)}>
          <option value="">choose…</option>
          {[...m.assets.keys()].map((s) => <option key={s}>{s}</option>)}
        </select>
      </label>
      {!symbol ? <p class="muted">Backtest accuracy of the forecasting models, per asset and model version.</p>
        : r.loading ? <Loading /> : (r.error as ApiError)?.status === 404 || (r.data?.data.length ?? 0) === 0
          ? <Empty title="No backtest yet">The forecasting role publishes one with every new model version.</Empty>
          : <ErrorBox error={r.error} /> }
      {r.data && r.data.data.length > 0 && (
        <>
          <p class="muted small">{r.data.method}</p>
          <table>
            <thead><tr><th>Version</th><th>Horizon</th><th class="num">MAE</th><th class="num">MAPE %</th><th class="num">MASE</th><th class="num hide-sm">Coverage 80/95</th></tr></thead>
            <tbody>
              {r.data.data.flatMap((v) => Object.entries<any>(v.horizons ?? {}).map(([h, x]) => (
                <tr key={v.model_version + h}>
                  <td class="ellipsis" title={v.model}>{v.model_version}</td><td>{h} d</td>
                  <td class="num">{x.mae?.toPrecision(3)}</td><td class="num">{x.mape?.toFixed(2)}</td><td class="num">{x.mase?.toFixed(2)}</td>
                  <td class="num hide-sm">{fmtCov(x.coverage80 ?? x.coverage?.['80'])}/{fmtCov(x.coverage95 ?? x.coverage?.['95'])}</td>
                </tr>
              )))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}

function fmtCov(v: unknown): string {
  return typeof v === 'number' ? `${(v * 100).toFixed(0)} %` : '—';
}
