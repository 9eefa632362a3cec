import { describe, expect, test } from 'vitest';
import { KeyedLimiter } from '../../../main/engine/ssh/keyed-limiter';
import { backoffDelayMs } from '../../../main/engine/ssh/retry-backoff';
import { SshError } from '../../../main/engine/ssh/ssh-error';
import { jumpRoute, routeKey } from '../../../main/engine/ssh/ssh-route';

const hop = (address: string, port = 22) => ({ label: address, address, port, user: 'ops' });

describe('routes', () => {
  test('a connection is keyed by its whole route, jump hosts included', () => {
    const viaNj = { target: hop('10.0.0.5'), jumps: [hop('203.0.113.10')] };
    const viaSea = { target: hop('10.0.0.5'), jumps: [hop('198.51.100.10', 2222)] };
    expect(routeKey(viaNj)).toBe('ops@203.0.113.10:22 > ops@10.0.0.5:22');
    expect(routeKey(viaNj)).not.toBe(routeKey(viaSea));
    expect(jumpRoute({ target: hop('t'), jumps: [hop('a'), hop('b')] })).toEqual({ target: hop('b'), jumps: [hop('a')] });
    expect(jumpRoute({ target: hop('t'), jumps: [] })).toBeNull();
  });
});

describe('KeyedLimiter', () => {
  test('admits at most the limit per key, first come first served, keys independent', async () => {
    const limiter = new KeyedLimiter(2);
    const order: string[] = [];
    const a1 = await limiter.acquire('a');
    const a2 = await limiter.acquire('a');
    const b1 = await limiter.acquire('b');
    const waiting = [limiter.acquire('a').then((r) => (order.push('third'), r)), limiter.acquire('a').then((r) => (order.push('fourth'), r))];
    expect(limiter.inUse('a')).toBe(2);
    a1();
    const third = await waiting[0]!;
    expect(order).toEqual(['third']);
    a2();
    const fourth = await waiting[1]!;
    expect(order).toEqual(['third', 'fourth']);
    for (const release of [third, fourth, b1]) release();
    expect(limiter.total()).toBe(0);
  });
  test('a waiter that is cancelled leaves the queue', async () => {
    const limiter = new KeyedLimiter(1);
    const held = await limiter.acquire('k');
    const controller = new AbortController();
    const cancelled = limiter.acquire('k', controller.signal);
    controller.abort(new Error('scan cancelled'));
    await expect(cancelled).rejects.toThrow('scan cancelled');
    held();
    const next = await limiter.acquire('k');
    expect(limiter.inUse('k')).toBe(1);
    next();
  });
  test('releasing twice does not free a second slot', async () => {
    const limiter = new KeyedLimiter(1);
    const release = await limiter.acquire('k');
    release();
    release();
    expect(limiter.inUse('k')).toBe(0);
  });
});

describe('retries', () => {
  test('backoff grows exponentially with jitter and is capped', () => {
    expect(backoffDelayMs(0, 250, 4000, () => 0)).toBe(125);
    expect(backoffDelayMs(0, 250, 4000, () => 1)).toBe(250);
    expect(backoffDelayMs(3, 250, 4000, () => 1)).toBe(2000);
    expect(backoffDelayMs(10, 250, 4000, () => 1)).toBe(4000);
  });
  test('only transient failures are retryable; auth and host-key failures never are', () => {
    expect(new SshError('connect-refused', 'h', 'm').retryable).toBe(true);
    expect(new SshError('connect-timeout', 'h', 'm').retryable).toBe(true);
    for (const code of ['auth-failed', 'host-key-changed', 'host-key-revoked', 'host-key-unknown-rejected', 'command-timeout', 'cancelled'] as const) {
      expect(new SshError(code, 'h', 'm').retryable, code).toBe(false);
    }
  });
});
