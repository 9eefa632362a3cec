// Composes the engine's services and exposes them as the contract's handler
// table (one module per namespace: */<namespace>-handlers.ts) plus an event
// stream. Constructed with everything it needs (paths,
// secrets, the operator prompter); owns its resources and releases them
// with dispose().
import { join } from 'node:path';
import type { HostScanSummary } from '../../preload/contract';
import { appHandlers } from './app/app-handlers';
import { auditHandlers } from './audit/audit-handlers';
import { AuditLog, operatorFromOs } from './audit/audit-log';
import { backupsHandlers } from './backups/backups-handlers';
import { IntegrityCheckService } from './backups/integrity-check-service';
import { integrityCycleViews, integrityJobs } from './backups/integrity-cycle';
import { RestoreTestService } from './backups/restore-test-service';
import type { HandlerTable } from './dispatch/dispatch-call';
import { EngineEvents } from './dispatch/engine-events';
import { drillsHandlers } from './drills/drills-handlers';
import { errorMessage } from './errors/error-message';
import { firewallHandlers } from './views/firewall/firewall-handlers';
import { DemoFleetSlot } from './fleet/demo-fleet-slot';
import { FileAccess } from './fleet/file-access';
import { fleetHandlers, type FileChoicePurpose } from './fleet/fleet-handlers';
import { FleetService } from './fleet/fleet-service';
import { operatorHandlers } from './operator/operator-handlers';
import { UiPromptBroker } from './operator/ui-prompt-broker';
import { reportSourcesFor } from './reports/report-sources';
import { reportsHandlers } from './reports/reports-handlers';
import type { StatusReportSources } from './reports/status-report';
import type { PdfPrinter } from './reports/write-report-files';
import { auditedHostKeys, commandAuditFor } from './scan/audit-log-adapters';
import type { CommandExecutor } from './scan/command-executor';
import { hostHandlers } from './scan/host-handlers';
import { scanHandlers } from './scan/scan-handlers';
import { ScanService } from './scan/scan-service';
import { storeScanRecorder } from './scan/store-scan-recorder';
import { drillIcsFeed } from './drills/drill-ics-feed';
import { OutboxScanWriter } from './scan/outbox-scan-writer';
import { ScanOutbox } from './store/scan-outbox';
import { applyScanWrite, type ScanWrite } from './store/scan-write';
import { keychainAvailability, KeytarSecretStore, type KeychainAvailability } from './secrets/keytar-secret-store';
import type { SecretStore } from './secrets/secret-store';
import { secretsHandlers } from './secrets/secrets-handlers';
import { readSettings } from './settings/engine-settings';
import { HostKeyStore } from './ssh/host-key-store';
import type { OperatorPrompter } from './ssh/operator-prompts';
import { SshPool, type SshLimits } from './ssh/ssh-pool';
import { makeDataDirPrivate } from './store/data-dir-permissions';
import { openStore, type OpenedStore } from './store/open-store';
import { FleetSnapshotStore } from './store/fleet-snapshot-store';
import { refusal } from './store/team-access';
import { EngineError } from './dispatch/engine-error';
import { scanRecords } from './scan/scan-records';
import { holdScanEvidence, ScanRetention } from './store/scan-retention';
import { postureHandlers } from './views/posture-handlers';
import { fleetViewCaches } from './views/fleet-view-caches';

export interface EngineOptions {
  dataDir: string;
  appVersion?: string;
  /** The operator's own known_hosts (~/.ssh/known_hosts), read only; null to ignore it. */
  userKnownHostsPath?: string | null;
  /** Text of ~/.ssh/config, honoured for HostName, User, Port, IdentityFile, ProxyJump. */
  sshConfigText?: string | null;
  /** SSH_AUTH_SOCK of the operator's agent. */
  agentSocket?: string;
  /** Keys tried when a host names no identity (OpenSSH's ~/.ssh/id_* defaults). */
  defaultIdentityFiles?: string[];
  secrets?: SecretStore;
  /** Who answers host-key, OTP and passphrase questions; the UI broker by default. */
  prompter?: OperatorPrompter;
  /** How long the UI broker waits for an answer before declining (default 5 minutes). */
  promptTimeoutMs?: number;
  /** How often scan results kept in the outbox are retried against a team store that went away (default 5 s). */
  outboxRetryMs?: number;
  operatorDisplayName?: string;
  /** A team store's PostgreSQL URL (from --store or OPSDECK_STORE_URL), instead of the one in settings; null: the embedded store. */
  storeUrl?: string | null;
  /** An inventory to load at start, instead of the one in settings. */
  inventoryPath?: string | null;
  /** 'always': run on the demo fleet; 'when-empty': when no inventory is configured (the app's default). */
  demoFleet?: 'always' | 'when-empty' | 'never';
  demoHosts?: number;
  sshLimits?: Partial<SshLimits>;
  /** For tests: run commands through this instead of SSH. */
  executor?: CommandExecutor;
  now?: () => Date;
  /** Folders (besides the data folder) whose files the front end may name without a file dialog: dev-browser's --allow-dir, e2e tests. */
  allowedFileRoots?: string[];
  /** The front end's native file dialog (Electron's); absent in the browser bridge and the CLI. */
  chooseFile?: (purpose: FileChoicePurpose) => Promise<string | null>;
  /** Make the fleet pages' views again after each scan, before anyone asks (the app; the CLI, which exits after its scan, does not). Default true. */
  warmViewsAfterScan?: boolean;
  /** Prints a report's HTML to PDF (Electron's printToPDF in the app, a headless Chromium elsewhere); absent: no PDF export. */
  printPdf?: PdfPrinter;
}

export type { FileChoicePurpose };

export interface Engine {
  handlers: HandlerTable;
  events: EngineEvents;
  fleet: FleetService;
  scans: ScanService;
  restoreTests: RestoreTestService;
  integrityChecks: IntegrityCheckService;
  /** What status reports and evidence packs are built from. */
  reportSources: StatusReportSources;
  /** The keychain (evidence-pack signing key). */
  secrets: SecretStore;
  auditPath: string;
  /** Problems met while starting (an inventory that did not load, …), for the front end to show. */
  startupProblems: string[];
  /** Set when the data folder held files or folders open to group or others, which were made private at start. */
  dataDirNotice: string | null;
  /** Scan runs found unfinished at start (the process running them was killed), now recorded as interrupted. */
  interruptedRuns: string[];
  /** Whether passphrases can be remembered (the keychain binding loads); a front end says it once when not. */
  keychain: KeychainAvailability;
  dispose(): Promise<void>;
}

export async function createEngine(options: EngineOptions): Promise<Engine> {
  const closers: Array<() => Promise<unknown>> = [];
  try {
    return await startEngine(options, (close) => closers.unshift(close));
  } catch (error) {
    // A start that fails half-way leaves nothing open: not the audit log's lock, the store, a demo fleet.
    for (const close of closers) await close().catch(() => undefined);
    throw error;
  }
}

/** Opens and wires what the engine is made of; `closeIfStartFails` is given each resource as soon as it is open. */
async function startEngine(options: EngineOptions, closeIfStartFails: (close: () => Promise<unknown>) => void): Promise<Engine> {
  const events = new EngineEvents();
  const startupProblems: string[] = [];
  const dataDirNotice = privacyNotice(options.dataDir, (await makeDataDirPrivate(options.dataDir)).fixed);
  if (dataDirNotice) startupProblems.push(dataDirNotice);
  const settings = await readSettings(options.dataDir);
  const operator = operatorFromOs(options.operatorDisplayName ?? settings.operatorDisplayName ?? undefined);
  const auditPath = join(options.dataDir, 'audit.log');
  const secrets = options.secrets ?? new KeytarSecretStore();
  const audit = await AuditLog.open(auditPath, operator, { secrets, ...(options.now ? { now: options.now } : {}) });
  closeIfStartFails(() => audit.close());
  const storeUrl = options.storeUrl !== undefined ? options.storeUrl : settings.storeUrl;
  const store = await openStore(options.dataDir, storeUrl);
  closeIfStartFails(() => store.close());
  const interruptedRuns: string[] = [];
  const team = store.identity.kind === 'team';
  // On a team store another workstation's unfinished run is still running: only the embedded store is this process's alone.
  for (const run of team ? [] : await store.scans.markInterruptedRuns((options.now?.() ?? new Date()).toISOString())) {
    interruptedRuns.push(`scan ${run.runId} (started ${run.startedAt}, ${run.total} hosts) never finished: OpsDeck was stopped during it; it is recorded as interrupted`);
    await audit.append('scan.interrupted', { runId: run.runId, startedAt: run.startedAt });
  }
  startupProblems.push(...interruptedRuns);
  /** A problem met after start: kept for app.info, and announced so an open front end shows it now. */
  const notice = (message: string) => {
    startupProblems.push(message);
    events.emit('app:notice', { message });
  };
  /** Audit entries written after a call returned (a scan's end): dispose waits for them. */
  const pendingWrites = new Set<Promise<unknown>>();
  const afterCall = (work: Promise<unknown>) => {
    pendingWrites.add(work);
    void work.finally(() => pendingWrites.delete(work));
  };
  const keepDataDirPrivate = () => makeDataDirPrivate(options.dataDir);
  await keepDataDirPrivate();
  const outbox = team ? teamStoreOutbox(store, options, notice) : null;
  if (outbox) {
    closeIfStartFails(() => outbox.close());
    await outbox.resume();
  }
  const writeScan = (write: ScanWrite) => (outbox ? outbox.write(write) : applyScanWrite(store.scans, write));
  const keychain: KeychainAvailability = options.secrets ? { available: true, reason: null } : keychainAvailability();
  const broker = new UiPromptBroker(events, options.promptTimeoutMs);
  const prompter = options.prompter ?? broker;
  const hostKeys = new HostKeyStore({
    userKnownHostsPath: options.userKnownHostsPath ?? undefined,
    opsdeckKnownHostsPath: join(options.dataDir, 'known_hosts'),
  });
  const pool = options.executor
    ? null
    : new SshPool({ hostKeys: auditedHostKeys(hostKeys, audit), prompter, secrets, agentSocket: options.agentSocket, defaultIdentityFiles: options.defaultIdentityFiles, limits: options.sshLimits });
  if (pool) closeIfStartFails(() => pool.dispose());
  const executor: CommandExecutor = options.executor ?? pool!;
  const fleet = new FleetService(options.sshConfigText ?? null);
  const latest = new Map<string, HostScanSummary>((await store.scans.latestHostSummaries()).map((summary) => [summary.host, summary]));
  const retention = new ScanRetention(store.sql, {
    days: async () => (await readSettings(options.dataDir)).retentionDays,
    now: () => options.now?.() ?? new Date(),
    recordIntent: async (intent) => {
      await audit.append('retention.deleting', { ...intent });
    },
    record: async (outcome) => {
      await audit.append('retention.applied', { ...outcome });
    },
    onError: (error) => startupProblems.push(`scan history retention failed: ${error instanceof Error ? error.message : String(error)}`),
  });
  const scans = new ScanService({
    executor,
    audit: commandAuditFor(audit),
    events,
    now: options.now,
    // Retention deletes history: on a team store that is the team's decision, not one workstation's setting.
    recorder: storeScanRecorder(
      writeScan,
      operator.login,
      () => fleet.source.label,
      () => (team ? undefined : retention.schedule()),
    ),
    storedFacts: (host, areas) => store.scans.latestFacts(host, areas),
    fleetTargets: () => (fleet.current ? fleet.targets({ kind: 'fleet' }) : []),
    storedAreaFacts: (area, hosts) => store.scans.latestAreaFacts(area, hosts),
    onRecorderError: (error) => notice(`scan history not saved: ${errorMessage(error)}`),
    ...(pool ? { hostKeyGate: pool, prompter } : {}),
    siteName: (dc) => fleet.current?.datacentres.find((site) => site.id === dc)?.name ?? dc,
  });
  const views = fleetViewCaches(store.scans);
  let warming: Promise<void> = Promise.resolve();
  events.subscribe((name, payload) => {
    if (name === 'scan:finished' && options.warmViewsAfterScan !== false) {
      // A failure here only means the next page visit reads the documents itself, and says so if it fails too.
      warming = warming.then(() => views.warm()).catch(() => undefined);
    }
    if (name === 'scan:host-result') {
      const summary = payload as HostScanSummary & { runId: string };
      if (summary.phase !== 'cancelled' || !latest.has(summary.host)) latest.set(summary.host, { ...summary });
    }
  });

  const restoreTests = new RestoreTestService({
    executor,
    audit: commandAuditFor(audit),
    events,
    now: options.now,
    operator: operator.login,
    save: (evidence) => store.restoreTests.save(evidence),
    record: async (kind, details) => {
      await audit.append(kind, details);
    },
  });

  const integrityChecks = new IntegrityCheckService({
    executor,
    audit: commandAuditFor(audit),
    events,
    now: options.now,
    operator: operator.login,
    history: (host, jobIndex) => store.integrityChecks.list({ host, jobIndex, limit: 1000 }),
    save: (run) => store.integrityChecks.save(run),
    record: async (kind, details) => {
      await audit.append(kind, details);
    },
  });
  const now = options.now ?? (() => new Date());
  const integrityCycles = async () => {
    const hosts = (fleet.current ? fleet.targets({ kind: 'fleet' }) : []).map((target) => ({ name: target.name, dc: target.dc, jobs: target.policy.backups ?? [] }));
    return integrityCycleViews(integrityJobs(hosts), await store.integrityChecks.list({ limit: 100_000 }), now());
  };

  const inventoryPath = options.inventoryPath ?? settings.inventoryPath;
  const demoMode = options.demoFleet ?? 'never';
  const demo = new DemoFleetSlot(options.dataDir, options.demoHosts);
  closeIfStartFails(() => demo.stop());
  const snapshots = new FleetSnapshotStore(store.sql);
  const teamSnapshot = team && !inventoryPath && demoMode !== 'always' ? await snapshots.newest() : null;
  if (teamSnapshot) {
    fleet.useTeamSnapshot(teamSnapshot.inventory, `${teamSnapshot.label} (team store, recorded ${teamSnapshot.recordedAt} by ${teamSnapshot.recordedBy})`);
  } else if (team && !inventoryPath && demoMode === 'when-empty') {
    startupProblems.push('the team store holds no fleet yet: an operator records it with their first scan; until then there is nothing to show');
  } else if (demoMode === 'always' || (demoMode === 'when-empty' && !inventoryPath)) {
    const started = await demo.start();
    fleet.useDemo(started.fleet.inventoryYaml, started.inventoryPath);
  } else if (inventoryPath) {
    const problems = await fleet.loadFile(inventoryPath);
    for (const problem of problems) startupProblems.push(`${problem.file}:${problem.line}:${problem.column}: ${problem.message}`);
  }

  const files = new FileAccess(options.dataDir, options.allowedFileRoots);
  const reportSources = reportSourcesFor({ sql: store.sql, restoreTests: store.restoreTests, fleet, auditPath, secrets, now: options.now });
  const summaryFor = (host: string) => latest.get(host) ?? null;
  const handlers: HandlerTable = {
    ...appHandlers({ fleet, appVersion: options.appVersion, notices: startupProblems, keychain, store: store.identity, storeOutbox: () => outbox?.current ?? null, summaryFor }),
    ...fleetHandlers({ fleet, files, events, demo, dataDir: options.dataDir, summaryFor, chooseFile: options.chooseFile }),
    ...scanHandlers({
      fleet,
      scans,
      audit,
      broker,
      notice,
      afterCall,
      keepDataDirPrivate,
      records: scanRecords({ sql: store.sql, snapshots, fleet, dataDir: options.dataDir, anchors: team && store.identity.role !== 'viewer' }),
    }),
    ...hostHandlers({ store: store.scans, sql: store.sql, lastResult: (host) => scans.lastResult(host) }),
    ...operatorHandlers(broker),
    ...postureHandlers({ fleet, store: store.scans, views, restoreTestStore: store.restoreTests, integrityCycles, now }),
    ...firewallHandlers({ fleet, store: store.scans, views, lastResult: (host) => scans.lastResult(host) }),
    ...reportsHandlers(reportSources, { exportRoot: join(options.dataDir, 'reports'), printPdf: options.printPdf ?? null }),
    ...drillsHandlers(
      {
        demo: () => demo.current !== null,
        inventoryPath: () => (demo.current ? null : (inventoryPath ?? null)),
        now,
        feed: drillIcsFeed(join(options.dataDir, 'drills.ics'), (error) => notice(`the drills calendar feed could not be written: ${errorMessage(error)}`)),
      },
      {
        sql: store.sql,
        executor,
        audit: commandAuditFor(audit),
        targetFor: (host) => fleet.targets({ kind: 'host', name: host })[0] ?? null,
        siteTargets: (site) => fleet.targets({ kind: 'dc', id: site }),
        latestFacts: (host) => store.scans.latestFacts(host),
        scan: async (targets, site) => {
          const outcome = await scans.start(targets, { kind: 'dc', id: site }).done;
          return { runId: outcome.runId, results: outcome.results.map((result) => ({ host: result.host, phase: result.phase })) };
        },
        holdEvidence: (scanRunId, host, heldBy) => holdScanEvidence(store.sql, scanRunId, host, heldBy),
        now,
      },
    ),
    ...auditHandlers(auditPath, secrets),
    ...backupsHandlers({ fleet, restoreTests, integrityChecks, restoreTestStore: store.restoreTests, integrityCheckStore: store.integrityChecks, integrityCycles }),
    ...secretsHandlers(secrets),
  };

  if (team) guardByRole(handlers, store.identity.role);

  return {
    handlers,
    events,
    fleet,
    scans,
    restoreTests,
    integrityChecks,
    reportSources,
    secrets,
    auditPath,
    startupProblems,
    dataDirNotice,
    interruptedRuns,
    keychain,
    dispose: async () => {
      broker.declineAll();
      await scans.dispose();
      await Promise.all(pendingWrites);
      await warming;
      await retention.stop();
      await restoreTests.dispose();
      await integrityChecks.dispose();
      await pool?.dispose();
      await demo.stop();
      await outbox?.close();
      await store.close();
      await audit.close();
      await keepDataDirPrivate();
    },
  };
}

/** Scan writes to a team store go through a local outbox while it cannot be reached; each change of state is a notice. */
function teamStoreOutbox(store: OpenedStore, options: EngineOptions, notice: (message: string) => void): OutboxScanWriter {
  const outbox = ScanOutbox.inDataDir(options.dataDir);
  return new OutboxScanWriter({
    team: store.scans,
    outbox,
    ...(options.outboxRetryMs !== undefined ? { retryMs: options.outboxRetryMs } : {}),
    ...(options.now ? { now: options.now } : {}),
    onState: (state, change) => {
      if (change === 'offline')
        notice(
          `team store ${store.identity.where} cannot be reached since ${state.offlineSince}: scan results are kept on this workstation (${outbox.directory}) and written there, in order, when it returns`,
        );
      if (change === 'resuming')
        notice(`${state.queued} scan writes kept on this workstation (${outbox.directory}) while the team store was away, since ${state.offlineSince}, are being written to ${store.identity.where}`);
      if (change === 'online') notice(`team store ${store.identity.where} is back: every scan result kept while it was away is written`);
    },
    onFlushError: (error) => notice(errorMessage(error)),
  });
}

/** Refuses, in words, what the connected team role may not do; the server's GRANTs refuse it again. */
function guardByRole(handlers: HandlerTable, role: Parameters<typeof refusal>[0]): void {
  const table = handlers as Record<string, (input: never) => unknown>;
  for (const method of Object.keys(table)) {
    const why = refusal(role, method);
    if (why) table[method] = () => Promise.reject(new EngineError('unavailable', why));
  }
}

function privacyNotice(dataDir: string, fixed: string[]): string | null {
  if (fixed.length === 0) return null;
  return `the data folder ${dataDir} was not private: ${fixed.length} file(s) or folder(s) were open to group or others and are now 0600/0700 (first: ${fixed[0]})`;
}
