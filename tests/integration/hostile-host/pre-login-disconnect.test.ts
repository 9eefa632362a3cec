// Terminal escapes from before login: a server (no host key needed) answers
// the SSH handshake with a DISCONNECT whose description carries ESC/OSC, C1
// and bidi controls. The CLI's progress line and summary must show them as
// visible escapes, never write them raw to the operator's terminal.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { runOpsdeck } from '../../support/cli-run';

let dir: string;
let server: Server;
let port: number;

const HOSTILE = 'bye\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202eevil';

/** An unencrypted SSH_MSG_DISCONNECT (RFC 4253 §11.1) in a binary packet (§6) with no cipher: blocks of 8. */
function disconnectPacket(description: string): Buffer {
  const text = Buffer.from(description, 'utf8');
  const payload = Buffer.concat([Buffer.from([1, 0, 0, 0, 2]), u32(text.length), text, u32(0)]);
  let padding = 8 - ((4 + 1 + payload.length) % 8);
  if (padding < 4) padding += 8;
  return Buffer.concat([u32(1 + payload.length + padding), Buffer.from([padding]), payload, Buffer.alloc(padding)]);
}

function u32(value: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value);
  return bytes;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'opsdeck-disconnect-'));
  server = createServer((socket) => {
    socket.on('error', () => undefined);
    socket.write('SSH-2.0-hostile\r\n');
    socket.once('data', () => socket.end(disconnectPacket(HOSTILE)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
  await writeFile(
    join(dir, 'inventory.yaml'),
    `datacentres:\n  - { id: nj, name: NJ, role: primary }\nhosts:\n  - { name: evil.nj, address: 127.0.0.1, port: ${port}, user: ops, os: debian, dc: nj }\n`,
  );
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

test('a DISCONNECT message from before login reaches the terminal only as visible escapes', async () => {
  const result = await runOpsdeck(['scan', '--inventory', join(dir, 'inventory.yaml'), '--data-dir', join(dir, 'data')], { HOME: dir });
  expect(result.code).toBe(1);
  const printed = result.stdout + result.stderr;
  expect(printed).toContain('bye\\x1b]0;pwned\\x07\\x1b[2J\\u009b31m\\u202eevil');
  // eslint-disable-next-line no-control-regex
  expect(printed).not.toMatch(/[\u001b\u0007\u0080-\u009f\u202a-\u202e\u2066-\u2069]/);
}, 300_000);
