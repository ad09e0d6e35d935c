/** What the transport records as sent, and where it is then redacted: any ClusterError, redact(). */
import assert from 'node:assert/strict';
import { ClusterError, forgetSent, redactSent, redactSentBytes } from '../../src/errors.js';
import { rememberCredentials } from '../../src/transport/credentials.js';
import { redact } from '../../src/util/text.js';

describe('transport: credentials sent are redacted wherever they appear', () => {
  afterEach(() => forgetSent());

  it('a bearer token: the header, the token and its base64, in error messages and redact()', () => {
    rememberCredentials({ Authorization: 'Bearer tok-SENT-abcdef' });
    const b64 = Buffer.from('tok-SENT-abcdef').toString('base64');
    const e = new ClusterError('Forbidden', 'c', `user "x" (token tok-SENT-abcdef, ${b64}) cannot list`);
    assert.equal(e.message, 'user "x" (token [redacted], [redacted]) cannot list');
    assert.equal(redact('Authorization: Bearer tok-SENT-abcdef', []), 'Authorization: [redacted]');
  });

  it('basic auth: the base64, the decoded user:password and the password alone; the user name stays', () => {
    const b64 = Buffer.from('admin:pw-SENT-1234').toString('base64');
    rememberCredentials({ Authorization: `Basic ${b64}` });
    assert.equal(
      redactSent(`got ${b64}, i.e. admin:pw-SENT-1234, password pw-SENT-1234, user admin`),
      'got [redacted], i.e. [redacted], password [redacted], user admin',
    );
  });

  it('a client certificate and key: PEM, each base64 line, the DER in base64 unwrapped', () => {
    const body = 'A'.repeat(64) + '\n' + 'B'.repeat(64) + '\n' + 'C'.repeat(20);
    const pem = `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;
    rememberCredentials({}, { cert: pem, key: Buffer.from(pem.replace(/CERTIFICATE/g, 'PRIVATE KEY')) });
    const der = body.replace(/\n/g, '');
    assert.equal(redactSent(`peer ${der}`), 'peer [redacted]');
    assert.equal(redactSent(`line ${'B'.repeat(64)}`), 'line [redacted]');
    assert.equal(redactSent(Buffer.from(pem).toString('base64')), '[redacted]');
  });

  it('a token with base64 punctuation, also percent-encoded', () => {
    rememberCredentials({ Authorization: 'Bearer ab+cd/ef==' });
    assert.equal(redactSent('?token=ab%2Bcd%2Fef%3D%3D and ab+cd/ef=='), '?token=[redacted] and [redacted]');
  });

  // 3 and 30 tokens (6 and 60 values) are searched natively first; 100 tokens (200 values) by the scan alone
  for (const count of [3, 30, 100]) {
    it(`finds every occurrence of ${count} tokens, at any offset, beside any text, in strings and bytes (200 random texts)`, () => {
      const secrets = Array.from({ length: count }, (_, i) => `s${i}-${'xyz'.repeat(1 + (i % 5))}${i * 7}`);
      for (const t of secrets) rememberCredentials({ Authorization: `Bearer ${t}` });
      let seed = 7;
      const rnd = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
      for (let c = 0; c < 200; c++) {
        const parts: string[] = [];
        const used: string[] = [];
        for (let k = 0; k < 20; k++) {
          if (rnd(3) === 0) {
            const t = secrets[rnd(secrets.length)]!;
            used.push(t);
            parts.push(t);
          } else parts.push('ab cd\u00e9\u4e2d '.slice(rnd(5), 5 + rnd(6)));
        }
        const text = parts.join('');
        const out = redactSent(text);
        for (const t of used) assert.ok(!out.includes(t), `${t} left in ${out}`);
        assert.equal(out.replace(/\[redacted\]/g, ''), parts.filter((p) => !used.includes(p)).join(''));
        const bytes = Buffer.from(text, 'utf8');
        const outBytes = redactSentBytes(bytes);
        assert.equal(Buffer.from(outBytes).toString('utf8'), out);
      }
      const clean = Buffer.from('ab cd\u00e9\u4e2d '.repeat(50), 'utf8');
      assert.equal(redactSentBytes(clean), clean, 'a chunk without a credential is passed on as it came');
    });
  }

  it('headers that are not credentials, and values shorter than 4, are not recorded', () => {
    rememberCredentials({ 'Impersonate-User': 'jane-doe', Authorization: 'Bearer abc' });
    assert.equal(redactSent('jane-doe abc'), 'jane-doe abc');
  });
});
