// Benchmark of the team store (issue 21): the same writes and reads on the
// embedded PGlite store and on a real PostgreSQL server (started here, as
// the tests do: initdb and pg_ctl as the postgres user, fsync on), side by
// side. 1. Writing one --hosts-host scan (each host one transaction with its
// findings, facts and a 2 KB raw output, 16 hosts at a time as a scan
// writes them). 2. The status page's query (the status report) over --days
// days of that fleet's history, one scan a day, median of 5.
// Targets: PostgreSQL within 2× of PGlite for the write; the status page
// under 300 ms on both. Run: npm run bench:store [-- --hosts N --days N]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseInventory } from '../../main/engine/inventory/parse-inventory';
import type { Inventory } from '../../main/engine/inventory/inventory-schema';
import { buildStatusReport, type StatusReportSources } from '../../main/engine/reports/status-report';
import { openEmbeddedStore } from '../../main/engine/store/open-store';
import { openPostgresClient } from '../../main/engine/store/postgres-client';
import { ReportStore } from '../../main/engine/store/report-store';
import { RestoreTestStore } from '../../main/engine/store/restore-test-store';
import { ScanStore } from '../../main/engine/store/scan-store';
import type { SqlClient } from '../../main/engine/store/sql-client';
import { initTeamStore } from '../../main/engine/store/team-store-admin';
import { answeredResult, portFinding } from '../support/report-history';
import { startRealPostgres } from '../support/real-postgres';

const arg = (name: string, fallback: number) => {
  const index = process.argv.indexOf(name);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const HOSTS = arg('--hosts', 1000);
const DAYS = arg('--days', 90);
const WRITERS = 16;
const DAY_MS = 86_400_000;

function inventoryOf(hosts: number): Inventory {
  const lines = ['datacentres:', '  - { id: nj, name: "Bridgewater, NJ", role: primary }', '  - { id: sea, name: "Seattle, WA", role: secondary }', 'defaults: { user: ops }', 'hosts:'];
  for (let index = 0; index < hosts; index++)
    lines.push(`  - { name: h${index}.${index % 2 ? 'sea' : 'nj'}, address: 10.${index % 2 ? 2 : 1}.${Math.floor(index / 250)}.${index % 250}, os: debian, dc: ${index % 2 ? 'sea' : 'nj'} }`);
  const parsed = parseInventory(lines.join('\n'), 'bench.yaml');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems.slice(0, 3)));
  return parsed.inventory;
}

/** One scan of every host at `at`, 16 hosts written at a time; the day changes the output a little, as a real fleet's does. */
async function writeScan(scans: ScanStore, runId: string, at: string, day: number): Promise<void> {
  await scans.beginRun({ runId, startedAt: at, scope: { kind: 'fleet' }, operator: 'bench', fleet: 'bench.yaml', total: HOSTS });
  let next = 0;
  const writer = async () => {
    for (let index = next++; index < HOSTS; index = next++) {
      const host = `h${index}.${index % 2 ? 'sea' : 'nj'}`;
      const dc = index % 2 ? 'sea' : 'nj';
      const findings = (index + day) % 7 === 0 ? [portFinding(host, dc, 5432), portFinding(host, dc, 6379, 'medium')] : [];
      await scans.saveHostResult(
        answeredResult(runId, at, {
          host,
          dc,
          findings,
          facts: { firewall: { rules: 40 + (index % 5) }, patches: { pending: (index + day) % 3, collectedAt: at } },
          stdout: `{"nftables": [${'{"rule": "tcp dport 22 accept"},'.repeat(60)}{"day": ${day % 3}}]}`,
        }),
      );
    }
  };
  await Promise.all(Array.from({ length: WRITERS }, writer));
  await scans.finishRun(runId, { finishedAt: at, ok: HOSTS, failed: 0, cancelled: false });
}

async function measure(sql: SqlClient): Promise<{ writeMs: number; fillS: number; statusMs: number; findings: number }> {
  const scans = new ScanStore(sql);
  const now = Date.now();
  const writeStart = performance.now();
  await writeScan(scans, 'day-0', new Date(now).toISOString(), 0);
  const writeMs = performance.now() - writeStart;
  const fillStart = performance.now();
  for (let day = 1; day < DAYS; day++) await writeScan(scans, `day-${day}`, new Date(now - day * DAY_MS).toISOString(), day);
  const fillS = (performance.now() - fillStart) / 1000;
  // As the app leaves it: the embedded store's retention pass after each scan analyzes, a server's autovacuum does.
  await sql.exec('ANALYZE host_result_rows, scan_runs');
  const inventory = inventoryOf(HOSTS);
  const sources: StatusReportSources = {
    reports: new ReportStore(sql),
    restoreTests: new RestoreTestStore(sql),
    fleet: () => ({ inventory, label: 'bench.yaml', simulated: false }),
    audit: async () => ({ status: 'holds', detail: 'bench', anchor: null, at: new Date().toISOString() }),
    now: () => new Date(now + 60_000),
  };
  const times: number[] = [];
  let findings = 0;
  for (let round = 0; round < 5; round++) {
    const start = performance.now();
    findings = (await buildStatusReport(sources)).findings.length;
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { writeMs, fillS, statusMs: times[2]!, findings };
}

const dir = await mkdtemp(join(tmpdir(), 'opsdeck-bench-store-'));
const embedded = await openEmbeddedStore(dir);
let pglite: Awaited<ReturnType<typeof measure>>;
try {
  pglite = await measure(embedded.sql);
} finally {
  await embedded.close();
  await rm(dir, { recursive: true, force: true });
}
const server = await startRealPostgres();
let postgres: Awaited<ReturnType<typeof measure>>;
try {
  await server.createDatabase('bench');
  await initTeamStore(server.url('bench'));
  const sql = await openPostgresClient(server.url('bench'), { maxConnections: WRITERS });
  try {
    postgres = await measure(sql);
  } finally {
    await sql.close();
  }
} finally {
  await server.stop();
}

const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : '-');
console.log(`store bench: ${HOSTS} hosts, ${DAYS} days of history (one scan a day), ${WRITERS} writers; PostgreSQL 15 local (TCP, fsync on) against PGlite`);
console.log(`| measure | PGlite | PostgreSQL | PostgreSQL ÷ PGlite | target |`);
console.log(`| --- | ---: | ---: | ---: | --- |`);
console.log(`| write one ${HOSTS}-host scan | ${pglite.writeMs.toFixed(0)} ms | ${postgres.writeMs.toFixed(0)} ms | ${ratio(postgres.writeMs, pglite.writeMs)} | PostgreSQL ≤ 2× PGlite |`);
console.log(
  `| status page (status report), ${DAYS} days, median of 5 | ${pglite.statusMs.toFixed(0)} ms | ${postgres.statusMs.toFixed(0)} ms | ${ratio(postgres.statusMs, pglite.statusMs)} | < 300 ms on both |`,
);
console.log(`| fill the other ${DAYS - 1} days (setup) | ${pglite.fillS.toFixed(0)} s | ${postgres.fillS.toFixed(0)} s | ${ratio(postgres.fillS, pglite.fillS)} | — |`);
console.log(`| findings in the report (check: equal) | ${pglite.findings} | ${postgres.findings} | | |`);
