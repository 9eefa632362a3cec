// The restore-test script itself (restore-test-commands.ts), run by sh on
// this machine against a real restic repository: a name holding restic's
// pattern characters (\ * ? [) is restored as itself, not missed as "not in
// the backup"; the pair hashing (one sha256sum and one stat for a file on
// both sides) reports each copy's hash, size and times, also for names
// sha256sum escapes (a backslash), a tab, a space or a leading dash; and a
// file missing on one side is hashed on the side that is there; and a script
// stopped while it hashes a live copy (beside the restore) stops that hashing
// too, at once.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { parseRestoreTestOutput } from '../../../main/engine/collectors/backups/restore-test-output';
import { resticRestoreTestCommand, SCRATCH_PARENT, SCRATCH_PREFIX } from '../../../main/engine/collectors/backups/restore-test-commands';
import { openersOf } from '../../support/open-files';

if (!existsSync('/usr/bin/restic')) throw new Error("/usr/bin/restic is missing: install Debian's restic package");

let dir = '';
let live = '';
let envFile = '';
let snapshotId = '';
const NAMES = ['plain.eml', 'back\\slash.eml', 'br[1].eml', 'st*r.eml', 'q?.eml', 'a$HOME.eml', 'tab\there.eml', 'with space.eml', '-dash.eml', 'gone-live.eml'];

function run(command: string, env: Record<string, string> = {}) {
  const result = spawnSync('sh', ['-c', command], { env: { ...process.env, ...env }, encoding: 'utf8', input: '' });
  if (result.status !== 0) throw new Error(`${command}: exit ${result.status}: ${result.stderr}`);
  return result.stdout;
}

/** Like an SSH channel, stdin stays open while the script runs: the script stops itself when it closes. */
function runHeld(command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', command], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      child.stdin.destroy();
      if (code === 0) resolve(stdout);
      else reject(new Error(`the restore script exited ${code}: ${stderr}`));
    });
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'opsdeck-restore-names-'));
  live = join(dir, 'live');
  await mkdir(live);
  for (const [index, name] of NAMES.entries()) await writeFile(join(live, name), `message ${index}\n${'x'.repeat(1000 * (index + 1))}\n`);
  await writeFile(join(dir, 'password'), 'restore-names\n', { mode: 0o600 });
  envFile = join(dir, 'restic.env');
  await writeFile(envFile, `RESTIC_REPOSITORY=${join(dir, 'repo')}\nRESTIC_PASSWORD_FILE=${join(dir, 'password')}\n`);
  const env = { RESTIC_REPOSITORY: join(dir, 'repo'), RESTIC_PASSWORD_FILE: join(dir, 'password'), RESTIC_CACHE_DIR: join(dir, 'cache') };
  run('restic init --quiet', env);
  run(`restic backup --quiet ${JSON.stringify(live)}`, env);
  snapshotId = (JSON.parse(run('restic snapshots --json', env)) as { id: string }[])[0]!.id;
  await rm(join(live, 'gone-live.eml'));
}, 60_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('each file is hashed on both sides with its size and times, whatever its name; a file gone live is hashed on the restored side only', async () => {
  const files = [...NAMES.map((name) => join(live, name)), join(live, 'never-backed-up.eml')];
  await writeFile(join(live, 'never-backed-up.eml'), 'new\n');
  const stdout = await runHeld(resticRestoreTestCommand(envFile, snapshotId, files));
  const parsed = parseRestoreTestOutput(stdout, files);
  expect(parsed.message).toBeNull();
  expect(parsed.value!.restoreExit).toBe(0);
  const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
  for (const [index, name] of NAMES.entries()) {
    const reported = parsed.value!.files[index]!;
    const content = Buffer.from(`message ${index}\n${'x'.repeat(1000 * (index + 1))}\n`);
    expect(reported, name).toMatchObject({ path: join(live, name), restoredSha256: sha(content), restoredBytes: content.length });
    if (name === 'gone-live.eml') {
      expect(reported, name).toMatchObject({ liveSha256: null, liveMtime: null, liveCtime: null });
      continue;
    }
    const now = await stat(join(live, name));
    expect(reported, name).toMatchObject({
      liveSha256: sha(await readFile(join(live, name))),
      liveMtime: new Date(Math.floor(now.mtimeMs)).toISOString(),
      liveCtime: new Date(Math.floor(now.ctimeMs)).toISOString(),
    });
  }
  expect(parsed.value!.files.at(-1)).toMatchObject({ restoredSha256: null, restoredBytes: null, liveSha256: sha(Buffer.from('new\n')) });
  // The scratch directory is gone.
  expect(existsSync(parsed.value!.scratchDir!)).toBe(false);
}, 60_000);

test('stopped while hashing a live copy (the channel closes): that hashing stops with the script, at once; the scratch directory is removed', async () => {
  // 64 GiB of holes: sha256sum needs minutes for it, so a hashing left running would hold the output open long after.
  const huge = join(live, 'huge-sparse.img');
  const handle = await open(huge, 'w');
  await handle.truncate(64 * 2 ** 30);
  await handle.close();
  const scratchBefore = readdirSync(SCRATCH_PARENT).filter((name) => name.startsWith(SCRATCH_PREFIX));
  // Its own process group, so that a failing run can be stopped whole.
  const child = spawn('sh', ['-c', resticRestoreTestCommand(envFile, snapshotId, [huge])], { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  child.stdout.resume();
  child.stderr.resume();
  let closed = false;
  const close = new Promise<void>((resolve) => child.on('close', () => resolve()));
  void close.then(() => (closed = true));
  try {
    for (let i = 0; i < 200 && openersOf(huge).length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(openersOf(huge).length).toBeGreaterThan(0);
    const stoppedAt = Date.now();
    child.stdin.end();
    await Promise.race([close, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    expect({ closed, within5s: Date.now() - stoppedAt < 5_000 }).toEqual({ closed: true, within5s: true });
    expect(openersOf(huge)).toEqual([]);
    const scratchAfter = readdirSync(SCRATCH_PARENT).filter((name) => name.startsWith(SCRATCH_PREFIX) && !scratchBefore.includes(name));
    expect(scratchAfter).toEqual([]);
  } finally {
    if (!closed && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    await rm(huge, { force: true });
  }
}, 60_000);
