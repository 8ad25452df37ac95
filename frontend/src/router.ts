/** Hash routes (`#/asset/PAXG/risk`): they work from any path the server serves the app on, and need no fallback. */
import { useEffect, useState } from 'preact/hooks';

export interface Route {
  name: 'overview' | 'screener' | 'asset' | 'portfolio' | 'compare' | 'alerts' | 'admin' | 'login' | 'account' | 'notfound';
  params: Record<string, string>;
  query: URLSearchParams;
}

export function parse(hash: string): Route {
  const [path, qs] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const query = new URLSearchParams(qs ?? '');
  const r = (name: Route['name'], params: Record<string, string> = {}): Route => ({ name, params, query });
  switch (parts[0] ?? '') {
    case '':
      return r('overview');
    case 'screener':
      return r('screener');
    case 'asset':
      return parts[1] ? r('asset', { symbol: parts[1].toUpperCase(), tab: parts[2] ?? 'overview' }) : r('notfound');
    case 'portfolio':
      return r('portfolio');
    case 'compare':
      return r('compare');
    case 'alerts':
      return r('alerts');
    case 'admin':
      return r('admin', { tab: parts[1] ?? 'users' });
    case 'login':
      return r('login');
    case 'account':
      return r('account');
    default:
      return r('notfound');
  }
}

export function href(path: string): string {
  return `#${path}`;
}

export function go(path: string): void {
  location.hash = path;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parse(location.hash));
  useEffect(() => {
    const on = () => setRoute(parse(location.hash));
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return route;
}
