import { describe, expect, it } from 'vitest';
import { Api, ApiError, toQuery } from './api';

function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() { return m.size; },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, v),
  };
}

/** The ApiError a request fails with (the test fails if it succeeds). */
function failure(p: Promise<unknown>): Promise<ApiError> {
  return p.then(() => { throw new Error('expected the request to fail'); }, (x: ApiError) => x);
}

type Call = { url: string; init: RequestInit };

function json(status: number, body: unknown, type = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

describe('Api', () => {
  it('turns an RFC 9457 problem into an ApiError with its title and detail', async () => {
    const api = new Api('', memoryStorage(), async () =>
      json(400, { type: 'https://rwa-prime.io/problems/invalid-parameter', title: 'Bad Request', status: 400, detail: 'limit must be ≤ 100' }, 'application/problem+json'));
    const e = await failure(api.get('/api/v1/assets', { limit: 1000 }));
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(400);
    expect(e.detail).toBe('limit must be ≤ 100');
    expect(e.type).toBe('https://rwa-prime.io/problems/invalid-parameter');
  });

  it('reports a network failure as status 0', async () => {
    const api = new Api('', memoryStorage(), async () => {
      throw new TypeError('Failed to fetch');
    });
    const e = await failure(api.get('/x'));
    expect(e.status).toBe(0);
    expect(e.detail).toContain('Failed to fetch');
  });

  it('refreshes once on a 401, retries with the new token, and stores the rotated refresh token', async () => {
    const calls: Call[] = [];
    const storage = memoryStorage();
    storage.setItem('rwa.session', JSON.stringify({ accessToken: 'old', refreshToken: 'r1', expiresAt: Date.now() + 1000 }));
    const api = new Api('', storage, async (url, init) => {
      calls.push({ url: String(url), init: init! });
      if (String(url).endsWith('/auth/refresh')) return json(200, { access_token: 'new', refresh_token: 'r2', expires_in: 900 });
      const auth = (init!.headers as Record<string, string>).Authorization;
      return auth === 'Bearer new' ? json(200, { ok: true }) : json(401, { title: 'Unauthorized', detail: 'expired' }, 'application/problem+json');
    });
    expect(await api.get('/api/v1/portfolio')).toEqual({ ok: true });
    expect(calls.map((c) => c.url)).toEqual(['/api/v1/portfolio', '/api/v1/auth/refresh', '/api/v1/portfolio']);
    expect(JSON.parse(String(calls[1].init.body))).toEqual({ refresh_token: 'r1' });
    expect(JSON.parse(storage.getItem('rwa.session')!).refreshToken).toBe('r2');
  });

  it('signs out when the refresh token is refused', async () => {
    const storage = memoryStorage();
    storage.setItem('rwa.session', JSON.stringify({ accessToken: 'old', refreshToken: 'r1', expiresAt: 0 }));
    const sessions: unknown[] = [];
    const api = new Api('', storage, async (url) =>
      String(url).endsWith('/auth/refresh') ? json(401, { title: 'Unauthorized' }) : json(401, { title: 'Unauthorized', detail: 'expired' }));
    api.onSession((s) => sessions.push(s));
    const e = await failure(api.get('/api/v1/portfolio'));
    expect(e.status).toBe(401);
    expect(api.current).toBeNull();
    expect(storage.getItem('rwa.session')).toBeNull();
    expect(sessions).toEqual([null]);
  });

  it('shares one refresh between concurrent callers (a refresh token may be spent once)', async () => {
    let refreshes = 0;
    const storage = memoryStorage();
    storage.setItem('rwa.session', JSON.stringify({ accessToken: 'old', refreshToken: 'r1', expiresAt: 0 }));
    const api = new Api('', storage, async (url, init) => {
      if (String(url).endsWith('/auth/refresh')) {
        refreshes++;
        return json(200, { access_token: 'new', refresh_token: 'r2', expires_in: 900 });
      }
      return (init!.headers as Record<string, string>).Authorization === 'Bearer new' ? json(200, {}) : json(401, {});
    });
    await Promise.all([api.get('/a'), api.get('/b'), api.get('/c')]);
    expect(refreshes).toBe(1);
  });

  it('builds query strings without empty values', () => {
    expect(toQuery({ a: 1, b: '', c: undefined, d: null, e: 'x y' })).toBe('?a=1&e=x+y');
    expect(toQuery({})).toBe('');
  });
});
