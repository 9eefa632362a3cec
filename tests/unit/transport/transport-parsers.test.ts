// The transport parsers on real `openssl s_client` outputs (OpenSSL 3.0.19
// against `openssl s_server`, captured on loopback) and on the plain-text
// capability transcripts of Postfix/Dovecot-style servers; and no input
// makes any of them throw or hang.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseHstsAnswer } from '../../../main/engine/collectors/transport/hsts-header';
import { opensslDate, parseSClient } from '../../../main/engine/collectors/transport/s-client';
import { parseStarttlsCapabilities } from '../../../main/engine/collectors/transport/starttls-capabilities';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('parseSClient', () => {
  test('reads protocol, cipher, chain validity and the verify result of a completed handshake', () => {
    const parsed = parseSClient(fixture('s-client-selfsigned.stdout.txt'), fixture('s-client-selfsigned.stderr.txt'), 0);
    expect(parsed.status).toBe('ok');
    expect(parsed.value).toMatchObject({ connected: true, established: true, cipher: 'TLS_AES_256_GCM_SHA384', verifyCode: 18, verifyText: 'self-signed certificate', tempKey: 'X25519, 253 bits' });
    expect(parsed.value!.chain).toEqual([{ depth: 0, subject: 'CN = pop1.lab.test', issuer: 'CN = pop1.lab.test', notBefore: '2026-12-05T02:21:16.000Z', notAfter: '2026-12-15T02:21:16.000Z' }]);
  });

  test('takes the negotiated protocol from the session block, not the "New, TLSv1.0" line (a TLS 1.1 session)', () => {
    const parsed = parseSClient(fixture('s-client-tls1_1.stdout.txt'), '', 0);
    expect(parsed.value).toMatchObject({ established: true, protocol: 'TLSv1.1', cipher: 'ECDHE-ECDSA-AES256-SHA' });
  });

  test('a TLS 1.3 session whose ticket never arrived (no session block) is still TLS 1.3', () => {
    const parsed = parseSClient(fixture('s-client-tls1_3-no-ticket.stdout.txt'), '', 0);
    expect(parsed.status).toBe('ok');
    expect(parsed.value).toMatchObject({ established: true, protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', verifyCode: 18 });
  });

  test('an older session without its session block is partial: the "New, …" line does not tell the protocol', () => {
    const withoutSession = fixture('s-client-tls1_1.stdout.txt').replace(/^SSL-Session:[\s\S]*?^---$/m, '');
    expect(withoutSession).not.toMatch(/Protocol\s+:/);
    const parsed = parseSClient(withoutSession, '', 0);
    expect(parsed.status).toBe('partial');
    expect(parsed.value).toMatchObject({ established: true, protocol: null, cipher: 'ECDHE-ECDSA-AES256-SHA' });
    expect(parsed.message).toContain('SSL-Session block');
  });

  test('a refused handshake is connected but not established, and names the alert', () => {
    const parsed = parseSClient(fixture('s-client-refused.stdout.txt'), fixture('s-client-refused.stderr.txt'), 1);
    expect(parsed.status).toBe('ok');
    expect(parsed.value).toMatchObject({ connected: true, established: false, cipher: null, protocol: null });
    expect(parsed.value!.failure).toBe('sslv3 alert handshake failure (alert 40)');
  });

  test('no connection at all, and a timeout, are told apart', () => {
    expect(parseSClient('', '40F7:error:8000006F:system library:BIO_connect:Connection refused:../crypto/bio/bio_sock2.c:114:calling connect()\nconnect:errno=111\n', 1).value).toMatchObject({
      connected: false,
      established: false,
    });
    expect(parseSClient('CONNECTED(00000003)\n', '', 124).status).toBe('unparsed');
  });

  test('text without a CONNECTED line is not s_client output, not "no connection"', () => {
    expect(parseSClient('{"nftables": []}\n', '', 0)).toMatchObject({ status: 'unparsed', message: expect.stringContaining('no CONNECTED line') });
  });

  test('a missing openssl is tool-missing', () => {
    expect(parseSClient('', 'sh: 1: openssl: not found\n', 127).status).toBe('tool-missing');
  });

  test('openssl dates', () => {
    expect(opensslDate('Dec  5 02:21:16 2026 GMT')).toBe('2026-12-05T02:21:16.000Z');
    expect(opensslDate('Foo 5 02:21:16 2026 GMT')).toBeNull();
  });
});

describe('parseStarttlsCapabilities', () => {
  test('SMTP: STARTTLS and AUTH offered before TLS', () => {
    const transcript = 'S: 220 mx1 ESMTP Postfix\nC: EHLO opsdeck.invalid\nS: 250-mx1\nS: 250-PIPELINING\nS: 250-STARTTLS\nS: 250-AUTH PLAIN LOGIN\nS: 250 8BITMIME\n';
    expect(parseStarttlsCapabilities('smtp', transcript, '', 0).value).toEqual({
      offersStarttls: true,
      plaintextLogins: ['PLAIN', 'LOGIN'],
      capabilities: ['PIPELINING', 'STARTTLS', 'AUTH PLAIN LOGIN', '8BITMIME'],
    });
  });

  test('IMAP: LOGINDISABLED means no login in clear text; without it LOGIN is allowed', () => {
    const disabled = 'S: * OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] Dovecot ready.\nC: a1 CAPABILITY\nS: * CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED\nS: a1 OK done\n';
    expect(parseStarttlsCapabilities('imap', disabled, '', 0).value).toMatchObject({ offersStarttls: true, plaintextLogins: [] });
    const allowed = 'S: * OK Dovecot ready.\nC: a1 CAPABILITY\nS: * CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN\nS: a1 OK done\n';
    expect(parseStarttlsCapabilities('imap', allowed, '', 0).value).toMatchObject({ offersStarttls: true, plaintextLogins: ['LOGIN', 'PLAIN'] });
  });

  test('POP3: USER before STLS, and a server without STLS', () => {
    const transcript = 'S: +OK Dovecot ready.\nC: CAPA\nS: +OK\nS: CAPA\nS: TOP\nS: USER\nS: .\n';
    expect(parseStarttlsCapabilities('pop3', transcript, '', 0).value).toMatchObject({ offersStarttls: false, plaintextLogins: ['USER'] });
  });

  test('no connection and a silent server are not read as capabilities', () => {
    expect(parseStarttlsCapabilities('smtp', '', 'bash: connect: Connection refused\n', 3).status).toBe('unparsed');
    expect(parseStarttlsCapabilities('smtp', 'S: 220 mx1 ESMTP\nC: EHLO opsdeck.invalid\n', '', 124).status).toBe('unparsed');
  });
});

describe('parseHstsAnswer', () => {
  test('reads the header and its max-age', () => {
    const answer = 'HTTP/1.1 200 OK\r\nServer: nginx\r\nStrict-Transport-Security: max-age=31536000; includeSubDomains\r\n\r\n';
    expect(parseHstsAnswer(answer, '', 0).value).toEqual({ status: 'HTTP/1.1 200 OK', header: 'max-age=31536000; includeSubDomains', maxAgeSeconds: 31536000, includeSubDomains: true });
  });

  test('no header, and no HTTP answer at all', () => {
    expect(parseHstsAnswer('HTTP/1.0 200 ok\r\nContent-type: text/html\r\n\r\n', '', 0).value).toMatchObject({ header: null, maxAgeSeconds: null });
    expect(parseHstsAnswer('', '', 124).status).toBe('unparsed');
  });
});

describe('no input makes a transport parser throw or hang', () => {
  const real = [fixture('s-client-selfsigned.stdout.txt'), fixture('s-client-tls1_1.stdout.txt'), fixture('s-client-tls1_3-no-ticket.stdout.txt'), fixture('s-client-refused.stdout.txt')];
  const mangled = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 400 }),
    fc.tuple(fc.constantFrom(...real), fc.nat(), fc.nat(), fc.string({ maxLength: 40 })).map(([text, a, b, noise]) => {
      const from = a % (text.length + 1);
      const to = from + (b % (text.length - from + 1));
      return text.slice(0, from) + noise + text.slice(to);
    }),
  );
  const exitCode = fc.constantFrom(0, 1, 3, 124, 127, null);

  test('every parser returns a status for any text and exit code', () => {
    fc.assert(
      fc.property(mangled, fc.string({ maxLength: 80 }), exitCode, (stdout, stderr, code) => {
        for (const parsed of [
          parseSClient(stdout, stderr, code),
          parseHstsAnswer(stdout, stderr, code),
          parseStarttlsCapabilities('smtp', stdout, stderr, code),
          parseStarttlsCapabilities('imap', stdout, stderr, code),
          parseStarttlsCapabilities('pop3', stdout, stderr, code),
        ]) {
          expect(['ok', 'unparsed', 'tool-missing', 'needs-privilege', 'partial', 'unsupported', 'service-disabled']).toContain(parsed.status);
        }
      }),
      { numRuns: 400 },
    );
  });
});
