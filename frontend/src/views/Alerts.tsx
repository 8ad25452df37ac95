/** Alerts: create, edit, pause/resume and delete rules; the history of firings with their deliveries, live. */
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { Empty, ErrorBox, Loading, toast, useLoad } from '../components';
import { ago } from '../format';
import { href } from '../router';
import { auth } from '../session';
import { market, useStore } from '../store';
import type { DestinationList } from './Destinations';

export interface Rule {
  alert_id: string; symbol: string; condition: string; threshold: string; hysteresis: string; window: string | null;
  channels: string[]; cooldown_seconds: number; one_shot: boolean; state: string; last_triggered_at: string | null;
  expires_at: string | null;
}
interface Firing { trigger_id: string; alert_id: string | null; symbol: string; observed: string; triggered_at: string; message: string; deliveries: Record<string, { status: string; attempts: number; last_error?: string }> }

export const CONDITIONS: Record<string, { label: string; unit: string; window?: boolean }> = {
  price_above: { label: 'Price above', unit: 'price' },
  price_below: { label: 'Price below', unit: 'price' },
  price_crosses: { label: 'Price crosses', unit: 'price' },
  change_pct_above: { label: 'Change over window above', unit: '%', window: true },
  change_pct_below: { label: 'Change over window below', unit: '%', window: true },
  risk_above: { label: 'Risk score above', unit: '1–100' },
  risk_below: { label: 'Risk score below', unit: '1–100' },
  nav_premium_above: { label: 'Premium over NAV above', unit: '%' },
  nav_premium_below: { label: 'Premium over NAV below (discount)', unit: '%' },
  yield_above: { label: 'Yield (APY) above', unit: '%' },
  yield_below: { label: 'Yield (APY) below', unit: '%' },
  volatility_above: { label: '7-day volatility above', unit: '% ann.' },
  volume_spike: { label: 'Volume spike over window', unit: '× usual', window: true },
  risk_fast_move: { label: 'Risk score moves fast by', unit: 'points' },
  forecast_7d_move_above: { label: '7-day forecast move above', unit: '%' },
  forecast_7d_move_below: { label: '7-day forecast move below', unit: '%' },
  forecast_30d_move_above: { label: '30-day forecast move above', unit: '%' },
  forecast_30d_move_below: { label: '30-day forecast move below', unit: '%' },
  price_outside_forecast: { label: 'Price leaves the forecast band by', unit: '%' },
  whale_transfer_above: { label: 'On-chain whale transfer of at least', unit: 'tokens' },
  mint_above: { label: 'On-chain mint of at least', unit: 'tokens' },
  burn_above: { label: 'On-chain burn of at least', unit: 'tokens' },
};
const WINDOWS = [['PT5M', '5 min'], ['PT15M', '15 min'], ['PT1H', '1 hour'], ['PT4H', '4 hours'], ['P1D', '1 day'], ['P7D', '7 days']];

/** The request body of the rule form (exported for its unit test). */
export function ruleBody(f: { symbol: string; condition: string; threshold: string; hysteresis: string; window: string; channels: string[]; cooldown: string; one_shot: boolean }) {
  const body: Record<string, unknown> = {
    symbol: f.symbol, condition: f.condition, threshold: f.threshold.trim(),
    channels: ['in_app', ...f.channels.filter((c) => c !== 'in_app')],
    cooldown_seconds: Math.round(Number(f.cooldown || '0') * 60),
    one_shot: f.one_shot,
  };
  if (f.hysteresis.trim()) body.hysteresis = f.hysteresis.trim();
  if (CONDITIONS[f.condition]?.window) body.window = f.window;
  return body;
}

export function describe(r: Rule): string {
  const c = CONDITIONS[r.condition];
  const w = r.window ? ` over ${WINDOWS.find(([k]) => k === r.window)?.[1] ?? r.window}` : '';
  return `${c?.label ?? r.condition} ${r.threshold}${c?.unit.startsWith('%') ? ' %' : ''}${w}`;
}

export function Alerts() {
  const session = useStore(auth);
  const m = useStore(market);
  const rules = useLoad(() => (session ? api.get<{ data: Rule[] }>('/api/v1/alerts') : Promise.resolve(null)), [session?.user?.user_id]);
  const history = useLoad(() => (session ? api.get<{ data: Firing[] }>('/api/v1/alerts/history', { limit: 50 }) : Promise.resolve(null)), [session?.user?.user_id]);
  const [form, setForm] = useState({ symbol: '', condition: 'price_above', threshold: '', hysteresis: '', window: 'PT1H', channels: [] as string[], cooldown: '15', one_shot: false });
  const dest = useLoad(() => (session ? api.get<DestinationList>('/api/v1/notification-destinations') : Promise.resolve(null)), [session?.user?.user_id]);
  // only the channels this server offers (e-mail needs an SMTP server; the others a configured provider)
  const offered = ['email', 'telegram', 'webhook', 'push'].filter((c) => dest.data?.channels[c]);
  const toggle = (c: string) => setForm({ ...form, channels: form.channels.includes(c) ? form.channels.filter((x) => x !== c) : [...form.channels, c] });
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [edit, setEdit] = useState({ threshold: '', cooldown: '' });
  useEffect(() => {
    const on = () => {
      history.reload();
      rules.reload();
    };
    addEventListener('rwa-alert', on);
    return () => removeEventListener('rwa-alert', on);
  });
  if (!session) return <Empty title="Sign in to manage alerts"><a href={href('/login')}>Sign in</a></Empty>;

  const create = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      await api.post('/api/v1/alerts', ruleBody(form));
      toast('Alert created', `${form.symbol} · ${CONDITIONS[form.condition].label} ${form.threshold}`);
      setForm({ ...form, threshold: '', hysteresis: '' });
      rules.reload();
    } catch (err) {
      setError(err);
    }
  };
  const act = (p: Promise<unknown>, what: string) => p.then(() => rules.reload(), (err: ApiError) => toast(what, err.detail, 'error'));
  const saveEdit = (r: Rule) => act(api.patch(`/api/v1/alerts/${r.alert_id}`, {
    threshold: edit.threshold.trim(), cooldown_seconds: Math.round(Number(edit.cooldown || '0') * 60),
  }).then(() => setEditing(null)), 'Edit');
  const set = (k: keyof typeof form) => (e: Event) => {
    const t = e.target as HTMLInputElement;
    setForm({ ...form, [k]: t.type === 'checkbox' ? t.checked : t.value });
  };
  const cond = CONDITIONS[form.condition];
  const price = form.symbol ? m.assets.get(form.symbol)?.price : undefined;
  return (
    <section data-testid="alerts">
      <header class="page-head"><h1>Alerts</h1><p class="muted">Rules are evaluated on every tick; a firing reaches you here, as a notification, and on the channels you tick (set up Telegram, webhooks and push under <a href={href('/account')}>Account</a>).</p></header>
      <form class="panel filters" onSubmit={create} data-testid="alert-form">
        <label>Asset
          <select required name="symbol" value={form.symbol} onChange={set('symbol')}>
            <option value="">choose…</option>
            {[...m.assets.keys()].map((s) => <option key={s}>{s}</option>)}
          </select>
        </label>
        <label>Condition
          <select name="condition" value={form.condition} onChange={set('condition')}>
            {Object.entries(CONDITIONS).map(([k, c]) => <option key={k} value={k}>{c.label}</option>)}
          </select>
        </label>
        <label>Threshold ({cond.unit}){price && cond.unit === 'price' && <span class="muted small"> last {price}</span>}
          <input required name="threshold" inputMode="decimal" value={form.threshold} onInput={set('threshold')} />
        </label>
        {cond.window && (
          <label>Window
            <select name="window" value={form.window} onChange={set('window')}>
              {WINDOWS.map(([k, l]) => <option key={k} value={k}>{l}</option>)}
            </select>
          </label>
        )}
        {cond.unit === 'price' && <label>Re-arm distance<input name="hysteresis" inputMode="decimal" placeholder="0" value={form.hysteresis} onInput={set('hysteresis')} /></label>}
        <label>Cooldown (min)<input name="cooldown" type="number" min="0" max="43200" value={form.cooldown} onInput={set('cooldown')} /></label>
        {offered.map((c) => (
          <label class="check" key={c}><input type="checkbox" name={`channel-${c}`} checked={form.channels.includes(c)} onChange={() => toggle(c)} /> {c}</label>
        ))}
        <label class="check"><input type="checkbox" name="one_shot" checked={form.one_shot} onChange={set('one_shot')} /> once only</label>
        <button type="submit">Create alert</button>
      </form>
      <ErrorBox error={error} />
      <h2>Your rules</h2>
      <ErrorBox error={rules.error} />
      {rules.loading && !rules.data ? <Loading /> : (rules.data?.data.length ?? 0) === 0 ? <Empty title="No alert rules yet">Create one above.</Empty> : (
        <div class="table-wrap">
          <table data-testid="alert-rules">
            <thead><tr><th>Asset</th><th>Rule</th><th class="hide-sm">Channels</th><th>State</th><th class="hide-sm">Last fired</th><th /></tr></thead>
            <tbody>
              {rules.data!.data.map((r) => (
                <tr key={r.alert_id} data-alert-id={r.alert_id} data-state={r.state}>
                  <td><a href={href(`/asset/${r.symbol}`)}>{r.symbol}</a></td>
                  <td>
                    {editing === r.alert_id ? (
                      <span class="inline-form">
                        <input aria-label="threshold" value={edit.threshold} onInput={(e) => setEdit({ ...edit, threshold: (e.target as HTMLInputElement).value })} size={8} />
                        <input aria-label="cooldown minutes" type="number" value={edit.cooldown} onInput={(e) => setEdit({ ...edit, cooldown: (e.target as HTMLInputElement).value })} size={4} />
                        <button class="small" onClick={() => saveEdit(r)}>Save</button>
                        <button class="ghost small" onClick={() => setEditing(null)}>Cancel</button>
                      </span>
                    ) : <>{describe(r)}{r.one_shot && <span class="muted small"> · once</span>}<span class="muted small"> · cooldown {Math.round(r.cooldown_seconds / 60)} min</span></>}
                  </td>
                  <td class="hide-sm">{r.channels.join(', ')}</td>
                  <td><span class={`badge state-${r.state}`}>{r.state}</span></td>
                  <td class="hide-sm">{ago(r.last_triggered_at)}</td>
                  <td class="actions-cell">
                    <button class="ghost small" onClick={() => { setEditing(r.alert_id); setEdit({ threshold: r.threshold, cooldown: String(Math.round(r.cooldown_seconds / 60)) }); }}>Edit</button>
                    {r.state === 'paused'
                      ? <button class="ghost small" onClick={() => act(api.post(`/api/v1/alerts/${r.alert_id}/resume`), 'Resume')}>Resume</button>
                      : (r.state === 'active' || r.state === 'triggered') && <button class="ghost small" onClick={() => act(api.post(`/api/v1/alerts/${r.alert_id}/pause`), 'Pause')}>Pause</button>}
                    <button class="ghost small" aria-label={`delete alert on ${r.symbol}`} onClick={() => act(api.del(`/api/v1/alerts/${r.alert_id}`), 'Delete')}>✕</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>History</h2>
      {(history.data?.data.length ?? 0) === 0 ? <Empty title="Nothing has fired yet">Firings and their deliveries appear here as they happen.</Empty> : (
        <div class="table-wrap">
          <table data-testid="alert-history">
            <thead><tr><th>When</th><th>Asset</th><th>Message</th><th class="hide-sm">Deliveries</th></tr></thead>
            <tbody>
              {history.data!.data.map((h) => (
                <tr key={h.trigger_id}>
                  <td>{ago(h.triggered_at)}</td><td>{h.symbol}</td><td>{h.message}</td>
                  <td class="hide-sm">{Object.entries(h.deliveries).map(([c, d]) => <span key={c} class={`badge ${d.status === 'delivered' ? 'risk-low' : d.status === 'failed' ? 'risk-high' : 'none'}`} title={d.last_error ?? ''}>{c}: {d.status}</span>)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
