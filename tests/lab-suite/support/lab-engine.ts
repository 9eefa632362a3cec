// OpsDeck's engine pointed at the lab: its inventory, its known_hosts as the
// operator's (strict: an unknown key is refused and remembered here), a
// throw-away data folder, no agent, no ~/.ssh.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HostScanDetail, HostPhase, ScanFinishedEvent, ScanScope } from '../../../preload/contract';
import { createEngine, type Engine, type EngineOptions } from '../../../main/engine/engine';
import { MemorySecretStore } from '../../../main/engine/secrets/memory-secret-store';
import type { HostKeyQuestion } from '../../../main/engine/ssh/operator-prompts';
import type { LabDescription } from '../../lab/lab-up';

export interface LabEngine {
  engine: Engine;
  refusedHostKeys: HostKeyQuestion[];
  dispose(): Promise<void>;
}

export async function labEngine(lab: LabDescription, overrides: Partial<EngineOptions> = {}): Promise<LabEngine> {
  const dataDir = await mkdtemp(join(tmpdir(), 'opsdeck-lab-engine-'));
  const refusedHostKeys: HostKeyQuestion[] = [];
  const engine = await createEngine({
    dataDir,
    inventoryPath: lab.paths.inventory,
    userKnownHostsPath: lab.paths.knownHosts,
    sshConfigText: null,
    defaultIdentityFiles: [],
    secrets: new MemorySecretStore(),
    demoFleet: 'never',
    prompter: {
      confirmUnknownHostKey: async (question) => {
        refusedHostKeys.push(question);
        return false;
      },
      keyboardInteractive: async () => null,
      keyPassphrase: async () => null,
    },
    ...overrides,
  });
  if (engine.startupProblems.length > 0) throw new Error(`the lab inventory did not load: ${engine.startupProblems.join('; ')}`);
  return {
    engine,
    refusedHostKeys,
    dispose: async () => {
      await engine.dispose();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface ProgressEvent {
  host: string;
  phase: HostPhase;
}

/** Starts a scan and resolves with every host's result once it finished. */
export async function scanAndWait(engine: Engine, scope: ScanScope = { kind: 'fleet' }, onProgress?: (event: ProgressEvent) => void): Promise<Map<string, HostScanDetail>> {
  let runId: string | null = null;
  const early: ScanFinishedEvent[] = [];
  let resolveFinished: (event: ScanFinishedEvent) => void = () => undefined;
  const finished = new Promise<ScanFinishedEvent>((resolve) => (resolveFinished = resolve));
  const unsubscribe = engine.events.subscribe((name, payload) => {
    if (name === 'scan:progress' && onProgress) onProgress(payload as ProgressEvent);
    if (name === 'scan:finished') {
      const event = payload as ScanFinishedEvent;
      if (runId === null) early.push(event);
      else if (event.runId === runId) resolveFinished(event);
    }
  });
  try {
    const started = await engine.handlers['scan.start']({ scope });
    runId = started.runId;
    const already = early.find((event) => event.runId === runId);
    if (already) resolveFinished(already);
    await finished;
  } finally {
    unsubscribe();
  }
  const results = new Map<string, HostScanDetail>();
  for (const target of engine.fleet.targets(scope)) {
    const result = engine.scans.lastResult(target.name);
    if (result) results.set(target.name, result);
  }
  return results;
}
