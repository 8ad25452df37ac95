/** The shell: navigation, connection status, theme switch, and the current view. */
import { useEffect, useState } from 'preact/hooks';
import { Empty, Toasts } from './components';
import { live } from './connection';
import type { Status } from './live';
import { href, useRoute } from './router';
import { auth } from './session';
import { useStore } from './store';
import { Account } from './views/Account';
import { Admin } from './views/Admin';
import { Alerts } from './views/Alerts';
import { AssetView } from './views/Asset';
import { Compare } from './views/Compare';
import { Login } from './views/Login';
import { Overview } from './views/Overview';
import { PortfolioView } from './views/Portfolio';
import { Screener } from './views/Screener';

export type Theme = 'light' | 'dark';

export function applyTheme(t: Theme): void {
  document.documentElement.dataset.theme = t;
  localStorage.setItem('rwa.theme', t);
  dispatchEvent(new Event('rwa-theme'));
}

export function initialTheme(): Theme {
  const saved = localStorage.getItem('rwa.theme');
  if (saved === 'light' || saved === 'dark') return saved;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function ConnectionStatus() {
  const [status, setStatus] = useState<Status>(live.currentStatus);
  useEffect(() => live.onStatus(setStatus), []);
  const label = status === 'open' ? 'Live' : status === 'connecting' ? 'Reconnecting…' : 'Offline';
  return (
    <span class={`conn ${status}`} data-testid="connection" data-status={status} title={`live connection: ${label}`}>
      <span class="dot" /> <span class="conn-label">{label}</span>
    </span>
  );
}

function ThemeSwitch() {
  const [theme, setTheme] = useState<Theme>(() => (document.documentElement.dataset.theme as Theme) ?? 'light');
  const flip = () => {
    const t = theme === 'dark' ? 'light' : 'dark';
    applyTheme(t);
    setTheme(t);
  };
  return <button class="ghost icon" onClick={flip} aria-label={`switch to ${theme === 'dark' ? 'light' : 'dark'} theme`} data-testid="theme-toggle">{theme === 'dark' ? '☀' : '☾'}</button>;
}

export function App() {
  const route = useRoute();
  const session = useStore(auth);
  const [menu, setMenu] = useState(false);
  useEffect(() => setMenu(false), [route]);
  const nav: [string, string, string][] = [
    ['/', 'Market', 'overview'],
    ['/screener', 'Screener', 'screener'],
    ['/compare', 'Compare', 'compare'],
    ['/portfolio', 'Portfolio', 'portfolio'],
    ['/alerts', 'Alerts', 'alerts'],
  ];
  if (session?.user?.admin) nav.push(['/admin', 'Admin', 'admin']);
  return (
    <>
      <header class="top">
        <a class="brand" href={href('/')}>◆ rwa-prime</a>
        <button class="ghost icon menu-btn" onClick={() => setMenu(!menu)} aria-expanded={menu} aria-label="menu">☰</button>
        <nav class={`main-nav ${menu ? 'open' : ''}`}>
          {nav.map(([path, label, name]) => (
            <a key={path} href={href(path)} class={route.name === name ? 'active' : ''}>{label}</a>
          ))}
        </nav>
        <div class="top-right">
          <ConnectionStatus />
          <ThemeSwitch />
          {session?.user ? <a href={href('/account')} class="user" data-testid="user-menu">{session.user.email}</a> : <a href={href('/login')} data-testid="sign-in">Sign in</a>}
        </div>
      </header>
      <main>
        {route.name === 'overview' && <Overview />}
        {route.name === 'screener' && <Screener />}
        {route.name === 'asset' && <AssetView symbol={route.params.symbol} tab={route.params.tab} />}
        {route.name === 'portfolio' && <PortfolioView />}
        {route.name === 'compare' && <Compare query={route.query} />}
        {route.name === 'alerts' && <Alerts />}
        {route.name === 'admin' && <Admin tab={route.params.tab} />}
        {route.name === 'login' && <Login />}
        {route.name === 'account' && <Account />}
        {route.name === 'notfound' && <Empty title="Page not found"><a href={href('/')}>Back to the market</a></Empty>}
      </main>
      <footer class="foot muted small">
        Charts by <a href="https://www.tradingview.com/" rel="noopener noreferrer" target="_blank">TradingView</a> Lightweight Charts™ ·
        {' '}<a href="/docs">API documentation</a>
      </footer>
      <Toasts />
    </>
  );
}
