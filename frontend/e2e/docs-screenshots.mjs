// Takes the README's screenshots (docs/screenshots/) from a running dev mesh:
//   ./rwa run &   # then, once it is ready:
//   cd frontend && RWA_BASE_URL=http://localhost:8080 node e2e/docs-screenshots.mjs
import { join } from 'node:path';
import { BASE, call, launch, newUser, page, signInPage } from './support.mjs';

const OUT = join(import.meta.dirname, '..', '..', 'docs', 'screenshots');
const browser = await launch();
const ctx = await browser.newContext({ deviceScaleFactor: 1 });
const p = await page(ctx, { width: 1366, height: 860 });
const snap = (name) => p.screenshot({ path: join(OUT, `${name}.png`) });

await p.goto(`${BASE}/#/`);
await p.locator('[data-testid=asset-table] tbody tr').first().waitFor();
await p.waitForTimeout(2000);
await snap('market-overview');

await p.goto(`${BASE}/#/asset/PAXG`);
await p.locator('[data-testid=price-chart][data-candles]').waitFor();
await p.click('[data-interval="1d"]');
await p.waitForFunction(() => /forecast/.test(document.querySelector('[data-testid=forecast-note]')?.textContent ?? ''));
await p.waitForTimeout(1000);
await snap('asset-forecast-band');

await p.goto(`${BASE}/#/asset/PAXG/risk`);
await p.locator('[data-testid=risk-gauge]').waitFor();
await snap('asset-risk');

await p.goto(`${BASE}/#/compare?symbols=PAXG,XAUT,BUIDL,SPYX`);
await p.locator('[data-testid=correlation]').waitFor();
await p.waitForTimeout(500);
await snap('compare');

const user = await newUser('docs');
for (const [symbol, quantity, avg] of [['BUIDL', '250000', '1'], ['PAXG', '12', '3800'], ['SPYX', '40', '650'], ['ACRED', '30', '990']]) {
  await call('POST', '/api/v1/portfolio/holdings', { symbol, quantity, avg_purchase_price: avg }, user.tokens.access_token);
}
await signInPage(p, user);
await p.goto(`${BASE}/#/portfolio`);
await p.locator('[data-testid=holdings]').waitFor();
await p.waitForTimeout(1500);
await snap('portfolio');

await p.evaluate(() => localStorage.setItem('rwa.theme', 'dark'));
await p.goto(`${BASE}/#/asset/XAUT`);
await p.reload();
await p.locator('[data-testid=price-chart][data-candles]').waitFor();
await p.click('[data-interval="1h"]');
await p.waitForTimeout(1500);
await snap('asset-dark');

const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
const m = await phone.newPage();
await m.goto(`${BASE}/#/`);
await m.locator('[data-testid=asset-table] tbody tr').first().waitFor();
await m.waitForTimeout(1000);
await m.screenshot({ path: join(OUT, 'phone-overview.png') });
await browser.close();
console.log(`screenshots written to ${OUT}`);
