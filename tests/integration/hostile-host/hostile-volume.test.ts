// The hostile-host suite, part 2: how much and how fast a host answers. A
// real sshd whose ForceCommand floods (40 MB to each of 22 commands, or one
// 500 MB answer), answers endlessly, 1 byte a second, or keeps writing after
// its command exited; the real CLI, as a child process under /usr/bin/time,
// scans it next to an honest host. Each case has its bound on wall time and on
// the CLI's peak RSS (generous: the bounds catch hangs and unbounded memory,
// not slowness on a loaded machine).
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { openEmbeddedStore } from '../../../main/engine/store/open-store';
import { hostileFleet, runCliChild, type HostileMode } from '../../support/hostile-host';
import { useSshdFixture } from '../../support/sshd-fixture';

/**
 * The CLI scanning one small host peaks at ~450–600 MB here, nearly all of it the embedded
 * store (PGlite's WASM heap); an answer of 500 MB (or 22 × 40 MB) held in memory would add
 * that much on top, so this bound still tells a cut answer from a kept one.
 */
const MAX_RSS_MB = 750;
/** A small host's scan takes ~30 s on a loaded 2-core CI machine; a bound on top of the command timeout guards against hangs. */
const SLACK_SECONDS = 240;

const sshd = useSshdFixture('opsdeck-hostile-volume-');

interface JsonOutput {
  id: string;
  command: string;
  stdout: string;
  exitCode: number | null;
  stdoutBytes: number;
  error: string | null;
  truncated: { cap: string; capBytes: number; keptBytes: number } | null;
}
interface JsonHost {
  host: string;
  phase: string;
  reason: string | null;
  outputs: JsonOutput[];
  findings: { title: string }[];
  facts: { firewall?: { firewall: { state: string }; sources: { commandId: string; status: string; message: string | null }[] } };
}

async function scanOf(name: string, modes: HostileMode[], extra: string[] = []) {
  const { inventory, dataDir } = await hostileFleet(sshd, name, modes);
  const run = await runCliChild(['scan', '--inventory', inventory, '--data-dir', dataDir, '--accept-new', '--json', ...extra], { HOME: sshd.dir }, join(sshd.dir, `time-${name}`));
  const parsed = run.stdout.length > 0 ? (JSON.parse(run.stdout.toString('utf8')) as { hosts: JsonHost[] }) : { hosts: [] };
  const host = (mode: HostileMode) => parsed.hosts.find((each) => each.host === `${mode}.nj`)!;
  const nft = (mode: HostileMode) => host(mode).outputs.find((output) => output.id === 'firewall.nft-json')!;
  return { run, host, nft, dataDir };
}

test('a host answering 40 MB to each of 22 commands fails by itself at the per-host cap, in bounded time and memory, while the honest host is stored', async () => {
  const { run, host, dataDir } = await scanOf('flood-host', ['flood-host', 'honest']);
  expect(run.code, run.stderr.toString()).toBe(1);
  const flood = host('flood-host');
  expect(flood.phase).toBe('failed');
  expect(flood.reason).toMatch(
    /^sent more than the per-host output cap of 16 MiB \(16 MiB kept as evidence\); \d+ output\(s\) cut, \d+ command\(s\) not run or not finished; nothing was judged from it$/,
  );
  expect(flood.findings).toEqual([]);
  // Commands shared by two areas (os-release, uname -r) ran once and are listed twice: count each line once.
  const byLine = new Map(flood.outputs.map((output) => [output.command, output.stdoutBytes]));
  expect([...byLine.values()].reduce((sum, bytes) => sum + bytes, 0)).toBe(16 * 1024 * 1024);
  expect(flood.outputs.some((output) => output.truncated?.cap === 'host')).toBe(true);
  expect(host('honest').phase).toBe('done');
  expect(run.seconds).toBeLessThan(60 + SLACK_SECONDS);
  expect(run.peakRssMb).toBeLessThan(MAX_RSS_MB);

  const store = await openEmbeddedStore(dataDir);
  try {
    expect((await store.scans.latestHostDetail('honest.nj'))?.phase).toBe('done');
    const stored = (await store.scans.latestHostDetail('flood-host.nj'))!;
    expect(stored.phase).toBe('failed');
    const cut = stored.outputs.filter((output) => output.truncated).sort((a, b) => (b.stdoutBytes ?? 0) - (a.stdoutBytes ?? 0))[0]!;
    // The host page gets the first 256 KiB and the size; the rest is paged from the store.
    expect(cut.stdout.length).toBeLessThanOrEqual(256 * 1024);
    expect(cut.stdoutShownBytes).toBe(256 * 1024);
    expect(cut.stdoutBytes).toBe(cut.truncated!.keptBytes);
    const [run1] = await store.scans.recentRuns(1);
    expect(run1).toMatchObject({ ok: 1, failed: 1 });
  } finally {
    await store.close();
  }
}, 600_000);

test('a single 500 MB answer and an endless answer are cut at the per-command cap at once, recorded as cut, and not judged (no "Firewall inactive")', async () => {
  // The cut is what is timed here: the command timeout is only kept out of the way of a slow session start.
  const { run, host, nft } = await scanOf('flood-command', ['flood-command', 'endless'], ['--command-timeout', '180']);
  expect(run.code, run.stderr.toString()).toBe(0);
  for (const mode of ['flood-command', 'endless'] as const) {
    expect(host(mode).phase).toBe('done');
    expect(nft(mode), nft(mode).error ?? '').toMatchObject({ exitCode: null, stdoutBytes: 8 * 1024 * 1024, truncated: { cap: 'command', capBytes: 8 * 1024 * 1024, keptBytes: 8 * 1024 * 1024 } });
    expect(nft(mode).error).toMatch(/^output cut at the per-command output cap of 8 MiB: the first 8388608 bytes are kept as evidence; not judged$/);
    expect(host(mode).facts.firewall?.sources.find((source) => source.commandId === 'firewall.nft-json')).toMatchObject({ status: 'no-answer' });
    expect(host(mode).facts.firewall?.firewall.state).not.toBe('inactive');
    expect(
      host(mode)
        .findings.map((finding) => finding.title)
        .join('\n'),
    ).not.toMatch(/Firewall inactive/);
  }
  expect(run.seconds).toBeLessThan(SLACK_SECONDS);
  expect(run.peakRssMb).toBeLessThan(MAX_RSS_MB);
}, 600_000);

test('a 1 byte/s answer hits the command timeout and keeps what arrived; output written after the command exited does not hold the scan', async () => {
  // Long enough that the host's other commands answer even when sshd starts sessions slowly (a loaded CI machine).
  const timeoutSeconds = 30;
  const { run, host, nft } = await scanOf('slow', ['slow', 'after-exit'], ['--command-timeout', String(timeoutSeconds)]);
  expect(run.code, run.stderr.toString()).toBe(0);
  expect(host('slow').phase).toBe('done');
  expect(nft('slow').exitCode).toBeNull();
  const kept = /did not finish within 30 s; its channel was closed \((\d+) bytes it sent are kept\)/.exec(nft('slow').error ?? '');
  expect(kept, nft('slow').error ?? '').not.toBeNull();
  // What had arrived when the timeout struck is kept, byte for byte (a slow session start may leave it short).
  expect(nft('slow').stdout).toBe('x'.repeat(Number(kept![1])));
  expect(
    host('slow')
      .findings.map((finding) => finding.title)
      .join('\n'),
  ).not.toMatch(/Firewall inactive/);
  // The background child writes "late" 4 s after the command exited, and lives on for 30 s.
  expect(nft('after-exit')).toMatchObject({ exitCode: 0, stdout: '{"nftables": []}\n', error: null });
  expect(run.seconds).toBeLessThan(timeoutSeconds + SLACK_SECONDS);
  expect(run.peakRssMb).toBeLessThan(MAX_RSS_MB);
}, 600_000);
