/** Market overview: every asset live — price, 24 h change, yield, NAV premium/discount, risk badge, sparkline. */
import { Empty, ErrorBox, Loading, RiskBadge, Sparkline } from '../components';
import { change, className, formatPct, formatPrice } from '../format';
import { href } from '../router';
import { market, useStore, type Asset } from '../store';

export function AssetTable({ assets, testId = 'asset-table' }: { assets: Asset[]; testId?: string }) {
  if (assets.length === 0) return <Empty title="No assets match">Change the filters or the search.</Empty>;
  return (
    <div class="table-wrap">
      <table class="assets" data-testid={testId}>
        <thead>
          <tr>
            <th>Asset</th>
            <th class="hide-sm">Class</th>
            <th class="num">Price</th>
            <th class="num">24 h</th>
            <th class="num hide-sm">Yield</th>
            <th class="num hide-md">NAV prem./disc.</th>
            <th>Risk</th>
            <th class="hide-sm">24 h trend</th>
          </tr>
        </thead>
        <tbody>
          {assets.map((a) => {
            const ch = change(a.price, a.close_24h);
            return (
              <tr key={a.symbol} data-symbol={a.symbol}>
                <td>
                  <a href={href(`/asset/${a.symbol}`)} class="sym">{a.symbol}</a>
                  <div class="muted small ellipsis">{a.name}</div>
                </td>
                <td class="hide-sm">{className(a.asset_class)}</td>
                <td class={`num price ${a.tick ?? ''}`} data-testid="price">{formatPrice(a.price)}</td>
                <td class={`num ${ch == null ? '' : ch >= 0 ? 'pos' : 'neg'}`}>{formatPct(ch)}</td>
                <td class="num hide-sm">{a.yield_apy ? formatPct(Number(a.yield_apy), false) : '—'}</td>
                <td class="num hide-md">{formatPct(a.nav_premium ?? null)}</td>
                <td><RiskBadge score={a.risk_score} /></td>
                <td class="hide-sm"><Sparkline values={a.sparkline_24h} /></td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function Overview() {
  const m = useStore(market);
  if (!m.loaded) return <Loading />;
  const assets = [...m.assets.values()];
  const byClass = new Map<string, number>();
  assets.forEach((a) => byClass.set(a.asset_class, (byClass.get(a.asset_class) ?? 0) + 1));
  return (
    <section>
      <header class="page-head">
        <h1>Market overview</h1>
        <p class="muted">{assets.length} tokenized real-world assets, live.</p>
      </header>
      <ErrorBox error={m.error} />
      <div class="chips">
        {[...byClass].map(([c, n]) => (
          <span class="chip" key={c}>{className(c)} · {n}</span>
        ))}
      </div>
      <AssetTable assets={assets} />
    </section>
  );
}
