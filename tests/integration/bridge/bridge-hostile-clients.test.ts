// The browser bridge under attack, from real clients against the real server
// in its own process: malformed upgrade URLs, requests without the token or
// session, an oversized frame, an invalid-UTF-8 frame, a binary frame and a
// flood of calls. After each, the server process must still be running and
// must still answer its legitimate session.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { WebSocket } from 'ws';
import { bundleForChild } from '../../support/bundle-for-child';

let child: ChildProcess;
let dataDir: string;
let bridge: { url: string; port: number; token: string };
let origin: string;
let cookie: string;
let childOutput = '';

beforeAll(async () => {
  const script = await bundleForChild(join(process.cwd(), 'tests/support/children/bridge-server.ts'));
  dataDir = await mkdtemp(join(tmpdir(), 'opsdeck-bridge-hostile-'));
  child = spawn(process.execPath, [script, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr!.on('data', (chunk: Buffer) => (childOutput += chunk.toString()));
  const firstLine = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`bridge child exited (${code}) before serving: ${childOutput}`)));
  });
  bridge = JSON.parse(firstLine) as typeof bridge;
  origin = `http://127.0.0.1:${bridge.port}`;
  const page = await fetch(bridge.url);
  expect(page.status).toBe(200);
  cookie = (page.headers.get('set-cookie') ?? '').split(';')[0]!;
  expect(cookie).toMatch(/^opsdeck-session-\d+=[\w-]{40,}$/);
});

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

function openSocket(headers: Record<string, string> = { Origin: origin, Cookie: cookie }): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${bridge.port}/bridge`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function nextMessage(ws: WebSocket): Promise<{ id: number | null; result: { ok: boolean; error?: { code: string; message: string }; value?: unknown } }> {
  return new Promise((resolve) => ws.once('message', (data: Buffer) => resolve(JSON.parse(data.toString()) as never)));
}

function closed(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => ws.once('close', (code: number) => resolve(code)));
}

/** The server process is alive and its session still gets answers. */
async function expectServerAlive(): Promise<void> {
  expect(child.exitCode, `bridge process exited; its stderr: ${childOutput}`).toBeNull();
  const ws = await openSocket();
  const answer = nextMessage(ws);
  ws.send(JSON.stringify({ id: 7, method: 'app.info', input: {} }));
  expect(await answer).toMatchObject({ id: 7, result: { ok: true, value: { name: 'OpsDeck' } } });
  ws.close();
}

function rawRequest(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(bridge.port, '127.0.0.1', () => socket.write(text));
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('end', () => resolve(received));
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
  });
}

const upgradeHeaders = (path: string, extra = '') =>
  `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${bridge?.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
  `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n${extra}\r\n`;

test('an upgrade request to // or another malformed URL is refused and the server stays up', async () => {
  for (const path of ['//', '//[', 'http://[::1', '/bridge?token=%zz', '*']) {
    expect(await rawRequest(upgradeHeaders(path))).toMatch(/^HTTP\/1\.1 40[03]/);
  }
  expect(await rawRequest(`GET // HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`)).toMatch(/^HTTP\/1\.1 400/);
  expect(await rawRequest('NOT HTTP AT ALL\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
  await expectServerAlive();
});

test('a socket without the session cookie, with the token instead, or from a foreign Origin is refused', async () => {
  await expect(openSocket({ Origin: origin })).rejects.toThrow(/403/);
  await expect(openSocket({ Origin: origin, Cookie: 'opsdeck-session-1=forged' })).rejects.toThrow(/403/);
  const withToken = new WebSocket(`ws://127.0.0.1:${bridge.port}/bridge?token=${bridge.token}`, { headers: { Origin: origin } });
  await expect(new Promise((resolve, reject) => (withToken.once('open', resolve), withToken.once('error', reject)))).rejects.toThrow(/403/);
  await expect(openSocket({ Origin: 'http://evil.example', Cookie: cookie })).rejects.toThrow(/403/);
  await expectServerAlive();
});

test('the token is one-time: a second browser is refused, a reload of the first page is served', async () => {
  const second = await fetch(bridge.url);
  expect(second.status).toBe(403);
  expect(await second.text()).toMatch(/already used/);
  expect(second.headers.get('set-cookie')).toBeNull();
  const reload = await fetch(bridge.url, { headers: { Cookie: cookie } });
  expect(reload.status).toBe(200);
  expect(await reload.text()).toContain('<script src="/opsdeck-bridge.js"></script>');
  expect((await fetch(`${origin}/opsdeck-bridge.js`)).status).toBe(403);
  expect((await fetch(`${origin}/opsdeck-bridge.js`, { headers: { Cookie: cookie } })).status).toBe(200);
});

test('a frame over 1 MiB closes that socket (1009) and the server stays up', async () => {
  const ws = await openSocket();
  const code = closed(ws);
  ws.on('error', () => undefined);
  ws.send(JSON.stringify({ id: 1, method: 'app.info', input: { pad: 'x'.repeat(1024 * 1024 + 16) } }));
  expect(await code).toBe(1009);
  await expectServerAlive();
});

test('an invalid UTF-8 text frame closes that socket (1007) and the server stays up', async () => {
  const ws = await openSocket();
  const code = closed(ws);
  ws.on('error', () => undefined);
  ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0xc3, 0x28, 0x7d]), { binary: false });
  expect(await code).toBe(1007);
  await expectServerAlive();
});

test('a binary frame is answered with a typed error and the socket stays usable', async () => {
  const ws = await openSocket();
  const refused = nextMessage(ws);
  ws.send(Buffer.from(JSON.stringify({ id: 3, method: 'app.info', input: {} })), { binary: true });
  expect(await refused).toMatchObject({ id: null, result: { ok: false, error: { code: 'invalid-input', message: expect.stringMatching(/binary/) } } });
  const answered = nextMessage(ws);
  ws.send(JSON.stringify({ id: 4, method: 'app.info', input: {} }));
  expect(await answered).toMatchObject({ id: 4, result: { ok: true } });
  ws.close();
});

test('a flood of calls and garbage from one socket, and of refused upgrades, does not stop the server', async () => {
  const ws = await openSocket();
  let replies = 0;
  ws.on('message', () => replies++);
  const messages = 5000;
  for (let i = 0; i < messages; i++) ws.send(i % 3 === 0 ? '{not json' : i % 3 === 1 ? 'null' : JSON.stringify({ id: i, method: 'audit.recent', input: { limit: 50 } }));
  await expect.poll(() => replies, { timeout: 30_000 }).toBe(messages);
  ws.close();
  const refused = await Promise.all(Array.from({ length: 200 }, () => rawRequest(upgradeHeaders('/bridge'))));
  expect(refused.every((answer) => answer.startsWith('HTTP/1.1 403'))).toBe(true);
  await expectServerAlive();
});
