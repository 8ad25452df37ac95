import { describe, expect, it } from 'vitest';
import { ago, align, change, correlation, formatPct, formatPrice, formatUsd, logReturns, rebase, riskLevel, sparkPoints } from './format';

describe('formatting', () => {
  it('gives prices a precision that suits their size', () => {
    expect(formatPrice(4150.014)).toBe('4,150.01');
    expect(formatPrice('1.00234')).toBe('1.0023');
    expect(formatPrice(0.000123456)).toBe('0.00012346');
    expect(formatPrice(null)).toBe('—');
    expect(formatPrice('not a number')).toBe('—');
  });

  it('writes dollars, compact when large', () => {
    expect(formatUsd('12345.67')).toBe('$12,345.67');
    expect(formatUsd(0.5)).toBe('$0.50');
    expect(formatUsd('2345678.9')).toBe('$2.35M');
    expect(formatUsd(null)).toBe('—');
  });

  it('signs percentages and leaves missing values blank', () => {
    expect(formatPct(0.0123)).toBe('+1.23 %');
    expect(formatPct(-0.5)).toBe('-50.00 %');
    expect(formatPct(0.037, false)).toBe('3.70 %');
    expect(formatPct(null)).toBe('—');
    expect(formatPct(NaN)).toBe('—');
  });

  it('computes the 24 h change only when both prices exist', () => {
    expect(change('110', '100')).toBeCloseTo(0.1, 12);
    expect(change('100', null)).toBeNull();
    expect(change(undefined, '100')).toBeNull();
    expect(change('100', '0')).toBeNull();
  });

  it('bands risk scores like the risk model', () => {
    expect(riskLevel(1)).toBe('low');
    expect(riskLevel(30)).toBe('low');
    expect(riskLevel(31)).toBe('moderate');
    expect(riskLevel(70)).toBe('elevated');
    expect(riskLevel(71)).toBe('high');
    expect(riskLevel(null)).toBeNull();
  });

  it('says how long ago', () => {
    const now = Date.parse('2026-01-01T12:00:00Z');
    expect(ago('2026-01-01T11:59:30Z', now)).toBe('30 s ago');
    expect(ago('2026-01-01T11:15:00Z', now)).toBe('45 min ago');
    expect(ago('2026-01-01T11:00:00Z', now)).toBe('1 h ago');
    expect(ago('2026-01-01T09:00:00Z', now)).toBe('3 h ago');
    expect(ago('2025-12-01T09:00:00Z', now)).toBe('2025-12-01');
    expect(ago(null, now)).toBe('—');
  });
});

describe('analytics', () => {
  it('computes log returns and marks impossible ones', () => {
    const r = logReturns([100, 110, 0, 5]);
    expect(r[0]).toBeCloseTo(Math.log(1.1), 12);
    expect(Number.isNaN(r[1])).toBe(true);
    expect(Number.isNaN(r[2])).toBe(true);
  });

  it('correlates like Pearson, skipping missing pairs', () => {
    expect(correlation([1, 2, 3, 4], [2, 4, 6, 8])).toBeCloseTo(1, 12);
    expect(correlation([1, 2, 3, 4], [8, 6, 4, 2])).toBeCloseTo(-1, 12);
    expect(correlation([1, 2, NaN, 3, 4], [1, 3, 5, NaN, 2])).toBeCloseTo(0.3273268, 6);
    expect(correlation([1, 1, 1], [1, 2, 3])).toBeNull();
    expect(correlation([1, 2], [1, 2])).toBeNull();
  });

  it('aligns series on the times they share', () => {
    const a = new Map([[1, 10], [2, 11], [3, 12]]);
    const b = new Map([[2, 20], [3, 21], [4, 22]]);
    expect(align([a, b])).toEqual({ times: [2, 3], values: [[11, 12], [20, 21]] });
  });

  it('rebases to 100', () => {
    rebase([50, 55, 45]).forEach((v, i) => expect(v).toBeCloseTo([100, 110, 90][i], 12));
    expect(rebase([0, 2, 4])).toEqual([0, 100, 200]);
  });

  it('draws sparklines inside the box, flat for a constant series', () => {
    expect(sparkPoints([1, 3, 2], 100, 20)).toBe('0.0,20.0 50.0,0.0 100.0,10.0');
    expect(sparkPoints([5, 5], 10, 10)).toBe('0.0,5.0 10.0,5.0');
    expect(sparkPoints([5], 10, 10)).toBe('');
  });
});
