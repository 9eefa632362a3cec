// How a demo host answers a restore test: `restic ls --json` of a snapshot or
// of `latest` (a small mail or backup tree, so the default sample takes every
// file), and the restore-test script's output — both sha256 sums per file,
// computed from seeded "contents". A few files have new mail since the snapshot (changed
// since the backup); on the host with the planted silent corruption one file's
// live bytes differ while its mtime is the backed-up one.
import { BORG_RESTORE_WRAPPER, RESTORE_WRAPPER } from '../../../collectors/backups/restore-test-commands';
import type { DemoHostSpec } from '../../demo-fleet-spec';
import { hasProblem } from '../../demo-fleet-spec';
import { hashHex, hashInt } from '../../seeded-hash';
import { answer, failure, type CommandAnswer } from '../command-answer';
import { borgTime, HOUR_MS, rfc3339Nano } from '../time-format';
import type { BorgPlan, ResticPlan } from './backup-plan';
import { archiveName } from './borg-output';
import { resticSnapshotObjects } from './restic-output';

const RESTORE_WORDS = RESTORE_WRAPPER.split(/\s+/).filter(Boolean).join(' ');
const BORG_RESTORE_WORDS = BORG_RESTORE_WRAPPER.split(/\s+/).filter(Boolean).join(' ');
const FILES_PER_SNAPSHOT = 16;

interface DemoFile {
  path: string;
  size: number;
  mtime: Date;
}

function snapshotIndex(host: DemoHostSpec, plan: ResticPlan, id: string): number {
  return plan.runs.findIndex((_run, index) => hashHex(64, host.name, plan.repository, 'snapshot', index) === id);
}

function snapshotFiles(host: DemoHostSpec, plan: ResticPlan | BorgPlan, index: number): DemoFile[] {
  const run = plan.runs[index]!;
  const root = run.paths[0] ?? '/srv';
  // borg backs up database dumps and /etc here; restic mail and the other site's replica.
  const name = (n: number) =>
    plan.tool === 'borg'
      ? `${root}/${['main', 'mailusers', 'quota', 'audit'][n % 4]}-${hashInt(1000, 9999, host.name, n)}.sql.gz`
      : `${root}/${['alice', 'bob', 'carol', 'dave'][n % 4]}/Maildir/cur/${1_764_000_000 + hashInt(0, 9_000_000, host.name, 'file', n)}.M${n}P${hashInt(1000, 9999, host.name, n)}.${host.name}:2,S`;
  return Array.from({ length: FILES_PER_SNAPSHOT }, (_, n) => ({
    path: name(n),
    size: hashInt(800, 120_000, host.name, 'size', n),
    mtime: new Date(run.at.getTime() - hashInt(1, 400, host.name, 'mtime', n) * HOUR_MS),
  }));
}

/** The one file whose live bytes silently differ from the backup (same mtime). */
export function corruptedFile(host: DemoHostSpec, plan: ResticPlan): string | null {
  if (!hasProblem(host, 'silent-corruption')) return null;
  const index = plan.runs.map((run) => run.tags.includes('restore-test')).lastIndexOf(false);
  return snapshotFiles(host, plan, index)[5]?.path ?? null;
}

/** `restic ls --json SNAPSHOT`, SNAPSHOT an id or `latest` (the newest run by time, whatever its tags; none: no output, exit 0, as restic 0.14). */
export function resticLsAnswer(snapshotId: string, host: DemoHostSpec, plan: ResticPlan): CommandAnswer {
  const index = snapshotId === 'latest' ? plan.runs.length - 1 : snapshotIndex(host, plan, snapshotId);
  if (snapshotId === 'latest' && index < 0) return answer('', 'Ignoring "latest", no snapshot matched given filter (Paths:[] Tags:[] Hosts:[])\n');
  if (index < 0) return failure(`Fatal: no matching ID found for prefix "${snapshotId}"\n`, 1);
  // The same object `restic snapshots --json` lists, then struct_type (restic 0.14–0.18).
  const snapshotLine = JSON.stringify({ ...resticSnapshotObjects(host, plan)[index], struct_type: 'snapshot' });
  const nodes = snapshotFiles(host, plan, index).map((file) =>
    JSON.stringify({
      name: file.path.split('/').pop(),
      type: 'file',
      path: file.path,
      uid: 0,
      gid: 0,
      size: file.size,
      mode: 420,
      mtime: rfc3339Nano(file.mtime, 0),
      atime: rfc3339Nano(file.mtime, 0),
      ctime: rfc3339Nano(file.mtime, 0),
      struct_type: 'node',
    }),
  );
  return answer(`${[snapshotLine, ...nodes].join('\n')}\n`);
}

function archiveIndex(host: DemoHostSpec, plan: BorgPlan, name: string): number {
  return plan.runs.findIndex((run) => archiveName(host, run) === name);
}

/** `borg list --json-lines ::ARCHIVE` (borg 1.2): paths without the leading slash, type "-" for a regular file. */
export function borgFileListAnswer(name: string, host: DemoHostSpec, plan: BorgPlan): CommandAnswer {
  const index = archiveIndex(host, plan, name);
  if (index < 0) return failure(`Archive ${name} does not exist.\n`, 2);
  const lines = snapshotFiles(host, plan, index).map((file) =>
    JSON.stringify({
      type: '-',
      mode: '-rw-r-----',
      user: 'postgres',
      group: 'postgres',
      uid: 104,
      gid: 110,
      path: file.path.slice(1),
      healthy: true,
      source: '',
      linktarget: '',
      flags: null,
      mtime: borgTime(file.mtime),
      size: file.size,
    }),
  );
  return answer(`${lines.join('\n')}\n`);
}

/** Answers the restore-test script (restic or borg); null when the invocation is not it. */
export function restoreScriptAnswer(invocation: string, asRoot: boolean, host: DemoHostSpec, plans: { restic: ResticPlan | null; borg: BorgPlan | null }, now: Date): CommandAnswer | null {
  const words = invocation.startsWith(`${RESTORE_WORDS} `) ? RESTORE_WORDS : invocation.startsWith(`${BORG_RESTORE_WORDS} `) ? BORG_RESTORE_WORDS : null;
  if (!words) return null;
  const plan = words === RESTORE_WORDS ? plans.restic : plans.borg;
  const args = [...invocation.slice(words.length + 1).matchAll(/'([^']*)'/g)].map((match) => match[1]!);
  const [envFile, snapshot, ...paths] = args;
  if (!plan || !asRoot || envFile !== plan.envFile) return failure(`opsdeck: cannot read the backup environment file ${envFile ?? ''}\n`, 125);
  const index = plan.tool === 'borg' ? archiveIndex(host, plan, snapshot ?? '') : snapshotIndex(host, plan, snapshot ?? '');
  const scratch = `scratch\t/var/tmp/opsdeck-restore.${hashInt(1000, 60000, host.name, now.getTime())}.demo\n`;
  if (index < 0) {
    const message = plan.tool === 'borg' ? `Archive ${snapshot ?? ''} does not exist.\n` : `Fatal: invalid id "${snapshot}"\n`;
    return answer(`${scratch}restore\t${plan.tool === 'borg' ? 2 : 1}\n${paths.map((path) => `file\t-\t-\t-\t-\t-\t${path}`).join('\n')}\n`, message);
  }
  const files = new Map(snapshotFiles(host, plan, index).map((file) => [file.path, file]));
  const corrupted = plan.tool === 'restic' ? corruptedFile(host, plan) : null;
  const seconds = (date: Date) => Math.floor(date.getTime() / 1000);
  const lines = paths.map((path, n) => {
    const file = files.get(path);
    if (!file) return `file\t-\t-\t-\t-\t-\t${path}`;
    const restored = hashHex(64, host.name, path, 'content');
    // New mail flags (or a newer dump) since the snapshot: the live copy changed after the backup, as it should.
    const changed = hashInt(0, 7, host.name, path, 'changed') === 0;
    const live = path === corrupted || changed ? hashHex(64, host.name, path, 'live') : restored;
    // Changed between the snapshot and now (at least 2 s after it, past the whole second the answer prints), whatever the time of day.
    const since = plan.runs[index]!.at.getTime();
    const changedAt = new Date(since + 2_000 + Math.floor(Math.max(0, now.getTime() - since - 2_000) * (hashInt(1, 99, host.name, n) / 100)));
    const mtime = changed && path !== corrupted ? changedAt : file.mtime;
    return `file\t${restored}\t${live}\t${file.size}\t${seconds(mtime)}\t${seconds(changed ? mtime : file.mtime)}\t${path}`;
  });
  // borg extract exits 1 when a named path is not in the archive (a warning); every path asked for is here.
  return answer(`${scratch}restore\t0\n${lines.join('\n')}\n`);
}
