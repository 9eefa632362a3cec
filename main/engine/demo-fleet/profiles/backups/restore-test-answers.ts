// How a demo host answers a restore test: `restic ls --json` of a snapshot
// (a small mail or backup tree, so the default sample takes every file), and
// the restore-test script's output — both sha256 sums per file, computed from
// seeded "contents". A few files have new mail since the snapshot (changed
// since the backup); on the host with the planted silent corruption one file's
// live bytes differ while its mtime is the backed-up one.
import { RESTORE_WRAPPER } from '../../../collectors/backups/restore-test-commands';
import type { DemoHostSpec } from '../../demo-fleet-spec';
import { hasProblem } from '../../demo-fleet-spec';
import { hashHex, hashInt } from '../../seeded-hash';
import { answer, failure, type CommandAnswer } from '../command-answer';
import { HOUR_MS, rfc3339Nano } from '../time-format';
import type { ResticPlan } from './backup-plan';

const RESTORE_WORDS = RESTORE_WRAPPER.split(/\s+/).filter(Boolean).join(' ');
const FILES_PER_SNAPSHOT = 16;

interface DemoFile {
  path: string;
  size: number;
  mtime: Date;
}

function snapshotIndex(host: DemoHostSpec, plan: ResticPlan, id: string): number {
  return plan.runs.findIndex((_run, index) => hashHex(64, host.name, plan.repository, 'snapshot', index) === id);
}

function snapshotFiles(host: DemoHostSpec, plan: ResticPlan, index: number): DemoFile[] {
  const run = plan.runs[index]!;
  const root = run.paths[0] ?? '/srv';
  return Array.from({ length: FILES_PER_SNAPSHOT }, (_, n) => ({
    path: `${root}/${['alice', 'bob', 'carol', 'dave'][n % 4]}/Maildir/cur/${1_764_000_000 + hashInt(0, 9_000_000, host.name, 'file', n)}.M${n}P${hashInt(1000, 9999, host.name, n)}.${host.name}:2,S`,
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

export function resticLsAnswer(snapshotId: string, host: DemoHostSpec, plan: ResticPlan): CommandAnswer {
  const index = snapshotIndex(host, plan, snapshotId);
  if (index < 0) return failure(`Fatal: no matching ID found for prefix "${snapshotId}"\n`, 1);
  const run = plan.runs[index]!;
  const snapshotLine = JSON.stringify({ time: rfc3339Nano(run.at, 0), tree: hashHex(64, host.name, plan.repository, 'tree', index), paths: run.paths, hostname: host.name, username: 'root', id: snapshotId, short_id: snapshotId.slice(0, 8) });
  const nodes = snapshotFiles(host, plan, index).map((file) =>
    JSON.stringify({ name: file.path.split('/').pop(), type: 'file', path: file.path, uid: 0, gid: 0, size: file.size, mode: 420, mtime: rfc3339Nano(file.mtime, 0), atime: rfc3339Nano(file.mtime, 0), ctime: rfc3339Nano(file.mtime, 0), struct_type: 'node' }),
  );
  return answer(`${[snapshotLine, ...nodes].join('\n')}\n`);
}

/** Answers the restore-test script; null when the invocation is not it. */
export function restoreScriptAnswer(invocation: string, asRoot: boolean, host: DemoHostSpec, plan: ResticPlan | null, now: Date): CommandAnswer | null {
  if (!invocation.startsWith(`${RESTORE_WORDS} `)) return null;
  const args = [...invocation.slice(RESTORE_WORDS.length + 1).matchAll(/'([^']*)'/g)].map((match) => match[1]!);
  const [envFile, snapshotId, ...paths] = args;
  if (!plan || !asRoot || envFile !== plan.envFile) return failure(`opsdeck: cannot read the backup environment file ${envFile ?? ''}\n`, 125);
  const index = snapshotIndex(host, plan, snapshotId ?? '');
  if (index < 0) return answer(`scratch\t/var/tmp/opsdeck-restore.4242.demo\nrestore\t1\n${paths.map((path) => `file\t-\t-\t-\t-\t-\t${path}`).join('\n')}\n`, `Fatal: invalid id "${snapshotId}"\n`);
  const files = new Map(snapshotFiles(host, plan, index).map((file) => [file.path, file]));
  const corrupted = corruptedFile(host, plan);
  const seconds = (date: Date) => Math.floor(date.getTime() / 1000);
  const lines = paths.map((path, n) => {
    const file = files.get(path);
    if (!file) return `file\t-\t-\t-\t-\t-\t${path}`;
    const restored = hashHex(64, host.name, path, 'content');
    // New mail flags since the snapshot: the live copy changed after the backup, as it should.
    const changed = hashInt(0, 7, host.name, path, 'changed') === 0;
    const live = path === corrupted || changed ? hashHex(64, host.name, path, 'live') : restored;
    const mtime = changed && path !== corrupted ? new Date(now.getTime() - hashInt(1, 60, host.name, n) * 60_000) : file.mtime;
    return `file\t${restored}\t${live}\t${file.size}\t${seconds(mtime)}\t${seconds(changed ? mtime : file.mtime)}\t${path}`;
  });
  return answer(`scratch\t/var/tmp/opsdeck-restore.${hashInt(1000, 60000, host.name, now.getTime())}.demo\nrestore\t0\n${lines.join('\n')}\n`);
}
