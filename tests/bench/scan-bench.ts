// bench:scan — OpsDeck's SSH scan against the OpenSSH client, same hosts,
// same commands, same concurrency, in one run. A host "answered" when every
// command ran (any exit status; ssh's own failure is exit 255). The demo fleet runs in its own
// process; each size gets a fresh fleet. Prints a table; asserts nothing.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HostKeyStore } from '../../main/engine/ssh/host-key-store';
import { SshPool } from '../../main/engine/ssh/ssh-pool';
import type { SshRoute } from '../../main/engine/ssh/ssh-route';
import { MemorySecretStore } from '../../main/engine/secrets/memory-secret-store';
import { demoFleetHosts, startDemoFleetChild, writeOpensshConfig, type DemoFleetChild } from './demo-fleet-child';

const SIZES = (process.argv[2] ?? '50,200,1000').split(',').map(Number);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const COMMANDS = ['hostname', 'uname -s', 'uname -r', 'cat /etc/os-release', 'cat /proc/uptime', 'ss -H -tulpn'].map((c) => `env LC_ALL=C ${c}`);

interface Measurement {
  wallS: number;
  cpuMs: number;
  peakRssMb: number | null;
  ok: number;
}

type Fleet = DemoFleetChild;

async function benchOpsdeck(fleet: Fleet, hosts: { name: string; route: SshRoute }[]): Promise<Measurement> {
  const pool = new SshPool({
    hostKeys: new HostKeyStore({ opsdeckKnownHostsPath: fleet.knownHostsPath }),
    prompter: {
      confirmUnknownHostKey: async () => false,
      keyboardInteractive: async () => null,
      keyPassphrase: async () => null,
    },
    secrets: new MemorySecretStore(),
  });
  globalThis.gc?.();
  const cpuBefore = process.cpuUsage();
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const started = performance.now();
  let ok = 0;
  const failures = new Set<string>();
  const queue = [...hosts];
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let host = queue.shift(); host; host = queue.shift()) {
        const results = await Promise.allSettled(COMMANDS.map((command) => pool.exec(host!.route, command, { timeoutMs: 30_000 })));
        if (results.every((result) => result.status === 'fulfilled')) ok++;
        for (const result of results) if (result.status === 'rejected') failures.add(String(result.reason?.message ?? result.reason));
      }
    }),
  );
  const wallS = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const cpu = process.cpuUsage(cpuBefore);
  await pool.dispose();
  for (const failure of [...failures].slice(0, 5)) process.stderr.write(`OpsDeck failure: ${failure}\n`);
  return { wallS, cpuMs: (cpu.user + cpu.system) / 1000, peakRssMb: peakRss / 1024 / 1024, ok };
}

async function benchOpenssh(fleet: Fleet, hosts: { name: string; route: SshRoute }[]): Promise<Measurement> {
  const controlDir = await mkdtemp(join('/tmp', 'odcm-'));
  const { config, bastionAliases } = await writeOpensshConfig(fleet, hosts, controlDir);
  const hostList = join(controlDir, 'hosts');
  await writeFile(hostList, hosts.map((host) => host.name).join('\n') + '\n');
  const script = [
    `xargs -P ${CONCURRENCY} -n 1 sh -c 'fail=0; for c in ${COMMANDS.map((c) => `"${c}"`).join(' ')}; do ssh -F ${config} "$0" "$c" >/dev/null 2>&1; [ $? -eq 255 ] && fail=1; done; [ $fail = 0 ] && echo ok' < ${hostList} > ${controlDir}/ok`,
    `for b in ${bastionAliases.join(' ')}; do ssh -F ${config} -O exit "$b" 2>/dev/null; done`,
    `for h in $(cat ${hostList}); do ssh -F ${config} -O exit "$h" 2>/dev/null; done`,
  ].join('\n');
  const started = performance.now();
  const run = spawnSync('/usr/bin/time', ['-f', '%U %S %M', 'bash', '-c', script], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const wallS = (performance.now() - started) / 1000;
  const [user, system] = (run.stderr.trim().split('\n').at(-1) ?? '0 0 0').split(' ').map(Number);
  const ok = (await readFile(join(controlDir, 'ok'), 'utf8')).split('\n').filter((line) => line === 'ok').length;
  await rm(controlDir, { recursive: true, force: true });
  return { wallS, cpuMs: ((user ?? 0) + (system ?? 0)) * 1000, peakRssMb: null, ok };
}

function row(cells: (string | number)[]): string {
  return `| ${cells.join(' | ')} |`;
}

const table: string[] = [
  row(['hosts', 'tool', 'answered', 'wall s', 'hosts/s', 'CPU ms/host', 'peak RSS MB', 'wall vs OpsDeck', 'CPU/host vs OpsDeck']),
  row(['---:', '---', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
];
for (const size of SIZES) {
  const fleet = await startDemoFleetChild(size);
  try {
    const hosts = await demoFleetHosts(fleet);
    const opsdeck = await benchOpsdeck(fleet, hosts);
    const openssh = await benchOpenssh(fleet, hosts);
    const perHost = (m: Measurement) => m.cpuMs / hosts.length;
    table.push(
      row([size, 'OpsDeck', opsdeck.ok, opsdeck.wallS.toFixed(2), (size / opsdeck.wallS).toFixed(0), perHost(opsdeck).toFixed(2), opsdeck.peakRssMb!.toFixed(0), '1.00', '1.00']),
      row([
        size,
        `OpenSSH ControlMaster + xargs -P ${CONCURRENCY}`,
        openssh.ok,
        openssh.wallS.toFixed(2),
        (size / openssh.wallS).toFixed(0),
        perHost(openssh).toFixed(2),
        '—',
        (openssh.wallS / opsdeck.wallS).toFixed(2),
        (perHost(openssh) / perHost(opsdeck)).toFixed(2),
      ]),
    );
    process.stderr.write(`${size} hosts done\n`);
  } finally {
    await fleet.stop();
  }
}
console.log(`\nbench:scan — ${COMMANDS.length} commands per host, concurrency ${CONCURRENCY}, demo fleet in its own process (2 bastions)\n`);
console.log(table.join('\n'));
