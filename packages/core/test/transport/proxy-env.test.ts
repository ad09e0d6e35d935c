import assert from 'node:assert/strict';
import { noProxyMatches, proxyFromEnv } from '../../src/transport/proxy-env.js';

describe('proxy from the environment (Go ProxyFromEnvironment rules)', () => {
  const u = (s: string) => new URL(s);
  it('HTTPS_PROXY for https servers, HTTP_PROXY for http ones, either case; scheme defaults to http', () => {
    assert.equal(
      proxyFromEnv(u('https://api.example.com'), { HTTPS_PROXY: 'http://p:3128' }),
      'http://p:3128',
    );
    assert.equal(proxyFromEnv(u('https://api.example.com'), { https_proxy: 'p:3128' }), 'http://p:3128');
    assert.equal(proxyFromEnv(u('https://api.example.com'), { HTTP_PROXY: 'http://p:3128' }), undefined);
    assert.equal(proxyFromEnv(u('http://api.example.com'), { HTTP_PROXY: 'http://p:3128' }), 'http://p:3128');
    assert.equal(proxyFromEnv(u('https://api.example.com'), {}), undefined);
  });
  it('never proxies loopback', () => {
    for (const host of [
      '127.0.0.1',
      '127.1.2.3',
      'localhost',
      '[::1]',
      '[0:0:0:0:0:0:0:1]',
      '[::ffff:127.0.0.1]',
    ]) {
      assert.equal(proxyFromEnv(u(`https://${host}:6443`), { HTTPS_PROXY: 'http://p' }), undefined, host);
    }
  });
  it('NO_PROXY: names, domain suffixes, *, ports, IPs and CIDRs', () => {
    assert.ok(noProxyMatches('example.com', 'api.example.com', '443'));
    assert.ok(noProxyMatches('.example.com', 'api.example.com', '443'));
    assert.ok(noProxyMatches('.example.com', 'example.com', '443'));
    assert.ok(!noProxyMatches('example.com', 'badexample.com', '443'));
    assert.ok(noProxyMatches('*', 'anything', '1'));
    assert.ok(noProxyMatches('a.b, api.example.com:6443', 'api.example.com', '6443'));
    assert.ok(!noProxyMatches('api.example.com:6443', 'api.example.com', '443'));
    assert.ok(noProxyMatches('10.0.0.0/8', '10.1.2.3', '443'));
    assert.ok(!noProxyMatches('10.0.0.0/8', '11.1.2.3', '443'));
    assert.ok(noProxyMatches('192.168.1.10', '192.168.1.10', '443'));
    assert.equal(
      proxyFromEnv(u('https://api.corp.internal'), { HTTPS_PROXY: 'http://p', NO_PROXY: 'corp.internal' }),
      undefined,
    );
  });
  it('NO_PROXY: IPv6 addresses and ranges, by address not by spelling', () => {
    assert.ok(noProxyMatches('fd00::/8', 'fd12:3456::1', '443'));
    assert.ok(noProxyMatches('fd00::/8', '[fd12:3456::1]', '443'));
    assert.ok(!noProxyMatches('fd00::/8', 'fe80::1', '443'));
    assert.ok(noProxyMatches('2001:db8::/32', '2001:0db8:0000::0001', '443'));
    assert.ok(noProxyMatches('2001:db8::1', '2001:0db8::0:1', '443'));
    assert.ok(noProxyMatches('[2001:db8::1]:6443', '2001:db8::1', '6443'));
    assert.ok(!noProxyMatches('[2001:db8::1]:6443', '2001:db8::1', '443'));
    assert.ok(!noProxyMatches('2001:db8::/32', '10.1.2.3', '443'));
    assert.ok(!noProxyMatches('10.0.0.0/8', '2001:db8::1', '443'));
    assert.equal(
      proxyFromEnv(u('https://[fd00::10]:6443'), { HTTPS_PROXY: 'http://p', NO_PROXY: 'fd00::/64' }),
      undefined,
    );
    assert.equal(
      proxyFromEnv(u('https://[fd01::10]:6443'), { HTTPS_PROXY: 'http://p', NO_PROXY: 'fd00::/64' }),
      'http://p',
    );
  });
  it('NO_PROXY: IPv4 ranges of every prefix length cover the IPv4-mapped IPv6 spelling; bad ranges match nothing', () => {
    assert.ok(noProxyMatches('0.0.0.0/0', '203.0.113.9', '443'));
    assert.ok(noProxyMatches('192.168.1.0/24', '192.168.1.255', '443'));
    assert.ok(!noProxyMatches('192.168.1.0/24', '192.168.2.0', '443'));
    assert.ok(noProxyMatches('192.168.1.7/32', '192.168.1.7', '443'));
    assert.ok(noProxyMatches('10.0.0.0/8', '::ffff:10.9.8.7', '443'));
    assert.ok(!noProxyMatches('10.0.0.0/33', '10.0.0.1', '443'));
    assert.ok(!noProxyMatches('10.0.0.0/x', '10.0.0.1', '443'));
    assert.ok(!noProxyMatches('10.0.0.0/8', 'ten.example.com', '443'));
  });
});
