// The live-run calls as the UI and the CLI make them: through the contract's
// validation (dispatchCall) into the engine's handlers, on the real embedded
// store, with a recording executor in place of SSH and a recording audit.
// Start for an occurrence, check-off with a note, a change refused without
// the typed host (nothing runs, nothing audited) and run with it, a command
// verification with its sha256, hand-over, finish with RTO/RPO against the
// targets, one live run per plan, abort with a reason, resume by listing;
// ended runs on the record as each plan's last drill.
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DrillRunView } from '../../../preload/contract';
import { dispatchCall, type HandlerTable } from '../../../main/engine/dispatch/dispatch-call';
import { drillsHandlers } from '../../../main/engine/drills/drills-handlers';
import type { CommandAudit } from '../../../main/engine/scan/command-audit';
import type { CommandExecutor } from '../../../main/engine/scan/command-executor';
import type { ScanTarget } from '../../../main/engine/scan/scan-target';
import { openEmbeddedStore, type OpenedStore } from '../../../main/engine/store/open-store';

const PLANS = `sites:
  sea: { name: Seattle, time_zone: America/Los_Angeles }
  nj: { name: Bridgewater, time_zone: America/New_York }
plans:
  - id: mx-failover-sea
    title: MX failover to Seattle
    kind: mx-failover
    scope: { site: sea }
    schedule: |
      DTSTART;TZID=America/Los_Angeles:20270103T100000
      RRULE:FREQ=MONTHLY;BYDAY=1SU
    owner: sam
    targets: { rto_minutes: 15, rpo_minutes: 5 }
    steps:
      - { type: checklist, title: Lower the TTL, timebox_minutes: 5 }
      - { type: change, title: Take mx1.nj out of the MX set, timebox_minutes: 5, host: dns1.nj, argv: [/usr/local/sbin/mx-set, remove, "mx1.nj; rm -rf /"] }
      - type: verification
        title: mx1.sea answers SMTP
        timebox_minutes: 5
        verify: { action: command, host: mx1.sea, argv: [/usr/bin/nc, -z, 127.0.0.1, "25"], expect_exit: 0 }
  - id: readiness-sea
    title: Seattle readiness
    kind: site-failover-readiness
    scope: { site: sea }
    schedule: |
      DTSTART;TZID=America/Los_Angeles:20270103T100000
      RRULE:FREQ=MONTHLY;BYDAY=1SU
    owner: sam
    targets: { rto_minutes: 30, rpo_minutes: 60 }
    steps:
      - type: verification
        title: Scan Seattle through Bridgewater
        timebox_minutes: 15
        verify: { action: scan, site: sea, via: nj }
      - type: verification
        title: Seattle matches Bridgewater
        timebox_minutes: 5
        verify: { action: parity, primary: nj, secondary: sea }
      - type: verification
        title: mx1.sea answers on 25
        timebox_minutes: 5
        verify: { action: tcp-port, host: mx1.sea, port: 25 }
`;

let dir = '';
let store: OpenedStore;
let handlers: HandlerTable;
const executed: { host: string; command: string }[] = [];
const audited: string[] = [];
let minute = 0;

const executor: CommandExecutor = {
  exec: async (route, command) => {
    executed.push({ host: (route as unknown as { host: string }).host, command });
    return { stdout: `ok ${command}\n`, stderr: '', exitCode: 0, signal: null, durationMs: 3 };
  },
};
const audit: CommandAudit = {
  commandStarted: async (start) => {
    audited.push(`start ${start.runId} ${start.host} ${start.command}`);
    return audited.length;
  },
  commandEnded: async (seq, end) => {
    audited.push(`end ${seq} ${end.host} ${end.exitCode}`);
  },
};
const endpoint = (address: string) => ({ address, port: 22, user: 'ops' });
const bastions: Record<string, ReturnType<typeof endpoint>> = { nj: endpoint('bastion.nj'), sea: endpoint('bastion.sea') };
const target = (host: string) => {
  const dc = host.split('.')[1]!;
  return { name: host, dc, roles: [host.split(/\d/)[0]!], address: `addr-${host}`, route: { host, target: endpoint(`addr-${host}`), jumps: [bastions[dc]!] } } as unknown as ScanTarget;
};
const scanned: { site: string; routes: string[] }[] = [];
const held: string[] = [];
const facts = (kernel: string, ports: number[]) => ({
  patches: { kernelOrPlatform: kernel },
  firewall: { firewall: { state: 'active' }, exposure: ports.map((port) => ({ proto: 'tcp', port, reachability: 'any' })) },
  encryption: { volumes: [{ mounted: true, encryption: 'encrypted' }] },
});

async function call<T>(name: string, input: unknown): Promise<T> {
  const result = await dispatchCall(handlers, name, input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'opsdeck-drill-run-handlers-'));
  await writeFile(join(dir, 'drills.yaml'), PLANS);
  store = await openEmbeddedStore(join(dir, 'data'));
  const now = () => new Date(Date.UTC(2027, 0, 3, 18, minute++));
  handlers = drillsHandlers(
    { demo: () => false, inventoryPath: () => join(dir, 'fleet.yaml'), now },
    {
      sql: store.sql,
      executor,
      audit,
      targetFor: target,
      siteTargets: (site) => ['imap1', 'mx1', 'db1'].map((name) => target(`${name}.${site}`)),
      latestFacts: async (host) => (host === 'db1.nj' ? facts('6.1.0-28-amd64', [22, 5432]) : facts('6.1.0-25-amd64', [22, 5432])),
      scan: async (targets, site) => {
        scanned.push({ site, routes: targets.map((one) => `${one.route.jumps.map((jump) => jump.address).join('>')}>${one.route.target.address}`) });
        return { runId: 'scan-run-1', results: targets.map((one) => ({ host: one.name, phase: one.name === 'db1.sea' ? 'unreachable' : 'done' })) };
      },
      holdEvidence: async (scanRunId, host, heldBy) => {
        held.push(`${scanRunId} ${host} ${heldBy}`);
      },
      now,
    },
  ) as HandlerTable;
});
afterAll(async () => {
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('drills.* live-run calls', () => {
  test('a whole run end to end, with the measured RTO and RPO against the plan targets', async () => {
    expect((await call<{ problems: string[] }>('drills.schedule', { viewerTimeZone: 'UTC' })).problems).toEqual([]);
    const started = await call<DrillRunView>('drills.startRun', { plan: 'mx-failover-sea', occurrence: '2027-01-03T18:00:00Z', by: 'sam' });
    expect(started).toMatchObject({ planId: 'mx-failover-sea', status: 'live', lead: 'sam', occurrence: '2027-01-03T18:00:00Z', currentStep: 0, rtoTargetMinutes: 15, rpoTargetMinutes: 5 });
    const runId = started.runId;
    expect(started.steps[1]).toMatchObject({ type: 'change', confirmTarget: 'dns1.nj', runs: `on dns1.nj: '/usr/local/sbin/mx-set' 'remove' 'mx1.nj; rm -rf /'` });
    await expect(call('drills.startRun', { plan: 'mx-failover-sea', occurrence: null, by: 'lee' })).rejects.toThrow(`already has a live run (${runId})`);

    const step = (input: object) => call<DrillRunView>('drills.runStep', { runId, note: '', typedTarget: null, by: 'sam', ...input });
    await expect(step({ step: 0, action: 'run' })).rejects.toThrow('is not a verification step');
    expect((await step({ step: 0, action: 'done', note: 'TTL 60 s' })).steps[0]).toMatchObject({ result: 'done', note: 'TTL 60 s' });

    await expect(step({ step: 1, action: 'change', typedTarget: 'dns1' })).rejects.toThrow('type that name exactly');
    await expect(step({ step: 1, action: 'change' })).rejects.toThrow('type that name exactly');
    expect(executed).toEqual([]);
    expect(audited).toEqual([]);
    const changed = await step({ step: 1, action: 'change', typedTarget: 'dns1.nj' });
    expect(changed.steps[1]).toMatchObject({ result: 'done', note: 'changed' });
    expect(executed).toEqual([{ host: 'dns1.nj', command: `'/usr/local/sbin/mx-set' 'remove' 'mx1.nj; rm -rf /'` }]);
    expect(audited[0]).toBe(`start ${runId} dns1.nj '/usr/local/sbin/mx-set' 'remove' 'mx1.nj; rm -rf /'`);

    const handed = await call<DrillRunView>('drills.handOver', { runId, to: 'lee', note: 'sam is off shift', by: 'sam' });
    expect(handed).toMatchObject({ lead: 'lee', handovers: [{ from: 'sam', to: 'lee', note: 'sam is off shift' }] });

    const verified = await step({ step: 2, action: 'run', by: 'lee' });
    const text = `ok '/usr/bin/nc' '-z' '127.0.0.1' '25'\n`;
    expect(verified.steps[2]).toMatchObject({ result: 'done', outputs: [{ host: 'mx1.sea', exitCode: 0, sha256: createHash('sha256').update(text).digest('hex') }] });
    expect(verified.measuredRtoMinutes).toBeGreaterThan(0);

    const finished = await call<DrillRunView>('drills.finishRun', { runId, rpoMinutes: 7, actions: ['shorten the replica lag'], by: 'lee' });
    expect(finished).toMatchObject({ status: 'finished', rtoMet: true, measuredRpoMinutes: 7, rpoMet: false, actions: ['shorten the replica lag'] });
    expect(finished.measuredRtoMinutes).toBeLessThanOrEqual(15);
    expect(await call('drills.liveRuns', {})).toEqual([]);
    await expect(step({ step: 0, action: 'done' })).rejects.toThrow('has finished; nothing more can be recorded');
  });

  test('a live run is listed for resuming; abort needs a reason and frees the plan', async () => {
    const started = await call<DrillRunView>('drills.startRun', { plan: 'mx-failover-sea', occurrence: null, by: 'dana' });
    expect((await call<DrillRunView[]>('drills.liveRuns', {})).map((run) => run.runId)).toEqual([started.runId]);
    expect((await call<DrillRunView>('drills.run', { runId: started.runId })).lead).toBe('dana');
    await expect(call('drills.abortRun', { runId: started.runId, reason: '', by: 'dana' })).rejects.toThrow('invalid input at reason');
    const aborted = await call<DrillRunView>('drills.abortRun', { runId: started.runId, reason: 'real incident at NJ', by: 'dana' });
    expect(aborted).toMatchObject({ status: 'aborted', abortReason: 'real incident at NJ', rtoMet: null });
    expect(await call('drills.liveRuns', {})).toEqual([]);
  });

  test('scan, parity and tcp-port verifications run inside a run and leave their evidence', async () => {
    const started = await call<DrillRunView>('drills.startRun', { plan: 'readiness-sea', occurrence: null, by: 'sam' });
    const runId = started.runId;
    const step = (index: number) => call<DrillRunView>('drills.runStep', { runId, step: index, action: 'run', note: '', typedTarget: null, by: 'sam' });
    executed.length = 0;
    audited.length = 0;

    const afterScan = await step(0);
    expect(scanned).toEqual([{ site: 'sea', routes: ['bastion.nj>addr-imap1.sea', 'bastion.nj>addr-mx1.sea', 'bastion.nj>addr-db1.sea'] }]);
    expect(afterScan.steps[0]).toMatchObject({ result: 'failed', note: `scan run scan-run-1: 2 of 3 hosts answered through nj's bastion; not: db1.sea` });
    expect(afterScan.steps[0]!.outputs[0]!.summary).toContain('"scanRunId": "scan-run-1"');
    // The scan's results are the run's evidence: held against retention in the run's name.
    expect(held).toEqual(['imap1.sea', 'mx1.sea', 'db1.sea'].map((host) => `scan-run-1 ${host} drill run ${runId}`));

    const afterParity = await step(1);
    expect(afterParity.steps[1]).toMatchObject({ result: 'failed', note: 'sea differs from nj: db1.sea kernel or platform image' });
    expect(afterParity.steps[1]!.outputs[0]!.summary).toContain('same  kernel or platform image: mx1.nj 6.1.0-25-amd64 | mx1.sea 6.1.0-25-amd64');
    expect(afterParity.steps[1]!.outputs[0]!.summary).toContain('DIFFERS  kernel or platform image: db1.nj 6.1.0-28-amd64 | db1.sea 6.1.0-25-amd64');
    expect(afterParity.steps[1]!.outputs[0]!.summary).toContain('same  exposed TCP ports: db1.nj 22,5432 | db1.sea 22,5432');

    const afterPort = await step(2);
    expect(executed).toEqual([{ host: undefined, command: `'nc' '-z' '-w' '5' 'addr-mx1.sea' '25'` }]);
    expect(audited[0]).toBe(`start ${runId} bastion bastion.sea 'nc' '-z' '-w' '5' 'addr-mx1.sea' '25'`);
    expect(afterPort.steps[2]).toMatchObject({ result: 'done', note: 'mx1.sea (addr-mx1.sea) answers on TCP 25 from its bastion' });
    expect(afterPort.steps[2]!.outputs[0]).toMatchObject({ host: 'bastion bastion.sea', exitCode: 0 });
    await call('drills.abortRun', { runId, reason: 'test over', by: 'sam' });
  });

  test('runs that ended are on the record: each plan shows its newest as the last drill; a live run is not on it yet', async () => {
    type Row = { id: string; lastDrill: { startedAt: string; outcome: string; lead: string; measuredRtoMinutes: number | null; actions: { title: string; open: boolean }[] } | null };
    const lastDrills = async () => {
      const view = await call<{ plans: Row[] }>('drills.schedule', { viewerTimeZone: 'UTC' });
      return Object.fromEntries(view.plans.map((plan) => [plan.id, plan.lastDrill]));
    };
    const before = await lastDrills();
    // The finished run of the first test passed; dana's later run of the same plan was aborted, and is the newest.
    expect(before['mx-failover-sea']).toMatchObject({ outcome: 'aborted', lead: 'dana', measuredRtoMinutes: null, actions: [] });
    expect(before['readiness-sea']).toMatchObject({ outcome: 'aborted', lead: 'sam' });

    const live = await call<DrillRunView>('drills.startRun', { plan: 'readiness-sea', occurrence: null, by: 'lee' });
    expect((await lastDrills())['readiness-sea']).toEqual(before['readiness-sea']);
    await call('drills.runStep', { runId: live.runId, step: 0, action: 'skipped', note: 'no scan today', typedTarget: null, by: 'lee' });
    await call('drills.runStep', { runId: live.runId, step: 1, action: 'failed', note: 'parity broken', typedTarget: null, by: 'lee' });
    await call('drills.runStep', { runId: live.runId, step: 2, action: 'skipped', note: '', typedTarget: null, by: 'lee' });
    await call('drills.finishRun', { runId: live.runId, rpoMinutes: null, actions: ['fix the parity'], by: 'lee' });
    expect((await lastDrills())['readiness-sea']).toMatchObject({ outcome: 'failed', lead: 'lee', actions: [{ title: 'fix the parity', open: true }] });
  });

  test('bad input is refused by the contract, an unknown plan by name', async () => {
    await expect(call('drills.startRun', { plan: 'nope', occurrence: null, by: 'sam' })).rejects.toThrow('no drill plan "nope"');
    await expect(call('drills.startRun', { plan: 'mx-failover-sea', occurrence: null, by: '  ' })).rejects.toThrow('invalid input at by');
    await expect(call('drills.run', { runId: '../etc' })).rejects.toThrow('invalid input at runId');
  });
});
