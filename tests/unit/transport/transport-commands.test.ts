// The probe commands: constant invocations with the inventory's address and
// name as single-quoted words, stdin from /dev/null, under a timeout, run on
// the bastion; and `opsdeck parse transport --format s-client` on a saved output.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { transportCommands } from '../../../main/engine/collectors/transport/transport-commands';
import { parseTransportForCli } from '../../../main/engine/collectors/transport/transport-cli';

describe('transportCommands', () => {
  const commands = transportCommands(
    [
      { protocol: 'submission', port: 587, name: 'smtp.example.net' },
      { protocol: 'https', port: 443, name: null },
    ],
    '2001:db8::25',
    'web1.example.net',
  );

  test('every probe runs on the bastion, under timeout, and s_client reads /dev/null', () => {
    expect(commands.every((command) => command.onBastion === true && !command.privileged && command.command.startsWith('timeout 15 '))).toBe(true);
    expect(commands.filter((command) => command.command.includes('openssl s_client -connect')).every((command) => command.command.endsWith('</dev/null'))).toBe(true);
  });

  test('the address and names are quoted words; STARTTLS for 587, HSTS only for HTTPS', () => {
    const ids = commands.map((command) => command.id);
    expect(ids).toEqual([
      'transport.0.handshake',
      'transport.0.tls1',
      'transport.0.tls1_1',
      'transport.0.tls1_2',
      'transport.0.tls1_3',
      'transport.0.non-fs',
      'transport.0.capabilities',
      'transport.1.handshake',
      'transport.1.tls1',
      'transport.1.tls1_1',
      'transport.1.tls1_2',
      'transport.1.tls1_3',
      'transport.1.non-fs',
      'transport.1.hsts',
    ]);
    expect(commands[0]!.command).toBe("timeout 15 openssl s_client -connect '[2001:db8::25]:587' -servername 'smtp.example.net' -starttls smtp -verify_hostname 'smtp.example.net' </dev/null");
    expect(commands[6]!.command).toMatch(/^timeout 15 bash -c '.*' opsdeck-capabilities '2001:db8::25' 587 smtp$/);
    expect(commands[13]!.command).toMatch(/ opsdeck-hsts '\[2001:db8::25\]:443' 'web1\.example\.net'$/);
  });
});

describe('opsdeck parse transport --format s-client', () => {
  test('summarises a saved handshake', () => {
    const text = readFileSync(new URL('./fixtures/s-client-selfsigned.stdout.txt', import.meta.url), 'utf8');
    expect(parseTransportForCli('s-client', text)).toMatchObject({
      status: 'ok',
      summary: { established: true, cipher: 'TLS_AES_256_GCM_SHA384', forwardSecrecyKey: 'X25519, 253 bits', subject: 'CN = pop1.lab.test', notAfter: '2026-12-15T02:21:16.000Z', verifyCode: 18 },
    });
  });
});
