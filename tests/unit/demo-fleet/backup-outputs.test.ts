// restic and borg answers have the fixtures' structure and keys, and their
// times follow `now` (restic-snapshots-json*.md, borg-*-json.md).
import { describe, expect, it } from 'vitest';
import { fixture } from '../../support/fixtures';
import { NOW, SPEC, runRoot } from './support/demo-answers';

const RESTIC_HOSTS = SPEC.hosts.filter((host) => host.role === 'imap' || host.role === 'backup').map((host) => host.name);
const BORG_HOSTS = SPEC.hosts.filter((host) => host.role === 'db' || host.role === 'backup').map((host) => host.name);
const release = (name: string) => SPEC.hosts.find((host) => host.name === name)!.release;

type Snapshot = Record<string, unknown> & { time: string; paths: string[]; id: string; short_id: string; tags?: string[] };

describe('restic', () => {
  it.each(RESTIC_HOSTS)('%s: snapshots --json is one line, oldest first, with the fixture keys of its restic version', (name) => {
    const { stdout, exitCode } = runRoot(name, 'restic snapshots --json');
    expect(exitCode).toBe(0);
    expect(stdout.trimEnd()).not.toContain('\n');
    const snapshots = JSON.parse(stdout) as Snapshot[];
    const reference = JSON.parse(fixture(release(name) === 'trixie' ? 'debian/restic-snapshots-json-0.18.txt' : 'debian/restic-snapshots-json.txt')) as Snapshot[];
    const allowed = new Set(reference.flatMap((snapshot) => Object.keys(snapshot)));
    for (const snapshot of snapshots) {
      for (const key of Object.keys(snapshot)) expect(allowed.has(key), key).toBe(true);
      expect(snapshot.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);
      expect(snapshot.id).toMatch(/^[0-9a-f]{64}$/);
      expect(snapshot.short_id).toBe(snapshot.id.slice(0, 8));
      expect(snapshot.paths).toEqual([...snapshot.paths].sort());
      expect(Date.parse(snapshot.time)).toBeLessThan(NOW.getTime());
      if (release(name) === 'trixie') expect(snapshot.program_version).toBe('restic 0.18.0');
      else expect(snapshot).not.toHaveProperty('summary');
    }
    const times = snapshots.map((snapshot) => Date.parse(snapshot.time));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it.each(RESTIC_HOSTS)('%s: check ends with "no errors were found" in its version\'s layout', (name) => {
    const { stdout } = runRoot(name, 'restic check');
    const reference = fixture(release(name) === 'trixie' ? 'debian/restic-check-0.18.txt' : 'debian/restic-check.txt');
    const shape = (text: string) => text.replace(/\d+/g, 'N');
    expect(shape(stdout)).toBe(shape(reference));
  });

  it('imap hosts back up /srv/mail daily; the newest snapshot is less than a day old', () => {
    const snapshots = JSON.parse(runRoot('imap1.nj', 'restic snapshots --json').stdout) as Snapshot[];
    const backups = snapshots.filter((snapshot) => !snapshot.tags?.includes('restore-test'));
    expect(backups.every((snapshot) => snapshot.paths.join() === '/srv/mail')).toBe(true);
    // The host's own restore tests are recorded as restore-test snapshots of their checksum manifest.
    expect(snapshots.filter((snapshot) => snapshot.tags?.includes('restore-test')).every((snapshot) => snapshot.paths.join() === '/var/lib/restore-test')).toBe(true);
    expect(NOW.getTime() - Date.parse(snapshots.at(-1)!.time)).toBeLessThan(24 * 3_600_000);
  });
});

describe('borg', () => {
  it.each(BORG_HOSTS)('%s: list --json and info --json have the fixture keys, 4-space indent and sorted keys', (name) => {
    const list = runRoot(name, 'borg list --json').stdout;
    const info = runRoot(name, 'borg info --json').stdout;
    for (const [text, reference] of [
      [list, 'debian/borg-list-json.txt'],
      [info, 'debian/borg-info-json.txt'],
    ] as const) {
      expect(text).toMatch(/^\{\n {4}"/);
      const parsed = JSON.parse(text) as Record<string, unknown>;
      const expected = JSON.parse(fixture(reference)) as Record<string, unknown>;
      expect(Object.keys(parsed)).toEqual(Object.keys(expected));
      expect(`${JSON.stringify(parsed, null, 4)}\n`).toBe(text);
    }
    const parsed = JSON.parse(list) as { archives: Array<Record<string, string>>; repository: Record<string, string> };
    const referenceArchive = (JSON.parse(fixture('debian/borg-list-json.txt')) as { archives: object[] }).archives[0]!;
    for (const archive of parsed.archives) {
      expect(Object.keys(archive)).toEqual(Object.keys(referenceArchive));
      expect(archive.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
      // Restore-test archives (the host's own restore-test job) carry it in their name.
      expect([`${name}-${archive.start!.slice(0, 19)}`, `${name}-restore-test-${archive.start!.slice(0, 19)}`]).toContain(archive.name);
    }
    expect(Object.keys(parsed.repository)).toEqual(['id', 'last_modified', 'location']);
  });
});
