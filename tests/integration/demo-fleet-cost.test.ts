// What the demo fleet costs: the simulator runs in its own process (as in
// the lead's benchmark) and this test measures its CPU and memory while a
// plain ssh2 client scans it. Prints figures; asserts only generous bounds.
// DEMO_FLEET_COST_HOSTS=1000 runs the full-size scan (default 200, to keep
// the integration suite light on the shared 2 cores).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFleetSpec } from '../../main/engine/demo-fleet/demo-fleet-spec';
import { bundleForChild } from '../support/bundle-for-child';
import { connect, connectHost, exec, type Connected } from '../unit/demo-fleet/support/demo-ssh-client';

const HOSTS = Number(process.env.DEMO_FLEET_COST_HOSTS ?? 200);
const CONCURRENCY_PER_BASTION = 25;
const DEBIAN_COMMANDS = [
  'hostname',
  'uname -r',
  'cat /etc/os-release',
  'cat /proc/uptime',
  'sudo -n env LC_ALL=C nft -j list ruleset',
  'sudo -n env LC_ALL=C apt-get -s -o Debug::NoLocking=1 dist-upgrade',
];
const SMARTOS_COMMANDS = [
  'hostname',
  'uname -v',
  'cat /etc/release',
  'kstat -p unix:0:system_misc:boot_time',
  'sudo -n env LC_ALL=C fwadm list -j',
  'sudo -n env LC_ALL=C zfs get -H -p -o name,property,value encryption,keystatus,keyformat,keylocation,encryptionroot,mountpoint,usedbydataset -t filesystem,volume',
];

let dataDir: string;
let child: ChildProcess;
let bundle = '';
let ready: { bastions: Array<{ dc: string; port: number }>; clientKeyPath: string };

/** utime + stime of a process, in milliseconds (Linux /proc). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

function rssMiB(pid: number): number {
  return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'opsdeck-demo-cost-'));
  const entryDir = join(process.cwd(), 'test-artifacts', 'demo-fleet-cost');
  await mkdir(entryDir, { recursive: true });
  const entry = join(entryDir, 'entry.ts');
  await writeFile(
    entry,
    `import { runDemoFleetProcess } from ${JSON.stringify(resolve('main/engine/demo-fleet/demo-fleet-process.ts'))};\n` +
      'process.exitCode = await runDemoFleetProcess(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });\n',
  );
  bundle = await bundleForChild(entry);
  child = spawn(process.execPath, [bundle, '--hosts', String(HOSTS), '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  ready = JSON.parse(await new Promise<string>((resolveLine) => createInterface({ input: child.stdout! }).once('line', resolveLine)));
}, 60_000);

afterAll(async () => {
  child?.kill('SIGTERM');
  await rm(dataDir, { recursive: true, force: true });
  if (bundle) await rm(dirname(bundle), { recursive: true, force: true });
});

describe('demo fleet cost', () => {
  it('1,000 sequential `hostname` execs over one bastion connection', async () => {
    const bastion = await connect({ host: '127.0.0.1', port: ready.bastions[0]!.port, privateKeyPath: ready.clientKeyPath });
    const host = await connectHost(bastion.client, '127.10.1.11', ready.clientKeyPath);
    const cpuBefore = cpuMs(child.pid!);
    const started = performance.now();
    for (let index = 0; index < 1000; index++) expect((await exec(host.client, 'env LC_ALL=C hostname')).code).toBe(0);
    const wall = performance.now() - started;
    const simulatorCpu = cpuMs(child.pid!) - cpuBefore;
    console.log(
      `[demo-fleet cost] 1000 sequential execs on one host connection: ${wall.toFixed(0)} ms wall, simulator CPU ${simulatorCpu.toFixed(0)} ms (${(simulatorCpu / 1000).toFixed(2)} ms/exec)`,
    );
    host.client.end();
    bastion.client.end();
    expect(wall).toBeLessThan(30_000);
  });

  it(`scans ${HOSTS} hosts through the two bastions, ${DEBIAN_COMMANDS.length} commands each`, async () => {
    const spec = demoFleetSpec({ hosts: HOSTS });
    const cpuBefore = cpuMs(child.pid!);
    const rssBefore = rssMiB(child.pid!);
    const started = performance.now();
    let peakRss = rssBefore;
    const scanSite = async (dc: string) => {
      const bastion = await connect({ host: '127.0.0.1', port: ready.bastions.find((each) => each.dc === dc)!.port, privateKeyPath: ready.clientKeyPath });
      const queue = spec.hosts.filter((host) => host.dc === dc);
      const open: Connected[] = [];
      const worker = async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          const host = await connectHost(bastion.client, next.address, ready.clientKeyPath, { readyTimeout: 30_000 });
          open.push(host);
          const commands = next.os === 'debian' ? DEBIAN_COMMANDS : SMARTOS_COMMANDS;
          const results = await Promise.all(commands.map((command) => exec(host.client, command)));
          expect(results.every((result) => result.code === 0 || next.problems.includes('sudo-needs-password'))).toBe(true);
          peakRss = Math.max(peakRss, rssMiB(child.pid!));
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY_PER_BASTION }, worker));
      for (const host of open) host.client.end();
      bastion.client.end();
    };
    await Promise.all(['nj', 'sea'].map(scanSite));
    const wall = performance.now() - started;
    const simulatorCpu = cpuMs(child.pid!) - cpuBefore;
    console.log(
      `[demo-fleet cost] scan of ${HOSTS} hosts x 6 commands: ${(wall / 1000).toFixed(1)} s wall, simulator CPU ${(simulatorCpu / 1000).toFixed(1)} s ` +
        `(${(simulatorCpu / HOSTS).toFixed(1)} ms/host incl. the host's SSH handshake, server side), simulator RSS ${rssBefore.toFixed(0)} -> peak ${peakRss.toFixed(0)} MiB ` +
        `(${(((peakRss - rssBefore) / HOSTS) * 1024).toFixed(0)} KiB/host with all connections open)`,
    );
    expect(wall).toBeLessThan(HOSTS * 100);
  }, 600_000);
});
