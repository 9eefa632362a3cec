// The loopback bridge: serves the built renderer and carries the contract
// over a WebSocket to a real engine, for browser tests and `npm run
// dev:browser`. 127.0.0.1 only, a random port, a random token required for
// the page, the shim and the socket; the socket also checks its Origin.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { CONTENT_SECURITY_POLICY } from '../content-security-policy';
import { mimeTypeFor, rendererAssetPath } from '../renderer-assets';
import { dispatchCall, type HandlerTable } from '../engine/contract/dispatch-call';
import type { EngineEvents } from '../engine/contract/engine-events';
import { browserShimSource } from './browser-shim';

export interface BridgeServer {
  /** The page to open, token included. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export interface BridgeOptions {
  handlers: HandlerTable;
  events: EngineEvents;
  rendererRoot: string;
}

const SHIM_PATH = '/opsdeck-bridge.js';

export async function startBridgeServer(options: BridgeOptions): Promise<BridgeServer> {
  const token = randomBytes(24).toString('base64url');
  const sockets = new Set<WebSocket>();
  const http = createServer((request, response) => {
    void serveHttp(request, response, options.rendererRoot, token).catch(() => send(response, 500, 'text/plain', 'internal error'));
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  http.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', origin);
    if (url.pathname !== '/bridge' || !tokenMatches(url.searchParams.get('token'), token) || request.headers.origin !== origin) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', (data) => void answer(ws, String(data), options.handlers));
    });
  });

  const unsubscribe = options.events.subscribe((event, payload) => {
    const text = JSON.stringify({ event, payload });
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(text);
  });

  return {
    url: `${origin}/?token=${token}`,
    port,
    token,
    close: async () => {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

async function answer(ws: WebSocket, text: string, handlers: HandlerTable): Promise<void> {
  let message: { id?: unknown; method?: unknown; input?: unknown };
  try {
    message = JSON.parse(text) as typeof message;
  } catch {
    ws.send(JSON.stringify({ id: null, result: { ok: false, error: { code: 'invalid-input', message: 'bridge message is not JSON' } } }));
    return;
  }
  const result = await dispatchCall(handlers, message.method, message.input);
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id: typeof message.id === 'number' ? message.id : null, result }));
}

async function serveHttp(request: IncomingMessage, response: ServerResponse, root: string, token: string): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  if (request.method !== 'GET') return send(response, 405, 'text/plain', 'method not allowed');
  const pathname = url.pathname === '/' ? '/index.html' : url.pathname;
  const tokenOk = tokenMatches(url.searchParams.get('token'), token);
  if (pathname === SHIM_PATH) {
    if (!tokenOk) return send(response, 403, 'text/plain', 'token required');
    return send(response, 200, mimeTypeFor('shim.js'), browserShimSource(token));
  }
  if (pathname === '/index.html') {
    if (!tokenOk) return send(response, 403, 'text/plain', 'token required: open the URL printed by the bridge');
    const html = await readFile(join(root, 'index.html'), 'utf8');
    const shimTag = `<script src="${SHIM_PATH}?token=${encodeURIComponent(token)}"></script>`;
    return send(response, 200, mimeTypeFor('index.html'), html.replace('<!-- opsdeck:bridge-shim -->', shimTag));
  }
  const file = rendererAssetPath(root, pathname);
  if (!file) return send(response, 404, 'text/plain', 'not found');
  try {
    const body = await readFile(file);
    return send(response, 200, mimeTypeFor(file), body);
  } catch {
    return send(response, 404, 'text/plain', 'not found');
  }
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  });
  response.end(body);
}

function tokenMatches(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
