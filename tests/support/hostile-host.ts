// The hostile-host suite's pieces: a real sshd whose ForceCommand answers as
// a hostile host would (tests/integration/hostile-host/hostile-answer.sh), an
// inventory naming such hosts, and the real CLI run as a child process under
// /usr/bin/time, so its peak RSS and wall time are measured honestly.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openEmbeddedStore } from '../../main/engine/store/open-store';
import { bundleForChild } from './bundle-for-child';
import { startPrivateSshd, type PrivateSshd } from './private-sshd';
import type { SshdFixture } from './sshd-fixture';

export const HOSTILE_ANSWER = join(process.cwd(), 'tests', 'integration', 'hostile-host', 'hostile-answer.sh');
const TIME = '/usr/bin/time';

export type HostileMode = 'html' | 'escapes' | 'c1bidi' | 'utf8' | 'flood-command' | 'flood-host' | 'endless' | 'slow' | 'after-exit' | 'absurd' | 'honest';

export function startHostileSshd(mode: HostileMode, publicKey: string): Promise<PrivateSshd> {
  return startPrivateSshd({ authorizedKeys: [publicKey], extraConfig: [`ForceCommand /bin/sh ${HOSTILE_ANSWER} ${mode}`] });
}

export async function writeInventory(path: string, clientKey: string, hosts: { name: string; port: number }[]): Promise<void> {
  await writeFile(
    path,
    [
      'datacentres:',
      '  - { id: nj, name: "Bridgewater, NJ", role: primary }',
      `defaults: { user: root, identity: ${clientKey}, sudo: false }`,
      'hosts:',
      ...hosts.map((host) => `  - { name: ${host.name}, address: 127.0.0.1, port: ${host.port}, os: debian, dc: nj }`),
      '',
    ].join('\n'),
  );
}

/**
 * Creates the data folder's store before the measured scan: PGlite's initdb on
 * a fresh store alone peaks near 900 MB RSS, a one-time cost of first start
 * that says nothing about what scanning a hostile host costs.
 */
export async function prepareDataDir(dataDir: string): Promise<void> {
  const store = await openEmbeddedStore(dataDir);
  await store.close();
}

/** One hostile sshd per mode (stopped after the file's tests), an inventory naming them `MODE.nj`, and a prepared data folder, all named `name` in the fixture's folder. */
export async function hostileFleet(sshd: SshdFixture, name: string, modes: HostileMode[]): Promise<{ inventory: string; dataDir: string }> {
  const hosts = [];
  for (const mode of modes) {
    const server = sshd.stopAfterAll(await startHostileSshd(mode, sshd.publicKey));
    hosts.push({ name: `${mode}.nj`, port: server.port });
  }
  const inventory = join(sshd.dir, `${name}.yaml`);
  await writeInventory(inventory, sshd.clientKey, hosts);
  const dataDir = join(sshd.dir, `${name}-data`);
  await prepareDataDir(dataDir);
  return { inventory, dataDir };
}

export interface ChildCliRun {
  code: number;
  stdout: Buffer;
  stderr: Buffer;
  /** Peak resident set of the CLI process (from /usr/bin/time %M). */
  peakRssMb: number;
  seconds: number;
}

let bundled: Promise<string> | null = null;

/** The CLI (main/cli.ts, as it is in this tree) bundled once for child processes. */
export function cliBundle(): Promise<string> {
  bundled ??= bundleForChild(join(process.cwd(), 'main', 'cli.ts'));
  return bundled;
}

export async function runCliChild(args: string[], env: Record<string, string>, timeFile: string): Promise<ChildCliRun> {
  if (!existsSync(TIME)) throw new Error(`${TIME} is missing: install Debian's time package (it measures the CLI's peak memory)`);
  const cli = await cliBundle();
  const started = performance.now();
  const child = spawn(TIME, ['-o', timeFile, '-f', '%M', process.execPath, cli, ...args], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  const code = await new Promise<number>((resolve) => child.once('close', (exit) => resolve(exit ?? -1)));
  const seconds = (performance.now() - started) / 1000;
  const kilobytes = Number((await readFile(timeFile, 'utf8')).trim().split('\n').pop());
  return { code, stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr), peakRssMb: kilobytes / 1024, seconds };
}
