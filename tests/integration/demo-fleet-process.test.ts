// `opsdeck demo-fleet` as its own process: one JSON "ready" line, the
// inventory and known_hosts written, real SSH served, clean exit on SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDemoFleetProcess } from '../../main/engine/demo-fleet/demo-fleet-process';
import { bundleForChild } from '../support/bundle-for-child';
import { connect, connectHost, exec } from '../unit/demo-fleet/support/demo-ssh-client';

let dataDir: string;
let childEntry: string;
let child: ChildProcess | null = null;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'opsdeck-demo-process-'));
  const entryDir = join(process.cwd(), 'test-artifacts', 'demo-fleet-process');
  await mkdir(entryDir, { recursive: true });
  const entry = join(entryDir, 'entry.ts');
  const module = resolve('main/engine/demo-fleet/demo-fleet-process.ts');
  await writeFile(
    entry,
    `import { runDemoFleetProcess } from ${JSON.stringify(module)};\n` +
      'process.exitCode = await runDemoFleetProcess(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });\n',
  );
  childEntry = await bundleForChild(entry);
});

afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await rm(dataDir, { recursive: true, force: true });
  if (childEntry) await rm(dirname(childEntry), { recursive: true, force: true });
});

function firstLine(processToWatch: ChildProcess): Promise<string> {
  return new Promise((resolveLine, reject) => {
    const lines = createInterface({ input: processToWatch.stdout! });
    lines.once('line', (line) => resolveLine(line));
    processToWatch.once('exit', (code) => reject(new Error(`demo fleet exited early (${code})`)));
  });
}

describe('opsdeck demo-fleet process', () => {
  it('starts, announces itself, serves SSH and stops cleanly on SIGTERM', async () => {
    const portBase = 20_000 + Math.floor(Math.random() * 20_000);
    const stderr: string[] = [];
    child = spawn(process.execPath, [childEntry, '--hosts', '40', '--port-base', String(portBase), '--data-dir', dataDir, '--fault-rate', '0.05', '--now', '2026-12-01T12:00:00Z'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
    const ready = JSON.parse(await firstLine(child)) as {
      ready: boolean;
      label: string;
      bastions: Array<{ dc: string; port: number; hostKeyFingerprint: string }>;
      inventoryPath: string;
      clientKeyPath: string;
      knownHostsPath: string;
      hosts: number;
      faults: Record<string, { kind: string }>;
    };
    expect(ready).toMatchObject({ ready: true, label: 'Demo fleet (simulated)', hosts: 40, inventoryPath: join(dataDir, 'demo-inventory.yaml'), clientKeyPath: join(dataDir, 'demo-client-key') });
    expect(ready.bastions.map((bastion) => [bastion.dc, bastion.port])).toEqual([
      ['nj', portBase],
      ['sea', portBase + 1],
    ]);
    expect(Object.keys(ready.faults)).toHaveLength(7 * 2);
    expect((await stat(ready.clientKeyPath)).mode & 0o777).toBe(0o600);
    const inventory = parse(await readFile(ready.inventoryPath, 'utf8')) as { hosts: unknown[]; datacentres: Array<{ bastion: { port: number } }> };
    expect(inventory.hosts).toHaveLength(40);
    expect(inventory.datacentres[1]!.bastion.port).toBe(portBase + 1);
    expect(await readFile(ready.knownHostsPath, 'utf8')).toContain(`[127.0.0.1]:${portBase},bastion.nj.demo.opsdeck ssh-ed25519 `);

    const bastion = await connect({ host: '127.0.0.1', port: portBase, privateKeyPath: ready.clientKeyPath });
    expect(bastion.presentedFingerprint).toBe(ready.bastions[0]!.hostKeyFingerprint);
    const healthy = ['imap1.nj', 'mx1.nj', 'web1.nj', 'db1.nj'].find((name) => !(name in ready.faults))!;
    const address = { 'imap1.nj': '127.10.1.11', 'mx1.nj': '127.10.1.12', 'web1.nj': '127.10.1.13', 'db1.nj': '127.10.1.14' }[healthy]!;
    const host = await connectHost(bastion.client, address, ready.clientKeyPath);
    expect((await exec(host.client, 'env LC_ALL=C hostname')).stdout.toString()).toBe(`${healthy}\n`);
    host.client.end();
    bastion.client.end();

    const exited = new Promise<number | null>((resolveExit) => child!.once('exit', (code) => resolveExit(code)));
    const started = Date.now();
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(stderr.join('')).toBe('');
  });

  it('rejects bad arguments with a usage message and exit 2', async () => {
    const out: string[] = [];
    const io = { stdout: { write: (text: string) => out.push(text) }, stderr: { write: (text: string) => out.push(text) }, env: {}, stopSignal: Promise.resolve() };
    expect(await runDemoFleetProcess(['--hosts', 'many'], io)).toBe(2);
    expect(await runDemoFleetProcess(['--hosts', '5'], io)).toBe(2);
    expect(await runDemoFleetProcess(['--frobnicate'], io)).toBe(2);
    expect(out.join('')).toMatch(/--hosts must be a whole number/);
    expect(out.join('')).toMatch(/at least|from 14/);
    expect(out.join('')).toMatch(/usage: opsdeck demo-fleet/);
  });

  it('runs in-process too and stops when told', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'opsdeck-demo-process-inline-'));
    const out: string[] = [];
    let stop!: () => void;
    const stopSignal = new Promise<void>((resolveStop) => (stop = resolveStop));
    const running = runDemoFleetProcess(['--data-dir', dir], { stdout: { write: (text: string) => out.push(text) }, stderr: { write: (text: string) => out.push(text) }, env: {}, stopSignal });
    while (out.length === 0) await new Promise((resolveTick) => setTimeout(resolveTick, 10));
    expect(JSON.parse(out[0]!)).toMatchObject({ ready: true, hosts: 24 });
    stop();
    expect(await running).toBe(0);
    expect(existsSync(join(dir, 'demo-inventory.yaml'))).toBe(true);
    await rm(dir, { recursive: true, force: true });
  });
});
