// Stored scan history for report tests, written through the real store with
// times the test chooses (a controllable clock): a two-site inventory, and
// scan runs whose hosts carry the findings given.
import type { FindingView, HostScanDetail, Severity } from '../../preload/contract';
import { parseInventory } from '../../main/engine/inventory/parse-inventory';
import type { Inventory } from '../../main/engine/inventory/inventory-schema';
import type { ScanStore } from '../../main/engine/store/scan-store';

export const REPORT_INVENTORY_YAML = [
  'datacentres:',
  '  - { id: nj, name: "Bridgewater, NJ", role: primary }',
  '  - { id: sea, name: "Seattle, WA", role: secondary }',
  'defaults: { user: ops }',
  'hosts:',
  '  - { name: db1.nj, address: 10.1.0.31, os: debian, dc: nj }',
  '  - { name: db1.sea, address: 10.2.0.31, os: debian, dc: sea }',
].join('\n');

export function reportInventory(): Inventory {
  const parsed = parseInventory(REPORT_INVENTORY_YAML, 'fleet.yaml');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.inventory;
}

export function portFinding(host: string, dc: string, port: number, severity: Severity = 'high', title = `tcp/${port} open to any address`): FindingView {
  return {
    id: `firewall.port-beyond-baseline:${host}:tcp/${port}`,
    host,
    dc,
    area: 'firewall',
    control: 'necessaryCommunications',
    severity,
    title,
    detail: `tcp/${port} accepted from any address`,
    evidence: { commandIds: ['nft-ruleset'], excerpt: [`tcp dport ${port} accept`] },
  };
}

/** A host's answered result at `at`: its findings, facts (a placeholder per area unless given) and one raw output of `nft -j`. */
export function answeredResult(runId: string, at: string, host: { host: string; dc: string; findings: FindingView[]; stdout?: string; facts?: Record<string, unknown> }): HostScanDetail {
  return {
    runId,
    host: host.host,
    dc: host.dc,
    phase: 'done',
    reason: null,
    startedAt: at,
    finishedAt: at,
    identity: null,
    detectedOs: 'debian',
    findingCounts: {},
    findings: host.findings,
    facts: host.facts ?? { firewall: { ok: true }, encryption: { ok: true }, patches: { ok: true }, backups: { ok: true } },
    outputs: [
      {
        id: 'nft-ruleset',
        command: 'LC_ALL=C nft -j list ruleset',
        exitCode: 0,
        stdout: host.stdout ?? '{"nftables": []}',
        stderr: '',
        durationMs: 12,
        error: null,
        stdoutBytes: 0,
        stderrBytes: 0,
        truncated: null,
      },
    ],
  };
}

/** One finished scan run at `at` in which every host answered with its findings and one raw output. */
export async function storeScan(scans: ScanStore, runId: string, at: string, hosts: { host: string; dc: string; findings: FindingView[]; stdout?: string }[]): Promise<void> {
  await scans.beginRun({ runId, startedAt: at, scope: { kind: 'fleet' }, operator: 'test', fleet: 'fleet.yaml', total: hosts.length });
  for (const host of hosts) await scans.saveHostResult(answeredResult(runId, at, host));
  await scans.finishRun(runId, { finishedAt: at, ok: hosts.length, failed: 0, cancelled: false });
}
