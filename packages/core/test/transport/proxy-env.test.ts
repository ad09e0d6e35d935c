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
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '[::1]']) {
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
});
