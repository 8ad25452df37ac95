/**
 * Shared state of the dashboard: the asset list with live prices and risk, fed by REST once and by the bridge
 * afterwards. Components read it through {@link useStore}; updates are coalesced to one render per animation frame.
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from './api';
import { Live } from './live';

export interface Asset {
  symbol: string;
  name: string;
  asset_class: string;
  chain: string;
  issuer: string;
  currency: string;
  contract_address?: string | null;
  contracts?: Record<string, string>;
  underlying?: Record<string, unknown>;
  documents?: string[];
  nav?: string;
  yield_apy?: string;
  nav_premium?: number | null;
  risk_score?: number | null;
  price?: string;
  price_time?: string;
  close_24h?: string | null;
  sparkline_24h?: number[];
  /** Direction of the last live change, for the flash in the table. */
  tick?: 'up' | 'down';
}

export class Store<T> {
  private readonly listeners = new Set<() => void>();
  private scheduled = false;

  constructor(public value: T) {}

  set(next: T): void {
    this.value = next;
    if (this.scheduled) return;
    this.scheduled = true;
    const flush = () => {
      this.scheduled = false;
      this.listeners.forEach((l) => l());
    };
    if (typeof requestAnimationFrame === 'function' && typeof document !== 'undefined' && !document.hidden) {
      requestAnimationFrame(flush);
    } else {
      setTimeout(flush, 0);
    }
  }

  subscribe(l: () => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
}

/** Re-renders the calling component whenever `store` changes. */
export function useStore<T>(store: Store<T>): T {
  const [, setTick] = useState(0);
  useEffect(() => store.subscribe(() => setTick((n) => n + 1)), [store]);
  return store.value;
}

export interface MarketState {
  assets: Map<string, Asset>;
  loaded: boolean;
  error: string | null;
}

export const market = new Store<MarketState>({ assets: new Map(), loaded: false, error: null });

/** Loads the registry and follows every asset's ticks and the risk stream. */
export async function startMarket(live: Live): Promise<void> {
  try {
    const page = await api.get<{ data: Asset[] }>('/api/v1/assets', { limit: 100, sort_by: 'symbol' });
    const assets = new Map(page.data.map((a) => [a.symbol, a]));
    market.set({ assets, loaded: true, error: null });
    for (const symbol of assets.keys()) {
      live.subscribe(`rwa.ticks.${symbol}`, (tick) => applyTick(tick));
    }
    live.subscribe('rwa.risk', (risk) => applyRisk(risk));
  } catch (e) {
    market.set({ ...market.value, loaded: true, error: (e as Error).message });
  }
}

export function applyTick(tick: { symbol: string; price: string; event_time: string }): void {
  const assets = market.value.assets;
  const a = assets.get(tick.symbol);
  if (!a) return;
  const before = Number(a.price);
  const now = Number(tick.price);
  const spark = a.sparkline_24h ? [...a.sparkline_24h] : [];
  if (spark.length > 0) spark[spark.length - 1] = now;
  else spark.push(now);
  assets.set(tick.symbol, {
    ...a,
    price: tick.price,
    price_time: tick.event_time,
    sparkline_24h: spark,
    tick: now > before ? 'up' : now < before ? 'down' : a.tick,
  });
  market.set({ ...market.value });
}

export function applyRisk(risk: { symbol: string; composite: number }): void {
  const a = market.value.assets.get(risk.symbol);
  if (!a) return;
  market.value.assets.set(risk.symbol, { ...a, risk_score: risk.composite });
  market.set({ ...market.value });
}
