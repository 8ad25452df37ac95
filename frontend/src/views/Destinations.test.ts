import { expect, it } from 'vitest';
import { vapidBytes } from './Destinations';

it('turns the base64url VAPID key into the 65 bytes of an uncompressed P-256 point', () => {
  // a key of the form the server publishes (87 base64url characters, no padding)
  const key = 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM';
  const bytes = vapidBytes(key);
  expect(bytes.length).toBe(65);
  expect(bytes[0]).toBe(4);
  expect(bytes[64]).toBe(0x43);
});
