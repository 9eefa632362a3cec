// A private OpenSSH server for tests: its own config, host key and
// authorized_keys in a temp folder, on 127.0.0.1 and a free port; stopped by
// PID. Fails (never skips) when Debian's openssh-server is missing.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SSHD = '/usr/sbin/sshd';

export interface PrivateSshd {
  port: number;
  hostPublicKey: string;
  log(): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

export async function generateKey(path: string, type: 'ed25519' | 'ecdsa' | 'rsa' = 'ed25519'): Promise<string> {
  const result = spawnSync('ssh-keygen', ['-q', '-t', type, ...(type === 'rsa' ? ['-b', '3072'] : []), '-N', '', '-f', path], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`ssh-keygen failed (is openssh-client installed?): ${result.stderr}`);
  return (await readFile(`${path}.pub`, 'utf8')).trim();
}

export interface PrivateSshdOptions {
  authorizedKeys: string[];
  extraConfig?: string[];
  extraPorts?: number[];
  /** Run inside this network namespace, listening on listenAddress. */
  netns?: string;
  listenAddress?: string;
  port?: number;
  /** The server's host key type (ed25519 unless given). */
  hostKeyType?: 'ed25519' | 'ecdsa' | 'rsa';
}

export async function startPrivateSshd(options: PrivateSshdOptions): Promise<PrivateSshd> {
  if (!existsSync(SSHD)) throw new Error(`${SSHD} is missing: install Debian's openssh-server package`);
  await mkdir('/run/sshd', { recursive: true });
  const dir = await mkdtemp(join(tmpdir(), 'opsdeck-sshd-'));
  const hostKeyPath = join(dir, `host_${options.hostKeyType ?? 'ed25519'}`);
  const hostPublicKey = await generateKey(hostKeyPath, options.hostKeyType);
  await writeFile(join(dir, 'authorized_keys'), `${options.authorizedKeys.join('\n')}\n`, { mode: 0o600 });
  const port = options.port ?? (await freePort());
  const address = options.listenAddress ?? '127.0.0.1';
  const config = [
    ...[port, ...(options.extraPorts ?? [])].map((p) => `ListenAddress ${address}:${p}`),
    `HostKey ${hostKeyPath}`,
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
    'StrictModes no',
    'UsePAM no',
    'PidFile none',
    'PermitRootLogin prohibit-password',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'LogLevel VERBOSE',
    ...extraConfigWithShellLevel(options.extraConfig ?? []),
  ];
  await writeFile(join(dir, 'sshd_config'), `${config.join('\n')}\n`);
  let log = '';
  const argv = [SSHD, '-D', '-e', '-f', join(dir, 'sshd_config')];
  const child: ChildProcess = options.netns
    ? spawn('ip', ['netns', 'exec', options.netns, ...argv], { stdio: ['ignore', 'ignore', 'pipe'] })
    : spawn(argv[0]!, argv.slice(1), { stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  await waitForListening(port, () => log, 1 + (options.extraPorts?.length ?? 0));
  return {
    port,
    hostPublicKey,
    log: () => log,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((resolve) => child.once('exit', resolve));
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Sessions log in as root: with SHLVL=1 bash does not read root's ~/.bashrc for
 * a command run by sshd, so whatever that machine's shell set-up does (pyenv's
 * rehash waits up to 60 s on a lock) never times a test out. sshd takes only
 * the first SetEnv line, so SHLVL joins a test's own SetEnv when it has one.
 */
function extraConfigWithShellLevel(extra: string[]): string[] {
  const setEnv = extra.findIndex((line) => line.startsWith('SetEnv '));
  if (setEnv === -1) return [...extra, 'SetEnv SHLVL=1'];
  return extra.map((line, index) => (index === setEnv ? `${line} SHLVL=1` : line));
}

/** sshd logs "Server listening on ADDRESS port N." once per socket. */
async function waitForListening(port: number, log: () => string, sockets: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if ((log().match(/Server listening on /g) ?? []).length >= sockets) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`sshd did not start listening on ${port}: ${log()}`);
}
