/**
 * The on-chain view's data: the types of `GET /api/v1/assets/{symbol}/onchain` and of the live `rwa.onchain.events`,
 * and the pure logic the On-chain tab and the wallet sync use (all unit-tested): the event feed that merges REST
 * snapshots with live events, EVM address checks, exact token amounts.
 */

export type EventKind = 'mint' | 'burn' | 'whale';

export interface OnchainEvent {
  kind: EventKind | 'retracted';
  symbol?: string;
  chain: string;
  token_address: string;
  block_number: number;
  log_index: number;
  tx_hash: string;
  time: string;
  from: string;
  to: string;
  /** Token units as a decimal string (live messages may use exponent notation: "1E-18"). */
  amount: string;
  /** True while the block is above the chain's finality point, so a reorg may still remove it. */
  provisional: boolean;
}

export interface TopHolder { address: string; balance: string; share: number | null }

export interface OnchainToken {
  chain: string;
  token_address: string;
  decimals: number;
  start_block: number;
  scanned_to: number;
  finalized_to: number;
  provisional_blocks: number;
  holders: number;
  top10_share: number | null;
  ledger_supply: string;
  onchain_supply: string | null;
  supply_checked_at_block: number | null;
  supply_matches: boolean | null;
  totals: { transfer_count: number; transfer_volume: string; mint_count: number; burn_count: number; minted: string; burned: string };
  dex_liquidity: string | null;
  top_holders: TopHolder[];
  integrity: { ok: true } | { ok: false; finding: string; at: string };
  updated_at: string;
}

export interface SeriesPoint {
  time: string;
  chain: string;
  holder_count: number | null;
  transfer_count: number | null;
  transfer_volume: string | null;
  minted?: string | null;
  burned?: string | null;
  total_supply?: string | null;
  ledger_supply?: string | null;
  dex_liquidity?: string | null;
  exchange_inflow?: string | null;
  exchange_outflow?: string | null;
  top10_share?: string | null;
}

export interface OnchainView {
  symbol: string;
  tracked: boolean;
  tokens: OnchainToken[];
  series: SeriesPoint[];
  events: OnchainEvent[];
}

export const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000';
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const CHAIN = /^[a-z0-9][a-z0-9-]{0,31}$/;
const KINDS = new Set(['mint', 'burn', 'whale', 'retracted']);

/** True for `0x` followed by exactly 40 hex digits (any case: EIP-55 checksummed addresses are mixed case). */
export function isEvmAddress(s: string | null | undefined): boolean {
  return s != null && ADDRESS.test(s.trim());
}

/** `0x1234…abcd`: the start and end of an address or hash; anything short enough is left as it is. */
export function shortAddress(s: string | null | undefined, head = 6, tail = 4): string {
  if (!s) return '—';
  return s.length <= head + tail + 1 ? s : `${s.slice(0, head)}…${s.slice(-tail)}`;
}

/**
 * A decimal string written out in full, without exponent or trailing zeros: "1E-18" → "0.000000000000000001",
 * "1.50E+3" → "1500", "30.000" → "30". Anything that is not a decimal number is returned unchanged.
 */
export function plainDecimal(s: string): string {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s.trim());
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return s;
  const [, sign, int, frac = '', exp = '0'] = m;
  let digits = int + frac;
  let point = int.length + Number(exp);
  if (point <= 0) {
    digits = '0'.repeat(1 - point) + digits;
    point = 1;
  } else if (point > digits.length) {
    digits += '0'.repeat(point - digits.length);
  }
  const whole = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  const rest = digits.slice(point).replace(/0+$/, '');
  const out = rest ? `${whole}.${rest}` : whole;
  return sign === '-' && /[1-9]/.test(out) ? `-${out}` : out;
}

/** A token amount for reading: grouped, with a precision that suits its size ("1,610", "0.0025"); "—" when absent. */
export function formatAmount(v: string | number | null | undefined): string {
  const n = typeof v === 'string' ? Number(v) : v;
  if (n == null || !Number.isFinite(n)) return '—';
  const abs = Math.abs(n);
  const digits = abs >= 1000 ? 2 : abs >= 1 ? 4 : 8;
  const s = n.toLocaleString('en-US', { maximumFractionDigits: digits });
  return s === '0' && n !== 0 ? `< ${(10 ** -digits).toFixed(digits)}` : s;
}

/** The request body of a wallet sync, or the reason the form cannot send it. */
export function walletSyncBody(address: string, chain: string): { body: { address: string; chain: string } } | { error: string } {
  const a = address.trim();
  const c = (chain.trim() || 'ethereum').toLowerCase();
  if (!isEvmAddress(a)) return { error: 'Enter a wallet address: 0x followed by 40 hex digits.' };
  if (!CHAIN.test(c)) return { error: 'Enter a chain name like "ethereum" (lower-case letters, digits and dashes).' };
  return { body: { address: a, chain: c } };
}

/** "Synced 2 assets, 5 new transactions" (singular where it is one). */
export function syncSummary(r: { synced_assets: number; new_transactions: number }): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `Synced ${plural(r.synced_assets, 'asset')}, ${plural(r.new_transactions, 'new transaction')}`;
}

// ------------------------------------------------------------------------------------------------- event feed

/** One event of the feed: `reorged` once a retraction withdrew it; `seq` orders what the feed learnt when. */
export interface FeedEntry {
  event: OnchainEvent & { kind: EventKind };
  reorged: boolean;
  seq: number;
}

/** The events known to the tab, keyed by identity; treated as immutable (each change returns a new map). */
export type Feed = ReadonlyMap<string, FeedEntry>;

/** The identity of an event: chain, transaction and log index (hashes compared in lower case). */
export function eventKey(e: Pick<OnchainEvent, 'chain' | 'tx_hash' | 'log_index'>): string {
  return `${e.chain}|${e.tx_hash.toLowerCase()}|${e.log_index}`;
}

/** What a transfer was: from the zero address a mint, to it a burn, else a whale transfer. */
export function kindOf(e: Pick<OnchainEvent, 'kind' | 'from' | 'to'>): EventKind {
  if (e.kind !== 'retracted') return e.kind;
  if (e.from.toLowerCase() === ZERO_ADDRESS) return 'mint';
  if (e.to.toLowerCase() === ZERO_ADDRESS) return 'burn';
  return 'whale';
}

/** True when a bus message looks like an on-chain event this UI understands. */
export function isOnchainEvent(x: unknown): x is OnchainEvent {
  const e = x as OnchainEvent;
  return e != null && typeof e === 'object' && KINDS.has(e.kind) && typeof e.chain === 'string'
    && typeof e.tx_hash === 'string' && Number.isInteger(e.log_index) && typeof e.from === 'string' && typeof e.to === 'string';
}

const FEED_LIMIT = 200;

/**
 * Applies one live event, learnt at `seq`: a retraction strikes the event it names (shown as that event, reorged,
 * even when its first publication never reached this page); any other event adds or replaces its entry, so a
 * transaction mined again under the same identity after a reorg is shown again.
 */
export function applyLive(feed: Feed, e: OnchainEvent, seq: number): Feed {
  const key = eventKey(e);
  const next = new Map(feed);
  if (e.kind === 'retracted') {
    const prev = feed.get(key);
    next.set(key, { event: prev?.event ?? { ...e, kind: kindOf(e) }, reorged: true, seq });
  } else {
    next.set(key, { event: { ...e, kind: e.kind }, reorged: false, seq });
  }
  return prune(next);
}

/**
 * Applies a REST snapshot whose request started when the feed was at `at`: it is the truth for every event it
 * lists (provisional flags included) unless a live message about that event arrived after the request started.
 * Events it does not list stay: they are older than its window, or reorged ones it no longer knows.
 */
export function applyRest(feed: Feed, events: OnchainEvent[], at: number): Feed {
  const next = new Map(feed);
  for (const e of events) {
    if (e.kind === 'retracted') continue;
    const key = eventKey(e);
    const prev = next.get(key);
    if (prev && prev.seq > at) continue;
    next.set(key, { event: { ...e, kind: e.kind }, reorged: false, seq: at });
  }
  return prune(next);
}

function newestFirst(a: OnchainEvent, b: OnchainEvent): number {
  return (Date.parse(b.time) || 0) - (Date.parse(a.time) || 0) || b.block_number - a.block_number || b.log_index - a.log_index;
}

function prune(feed: Map<string, FeedEntry>): Map<string, FeedEntry> {
  if (feed.size <= FEED_LIMIT) return feed;
  const keep = [...feed.entries()].sort(([, x], [, y]) => newestFirst(x.event, y.event)).slice(0, FEED_LIMIT);
  return new Map(keep);
}

/** An event as the table shows it. */
export interface ShownEvent {
  key: string;
  event: OnchainEvent & { kind: EventKind };
  state: 'final' | 'provisional' | 'reorged';
}

/**
 * The feed newest first, at most `limit`. An event is provisional while it says so and its block is above the
 * finality point of its token that the latest snapshot reports (`finalizedTo`, keyed by {@link tokenKey}), so a live
 * event turns final as soon as the scan passes it, without waiting for it to reappear in a snapshot.
 */
export function shownEvents(feed: Feed, finalizedTo: ReadonlyMap<string, number>, limit = 100): ShownEvent[] {
  return [...feed.entries()]
    .sort(([, x], [, y]) => newestFirst(x.event, y.event))
    .slice(0, limit)
    .map(([key, { event, reorged }]) => {
      const final = finalizedTo.get(tokenKey(event.chain, event.token_address));
      const provisional = event.provisional && !(final != null && event.block_number <= final);
      return { key, event, state: reorged ? 'reorged' : provisional ? 'provisional' : 'final' };
    });
}

/** The key of a token in {@link shownEvents}' finality map. */
export function tokenKey(chain: string, tokenAddress: string): string {
  return `${chain}|${tokenAddress.toLowerCase()}`;
}

/** The finality point of every token of a snapshot. */
export function finality(tokens: OnchainToken[]): Map<string, number> {
  return new Map(tokens.map((t) => [tokenKey(t.chain, t.token_address), t.finalized_to]));
}

/**
 * Wraps `fn` so that it runs at most once per `ms`: a call inside the window is deferred to its end, and the calls
 * of one window run it once. `cancel` drops a deferred run.
 */
export function throttle(fn: () => void, ms: number, now: () => number = () => Date.now()): { call: () => void; cancel: () => void } {
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    timer = undefined;
    last = now();
    fn();
  };
  return {
    call: () => {
      if (timer !== undefined) return;
      const wait = last + ms - now();
      if (wait <= 0) run();
      else timer = setTimeout(run, wait);
    },
    cancel: () => {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
