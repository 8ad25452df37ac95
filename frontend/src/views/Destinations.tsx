/** Where alerts go besides the dashboard: Telegram chats, webhooks, this browser's push subscription. */
import { useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { ErrorBox, Loading, toast, useLoad } from '../components';
import { ago } from '../format';

export interface DestinationList {
  data: { destination_id: string; kind: string; summary: string; label: string | null; last_success_at: string | null; disabled_at: string | null; disabled_reason: string | null }[];
  channels: Record<string, boolean>;
  vapid_public_key: string | null;
}

/** The VAPID key as the bytes `pushManager.subscribe` wants. */
export function vapidBytes(base64url: string): Uint8Array {
  const b64 = base64url.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (base64url.length % 4)) % 4);
  const raw = atob(b64);
  return Uint8Array.from(raw, (c) => c.charCodeAt(0));
}

export function Destinations() {
  const list = useLoad(() => api.get<DestinationList>('/api/v1/notification-destinations'), []);
  const [chat, setChat] = useState('');
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const add = async (kind: string, destination: object) => {
    setError(null);
    try {
      const r = await api.post<{ secret?: string }>('/api/v1/notification-destinations', { kind, destination });
      if (r.secret) setSecret(r.secret);
      toast('Notifications', `${kind} destination added`);
      list.reload();
      return true;
    } catch (e) {
      setError(e);
      return false;
    }
  };
  const pushHere = async () => {
    const key = list.data?.vapid_public_key;
    if (!key || !('serviceWorker' in navigator) || !('PushManager' in window)) return;
    try {
      if ((await Notification.requestPermission()) !== 'granted') {
        toast('Notifications', 'permission not granted', 'error');
        return;
      }
      const reg = await navigator.serviceWorker.ready;
      const sub = await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: vapidBytes(key) as BufferSource });
      await add('webpush', sub.toJSON());
    } catch (e) {
      setError(new ApiError(0, 'Push', (e as Error).message));
    }
  };
  if (list.loading && !list.data) return <Loading />;
  const ch = list.data?.channels ?? {};
  return (
    <div class="panel" data-testid="destinations">
      <h3>Where alerts go</h3>
      <p class="muted small">Always here in the dashboard; e-mail when a rule asks for it; and these destinations for rules that name their channel.</p>
      <ErrorBox error={list.error ?? error} />
      {secret && <p class="panel small" data-testid="webhook-secret">Webhook signing secret (shown once): <code class="mono">{secret}</code></p>}
      <table>
        <tbody>
          {(list.data?.data ?? []).map((d) => (
            <tr key={d.destination_id}>
              <td>{d.kind}</td>
              <td class="ellipsis">{d.summary}{d.label && <span class="muted small"> · {d.label}</span>}</td>
              <td class="small">{d.disabled_at ? <span class="badge risk-high" title={d.disabled_reason ?? ''}>disabled</span> : d.last_success_at ? `ok ${ago(d.last_success_at)}` : 'not used yet'}</td>
              <td><button class="ghost small" aria-label={`remove ${d.kind} ${d.summary}`} onClick={() => api.del(`/api/v1/notification-destinations/${d.destination_id}`).then(list.reload)}>✕</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      {ch.telegram && (
        <form class="inline-form" onSubmit={async (e) => { e.preventDefault(); if (await add('telegram', { chat_id: chat.trim() })) setChat(''); }}>
          <input placeholder="Telegram chat id" value={chat} onInput={(e) => setChat((e.target as HTMLInputElement).value)} required />
          <button type="submit" class="ghost">Add Telegram</button>
        </form>
      )}
      {ch.webhook && (
        <form class="inline-form" onSubmit={async (e) => { e.preventDefault(); if (await add('webhook', { url: url.trim() })) setUrl(''); }}>
          <input type="url" placeholder="https://example.com/rwa-alerts" value={url} onInput={(e) => setUrl((e.target as HTMLInputElement).value)} required />
          <button type="submit" class="ghost">Add webhook</button>
        </form>
      )}
      {ch.push && list.data?.vapid_public_key && <button class="ghost" onClick={pushHere}>Push to this browser</button>}
    </div>
  );
}
