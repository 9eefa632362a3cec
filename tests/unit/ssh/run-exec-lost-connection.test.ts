import type { Client } from 'ssh2';
import { expect, test } from 'vitest';
import { runExec } from '../../../main/engine/ssh/run-exec';
import { SshError } from '../../../main/engine/ssh/ssh-error';

// A connection that closed between two commands: ssh2 throws from exec() at once.
const closedClient = {
  exec: () => {
    throw new Error('Not connected');
  },
} as unknown as Client;
// A connection that died while the channel was being opened: ssh2 calls back with an error without a server reason.
const droppedClient = { exec: (_command: string, callback: (error: Error) => void) => callback(new Error('No response from server')) } as unknown as Client;

test.each([
  ['closed before the command', closedClient, /mx1\.nj: the connection was lost before `uname -s` could start \(Not connected\)/],
  ['dropped while opening the channel', droppedClient, /mx1\.nj: cannot open a channel: No response from server/],
])('a connection %s is reported as lost, naming the host and the command', async (_case, client, message) => {
  const failure = await runExec(client, 'mx1.nj', 'uname -s', { timeoutMs: 1000 }).then(
    () => null,
    (error: unknown) => error,
  );
  expect(failure).toBeInstanceOf(SshError);
  expect((failure as SshError).code).toBe('connection-lost');
  expect((failure as SshError).message).toMatch(message);
});
