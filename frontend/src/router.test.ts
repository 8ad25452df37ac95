import { describe, expect, it } from 'vitest';
import { parse } from './router';

describe('routes', () => {
  it('parses every view', () => {
    expect(parse('').name).toBe('overview');
    expect(parse('#/').name).toBe('overview');
    expect(parse('#/screener').name).toBe('screener');
    expect(parse('#/asset/paxg')).toMatchObject({ name: 'asset', params: { symbol: 'PAXG', tab: 'overview' } });
    expect(parse('#/asset/PAXG/risk').params.tab).toBe('risk');
    expect(parse('#/asset/REALT-13245-MONICA/fundamentals').params.symbol).toBe('REALT-13245-MONICA');
    expect(parse('#/compare?symbols=PAXG,XAUT').query.get('symbols')).toBe('PAXG,XAUT');
    expect(parse('#/admin').params.tab).toBe('users');
    expect(parse('#/admin/dead-letter').params.tab).toBe('dead-letter');
    expect(parse('#/nope').name).toBe('notfound');
    expect(parse('#/asset').name).toBe('notfound');
  });
});
