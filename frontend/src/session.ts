/** Who is signed in, as a store the views follow; the live connection gets each new access token. */
import { api, type Session } from './api';
import { toast } from './components';
import { live } from './connection';
import { Store } from './store';

export const auth = new Store<Session | null>(api.current);

let privateUnsubs: (() => void)[] = [];
/** Trigger ids already shown: a redelivered alert (same trigger id) is shown once. */
const seenTriggers = new Set<string>();

/** Follows the signed-in user's private addresses (portfolio changes, fired alerts) while a session lasts. */
export function startSession(): void {
  const apply = (s: Session | null) => {
    auth.set(s);
    live.setToken(s?.accessToken ?? null);
    privateUnsubs.forEach((u) => u());
    privateUnsubs = [];
    const id = s?.user?.user_id;
    if (!id) return;
    privateUnsubs.push(live.subscribe(`rwa.alerts.user.${id}`, (a) => {
      if (a.trigger_id) {
        if (seenTriggers.has(a.trigger_id)) return;
        seenTriggers.add(a.trigger_id);
        if (seenTriggers.size > 500) seenTriggers.delete(seenTriggers.values().next().value!);
      }
      const title = `Alert: ${a.symbol ?? ''}`;
      const body = a.message ?? a.description ?? JSON.stringify(a);
      toast(title, body, 'alert', 10_000);
      if (document.hidden && 'Notification' in window && Notification.permission === 'granted') {
        void navigator.serviceWorker?.ready.then((r) => r.showNotification(title, { body, tag: `alert-${a.alert_id ?? ''}` }));
      }
      dispatchEvent(new CustomEvent('rwa-alert', { detail: a }));
    }));
    privateUnsubs.push(live.subscribe(`rwa.portfolio.user.${id}`, (p) => {
      dispatchEvent(new CustomEvent('rwa-portfolio', { detail: p }));
    }));
  };
  api.onSession(apply);
  apply(api.current);
  if (api.current && api.current.expiresAt < Date.now()) void api.refresh();
}
