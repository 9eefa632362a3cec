// bench:backups — issue 15's two speed targets, measured in one run; prints
// tables and fails loudly only when a run is wrong (a restore test that did
// not match every file, a host that did not answer), never on a figure.
//
//   npm run bench:backups -- [--rounds 3] [--mb 200] [--files 32] [--hosts 24] [--scan-rounds 15] [--only restore|scan]
//
// A. Restore test against doing it by hand: ~200 MB of random files backed
//    up with the real restic into a real repository, a private sshd on
//    loopback; each round runs OpsDeck's restore test (RestoreTestService,
//    the code behind "Run restore test" and `opsdeck restore-test`, with the
//    real audit log) sampling every file, and the manual way over the same
//    kind of SSH connection: `restic restore latest --target SCRATCH
//    --include F…`, `sha256sum` of the restored and the live copies, `rm -rf
//    SCRATCH` — three commands, as an operator would type them. The order
//    alternates each round. Target: OpsDeck within 1.2× of the manual way.
// B. Collection cost: a scan of the in-process demo fleet (ScanService over
//    SshPool, the real audit log, a fresh pool per scan so every scan
//    connects) with all areas, against the same scan without the backups
//    area (ScanService's own `areas` option; no production change), order
//    alternating, after one unmeasured warm-up of each. Target: < 10 %.
//    Beside it, the backups commands' share of all command time within the
//    full scans (commands run in parallel, so that share is not wall time).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, open, readdir, rm, writeFile } from 'node:fs/promises';
import { randomFillSync } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditLog } from '../../main/engine/audit/audit-log';
import { AREAS } from '../../main/engine/areas/area-registry';
import { backupsArea } from '../../main/engine/areas/backups-area';
import { RestoreTestService } from '../../main/engine/backups/restore-test-service';
import type { RestoreTestEvidence } from '../../main/engine/backups/restore-test-evidence';
import { shellQuote } from '../../main/engine/collectors/backups/backup-commands';
import { demoFleetSpec } from '../../main/engine/demo-fleet/demo-fleet-spec';
import { demoKnownHosts } from '../../main/engine/demo-fleet/demo-known-hosts';
import { startDemoFleet } from '../../main/engine/demo-fleet/demo-ssh-server';
import { EngineEvents } from '../../main/engine/dispatch/engine-events';
import { scanTargets } from '../../main/engine/fleet/scan-targets';
import { parseInventory } from '../../main/engine/inventory/parse-inventory';
import type { HostPolicy } from '../../main/engine/posture/host-context';
import { commandAuditFor } from '../../main/engine/scan/audit-log-adapters';
import { ScanService } from '../../main/engine/scan/scan-service';
import type { ScanTarget } from '../../main/engine/scan/scan-target';
import { MemorySecretStore } from '../../main/engine/secrets/memory-secret-store';
import { HostKeyStore } from '../../main/engine/ssh/host-key-store';
import { SshPool } from '../../main/engine/ssh/ssh-pool';
import type { SshRoute } from '../../main/engine/ssh/ssh-route';
import { backupJob } from '../support/backup-job';
import { generateKey, startPrivateSshd } from '../support/private-sshd';

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1]! : fallback;
}
function count(name: string, fallback: number): number {
  const value = Number(option(name, String(fallback)));
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a whole number of at least 1, got ${JSON.stringify(option(name, ''))}`);
  return value;
}

const ROUNDS = count('rounds', 3);
const TOTAL_MB = count('mb', 200);
const FILES = count('files', 32);
const HOSTS = count('hosts', 24);
const SCAN_ROUNDS = count('scan-rounds', 15);
const ONLY = option('only', 'both');
if (!['both', 'restore', 'scan'].includes(ONLY)) throw new Error(`--only must be restore or scan, got ${JSON.stringify(ONLY)}`);
const RESTORE_TARGET = 1.2;
const COLLECTION_TARGET = 0.1;
const RESTIC = '/usr/bin/restic';
/** Where the manual restore goes: the same disk-backed parent as OpsDeck's scratch directories. */
const MANUAL_SCRATCH_PARENT = '/var/tmp';

const prompter = { confirmUnknownHostKey: async () => false, keyboardInteractive: async () => null, keyPassphrase: async () => null };
const operator = { login: 'bench', displayName: 'bench:backups' };

interface Stats {
  median: number;
  min: number;
  max: number;
}
function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}
const percent = (fraction: number) => `${(fraction * 100).toFixed(1)} %`;
const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
const loadAverage = () =>
  spawnSync('uptime', { encoding: 'utf8' })
    .stdout.trim()
    .replace(/^.*load average: /, '');

function sh(command: string, env: Record<string, string> = {}): void {
  const result = spawnSync('sh', ['-c', command], { env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${command}: ${result.stderr}`);
}

/** `files` files of random bytes, sizes 1..files parts of the total (so from ~0.4 MB to ~12 MB for 32 files, 200 MB). */
async function writeLiveData(live: string, totalBytes: number, files: number): Promise<{ path: string; bytes: number }[]> {
  await mkdir(live, { recursive: true });
  const parts = (files * (files + 1)) / 2;
  const chunk = Buffer.alloc(1 << 20);
  const written: { path: string; bytes: number }[] = [];
  for (let index = 0; index < files; index++) {
    const bytes = Math.floor((totalBytes * (index + 1)) / parts);
    const path = join(live, `mailbox-${String(index).padStart(2, '0')}.bin`);
    const handle = await open(path, 'w');
    for (let left = bytes; left > 0; left -= chunk.length) {
      randomFillSync(chunk);
      await handle.write(chunk, 0, Math.min(left, chunk.length));
    }
    await handle.close();
    written.push({ path, bytes });
  }
  return written;
}

async function restoreBench(): Promise<string[]> {
  for (const tool of [RESTIC, '/usr/sbin/sshd']) if (!existsSync(tool)) throw new Error(`${tool} is missing: install Debian's ${tool.endsWith('restic') ? 'restic' : 'openssh-server'} package`);
  const dir = await mkdtemp(join(tmpdir(), 'opsdeck-backups-bench-'));
  const live = join(dir, 'live');
  const repo = join(dir, 'restic-repo');
  const passwordFile = join(dir, 'restic.password');
  const envFile = join(dir, 'restic.env');
  let server: Awaited<ReturnType<typeof startPrivateSshd>> | null = null;
  let pool: SshPool | null = null;
  let service: RestoreTestService | null = null;
  let audit: AuditLog | null = null;
  const manualScratchPrefix = `bench-manual-restore.${process.pid}.`;
  try {
    process.stderr.write(`writing ${FILES} files, ${TOTAL_MB} MB of random bytes, and backing them up with restic…\n`);
    const files = await writeLiveData(live, TOTAL_MB * 1e6, FILES);
    const liveBytes = files.reduce((sum, file) => sum + file.bytes, 0);
    await writeFile(passwordFile, 'bench-secret\n', { mode: 0o600 });
    await writeFile(envFile, `RESTIC_REPOSITORY=${repo}\nRESTIC_PASSWORD_FILE=${passwordFile}\n`);
    const resticEnv = { RESTIC_REPOSITORY: repo, RESTIC_PASSWORD_FILE: passwordFile };
    sh('restic init -q', resticEnv);
    sh(`restic backup -q ${shellQuote(live)}`, resticEnv);

    const publicKey = await generateKey(join(dir, 'id_ed25519'));
    server = await startPrivateSshd({ authorizedKeys: [publicKey] });
    await writeFile(join(dir, 'known_hosts'), `[127.0.0.1]:${server.port} ${server.hostPublicKey.split(' ').slice(0, 2).join(' ')}\n`);
    pool = new SshPool({ hostKeys: new HostKeyStore({ opsdeckKnownHostsPath: join(dir, 'known_hosts') }), prompter, secrets: new MemorySecretStore() });
    audit = await AuditLog.open(join(dir, 'audit.log'), operator, { secrets: new MemorySecretStore() });
    const auditLog = audit;
    const job = backupJob('restic', { envFile, paths: [live], restoreTestSample: FILES });
    const policy: HostPolicy = { roles: [], allowedPorts: [], patchSlaHours: 24, backupRpoHours: 24, restoreTestMaxAgeDays: 30, platformImageMaxAgeDays: 180, backups: [job] };
    const route: SshRoute = { target: { label: 'backup-host', address: '127.0.0.1', port: server.port, user: 'root', identityFile: join(dir, 'id_ed25519') }, jumps: [] };
    const target: ScanTarget = { name: 'backup-host', dc: 'nj', address: '127.0.0.1', os: 'debian', roles: [], useSudo: false, siteRole: 'primary', policy, route };
    service = new RestoreTestService({
      executor: pool,
      audit: commandAuditFor(auditLog),
      events: new EngineEvents(),
      operator: operator.login,
      // The engine saves evidence to its store; the bench keeps it in memory.
      save: async () => undefined,
      record: async (kind, details) => {
        await auditLog.append(kind, details);
      },
    });
    const restoreService = service;
    const sshPool = pool;

    const opsdeckRound = async (): Promise<{ ms: number; evidence: RestoreTestEvidence }> => {
      const started = performance.now();
      const { done } = await restoreService.start(target, FILES);
      const evidence = await done;
      const ms = performance.now() - started;
      if (evidence.outcome !== 'passed' || evidence.counts.matched !== files.length || evidence.files.length !== files.length) {
        throw new Error(
          `OpsDeck's restore test did not match every file: ${evidence.outcome}, ${evidence.reason ?? ''} ${JSON.stringify(evidence.counts)} (${evidence.files.length} of ${files.length} files)`,
        );
      }
      return { ms, evidence };
    };

    const exec = async (what: string, command: string): Promise<string> => {
      const result = await sshPool.exec(route, command, { timeoutMs: 15 * 60_000 });
      if (result.exitCode !== 0) throw new Error(`manual ${what} exited ${result.exitCode ?? `by signal ${result.signal}`}: ${result.stderr}`);
      return result.stdout;
    };
    const withEnv = `env RESTIC_REPOSITORY=${shellQuote(repo)} RESTIC_PASSWORD_FILE=${shellQuote(passwordFile)}`;
    let manualRound = 0;
    const manualSteps = new Map<string, number[]>();
    const timedExec = async (what: string, command: string): Promise<string> => {
      const started = performance.now();
      const stdout = await exec(what, command);
      manualSteps.set(what, [...(manualSteps.get(what) ?? []), performance.now() - started]);
      return stdout;
    };
    const manual = async (): Promise<number> => {
      const scratch = join(MANUAL_SCRATCH_PARENT, `${manualScratchPrefix}${manualRound++}`);
      const started = performance.now();
      await timedExec('restic restore', `${withEnv} restic restore latest --target ${shellQuote(scratch)} ${files.map((file) => `--include ${shellQuote(file.path)}`).join(' ')}`);
      const hashed = await timedExec('sha256sum', `sha256sum ${files.flatMap((file) => [shellQuote(scratch + file.path), shellQuote(file.path)]).join(' ')}`);
      await timedExec('rm -rf', `rm -rf ${shellQuote(scratch)}`);
      const ms = performance.now() - started;
      const lines = hashed.trim().split('\n');
      const digests = new Map(lines.map((line) => [line.slice(66), line.slice(0, 64)]));
      const mismatched = files.filter((file) => !digests.get(scratch + file.path) || digests.get(scratch + file.path) !== digests.get(file.path));
      if (lines.length !== files.length * 2 || mismatched.length > 0) throw new Error(`the manual restore did not match: ${mismatched.map((file) => file.path).join(', ')}`);
      return ms;
    };

    const opsdeckMs: number[] = [];
    const manualMs: number[] = [];
    const evidences: RestoreTestEvidence[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? ['opsdeck', 'manual'] : ['manual', 'opsdeck'];
      for (const side of order) {
        if (side === 'opsdeck') {
          const { ms, evidence } = await opsdeckRound();
          opsdeckMs.push(ms);
          evidences.push(evidence);
        } else {
          manualMs.push(await manual());
        }
      }
      process.stderr.write(`restore round ${round + 1}/${ROUNDS}: OpsDeck ${opsdeckMs.at(-1)!.toFixed(0)} ms, manual ${manualMs.at(-1)!.toFixed(0)} ms\n`);
    }
    const last = evidences.at(-1)!;
    const o = stats(opsdeckMs);
    const m = stats(manualMs);
    const ratio = o.median / m.median;
    const steps = new Map<string, number[]>();
    for (const evidence of evidences) for (const command of evidence.commands) steps.set(command.id, [...(steps.get(command.id) ?? []), command.durationMs]);
    const breakdown = (timings: Map<string, number[]>) => [...timings].map(([id, times]) => `${id} ${stats(times).median.toFixed(0)}`).join(', ');
    const paired = stats(opsdeckMs.map((ms, index) => ms / manualMs[index]!)).median;
    return [
      `\nA. Restore test of ${files.length} files, ${mb(liveBytes)} MB (sizes ${mb(files[0]!.bytes)}–${mb(files.at(-1)!.bytes)} MB), real restic ${resticVersion()} over SSH to a private sshd on loopback; ${ROUNDS} rounds each, order alternating; load average at the end: ${loadAverage()}`,
      `Median ms per command — OpsDeck: ${breakdown(steps)}; manual: ${breakdown(manualSteps)}. Median of the per-round ratios: ${paired.toFixed(2)}. OpsDeck's restic uses a fresh cache in its scratch directory each test (nothing written outside it); the manual restic keeps its usual cache in ~/.cache/restic.`,
      `OpsDeck sampled ${last.files.length} of ${files.length} files (restore_test_sample = ${FILES}, no canaries), ${mb(last.bytes)} MB restored and hashed; every round all "matched".`,
      '',
      '| way | files | MB | median ms | min ms | max ms | vs manual | within 1.2× |',
      '|---|---:|---:|---:|---:|---:|---:|:---|',
      `| manual: restic restore latest --include …, sha256sum both sides, rm -rf (3 SSH commands) | ${files.length} | ${mb(liveBytes)} | ${m.median.toFixed(0)} | ${m.min.toFixed(0)} | ${m.max.toFixed(0)} | 1.00 | — |`,
      `| OpsDeck restore test (${last.commands.map((command) => command.id.replace(/^restore-test\./, '')).join(', ')}; audited) | ${last.files.length} | ${mb(last.bytes)} | ${o.median.toFixed(0)} | ${o.min.toFixed(0)} | ${o.max.toFixed(0)} | ${ratio.toFixed(2)} | ${ratio <= RESTORE_TARGET ? 'yes' : 'NO'} |`,
    ];
  } finally {
    await service?.dispose();
    await pool?.dispose();
    await audit?.close();
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
    // A manual round that failed half-way leaves its scratch directory.
    for (const name of await readdir(MANUAL_SCRATCH_PARENT)) if (name.startsWith(manualScratchPrefix)) await rm(join(MANUAL_SCRATCH_PARENT, name), { recursive: true, force: true });
  }
}

function resticVersion(): string {
  return spawnSync(RESTIC, ['version'], { encoding: 'utf8' }).stdout.split(' ')[1] ?? '?';
}

interface ScanMeasure {
  ms: number;
  /** This process's CPU (the scanner and the in-process demo fleet answering it). */
  cpuMs: number;
  backupsCommandMs: number;
  allCommandMs: number;
  backupsCommands: number;
}

async function scanBench(): Promise<string[]> {
  const spec = demoFleetSpec({ hosts: HOSTS });
  const dir = await mkdtemp(join(tmpdir(), 'opsdeck-backups-scan-bench-'));
  const fleet = await startDemoFleet({ spec, now: new Date(), dataDir: join(dir, 'demo') }).catch(async (error: unknown) => {
    await rm(dir, { recursive: true, force: true });
    throw error;
  });
  let audit: AuditLog | null = null;
  try {
    const inventoryPath = join(dir, 'inventory.yaml');
    await writeFile(inventoryPath, fleet.inventoryYaml);
    await writeFile(join(dir, 'known_hosts'), demoKnownHosts(fleet));
    const parsed = parseInventory(fleet.inventoryYaml, inventoryPath);
    if (!parsed.ok) throw new Error(`demo inventory: ${parsed.problems[0]?.message}`);
    const targets = scanTargets(parsed.inventory, { kind: 'fleet' });
    const withBackups = targets.filter((target) => (target.policy.backups ?? []).length > 0 || (target.policy.replicaOf ?? []).length > 0).length;
    audit = await AuditLog.open(join(dir, 'audit.log'), operator, { secrets: new MemorySecretStore() });
    const auditLog = audit;
    const withoutBackups = AREAS.filter((area) => area !== backupsArea);

    const scan = async (areas: typeof AREAS): Promise<ScanMeasure> => {
      const pool = new SshPool({ hostKeys: new HostKeyStore({ opsdeckKnownHostsPath: join(dir, 'known_hosts') }), prompter, secrets: new MemorySecretStore() });
      const service = new ScanService({ executor: pool, audit: commandAuditFor(auditLog), events: new EngineEvents(), areas, hostKeyGate: pool, prompter });
      try {
        const cpuBefore = process.cpuUsage();
        const started = performance.now();
        const outcome = await service.start(targets).done;
        const ms = performance.now() - started;
        const cpu = process.cpuUsage(cpuBefore);
        const failed = outcome.results.filter((result) => result.phase !== 'done');
        if (failed.length > 0)
          throw new Error(
            `${failed.length} hosts did not answer: ${failed
              .slice(0, 3)
              .map((result) => `${result.host}: ${result.reason}`)
              .join('; ')}`,
          );
        const collected = outcome.results.filter((result) => result.facts.backups !== undefined).length;
        if (areas.includes(backupsArea) ? collected !== targets.length : collected !== 0)
          throw new Error(`backups facts on ${collected} of ${targets.length} hosts with areas ${areas.map((area) => area.area).join(',')}`);
        const outputs = outcome.results.flatMap((result) => result.outputs);
        const backups = outputs.filter((output) => output.id.startsWith('backups.'));
        return {
          ms,
          cpuMs: (cpu.user + cpu.system) / 1000,
          backupsCommandMs: backups.reduce((sum, output) => sum + output.durationMs, 0),
          allCommandMs: outputs.reduce((sum, output) => sum + output.durationMs, 0),
          backupsCommands: backups.length,
        };
      } finally {
        await service.dispose();
        await pool.dispose();
      }
    };

    process.stderr.write(`demo fleet of ${HOSTS} hosts: one warm-up scan each way…\n`);
    await scan(AREAS);
    await scan(withoutBackups);
    const full: ScanMeasure[] = [];
    const without: ScanMeasure[] = [];
    for (let round = 0; round < SCAN_ROUNDS; round++) {
      if (round % 2 === 0) {
        full.push(await scan(AREAS));
        without.push(await scan(withoutBackups));
      } else {
        without.push(await scan(withoutBackups));
        full.push(await scan(AREAS));
      }
      process.stderr.write(`scan round ${round + 1}/${SCAN_ROUNDS}: all areas ${full.at(-1)!.ms.toFixed(0)} ms, without backups ${without.at(-1)!.ms.toFixed(0)} ms\n`);
    }
    const f = stats(full.map((each) => each.ms));
    const w = stats(without.map((each) => each.ms));
    const added = f.median / w.median - 1;
    const pairedAdded = stats(full.map((each, index) => each.ms / without[index]!.ms - 1)).median;
    const fc = stats(full.map((each) => each.cpuMs));
    const wc = stats(without.map((each) => each.cpuMs));
    const cpuAdded = fc.median / wc.median - 1;
    const share = full.reduce((sum, each) => sum + each.backupsCommandMs, 0) / full.reduce((sum, each) => sum + each.allCommandMs, 0);
    return [
      `\nB. Collection cost: demo fleet of ${HOSTS} hosts (${withBackups} with a backup job or replica), in this process, over SSH through its bastions; ScanService with all areas against the same without the backups area (its \`areas\` option); fresh SSH pool per scan; ${SCAN_ROUNDS} rounds each after one warm-up, order alternating; load average at the end: ${loadAverage()}`,
      '',
      '| scan | median wall ms | min ms | max ms | median CPU ms (scanner + fleet) | backups commands per scan | wall added by backups (medians) | median of paired rounds | CPU added | under 10 % (wall medians) |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|:---|',
      `| without the backups area | ${w.median.toFixed(0)} | ${w.min.toFixed(0)} | ${w.max.toFixed(0)} | ${wc.median.toFixed(0)} | 0 | — | — | — | — |`,
      `| all areas | ${f.median.toFixed(0)} | ${f.min.toFixed(0)} | ${f.max.toFixed(0)} | ${fc.median.toFixed(0)} | ${full[0]!.backupsCommands} | ${percent(added)} | ${percent(pairedAdded)} | ${percent(cpuAdded)} | ${added < COLLECTION_TARGET ? 'yes' : 'NO'} |`,
      '',
      `Within the full scans, the backups commands took ${(share * 100).toFixed(1)} % of all command time (summed per command; commands run in parallel on each host, so this is not wall time).`,
    ];
  } finally {
    await audit?.close();
    await fleet.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

process.stderr.write(`bench:backups — load average at the start: ${loadAverage()}\n`);
const lines: string[] = [];
if (ONLY !== 'scan') lines.push(...(await restoreBench()));
if (ONLY !== 'restore') lines.push(...(await scanBench()));
console.log(lines.join('\n'));
