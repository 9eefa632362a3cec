import { describe, expect, test } from 'vitest';
import { EngineEvents } from '../../../main/engine/dispatch/engine-events';
import type { CommandAudit, CommandEnd, CommandStart } from '../../../main/engine/scan/command-audit';
import type { CommandExecutor, ExecOutcome } from '../../../main/engine/scan/command-executor';
import { ScanService, type ScanServiceOptions } from '../../../main/engine/scan/scan-service';
import type { ScanTarget } from '../../../main/engine/scan/scan-target';
import { SshError } from '../../../main/engine/ssh/ssh-error';
import { IDENTITY_COMMANDS, OS_PROBE } from '../../../main/engine/collectors/identity/identity-commands';
import { remoteCommandLine } from '../../../main/engine/collectors/host-command';
import { AREAS } from '../../../main/engine/areas/area-registry';
import { defineArea } from '../../../main/engine/areas/area-definition';
import type { EventName, EventPayloads, PostureArea } from '../../../preload/contract';

function target(name: string, overrides: Partial<ScanTarget> = {}): ScanTarget {
  return {
    name,
    dc: 'nj',
    address: '10.0.0.1',
    os: 'debian',
    roles: ['imap'],
    useSudo: true,
    siteRole: 'primary',
    policy: { roles: ['imap'], allowedPorts: [], patchSlaHours: 24, backupRpoHours: 24, restoreTestMaxAgeDays: 30, platformImageMaxAgeDays: 180 },
    route: { target: { label: name, address: '10.0.0.1', port: 22, user: 'ops' }, jumps: [] },
    ...overrides,
  };
}

const answers: Record<string, string> = {
  'env LC_ALL=C hostname': 'imap1\n',
  'env LC_ALL=C cat /etc/os-release': 'NAME="Debian GNU/Linux"\nVERSION="12 (bookworm)"\n',
  'env LC_ALL=C uname -r': '6.1.0-28-amd64\n',
  'env LC_ALL=C cat /proc/uptime': '100.5 10.1\n',
  'env LC_ALL=C uname -s': 'Linux\n',
};

class FakeExecutor implements CommandExecutor {
  readonly commands: string[] = [];
  constructor(private readonly behaviour: (host: string, command: string, signal?: AbortSignal) => Promise<ExecOutcome> | ExecOutcome = defaultAnswer) {}
  async exec(route: ScanTarget['route'], command: string, options?: { signal?: AbortSignal }): Promise<ExecOutcome> {
    this.commands.push(command);
    return this.behaviour(route.target.label, command, options?.signal);
  }
}

function defaultAnswer(_host: string, command: string): ExecOutcome {
  return { stdout: answers[command] ?? '', stderr: '', exitCode: answers[command] ? 0 : 127, signal: null, durationMs: 1 };
}

class RecordingAudit implements CommandAudit {
  readonly starts: CommandStart[] = [];
  readonly ends: [number, CommandEnd][] = [];
  failStarts = false;
  async commandStarted(start: CommandStart): Promise<number> {
    if (this.failStarts) throw new Error('disk full');
    this.starts.push(start);
    return this.starts.length;
  }
  async commandEnded(seq: number, end: CommandEnd): Promise<void> {
    this.ends.push([seq, end]);
  }
}

function collect(events: EngineEvents) {
  const seen: { name: EventName; payload: EventPayloads[EventName] }[] = [];
  events.subscribe((name, payload) => seen.push({ name, payload }));
  return seen;
}

describe('ScanService', () => {
  test('scans hosts, streams progress and results, and records every command before and after it runs', async () => {
    const events = new EngineEvents();
    const seen = collect(events);
    const audit = new RecordingAudit();
    const service = new ScanService({ executor: new FakeExecutor(), audit, events, areas: [] });
    const run = service.start([target('imap1.nj'), target('mx1.nj')]);
    const outcome = await run.done;
    expect(outcome.results.map((r) => [r.host, r.phase])).toEqual(
      expect.arrayContaining([
        ['imap1.nj', 'done'],
        ['mx1.nj', 'done'],
      ]),
    );
    expect(service.lastResult('imap1.nj')?.identity).toEqual({
      hostname: 'imap1',
      osName: 'Debian GNU/Linux',
      osVersion: '12 (bookworm)',
      kernel: '6.1.0-28-amd64',
      uptimeSeconds: 100,
    });
    expect(audit.starts).toHaveLength(8);
    expect(audit.ends.map(([seq]) => seq).sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const finished = seen.filter((event) => event.name === 'scan:finished');
    expect(finished).toEqual([{ name: 'scan:finished', payload: { runId: run.runId, total: 2, ok: 2, failed: 0, cancelled: false, cancelledHosts: 0 } }]);
    expect(seen.filter((event) => event.name === 'scan:host-result')).toHaveLength(2);
    const phases = seen.filter((e) => e.name === 'scan:progress' && (e.payload as { host: string }).host === 'mx1.nj').map((e) => (e.payload as { phase: string }).phase);
    expect(phases).toEqual(['queued', 'connecting', 'running', 'done']);
  });

  test('never splices inventory text into a command: hostile names, users and tags change nothing', async () => {
    const executor = new FakeExecutor();
    const hostile = "x'; rm -rf / #$(reboot)`id`\n";
    const service = new ScanService({ executor, audit: new RecordingAudit(), events: new EngineEvents() });
    await service.start([
      target(hostile, {
        dc: hostile,
        roles: [hostile],
        os: 'auto',
        route: { target: { label: hostile, address: '10.0.0.9', port: 22, user: hostile }, jumps: [{ label: hostile, address: '10.0.0.8', port: 22, user: hostile }] },
      }),
    ]).done;
    const allowed = new Set(
      [OS_PROBE, ...IDENTITY_COMMANDS.debian, ...IDENTITY_COMMANDS.smartos, ...AREAS.flatMap((c) => [...c.commands.debian, ...c.commands.smartos])].flatMap((c) => [
        remoteCommandLine(c, true),
        remoteCommandLine(c, false),
      ]),
    );
    expect(executor.commands.length).toBeGreaterThan(0);
    for (const command of executor.commands) expect(allowed).toContain(command);
  });

  test('a hung host does not stall the others, and its failure names the reason', async () => {
    const executor = new FakeExecutor((host, command, signal) => {
      if (host !== 'hung.nj') return defaultAnswer(host, command);
      return new Promise((_resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('hung.nj: command timed out after 50 ms')), 50);
        signal?.addEventListener('abort', () => clearTimeout(timer));
      });
    });
    const service = new ScanService({ executor, audit: new RecordingAudit(), events: new EngineEvents(), maxConcurrentHosts: 2 });
    const outcome = await service.start([target('hung.nj'), target('a.nj'), target('b.nj'), target('c.nj')]).done;
    const byHost = Object.fromEntries(outcome.results.map((r) => [r.host, r]));
    expect(byHost['a.nj']!.phase).toBe('done');
    expect(byHost['c.nj']!.phase).toBe('done');
    expect(byHost['hung.nj']!.phase).toBe('failed');
    expect(byHost['hung.nj']!.reason).toContain('timed out');
  });

  test('cancel stops the run: queued hosts are reported cancelled, and the finish event says so', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const executor = new FakeExecutor(async (host, command, signal) => {
      await Promise.race([gate, new Promise((resolve) => signal?.addEventListener('abort', resolve))]);
      if (signal?.aborted) throw new Error('cancelled');
      return defaultAnswer(host, command);
    });
    const events = new EngineEvents();
    const seen = collect(events);
    const service = new ScanService({ executor, audit: new RecordingAudit(), events, maxConcurrentHosts: 1 });
    const run = service.start([target('a.nj'), target('b.nj'), target('c.nj')]);
    await Promise.resolve();
    expect(service.cancel(run.runId)).toBe(true);
    release();
    const outcome = await run.done;
    expect(outcome.cancelled).toBe(true);
    expect(outcome.results.every((r) => r.phase === 'cancelled')).toBe(true);
    expect(seen.at(-1)).toMatchObject({ name: 'scan:finished', payload: { cancelled: true, total: 3, failed: 0, cancelledHosts: 3 } });
    expect(service.cancel(run.runId)).toBe(false);
  });

  test('a command whose start cannot be audited is not run', async () => {
    const executor = new FakeExecutor();
    const audit = new RecordingAudit();
    audit.failStarts = true;
    const service = new ScanService({ executor, audit, events: new EngineEvents() });
    const outcome = await service.start([target('a.nj')]).done;
    expect(executor.commands).toEqual([]);
    expect(outcome.results[0]!.phase).toBe('failed');
    expect(outcome.results[0]!.reason).toContain('audit log could not record');
  });

  test('os auto: uname -s picks the checks, and an unknown kernel is a named failure', async () => {
    const service = new ScanService({ executor: new FakeExecutor(), audit: new RecordingAudit(), events: new EngineEvents() });
    const detected = await service.start([target('auto.nj', { os: 'auto' })]).done;
    expect(detected.results[0]!.detectedOs).toBe('debian');
    const odd = new FakeExecutor((host, command) => (command.endsWith('uname -s') ? { stdout: 'Darwin\n', stderr: '', exitCode: 0, signal: null, durationMs: 1 } : defaultAnswer(host, command)));
    const failed = await new ScanService({ executor: odd, audit: new RecordingAudit(), events: new EngineEvents() }).start([target('mac', { os: 'auto' })]).done;
    expect(failed.results[0]!.reason).toContain('expected Linux or SunOS');
  });
});

test('a command line that two areas both need runs once, and each area gets its output', async () => {
  const executor = new FakeExecutor();
  const shared = { id: 'other.kernel', command: 'uname -r', privileged: false };
  const area = defineArea({ area: 'patches', control: 'softwareUpdates', commands: { debian: [shared], smartos: [] }, facts: () => ({}), findings: () => [] });
  const outcome = await new ScanService({ executor, audit: new RecordingAudit(), events: new EngineEvents(), areas: [area] }).start([target('a.nj')]).done;
  expect(executor.commands.filter((command) => command === 'env LC_ALL=C uname -r')).toHaveLength(1);
  const ids = outcome.results[0]!.outputs.filter((output) => output.command === 'env LC_ALL=C uname -r').map((output) => output.id);
  expect(ids.sort()).toEqual(['identity.kernel', 'other.kernel']);
});

test("a host's previous facts are read from the store only for the areas that carry something over, and reach those areas", async () => {
  const seen: unknown[] = [];
  const carried = defineArea<{ runs: number }>({
    area: 'patches',
    control: 'softwareUpdates',
    commands: { debian: [], smartos: [] },
    readsPrevious: true,
    facts: (_os, _outputs, _now, previous) => (seen.push(previous), { runs: (previous?.runs ?? 0) + 1 }),
    findings: () => [],
  });
  const plain = defineArea({ area: 'firewall', control: 'necessaryCommunications', commands: { debian: [], smartos: [] }, facts: () => ({}), findings: () => [] });
  const asked: [string, readonly string[]][] = [];
  const storedFacts = async (host: string, areas: readonly PostureArea[]) => (asked.push([host, areas]), { patches: { runs: 4 } });
  const service = new ScanService({ executor: new FakeExecutor(), audit: new RecordingAudit(), events: new EngineEvents(), areas: [carried, plain], storedFacts });
  const first = await service.start([target('a.nj')]).done;
  expect(asked).toEqual([['a.nj', ['patches']]]);
  expect(first.results[0]!.facts).toMatchObject({ patches: { runs: 5 } });
  // Later scans in the same process carry over this process's own answer, without asking the store.
  await service.start([target('a.nj')]).done;
  expect(asked).toHaveLength(1);
  expect(seen).toEqual([{ runs: 4 }, { runs: 5 }]);
  // With no area that carries anything over, the store is never asked.
  const none = new ScanService({ executor: new FakeExecutor(), audit: new RecordingAudit(), events: new EngineEvents(), areas: [plain], storedFacts });
  await none.start([target('b.nj')]).done;
  expect(asked).toHaveLength(1);
});

test('a connection lost after some commands answered fails the host, names the drop, and keeps the answers as evidence', async () => {
  const executor = new FakeExecutor((host, command) => {
    if (command === 'env LC_ALL=C hostname') return defaultAnswer(host, command);
    throw new SshError('connection-lost', host, `${host}: the connection dropped while \`${command}\` was running`);
  });
  const [result] = (await new ScanService({ executor, audit: new RecordingAudit(), events: new EngineEvents() }).start([target('cut.nj')]).done).results;
  expect(result!.phase).toBe('failed');
  expect(result!.reason).toMatch(/^cut\.nj: the connection dropped while `.*` was running \(1 of \d+ commands had answered; kept as evidence\)$/);
  expect(result!.outputs.find((output) => output.id === 'identity.hostname')?.stdout).toBe('imap1\n');
  expect(result!.findings).toEqual([]);
});

test("one command that times out leaves the host answered, with that command's error in its evidence", async () => {
  const executor = new FakeExecutor((host, command) => {
    if (command !== 'env LC_ALL=C cat /proc/uptime') return defaultAnswer(host, command);
    throw new SshError('command-timeout', host, `${host}: \`${command}\` did not finish within 1 s; its channel was closed`);
  });
  const [result] = (await new ScanService({ executor, audit: new RecordingAudit(), events: new EngineEvents(), areas: [] }).start([target('slow.nj')]).done).results;
  expect(result!.phase).toBe('done');
  expect(result!.outputs.find((output) => output.id === 'identity.uptime')?.error).toMatch(/did not finish/);
});

describe('fleet findings compare with the whole fleet, whatever the run read', () => {
  /** One finding per host, naming every host it was compared with (and the facts each stood for). */
  const peersArea = defineArea<{ read: string }>({
    area: 'patches',
    control: 'softwareUpdates',
    commands: { debian: [], smartos: [] },
    facts: (_os, _outputs, now) => ({ read: now.toISOString() }),
    findings: () => [],
    fleetFindings: (hosts) =>
      hosts.map((host) => ({
        id: `peers:${host.host}`,
        host: host.host,
        dc: host.dc,
        area: 'patches' as const,
        control: 'softwareUpdates' as const,
        severity: 'info' as const,
        title: 'compared with',
        detail: hosts.map((peer) => `${peer.host}@${peer.dc}/${peer.siteRole}/${peer.facts.read}`).join(' '),
        evidence: { commandIds: [], excerpt: [] },
      })),
  });
  const fleet = [target('imap1.nj'), target('imap1.sea', { dc: 'sea', siteRole: 'secondary' }), target('never.sea', { dc: 'sea', siteRole: 'secondary' })];
  const comparedWith = (result: { findings: { id: string; detail: string }[] } | undefined) => result?.findings.find((finding) => finding.id.startsWith('peers:'))?.detail;
  const clock = (iso: string) => () => new Date(iso);
  /** A new process's service (nothing in memory) on the fleet above, at 2026-12-03, reading the store through `options`. */
  const freshService = (options: Partial<ScanServiceOptions>) =>
    new ScanService({
      executor: new FakeExecutor(),
      audit: new RecordingAudit(),
      events: new EngineEvents(),
      areas: [peersArea],
      now: clock('2026-12-03T00:00:00.000Z'),
      fleetTargets: () => fleet,
      ...options,
    });
  const scanImap1Nj = (service: ScanService) => service.start([fleet[0]!], { kind: 'host', name: 'imap1.nj' }).done;

  test('a host scan after a fleet scan: the host is compared with the others as the last scan read them, and only it gets findings', async () => {
    let now = '2026-12-01T00:00:00.000Z';
    const executor = new FakeExecutor((host, command) => (host === 'never.sea' ? Promise.reject(new SshError('connect-timeout', host, `${host}: timed out`)) : defaultAnswer(host, command)));
    const service = new ScanService({ executor, audit: new RecordingAudit(), events: new EngineEvents(), areas: [peersArea], now: () => new Date(now), fleetTargets: () => fleet });
    await service.start(fleet).done;
    now = '2026-12-02T00:00:00.000Z';
    const { results } = await service.start([fleet[0]!], { kind: 'host', name: 'imap1.nj' }).done;
    expect(results).toHaveLength(1);
    expect(comparedWith(results[0])).toBe('imap1.nj@nj/primary/2026-12-02T00:00:00.000Z imap1.sea@sea/secondary/2026-12-01T00:00:00.000Z');
    expect(comparedWith(service.lastResult('imap1.sea') ?? undefined)).toBe('imap1.nj@nj/primary/2026-12-01T00:00:00.000Z imap1.sea@sea/secondary/2026-12-01T00:00:00.000Z');
  });

  test('a new process with a stored history: the hosts it does not read are compared from the store, which is asked only for them', async () => {
    const asked: [string, readonly string[]][] = [];
    const service = freshService({
      storedAreaFacts: async (area, hosts) => {
        asked.push([area, hosts]);
        return hosts.includes('imap1.sea') ? [{ host: 'imap1.sea', facts: { read: 'stored' } }] : [];
      },
    });
    const { results } = await scanImap1Nj(service);
    expect(comparedWith(results[0])).toBe('imap1.nj@nj/primary/2026-12-03T00:00:00.000Z imap1.sea@sea/secondary/stored');
    expect(asked).toEqual([['patches', ['imap1.sea', 'never.sea']]]);
  });

  test('a store that cannot be read costs the run nothing but those peers, and says so', async () => {
    const said: string[] = [];
    const service = freshService({ storedAreaFacts: () => Promise.reject(new Error('connection to the team store lost')), onRecorderError: (error) => said.push(String(error)) });
    const outcome = await scanImap1Nj(service);
    expect(outcome.results.map((result) => result.phase)).toEqual(['done']);
    expect(comparedWith(outcome.results[0])).toBe('imap1.nj@nj/primary/2026-12-03T00:00:00.000Z');
    expect(said).toEqual([
      expect.stringContaining('patches facts of the hosts this scan did not read could not be loaded, so its fleet comparisons leave them out: connection to the team store lost'),
    ]);
  });

  test('without the fleet given, a run compares only what it read (as before a fleet is known)', async () => {
    const service = new ScanService({ executor: new FakeExecutor(), audit: new RecordingAudit(), events: new EngineEvents(), areas: [peersArea], now: clock('2026-12-04T00:00:00.000Z') });
    const { results } = await service.start([fleet[0]!, fleet[1]!]).done;
    expect(results.map(comparedWith)).toEqual([
      'imap1.nj@nj/primary/2026-12-04T00:00:00.000Z imap1.sea@sea/secondary/2026-12-04T00:00:00.000Z',
      'imap1.nj@nj/primary/2026-12-04T00:00:00.000Z imap1.sea@sea/secondary/2026-12-04T00:00:00.000Z',
    ]);
  });
});
