// The loopback bridge: serves the built renderer and carries the contract
// over a WebSocket to a real engine, for browser tests and `npm run
// dev:browser`. 127.0.0.1 only, a random port.
//
// Access: the printed URL carries a one-time token. The first request for the
// page that presents it consumes it and receives a session cookie (HttpOnly,
// SameSite=Strict, named for this port); from then on the page, the shim and
// the WebSocket are served only to that cookie, so a reload of the same page
// works and nobody else can use the URL. The socket also checks its Origin.
// Nothing a client sends (a malformed URL, an oversized, binary or invalid
// UTF-8 frame, a flood of calls) may stop the server: every socket has an
// error listener, URL parsing cannot throw, frames are bounded.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { CONTENT_SECURITY_POLICY } from '../content-security-policy';
import { mimeTypeFor, rendererAssetPath } from '../renderer-assets';
import { dispatchCall, type HandlerTable } from '../engine/dispatch/dispatch-call';
import type { EngineEvents } from '../engine/dispatch/engine-events';
import { browserShimSource } from './browser-shim';
import { BridgeAccess } from './bridge-access';
import { errorMessage } from '../engine/errors/error-message';

export interface BridgeServer {
  /** The page to open, one-time token included. */
  url: string;
  port: number;
  /** The one-time token in `url`; consumed by the first page load that presents it. */
  token: string;
  close(): Promise<void>;
}

export interface BridgeOptions {
  handlers: HandlerTable;
  events: EngineEvents;
  rendererRoot: string;
}

const SHIM_PATH = '/opsdeck-bridge.js';
/** Largest frame accepted; ws closes the socket (1009) on a bigger one. */
export const MAX_FRAME_BYTES = 1024 * 1024;
/** Calls one socket may have in flight; more are answered "busy" at once. */
export const MAX_CALLS_IN_FLIGHT = 64;

export async function startBridgeServer(options: BridgeOptions): Promise<BridgeServer> {
  const token = randomBytes(24).toString('base64url');
  const sockets = new Set<WebSocket>();
  let access: BridgeAccess | null = null;
  const http = createServer((request, response) => {
    void serveHttp(request, response, options.rendererRoot, access!).catch(() => send(response, 500, 'text/plain', 'internal error'));
  });
  // A malformed request line or headers: answer 400 if possible, never throw.
  http.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
    else socket.destroy();
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  wss.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(0, '127.0.0.1', () => resolve());
  });
  http.on('error', () => undefined);
  const port = (http.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  access = new BridgeAccess(token, `opsdeck-session-${port}`);

  http.on('upgrade', (request: IncomingMessage, socket, head) => {
    socket.on('error', () => socket.destroy());
    const url = requestUrl(request);
    if (url?.pathname !== '/bridge' || request.headers.origin !== origin || !access!.hasSession(request.headers.cookie)) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      sockets.add(ws);
      let inFlight = 0;
      // ws reports an oversized or invalid-UTF-8 frame here, then closes the socket itself (1009 / 1007).
      ws.on('error', () => ws.terminate());
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', (data: RawData, isBinary: boolean) => {
        if (isBinary) return reply(ws, null, { ok: false, error: { code: 'invalid-input', message: 'bridge messages are JSON text, not binary frames' } });
        if (inFlight >= MAX_CALLS_IN_FLIGHT) {
          return reply(ws, null, { ok: false, error: { code: 'busy', message: `more than ${MAX_CALLS_IN_FLIGHT} calls in flight on this socket` } });
        }
        inFlight++;
        void answer(ws, rawText(data), options.handlers).finally(() => inFlight--);
      });
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
    return reply(ws, null, { ok: false, error: { code: 'invalid-input', message: 'bridge message is not JSON' } });
  }
  if (typeof message !== 'object' || message === null) {
    return reply(ws, null, { ok: false, error: { code: 'invalid-input', message: 'bridge message is not a JSON object' } });
  }
  const result = await dispatchCall(handlers, message.method, message.input);
  reply(ws, typeof message.id === 'number' ? message.id : null, result);
}

function reply(ws: WebSocket, id: number | null, result: unknown): void {
  if (ws.readyState !== ws.OPEN) return;
  let text: string;
  try {
    text = JSON.stringify({ id, result });
  } catch (error) {
    text = JSON.stringify({ id, result: { ok: false, error: { code: 'failed', message: `the result cannot be sent: ${errorMessage(error)}` } } });
  }
  ws.send(text, (error) => {
    if (error) ws.terminate();
  });
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}

/** The request's URL, or null when it cannot be parsed (e.g. `//`): never throws. */
function requestUrl(request: IncomingMessage): URL | null {
  try {
    return new URL(request.url ?? '/', 'http://127.0.0.1');
  } catch {
    return null;
  }
}

async function serveHttp(request: IncomingMessage, response: ServerResponse, root: string, access: BridgeAccess): Promise<void> {
  const url = requestUrl(request);
  if (!url) return send(response, 400, 'text/plain', 'malformed request URL');
  if (request.method !== 'GET') return send(response, 405, 'text/plain', 'method not allowed');
  const pathname = url.pathname === '/' ? '/index.html' : url.pathname;
  if (pathname === SHIM_PATH) {
    if (!access.hasSession(request.headers.cookie)) return send(response, 403, 'text/plain', 'session required');
    return send(response, 200, mimeTypeFor('shim.js'), browserShimSource());
  }
  if (pathname === '/index.html') {
    const admitted = access.admitPage(url.searchParams.get('token'), request.headers.cookie);
    if (admitted.kind === 'refused') return send(response, 403, 'text/plain', admitted.message);
    const html = await readFile(join(root, 'index.html'), 'utf8');
    const shimTag = `<script src="${SHIM_PATH}"></script>`;
    const headers: Record<string, string> = admitted.kind === 'new-session' ? { 'Set-Cookie': admitted.setCookie } : {};
    return send(response, 200, mimeTypeFor('index.html'), html.replace('<!-- opsdeck:bridge-shim -->', shimTag), headers);
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

function send(response: ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}): void {
  response.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
    ...extra,
  });
  response.end(body);
}
