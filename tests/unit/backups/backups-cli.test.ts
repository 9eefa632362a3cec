// `opsdeck parse backups`: saved outputs from ../shared/fixtures parsed as
// the scan parses them, exit 0 when they parsed, 1 when not (the status and
// message in the JSON), 2 on bad usage.
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseBackupsForCli } from '../../../main/engine/collectors/backups/backups-cli';
import { runOpsdeck } from '../../support/cli-run';
import { fixture, FIXTURES_DIR } from '../../support/fixtures';

describe('opsdeck parse backups', () => {
  test('restic snapshots and borg list/info from the fixtures parse, with a summary', () => {
    expect(parseBackupsForCli('restic-snapshots', fixture('debian/restic-snapshots-json.txt'))).toMatchObject({ status: 'ok', message: null, summary: { snapshots: expect.any(Number) } });
    expect((parseBackupsForCli('restic-snapshots', fixture('debian/restic-snapshots-json.txt')).summary.snapshots as number) > 0).toBe(true);
    expect(parseBackupsForCli('borg-list', fixture('debian/borg-list-json.txt'))).toMatchObject({ status: 'ok' });
    expect(parseBackupsForCli('borg-info', fixture('debian/borg-info-json.txt'))).toMatchObject({ status: 'ok', summary: { encryption: expect.any(String) } });
  });

  test('the text forms are not the JSON ones: unparsed, with the reason', () => {
    const text = parseBackupsForCli('restic-snapshots', fixture('debian/restic-snapshots.txt'));
    expect(text).toMatchObject({ status: 'unparsed', message: expect.stringMatching(/expected a JSON array/) });
    expect(parseBackupsForCli('borg-list', fixture('debian/borg-list.txt')).status).toBe('unparsed');
  });

  test('systemctl show and zfs list read their blocks and lines', () => {
    const units = parseBackupsForCli(
      'systemctl-show',
      'Id=restic-backup.service\nLoadState=loaded\nActiveState=failed\nResult=exit-code\nExecMainStatus=1\nExecMainExitTimestamp=@1764300012\n\nId=restic-check.service\nLoadState=loaded\nActiveState=inactive\nResult=success\nExecMainStatus=0\nExecMainExitTimestamp=\n',
    );
    expect(units).toMatchObject({ status: 'ok', summary: { units: 2, failed: 1 } });
    expect(parseBackupsForCli('zfs-list', 'zones/data@rep-1\t1764300000\nzones/data@rep-2\t1764303600\n')).toMatchObject({
      status: 'ok',
      summary: { dataset: 'zones/data', snapshots: 2, newest: '2025-11-28T04:20:00.000Z' },
    });
  });

  test('exit codes: 0 parsed, 1 unparsed, 2 for an unknown format', async () => {
    expect((await runOpsdeck(['parse', 'backups', '--format', 'restic-snapshots', join(FIXTURES_DIR, 'debian/restic-snapshots-json.txt')])).code).toBe(0);
    const bad = await runOpsdeck(['parse', 'backups', '--format', 'borg-info', join(FIXTURES_DIR, 'debian/borg-info.txt')]);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ status: 'unparsed' });
    expect((await runOpsdeck(['parse', 'backups', '--format', 'tar', '-'])).code).toBe(2);
  });
});
