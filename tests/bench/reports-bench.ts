// Benchmark of the status report and the evidence pack: a fleet of --hosts
// hosts over two sites with --scans stored scans (defaults 1,000 and 30),
// against a baseline of one stored scan, side by side: time to build the
// HTML report, to build and verify the pack, and the peak RSS — in this
// process (which also filled the store, so its PGlite heap is the fill's),
// and as a user runs them: `opsdeck report` and `opsdeck evidence pack` as
// their own processes on the filled store, under /usr/bin/time.
// Run: npm run bench:reports [-- --hosts N --scans N]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseInventory } from '../../main/engine/inventory/parse-inventory';
import type { Inventory } from '../../main/engine/inventory/inventory-schema';
import { evidenceSigningKey } from '../../main/engine/reports/evidence-key';
import { buildEvidencePack, verifyEvidenceZip } from '../../main/engine/reports/evidence-pack';
import { reportHtml } from '../../main/engine/reports/report-html';
import { buildStatusReport, type StatusReportSources } from '../../main/engine/reports/status-report';
import { MemorySecretStore } from '../../main/engine/secrets/memory-secret-store';
import { openEmbeddedStore, type OpenedStore } from '../../main/engine/store/open-store';
import { ReportStore } from '../../main/engine/store/report-store';
import { portFinding, storeScan } from '../support/report-history';

const arg = (name: string, fallback: number) => {
  const index = process.argv.indexOf(name);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const HOSTS = arg('--hosts', 1000);
const SCANS = arg('--scans', 30);

function inventoryYaml(hosts: number): string {
  const lines = ['datacentres:', '  - { id: nj, name: "Bridgewater, NJ", role: primary }', '  - { id: sea, name: "Seattle, WA", role: secondary }', 'defaults: { user: ops }', 'hosts:'];
  for (let index = 0; index < hosts; index++)
    lines.push(`  - { name: h${index}.${index % 2 ? 'sea' : 'nj'}, address: 10.${index % 2 ? 2 : 1}.${Math.floor(index / 250)}.${index % 250}, os: debian, dc: ${index % 2 ? 'sea' : 'nj'} }`);
  return `${lines.join('\n')}\n`;
}

function inventoryOf(hosts: number): Inventory {
  const parsed = parseInventory(inventoryYaml(hosts), 'bench.yaml');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems.slice(0, 3)));
  return parsed.inventory;
}

async function fill(store: OpenedStore, hosts: number, scans: number): Promise<void> {
  const start = Date.now() - scans * 6 * 3_600_000;
  for (let scan = 0; scan < scans; scan++) {
    const at = new Date(start + scan * 6 * 3_600_000).toISOString();
    const results = [];
    for (let index = 0; index < hosts; index++) {
      const host = `h${index}.${index % 2 ? 'sea' : 'nj'}`;
      const dc = index % 2 ? 'sea' : 'nj';
      const findings = (index + scan) % 7 === 0 ? [portFinding(host, dc, 5432), portFinding(host, dc, 6379, 'medium')] : [];
      results.push({ host, dc, findings, stdout: `{"nftables": [${'{"rule": "tcp dport 22 accept"},'.repeat(40)}{}]}` });
    }
    await storeScan(store.scans, `run-${scan}`, at, results);
  }
}

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);

async function measure(scans: number): Promise<Record<string, number>> {
  const dir = await mkdtemp(join(tmpdir(), 'opsdeck-bench-reports-'));
  const store = await openEmbeddedStore(dir);
  try {
    const fillStart = performance.now();
    await fill(store, HOSTS, scans);
    const fillMs = performance.now() - fillStart;
    const inventory = inventoryOf(HOSTS);
    const sources: StatusReportSources = {
      reports: new ReportStore(store.sql),
      restoreTests: store.restoreTests,
      fleet: () => ({ inventory, label: 'bench.yaml', simulated: false }),
      audit: async () => ({ status: 'holds', detail: 'bench', anchor: null, at: new Date().toISOString() }),
      now: () => new Date(),
    };
    global.gc?.();
    peakRss = process.memoryUsage().rss;
    let start = performance.now();
    const data = await buildStatusReport(sources);
    const html = reportHtml(data.view, data.findings);
    const htmlMs = performance.now() - start;
    start = performance.now();
    const key = await evidenceSigningKey(new MemorySecretStore(), { oneTime: false });
    const pack = await buildEvidencePack({ data, reports: sources.reports, restoreTests: store.restoreTests, auditPath: join(dir, 'none.log'), since: null, key });
    const packMs = performance.now() - start;
    start = performance.now();
    const verdict = verifyEvidenceZip(pack.zip, key.publicKey);
    const verifyMs = performance.now() - start;
    if (!verdict.ok) throw new Error('the bench pack did not verify');
    await store.close();
    const cli = await asAUserRunsIt(dir);
    return {
      ...cli,
      fillMs,
      htmlMs,
      htmlKiB: html.length / 1024,
      packMs,
      packKiB: pack.zip.length / 1024,
      verifyMs,
      peakMiB: peakRss / 1024 / 1024,
      findings: data.findings.length,
      trendPoints: data.view.trend.length,
    };
  } finally {
    await store.close().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}

const CLI = join(process.cwd(), 'out', 'main', 'cli.js');

/** `opsdeck report --format html` and `opsdeck evidence pack` on the filled store, each its own process: wall time and peak RSS from /usr/bin/time. */
async function asAUserRunsIt(dir: string): Promise<Record<string, number>> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: npm run bench:reports builds it first`);
  if (!existsSync('/usr/bin/time')) throw new Error("/usr/bin/time is missing: install Debian's time package");
  const inventory = join(dir, 'bench.yaml');
  await writeFile(inventory, inventoryYaml(HOSTS));
  const run = (args: string[]) => {
    const start = performance.now();
    const result = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, CLI, ...args, '--inventory', inventory, '--data-dir', dir], { encoding: 'utf8' });
    const ms = performance.now() - start;
    if (result.status !== 0 && result.status !== 1) throw new Error(`opsdeck ${args.join(' ')} exited ${result.status}: ${result.stderr.slice(-500)}`);
    const kib = Number(result.stderr.trim().split('\n').at(-1));
    return { ms, mib: kib / 1024 };
  };
  const report = run(['report', '--format', 'html', '--out', join(dir, 'report')]);
  const pack = run(['evidence', 'pack', '--out', join(dir, 'pack.zip'), '--one-time-key']);
  return { cliReportMs: report.ms, cliReportMiB: report.mib, cliPackMs: pack.ms, cliPackMiB: pack.mib };
}

const baseline = await measure(1);
const full = await measure(SCANS);
clearInterval(sampler);
const rows: [string, string, (value: number) => string][] = [
  ['store filled (setup)', 'fillMs', (value) => `${(value / 1000).toFixed(1)} s`],
  ['status report + HTML', 'htmlMs', (value) => `${(value / 1000).toFixed(2)} s`],
  ['HTML size', 'htmlKiB', (value) => `${value.toFixed(0)} KiB`],
  ['evidence pack', 'packMs', (value) => `${(value / 1000).toFixed(2)} s`],
  ['pack size', 'packKiB', (value) => `${value.toFixed(0)} KiB`],
  ['verify', 'verifyMs', (value) => `${(value / 1000).toFixed(2)} s`],
  ['peak process RSS (PGlite WASM incl.)', 'peakMiB', (value) => `${value.toFixed(0)} MiB`],
  ['opsdeck report --format html (own process)', 'cliReportMs', (value) => `${(value / 1000).toFixed(2)} s`],
  ['  its peak RSS', 'cliReportMiB', (value) => `${value.toFixed(0)} MiB`],
  ['opsdeck evidence pack (own process)', 'cliPackMs', (value) => `${(value / 1000).toFixed(2)} s`],
  ['  its peak RSS', 'cliPackMiB', (value) => `${value.toFixed(0)} MiB`],
  ['trend points', 'trendPoints', (value) => String(value)],
];
console.log(`reports bench: ${HOSTS} hosts, baseline 1 stored scan vs ${SCANS} stored scans (targets: HTML < 3 s, pack < 10 s, memory < 500 MB)`);
console.log(`${'measure'.padEnd(34)} ${'1 scan'.padStart(12)} ${`${SCANS} scans`.padStart(12)} ${'ratio'.padStart(8)}`);
for (const [label, field, format] of rows) {
  const ratio = baseline[field]! > 0 ? (full[field]! / baseline[field]!).toFixed(2) : '-';
  console.log(`${label.padEnd(34)} ${format(baseline[field]!).padStart(12)} ${format(full[field]!).padStart(12)} ${ratio.padStart(8)}`);
}
