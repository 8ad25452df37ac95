import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';

const post = vi.fn();
vi.mock('../api', async (original) => ({ ...(await original<typeof import('../api')>()), api: { post: (...a: unknown[]) => post(...a) } }));
vi.mock('../connection', () => ({ live: { subscribe: () => () => {} } }));

const { ApiError } = await import('../api');
const { WalletSync } = await import('./Portfolio');

const ADDRESS = '0x45804880De22913dAFE09f4980848ECE6EcbAf78';
let root: HTMLElement;
const $ = <T extends HTMLElement = HTMLElement>(id: string) => root.querySelector<T>(`[data-testid=${id}]`)!;

async function submit(address: string, chain?: string) {
  await act(() => {
    const a = $<HTMLInputElement>('wallet-address');
    a.value = address;
    a.dispatchEvent(new Event('input', { bubbles: true }));
    if (chain !== undefined) {
      const c = $<HTMLInputElement>('wallet-chain');
      c.value = chain;
      c.dispatchEvent(new Event('input', { bubbles: true }));
    }
  });
  await act(async () => {
    $('wallet-sync-form').dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await new Promise((r) => setTimeout(r, 0));
  });
}

beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
  post.mockReset();
});
afterEach(() => {
  render(null, root);
  root.remove();
});

it('checks the address before asking the server', async () => {
  await act(() => render(<WalletSync onSynced={() => {}} />, root));
  expect($<HTMLInputElement>('wallet-chain').value).toBe('ethereum');
  await submit('0x1234');
  expect(post).not.toHaveBeenCalled();
  expect($('wallet-sync-result').dataset.status).toBe('error');
  expect($('wallet-sync-result').textContent).toContain('40 hex digits');
  expect($('wallet-address').getAttribute('aria-invalid')).toBe('true');
});

it('syncs, says what it synced and reloads the holdings', async () => {
  const onSynced = vi.fn();
  post.mockResolvedValue({ synced_assets: 2, new_transactions: 5, chain: 'ethereum', address: ADDRESS.toLowerCase(),
    holdings: [{ symbol: 'PAXG', quantity: '3.5', avg_purchase_price: '3900' }, { symbol: 'XAUT', quantity: '1', avg_purchase_price: null }] });
  await act(() => render(<WalletSync onSynced={onSynced} />, root));
  await submit(` ${ADDRESS} `);
  expect(post).toHaveBeenCalledWith('/api/v1/portfolio/sync-wallet', { address: ADDRESS, chain: 'ethereum' });
  expect($('wallet-sync-result').textContent).toBe('Synced 2 assets, 5 new transactions');
  expect($('wallet-sync-result').dataset.status).toBe('ok');
  expect(onSynced).toHaveBeenCalledTimes(1);
  expect($<HTMLButtonElement>('wallet-sync-submit').disabled).toBe(false);
});

it("shows the problem's detail when the server refuses", async () => {
  post.mockRejectedValue(new ApiError(422, 'Unprocessable Content', "chain 'solana' is not scanned by this deployment (onchain.chains)"));
  const onSynced = vi.fn();
  await act(() => render(<WalletSync onSynced={onSynced} />, root));
  await submit(ADDRESS, 'Solana');
  expect(post).toHaveBeenCalledWith('/api/v1/portfolio/sync-wallet', { address: ADDRESS, chain: 'solana' });
  expect($('wallet-sync-result').textContent).toBe("chain 'solana' is not scanned by this deployment (onchain.chains)");
  expect(onSynced).not.toHaveBeenCalled();
});
