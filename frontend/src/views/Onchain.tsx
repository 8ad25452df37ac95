/**
 * Asset › On-chain: per scanned token the scan position and integrity, holders and concentration, the ledger supply
 * against totalSupply(), flows, DEX liquidity and top holders; the mints, burns and whale transfers live, provisional
 * until final and struck through when a reorg retracts them. The summary is re-read (at most every 2 s) when the
 * scanner publishes new metrics for the asset.
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { Empty, ErrorBox, Loading, Sparkline, toast } from '../components';
import { live } from '../connection';
import { ago, formatPct, formatUsd } from '../format';
import {
  applyLive, applyRest, finality, formatAmount, isOnchainEvent, plainDecimal, shortAddress, shownEvents, throttle,
  type Feed, type OnchainToken, type OnchainView, type SeriesPoint, type ShownEvent,
} from '../onchain';

const REFRESH_MS = 2000;

export function OnchainTab({ symbol }: { symbol: string }) {
  const [view, setView] = useState<OnchainView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [feed, setFeed] = useState<Feed>(() => new Map());
  useEffect(() => {
    let closed = false;
    let seq = 0; // counts the live events, so a snapshot knows which of them it may overrule
    setView(null);
    setError(null);
    setFeed(new Map());
    const refresh = throttle(() => {
      const at = seq;
      api.get<OnchainView>(`/api/v1/assets/${encodeURIComponent(symbol)}/onchain`, { days: 30, events: 50 }).then(
        (v) => {
          if (closed) return;
          setView(v);
          setError(null);
          setFeed((f) => applyRest(f, v.events, at));
        },
        (e) => !closed && setError(e),
      );
    }, REFRESH_MS);
    const unsubs = [
      live.subscribe('rwa.onchain.events', (e) => {
        if (e?.symbol !== symbol || !isOnchainEvent(e)) return;
        const s = ++seq;
        setFeed((f) => applyLive(f, e, s));
      }),
      live.subscribe('rwa.onchain', (m) => {
        if (m?.symbol === symbol) refresh.call();
      }),
    ];
    refresh.call();
    return () => {
      closed = true;
      refresh.cancel();
      unsubs.forEach((u) => u());
    };
  }, [symbol]);

  if (!view) {
    return <div data-testid="onchain" data-state={error ? 'error' : 'loading'}>{error ? <ErrorBox error={error} /> : <Loading />}</div>;
  }
  if (!view.tracked) {
    return (
      <div data-testid="onchain" data-state="untracked">
        <div data-testid="onchain-empty">
          <Empty title={`No chain scanner tracks ${symbol} in this deployment`}>
            Holders, supply and transfers come from the on-chain role, which reads the token's ERC-20 Transfer logs from
            an EVM node. An operator enables it by adding the chain and this asset's token contract to{' '}
            <code>onchain.chains</code> in the configuration and running the <code>onchain</code> role.
          </Empty>
        </div>
      </div>
    );
  }
  const multi = view.tokens.length > 1;
  const shown = shownEvents(feed, finality(view.tokens));
  return (
    <div data-testid="onchain" data-state="tracked">
      <ErrorBox error={error} />
      {view.tokens.map((t) => (
        <TokenPanels key={`${t.chain}|${t.token_address}`} token={t} series={view.series.filter((p) => p.chain === t.chain)} />
      ))}
      <EventsPanel events={shown} multi={multi} />
    </div>
  );
}

function TokenPanels({ token: t, series }: { token: OnchainToken; series: SeriesPoint[] }) {
  const copy = () => (navigator.clipboard ? navigator.clipboard.writeText(t.token_address) : Promise.reject(new Error('no clipboard'))).then(
    () => toast('Copied', `${t.chain} token ${shortAddress(t.token_address)}`),
    () => toast('Copy', 'the browser did not allow copying', 'error'),
  );
  return (
    <>
      {!t.integrity.ok && (
        <div class="warning" role="alert" data-testid="onchain-integrity" data-chain={t.chain}>
          <strong>Integrity finding on {t.chain}</strong> <span class="muted small">{ago(t.integrity.at)}</span>
          <p>{t.integrity.finding}</p>
          <p class="small">The scanner stops its pass at a finding, so the figures below may be stale or incomplete until it is resolved.</p>
        </div>
      )}
      <div class="grid-2" data-testid="onchain-token" data-chain={t.chain}>
        <div class="panel">
          <h3>{t.chain} <span class="muted small">updated {ago(t.updated_at)}</span></h3>
          <dl class="kv">
            <dt>Token</dt>
            <dd>
              <span class="mono" title={t.token_address}>{shortAddress(t.token_address)}</span>{' '}
              <button type="button" class="ghost small" onClick={copy} aria-label={`copy the token address ${t.token_address}`}>Copy</button>
              <span class="muted small"> · {t.decimals} decimals</span>
            </dd>
            <dt>Holders</dt>
            <dd><strong data-testid="onchain-holders">{t.holders.toLocaleString('en-US')}</strong> <Trend values={series.map((p) => p.holder_count)} label="holders" /></dd>
            <dt>Top-10 concentration</dt>
            <dd>{formatPct(t.top10_share, false, 1)}</dd>
            <dt>Supply (ledger)</dt>
            <dd><span title={plainDecimal(t.ledger_supply)}>{formatAmount(t.ledger_supply)}</span> <SupplyCheck token={t} /></dd>
            <dt>Transfers</dt>
            <dd>
              {t.totals.transfer_count.toLocaleString('en-US')} · volume <span title={plainDecimal(t.totals.transfer_volume)}>{formatAmount(t.totals.transfer_volume)}</span>{' '}
              <Trend values={series.map((p) => p.transfer_volume)} label="transfer volume per interval" />
            </dd>
            <dt>Minted</dt>
            <dd><span title={plainDecimal(t.totals.minted)}>{formatAmount(t.totals.minted)}</span> <span class="muted small">in {plural(t.totals.mint_count, 'mint')}</span></dd>
            <dt>Burned</dt>
            <dd><span title={plainDecimal(t.totals.burned)}>{formatAmount(t.totals.burned)}</span> <span class="muted small">in {plural(t.totals.burn_count, 'burn')}</span></dd>
            <dt>DEX liquidity</dt>
            <dd>{t.dex_liquidity == null ? <span class="muted" title="no DEX pair configured for this token, or none answered">not measured</span> : formatUsd(t.dex_liquidity)}</dd>
            <dt>Scan position</dt>
            <dd data-testid="onchain-scan">
              scanned to <span class="mono">#{t.scanned_to}</span> · final to <span class="mono">#{t.finalized_to}</span>
              <span class="muted small"> · {plural(t.provisional_blocks, 'provisional block')} · from #{t.start_block}</span>
            </dd>
          </dl>
        </div>
        <div class="panel">
          <h3>Top holders</h3>
          {t.top_holders.length === 0 ? <p class="muted">No holders yet.</p> : (
            <div class="table-wrap">
              <table data-testid="onchain-top-holders">
                <thead><tr><th class="num">#</th><th>Address</th><th class="num">Balance</th><th class="num">Share</th></tr></thead>
                <tbody>
                  {t.top_holders.map((h, i) => (
                    <tr key={h.address}>
                      <td class="num muted">{i + 1}</td>
                      <td class="mono" title={h.address}>{shortAddress(h.address)}</td>
                      <td class="num" title={plainDecimal(h.balance)}>{formatAmount(h.balance)}</td>
                      <td class="num">{formatPct(h.share, false, 1)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      </div>
    </>
  );
}

function SupplyCheck({ token: t }: { token: OnchainToken }) {
  const at = t.supply_checked_at_block == null ? '' : ` at block #${t.supply_checked_at_block}`;
  if (t.supply_matches == null) return <span class="muted small">not yet checked against totalSupply()</span>;
  if (t.supply_matches) return <span class="badge ok" data-testid="onchain-supply-check" title={`totalSupply()${at}: ${plainDecimal(t.onchain_supply ?? '')}`}>matches totalSupply()</span>;
  return (
    <>
      <span class="badge bad" data-testid="onchain-supply-check" title="the sum of the scanned balances differs from the contract's totalSupply()">mismatch</span>
      <div class="small neg">totalSupply(){at}: {plainDecimal(t.onchain_supply ?? '—')}</div>
    </>
  );
}

/** A sparkline of a metric over the series, when it has at least two points. */
function Trend({ values, label }: { values: (number | string | null | undefined)[]; label: string }) {
  const v = values.filter((x) => x != null).map(Number).filter(Number.isFinite);
  if (v.length < 2) return null;
  return <span class="trend" title={`${label}, last 30 days`}><Sparkline values={v} width={80} height={20} /></span>;
}

function EventsPanel({ events, multi }: { events: ShownEvent[]; multi: boolean }) {
  return (
    <div class="panel">
      <div class="toolbar">
        <h3>Mints, burns and whale transfers</h3>
        <span class="muted small">live · a whale moves at least the token's threshold (1 % of the supply unless configured) · provisional until its block is final</span>
      </div>
      <div class="table-wrap">
        <table class="onchain-events">
          <thead>
            <tr>
              <th>When</th><th>Kind</th>{multi && <th class="hide-sm">Chain</th>}<th class="num">Amount</th><th>From → to</th>
              <th class="num hide-sm">Block</th><th><span class="sr-only">Status</span></th>
            </tr>
          </thead>
          <tbody data-testid="onchain-events">
            {events.length === 0 && (
              <tr><td colSpan={multi ? 7 : 6} class="muted">None yet: they appear here as the scanner sees them.</td></tr>
            )}
            {events.map(({ key, event: e, state }) => (
              <tr key={key} class={state} data-testid="onchain-event" data-kind={e.kind} data-state={state} data-tx={e.tx_hash} data-log-index={e.log_index}>
                <td title={e.time}>{ago(e.time)}</td>
                <td><span class={`badge kind-${e.kind}`}>{e.kind}</span></td>
                {multi && <td class="hide-sm">{e.chain}</td>}
                <td class="num" title={plainDecimal(e.amount)}>{formatAmount(e.amount)}</td>
                <td class="mono small"><span title={e.from}>{shortAddress(e.from)}</span> → <span title={e.to}>{shortAddress(e.to)}</span></td>
                <td class="num hide-sm mono" title={`transaction ${e.tx_hash}, log ${e.log_index}`}>#{e.block_number}</td>
                <td>
                  {state === 'provisional' && <span class="badge provisional" title="its block is not final yet: a reorg may still remove it">provisional</span>}
                  {state === 'reorged' && <span class="badge reorged" title="a chain reorganisation removed this transfer">reorged</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}
