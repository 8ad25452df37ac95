/**
 * The live connection: the Vert.x SockJS event-bus bridge at /eventbus with automatic reconnect and
 * re-subscription. Public market addresses (`rwa.ticks.<SYM>`, `rwa.bars.1m`, `rwa.risk`, …) are registered on the
 * bridge, whose fan-out sends their messages batched and conflated on `ui.batch`; user-private addresses
 * (`rwa.alerts.user.<id>`, `rwa.portfolio.user.<id>`) are registered with the access token in the message headers
 * (never a cookie) and arrive one by one.
 */

export type Status = 'connecting' | 'open' | 'closed';
export type Handler = (body: any, address: string) => void;

/** The part of `@vertx/eventbus-bridge-client.js`'s EventBus this module uses (a fake stands in for it in tests). */
export interface Bus {
  state: number;
  onopen: (() => void) | null;
  onclose: ((e?: unknown) => void) | null;
  onerror?: (e: unknown) => void;
  registerHandler(address: string, headers: Record<string, string>, cb: (err: any, msg: any) => void): void;
  unregisterHandler(address: string, headers: Record<string, string>, cb: (err: any, msg: any) => void): void;
  enableReconnect(on: boolean): void;
  close(): void;
}

export const BATCH_ADDRESS = 'ui.batch';
const OPEN = 1;

/** One element of a `ui.batch` body. */
interface BatchItem {
  address: string;
  seq: number;
  body: unknown;
}

export function isPrivate(address: string): boolean {
  return address.startsWith('rwa.alerts.user.') || address.startsWith('rwa.portfolio.user.');
}

export class Live {
  private bus: Bus | null = null;
  private readonly handlers = new Map<string, Set<Handler>>();
  private readonly statusListeners = new Set<(s: Status) => void>();
  private readonly busCallbacks = new Map<string, (err: any, msg: any) => void>();
  private status: Status = 'closed';
  private token: string | null = null;
  /** Messages received since the page loaded (shown by the connection indicator). */
  received = 0;
  lastMessageAt = 0;

  constructor(private readonly factory: () => Bus) {}

  /** Opens the connection (idempotent). */
  start(): void {
    if (this.bus) return;
    const bus = this.factory();
    this.bus = bus;
    this.setStatus('connecting');
    bus.enableReconnect(true);
    bus.onopen = () => {
      if (this.bus !== bus) return;
      this.setStatus('open');
      this.busCallbacks.clear(); // the client forgets its handlers on every (re)connect
      this.registerOnBus(BATCH_ADDRESS);
      for (const address of this.handlers.keys()) this.registerOnBus(address);
    };
    bus.onclose = () => {
      if (this.bus === bus) this.setStatus('connecting');
    };
    bus.onerror = () => {
      // a refused register answers with an error frame; the subscription simply stays silent
    };
  }

  /** Closes the connection for good. */
  stop(): void {
    const bus = this.bus;
    this.bus = null;
    if (bus) {
      bus.onclose = null;
      bus.close();
    }
    this.setStatus('closed');
  }

  /**
   * Sets the access token for private addresses. A changed token reconnects, so the bridge sees the new one on
   * every re-registration (it closes a socket whose token expired).
   */
  setToken(token: string | null): void {
    if (token === this.token) return;
    const hadPrivate = [...this.handlers.keys()].some(isPrivate);
    this.token = token;
    if (!token) {
      for (const a of [...this.handlers.keys()]) if (isPrivate(a)) this.handlers.delete(a);
    }
    if (this.bus && hadPrivate) {
      this.stop();
      this.start();
    }
  }

  /** Follows `address`; returns the function that stops following it. */
  subscribe(address: string, handler: Handler): () => void {
    let set = this.handlers.get(address);
    if (!set) {
      set = new Set();
      this.handlers.set(address, set);
      if (this.bus?.state === OPEN) this.registerOnBus(address);
    }
    set.add(handler);
    return () => {
      const s = this.handlers.get(address);
      if (!s) return;
      s.delete(handler);
      if (s.size === 0) {
        this.handlers.delete(address);
        const cb = this.busCallbacks.get(address);
        this.busCallbacks.delete(address);
        if (cb && this.bus?.state === OPEN) {
          try {
            this.bus.unregisterHandler(address, this.headers(address), cb);
          } catch {
            // closing: the server forgets the socket's registrations anyway
          }
        }
      }
    };
  }

  onStatus(l: (s: Status) => void): () => void {
    this.statusListeners.add(l);
    l(this.status);
    return () => this.statusListeners.delete(l);
  }

  get currentStatus(): Status {
    return this.status;
  }

  /** Delivers one bridge message: a batch of public messages, or one private message. */
  deliver(address: string, msg: { body?: unknown }): void {
    this.received++;
    this.lastMessageAt = Date.now();
    if (address === BATCH_ADDRESS) {
      for (const item of (msg.body as BatchItem[]) ?? []) this.dispatch(item.address, item.body);
    } else {
      this.dispatch(address, msg.body);
    }
  }

  private dispatch(address: string, body: unknown) {
    const set = this.handlers.get(address);
    if (!set) return;
    for (const h of [...set]) {
      try {
        h(body, address);
      } catch (e) {
        console.error('live handler failed', address, e);
      }
    }
  }

  private registerOnBus(address: string) {
    const bus = this.bus;
    if (!bus || this.busCallbacks.has(address)) return;
    if (isPrivate(address) && !this.token) return;
    const cb = (err: any, msg: any) => {
      if (!err) this.deliver(address, msg);
    };
    this.busCallbacks.set(address, cb);
    try {
      bus.registerHandler(address, this.headers(address), cb);
    } catch {
      this.busCallbacks.delete(address); // not open after all: registered again on open
    }
  }

  private headers(address: string): Record<string, string> {
    return isPrivate(address) && this.token ? { Authorization: `Bearer ${this.token}` } : {};
  }

  private setStatus(s: Status) {
    if (s === this.status) return;
    this.status = s;
    this.statusListeners.forEach((l) => l(s));
  }
}
