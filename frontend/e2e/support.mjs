// Shared helpers of the end-to-end tests: the product under test is at BASE_URL (started by DashboardE2EIT).
import { createHmac } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const BASE = process.env.RWA_BASE_URL ?? 'http://127.0.0.1:8080';
export const ARTIFACTS = process.env.RWA_E2E_ARTIFACTS ?? 'target/e2e';
mkdirSync(join(ARTIFACTS, 'screenshots'), { recursive: true });

export async function launch() {
  const executablePath = process.env.RWA_CHROMIUM ?? '/usr/bin/chromium';
  return chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
}

/** A page that records console errors and uncaught exceptions (a CSP violation is a console error). */
export async function page(context, viewport = { width: 1366, height: 900 }) {
  const p = await context.newPage({ viewport });
  p.errors = [];
  p.on('console', (m) => {
    if (m.type() === 'error') p.errors.push(m.text());
  });
  p.on('pageerror', (e) => p.errors.push(`pageerror: ${e.message}`));
  return p;
}

export async function shot(p, name) {
  await p.screenshot({ path: join(ARTIFACTS, 'screenshots', `${name}.png`), fullPage: false });
}

export function record(name, value) {
  writeFileSync(join(ARTIFACTS, `${name}.json`), JSON.stringify(value, null, 2));
}

export async function call(method, path, body, token) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  const res = await fetch(BASE + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  return { status: res.status, body: json, headers: res.headers };
}

let counter = 0;
/** Registers a fresh user and returns its tokens, id and credentials. */
export async function newUser(prefix = 'user') {
  const email = `${prefix}-${process.pid}-${Date.now()}-${counter++}@e2e.example.org`;
  const password = 'correct horse battery staple';
  const r = await call('POST', '/api/v1/auth/register', { email, password });
  if (r.status !== 201) throw new Error(`register failed: ${r.status} ${JSON.stringify(r.body)}`);
  const me = await call('GET', '/api/v1/me', undefined, r.body.access_token);
  return { email, password, tokens: r.body, id: me.body.user_id };
}

/** Puts a signed-in session into the page's storage, as the login view would. */
export async function signInPage(p, user) {
  const me = await call('GET', '/api/v1/me', undefined, user.tokens.access_token);
  await p.goto(BASE + '/#/');
  await p.evaluate((s) => localStorage.setItem('rwa.session', JSON.stringify(s)), {
    accessToken: user.tokens.access_token,
    refreshToken: user.tokens.refresh_token,
    expiresAt: Date.now() + user.tokens.expires_in * 1000,
    user: me.body,
  });
  await p.reload(); // the app reads the session at load
  await p.locator('[data-testid=user-menu]').waitFor({ timeout: 10_000 }); // signed in, as the header shows
}

/** RFC 6238 TOTP (SHA-1, 30 s, 6 digits) of a base32 secret at time step `step`. */
export function totp(secret, step = Math.floor(Date.now() / 30_000)) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secret.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const h = createHmac('sha1', key).update(counter).digest();
  const o = h[h.length - 1] & 0xf;
  const n = ((h[o] & 0x7f) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3];
  return String(n % 1_000_000).padStart(6, '0');
}

/** The HTTP status of a WebSocket upgrade of `path` sent with `origin` (101 when accepted). */
export function upgradeStatus(path, origin) {
  const url = new URL(BASE + path);
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: url.hostname, port: url.port, path: url.pathname + url.search,
      headers: {
        Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': Buffer.from('rwa-prime-e2e-key').toString('base64'), ...(origin ? { Origin: origin } : {}),
      },
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve(res.statusCode);
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error('upgrade timed out')));
    req.end();
  });
}
