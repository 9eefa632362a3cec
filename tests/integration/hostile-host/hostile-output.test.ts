// The hostile-host suite, part 1: what a compromised host prints. A real sshd
// whose ForceCommand answers with HTML/JS, terminal escapes, C1/bidi/NUL,
// invalid UTF-8 and absurd values; the real CLI, as a child process, scans it.
// Everything is kept byte-exact (the store's bytea and the audit log's sha256
// are over the bytes sent), shown as text, and never obeyed by the terminal.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { openEmbeddedStore } from '../../../main/engine/store/open-store';
import { hostileFleet, runCliChild } from '../../support/hostile-host';
import { useSshdFixture } from '../../support/sshd-fixture';

const sshd = useSshdFixture('opsdeck-hostile-');

/** One small host's scan takes ~30 s on a loaded 2-core CI machine; this only guards against a hang. */
const SCAN_SECONDS_BOUND = 240;
/** These cases are about content, not time: no command may time out even when sshd starts sessions slowly. */
const SLOW_MACHINE = ['--command-timeout', '180'];

// Raw ESC, C1 controls (as UTF-8) and bidi embeddings/overrides/isolates.
// eslint-disable-next-line no-control-regex
const UNNEUTRALISED = /[\u001b\u0080-\u009f\u202a-\u202e\u2066-\u2069]/;

interface JsonOutput {
  id: string;
  stdout: string;
  exitCode: number | null;
  stdoutBytes: number;
  error: string | null;
}
interface JsonHost {
  host: string;
  phase: string;
  reason: string | null;
  identity: { hostname: string | null; kernel: string | null; uptimeSeconds: number | null } | null;
  outputs: JsonOutput[];
  facts: { firewall?: { listeners: { port: number }[] } };
}

test('HTML/JS, terminal escapes, C1/bidi/NUL and invalid UTF-8 are kept byte-exact, hashed as bytes, and never reach the terminal raw', async () => {
  const { inventory, dataDir } = await hostileFleet(sshd, 'text', ['html', 'escapes', 'c1bidi', 'utf8']);
  const env = { HOME: sshd.dir };
  const text = await runCliChild(['scan', '--inventory', inventory, '--data-dir', dataDir, '--accept-new', ...SLOW_MACHINE], env, join(sshd.dir, 'time-text'));
  const stdout = text.stdout.toString('utf8');
  const stderr = text.stderr.toString('utf8');
  expect(text.code, stderr).toBe(0);
  expect(stdout).not.toMatch(UNNEUTRALISED);
  expect(stderr).not.toMatch(UNNEUTRALISED);
  // None of these answers is a plausible host name, so the summary's HOSTNAME column stays empty instead of
  // echoing them; the raw answers reach the terminal only through --json below, escaped.
  for (const host of ['html', 'escapes', 'c1bidi', 'utf8']) expect(stdout).toMatch(new RegExp(`^${host}\\.nj +ok +\\S`, 'm'));
  // Host text that is shown (html.nj's os-release names its OS with markup) is shown as the characters it is.
  expect(stdout).toContain('<script>alert(4)</script>');
  expect(stdout).toContain('4/4 hosts answered');

  const json = await runCliChild(['scan', '--inventory', inventory, '--data-dir', dataDir, '--json', ...SLOW_MACHINE], env, join(sshd.dir, 'time-json'));
  expect(json.code, json.stderr.toString()).toBe(0);
  expect(json.stdout.toString('utf8')).not.toMatch(UNNEUTRALISED);
  const hosts = (JSON.parse(json.stdout.toString('utf8')) as { hosts: JsonHost[] }).hosts;
  const hostnameOf = (host: string) => hosts.find((each) => each.host === host)!.outputs.find((output) => output.id === 'identity.hostname')!;
  // JSON escaping keeps the value: the bidi override is there, as data.
  expect(hostnameOf('c1bidi.nj').stdout).toBe('a\u009b2Jb\u202egnp.exe\u2066x\u0000nul\n');
  expect(hostnameOf('utf8.nj')).toMatchObject({ stdout: 'bad\ufffd\ufffd\ufffd(end\ufffd\ufffd\ufffd\n', stdoutBytes: 14 });

  // The audit log's hash is over the bytes the host sent, and the store kept exactly those bytes.
  const sent = Buffer.from('bad\xff\xfe\xc3\x28end\xed\xa0\x80\n', 'latin1');
  const audit = (await readFile(join(dataDir, 'audit.log'), 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  const starts = new Map(audit.filter((entry) => entry.kind === 'command.start').map((entry) => [entry.seq, entry]));
  const ends = audit.filter((entry) => entry.kind === 'command.end' && entry.host === 'utf8.nj' && String(starts.get(entry.startSeq)?.command).endsWith('hostname'));
  expect(ends.length).toBe(2);
  for (const end of ends) expect(end).toMatchObject({ stdoutSha256: createHash('sha256').update(sent).digest('hex'), stdoutBytes: sent.length });
  const store = await openEmbeddedStore(dataDir);
  try {
    const detail = (await store.scans.latestHostDetail('utf8.nj'))!;
    const position = detail.outputs.findIndex((output) => output.id === 'identity.hostname');
    expect((await store.scans.rawOutputPage(detail.runId, 'utf8.nj', position, 'stdout', 0, 100))?.bytes.equals(sent)).toBe(true);
    const bidi = (await store.scans.latestHostDetail('c1bidi.nj'))!;
    expect(bidi.phase).toBe('done');
    // Not a plausible host name (control and bidi characters), so identity does not take it as one; the evidence
    // keeps the exact bytes, NUL included (jsonb could not hold it as text: never dropped for that).
    expect(bidi.identity?.hostname ?? null).toBeNull();
    const bidiPosition = bidi.outputs.findIndex((output) => output.id === 'identity.hostname');
    const bidiSent = Buffer.from('a\u009b2Jb\u202egnp.exe\u2066x\u0000nul\n', 'utf8');
    expect((await store.scans.rawOutputPage(bidi.runId, 'c1bidi.nj', bidiPosition, 'stdout', 0, 100))?.bytes.equals(bidiSent)).toBe(true);
  } finally {
    await store.close();
  }
  for (const run of [text, json]) expect(run.peakRssMb).toBeLessThan(600);
}, 600_000);

test('absurd values (negative and enormous numbers) are refused by the parsers, never stored as facts', async () => {
  const { inventory, dataDir } = await hostileFleet(sshd, 'absurd', ['absurd']);
  const run = await runCliChild(['scan', '--inventory', inventory, '--data-dir', dataDir, '--accept-new', '--json', ...SLOW_MACHINE], { HOME: sshd.dir }, join(sshd.dir, 'time-absurd'));
  expect(run.code, run.stderr.toString()).toBe(0);
  const [host] = (JSON.parse(run.stdout.toString('utf8')) as { hosts: JsonHost[] }).hosts;
  expect(host!.phase).toBe('done');
  const uptime = host!.identity?.uptimeSeconds ?? null;
  expect(uptime === null || (Number.isFinite(uptime) && uptime >= 0), `uptime ${uptime}`).toBe(true);
  for (const listener of host!.facts.firewall?.listeners ?? []) {
    expect(Number.isInteger(listener.port) && listener.port >= 0 && listener.port <= 65535, `port ${listener.port}`).toBe(true);
  }
  expect(run.seconds).toBeLessThan(SCAN_SECONDS_BOUND);
  expect(run.peakRssMb).toBeLessThan(600);
}, 600_000);
