// The verifications a drill runs besides a plain command, each read-only and
// each leaving evidence in the run: `scan` (the posture scan of a site's
// hosts through the scan service, optionally through another site's bastion:
// the bastion-loss drill; the scan's results are then held as the run's
// evidence, so retention keeps what the run cites), `parity` (the secondary site's hosts against the
// primary's with the same roles, from stored facts) and `tcp-port` (a fixed `nc -z` from the host's site bastion, the
// address and port passed as quoted words, audited like every command).
import type { DrillVerification } from './drill-plan';
import { hostParity, type StoredHostFacts } from './host-parity';
import { quoteArgv } from './audited-step-runner';
import type { CommandAudit } from '../scan/command-audit';
import type { CommandExecutor } from '../scan/command-executor';
import type { ScanTarget } from '../scan/scan-target';
import { jumpRoute } from '../ssh/ssh-route';

export interface CheckEvidence {
  host: string;
  exitCode: number | null;
  text: string;
}

export interface CheckResult {
  passed: boolean;
  note: string;
  evidence: CheckEvidence[];
}

export interface DrillChecks {
  run(verify: Exclude<DrillVerification, { action: 'command' }>, auditRunId: string): Promise<CheckResult>;
}

export interface DrillChecksDeps {
  executor: CommandExecutor;
  audit: CommandAudit;
  targetFor(host: string): ScanTarget | null;
  siteTargets(site: string): ScanTarget[];
  latestFacts(host: string): Promise<StoredHostFacts>;
  /** Scans the targets through the scan service (recorded as a scan run); the hosts' phases when it ends. */
  scan(targets: ScanTarget[], site: string): Promise<{ runId: string; results: { host: string; phase: string }[] }>;
  /** Marks a stored scan result as evidence the drill run cites: retention keeps it. */
  holdEvidence(scanRunId: string, host: string, heldBy: string): Promise<void>;
}

const TCP_TIMEOUT_SECONDS = 5;

export function drillChecks(deps: DrillChecksDeps): DrillChecks {
  return {
    async run(verify, auditRunId) {
      switch (verify.action) {
        case 'scan':
          return scanSite(deps, verify.site, verify.via, auditRunId);
        case 'parity':
          return parity(deps, verify.primary, verify.secondary);
        case 'tcp-port':
          return tcpPort(deps, verify.host, verify.port, auditRunId);
      }
    },
  };
}

async function scanSite(deps: DrillChecksDeps, site: string, via: string | null, drillRunId: string): Promise<CheckResult> {
  const targets = deps.siteTargets(site);
  if (targets.length === 0) return { passed: false, note: `no hosts of site ${site} in the inventory`, evidence: [] };
  let routed = targets;
  if (via) {
    const bastion = deps
      .siteTargets(via)
      .map((target) => target.route.jumps.at(-1))
      .find((jump) => jump !== undefined);
    if (!bastion) return { passed: false, note: `site ${via} has no bastion to route through`, evidence: [] };
    routed = targets.map((target) => ({ ...target, route: { target: target.route.target, jumps: [bastion] } }));
  }
  const outcome = await deps.scan(routed, site);
  const failed = outcome.results.filter((result) => result.phase !== 'done');
  const text = `${JSON.stringify({ scanRunId: outcome.runId, site, via, hosts: outcome.results }, null, 2)}\n`;
  const held = await holdScanResults(deps, outcome, drillRunId);
  const note = `scan run ${outcome.runId}: ${outcome.results.length - failed.length} of ${outcome.results.length} hosts answered${via ? ` through ${via}'s bastion` : ''}${failed.length > 0 ? `; not: ${failed.map((result) => result.host).join(', ')}` : ''}${held}`;
  return { passed: failed.length === 0 && outcome.results.length === targets.length, note, evidence: [{ host: `site ${site}`, exitCode: failed.length === 0 ? 0 : 1, text }] };
}

/** Holds every result of the drill's scan against retention; a hold that fails is said in the note, and fails nothing else. */
async function holdScanResults(deps: DrillChecksDeps, outcome: { runId: string; results: { host: string }[] }, drillRunId: string): Promise<string> {
  const failures: string[] = [];
  for (const { host } of outcome.results) {
    await deps.holdEvidence(outcome.runId, host, `drill run ${drillRunId}`).catch((error: unknown) => failures.push(`${host} (${error instanceof Error ? error.message : String(error)})`));
  }
  return failures.length ? `; not held against retention: ${failures.join(', ')}` : '';
}

/** Site against site: each secondary host against the primary host with the same roles (in inventory order). */
async function parity(deps: DrillChecksDeps, primarySite: string, secondarySite: string): Promise<CheckResult> {
  const rolesKey = (target: ScanTarget) => [...target.roles].sort().join(',');
  const unpaired = deps.siteTargets(primarySite);
  const lines: string[] = [];
  const differing: string[] = [];
  for (const secondary of deps.siteTargets(secondarySite)) {
    const index = unpaired.findIndex((candidate) => rolesKey(candidate) === rolesKey(secondary));
    if (index < 0) {
      lines.push(`DIFFERS  ${secondary.name}: no host with roles [${rolesKey(secondary)}] at ${primarySite}`);
      differing.push(`${secondary.name} (no counterpart)`);
      continue;
    }
    const [primary] = unpaired.splice(index, 1) as [ScanTarget];
    for (const row of hostParity(await deps.latestFacts(primary.name), await deps.latestFacts(secondary.name))) {
      lines.push(`${row.same ? 'same' : 'DIFFERS'}  ${row.aspect}: ${primary.name} ${row.primary} | ${secondary.name} ${row.secondary}`);
      if (!row.same) differing.push(`${secondary.name} ${row.aspect}`);
    }
  }
  if (lines.length === 0) return { passed: false, note: `no hosts of site ${secondarySite} in the inventory`, evidence: [] };
  const note = differing.length === 0 ? `${secondarySite} matches ${primarySite} (${lines.length} comparisons)` : `${secondarySite} differs from ${primarySite}: ${differing.join('; ')}`;
  return { passed: differing.length === 0, note, evidence: [{ host: `${primarySite} vs ${secondarySite}`, exitCode: differing.length === 0 ? 0 : 1, text: `${lines.join('\n')}\n` }] };
}

async function tcpPort(deps: DrillChecksDeps, host: string, port: number, auditRunId: string): Promise<CheckResult> {
  const target = deps.targetFor(host);
  if (!target) return { passed: false, note: `host ${JSON.stringify(host)} is not in the inventory`, evidence: [] };
  const route = jumpRoute(target.route);
  if (!route) return { passed: false, note: `${host} has no bastion in the inventory to test the port from`, evidence: [] };
  const bastion = `bastion ${route.target.address}`;
  const command = quoteArgv(['nc', '-z', '-w', String(TCP_TIMEOUT_SECONDS), target.address, String(port)]);
  const startSeq = await deps.audit.commandStarted({ runId: auditRunId, host: bastion, dc: target.dc, address: route.target.address, command });
  const started = Date.now();
  let exitCode: number | null = null;
  let output = '';
  let error: string | null = null;
  try {
    const result = await deps.executor.exec(route, command, { timeoutMs: (TCP_TIMEOUT_SECONDS + 25) * 1000 });
    exitCode = result.exitCode;
    output = `${result.stdout}${result.stderr}`;
    await deps.audit.commandEnded(startSeq, { host: bastion, exitCode, signal: result.signal, error: null, stdout: result.stdout, stderr: result.stderr, durationMs: result.durationMs });
  } catch (caught) {
    error = caught instanceof Error ? caught.message : String(caught);
    await deps.audit.commandEnded(startSeq, { host: bastion, exitCode: null, signal: null, error, stdout: '', stderr: '', durationMs: Date.now() - started });
  }
  const passed = exitCode === 0;
  const note = passed
    ? `${host} (${target.address}) answers on TCP ${port} from its bastion`
    : `${host} (${target.address}) does not answer on TCP ${port} from its bastion: ${error ?? `nc exit ${exitCode ?? 'none'}`}`;
  return { passed, note, evidence: [{ host: bastion, exitCode, text: `$ ${command}\n${output}${error ? `${error}\n` : ''}` }] };
}
