import { expect, test } from 'vitest';
import { DEFAULT_HOST_KEY_ALGORITHMS, hostKeyAlgorithmsFor } from '../../../main/engine/ssh/host-key-algorithms';

test('with nothing on record the default order is kept', () => {
  expect(hostKeyAlgorithmsFor([])).toEqual([...DEFAULT_HOST_KEY_ALGORITHMS]);
});

test('a host recorded by its RSA key is asked for RSA signatures (SHA-2 first) before any other type', () => {
  expect(hostKeyAlgorithmsFor(['ssh-rsa']).slice(0, 3)).toEqual(['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']);
});

test('several recorded types come first in the default order, and nothing is dropped or doubled', () => {
  const order = hostKeyAlgorithmsFor(['ecdsa-sha2-nistp256', 'ssh-rsa', 'ecdsa-sha2-nistp256']);
  expect(order.slice(0, 4)).toEqual(['ecdsa-sha2-nistp256', 'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']);
  expect([...order].sort()).toEqual([...DEFAULT_HOST_KEY_ALGORITHMS].sort());
});

test('a type ssh2 does not offer (ssh-dss) changes nothing', () => {
  expect(hostKeyAlgorithmsFor(['ssh-dss'])).toEqual([...DEFAULT_HOST_KEY_ALGORITHMS]);
});
