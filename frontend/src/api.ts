/**
 * The REST client: JSON in and out, RFC 9457 problems turned into {@link ApiError}s, the signed-in session kept in
 * localStorage and its access token refreshed before it expires (refresh tokens rotate on every use).
 */

export interface Session {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds at which the access token expires. */
  expiresAt: number;
  user?: Me;
}

export interface Me {
  user_id: string;
  email: string;
  tier: string;
  admin: boolean;
  two_factor_enabled: boolean;
  email_verified: boolean;
}

export interface TokenAnswer {
  access_token: string;
  refresh_token: string;
  expires_in: number;
}

/** An RFC 9457 problem (or a network failure, status 0) as the UI shows it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly type = 'about:blank',
  ) {
    super(detail || title);
  }
}

const STORAGE_KEY = 'rwa.session';
type Listener = (s: Session | null) => void;

export class Api {
  private session: Session | null;
  private readonly listeners = new Set<Listener>();
  private refreshing: Promise<Session | null> | null = null;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly base = '',
    private readonly storage: Storage | null = typeof localStorage === 'undefined' ? null : localStorage,
    private readonly fetcher: typeof fetch = (...a) => fetch(...a),
  ) {
    this.session = this.load();
    this.schedule();
  }

  get current(): Session | null {
    return this.session;
  }

  onSession(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  async get<T>(path: string, query?: Record<string, string | number | undefined | null>): Promise<T> {
    return this.request<T>('GET', path + toQuery(query));
  }

  async post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  async patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, body);
  }

  async del<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('DELETE', path, body);
  }

  /** Sends one request; a 401 with a session refreshes the tokens once and retries. */
  async request<T>(method: string, path: string, body?: unknown, retried = false): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (this.session) headers.Authorization = `Bearer ${this.session.accessToken}`;
    let res: Response;
    try {
      res = await this.fetcher(this.base + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      throw new ApiError(0, 'Network error', `the server could not be reached (${(e as Error).message})`);
    }
    if (res.status === 401 && this.session && !retried && !path.startsWith('/api/v1/auth/')) {
      if (await this.refresh()) return this.request<T>(method, path, body, true);
    }
    if (!res.ok) throw await problem(res);
    if (res.status === 204) return undefined as T;
    const type = res.headers.get('Content-Type') ?? '';
    return (type.includes('json') ? await res.json() : await res.text()) as T;
  }

  /** Stores the tokens of a login, registration, 2FA step or refresh, and loads who is signed in. */
  async signIn(tokens: TokenAnswer): Promise<Session> {
    this.set({
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      expiresAt: Date.now() + tokens.expires_in * 1000,
      user: this.session?.user,
    });
    const user = await this.get<Me>('/api/v1/me');
    this.set({ ...this.session!, user });
    return this.session!;
  }

  async signOut(): Promise<void> {
    const s = this.session;
    if (s) {
      try {
        await this.post('/api/v1/auth/logout', { refresh_token: s.refreshToken });
      } catch {
        // the session ends here whatever the server says
      }
    }
    this.set(null);
  }

  /** Spends the refresh token for a new pair; concurrent callers share one refresh. Null when it is refused. */
  refresh(): Promise<Session | null> {
    if (!this.session) return Promise.resolve(null);
    if (!this.refreshing) {
      const token = this.session.refreshToken;
      this.refreshing = this.fetcher(this.base + '/api/v1/auth/refresh', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ refresh_token: token }),
      })
        .then(async (res) => {
          if (!res.ok) {
            this.set(null);
            return null;
          }
          const t = (await res.json()) as TokenAnswer;
          this.set({
            ...this.session!,
            accessToken: t.access_token,
            refreshToken: t.refresh_token,
            expiresAt: Date.now() + t.expires_in * 1000,
          });
          return this.session;
        })
        .catch(() => this.session)
        .finally(() => {
          this.refreshing = null;
        });
    }
    return this.refreshing;
  }

  private set(s: Session | null) {
    this.session = s;
    if (this.storage) {
      if (s) this.storage.setItem(STORAGE_KEY, JSON.stringify(s));
      else this.storage.removeItem(STORAGE_KEY);
    }
    this.schedule();
    this.listeners.forEach((l) => l(s));
  }

  private load(): Session | null {
    try {
      const raw = this.storage?.getItem(STORAGE_KEY);
      return raw ? (JSON.parse(raw) as Session) : null;
    } catch {
      return null;
    }
  }

  /** Refreshes a minute before expiry (or at half-life for short tokens). */
  private schedule() {
    clearTimeout(this.refreshTimer);
    if (!this.session || typeof window === 'undefined') return;
    const left = this.session.expiresAt - Date.now();
    const lead = Math.min(60_000, left / 2);
    this.refreshTimer = setTimeout(() => void this.refresh(), Math.max(0, left - lead));
  }
}

export function toQuery(q?: Record<string, string | number | undefined | null>): string {
  if (!q) return '';
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** Reads an error answer: an RFC 9457 problem when the server sent one, else the status line. */
export async function problem(res: Response): Promise<ApiError> {
  const type = res.headers.get('Content-Type') ?? '';
  if (type.includes('json')) {
    try {
      const p = await res.json();
      return new ApiError(res.status, p.title ?? res.statusText, p.detail ?? p.title ?? '', p.type);
    } catch {
      // fall through
    }
  }
  return new ApiError(res.status, res.statusText || `HTTP ${res.status}`, `the server answered ${res.status}`);
}

export const api = new Api();
