import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  applyLive, applyRest, eventKey, finality, formatAmount, isEvmAddress, isOnchainEvent, kindOf, plainDecimal, shortAddress,
  shownEvents, syncSummary, throttle, tokenKey, walletSyncBody, ZERO_ADDRESS, type Feed, type OnchainEvent, type OnchainToken,
} from './onchain';

const TOKEN = '0x45804880De22913dAFE09f4980848ECE6EcbAf78';
const A = '0x' + '1'.repeat(40);
const B = '0x' + '2'.repeat(40);

function ev(tx: string, over: Partial<OnchainEvent> = {}): OnchainEvent {
  return {
    kind: 'whale', symbol: 'PAXG', chain: 'ethereum', token_address: TOKEN.toLowerCase(), block_number: 100, log_index: 0,
    tx_hash: '0x' + tx.repeat(64), time: '2026-01-01T12:00:00Z', from: A, to: B, amount: '30', provisional: false, ...over,
  };
}

const empty: Feed = new Map();
const kinds = (f: Feed, fin = new Map<string, number>()) => shownEvents(f, fin).map((s) => `${s.event.kind}:${s.event.tx_hash.slice(2, 3)}:${s.state}`);

describe('addresses and amounts', () => {
  it('accepts 0x and exactly 40 hex digits, in any case', () => {
    expect(isEvmAddress(TOKEN)).toBe(true);
    expect(isEvmAddress(` ${A} `)).toBe(true);
    expect(isEvmAddress(A.slice(0, 41))).toBe(false);
    expect(isEvmAddress(A + '0')).toBe(false);
    expect(isEvmAddress('1x' + '1'.repeat(40))).toBe(false);
    expect(isEvmAddress('0x' + 'g'.repeat(40))).toBe(false);
    expect(isEvmAddress('')).toBe(false);
    expect(isEvmAddress(null)).toBe(false);
  });

  it('shortens addresses and hashes to their ends', () => {
    expect(shortAddress(TOKEN)).toBe('0x4580…Af78');
    expect(shortAddress('0x1234')).toBe('0x1234');
    expect(shortAddress(null)).toBe('—');
  });

  it('writes decimals out in full, exactly', () => {
    expect(plainDecimal('1E-18')).toBe('0.000000000000000001');
    expect(plainDecimal('1.50E+3')).toBe('1500');
    expect(plainDecimal('30.000000000000000000')).toBe('30');
    expect(plainDecimal('123456789012345678901234.5')).toBe('123456789012345678901234.5');
    expect(plainDecimal('0.00')).toBe('0');
    expect(plainDecimal('-2.5E-2')).toBe('-0.025');
    expect(plainDecimal('-0.0')).toBe('0');
    expect(plainDecimal('.5')).toBe('0.5');
    expect(plainDecimal('n/a')).toBe('n/a');
  });

  it('formats token amounts for reading', () => {
    expect(formatAmount('1610')).toBe('1,610');
    expect(formatAmount('1E+3')).toBe('1,000');
    expect(formatAmount('0.0025')).toBe('0.0025');
    expect(formatAmount('1E-18')).toBe('< 0.00000001');
    expect(formatAmount('0')).toBe('0');
    expect(formatAmount(null)).toBe('—');
  });
});

describe('wallet sync form', () => {
  it('sends a trimmed address and a lower-case chain, ethereum by default', () => {
    expect(walletSyncBody(` ${TOKEN} `, '')).toEqual({ body: { address: TOKEN, chain: 'ethereum' } });
    expect(walletSyncBody(A, ' Polygon ')).toEqual({ body: { address: A, chain: 'polygon' } });
  });

  it('refuses what the server would refuse, without asking it', () => {
    expect(walletSyncBody('0x1234', 'ethereum')).toEqual({ error: expect.stringContaining('40 hex digits') });
    expect(walletSyncBody(A, 'eth mainnet')).toEqual({ error: expect.stringContaining('chain name') });
  });

  it('sums a sync up', () => {
    expect(syncSummary({ synced_assets: 2, new_transactions: 5 })).toBe('Synced 2 assets, 5 new transactions');
    expect(syncSummary({ synced_assets: 1, new_transactions: 1 })).toBe('Synced 1 asset, 1 new transaction');
    expect(syncSummary({ synced_assets: 0, new_transactions: 0 })).toBe('Synced 0 assets, 0 new transactions');
  });
});

describe('event feed', () => {
  it('identifies events by chain, transaction and log index, whatever the case of the hash', () => {
    expect(eventKey(ev('a'))).toBe(eventKey({ ...ev('a'), tx_hash: ev('a').tx_hash.toUpperCase().replace('0X', '0x') }));
    expect(eventKey(ev('a'))).not.toBe(eventKey(ev('a', { log_index: 1 })));
    expect(eventKey(ev('a'))).not.toBe(eventKey(ev('a', { chain: 'polygon' })));
  });

  it('tells mints and burns of a retraction by the zero address', () => {
    expect(kindOf(ev('a', { kind: 'retracted', from: ZERO_ADDRESS }))).toBe('mint');
    expect(kindOf(ev('a', { kind: 'retracted', to: ZERO_ADDRESS }))).toBe('burn');
    expect(kindOf(ev('a', { kind: 'retracted' }))).toBe('whale');
    expect(kindOf(ev('a', { kind: 'burn' }))).toBe('burn');
  });

  it('checks bus messages', () => {
    expect(isOnchainEvent(ev('a'))).toBe(true);
    expect(isOnchainEvent({ ...ev('a'), kind: 'teleport' })).toBe(false);
    expect(isOnchainEvent({ ...ev('a'), log_index: '0' })).toBe(false);
    expect(isOnchainEvent(null)).toBe(false);
  });

  it('merges a snapshot with live events, newest first, without duplicates', () => {
    let f = applyRest(empty, [ev('a', { time: '2026-01-01T11:00:00Z' }), ev('b', { kind: 'mint', time: '2026-01-01T10:00:00Z' })], 0);
    f = applyLive(f, ev('c', { kind: 'burn', time: '2026-01-01T12:00:00Z', provisional: true }), 1);
    f = applyLive(f, ev('a', { time: '2026-01-01T11:00:00Z' }), 2); // the same transfer once more
    expect(kinds(f)).toEqual(['burn:c:provisional', 'whale:a:final', 'mint:b:final']);
  });

  it('orders events of one block by log index', () => {
    const f = applyRest(empty, [ev('a', { log_index: 1 }), ev('a', { log_index: 3 }), ev('b', { block_number: 99 })], 0);
    expect(shownEvents(f, new Map()).map((s) => `${s.event.block_number}/${s.event.log_index}`)).toEqual(['100/3', '100/1', '99/0']);
  });

  it('strikes a retracted event instead of adding one', () => {
    let f = applyLive(empty, ev('a', { kind: 'mint', from: ZERO_ADDRESS, provisional: true }), 1);
    f = applyLive(f, ev('a', { kind: 'retracted', from: ZERO_ADDRESS, provisional: true }), 2);
    expect(kinds(f)).toEqual(['mint:a:reorged']);
  });

  it('shows a retraction whose event it never saw as that event, struck', () => {
    const f = applyLive(empty, ev('a', { kind: 'retracted', to: ZERO_ADDRESS, provisional: true }), 1);
    expect(kinds(f)).toEqual(['burn:a:reorged']);
  });

  it('shows a transaction mined again after a reorg', () => {
    let f = applyLive(empty, ev('a', { provisional: true }), 1);
    f = applyLive(f, ev('a', { kind: 'retracted', provisional: true }), 2);
    f = applyLive(f, ev('a', { block_number: 101, provisional: true }), 3);
    expect(kinds(f)).toEqual(['whale:a:provisional']);
    expect(shownEvents(f, new Map())[0].event.block_number).toBe(101);
  });

  it('lets a snapshot settle provisional events, but not undo a retraction that arrived after its request', () => {
    let f = applyLive(empty, ev('a', { provisional: true }), 1);
    f = applyLive(f, ev('b', { provisional: true }), 2);
    const at = 2; // the refresh starts here
    f = applyLive(f, ev('b', { kind: 'retracted', provisional: true }), 3);
    f = applyRest(f, [ev('a', { provisional: false }), ev('b', { provisional: true })], at);
    expect(kinds(f)).toEqual(['whale:a:final', 'whale:b:reorged']);
    // a later snapshot no longer lists b (the reorg removed it): it stays struck
    f = applyRest(f, [ev('a')], 3);
    expect(kinds(f)).toEqual(['whale:a:final', 'whale:b:reorged']);
  });

  it('turns a live event final once the scan finalizes its block', () => {
    const f = applyLive(empty, ev('a', { provisional: true, block_number: 120 }), 1);
    const fin = finality([{ chain: 'ethereum', token_address: TOKEN, finalized_to: 119 } as OnchainToken]);
    expect(fin.get(tokenKey('ethereum', TOKEN.toLowerCase()))).toBe(119);
    expect(kinds(f, fin)).toEqual(['whale:a:provisional']);
    expect(kinds(f, new Map([[tokenKey('ethereum', TOKEN), 120]]))).toEqual(['whale:a:final']);
    expect(kinds(f, new Map([[tokenKey('polygon', TOKEN), 500]]))).toEqual(['whale:a:provisional']);
  });

  it('keeps the newest 200 events', () => {
    let f: Feed = empty;
    for (let i = 0; i < 210; i++) f = applyLive(f, ev('a', { log_index: i }), i + 1);
    expect(f.size).toBe(200);
    expect(shownEvents(f, new Map(), 500).at(-1)!.event.log_index).toBe(10);
    expect(shownEvents(f, new Map()).length).toBe(100);
  });
});

describe('throttle', () => {
  afterEach(() => vi.useRealTimers());

  it('runs at once, then at most once per window, deferring the calls inside it', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const t = throttle(fn, 2000);
    t.call();
    expect(fn).toHaveBeenCalledTimes(1);
    t.call();
    t.call();
    vi.advanceTimersByTime(1999);
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(5000);
    expect(fn).toHaveBeenCalledTimes(2);
    t.call();
    expect(fn).toHaveBeenCalledTimes(3);
  });

  it('drops a deferred run when cancelled', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const t = throttle(fn, 2000);
    t.call();
    t.call();
    t.cancel();
    vi.advanceTimersByTime(5000);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});
