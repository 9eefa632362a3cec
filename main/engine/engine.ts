// Composes the engine's services and exposes them as the contract's handler
// table plus an event stream. Constructed with everything it needs (paths,
// secrets, the operator prompter); owns its resources and releases them
// with dispose().
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { HostScanSummary, MethodParsedInput } from '../../preload/contract';
import { auditPage, recentAuditEntries } from './audit/audit-entry-view';
import { AuditLog, operatorFromOs } from './audit/audit-log';
import { auditVerifyView, verifyAuditFile } from './audit/verify-audit-file';
import { IntegrityCheckService } from './backups/integrity-check-service';
import { integrityCycleViews, integrityJobs } from './backups/integrity-cycle';
import { RestoreTestService } from './backups/restore-test-service';
import type { HandlerTable } from './contract/dispatch-call';
import { EngineError } from './contract/engine-error';
import { EngineEvents } from './contract/engine-events';
import { drillsHandlers } from './drills/drills-handlers';
import { reportsHandlers } from './reports/reports-handlers';
import { firewallHandlers } from './firewall-views/firewall-handlers';
import { ENGINE_VERSION } from './engine-version';
import { FileAccess } from './fleet/file-access';
import { FleetService } from './fleet/fleet-service';
import { importAnsibleFile } from './fleet/import-ansible-file';
import { rolePolicyViews } from './fleet/role-policy-view';
import { startInProcessDemo, type InProcessDemo } from './fleet/in-process-demo-fleet';
import { UiPromptBroker } from './operator/ui-prompt-broker';
import { encryptionCoverageViews } from './posture/encryption-coverage-view';
import { integrityCycleFindings } from './posture/integrity-cycle-findings';
import { restoreTestFindings as failedRestoreTestFindings } from './posture/restore-test-findings';
import { auditedHostKeys, commandAuditFor } from './scan/audit-log-adapters';
import type { CommandExecutor } from './scan/command-executor';
import { hostHistoryView } from './scan/host-history';
import { ScanService } from './scan/scan-service';
import { storeScanRecorder } from './scan/store-scan-recorder';
import { keychainAvailability, KeytarSecretStore, type KeychainAvailability } from './secrets/keytar-secret-store';
import type { SecretStore } from './secrets/secret-store';
import { readSettings, writeSettings } from './settings/engine-settings';
import { reportSourcesFor } from './reports/report-sources';
import type { StatusReportSources } from './reports/status-report';
import type { PdfPrinter } from './reports/write-report-files';
import { HostKeyStore } from './ssh/host-key-store';
import type { OperatorPrompter } from './ssh/operator-prompts';
import { SshPool, type SshLimits } from './ssh/ssh-pool';
import { withOutputPreviews } from './scan/output-preview';
import { hostHistoryRows } from './store/host-history-query';
import { makeDataDirPrivate } from './store/data-dir-permissions';
import { openStore } from './store/open-store';
import { FleetSnapshotStore } from './store/fleet-snapshot-store';
import { refusal } from './store/team-access';
import { recordAuditAnchor, workstationId } from './store/audit-anchor-store';
import { hostname } from 'node:os';
import { errorMessage } from './errors/error-message';
import { ScanRetention } from './store/scan-retention';

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
  /** Prints a report's HTML to PDF (Electron's printToPDF in the app, a headless Chromium elsewhere); absent: no PDF export. */
  printPdf?: PdfPrinter;
}

export type FileChoicePurpose = MethodParsedInput<'fleet.chooseFile'>['purpose'];

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
  const events = new EngineEvents();
  const startupProblems: string[] = [];
  const dataDirNotice = privacyNotice(options.dataDir, (await makeDataDirPrivate(options.dataDir)).fixed);
  if (dataDirNotice) startupProblems.push(dataDirNotice);
  const settings = await readSettings(options.dataDir);
  const operator = operatorFromOs(options.operatorDisplayName ?? settings.operatorDisplayName ?? undefined);
  const auditPath = join(options.dataDir, 'audit.log');
  const secrets = options.secrets ?? new KeytarSecretStore();
  const audit = await AuditLog.open(auditPath, operator, { secrets, ...(options.now ? { now: options.now } : {}) });
  const storeUrl = options.storeUrl !== undefined ? options.storeUrl : settings.storeUrl;
  const store = await openStore(options.dataDir, storeUrl).catch(async (error: unknown) => {
    await audit.close();
    throw error;
  });
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
  const keepDataDirPrivate = () => makeDataDirPrivate(options.dataDir);
  await keepDataDirPrivate();
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
  const executor: CommandExecutor = options.executor ?? pool!;
  const fleet = new FleetService(options.sshConfigText ?? null);
  const latest = new Map<string, HostScanSummary>((await store.scans.latestHostSummaries()).map((summary) => [summary.host, summary]));
  const retention = new ScanRetention(store.sql, {
    days: async () => (await readSettings(options.dataDir)).retentionDays,
    now: () => options.now?.() ?? new Date(),
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
    recorder: storeScanRecorder(store.scans, operator.login, () => fleet.source.label, () => (team ? undefined : retention.schedule())),
    storedFacts: (host) => store.scans.latestFacts(host),
    onRecorderError: (error) => notice(`scan history not saved: ${errorMessage(error)}`),
    ...(pool ? { hostKeyGate: pool, prompter } : {}),
    siteName: (dc) => fleet.current?.datacentres.find((site) => site.id === dc)?.name ?? dc,
  });
  events.subscribe((name, payload) => {
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
  const integrityCycles = async () => {
    const hosts = (fleet.current ? fleet.targets({ kind: 'fleet' }) : []).map((target) => ({ name: target.name, dc: target.dc, jobs: target.policy.backups ?? [] }));
    return integrityCycleViews(integrityJobs(hosts), await store.integrityChecks.list({ limit: 100_000 }), (options.now ?? (() => new Date()))());
  };

  const inventoryPath = options.inventoryPath ?? settings.inventoryPath;
  const demoMode = options.demoFleet ?? 'never';
  let demo: InProcessDemo | null = null;
  const snapshots = new FleetSnapshotStore(store.sql);
  const teamSnapshot = team && !inventoryPath && demoMode !== 'always' ? await snapshots.newest() : null;
  if (teamSnapshot) {
    fleet.useTeamSnapshot(teamSnapshot.inventory, `${teamSnapshot.label} (team store, recorded ${teamSnapshot.recordedAt} by ${teamSnapshot.recordedBy})`);
  } else if (team && !inventoryPath && demoMode === 'when-empty') {
    startupProblems.push('the team store holds no fleet yet: an operator records it with their first scan; until then there is nothing to show');
  } else if (demoMode === 'always' || (demoMode === 'when-empty' && !inventoryPath)) {
    demo = await startInProcessDemo(options.dataDir, options.demoHosts);
    fleet.useDemo(demo.fleet.inventoryYaml, demo.inventoryPath);
  } else if (inventoryPath) {
    const problems = await fleet.loadFile(inventoryPath);
    for (const problem of problems) startupProblems.push(`${problem.file}:${problem.line}:${problem.column}: ${problem.message}`);
  }

  const files = new FileAccess(options.dataDir, options.allowedFileRoots);
  const reportSources = reportSourcesFor({ sql: store.sql, restoreTests: store.restoreTests, fleet, auditPath, secrets, now: options.now });
  const summaryFor = (host: string) => latest.get(host) ?? null;
  const handlers: HandlerTable = {
    'app.info': () => {
      const view = fleet.view(summaryFor);
      return {
        name: 'OpsDeck',
        version: options.appVersion ?? ENGINE_VERSION,
        engineVersion: ENGINE_VERSION,
        fleet: view.source,
        hostCount: view.hosts.length,
        datacentreCount: view.datacentres.length,
        notices: [...startupProblems],
        keychain,
        store: { ...store.identity },
      };
    },
    'fleet.get': () => fleet.view(summaryFor),
    'fleet.chooseFile': async ({ purpose }) => {
      if (!options.chooseFile) {
        throw new EngineError('unavailable', 'this front end has no file dialog: type the path of a file under a folder allowed when it was started (--allow-dir)');
      }
      const path = await options.chooseFile(purpose);
      if (path !== null) files.grant(path);
      return { path };
    },
    'fleet.loadInventory': async ({ path: given }) => {
      const path = await files.check(given, 'read');
      const problems = await fleet.loadFile(path);
      if (problems.length === 0) {
        await writeSettings(options.dataDir, { ...(await readSettings(options.dataDir)), inventoryPath: path });
        events.emit('fleet:changed', fleet.source);
      }
      return fleet.view(summaryFor);
    },
    'fleet.importAnsible': async (input) => {
      const path = await files.check(input.path, 'read');
      const mappingPath = input.mappingPath === null ? null : await files.check(input.mappingPath, 'read');
      const savePath = await files.check(input.savePath, 'create');
      const { warnings } = await importAnsibleFile(path, mappingPath, savePath);
      const view = await handlers['fleet.loadInventory']({ path: savePath });
      return { fleet: view, warnings, savedTo: savePath };
    },
    'scan.start': async ({ scope }) => {
      const targets = fleet.targets(scope);
      if (targets.length === 0) throw new EngineError('not-found', 'the scope holds no hosts');
      if (team && fleet.current && fleet.source.path !== null) await snapshots.record(fleet.source.label, fleet.current);
      const run = scans.start(targets, scope);
      await audit.append('scan.start', { runId: run.runId, scope, total: run.total, fleet: fleet.source.label });
      const ended = run.done.then((outcome) =>
        audit
          .append('scan.end', {
            runId: outcome.runId,
            ok: outcome.results.filter((result) => result.phase === 'done').length,
            failed: outcome.results.filter((result) => result.phase !== 'done').length,
            cancelled: outcome.cancelled,
          })
          .then((entry) =>
            team && store.identity.role !== 'viewer'
              ? recordAuditAnchor(store.sql, workstationId(hostname(), resolve(options.dataDir)), entry).catch((error: unknown) =>
                  notice(`team store: the audit log anchor after scan ${outcome.runId} was not recorded (${errorMessage(error)})`),
                )
              : undefined,
          )
          .catch((error: unknown) => notice(`audit log: the end of scan ${outcome.runId} could not be recorded (${errorMessage(error)})`))
          .then(keepDataDirPrivate)
          .catch((error: unknown) => notice(`data folder: ${errorMessage(error)}`)),
      );
      pendingWrites.add(ended);
      void ended.finally(() => pendingWrites.delete(ended));
      return { runId: run.runId, total: run.total };
    },
    'scan.cancel': async ({ runId }) => {
      const cancelled = scans.cancel(runId);
      if (cancelled) broker.declineAll();
      return { cancelled };
    },
    'scan.current': () => ({ run: scans.current(), prompts: broker.openPrompts() }),
    'host.lastScan': async ({ name }) => {
      const last = scans.lastResult(name);
      return last ? withOutputPreviews(last) : await store.scans.latestHostDetail(name);
    },
    'host.rawOutputPage': async ({ name, runId, index, stream, offset, length }) => {
      const page = await store.scans.rawOutputPage(runId, name, index, stream, offset, length);
      return page ? { text: page.bytes.toString('utf8'), offset, bytes: page.bytes.length, totalBytes: page.totalBytes } : null;
    },
    'operator.answer': ({ promptId, answer }) => ({ accepted: broker.answer(promptId, answer) }),
    'posture.findings': async () => {
      const hosts = new Set(fleet.current?.hosts.map((host) => host.name) ?? []);
      const restoreTestFindings = failedRestoreTestFindings(await store.restoreTests.latestPerHost());
      const integrityFindings = integrityCycleFindings(await integrityCycles(), (options.now ?? (() => new Date()))());
      return [...(await store.scans.latestFindings()), ...restoreTestFindings, ...integrityFindings].filter((finding) => hosts.has(finding.host));
    },
    'posture.areaFacts': async ({ area }) => {
      const hosts = new Set(fleet.current?.hosts.map((host) => host.name) ?? []);
      return (await store.scans.latestAreaFacts(area)).filter((row) => hosts.has(row.host));
    },
    'posture.patchHistory': () => store.scans.patchHistory(60),
    'posture.encryptionCoverage': async () => {
      const hosts = new Set(fleet.current?.hosts.map((host) => host.name) ?? []);
      const facts = (await store.scans.latestAreaFacts('encryption')).filter((row) => hosts.has(row.host));
      return encryptionCoverageViews(facts, await store.scans.latestFindings());
    },
    ...firewallHandlers({ fleet, store: store.scans, lastResult: (host) => scans.lastResult(host) }),
    ...reportsHandlers(reportSources, { exportRoot: join(options.dataDir, 'reports'), printPdf: options.printPdf ?? null }),
    ...drillsHandlers(
      { demo: () => demo !== null, inventoryPath: () => (demo ? null : inventoryPath ?? null), now: options.now ?? (() => new Date()) },
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
        now: options.now ?? (() => new Date()),
      },
    ),
    'audit.verify': async () => auditVerifyView(await verifyAuditFile(auditPath, secrets)),
    'audit.recent': async ({ limit }) => recentAuditEntries(await readFile(auditPath, 'utf8'), limit),
    'host.history': async ({ name, limit }) => hostHistoryView(await hostHistoryRows(store.sql, name, limit ?? 50)),
    'audit.page': async (query) => auditPage(await readFile(auditPath, 'utf8'), query),
    'fleet.policies': () => rolePolicyViews(fleet.current),
    'fleet.useDemo': async () => {
      demo ??= await startInProcessDemo(options.dataDir, options.demoHosts);
      fleet.useDemo(demo.fleet.inventoryYaml, demo.inventoryPath);
      await writeSettings(options.dataDir, { ...(await readSettings(options.dataDir)), inventoryPath: null });
      events.emit('fleet:changed', fleet.source);
      return fleet.view(summaryFor);
    },
    'backups.restoreTest': async ({ host, files }) => {
      const [target] = fleet.targets({ kind: 'host', name: host });
      if (!target) throw new EngineError('not-found', `no host "${host}" in the inventory`);
      const { testId } = await restoreTests.start(target, files);
      return { testId };
    },
    'backups.cancelRestoreTest': ({ testId }) => ({ cancelled: restoreTests.cancel(testId) }),
    'backups.restoreTests': ({ host, limit }) => store.restoreTests.list({ host, limit }),
    'backups.integrityCheck': async ({ host, job }) => {
      const [target] = fleet.targets({ kind: 'host', name: host });
      if (!target) throw new EngineError('not-found', `no host "${host}" in the inventory`);
      const { checkId } = await integrityChecks.start(target, job);
      return { checkId };
    },
    'backups.cancelIntegrityCheck': ({ checkId }) => ({ cancelled: integrityChecks.cancel(checkId) }),
    'backups.integrityChecks': ({ host, limit }) => store.integrityChecks.list({ host, limit }),
    'backups.integrityCycles': () => integrityCycles(),
    'secrets.forgetPassphrases': async () => {
      const accounts = (await secrets.list?.()) ?? [];
      let removed = 0;
      for (const account of accounts) if (account.startsWith('passphrase:') && (await secrets.delete(account))) removed++;
      return { removed };
    },
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
      await retention.stop();
      await restoreTests.dispose();
      await integrityChecks.dispose();
      await pool?.dispose();
      await demo?.fleet.stop();
      await store.close();
      await audit.close();
      await keepDataDirPrivate();
    },
  };
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

