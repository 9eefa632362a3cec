// Operator prompts during authentication: a key passphrase asked once and
// kept in the keychain only when "remember" is ticked; a keyboard-interactive
// one-time password relayed to the operator and never stored.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { HostKeyStore } from '../../main/engine/ssh/host-key-store';
import { SshPool } from '../../main/engine/ssh/ssh-pool';
import type { OperatorPrompter } from '../../main/engine/ssh/operator-prompts';
import { MemorySecretStore } from '../../main/engine/secrets/memory-secret-store';
import { startPrivateSshd, type PrivateSshd } from '../support/private-sshd';

let dir: string;
const servers: PrivateSshd[] = [];
const closers: (() => void)[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'opsdeck-prompts-'));
});
afterAll(async () => {
  for (const server of servers) await server.stop();
  for (const close of closers) close();
  await rm(dir, { recursive: true, force: true });
});

function prompter(overrides: Partial<OperatorPrompter>): OperatorPrompter & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    confirmUnknownHostKey: async () => {
      calls.push('host-key');
      return true;
    },
    keyboardInteractive: async () => null,
    keyPassphrase: async () => null,
    ...overrides,
  };
}

test('a passphrase is asked once, remembered only when the operator says so', async () => {
  const key = join(dir, 'locked');
  const made = spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', 'correct horse', '-f', key], { encoding: 'utf8' });
  expect(made.status, made.stderr).toBe(0);
  const publicKey = spawnSync('cat', [`${key}.pub`], { encoding: 'utf8' }).stdout.trim();
  const server = await startPrivateSshd({ authorizedKeys: [publicKey] });
  servers.push(server);
  const route = { target: { label: 'locked-host', address: '127.0.0.1', port: server.port, user: 'root', identityFile: key }, jumps: [] };
  const knownHosts = join(dir, 'known_hosts');

  const forgetful = new MemorySecretStore();
  const once = prompter({});
  const pool1 = new SshPool({ hostKeys: new HostKeyStore({ opsdeckKnownHostsPath: knownHosts }), prompter: once, secrets: forgetful });
  once.keyPassphrase = async (q) => {
    once.calls.push(`passphrase ${q.identityFile}`);
    return { passphrase: 'correct horse', remember: false };
  };
  expect((await pool1.exec(route, 'echo one')).stdout).toBe('one\n');
  expect((await pool1.exec(route, 'echo two')).stdout).toBe('two\n');
  expect(once.calls).toEqual(['host-key', `passphrase ${key}`]);
  expect(await forgetful.list()).toEqual([]);
  await pool1.dispose();

  const keychain = new MemorySecretStore();
  const remembering = prompter({});
  remembering.keyPassphrase = async () => {
    remembering.calls.push('passphrase');
    return { passphrase: 'correct horse', remember: true };
  };
  const pool2 = new SshPool({ hostKeys: new HostKeyStore({ opsdeckKnownHostsPath: knownHosts }), prompter: remembering, secrets: keychain });
  await pool2.exec(route, 'true');
  await pool2.dispose();
  const pool3 = new SshPool({ hostKeys: new HostKeyStore({ opsdeckKnownHostsPath: knownHosts }), prompter: remembering, secrets: keychain });
  await pool3.exec(route, 'true');
  await pool3.dispose();
  expect(remembering.calls).toEqual(['passphrase']);
  expect(await keychain.list()).toEqual([`passphrase:${key}`]);
});

test('a bastion asking for a one-time password gets the operator answer, and nothing is stored', async () => {
  const hostKey = ssh2.utils.generateKeyPairSync('ed25519');
  const otpSeen: string[] = [];
  const server = new ssh2.Server({ hostKeys: [hostKey.private] }, (client) => {
    client.on('authentication', (ctx) => {
      if (ctx.method !== 'keyboard-interactive') return ctx.reject(['keyboard-interactive']);
      ctx.prompt([{ prompt: 'Verification code: ', echo: false }], 'Bastion 2FA', 'Enter the code from your token', (answers) => {
        otpSeen.push(answers[0] ?? '');
        if (answers[0] === '123456') ctx.accept();
        else ctx.reject();
      });
    });
    client.on('ready', () =>
      client.on('session', (accept) =>
        accept().on('exec', (acceptExec) => {
          const stream = acceptExec();
          stream.write('through 2FA\n');
          stream.exit(0);
          stream.end();
        }),
      ),
    );
    client.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  closers.push(() => server.close());
  const port = (server.address() as { port: number }).port;
  await writeFile(join(dir, 'kbd_known_hosts'), '');
  const secrets = new MemorySecretStore();
  const run = async (code: string) => {
    const asked: string[] = [];
    const pool = new SshPool({
      hostKeys: new HostKeyStore({ opsdeckKnownHostsPath: join(dir, 'kbd_known_hosts') }),
      prompter: prompter({
        keyboardInteractive: async (question) => {
          asked.push(`${question.name}|${question.prompts.map((p) => `${p.prompt}${p.echo ? '' : ' (hidden)'}`).join()}`);
          return [code];
        },
      }),
      secrets,
      limits: { retries: 0 },
    });
    const outcome = await pool.exec({ target: { label: 'bastion', address: '127.0.0.1', port, user: 'ops' }, jumps: [] }, 'hostname').catch((e: unknown) => e);
    await pool.dispose();
    return { outcome, asked };
  };
  const good = await run('123456');
  expect(good.asked).toEqual(['Bastion 2FA|Verification code:  (hidden)']);
  expect(good.outcome).toMatchObject({ stdout: 'through 2FA\n', exitCode: 0 });
  const bad = await run('000000');
  expect(bad.outcome).toMatchObject({ code: 'auth-failed' });
  expect(otpSeen).toEqual(['123456', '000000']);
  expect(await secrets.list()).toEqual([]);
});
