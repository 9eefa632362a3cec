// The retention parsers (annex §15) on outputs captured
// from a real Debian 12 machine (captured/README.md) and on hand-made edges.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseJournaldCatConfig, timeSpanSeconds } from '../../../main/engine/collectors/retention/journald-config';
import { parseLogrotateListing } from '../../../main/engine/collectors/retention/logrotate-config';
import { parseOldestLogs, parseOldestLogsLsE } from '../../../main/engine/collectors/retention/oldest-logs';
import { parseLogadmListing } from '../../../main/engine/collectors/retention/logadm-config';
import { listedFileText } from '../../../main/engine/collectors/access/listing-format';
import { listingOf } from '../../support/listing';

const captured = (name: string) => readFileSync(join(__dirname, 'captured', name), 'utf8');
const M = '==> opsdeck-file - ';

describe('logrotate', () => {
  test("Debian's defaults: apt's logs monthly × rotate 12, dpkg's monthly; every block read", () => {
    const parsed = parseLogrotateListing(captured('logrotate-listing.txt'));
    expect(parsed.status).toBe('ok');
    const apt = parsed.value!.find((rule) => rule.paths.includes('/var/log/apt/term.log'))!;
    expect(apt).toMatchObject({ period: 'monthly', rotate: 12, keptDays: 372 });
    const dpkg = parsed.value!.find((rule) => rule.paths.includes('/var/log/dpkg.log'))!;
    expect(dpkg.period).toBe('monthly');
  });

  test('globals apply to the blocks after them, maxage caps rotate × period, size-only rotation is not a time', () => {
    const listing = listingOf([
      `${M}/etc/logrotate.conf <==`,
      'daily',
      'rotate 7',
      'include /etc/logrotate.d',
      `${M}/etc/logrotate.d/mail <==`,
      '/var/log/mail.log {',
      '  rotate 365',
      '  maxage 180',
      '}',
      '/var/log/big.log {',
      '  size 100M',
      '  rotate 5',
      '}',
      '/var/log/plain.log {',
      '}',
    ]);
    const parsed = parseLogrotateListing(listing);
    expect(parsed.value!.map((rule) => [rule.paths[0], rule.keptDays, rule.sizeOnly])).toEqual([
      ['/var/log/mail.log', 180, false],
      ['/var/log/big.log', 5, false],
      ['/var/log/plain.log', 7, false],
    ]);
    const sizeOnly = parseLogrotateListing(listingOf([`${M}/etc/logrotate.d/x <==`, '/var/log/x {', 'size 1M', 'rotate 3', '}']));
    expect(sizeOnly.value![0]).toMatchObject({ sizeOnly: true, keptDays: null });
  });

  test('an unclosed block is named; no configuration at all is unsupported', () => {
    const parsed = parseLogrotateListing(listingOf([`${M}/etc/logrotate.d/x <==`, '/var/log/x {', 'rotate 3']));
    expect(parsed.status).toBe('partial');
    expect(parsed.skipped![0]!.reason).toBe('a block that is never closed');
    expect(parseLogrotateListing('').status).toBe('unsupported');
  });

  test("paths on lines of their own before the brace (Debian's rsyslog file) belong to the block; paths with no block after them are named", () => {
    const rsyslog = listingOf([
      `${M}/etc/logrotate.d/rsyslog <==`,
      '/var/log/syslog',
      '/var/log/mail.log /var/log/kern.log',
      '"/var/log/auth log"',
      '{',
      '\tweekly',
      '\trotate 4',
      '}',
      '/var/log/orphan.log',
    ]);
    const parsed = parseLogrotateListing(rsyslog);
    expect(parsed.value).toEqual([
      {
        file: '/etc/logrotate.d/rsyslog',
        line: 1,
        paths: ['/var/log/syslog', '/var/log/mail.log', '/var/log/kern.log', '/var/log/auth log'],
        period: 'weekly',
        rotate: 4,
        maxage: null,
        sizeOnly: false,
        keptDays: 28,
        how: 'weekly × rotate 4',
      },
    ]);
    expect(parsed.status).toBe('partial');
    expect(parsed.skipped!.map((entry) => [entry.at, entry.reason])).toEqual([['/etc/logrotate.d/rsyslog line 8', 'log paths with no block after them']]);
  });
});

describe('logrotate listing: nothing printed goes unsaid', () => {
  const marker = (path: string) => `==> opsdeck-file - ${path} <==`;

  test('text before the first file and a file the script does not list are skipped; a syslog listing is not a logrotate one; plain text is not a listing', () => {
    const parsed = parseLogrotateListing(listingOf(['stray text', marker('/etc/logrotate.conf'), 'weekly', 'rotate 4', marker('/etc/rsyslog.conf'), '*.* @@log1.nj']));
    expect([parsed.status, parsed.skipped!.map((entry) => entry.at)]).toEqual(['partial', ['line 1, before the first file', 'file /etc/rsyslog.conf']]);
    expect(parseLogrotateListing(listingOf([marker('/etc/rsyslog.conf'), '*.* @@log1.nj']))).toMatchObject({ status: 'unparsed', message: expect.stringContaining('not a logrotate file') });
    expect(parseLogrotateListing('weekly\nrotate 4\n')).toMatchObject({ status: 'unparsed', message: expect.stringContaining('no file marker') });
  });
});

describe('journald', () => {
  test('nothing set on Debian 12: storage auto, no time limit', () => {
    expect(parseJournaldCatConfig(captured('journald-cat-config.txt'))).toMatchObject({ status: 'ok', value: { storage: 'auto', maxRetentionDays: null, systemMaxUse: null } });
  });

  test('the last assignment wins; systemd time spans', () => {
    const parsed = parseJournaldCatConfig('[Journal]\nMaxRetentionSec=1month\n# /etc/systemd/journald.conf.d/60.conf\n[Journal]\nMaxRetentionSec=180day\nSystemMaxUse=4G\nStorage=persistent\n');
    expect(parsed.value).toMatchObject({ storage: 'persistent', maxRetentionDays: 180, systemMaxUse: '4G' });
    expect(timeSpanSeconds('15552000')).toBe(15_552_000);
    expect(timeSpanSeconds('6month')! / 86_400).toBeCloseTo(182.6, 1);
    expect(timeSpanSeconds('26w 2d')).toBe(26 * 604_800 + 2 * 86_400);
    expect(timeSpanSeconds('soon')).toBeNull();
    expect(parseJournaldCatConfig('hello\n').status).toBe('unparsed');
  });
});

describe('oldest logs', () => {
  test('epoch and path per line; a stray line is skipped', () => {
    const parsed = parseOldestLogs('1700000000.5 /var/log/old.log.5.gz\nnot a line\n1750000000 /var/log/x y.log\n');
    expect(parsed.status).toBe('partial');
    expect(parsed.value).toEqual([
      { path: '/var/log/old.log.5.gz', modified: '2023-11-14T22:13:20.500Z' },
      { path: '/var/log/x y.log', modified: '2025-06-15T15:06:40.000Z' },
    ]);
    expect(parseOldestLogs('', 'sh: 1: find: not found\n', 127).status).toBe('tool-missing');
  });
});

describe('logadm (SmartOS)', () => {
  const listing = (text: string) => listedFileText('-', '/etc/logadm.conf', text);

  test("count × period, capped by -A; logadm's defaults (-C 10, -p 1w) when unset; the entry name is the log unless files follow it", () => {
    const parsed = parseLogadmListing(
      listing(
        [
          '# comment',
          "/var/adm/messages -C 4 -a 'kill -HUP `cat /var/run/syslog.pid`'",
          '/var/log/app.log',
          '/var/log/day.log -C180 -p 1d',
          '/var/log/capped.log -C 52 -p 1w -A 180d',
          'smf_logs /var/svc/log/*.log -A 6m -s 1m -c',
        ].join('\n'),
      ),
    );
    expect(parsed.status).toBe('ok');
    expect(parsed.value!.map((rule) => [rule.paths.join(' '), rule.keptDays, rule.how])).toEqual([
      ['/var/adm/messages', 28, '-p 1w (default) -C 4'],
      ['/var/log/app.log', 70, '-p 1w (default) -C 10 (default)'],
      ['/var/log/day.log', 180, '-p 1d -C 180'],
      ['/var/log/capped.log', 180, '-p 1w -C 52 -A 180d'],
      ['/var/svc/log/*.log', 180, 'by size only -A 6m'],
    ]);
  });

  test('no time bound: rotated by size only with a count, never rotated, or never expired (-C 0)', () => {
    const parsed = parseLogadmListing(listing(['/var/cron/log -c -s 512k -t /var/cron/olog', '/var/adm/pacct -C 0 -N -p never', '/var/log/keep.log -C 0 -p 1d'].join('\n')));
    expect(parsed.value!.map((rule) => [rule.paths[0], rule.keptDays, rule.sizeOnly])).toEqual([
      ['/var/cron/log', null, true],
      ['/var/adm/pacct', null, false],
      ['/var/log/keep.log', null, false],
    ]);
  });

  test('a line logadm would refuse is named and skipped, the others read; a logrotate listing is not a logadm one', () => {
    const parsed = parseLogadmListing(listing(['/var/log/a.log -C 5 -p 1w', "/var/log/b.log -a 'unclosed", '/var/log/c.log -Q 3', '/var/log/d.log -p fortnightly'].join('\n')));
    expect(parsed.status).toBe('partial');
    expect(parsed.value!.map((rule) => rule.paths[0])).toEqual(['/var/log/a.log']);
    expect(parsed.skipped!.map((entry) => [entry.at, entry.reason])).toEqual([
      ['/etc/logadm.conf line 2', "a ' quote is never closed"],
      ['/etc/logadm.conf line 3', 'unknown option -Q'],
      ['/etc/logadm.conf line 4', '-p fortnightly is not a number followed by h, d, w, m or y, nor never'],
    ]);
    expect(parseLogadmListing(listedFileText('-', '/etc/logrotate.conf', 'weekly\n'))).toMatchObject({ status: 'unparsed', message: expect.stringContaining('not a logadm file') });
    expect(parseLogadmListing('').status).toBe('unsupported');
  });
});

describe('oldest logs on SmartOS (ls -E)', () => {
  test('ISO time with nanoseconds and an offset, to the millisecond in UTC; a line that is not ls -E is skipped', () => {
    const parsed = parseOldestLogsLsE(
      [
        '-rw-r--r--   1 root     sys        48211 2026-06-08 10:20:30.123456789 +0000 /var/adm/messages.25',
        '-rw-r-----   1 root     sys         3348 2026-07-01 01:00:00.000000000 -0700 /var/adm/wtmpx',
        'garbage',
      ].join('\n'),
    );
    expect(parsed.status).toBe('partial');
    expect(parsed.value).toEqual([
      { path: '/var/adm/messages.25', modified: '2026-06-08T10:20:30.123Z' },
      { path: '/var/adm/wtmpx', modified: '2026-07-01T08:00:00.000Z' },
    ]);
    expect(parseOldestLogsLsE('', 'sudo: a password is required\n', 1).status).toBe('needs-privilege');
  });
});
