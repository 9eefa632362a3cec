// What a scan does with a result it cannot store, and with a host that sends
// more than its share: the host fails visibly (phase, reason, counts), what
// can be stored is, and a cut output is never judged as if complete.
import { expect, test } from 'vitest';
import type { HostScanDetail } from '../../../preload/contract';
import { EngineEvents } from '../../../main/engine/dispatch/engine-events';
import type { CommandAudit } from '../../../main/engine/scan/command-audit';
import type { CommandExecutor, ExecOutcome } from '../../../main/engine/scan/command-executor';
import { withOutputPreviews } from '../../../main/engine/scan/output-preview';
import type { OutputBytes } from '../../../main/engine/collectors/host-command';
import { ScanService, type ScanRecorder } from '../../../main/engine/scan/scan-service';
import type { ScanTarget } from '../../../main/engine/scan/scan-target';
import { HostOutputBudget, ScanOutputPool } from '../../../main/engine/ssh/output-budget';
import { storableJson, storableText } from '../../../main/engine/store/storable-text';
import { AREAS } from '../../../main/engine/areas/area-registry';

function target(name: string): ScanTarget {
  return {
    name,
    dc: 'nj',
    address: '10.0.0.1',
    os: 'debian',
    roles: [],
    useSudo: false,
    siteRole: 'primary',
    policy: { roles: [], allowedPorts: [], patchSlaHours: 24, backupRpoHours: 24, restoreTestMaxAgeDays: 30, platformImageMaxAgeDays: 180 },
    route: { target: { label: name, address: '10.0.0.1', port: 22, user: 'ops' }, jumps: [] },
  };
}

const audit: CommandAudit = { commandStarted: async () => 1, commandEnded: async () => undefined };

class AnsweringExecutor implements CommandExecutor {
  constructor(private readonly answer: (command: string) => ExecOutcome) {}
  async exec(_route: ScanTarget['route'], command: string): Promise<ExecOutcome> {
    return this.answer(command);
  }
}

const plain = (stdout: string): ExecOutcome => ({ stdout, stderr: '', exitCode: 0, signal: null, durationMs: 1 });

class FlakyRecorder implements ScanRecorder {
  readonly stored: { detail: HostScanDetail; bytes: OutputBytes[] | undefined }[] = [];
  runs: { ok: number; failed: number }[] = [];
  constructor(private readonly refuse: (detail: HostScanDetail, attempt: number) => string | null) {}
  private attempts = 0;
  async runStarted(): Promise<void> {}
  async hostFinished(detail: HostScanDetail, bytes?: OutputBytes[]): Promise<void> {
    const reason = this.refuse(detail, ++this.attempts);
    if (reason) throw new Error(reason);
    this.stored.push({ detail, bytes });
  }
  async hostFindingsChanged(): Promise<void> {}
  async runFinished(_runId: string, end: { ok: number; failed: number }): Promise<void> {
    this.runs.push({ ok: end.ok, failed: end.failed });
  }
}

test('a host whose result cannot be stored fails, says why, is stored without its facts, and counts as failed in the run record', async () => {
  const events = new EngineEvents();
  const progress: { host: string; phase: string; reason: string | null }[] = [];
  events.subscribe((name, payload) => {
    if (name === 'scan:progress') progress.push(payload as { host: string; phase: string; reason: string | null });
  });
  const recorder = new FlakyRecorder((detail) => (Object.keys(detail.facts).length > 0 ? 'the facts of big.nj cannot be serialised for the store: Invalid string length' : null));
  const service = new ScanService({ executor: new AnsweringExecutor(() => plain('x\n')), audit, events, recorder, areas: AREAS });
  const outcome = await service.start([target('big.nj')]).done;
  const [result] = outcome.results;
  expect(result).toMatchObject({ phase: 'failed', facts: {} });
  expect(result!.reason).toBe('scanned, but its result could not be stored (the facts of big.nj cannot be serialised for the store: Invalid string length); stored without its facts');
  expect(recorder.stored).toHaveLength(1);
  expect(recorder.stored[0]!.detail.phase).toBe('failed');
  // Its findings and raw outputs (with their exact bytes) were still stored.
  expect(recorder.stored[0]!.detail.outputs.length).toBeGreaterThan(0);
  expect(recorder.stored[0]!.bytes?.[0]?.stdout).toEqual(Buffer.from('x\n'));
  expect(recorder.runs).toEqual([{ ok: 0, failed: 1 }]);
  expect(progress.at(-1)).toMatchObject({ host: 'big.nj', phase: 'failed' });
  expect(service.lastResult('big.nj')?.phase).toBe('failed');
});

test('when nothing of a result can be stored, the host still fails and says so', async () => {
  const recorder = new FlakyRecorder(() => 'the store is gone');
  const service = new ScanService({ executor: new AnsweringExecutor(() => plain('x\n')), audit, events: new EngineEvents(), recorder, areas: [] });
  const [result] = (await service.start([target('h.nj')]).done).results;
  expect(result).toMatchObject({ phase: 'failed', reason: 'scanned, but its result could not be stored (the store is gone); nothing of it is stored' });
  expect(recorder.runs).toEqual([{ ok: 0, failed: 1 }]);
});

test('a host that sends more than its cap fails, names the cap, keeps what fit, and nothing is judged from it', async () => {
  const sent: string[] = [];
  const executor: CommandExecutor = {
    exec: async (_route, command, options) => {
      sent.push(command);
      // As the transport does: take from the host's budget, cut what does not fit.
      const granted = options?.budget?.take(600) ?? 600;
      return { ...plain('y'.repeat(granted)), ...(granted < 600 ? { exitCode: null, truncated: { cap: options!.budget!.cut!, capBytes: 1000, keptBytes: granted } } : {}) };
    },
  };
  const service = new ScanService({ executor, audit, events: new EngineEvents(), areas: AREAS, outputCaps: { perHostBytes: 1000 } });
  const [result] = (await service.start([target('flood.nj')]).done).results;
  expect(result!.phase).toBe('failed');
  expect(result!.reason).toMatch(
    /^sent more than the per-host output cap of 1000 bytes \(1000 bytes kept as evidence\); \d+ output\(s\) cut, \d+ command\(s\) not run or not finished; nothing was judged from it$/,
  );
  expect(result!.findings).toEqual([]);
  const cut = result!.outputs.find((output) => output.truncated)!;
  expect(cut).toMatchObject({ exitCode: null, stdoutBytes: 400, truncated: { cap: 'host', keptBytes: 400 } });
  expect(cut.error).toMatch(/^output cut at the per-host output cap of 1000 bytes: the first 400 bytes are kept as evidence; not judged$/);
});

test("budgets: a host is cut at its own cap or at the scan's, and gives its share back to the scan when stored", () => {
  const pool = new ScanOutputPool(1500);
  const a = new HostOutputBudget(1000, pool);
  const b = new HostOutputBudget(1000, pool);
  expect(a.take(800)).toBe(800);
  expect(a.take(300)).toBe(200);
  expect(a.cut).toBe('host');
  expect(a.take(1)).toBe(0);
  expect(b.take(600)).toBe(500);
  expect(b.cut).toBe('scan');
  a.releaseToPool();
  expect(pool.usedBytes).toBe(500);
  expect(new HostOutputBudget(1000, pool).take(900)).toBe(900);
});

test('text and JSON for Postgres: NUL and unpaired surrogates become visible escapes; escaped backslashes and real pairs are left alone', () => {
  expect(storableText('a\u0000b\ud800c\udc00d😀')).toBe('a\\u0000b\\ud800c\\udc00d😀');
  const json = storableJson({ s: 'x\u0000y', t: '\\u0000', u: '\ud83d', v: '😀' }, 'facts');
  expect(JSON.parse(json)).toEqual({ s: 'x\\u0000y', t: '\\u0000', u: '\\ud83d', v: '😀' });
  const circular: Record<string, unknown> = {};
  circular.self = circular;
  expect(() => storableJson(circular, 'the facts of h.nj')).toThrow(/^the facts of h\.nj cannot be serialised for the store: /);
});

test('a host page gets the first 256 KiB of an output and its size, never the whole of it', () => {
  const big = 'é'.repeat(300 * 1024);
  const detail = { outputs: [{ id: 'x', command: 'c', exitCode: 0, stdout: big, stderr: '', durationMs: 1, error: null }] } as unknown as HostScanDetail;
  const [output] = withOutputPreviews(detail).outputs;
  expect(output).toMatchObject({ stdoutBytes: 600 * 1024, stdoutShownBytes: 256 * 1024 });
  expect(Buffer.byteLength(output!.stdout)).toBe(256 * 1024);
  const small = withOutputPreviews({ outputs: [{ ...detail.outputs[0]!, stdout: 'ok\n' }] } as HostScanDetail).outputs[0]!;
  expect(small).toMatchObject({ stdout: 'ok\n', stdoutBytes: 3 });
  expect(small.stdoutShownBytes).toBeUndefined();
});
