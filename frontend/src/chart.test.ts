import { describe, expect, it } from 'vitest';
import { mergeTick, toCandle } from './chart';

describe('live candles', () => {
  it('extends the forming candle with a tick of the same interval', () => {
    const first = mergeTick(undefined, 60, 120.5, 10, 1);
    expect(first).toEqual({ time: 120, open: 10, high: 10, low: 10, close: 10, volume: 1 });
    const next = mergeTick(first, 60, 150, 12, 2);
    expect(next).toEqual({ time: 120, open: 10, high: 12, low: 10, close: 12, volume: 3 });
    const lower = mergeTick(next, 60, 179.9, 9, 0.5);
    expect(lower).toEqual({ time: 120, open: 10, high: 12, low: 9, close: 9, volume: 3.5 });
  });

  it('opens a new candle when the tick is in the next interval', () => {
    const c = mergeTick({ time: 120 as never, open: 1, high: 2, low: 1, close: 2, volume: 5 }, 60, 180, 3, 1);
    expect(c).toEqual({ time: 180, open: 3, high: 3, low: 3, close: 3, volume: 1 });
  });

  it('reads bars of the API', () => {
    expect(toCandle({ open_time: '2026-01-01T00:00:00Z', open: '1', high: '2', low: '0.5', close: '1.5', volume: '10' }))
      .toEqual({ time: 1767225600, open: 1, high: 2, low: 0.5, close: 1.5, volume: 10 });
  });
});
