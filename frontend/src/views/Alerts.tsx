/**
 * Alerts. The alert rules API and the alerts role are not part of this deployment yet, so this view says so instead
 * of showing anything made up; alerts that fire on the user's private address still show up here and as toasts.
 */
import { useEffect, useState } from 'preact/hooks';
import { Empty } from '../components';
import { ago } from '../format';
import { href } from '../router';
import { auth } from '../session';
import { useStore } from '../store';

export function Alerts() {
  const session = useStore(auth);
  const [fired, setFired] = useState<any[]>([]);
  useEffect(() => {
    const on = (e: Event) => setFired((l) => [(e as CustomEvent).detail, ...l].slice(0, 100));
    addEventListener('rwa-alert', on);
    return () => removeEventListener('rwa-alert', on);
  }, []);
  if (!session) return <Empty title="Sign in to manage alerts"><a href={href('/login')}>Sign in</a></Empty>;
  return (
    <section data-testid="alerts">
      <header class="page-head"><h1>Alerts</h1></header>
      <Empty title="Alert rules are not available yet">
        Creating, editing, pausing and deleting price, risk and forecast alerts arrives with the alerts service.
        This page already listens on your private alert channel: anything that fires shows here and as a notification.
      </Empty>
      {fired.length > 0 && (
        <table>
          <thead><tr><th>When</th><th>Asset</th><th>Message</th></tr></thead>
          <tbody>{fired.map((a, i) => <tr key={i}><td>{ago(a.fired_at ?? a.at)}</td><td>{a.symbol}</td><td>{a.message ?? a.description}</td></tr>)}</tbody>
        </table>
      )}
    </section>
  );
}
