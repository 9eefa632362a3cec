// The backup parsers on the real tools' captured outputs (../shared/fixtures),
// and the states a failed run is told apart by, from the tools' own words.
import { describe, expect, test } from 'vitest';
import { sourceFailure } from '../../../main/engine/collectors/backups/backup-source-state';
import { createPaths, parseBorgInfo, parseBorgList } from '../../../main/engine/collectors/backups/borg-json';
import { parseResticSnapshots } from '../../../main/engine/collectors/backups/restic-snapshots';
import { parseSystemctlShow } from '../../../main/engine/collectors/backups/systemctl-show';
import { parseZfsSnapshots } from '../../../main/engine/collectors/backups/zfs-snapshots';
import { fixture, fixtureSections } from '../../support/fixtures';

describe('restic snapshots --json', () => {
  test('restic 0.14: three snapshots, oldest first, paths sorted as restic prints them, times in UTC', () => {
    const parsed = parseResticSnapshots(fixture('debian/restic-snapshots-json.txt'));
    expect(parsed.state).toBe('ok');
    expect(parsed.value!.map((snapshot) => [snapshot.id.slice(0, 8), snapshot.time, snapshot.paths, snapshot.tags, snapshot.hostname])).toEqual([
      ['55ed9f0d', '2026-11-28T16:14:41.418Z', ['/srv/app', '/srv/www'], ['daily'], 'web01'],
      ['3bbc8db4', '2026-11-28T16:14:43.138Z', ['/srv/app', '/srv/www'], ['daily'], 'web01'],
      ['0ed2066b', '2026-11-28T16:14:43.841Z', ['/srv/app'], ['weekly'], 'db01'],
    ]);
  });

  test('restic 0.18 (program_version, summary) parses to the same shape', () => {
    const parsed = parseResticSnapshots(fixture('debian/restic-snapshots-json-0.18.txt'));
    expect(parsed.state).toBe('ok');
    expect(parsed.value!.length).toBeGreaterThan(0);
    for (const snapshot of parsed.value!) expect(snapshot.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  test('an empty repository is ok with no snapshots', () => {
    expect(parseResticSnapshots(fixture('debian/restic-snapshots-json-empty.txt'))).toEqual({ state: 'ok', value: [], message: null });
  });

  test('the table format (no --json) is recognised as not the format, never as an empty list', () => {
    const parsed = parseResticSnapshots(fixture('debian/restic-snapshots.txt'));
    expect(parsed.state).toBe('unparsed');
    expect(parsed.message).toMatch(/expected a JSON array/);
  });

  test('an element that is not a snapshot makes the result unparsed, keeping the readable ones', () => {
    const good = JSON.parse(fixture('debian/restic-snapshots-json.txt')) as object[];
    const parsed = parseResticSnapshots(JSON.stringify([...good, { id: 'nope' }]));
    expect(parsed.state).toBe('unparsed');
    expect(parsed.message).toMatch(/1 of 4 elements are not snapshots \(element 3: no 64-hex id\)/);
    expect(parsed.value).toHaveLength(3);
  });

  test('a hostile path or tag is kept as visible text, never as a terminal escape', () => {
    const id = 'a'.repeat(64);
    const parsed = parseResticSnapshots(JSON.stringify([{ id, time: '2026-11-28T16:14:41.1Z', paths: ['/srv/\u001b[2Jx'], tags: ['\u202eevil'] }]));
    expect(parsed.value![0]!.paths).toEqual(['/srv/\\x1b[2Jx']);
    expect(parsed.value![0]!.tags).toEqual(['\\x202eevil']);
  });
});

describe('borg list / info --json', () => {
  test('borg 1.2 list: two archives, local times read as UTC', () => {
    const parsed = parseBorgList(fixture('debian/borg-list-json.txt'));
    expect(parsed.state).toBe('ok');
    expect(parsed.value!.map((archive) => [archive.id.slice(0, 8), archive.time, archive.timeToTheSecond])).toEqual([
      ['387b91bd', '2026-11-28T16:16:39.000Z', true],
      ['0aaeb380', '2026-11-28T16:16:40.000Z', true],
    ]);
    // A borg that gives microseconds: the time is as exact as that.
    const precise = parseBorgList(fixture('debian/borg-list-json.txt').replaceAll('16:16:39.000000', '16:16:39.123456'));
    expect(precise.value!.map((archive) => [archive.time, archive.timeToTheSecond])[0]).toEqual(['2026-11-28T16:16:39.123Z', undefined]);
  });

  test('borg info of the repository: its encryption mode and location, no archive', () => {
    const parsed = parseBorgInfo(fixture('debian/borg-info-json.txt'));
    expect(parsed).toMatchObject({ state: 'ok', value: { encryption: 'repokey-blake2', location: '/var/backups/borg', newest: null } });
  });

  test('borg info --last 1: the newest archive with the paths of its create command line', () => {
    const parsed = parseBorgInfo(fixture('debian/borg-info-json-archive.txt'));
    expect(parsed.value!.newest).toMatchObject({ id: expect.stringMatching(/^0aaeb380/), paths: ['/srv/www', '/srv/app'], hostname: 'web01' });
  });

  test('create paths: words after ::ARCHIVE that are paths, options skipped', () => {
    expect(createPaths(['/usr/bin/borg', 'create', '--stats', '--exclude', 'x', '::n-{now}', '/etc', '/srv/a b'])).toEqual(['/etc', '/srv/a b']);
    expect(createPaths('not a list')).toEqual([]);
  });

  test('the text formats are not taken for JSON', () => {
    expect(parseBorgList(fixture('debian/borg-list.txt')).state).toBe('unparsed');
    expect(parseBorgInfo(fixture('debian/borg-info.txt')).state).toBe('unparsed');
    // borg list --json has the same encryption and repository, but no cache statistics.
    expect(parseBorgInfo(fixture('debian/borg-list-json.txt'))).toMatchObject({ state: 'unparsed', message: expect.stringContaining('no "cache"') });
    expect(parseBorgList('{"archives": "x"}').message).toMatch(/no "archives" array/);
  });
});

describe("failed runs: distinct states with the raw message, from the tools' own words", () => {
  const restic = fixtureSections('debian/restic-errors.txt');
  const borg = fixtureSections('debian/borg-errors.txt');
  const stateOf = (tool: string, section: { stdout: string; stderr: string; exitCode: number }) => sourceFailure(tool, section.stdout, section.stderr, section.exitCode, null);

  test('restic 0.14 and 0.18: wrong password, repository missing', () => {
    expect(restic.map((section) => stateOf('restic', section)?.state)).toEqual(['wrong-password', 'unreachable', 'wrong-password', 'unreachable']);
    expect(stateOf('restic', restic[2]!)!.message).toBe('Fatal: wrong password or no key found');
  });

  test('borg: wrong passphrase, repository missing, no passphrase without a TTY, locked', () => {
    expect(borg.map((section) => [section.heading.slice(0, 30), stateOf('borg', section)?.state])).toEqual([
      [borg[0]!.heading.slice(0, 30), 'wrong-password'],
      [borg[1]!.heading.slice(0, 30), 'unreachable'],
      [borg[2]!.heading.slice(0, 30), 'no-password'],
      [borg[3]!.heading.slice(0, 30), 'locked'],
    ]);
    expect(stateOf('borg', borg[2]!)!.message).not.toMatch(/GetPassWarning/);
  });

  test('restic check while locked (0.14 exit 1, 0.18 exit 11)', () => {
    for (const path of ['debian/restic-check-locked.txt', 'debian/restic-check-locked-0.18.txt']) {
      const sections = fixtureSections(path);
      const stdout = sections.find((section) => section.heading === 'stdout')?.stdout ?? '';
      const stderr = fixture(path).split('### stderr\n')[1]!.split('### exit')[0]!;
      expect(sourceFailure('restic', stdout, stderr, 1, null)?.state).toBe('locked');
    }
  });

  test('missing tool, unreadable environment file, sudo wanting a password, transport error', () => {
    expect(sourceFailure('restic', '', 'sh: 1: exec: restic: not found\n', 127, null)).toMatchObject({ state: 'tool-missing', message: expect.stringContaining('restic is not installed') });
    expect(sourceFailure('restic', '', 'opsdeck: cannot read the backup environment file /etc/backup/restic.env\n', 125, null)?.state).toBe('no-environment');
    expect(sourceFailure('restic', '', 'sudo: a password is required\n', 1, null)?.state).toBe('needs-privilege');
    expect(sourceFailure('restic', '', '', null, 'command timed out')).toEqual({ state: 'failed', message: 'restic: command timed out' });
    expect(sourceFailure('restic', '[]', '', 0, null)).toBeNull();
  });
});

describe('systemctl show (reconstructed from systemd 252 systemctl(1); no captured fixture)', () => {
  const units = ['restic-backup.service', 'restic-check.service'];
  const text = [
    'Id=restic-backup.service\nLoadState=loaded\nActiveState=failed\nResult=exit-code\nExecMainStatus=1\nExecMainExitTimestamp=@1764300012',
    'Id=restic-check.service\nLoadState=loaded\nActiveState=inactive\nResult=success\nExecMainStatus=0\nExecMainExitTimestamp=Thu 2025-11-27 03:00:12 UTC',
  ].join('\n\n');

  test('one block per unit, unix and UTC timestamps', () => {
    expect(parseSystemctlShow(`${text}\n`, units)).toEqual({
      state: 'ok',
      message: null,
      value: [
        { unit: 'restic-backup.service', loaded: true, activeState: 'failed', result: 'exit-code', exitStatus: 1, lastExit: '2025-11-28T03:20:12.000Z' },
        { unit: 'restic-check.service', loaded: true, activeState: 'inactive', result: 'success', exitStatus: 0, lastExit: '2025-11-27T03:00:12.000Z' },
      ],
    });
  });

  test('a unit that never ran has no exit time; a unit that does not exist is not loaded', () => {
    const parsed = parseSystemctlShow('Id=x.service\nLoadState=not-found\nActiveState=inactive\nResult=success\nExecMainStatus=0\nExecMainExitTimestamp=\n', ['x.service']);
    expect(parsed.value).toEqual([{ unit: 'x.service', loaded: false, activeState: 'inactive', result: 'success', exitStatus: 0, lastExit: null }]);
  });

  test('a missing block or an unknown timestamp is unparsed, never a shorter ok list', () => {
    expect(parseSystemctlShow(text.split('\n\n')[0]!, units)).toMatchObject({ state: 'unparsed', message: expect.stringMatching(/1 unit blocks for 2 units/) });
    expect(parseSystemctlShow('Id=a.service\nResult=success\nExecMainExitTimestamp=Thu 2025-11-27 03:00:12 CET', ['a.service']).state).toBe('unparsed');
  });
});

describe('zfs list -t snapshot -Hp -o name,creation (reconstructed from illumos zfs(8))', () => {
  test('snapshots of the dataset, creation in epoch seconds', () => {
    const parsed = parseZfsSnapshots('zones/data@repl-1\t1764300000\nzones/data@repl-2\t1764303600\n', 'zones/data');
    expect(parsed.value!.map((snapshot) => [snapshot.id, snapshot.time])).toEqual([
      ['zones/data@repl-1', '2025-11-28T03:20:00.000Z'],
      ['zones/data@repl-2', '2025-11-28T04:20:00.000Z'],
    ]);
  });

  test('a line of another dataset or not in the format is unparsed', () => {
    expect(parseZfsSnapshots('zones/other@a\t1\n', 'zones/data').state).toBe('unparsed');
    expect(parseZfsSnapshots('zones/data@a 1\n', 'zones/data').state).toBe('unparsed');
  });
});
