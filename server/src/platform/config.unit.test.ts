import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('TRUST_PROXY', () => {
  it('trusts nobody unless told', () => {
    expect(loadConfig({}).trustProxy).toEqual([]);
    expect(loadConfig({ TRUST_PROXY: ' ' }).trustProxy).toEqual([]);
  });

  it('takes addresses, CIDR ranges, netmasks and the range names, comma-separated', () => {
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,192.168.1.0/255.255.255.0,::1,fd00::/8,loopback' }).trustProxy).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      '192.168.1.0/255.255.255.0',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
  });

  it('stops the start on anything else, naming it, rather than trusting more or less than meant', () => {
    for (const bad of ['true', '*', 'proxy.example', '10.0.0.0/33', '10.0.0.1/8/1', '::1/129', '10.0.0.0/ffff::']) {
      expect(() => loadConfig({ TRUST_PROXY: `127.0.0.1,${bad}` }), bad).toThrow(`TRUST_PROXY: not an address, a CIDR range or one of loopback, linklocal, uniquelocal: ${bad}`);
    }
  });
});
