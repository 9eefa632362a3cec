// Runs scans: one run at a time (a second start while one runs is refused
// as busy; a front end that reloads asks current() and reattaches), many
// hosts at once within it (a failing or hung host never stalls the others),
// a connecting phase that settles every unknown host key before any command
// runs, per-host progress and results as contract events, cancellation, and
// the last result of every host kept as evidence.
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { FindingView, HostPhase, HostScanDetail, HostScanSummary, PostureArea, ScanRunView, ScanScope } from '../../../preload/contract';
import { EngineError } from '../dispatch/engine-error';
import { DEFAULT_OUTPUT_CAPS, HostOutputBudget, ScanOutputPool, type OutputCaps } from '../ssh/output-budget';
import type { OperatorPrompter } from '../ssh/operator-prompts';
import { connectFirst, type HostKeyGate } from './host-key-preflight';
import type { ScannedHost } from './scan-host';
import type { OutputBytes } from '../collectors/host-command';
import { countBySeverity } from '../posture/severity-counts';
import type { EngineEvents } from '../dispatch/engine-events';
import type { CommandAudit } from './command-audit';
import type { CommandExecutor } from './command-executor';
import { AREAS } from '../areas/area-registry';
import type { AreaDefinition } from '../areas/area-definition';
import { scanHost } from './scan-host';
import type { ScanTarget } from './scan-target';
import { errorMessage } from '../errors/error-message';

/**
 * Where scan history goes (the store). A failure here never stops a scan, but
 * a host whose result cannot be stored is failed, visibly, never "done".
 */
export interface ScanRecorder {
  runStarted(runId: string, scope: ScanScope, targets: ScanTarget[], startedAt: string): Promise<void>;
  /** `bytes` are the outputs' exact bytes, in the order of detail.outputs. */
  hostFinished(detail: HostScanDetail, bytes?: OutputBytes[]): Promise<void>;
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
  areas?: AreaDefinition[];
  /** Facts of a host's previous scan that this process does not hold (from the store). */
  storedFacts?: (host: string, areas: readonly PostureArea[]) => Promise<Partial<Record<PostureArea, unknown>>>;
  /**
   * Every host of the fleet: the peers a host is compared with (drift, parity) even when this run
   * does not read them (a host or site scan, a host that failed). The run's own targets otherwise.
   */
  fleetTargets?: () => ScanTarget[];
  /** One area's facts from the newest answered scan of each named host (from the store). */
  storedAreaFacts?: (area: PostureArea, hosts: readonly string[]) => Promise<{ host: string; facts: unknown }[]>;
  commandTimeoutMs?: number;
  /** Caps on output per command, host and scan (DEFAULT_OUTPUT_CAPS otherwise). */
  outputCaps?: Partial<OutputCaps>;
  /** With a prompter: connect to every host and settle unknown host keys (one question per site) before scanning. */
  hostKeyGate?: HostKeyGate;
  prompter?: OperatorPrompter;
  siteName?: (dc: string) => string;
}

export interface ScanRunOutcome {
  runId: string;
  results: HostScanDetail[];
  cancelled: boolean;
}

interface ActiveRun {
  controller: AbortController;
  done: Promise<ScanRunOutcome>;
  view: ScanRunView;
}

export class ScanService {
  private readonly lastByHost = new Map<string, HostScanDetail>();
  private readonly active = new Map<string, ActiveRun>();
  private readonly now: () => Date;

  private readonly areas: AreaDefinition[];

  constructor(private readonly options: ScanServiceOptions) {
    this.now = options.now ?? (() => new Date());
    this.areas = options.areas ?? AREAS;
  }

  private async previousFacts(host: string): Promise<Partial<Record<PostureArea, unknown>>> {
    const last = this.lastByHost.get(host);
    if (last && last.phase === 'done') return last.facts;
    // Only the areas whose facts carry something from the previous scan: reading every area's facts of 1,000 hosts cost a 1,000-host scan seconds.
    const areas = this.areas.filter((area) => area.readsPrevious).map((area) => area.area);
    if (areas.length === 0) return {};
    return (await this.options.storedFacts?.(host, areas)) ?? {};
  }

  /**
   * Findings that compare hosts (drift within a role, parity between sites), added to each host this run
   * answered for. The hosts it did not read take part with the facts of their newest answered scan, so a
   * host scan, a site scan or a cancelled one compares with the whole fleet, as a full scan does.
   */
  private async addFleetFindings(results: HostScanDetail[], targets: ScanTarget[]): Promise<HostScanDetail[]> {
    const answered = results.filter((result) => result.phase === 'done');
    const byHost = new Map(answered.map((result) => [result.host, result]));
    const targetOf = new Map([...(this.options.fleetTargets?.() ?? []), ...targets].map((target) => [target.name, target]));
    const notReadNow = [...targetOf.keys()].filter((host) => !byHost.has(host));
    const changed = new Set<HostScanDetail>();
    for (const area of this.areas) {
      if (!area.fleetFindings) continue;
      const readNow = answered.map((result) => ({ host: result.host, facts: result.facts[area.area] }));
      const standing = notReadNow.length > 0 ? await this.standingAreaFacts(area.area, notReadNow) : [];
      const hosts = [...readNow, ...standing]
        .filter((entry) => entry.facts !== undefined)
        .map(({ host, facts }) => {
          const target = targetOf.get(host);
          return { host, dc: target?.dc ?? '', siteRole: target?.siteRole ?? 'primary', roles: target?.roles ?? [], policy: target?.policy, facts };
        });
      for (const finding of area.fleetFindings(hosts) as FindingView[]) {
        const result = byHost.get(finding.host);
        if (!result) continue;
        result.findings.push(finding);
        result.findingCounts = countBySeverity(result.findings);
        changed.add(result);
      }
    }
    return [...changed];
  }

  /** One area's facts of each named host's newest answered scan: this process's own when it has them, else the store's. */
  private async standingAreaFacts(area: PostureArea, hosts: string[]): Promise<{ host: string; facts: unknown }[]> {
    const inMemory = hosts.flatMap((host) => {
      const last = this.lastByHost.get(host);
      return last?.phase === 'done' && last.facts[area] !== undefined ? [{ host, facts: last.facts[area] }] : [];
    });
    const held = new Set(inMemory.map((entry) => entry.host));
    const rest = hosts.filter((host) => !held.has(host));
    if (rest.length === 0 || !this.options.storedAreaFacts) return inMemory;
    // A store that cannot be read must not cost the run its end: compare with what this process holds, and say so.
    const stored = await this.options.storedAreaFacts(area, rest).catch((error: unknown) => {
      this.options.onRecorderError?.(new Error(`${area} facts of the hosts this scan did not read could not be loaded, so its fleet comparisons leave them out: ${errorMessage(error)}`));
      return [];
    });
    return [...inMemory, ...stored];
  }

  /** Starts a scan and returns at once; progress and results arrive as events. Refused (busy) while another runs. */
  start(targets: ScanTarget[], scope: ScanScope = { kind: 'fleet' }): { runId: string; total: number; done: Promise<ScanRunOutcome> } {
    const running = this.current();
    if (running) {
      throw new EngineError('busy', `a scan is already running (started ${running.startedAt}, ${running.done} of ${running.total} hosts done); wait for it to finish or cancel it`);
    }
    const runId = randomUUID();
    const controller = new AbortController();
    // Every command in flight on every host listens for a cancel: thousands of listeners are expected here.
    setMaxListeners(0, controller.signal);
    const view: ScanRunView = {
      runId,
      scope,
      startedAt: this.now().toISOString(),
      total: targets.length,
      done: 0,
      failed: 0,
      cancelled: 0,
      hosts: targets.map((target) => ({ host: target.name, dc: target.dc, phase: 'queued', reason: null })),
    };
    const done = this.run(runId, scope, targets, controller.signal, view).finally(() => this.active.delete(runId));
    this.active.set(runId, { controller, done, view });
    return { runId, total: targets.length, done };
  }

  /** The run in progress (for a front end that attaches while it runs), or null. */
  current(): ScanRunView | null {
    const [run] = this.active.values();
    return run ? structuredClone(run.view) : null;
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

  /**
   * Stores a host's result. If that fails, the host is failed and says why,
   * and what can still be stored is: first without its facts (too large or
   * unstorable), then without its outputs too; never "done" and unstored.
   */
  private async stored(scanned: ScannedHost): Promise<HostScanDetail> {
    const recorder = this.options.recorder;
    if (!recorder) return scanned.detail;
    try {
      await recorder.hostFinished(scanned.detail, scanned.bytes);
      return scanned.detail;
    } catch (error) {
      this.options.onRecorderError?.(error);
      const reason = `${scanned.detail.phase === 'done' ? 'scanned, but its' : 'its'} result could not be stored (${errorMessage(error)})`;
      const withoutFacts: HostScanDetail = { ...scanned.detail, phase: 'failed', reason: `${reason}; stored without its facts`, facts: {} };
      try {
        await recorder.hostFinished(withoutFacts, scanned.bytes);
        return withoutFacts;
      } catch (second) {
        this.options.onRecorderError?.(second);
      }
      const bare: HostScanDetail = { ...withoutFacts, reason: `${reason}; stored without its facts and raw outputs`, outputs: [] };
      try {
        await recorder.hostFinished(bare, []);
        return { ...bare, outputs: scanned.detail.outputs };
      } catch (third) {
        this.options.onRecorderError?.(third);
        return { ...withoutFacts, reason: `${reason}; nothing of it is stored` };
      }
    }
  }

  private async run(runId: string, scope: ScanScope, targets: ScanTarget[], signal: AbortSignal, view: ScanRunView): Promise<ScanRunOutcome> {
    const { events } = this.options;
    const total = targets.length;
    const results: HostScanDetail[] = [];
    const hostView = new Map(view.hosts.map((host) => [host.host, host]));
    const progress = (target: ScanTarget, phase: HostPhase, reason: string | null, counts: Pick<ScanRunView, 'done' | 'failed' | 'cancelled'> = view) => {
      const host = hostView.get(target.name);
      if (host) Object.assign(host, { phase, reason });
      const { done, failed, cancelled } = counts;
      events.emit('scan:progress', { runId, host: target.name, dc: target.dc, phase, reason, done, failed, cancelled, total });
    };
    const record = (work: Promise<void> | undefined) => work?.catch((error: unknown) => this.options.onRecorderError?.(error));
    await record(this.options.recorder?.runStarted(runId, scope, targets, view.startedAt));
    for (const target of targets) progress(target, 'queued', null);
    const width = Math.max(1, Math.min(this.options.maxConcurrentHosts ?? 64, targets.length));
    const { hostKeyGate, prompter } = this.options;
    const unreachable =
      hostKeyGate && prompter
        ? await connectFirst(targets, {
            gate: hostKeyGate,
            prompter,
            signal,
            concurrency: width,
            siteName: this.options.siteName ?? ((dc) => dc),
            onConnecting: (target) => progress(target, 'connecting', null),
          })
        : new Map<string, Error>();
    const queue = [...targets];
    const caps = { ...DEFAULT_OUTPUT_CAPS, ...this.options.outputCaps };
    const outputPool = new ScanOutputPool(caps.perScanBytes);
    const worker = async () => {
      for (let target = queue.shift(); target; target = queue.shift()) {
        const current = target;
        const notConnected = unreachable.get(current.name);
        const budget = new HostOutputBudget(caps.perHostBytes, outputPool);
        const scanned: ScannedHost = signal.aborted
          ? { detail: cancelledResult(runId, current, this.now()), bytes: [] }
          : notConnected
            ? { detail: failedResult(runId, current, this.now(), notConnected.message), bytes: [] }
            : await scanHost(current, {
                runId,
                executor: this.options.executor,
                audit: this.options.audit,
                signal,
                now: this.now,
                commandTimeoutMs: this.options.commandTimeoutMs,
                budget,
                maxOutputBytes: caps.perCommandBytes,
                areas: this.areas,
                previousFacts: (host) => this.previousFacts(host),
                onPhase: (phase) => progress(current, phase, null),
              });
        const result = await this.stored(scanned);
        // The bytes are in the store now (or could not be): the next hosts may use their share.
        budget.releaseToPool();
        view.done++;
        if (result.phase === 'cancelled') view.cancelled++;
        else if (result.phase !== 'done') view.failed++;
        const counts = { done: view.done, failed: view.failed, cancelled: view.cancelled };
        results.push(result);
        if (result.phase !== 'cancelled' || !this.lastByHost.has(current.name)) this.lastByHost.set(current.name, result);
        progress(current, result.phase, result.reason, counts);
        events.emit('scan:host-result', { ...summaryOf(result), runId });
      }
    };
    await Promise.all(Array.from({ length: width }, worker));
    for (const result of await this.addFleetFindings(results, targets)) {
      await record(this.options.recorder?.hostFindingsChanged(result));
      events.emit('scan:host-result', { ...summaryOf(result), runId });
    }
    const cancelled = signal.aborted;
    const ok = results.filter((r) => r.phase === 'done').length;
    const { failed, cancelled: cancelledHosts } = view;
    await record(this.options.recorder?.runFinished(runId, { finishedAt: this.now().toISOString(), ok, failed, cancelled }));
    events.emit('scan:finished', { runId, total, ok, failed, cancelled, cancelledHosts });
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
  return { ...failedResult(runId, target, now, 'scan cancelled before this host was reached'), phase: 'cancelled' };
}

/** A host that was never connected to (its host key refused, unreachable): no command ran on it. */
function failedResult(runId: string, target: ScanTarget, now: Date, reason: string): HostScanDetail {
  return {
    runId,
    host: target.name,
    dc: target.dc,
    phase: 'failed',
    reason,
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
