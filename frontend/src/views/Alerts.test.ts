import { describe as suite, expect, it } from 'vitest';
import { describe, ruleBody } from './Alerts';

suite('alert form', () => {
  it('sends what the API expects: in_app always, cooldown in seconds, a window only for change rules', () => {
    const base = { symbol: 'PAXG', condition: 'price_above', threshold: ' 4200.5 ', hysteresis: '', window: 'PT1H', channels: [] as string[], cooldown: '15', one_shot: false };
    expect(ruleBody(base)).toEqual({ symbol: 'PAXG', condition: 'price_above', threshold: '4200.5', channels: ['in_app'], cooldown_seconds: 900, one_shot: false });
    expect(ruleBody({ ...base, condition: 'change_pct_below', threshold: '-5', channels: ['email', 'telegram'], hysteresis: '1' }))
      .toEqual({ symbol: 'PAXG', condition: 'change_pct_below', threshold: '-5', channels: ['in_app', 'email', 'telegram'], cooldown_seconds: 900, one_shot: false, hysteresis: '1', window: 'PT1H' });
  });

  it('describes rules in words', () => {
    const r = { alert_id: 'a', symbol: 'PAXG', condition: 'change_pct_above', threshold: '5', hysteresis: '0', window: 'PT1H', channels: ['in_app'], cooldown_seconds: 900, one_shot: false, state: 'active', last_triggered_at: null, expires_at: null };
    expect(describe(r)).toBe('Change over window above 5 % over 1 hour');
    expect(describe({ ...r, condition: 'price_below', threshold: '4000', window: null })).toBe('Price below 4000');
  });
});
