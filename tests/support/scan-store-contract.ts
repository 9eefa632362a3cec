// One contract test suite for the ScanStore, run against every backend
// (embedded PGlite today; a PostgreSQL server shares the same suite).
import { beforeEach, describe, expect, test } from 'vitest';
import type { HostScanDetail } from '../../preload/contract';
import { OUTPUT_PREVIEW_BYTES, type ScanStore } from '../../main/engine/store/scan-store';

export function hostDetail(runId: string, host: string, finishedAt: string, overrides: Partial<HostScanDetail> = {}): HostScanDetail {
  return {
    runId,
    host,
    dc: 'nj',
    phase: 'done',
    reason: null,
    startedAt: finishedAt,
    finishedAt,
    detectedOs: 'debian',
    identity: { hostname: host, osName: 'Debian GNU/Linux', osVersion: '12 (bookworm)', kernel: '6.1.0-28-amd64', uptimeSeconds: 10 },
    findings: [
      {
        id: 'firewall.port-beyond-baseline.tcp.5432',
        host,
        dc: 'nj',
        area: 'firewall',
        control: 'necessaryCommunications',
        severity: 'high',
        title: 'PostgreSQL 5432/tcp reachable from any address',
        detail: 'role db allows 5432 only from 10.1.0.0/16',
        evidence: { commandIds: ['firewall.nft-json'], excerpt: ['tcp dport 5432 accept'] },
      },
    ],
    facts: { firewall: { listeners: [{ port: 5432 }] } },
    findingCounts: { high: 1 },
    outputs: [
      { id: 'identity.hostname', command: 'env LC_ALL=C hostname', exitCode: 0, stdout: `${host}\n`, stderr: '', durationMs: 3, error: null },
      { id: 'identity.kernel', command: 'env LC_ALL=C uname -r', exitCode: 0, stdout: "6.1.0-28-amd64\n<script>alert('x')</script>\u0000", stderr: 'warn', durationMs: 2, error: null },
    ],
    ...overrides,
  };
}

export function describeScanStoreContract(name: string, open: () => Promise<{ scans: ScanStore; close(): Promise<void> }>): void {
  describe(`ScanStore contract: ${name}`, () => {
    let store: { scans: ScanStore; close(): Promise<void> };
    beforeEach(async () => {
      store = await open();
      return () => store.close();
    });

    test('keeps a run, its host results and their raw outputs verbatim', async () => {
      await store.scans.beginRun({ runId: 'r1', startedAt: '2026-11-28T10:00:00.000Z', scope: { kind: 'fleet' }, operator: 'alice', fleet: 'demo', total: 2 });
      await store.scans.saveHostResult(hostDetail('r1', 'imap1.nj', '2026-11-28T10:00:01.000Z'));
      await store.scans.finishRun('r1', { finishedAt: '2026-11-28T10:00:02.000Z', ok: 1, failed: 0, cancelled: false });
      const detail = await store.scans.latestHostDetail('imap1.nj');
      const saved = hostDetail('r1', 'imap1.nj', '2026-11-28T10:00:01.000Z');
      expect(detail).toEqual({
        ...saved,
        outputs: saved.outputs.map((output) => ({ ...output, stdoutBytes: Buffer.byteLength(output.stdout), stderrBytes: Buffer.byteLength(output.stderr), truncated: null })),
      });
      const [run] = await store.scans.recentRuns(5);
      expect(run).toMatchObject({ runId: 'r1', scope: { kind: 'fleet' }, ok: 1, failed: 0, cancelled: false, finishedAt: '2026-11-28T10:00:02.000Z' });
    });

    test('keeps the exact bytes a host sent (NUL, invalid UTF-8) and stores NUL and unpaired surrogates in facts, findings and reasons as visible escapes', async () => {
      await store.scans.beginRun({ runId: 'n1', startedAt: '2026-11-28T10:00:00.000Z', scope: { kind: 'fleet' }, operator: 'o', fleet: 'f', total: 1 });
      const hostile = 'evil\u0000name \ud800 \u202e';
      const base = hostDetail('n1', 'nul.nj', '2026-11-28T10:00:01.000Z');
      const stdout = Buffer.from([0x6f, 0x6b, 0x00, 0xff, 0xfe, 0xc3, 0x28, 0x0a]);
      const detail = {
        ...base,
        reason: `odd: ${hostile}`,
        facts: { firewall: { hostname: hostile } },
        findings: [{ ...base.findings[0]!, title: hostile, evidence: { commandIds: [], excerpt: [hostile] } }],
        outputs: [{ ...base.outputs[0]!, stdout: stdout.toString('utf8'), error: `e ${hostile}` }],
      };
      await store.scans.saveHostResult(detail, [{ stdout, stderr: Buffer.from([0x00]) }]);
      const read = await store.scans.latestHostDetail('nul.nj');
      const escaped = 'evil\\u0000name \\ud800 \u202e';
      expect(read?.reason).toBe(`odd: ${escaped}`);
      expect(read?.facts).toEqual({ firewall: { hostname: escaped } });
      expect(read?.findings[0]?.title).toBe(escaped);
      expect(read?.findings[0]?.evidence.excerpt).toEqual([escaped]);
      expect(read?.outputs[0]).toMatchObject({ stdoutBytes: 8, stderrBytes: 1, error: `e ${escaped}` });
      expect((await store.scans.rawOutputPage('n1', 'nul.nj', 0, 'stdout', 0, 100))?.bytes.equals(stdout)).toBe(true);
      expect((await store.scans.rawOutputPage('n1', 'nul.nj', 0, 'stderr', 0, 100))?.bytes).toEqual(Buffer.from([0x00]));
    });

    test('a cut output says so; a large one comes back as its first bytes with its size, and the rest page by page', async () => {
      await store.scans.beginRun({ runId: 't1', startedAt: '2026-11-28T10:00:00.000Z', scope: { kind: 'fleet' }, operator: 'o', fleet: 'f', total: 1 });
      const big = Buffer.alloc(OUTPUT_PREVIEW_BYTES * 3 + 5, 0x61);
      big[OUTPUT_PREVIEW_BYTES * 2] = 0x62;
      const base = hostDetail('t1', 'big.nj', '2026-11-28T10:00:01.000Z');
      const truncated = { cap: 'command' as const, capBytes: big.length, keptBytes: big.length };
      const output = { ...base.outputs[0]!, stdout: big.toString('utf8'), exitCode: null, error: 'output cut', truncated };
      await store.scans.saveHostResult({ ...base, outputs: [output] }, [{ stdout: big, stderr: Buffer.alloc(0) }]);
      const read = (await store.scans.latestHostDetail('big.nj'))!.outputs[0]!;
      expect(read).toMatchObject({ truncated, stdoutBytes: big.length, stdoutShownBytes: OUTPUT_PREVIEW_BYTES, exitCode: null });
      expect(read.stdout).toHaveLength(OUTPUT_PREVIEW_BYTES);
      const page = await store.scans.rawOutputPage('t1', 'big.nj', 0, 'stdout', OUTPUT_PREVIEW_BYTES * 2, 10);
      expect(page).toEqual({ bytes: Buffer.from('baaaaaaaaa'), totalBytes: big.length });
      expect(await store.scans.rawOutputPage('t1', 'big.nj', 7, 'stdout', 0, 10)).toBeNull();
    });

    test('returns the newest result per host, ignoring hosts a cancelled run never reached', async () => {
      await store.scans.beginRun({ runId: 'a', startedAt: '2026-11-01T00:00:00.000Z', scope: { kind: 'fleet' }, operator: 'o', fleet: 'f', total: 2 });
      await store.scans.saveHostResult(hostDetail('a', 'h1', '2026-11-01T00:00:01.000Z'));
      await store.scans.saveHostResult(hostDetail('a', 'h2', '2026-11-01T00:00:01.000Z'));
      await store.scans.beginRun({ runId: 'b', startedAt: '2026-11-02T00:00:00.000Z', scope: { kind: 'host', name: 'h1' }, operator: 'o', fleet: 'f', total: 2 });
      await store.scans.saveHostResult(hostDetail('b', 'h1', '2026-11-02T00:00:01.000Z', { phase: 'failed', reason: 'connect timed out', identity: null, detectedOs: null }));
      await store.scans.saveHostResult(hostDetail('b', 'h2', '2026-11-02T00:00:01.000Z', { phase: 'cancelled', startedAt: null, outputs: [] }));
      const latest = await store.scans.latestHostSummaries();
      expect(latest.map((s) => [s.host, s.phase, s.reason])).toEqual([
        ['h1', 'failed', 'connect timed out'],
        ['h2', 'done', null],
      ]);
      expect(await store.scans.latestHostDetail('nobody')).toBeNull();
      expect((await store.scans.latestFindings()).map((f) => f.host).sort()).toEqual(['h1', 'h2']);
    });

    test('a host cancelled mid-scan keeps the result it had: its findings stay, and a cancelled result stands only for a host with no other', async () => {
      await store.scans.beginRun({ runId: 'a', startedAt: '2026-11-01T00:00:00.000Z', scope: { kind: 'fleet' }, operator: 'o', fleet: 'f', total: 1 });
      await store.scans.saveHostResult(hostDetail('a', 'h1', '2026-11-01T00:00:01.000Z'));
      await store.scans.beginRun({ runId: 'b', startedAt: '2026-11-02T00:00:00.000Z', scope: { kind: 'fleet' }, operator: 'o', fleet: 'f', total: 2 });
      const cancelledMidway: Partial<HostScanDetail> = { phase: 'cancelled', reason: 'scan cancelled', findings: [], findingCounts: {}, outputs: [] };
      await store.scans.saveHostResult(hostDetail('b', 'h1', '2026-11-02T00:00:01.000Z', cancelledMidway));
      await store.scans.saveHostResult(hostDetail('b', 'h2', '2026-11-02T00:00:01.000Z', cancelledMidway));
      const latest = await store.scans.latestHostSummaries();
      expect(latest.map((s) => [s.host, s.phase, s.finishedAt])).toEqual([
        ['h1', 'done', '2026-11-01T00:00:01.000Z'],
        ['h2', 'cancelled', '2026-11-02T00:00:01.000Z'],
      ]);
      expect((await store.scans.latestFindings()).map((f) => f.host)).toEqual(['h1']);
      expect((await store.scans.latestHostDetail('h1'))?.runId).toBe('a');
      expect((await store.scans.latestHostDetail('h2'))?.phase).toBe('cancelled');
    });

    test('a host that fails part-way keeps the findings of its last answered scan; its summary says it failed', async () => {
      await store.scans.beginRun({ runId: 'a', startedAt: '2026-11-01T00:00:00.000Z', scope: { kind: 'fleet' }, operator: 'o', fleet: 'f', total: 1 });
      await store.scans.saveHostResult(hostDetail('a', 'h1', '2026-11-01T00:00:01.000Z'));
      await store.scans.beginRun({ runId: 'b', startedAt: '2026-11-02T00:00:00.000Z', scope: { kind: 'fleet' }, operator: 'o', fleet: 'f', total: 1 });
      // A hostile host that drops the connection (or floods its output) on purpose: failed, judged on nothing.
      await store.scans.saveHostResult(hostDetail('b', 'h1', '2026-11-02T00:00:01.000Z', { phase: 'failed', reason: 'the connection dropped', findings: [], findingCounts: {} }));
      expect((await store.scans.latestHostSummaries()).map((s) => [s.host, s.phase])).toEqual([['h1', 'failed']]);
      expect((await store.scans.latestFindings()).map((f) => f.id)).toEqual(['firewall.port-beyond-baseline.tcp.5432']);
      expect(await store.scans.latestAnsweredFindings('h1')).toMatchObject({ runId: 'a', finishedAt: '2026-11-01T00:00:01.000Z', findings: [{ id: 'firewall.port-beyond-baseline.tcp.5432' }] });
      expect(await store.scans.latestAnsweredFindings('nobody')).toBeNull();
    });

    test('sums pending security updates per site for each run', async () => {
      await store.scans.beginRun({ runId: 'p1', startedAt: '2026-11-04T00:00:00.000Z', scope: { kind: 'fleet' }, operator: 'o', fleet: 'f', total: 2 });
      const patches = (security: boolean[]) => ({ patches: { pendingUpdates: security.map((flag, i) => ({ name: `p${i}`, security: flag })) } });
      await store.scans.saveHostResult(hostDetail('p1', 'a.nj', '2026-11-04T00:00:01.000Z', { facts: patches([true, true, false]) }));
      await store.scans.saveHostResult(hostDetail('p1', 'b.nj', '2026-11-04T00:00:01.000Z', { facts: patches([true]) }));
      await store.scans.saveHostResult(hostDetail('p1', 'c.sea', '2026-11-04T00:00:01.000Z', { dc: 'sea', facts: patches([]) }));
      expect(await store.scans.patchHistory(10)).toEqual([
        { runId: 'p1', at: '2026-11-04T00:00:00.000Z', dc: 'nj', pendingSecurity: 3, hosts: 2 },
        { runId: 'p1', at: '2026-11-04T00:00:00.000Z', dc: 'sea', pendingSecurity: 0, hosts: 1 },
      ]);
    });

    test("returns an area's facts of each host's newest answered scan (by reference, then the documents whole or only the named fields), for all hosts, one or the named ones", async () => {
      await store.scans.beginRun({ runId: 'f1', startedAt: '2026-11-05T00:00:00.000Z', scope: { kind: 'fleet' }, operator: 'o', fleet: 'f', total: 3 });
      const firewall = (port: number) => ({ firewall: { os: 'debian', exposure: [{ port }], ruleset: { rules: [{ text: 'accept' }] } } });
      await store.scans.saveHostResult(hostDetail('f1', 'a.nj', '2026-11-05T00:00:01.000Z', { facts: firewall(22) }));
      await store.scans.saveHostResult(hostDetail('f1', 'b.nj', '2026-11-05T00:00:01.000Z', { facts: firewall(25) }));
      await store.scans.saveHostResult(hostDetail('f1', 'c.nj', '2026-11-05T00:00:01.000Z', { facts: { patches: {} } }));
      await store.scans.beginRun({ runId: 'f2', startedAt: '2026-11-06T00:00:00.000Z', scope: { kind: 'fleet' }, operator: 'o', fleet: 'f', total: 2 });
      await store.scans.saveHostResult(hostDetail('f2', 'a.nj', '2026-11-06T00:00:01.000Z', { facts: firewall(993) }));
      await store.scans.saveHostResult(hostDetail('f2', 'b.nj', '2026-11-06T00:00:01.000Z', { phase: 'failed', facts: {} }));
      const refs = await store.scans.latestAreaRefs('firewall');
      expect(refs.map(({ host, dc, finishedAt }) => ({ host, dc, finishedAt }))).toEqual([
        { host: 'a.nj', dc: 'nj', finishedAt: '2026-11-06T00:00:01.000Z' },
        { host: 'b.nj', dc: 'nj', finishedAt: '2026-11-05T00:00:01.000Z' },
      ]);
      for (const { ref } of refs) expect(ref).toMatch(/^[0-9a-f]{64}$/);
      const docs = await store.scans.resultDocs([...refs.map((row) => row.ref), '00'.repeat(32)], ['os', 'exposure', 'absent']);
      expect(docs.size).toBe(2);
      expect(docs.get(refs[0]!.ref)).toEqual({ os: 'debian', exposure: [{ port: 993 }] });
      expect(docs.get(refs[1]!.ref)).toEqual({ os: 'debian', exposure: [{ port: 25 }] });
      expect((await store.scans.resultDocs([refs[1]!.ref])).get(refs[1]!.ref)).toEqual(firewall(25).firewall);
      expect(await store.scans.resultDocs([])).toEqual(new Map());
      expect(await store.scans.latestAreaFactsOf('firewall', { host: 'b.nj' })).toEqual([{ host: 'b.nj', dc: 'nj', finishedAt: '2026-11-05T00:00:01.000Z', facts: firewall(25).firewall }]);
      expect(await store.scans.latestAreaFactsOf('firewall', { host: 'c.nj' })).toEqual([]);
      // The clocks a scan carries over: the newest answered scan's facts, whole or only the areas asked for.
      const both = { ...firewall(993), patches: { firstSeen: { openssl: 'T1' } } };
      await store.scans.beginRun({ runId: 'f3', startedAt: '2026-11-07T00:00:00.000Z', scope: { kind: 'fleet' }, operator: 'o', fleet: 'f', total: 1 });
      await store.scans.saveHostResult(hostDetail('f3', 'a.nj', '2026-11-07T00:00:01.000Z', { facts: both }));
      expect(await store.scans.latestFacts('a.nj')).toEqual(both);
      expect(await store.scans.latestFacts('a.nj', ['patches'])).toEqual({ patches: both.patches });
      expect(await store.scans.latestFacts('a.nj', ['access'])).toEqual({});
      expect(await store.scans.latestFacts('b.nj', ['firewall'])).toEqual({ firewall: firewall(25).firewall });
      expect(await store.scans.latestFacts('nowhere.nj')).toEqual({});
      // The peers a host or site scan compares with: only the named hosts, each from its newest answered scan.
      const peers = await store.scans.latestAreaFacts('firewall', ['b.nj', 'c.nj', 'gone.nj']);
      expect(peers).toEqual([{ host: 'b.nj', dc: 'nj', facts: firewall(25).firewall }]);
      expect((await store.scans.latestAreaFacts('firewall')).map((entry) => entry.host)).toEqual(['a.nj', 'b.nj']);
    });

    test('a host result is all or nothing: a failing output leaves no half-written result', async () => {
      await store.scans.beginRun({ runId: 'c', startedAt: '2026-11-03T00:00:00.000Z', scope: { kind: 'fleet' }, operator: 'o', fleet: 'f', total: 1 });
      const broken = hostDetail('c', 'h3', '2026-11-03T00:00:01.000Z');
      broken.outputs.push({ ...broken.outputs[0]!, durationMs: Number.NaN });
      await expect(store.scans.saveHostResult(broken)).rejects.toThrow();
      expect(await store.scans.latestHostDetail('h3')).toBeNull();
    });
  });
}
