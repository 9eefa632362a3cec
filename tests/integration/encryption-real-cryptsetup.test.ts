// The encryption collector against the real tools of this Debian machine:
// cryptsetup formats a LUKS2 (and a LUKS1) container in a file attached to a
// loop device — luksFormat, isLuks and luksDump work without device-mapper;
// opening does not, so the container stays locked — then the area's own
// commands (lsblk, blkid, findmnt, /proc/swaps, crypttab, dmsetup) are sent
// exactly as OpsDeck sends them (`env LC_ALL=C …` through a POSIX shell) and
// parsed into facts. Needs root (losetup) and Debian's cryptsetup-bin.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ENCRYPTION_COMMANDS } from '../../main/engine/collectors/encryption/encryption-commands';
import { encryptionFacts } from '../../main/engine/collectors/encryption/encryption-facts';
import { parseCryptsetupStatus } from '../../main/engine/collectors/encryption/cryptsetup-status';
import { parseLsblkJson } from '../../main/engine/collectors/encryption/lsblk-json';
import { parseLuksDump } from '../../main/engine/collectors/encryption/luks-dump';
import { remoteCommandLine, type CommandOutput } from '../../main/engine/collectors/host-command';
import { encryptionCoverage, encryptionFindings } from '../../main/engine/posture/encryption-findings';

interface Run {
  stdout: string;
  stderr: string;
  exitCode: number | null;
}

function run(file: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(file, args, { env: { ...process.env, LC_ALL: 'C' }, maxBuffer: 16 * 1024 * 1024, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : error.code === 'ENOENT' ? 127 : null;
      resolve({ stdout, stderr: stderr || (error && error.code === 'ENOENT' ? `${file}: not found` : ''), exitCode: code });
    });
  });
}

/** What a remote login shell does with the line OpsDeck sends: `sh -c '<line>'`. */
const runLikeSshd = (line: string) => run('/bin/sh', ['-c', line]);

const MiB = 1024 ** 2;
let dir = '';
let keyFile = '';
let luks2File = '';
let luks1File = '';
let plainFile = '';
let loop: string | null = null;
let luks2Uuid = '';
/** Why the LUKS containers could not be made; every test fails with it (never skips). */
let setupError: string | null = null;

function requireSetup(): void {
  if (setupError) expect.fail(setupError);
}

async function mustSucceed(file: string, args: string[]): Promise<Run> {
  const result = await run(file, args);
  if (result.exitCode !== 0) throw new Error(`${file} ${args.join(' ')} failed (exit ${result.exitCode}): ${result.stderr.trim()}`);
  return result;
}

beforeAll(async () => {
  try {
    await makeContainers();
  } catch (error) {
    setupError = (error as Error).message;
  }
}, 120_000);

async function makeContainers(): Promise<void> {
  const version = await run('cryptsetup', ['--version']);
  if (version.exitCode !== 0) {
    throw new Error(
      `cryptsetup is not installed (${version.stderr.trim() || `exit ${version.exitCode}`}): install the Debian package cryptsetup-bin (apt-get install cryptsetup-bin); .ci/run must install it`,
    );
  }
  dir = await mkdtemp(join(tmpdir(), 'opsdeck-luks-'));
  keyFile = join(dir, 'key');
  luks2File = join(dir, 'luks2.img');
  luks1File = join(dir, 'luks1.img');
  plainFile = join(dir, 'plain.img');
  await writeFile(keyFile, randomBytes(32), { mode: 0o600 });
  for (const file of [luks2File, luks1File, plainFile]) {
    await writeFile(file, '');
    await truncate(file, 32 * MiB);
  }
  const fast = ['--batch-mode', '--key-file', keyFile, '--pbkdf-force-iterations', '1000'];
  await mustSucceed('cryptsetup', ['luksFormat', '--type', 'luks2', '--pbkdf', 'pbkdf2', ...fast, luks2File]);
  await mustSucceed('cryptsetup', ['luksFormat', '--type', 'luks1', ...fast, luks1File]);
  luks2Uuid = (await mustSucceed('cryptsetup', ['luksUUID', luks2File])).stdout.trim();
  const attached = await run('losetup', ['--find', '--show', luks2File]);
  loop = attached.exitCode === 0 ? attached.stdout.trim() : null;
  if (!loop) throw new Error(`losetup could not attach a loop device (needs root): ${attached.stderr.trim()}`);
}

afterAll(async () => {
  if (loop) await run('losetup', ['--detach', loop]);
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('real cryptsetup 2.x on a loop device', () => {
  test('isLuks: yes for the LUKS2 loop device and the LUKS1 file, no for zeros', async () => {
    requireSetup();
    expect((await run('cryptsetup', ['isLuks', loop!])).exitCode).toBe(0);
    expect((await run('cryptsetup', ['isLuks', luks1File])).exitCode).toBe(0);
    expect((await run('cryptsetup', ['isLuks', plainFile])).exitCode).toBe(1);
  });

  test('luksDump parses: LUKS2 with aes-xts-plain64, a 512-bit volume key and pbkdf2; LUKS1 likewise', async () => {
    requireSetup();
    const luks2 = await run('cryptsetup', ['luksDump', loop!]);
    const parsed2 = parseLuksDump(luks2.stdout, luks2.stderr, luks2.exitCode);
    expect(parsed2.status, parsed2.message ?? '').toBe('ok');
    expect(parsed2.value).toMatchObject({ version: 2, uuid: luks2Uuid, cipher: 'aes-xts-plain64', keyBits: 512, keyslots: [{ slot: 0, pbkdf: 'pbkdf2', keyBits: 512 }] });
    const luks1 = await run('cryptsetup', ['luksDump', luks1File]);
    expect(parseLuksDump(luks1.stdout, luks1.stderr, luks1.exitCode).value).toMatchObject({ version: 1, cipher: 'aes-xts-plain64', keyBits: 512 });
    const none = await run('cryptsetup', ['luksDump', plainFile]);
    expect(parseLuksDump(none.stdout, none.stderr, none.exitCode)).toMatchObject({ status: 'unsupported', message: expect.stringContaining('not a valid LUKS device') });
  });

  test('cryptsetup status of a mapping that is not open: inactive (device-mapper present) or unsupported (no device-mapper), never unparsed', async () => {
    requireSetup();
    const status = await run('cryptsetup', ['status', 'opsdeck-test-not-open']);
    const parsed = parseCryptsetupStatus(status.stdout, status.stderr, status.exitCode);
    if (parsed.status === 'ok') expect(parsed.value).toEqual([expect.objectContaining({ name: 'opsdeck-test-not-open', active: false })]);
    else expect(parsed).toMatchObject({ status: 'unsupported', message: expect.stringContaining('device-mapper') });
  });
});

describe("the encryption area's own commands on this machine", () => {
  async function outputs(): Promise<CommandOutput[]> {
    const result: CommandOutput[] = [];
    for (const command of ENCRYPTION_COMMANDS.debian) {
      // This test runs as root: the privileged commands need no sudo here.
      const line = remoteCommandLine(command, false);
      const answer = await runLikeSshd(line);
      result.push({ id: command.id, command: line, ...answer, durationMs: 0, error: null });
    }
    return result;
  }

  test('lsblk -J -b … parses, exact sizes, and lists the loop device', async () => {
    requireSetup();
    const line = remoteCommandLine(ENCRYPTION_COMMANDS.debian[0]!, false);
    expect(line).toBe('env LC_ALL=C lsblk -J -b -o NAME,KNAME,PKNAME,TYPE,FSTYPE,SIZE,MOUNTPOINTS,UUID');
    const answer = await runLikeSshd(line);
    const parsed = parseLsblkJson(answer.stdout, answer.stderr, answer.exitCode);
    expect(parsed.status, parsed.message ?? '').toBe('ok');
    const name = loop!.replace('/dev/', '');
    const device = parsed.value!.devices.find((each) => each.kname === name);
    expect(device).toMatchObject({ name, type: 'loop', kind: 'loop', sizeBytes: 32 * MiB, sizeExact: true });
  });

  test('facts: no command unparsed; the LUKS2 loop device is a locked LUKS container; findings and coverage are computed', async () => {
    requireSetup();
    const all = await outputs();
    const facts = encryptionFacts('debian', all);
    for (const check of facts.checks) expect(check.status, `${check.commandId}: ${check.message}`).not.toBe('unparsed');
    expect(facts.complete).toBe(true);
    const name = loop!.replace('/dev/', '');
    const volume = facts.volumes.find((each) => each.id === name);
    // Without udev, lsblk's FSTYPE is empty and blkid (run as root) supplies crypto_LUKS.
    expect(volume, JSON.stringify(facts.volumes.map((each) => each.id))).toMatchObject({ fstype: 'crypto_LUKS', encryption: 'locked', class: 'data' });
    expect(volume!.crypt[0]).toMatchObject({ scheme: 'luks', open: false, container: name });
    const node = JSON.stringify(facts.deviceTree);
    expect(node).toContain(`"volumeId":"${name}"`);
    // Every block-backed mount findmnt shows is a volume (or explained by one).
    const findmnt = all.find((each) => each.command.endsWith('findmnt -J'))!;
    const root = (JSON.parse(findmnt.stdout) as { filesystems: Array<{ target: string; source: string }> }).filesystems[0]!;
    if (root.target === '/' && root.source.startsWith('/dev/')) expect(facts.volumes.some((each) => each.mountpoints.includes('/'))).toBe(true);
    const findings = encryptionFindings(facts, { host: 'this-machine', dc: 'local', siteRole: 'primary', os: 'debian', policy: {} as never, now: new Date() });
    expect(findings.every((finding) => finding.area === 'encryption' && finding.control === 'onDiskEncryption')).toBe(true);
    const coverage = encryptionCoverage(facts);
    expect(coverage.encryptedDataBytes).toBeGreaterThanOrEqual(32 * MiB);
    expect(coverage.dataBytes).toBeGreaterThanOrEqual(coverage.encryptedDataBytes);
  });
});
