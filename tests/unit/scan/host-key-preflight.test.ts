// The scan's connecting phase: unknown host keys are gathered first and asked
// once per site (each key once, with the hosts it blocks); accepted keys let
// the next hop be seen; refused ones fail their hosts without a command run;
// only one scan runs at a time, and a page can read the one in progress.
import { describe, expect, test } from 'vitest';
import { EngineEvents } from '../../../main/engine/dispatch/engine-events';
import type { CommandExecutor, ExecOutcome } from '../../../main/engine/scan/command-executor';
import { hostKeyBatches } from '../../../main/engine/scan/host-key-batches';
import type { HostKeyGate } from '../../../main/engine/scan/host-key-preflight';
import { ScanService } from '../../../main/engine/scan/scan-service';
import type { ScanTarget } from '../../../main/engine/scan/scan-target';
import type { HostKeyBatch, OperatorPrompter } from '../../../main/engine/ssh/operator-prompts';
import { SshError, unknownHostKeyId, type UnknownHostKey } from '../../../main/engine/ssh/ssh-error';
import type { SshEndpoint, SshRoute } from '../../../main/engine/ssh/ssh-route';

const bastion = (dc: string): SshEndpoint => ({ label: `${dc} bastion`, address: '127.0.0.1', port: dc === 'nj' ? 40022 : 40023, user: 'ops' });

function target(name: string, dc: 'nj' | 'sea'): ScanTarget {
  return {
    name,
    dc,
    address: `10.${dc === 'nj' ? 1 : 2}.0.${name.length}`,
    os: 'debian',
    roles: ['imap'],
    useSudo: false,
    siteRole: dc === 'nj' ? 'primary' : 'secondary',
    policy: { roles: ['imap'], allowedPorts: [], patchSlaHours: 24, backupRpoHours: 24, restoreTestMaxAgeDays: 30, platformImageMaxAgeDays: 180 },
    route: { target: { label: name, address: `10.0.0.${name.length}`, port: 22, user: 'ops' }, jumps: [bastion(dc)] },
  };
}

function keyOf(endpoint: SshEndpoint): UnknownHostKey {
  return {
    label: endpoint.label,
    address: endpoint.address,
    port: endpoint.port,
    knownAs: { host: endpoint.address, port: endpoint.port },
    keyType: 'ssh-ed25519',
    fingerprint: `SHA256:${endpoint.label.replace(/\W/g, '')}`,
    keyBase64: Buffer.from(endpoint.label).toString('base64'),
  };
}

/** A pool stand-in: each hop is reachable once its key is in `known`. */
class FakeGate implements HostKeyGate {
  readonly known = new Set<string>();
  readonly refused = new Set<string>();
  readonly accepted: string[] = [];
  probes = 0;
  async probe(route: SshRoute): Promise<SshError | null> {
    this.probes++;
    for (const hop of [...route.jumps, route.target]) {
      const key = keyOf(hop);
      if (this.known.has(unknownHostKeyId(key))) continue;
      return new SshError('host-key-unknown', route.target.label, `${hop.label} offered an unknown key`, key);
    }
    return null;
  }
  async acceptHostKey(key: UnknownHostKey): Promise<void> {
    this.known.add(unknownHostKeyId(key));
    this.accepted.push(key.label);
  }
  refuseHostKey(key: UnknownHostKey): void {
    this.refused.add(key.label);
  }
  forgetRefusedHostKeys(): void {
    this.refused.clear();
  }
}

const linuxAnswer: ExecOutcome = { stdout: 'Linux\n', stderr: '', exitCode: 0, signal: null, durationMs: 1 };

class CountingExecutor implements CommandExecutor {
  readonly hosts = new Set<string>();
  async exec(route: SshRoute): Promise<ExecOutcome> {
    this.hosts.add(route.target.label);
    return linuxAnswer;
  }
}

function prompter(decide: (batch: HostKeyBatch) => string[] | Promise<string[]>): OperatorPrompter & { batches: HostKeyBatch[] } {
  const batches: HostKeyBatch[] = [];
  return {
    batches,
    confirmUnknownHostKey: async () => {
      throw new Error('a scan asks by batch, not key by key');
    },
    confirmUnknownHostKeys: async (batch) => {
      batches.push(batch);
      return decide(batch);
    },
    keyboardInteractive: async () => null,
    keyPassphrase: async () => null,
  };
}

const audit = { commandStarted: async () => 1, commandEnded: async () => undefined };
const fleet = [target('imap1.nj', 'nj'), target('mx1.nj', 'nj'), target('imap1.sea', 'sea')];
const siteName = (dc: string) => (dc === 'nj' ? 'Bridgewater, NJ' : 'Seattle, WA');

describe('the connecting phase of a scan', () => {
  test('asks once per site about every unknown key, bastion first, then the hosts behind it; accepted, every host is scanned', async () => {
    const gate = new FakeGate();
    const asked = prompter((batch) => batch.keys.map((key) => key.id));
    const executor = new CountingExecutor();
    const scans = new ScanService({ executor, audit, events: new EngineEvents(), areas: [], hostKeyGate: gate, prompter: asked, siteName });
    const outcome = await scans.start(fleet).done;
    expect(outcome.results.map((result) => [result.host, result.phase])).toEqual(
      expect.arrayContaining([
        ['imap1.nj', 'done'],
        ['mx1.nj', 'done'],
        ['imap1.sea', 'done'],
      ]),
    );
    expect(asked.batches.map((batch) => [batch.siteName, batch.keys.map((key) => `${key.label} → ${key.hosts.join(',')}`)])).toEqual([
      ['Bridgewater, NJ', ['nj bastion → imap1.nj,mx1.nj']],
      ['Seattle, WA', ['sea bastion → imap1.sea']],
      ['Bridgewater, NJ', ['imap1.nj → imap1.nj', 'mx1.nj → mx1.nj']],
      ['Seattle, WA', ['imap1.sea → imap1.sea']],
    ]);
    expect(gate.accepted).toEqual(['nj bastion', 'sea bastion', 'imap1.nj', 'mx1.nj', 'imap1.sea']);
  });

  test('a refused bastion key fails the hosts behind it with a short reason and runs nothing on them; the other site is scanned', async () => {
    const gate = new FakeGate();
    const asked = prompter((batch) => batch.keys.filter((key) => key.label !== 'nj bastion').map((key) => key.id));
    const executor = new CountingExecutor();
    const scans = new ScanService({ executor, audit, events: new EngineEvents(), areas: [], hostKeyGate: gate, prompter: asked, siteName });
    const outcome = await scans.start(fleet).done;
    const byHost = Object.fromEntries(outcome.results.map((result) => [result.host, result]));
    expect(byHost['imap1.nj']).toMatchObject({ phase: 'failed', reason: 'not reached: the host key of nj bastion (127.0.0.1:40022) in front of it is unknown and was not accepted' });
    expect(byHost['imap1.sea']!.phase).toBe('done');
    expect([...executor.hosts]).toEqual(['imap1.sea']);
    expect(gate.refused).toEqual(new Set(['nj bastion']));
    expect(asked.batches.flatMap((batch) => batch.keys.map((key) => key.label))).not.toContain('imap1.nj');
  });

  test('a question left open is waited for however long it takes; cancelling the scan stops the wait and counts hosts as cancelled, not failed', async () => {
    const gate = new FakeGate();
    let asking!: () => void;
    const askedNow = new Promise<void>((resolve) => (asking = resolve));
    const asked = prompter(() => {
      asking();
      return new Promise<string[]>(() => undefined);
    });
    const events = new EngineEvents();
    const finished: unknown[] = [];
    events.subscribe((name, payload) => name === 'scan:finished' && finished.push(payload));
    const scans = new ScanService({ executor: new CountingExecutor(), audit, events, areas: [], hostKeyGate: gate, prompter: asked, siteName });
    const run = scans.start(fleet);
    await askedNow;
    expect(scans.current()).toMatchObject({ runId: run.runId, total: 3, done: 0, hosts: [{ host: 'imap1.nj', phase: 'connecting' }, {}, {}] });
    scans.cancel(run.runId);
    const outcome = await run.done;
    expect(outcome.results.every((result) => result.phase === 'cancelled')).toBe(true);
    expect(finished).toEqual([{ runId: run.runId, total: 3, ok: 0, failed: 0, cancelled: true, cancelledHosts: 3 }]);
    expect(gate.accepted).toEqual([]);
    expect(gate.refused, 'a cancelled question records no refusal').toEqual(new Set());
    expect(
      asked.batches.map((batch) => batch.site),
      'and the next site is not asked',
    ).toEqual(['nj']);
  });

  test('one scan at a time: a second start while one runs is refused as busy, and allowed once it has finished', async () => {
    const gate = new FakeGate();
    const asked = prompter((batch) => batch.keys.map((key) => key.id));
    const scans = new ScanService({ executor: new CountingExecutor(), audit, events: new EngineEvents(), areas: [], hostKeyGate: gate, prompter: asked, siteName });
    const first = scans.start(fleet);
    expect(() => scans.start(fleet)).toThrow(expect.objectContaining({ code: 'busy', message: expect.stringMatching(/already running.*cancel it/) }));
    await first.done;
    expect(scans.current()).toBeNull();
    expect(() => scans.start(fleet)).not.toThrow();
  });
});

describe('host-key batches', () => {
  test('each key once per site, primary first, with every host it blocks in natural order', () => {
    const nj = keyOf(bastion('nj'));
    const sea = keyOf(bastion('sea'));
    const batches = hostKeyBatches(
      [
        { host: 'web10.sea', dc: 'sea', siteRole: 'secondary', key: sea },
        { host: 'web2.nj', dc: 'nj', siteRole: 'primary', key: nj },
        { host: 'web10.nj', dc: 'nj', siteRole: 'primary', key: nj },
        { host: 'web2.sea', dc: 'sea', siteRole: 'secondary', key: sea },
      ],
      siteName,
    );
    expect(batches).toEqual([
      {
        site: 'nj',
        siteName: 'Bridgewater, NJ',
        keys: [{ id: unknownHostKeyId(nj), label: 'nj bastion', address: '127.0.0.1', port: 40022, keyType: 'ssh-ed25519', fingerprint: nj.fingerprint, hosts: ['web2.nj', 'web10.nj'] }],
      },
      {
        site: 'sea',
        siteName: 'Seattle, WA',
        keys: [{ id: unknownHostKeyId(sea), label: 'sea bastion', address: '127.0.0.1', port: 40023, keyType: 'ssh-ed25519', fingerprint: sea.fingerprint, hosts: ['web2.sea', 'web10.sea'] }],
      },
    ]);
  });
});
