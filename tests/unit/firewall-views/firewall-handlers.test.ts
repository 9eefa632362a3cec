import { describe, expect, test } from 'vitest';
import type { HostScanDetail } from '../../../preload/contract';
import { demoFleetSpec } from '../../../main/engine/demo-fleet/demo-fleet-spec';
import { demoInventoryYaml } from '../../../main/engine/demo-fleet/demo-inventory-yaml';
import { FleetService } from '../../../main/engine/fleet/fleet-service';
import { firewallHandlers } from '../../../main/engine/views/firewall/firewall-handlers';
import { fleetViewCaches } from '../../../main/engine/views/fleet-view-caches';
import type { ScanStore } from '../../../main/engine/store/scan-store';
import { demoFirewallFleet } from '../firewall/support/demo-firewall-fleet';

const { hosts, findings } = demoFirewallFleet();
const spec = demoFleetSpec();

function setup(options: { stored: string[]; session?: string[] }) {
  const fleet = new FleetService(null);
  fleet.useDemo(demoInventoryYaml({ spec, bastions: spec.datacentres.map((dc, index) => ({ dc: dc.id, address: '127.0.0.1', port: 2200 + index })), clientKeyPath: '/tmp/k' }), 'demo.yaml');
  const calls: unknown[] = [];
  const stored = hosts.filter((host) => options.stored.includes(host.target.name));
  const store = {
    latestAreaFactsOf: async (area: string, query: { host?: string } = {}) => {
      calls.push({ area, ...query });
      return stored
        .filter((host) => !query.host || host.target.name === query.host)
        .map((host) => ({ host: host.target.name, dc: host.target.dc, finishedAt: '2025-06-01T00:00:00.000Z', facts: host.facts }));
    },
    // A host's document is named by its host here: the same facts, the same name.
    latestAreaRefs: async (area: string) => {
      calls.push({ refs: area });
      return stored.map((host) => ({ host: host.target.name, dc: host.target.dc, finishedAt: '2025-06-01T00:00:00.000Z', ref: `doc-${host.target.name}` }));
    },
    resultDocs: async (refs: string[], fields: readonly string[]) => {
      calls.push({ docs: refs, fields });
      const picked = (facts: (typeof hosts)[number]['facts']) => Object.fromEntries(fields.map((field) => [field, facts[field as keyof typeof facts]]));
      return new Map(stored.filter((host) => refs.includes(`doc-${host.target.name}`)).map((host) => [`doc-${host.target.name}`, picked(host.facts)]));
    },
    latestFindings: async () => findings,
    latestHostDetail: async (name: string) => (stored.some((host) => host.target.name === name) ? detail(name, 'stored-run') : null),
  } as unknown as ScanStore;
  const detail = (name: string, runId: string): HostScanDetail => {
    const host = hosts.find((each) => each.target.name === name)!;
    return {
      host: name,
      dc: host.target.dc,
      phase: 'done',
      reason: null,
      finishedAt: '2025-06-02T00:00:00.000Z',
      identity: null,
      detectedOs: host.facts.os,
      findingCounts: {},
      runId,
      startedAt: null,
      findings: [],
      facts: { firewall: host.facts },
      outputs: [
        { id: 'identity.hostname', command: 'hostname', exitCode: 0, stdout: name, stderr: '', durationMs: 1, error: null },
        { id: 'firewall.nft-json', command: 'nft -j list ruleset', exitCode: 0, stdout: '{"nftables": []}', stderr: '', durationMs: 1, error: null },
      ],
    };
  };
  const handlers = firewallHandlers({ fleet, store, views: fleetViewCaches(store), lastResult: (name) => (options.session?.includes(name) ? detail(name, 'session-run') : null) });
  return { handlers, calls };
}

describe('the firewall handlers', () => {
  test('the fleet matrix asks the store for the exposure fields only, and reads each stored document once', async () => {
    const { handlers, calls } = setup({ stored: ['db1.nj', 'imap1.sea'] });
    const views = await handlers['firewall.fleetExposure']({});
    expect(views.map((view) => view.host)).toEqual(['db1.nj', 'imap1.sea']);
    expect(calls).toEqual([{ refs: 'firewall' }, { docs: ['doc-db1.nj', 'doc-imap1.sea'], fields: ['os', 'firewall', 'listenersKnown', 'exposure'] }]);
    calls.length = 0;
    expect(await handlers['firewall.fleetExposure']({})).toEqual(views);
    expect(calls).toEqual([{ refs: 'firewall' }, { docs: [], fields: ['os', 'firewall', 'listenersKnown', 'exposure'] }]);
  });

  test("a host's rules come from this session's answer when there is one, else from the store; null before any scan", async () => {
    const { handlers } = setup({ stored: ['imap1.sea'], session: ['imap1.nj'] });
    const session = await handlers['firewall.hostRules']({ host: 'imap1.nj' });
    expect(session).toMatchObject({ host: 'imap1.nj', scannedAt: '2025-06-02T00:00:00.000Z', counterpart: 'imap1.sea', siteRole: 'primary' });
    const stored = await handlers['firewall.hostRules']({ host: 'imap1.sea', limit: 2 });
    expect(stored).toMatchObject({ host: 'imap1.sea', scannedAt: '2025-06-01T00:00:00.000Z', counterpart: 'imap1.nj', offset: 0 });
    expect(stored!.rules).toHaveLength(2);
    expect(stored!.findings.map((finding) => finding.id)).toContain('firewall.site-drift:imap1.sea');
    expect(await handlers['firewall.hostRules']({ host: 'db1.nj' })).toBeNull();
    await expect(handlers['firewall.hostRules']({ host: 'nowhere.nj' })).rejects.toThrow('no host "nowhere.nj" in the inventory');
  });

  test('raw outputs: only the firewall commands', async () => {
    const { handlers } = setup({ stored: ['db1.nj'] });
    const raw = await handlers['firewall.rawOutputs']({ host: 'db1.nj' });
    expect(raw).toMatchObject({ runId: 'stored-run', finishedAt: '2025-06-02T00:00:00.000Z' });
    expect(raw!.outputs.map((output) => output.id)).toEqual(['firewall.nft-json']);
    expect(await handlers['firewall.rawOutputs']({ host: 'db2.nj' })).toBeNull();
  });

  test('a diff needs both hosts scanned, and names the one that is not', async () => {
    const { handlers } = setup({ stored: ['imap1.nj', 'imap1.sea'] });
    const diff = await handlers['firewall.diff']({ a: 'imap1.nj', b: 'imap1.sea' });
    expect(diff.exposure.some((row) => row.port === 143 && row.differs)).toBe(true);
    await expect(handlers['firewall.diff']({ a: 'imap1.nj', b: 'db1.nj' })).rejects.toThrow('no firewall facts for db1.nj yet: scan it first');
  });
});
