import { describe, expect, test, vi } from 'vitest';
import { EVENT_CHANNEL, methodChannel, methodNames, methods } from '../../../preload/contract';
import { dispatchCall, type HandlerTable } from '../../../main/engine/dispatch/dispatch-call';
import { EngineError } from '../../../main/engine/dispatch/engine-error';
import { EngineEvents } from '../../../main/engine/dispatch/engine-events';
import { isTrustedSender, mountIpcTransport } from '../../../main/ipc-transport';

vi.mock('electron', () => ({}));

function handlersWith(overrides: Partial<HandlerTable>): HandlerTable {
  const table: Record<string, unknown> = {};
  for (const name of methodNames)
    table[name] = () => {
      throw new Error(`${name} should not have been called`);
    };
  return { ...(table as HandlerTable), ...overrides };
}

describe('dispatchCall', () => {
  test('rejects invalid input with a typed validation error before the handler runs', async () => {
    const recent = vi.fn();
    const result = await dispatchCall(handlersWith({ 'audit.recent': recent }), 'audit.recent', { limit: 'many' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', issues: [{ path: 'limit' }] } });
    expect(recent).not.toHaveBeenCalled();
  });
  test('rejects unknown keys (strict schemas) and unknown methods', async () => {
    const handlers = handlersWith({});
    expect(await dispatchCall(handlers, 'scan.cancel', { runId: 'x', extra: 1 })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await dispatchCall(handlers, 'shell.exec', {})).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    expect(await dispatchCall(handlers, '__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
  });
  test('turns engine errors into typed errors and other throws into "failed", never a stack', async () => {
    const handlers = handlersWith({
      'fleet.get': () => {
        throw new EngineError('bad-inventory', 'inventory.yaml:3:5: expected a list');
      },
      'app.info': () => {
        throw new TypeError('boom');
      },
    });
    expect(await dispatchCall(handlers, 'fleet.get', {})).toEqual({ ok: false, error: { code: 'bad-inventory', message: 'inventory.yaml:3:5: expected a list' } });
    const failed = await dispatchCall(handlers, 'app.info', {});
    expect(failed).toEqual({ ok: false, error: { code: 'failed', message: 'app.info failed: boom' } });
  });
  test('passes the parsed input to the handler and wraps its value', async () => {
    const handlers = handlersWith({ 'scan.cancel': async ({ runId }) => ({ cancelled: runId === 'r1' }) });
    expect(await dispatchCall(handlers, 'scan.cancel', { runId: 'r1' })).toEqual({ ok: true, value: { cancelled: true } });
  });
  test('every method name has a namespace and a member', () => {
    for (const name of Object.keys(methods)) expect(name).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
  });
});

describe('Electron IPC transport', () => {
  function fakeIpcMain() {
    const handlers = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();
    return {
      handlers,
      handle: (channel: string, handler: (event: unknown, input: unknown) => Promise<unknown>) => handlers.set(channel, handler),
      removeHandler: (channel: string) => handlers.delete(channel),
    };
  }
  const mainFrame = { url: 'app://opsdeck/index.html' };
  const trustedEvent = { senderFrame: mainFrame, sender: { mainFrame } };

  test('registers one handler per contract method', () => {
    const ipc = fakeIpcMain();
    mountIpcTransport(ipc as never, handlersWith({}), new EngineEvents(), () => null);
    expect([...ipc.handlers.keys()].sort()).toEqual(methodNames.map(methodChannel).sort());
  });
  test('returns a typed validation error for invalid input', async () => {
    const ipc = fakeIpcMain();
    mountIpcTransport(ipc as never, handlersWith({}), new EngineEvents(), () => null);
    const result = await ipc.handlers.get(methodChannel('audit.recent'))!(trustedEvent, { limit: -1 });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });
  test('refuses calls from a subframe or another origin', async () => {
    const ipc = fakeIpcMain();
    const info = vi.fn();
    mountIpcTransport(ipc as never, handlersWith({ 'app.info': info }), new EngineEvents(), () => null);
    const call = ipc.handlers.get(methodChannel('app.info'))!;
    const subframe = { url: 'app://opsdeck/index.html' };
    expect(await call({ senderFrame: subframe, sender: { mainFrame } }, {})).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    const evil = { url: 'https://evil.example/' };
    expect(await call({ senderFrame: evil, sender: { mainFrame: evil } }, {})).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(info).not.toHaveBeenCalled();
    expect(isTrustedSender(trustedEvent as never)).toBe(true);
  });
  test('forwards engine events to the window on the one event channel', () => {
    const ipc = fakeIpcMain();
    const events = new EngineEvents();
    const send = vi.fn();
    mountIpcTransport(ipc as never, handlersWith({}), events, () => ({ isDestroyed: () => false, send }) as never);
    events.emit('fleet:changed', { kind: 'none', label: 'No inventory', path: null });
    expect(send).toHaveBeenCalledWith(EVENT_CHANNEL, 'fleet:changed', { kind: 'none', label: 'No inventory', path: null });
  });
});
