import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OnchainEvent, OnchainView } from '../onchain';

const handlers = new Map<string, (body: unknown) => void>();
const get = vi.fn();
vi.mock('../api', () => ({ api: { get: (...a: unknown[]) => get(...a) }, ApiError: class {} }));
vi.mock('../connection', () => ({
  live: {
    subscribe: (address: string, h: (body: unknown) => void) => {
      handlers.set(address, h);
      return () => handlers.delete(address);
    },
  },
}));

const { OnchainTab } = await import('./Onchain');

const ZERO = '0x0000000000000000000000000000000000000000';
const TOKEN = '0x45804880de22913dafe09f4980848ece6ecbaf78';
const A = '0x' + '1'.repeat(40);

function ev(tx: string, over: Partial<OnchainEvent> = {}): OnchainEvent {
  return { kind: 'mint', symbol: 'PAXG', chain: 'ethereum', token_address: TOKEN, block_number: 110, log_index: 0, tx_hash: '0x' + tx.repeat(64),
    time: new Date().toISOString(), from: ZERO, to: A, amount: '30', provisional: false, ...over };
}

function view(over: Partial<OnchainView['tokens'][0]> = {}, events: OnchainEvent[] = []): OnchainView {
  return {
    symbol: 'PAXG', tracked: true, series: [], events,
    tokens: [{
      chain: 'ethereum', token_address: TOKEN, decimals: 18, start_block: 0, scanned_to: 123, finalized_to: 119, provisional_blocks: 4,
      holders: 25, top10_share: 0.83, ledger_supply: '1610', onchain_supply: '1610', supply_checked_at_block: 123, supply_matches: true,
      totals: { transfer_count: 5, transfer_volume: '290', mint_count: 3, burn_count: 1, minted: '1710', burned: '100' },
      dex_liquidity: '12345.67', top_holders: [{ address: A, balance: '760', share: 0.47 }], integrity: { ok: true },
      updated_at: new Date().toISOString(), ...over,
    }],
  };
}

let root: HTMLElement;
const $ = (sel: string) => root.querySelector<HTMLElement>(sel);
const rows = () => [...root.querySelectorAll<HTMLElement>('[data-testid=onchain-event]')].map((r) => `${r.dataset.kind}:${r.dataset.state}`);
const flush = () => act(async () => { await new Promise((r) => setTimeout(r, 0)); });

beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
  get.mockReset();
  handlers.clear();
});
afterEach(() => {
  vi.restoreAllMocks();
  render(null, root);
  root.remove();
});

describe('on-chain tab', () => {
  it('says honestly when no scanner tracks the asset', async () => {
    get.mockResolvedValue({ symbol: 'PAXG', tracked: false, tokens: [], series: [], events: [] });
    await act(() => render(<OnchainTab symbol="PAXG" />, root));
    await flush();
    expect($('[data-testid=onchain]')!.dataset.state).toBe('untracked');
    expect($('[data-testid=onchain-empty]')!.textContent).toContain('onchain.chains');
    expect($('[data-testid=empty-state]')).not.toBeNull();
    expect(get).toHaveBeenCalledWith('/api/v1/assets/PAXG/onchain', { days: 30, events: 50 });
  });

  it('shows the summary, the integrity finding and a supply mismatch', async () => {
    get.mockResolvedValue(view({ supply_matches: false, onchain_supply: '1600', integrity: { ok: false, finding: 'log 3 of block 7 was answered twice', at: new Date().toISOString() } }));
    await act(() => render(<OnchainTab symbol="PAXG" />, root));
    await flush();
    expect($('[data-testid=onchain-holders]')!.textContent).toBe('25');
    expect($('[data-testid=onchain-integrity]')!.textContent).toContain('answered twice');
    expect($('[data-testid=onchain-supply-check]')!.textContent).toBe('mismatch');
    expect($('[data-testid=onchain-scan]')!.textContent).toContain('#119');
    expect($('[data-testid=onchain-token]')!.textContent).toContain('$12,345.67');
    expect($('[data-testid=onchain-top-holders]')!.textContent).toContain('47.0 %');
  });

  it('merges live events with the snapshot, strikes retracted ones, and refreshes on metrics', async () => {
    const earlier = new Date(Date.now() - 60_000).toISOString();
    get.mockResolvedValue(view({}, [ev('a', { time: earlier, block_number: 100 })]));
    await act(() => render(<OnchainTab symbol="PAXG" />, root));
    await flush();
    expect(rows()).toEqual(['mint:final']);
    await act(() => {
      handlers.get('rwa.onchain.events')!(ev('b', { kind: 'burn', from: A, to: ZERO, block_number: 122, provisional: true }));
      handlers.get('rwa.onchain.events')!(ev('c', { kind: 'whale', symbol: 'XAUT' })); // another asset
      handlers.get('rwa.onchain.events')!(ev('a', { time: earlier, block_number: 100 })); // a duplicate
    });
    expect(rows()).toEqual(['burn:provisional', 'mint:final']);
    await act(() => handlers.get('rwa.onchain.events')!(ev('b', { kind: 'retracted', from: A, to: ZERO, block_number: 122, provisional: true })));
    expect(rows()).toEqual(['burn:reorged', 'mint:final']);
    expect($('tr.reorged .badge.reorged')).not.toBeNull();

    get.mockResolvedValue(view({ holders: 26 }, []));
    const now = Date.now();
    vi.spyOn(Date, 'now').mockReturnValue(now + 2500); // past the 2 s throttle window
    await act(() => handlers.get('rwa.onchain')!({ symbol: 'PAXG', chain: 'ethereum', holder_count: 26 }));
    await flush();
    expect($('[data-testid=onchain-holders]')!.textContent).toBe('26');
    expect(rows()).toEqual(['burn:reorged', 'mint:final']);
  });
});
