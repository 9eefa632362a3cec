// Runs scans: many hosts at once (a failing or hung host never stalls the
// others), per-host progress and results as contract events, cancellation,
// and the last result of every host kept as evidence.
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { FindingView, HostScanDetail, HostScanSummary, PostureArea, ScanScope } from '../../../preload/contract';
import { countBySeverity } from './scan-host';
import type { EngineEvents } from '../contract/engine-events';
import type { CommandAudit } from './command-audit';
import type { CommandExecutor } from './command-executor';
import { AREA_COLLECTORS } from '../collectors/area-collectors';
import type { AreaCollector } from '../collectors/area-collector';
import { scanHost } from './scan-host';
import type { ScanTarget } from './scan-target';

/** Where scan history goes (the store); a failure here never stops a scan. */
export interface ScanRecorder {
  runStarted(runId: string, scope: ScanScope, targets: ScanTarget[], startedAt: string): Promise<void>;
  hostFinished(detail: HostScanDetail): Promise<void>;
  /** Findings added after the run compared hosts (drift, site parity). */
  hostFindingsChanged(detail: HostScanDetail): Promise<void>;
  runFinished(runId: string, end: { finishedAt: string; ok: number; failed: number; cancelled: boolean }): Promise<void>;
}

export interface ScanServiceOptions {
  executor: CommandExecutor;
  recorder?: ScanRecorder;
  onRecorderError?: (error: unknown) => void;
  audit: CommandAudit;
  events: EngineEvents;
  now?: () => Date;
  maxConcurrentHosts?: number;
  /** The posture areas to collect; all of them by default. */
  collectors?: AreaCollector[];
  /** Facts of a host's previous scan that this process does not hold (from the store). */
  storedFacts?: (host: string) => Promise<Partial<Record<PostureArea, unknown>>>;
  commandTimeoutMs?: number;
}

export interface ScanRunOutcome {
  runId: string;
  results: HostScanDetail[];
  cancelled: boolean;
}

interface ActiveRun {
  controller: AbortController;
  done: Promise<ScanRunOutcome>;
}

export class ScanService {
  private readonly lastByHost = new Map<string, HostScanDetail>();
  private readonly active = new Map<string, ActiveRun>();
  private readonly now: () => Date;

  private readonly collectors: AreaCollector[];

  constructor(private readonly options: ScanServiceOptions) {
    this.now = options.now ?? (() => new Date());
    this.collectors = options.collectors ?? AREA_COLLECTORS;
  }

  private async previousFacts(host: string): Promise<Partial<Record<PostureArea, unknown>>> {
    const last = this.lastByHost.get(host);
    if (last && last.phase === 'done') return last.facts;
    return (await this.options.storedFacts?.(host)) ?? {};
  }

  /** Findings that compare hosts (drift within a role, parity between sites), added to each host concerned. */
  private addFleetFindings(results: HostScanDetail[], targets: ScanTarget[]): HostScanDetail[] {
    const answered = results.filter((result) => result.phase === 'done');
    const byHost = new Map(answered.map((result) => [result.host, result]));
    const targetOf = new Map(targets.map((target) => [target.name, target]));
    const changed = new Set<HostScanDetail>();
    for (const collector of this.collectors) {
      if (!collector.fleetFindings) continue;
      const hosts = answered
        .filter((result) => result.facts[collector.area] !== undefined)
        .map((result) => ({
          host: result.host,
          dc: result.dc,
          siteRole: targetOf.get(result.host)?.siteRole ?? 'primary',
          roles: targetOf.get(result.host)?.roles ?? [],
          policy: targetOf.get(result.host)?.policy,
          facts: result.facts[collector.area],
        }));
      for (const finding of collector.fleetFindings(hosts) as FindingView[]) {
        const result = byHost.get(finding.host);
        if (!result) continue;
        result.findings.push(finding);
        result.findingCounts = countBySeverity(result.findings);
        changed.add(result);
      }
    }
    return [...changed];
  }

  /** Starts a scan and returns at once; progress and results arrive as events. */
  start(targets: ScanTarget[], scope: ScanScope = { kind: 'fleet' }): { runId: string; total: number; done: Promise<ScanRunOutcome> } {
    const runId = randomUUID();
    const controller = new AbortController();
    // Every command in flight on every host listens for a cancel: thousands of listeners are expected here.
    setMaxListeners(0, controller.signal);
    const done = this.run(runId, scope, targets, controller.signal).finally(() => this.active.delete(runId));
    this.active.set(runId, { controller, done });
    return { runId, total: targets.length, done };
  }

  cancel(runId: string): boolean {
    const run = this.active.get(runId);
    if (!run) return false;
    run.controller.abort();
    return true;
  }

  lastResult(host: string): HostScanDetail | null {
    return this.lastByHost.get(host) ?? null;
  }

  lastSummary(host: string): HostScanSummary | null {
    const detail = this.lastByHost.get(host);
    return detail ? summaryOf(detail) : null;
  }

  async dispose(): Promise<void> {
    for (const run of this.active.values()) run.controller.abort();
    await Promise.allSettled([...this.active.values()].map((run) => run.done));
  }

  private async run(runId: string, scope: ScanScope, targets: ScanTarget[], signal: AbortSignal): Promise<ScanRunOutcome> {
    const { events } = this.options;
    const total = targets.length;
    let done = 0;
    let failed = 0;
    const results: HostScanDetail[] = [];
    const record = (work: Promise<void> | undefined) => work?.catch((error: unknown) => this.options.onRecorderError?.(error));
    await record(this.options.recorder?.runStarted(runId, scope, targets, this.now().toISOString()));
    for (const target of targets) {
      events.emit('scan:progress', { runId, host: target.name, dc: target.dc, phase: 'queued', reason: null, done, failed, total });
    }
    const queue = [...targets];
    const worker = async () => {
      for (let target = queue.shift(); target; target = queue.shift()) {
        const current = target;
        const result = signal.aborted
          ? cancelledResult(runId, current, this.now())
          : await scanHost(current, {
              runId,
              executor: this.options.executor,
              audit: this.options.audit,
              signal,
              now: this.now,
              commandTimeoutMs: this.options.commandTimeoutMs,
              collectors: this.collectors,
              previousFacts: (host) => this.previousFacts(host),
              onPhase: (phase) =>
                events.emit('scan:progress', { runId, host: current.name, dc: current.dc, phase, reason: null, done, failed, total }),
            });
        done++;
        if (result.phase !== 'done') failed++;
        results.push(result);
        if (result.phase !== 'cancelled' || !this.lastByHost.has(current.name)) this.lastByHost.set(current.name, result);
        await record(this.options.recorder?.hostFinished(result));
        events.emit('scan:progress', { runId, host: current.name, dc: current.dc, phase: result.phase, reason: result.reason, done, failed, total });
        events.emit('scan:host-result', { ...summaryOf(result), runId });
      }
    };
    const width = Math.max(1, Math.min(this.options.maxConcurrentHosts ?? 64, targets.length));
    await Promise.all(Array.from({ length: width }, worker));
    for (const result of this.addFleetFindings(results, targets)) {
      await record(this.options.recorder?.hostFindingsChanged(result));
      events.emit('scan:host-result', { ...summaryOf(result), runId });
    }
    const cancelled = signal.aborted;
    const ok = results.filter((r) => r.phase === 'done').length;
    await record(this.options.recorder?.runFinished(runId, { finishedAt: this.now().toISOString(), ok, failed, cancelled }));
    events.emit('scan:finished', { runId, total, ok, failed, cancelled });
    return { runId, results, cancelled };
  }
}

export function summaryOf(detail: HostScanDetail): HostScanSummary {
  return {
    host: detail.host,
    dc: detail.dc,
    phase: detail.phase,
    reason: detail.reason,
    finishedAt: detail.finishedAt,
    identity: detail.identity,
    detectedOs: detail.detectedOs,
    findingCounts: detail.findingCounts,
  };
}

function cancelledResult(runId: string, target: ScanTarget, now: Date): HostScanDetail {
  return {
    runId,
    host: target.name,
    dc: target.dc,
    phase: 'cancelled',
    reason: 'scan cancelled before this host was reached',
    startedAt: null,
    finishedAt: now.toISOString(),
    detectedOs: null,
    identity: null,
    outputs: [],
    findings: [],
    facts: {},
    findingCounts: {},
  };
}
