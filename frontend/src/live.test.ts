import { describe, expect, it } from 'vitest';
import { BATCH_ADDRESS, Live, type Bus } from './live';

/** A stand-in for the bridge client that records what the page registers (no server is involved in these tests). */
class FakeBus implements Bus {
  state = 0;
  onopen: (() => void) | null = null;
  onclose: ((e?: unknown) => void) | null = null;
  reconnect = false;
  closed = false;
  registered: { address: string; headers: Record<string, string> }[] = [];
  unregistered: string[] = [];
  handlers = new Map<string, (err: any, msg: any) => void>();

  registerHandler(address: string, headers: Record<string, string>, cb: (err: any, msg: any) => void) {
    if (this.state !== 1) throw new Error('INVALID_STATE_ERR');
    this.registered.push({ address, headers });
    this.handlers.set(address, cb);
  }
  unregisterHandler(address: string) {
    this.unregistered.push(address);
    this.handlers.delete(address);
  }
  enableReconnect(on: boolean) {
    this.reconnect = on;
  }
  close() {
    this.closed = true;
    this.state = 3;
  }
  open() {
    this.state = 1;
    this.handlers.clear();
    this.registered = [];
    this.onopen?.();
  }
  drop() {
    this.state = 3;
    this.onclose?.();
  }
  receive(address: string, body: unknown) {
    this.handlers.get(address)?.(null, { type: 'rec', address, body });
  }
}

function setup() {
  const buses: FakeBus[] = [];
  const live = new Live(() => {
    const b = new FakeBus();
    buses.push(b);
    return b;
  });
  return { live, buses };
}

describe('Live', () => {
  it('registers the batch address and every subscription when the socket opens, and again after a reconnect', () => {
    const { live, buses } = setup();
    live.subscribe('rwa.ticks.PAXG', () => {});
    live.start();
    const bus = buses[0];
    expect(bus.reconnect).toBe(true);
    bus.open();
    expect(bus.registered.map((r) => r.address)).toEqual([BATCH_ADDRESS, 'rwa.ticks.PAXG']);
    live.subscribe('rwa.risk', () => {});
    expect(bus.registered.map((r) => r.address)).toContain('rwa.risk');

    const states: string[] = [];
    live.onStatus((s) => states.push(s));
    bus.drop();
    bus.open(); // the client reconnects by itself and forgets its handlers
    expect(states).toEqual(['open', 'connecting', 'open']);
    expect(bus.registered.map((r) => r.address).sort()).toEqual([BATCH_ADDRESS, 'rwa.risk', 'rwa.ticks.PAXG'].sort());
  });

  it('unpacks batches to the subscribers of each address, in order', () => {
    const { live, buses } = setup();
    const paxg: number[] = [];
    const risk: unknown[] = [];
    live.subscribe('rwa.ticks.PAXG', (b) => paxg.push(b.price));
    live.subscribe('rwa.risk', (b) => risk.push(b));
    live.start();
    buses[0].open();
    buses[0].receive(BATCH_ADDRESS, [
      { address: 'rwa.ticks.PAXG', seq: 1, body: { price: 1 } },
      { address: 'rwa.ticks.XAUT', seq: 1, body: { price: 9 } },
      { address: 'rwa.ticks.PAXG', seq: 2, body: { price: 2 } },
      { address: 'rwa.risk', seq: 7, body: { symbol: 'PAXG', composite: 40 } },
    ]);
    expect(paxg).toEqual([1, 2]);
    expect(risk).toEqual([{ symbol: 'PAXG', composite: 40 }]);
    expect(live.received).toBe(1);
  });

  it('sends the access token with private registrations only, and none without a token', () => {
    const { live, buses } = setup();
    live.subscribe('rwa.portfolio.user.u1', () => {});
    live.subscribe('rwa.ticks.PAXG', () => {});
    live.start();
    buses[0].open();
    expect(buses[0].registered.find((r) => r.address === 'rwa.portfolio.user.u1')).toBeUndefined();

    live.setToken('t1');
    live.subscribe('rwa.alerts.user.u1', () => {});
    const bus = buses[buses.length - 1];
    bus.open();
    const priv = bus.registered.filter((r) => r.address.startsWith('rwa.alerts.user.'));
    expect(priv).toEqual([{ address: 'rwa.alerts.user.u1', headers: { Authorization: 'Bearer t1' } }]);
    expect(bus.registered.find((r) => r.address === 'rwa.ticks.PAXG')?.headers).toEqual({});
  });

  it('reconnects when the token changes so the bridge sees the new one, and drops private subscriptions at sign-out', () => {
    const { live, buses } = setup();
    live.setToken('t1');
    live.subscribe('rwa.alerts.user.u1', () => {});
    live.start();
    buses[0].open();
    live.setToken('t2');
    expect(buses[0].closed).toBe(true);
    expect(buses).toHaveLength(2);
    buses[1].open();
    expect(buses[1].registered.find((r) => r.address === 'rwa.alerts.user.u1')?.headers).toEqual({ Authorization: 'Bearer t2' });

    live.setToken(null);
    expect(buses).toHaveLength(3);
    buses[2].open();
    expect(buses[2].registered.map((r) => r.address)).toEqual([BATCH_ADDRESS]);
  });

  it('unregisters an address when its last subscriber leaves', () => {
    const { live, buses } = setup();
    live.start();
    buses[0].open();
    const a = live.subscribe('rwa.ticks.PAXG', () => {});
    const b = live.subscribe('rwa.ticks.PAXG', () => {});
    a();
    expect(buses[0].unregistered).toEqual([]);
    b();
    expect(buses[0].unregistered).toEqual(['rwa.ticks.PAXG']);
  });

  it('keeps delivering to the others when one handler throws', () => {
    const { live, buses } = setup();
    const got: number[] = [];
    live.subscribe('rwa.ticks.PAXG', () => {
      throw new Error('boom');
    });
    live.subscribe('rwa.ticks.PAXG', (b) => got.push(b.price));
    live.start();
    buses[0].open();
    const err = console.error;
    console.error = () => {};
    try {
      buses[0].receive(BATCH_ADDRESS, [{ address: 'rwa.ticks.PAXG', seq: 1, body: { price: 3 } }]);
    } finally {
      console.error = err;
    }
    expect(got).toEqual([3]);
  });
});
