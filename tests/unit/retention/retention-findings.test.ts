// Retention findings (annex §15: system logs kept 180 days, then deleted)
// from real Debian 12 defaults, from the demo fleet's hosts, and at the
// edges of the promise: too short and too long are both findings, an unread
// source or SmartOS is "not fully checked", never silence.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { CommandOutput, TargetOs } from '../../../main/engine/collectors/host-command';
import { RETENTION_COMMAND_IDS as ids } from '../../../main/engine/collectors/retention/retention-commands';
import { retentionFacts } from '../../../main/engine/collectors/retention/retention-facts';
import { demoFleetSpec } from '../../../main/engine/demo-fleet/demo-fleet-spec';
import { listedFileText } from '../../../main/engine/collectors/access/listing-format';
import { oldestLogsLsE, SMARTOS_LOGADM_CONF } from '../../../main/engine/demo-fleet/profiles/smartos/smartos-log-retention';
import { JOURNALD_CAT_CONFIG, logrotateListing, oldestLogs } from '../../../main/engine/demo-fleet/profiles/debian/log-retention';
import type { HostContext } from '../../../main/engine/posture/host-context';
import { retentionFindings } from '../../../main/engine/posture/retention-findings';

const NOW = new Date('2026-12-05T12:00:00.000Z');
const captured = (name: string) => readFileSync(join(__dirname, 'captured', name), 'utf8');

function output(id: string, stdout: string, exitCode: number | null = 0, stderr = ''): CommandOutput {
  return { id, command: id, stdout, stderr, exitCode, durationMs: 1, error: null, truncated: null } as unknown as CommandOutput;
}

const context = (host: string, os: TargetOs = 'debian'): HostContext => ({
  host,
  dc: 'nj',
  siteRole: 'primary',
  os,
  now: NOW,
  policy: { roles: ['web'], allowedPorts: [], patchSlaHours: 24, backupRpoHours: 24, restoreTestMaxAgeDays: 30, platformImageMaxAgeDays: 180 },
});

const epochDaysAgo = (days: number) => ((NOW.getTime() - days * 86_400_000) / 1000).toFixed(3);

function findings(logrotate: string, journald: string, oldest: string, host = 'h1.nj') {
  const outputs = [output(ids.logrotate, logrotate), output(ids.journald, journald), output(ids.oldestLogs, oldest)];
  return retentionFindings(retentionFacts('debian', outputs), context(host));
}

const rotating = (period: string, rotate: number, extra = '') => listedFileText('-', '/etc/logrotate.d/syslog', `/var/log/syslog {\n\t${period}\n\trotate ${rotate}\n${extra}}\n`);
const JOURNAL_180 = '[Journal]\nStorage=persistent\nMaxRetentionSec=180day\n';
const RECENT = `${epochDaysAgo(100)} /var/log/syslog.14.gz\n`;

describe('real Debian 12 defaults', () => {
  test('btmp and wtmp keep a month and postgresql 10 weeks (too short), apt and dpkg a year (too long), the journal has no time limit', () => {
    const result = findings(captured('logrotate-listing.txt'), captured('journald-cat-config.txt'), RECENT);
    expect(result.map((finding) => [finding.id, finding.severity, finding.control])).toEqual([
      ['retention.rotation-too-short:h1.nj', 'medium', 'limitedRetention'],
      ['retention.rotation-too-long:h1.nj', 'medium', 'limitedRetention'],
      ['retention.journal-no-time-limit:h1.nj', 'medium', 'limitedRetention'],
    ]);
    const short = result[0]!;
    expect(short.evidence.excerpt).toEqual([
      '/etc/logrotate.d/btmp:2 /var/log/btmp: monthly × rotate 1 = 31 days',
      '/etc/logrotate.d/postgresql-common:1 /var/log/postgresql/*.log: weekly × rotate 10 = 70 days',
      '/etc/logrotate.d/wtmp:2 /var/log/wtmp: monthly × rotate 1 = 31 days',
    ]);
    expect(result[1]!.evidence.excerpt.some((line) => line.includes('/var/log/apt/term.log') && line.endsWith('monthly × rotate 12 = 372 days'))).toBe(true);
    expect(result[2]!.evidence.excerpt).toEqual(['Storage=auto', 'MaxRetentionSec=(unset)', 'SystemMaxUse=(unset)']);
  });
});

describe('the promise and its edges', () => {
  test('180 days to 180 + 14 hold; 179 and 195 do not, each said its way', () => {
    expect(findings(rotating('daily', 180), JOURNAL_180, RECENT)).toEqual([]);
    expect(findings(rotating('weekly', 26), JOURNAL_180, RECENT)).toEqual([]);
    expect(findings(rotating('monthly', 6), JOURNAL_180, RECENT)).toEqual([]);
    expect(findings(rotating('daily', 194), JOURNAL_180, RECENT)).toEqual([]);
    expect(findings(rotating('daily', 179), JOURNAL_180, RECENT).map((finding) => finding.id)).toEqual(['retention.rotation-too-short:h1.nj']);
    expect(findings(rotating('daily', 195), JOURNAL_180, RECENT).map((finding) => finding.id)).toEqual(['retention.rotation-too-long:h1.nj']);
    // maxage caps a long rotation back inside the promise.
    expect(findings(rotating('daily', 365, '\tmaxage 180\n'), JOURNAL_180, RECENT)).toEqual([]);
  });

  test('a size-only rule has no time bound; a journal limited to 30 days or 2 years is a finding; a volatile journal keeps nothing', () => {
    const sizeOnly = listedFileText('-', '/etc/logrotate.d/big', '/var/log/big.log {\n\tsize 100M\n\trotate 5\n}\n');
    expect(findings(sizeOnly, JOURNAL_180, RECENT).map((finding) => [finding.id, finding.severity])).toEqual([['retention.rotation-unbounded:h1.nj', 'low']]);
    const short = findings(rotating('weekly', 26), '[Journal]\nStorage=persistent\nMaxRetentionSec=1month\n', RECENT);
    expect(short.map((finding) => [finding.id, finding.title])).toEqual([['retention.journal-retention:h1.nj', 'Journal kept 30 days, not 180']]);
    expect(findings(rotating('weekly', 26), '[Journal]\nStorage=persistent\nMaxRetentionSec=2y\n', RECENT)[0]!.detail).toMatch(/beyond the 180 days/);
    expect(findings(rotating('weekly', 26), '[Journal]\nStorage=volatile\n', RECENT)).toEqual([]);
  });

  test('a log file last written 200 days ago is on disk past the promise, whatever the rules say', () => {
    const old = `${epochDaysAgo(200)} /var/log/installer/syslog\n${epochDaysAgo(100)} /var/log/syslog.14.gz\n`;
    const result = findings(rotating('weekly', 26), JOURNAL_180, old);
    expect(result.map((finding) => [finding.id, finding.title])).toEqual([['retention.old-logs-on-disk:h1.nj', 'Logs on disk 200 days old']]);
    expect(result[0]!.evidence.excerpt).toEqual([expect.stringMatching(/ \/var\/log\/installer\/syslog \(200 days\)$/)]);
  });
});

describe('what was not read is said', () => {
  test('an unreadable source is "not fully checked", naming it and why; the others are still judged', () => {
    const outputs = [output(ids.logrotate, rotating('daily', 400)), output(ids.journald, '', 1, 'Failed to connect to bus\n'), output(ids.oldestLogs, '', 1, 'sudo: a password is required\n')];
    const result = retentionFindings(retentionFacts('debian', outputs), context('h1.nj'));
    expect(result.map((finding) => finding.id)).toEqual(['retention.rotation-too-long:h1.nj', 'retention.retention-unchecked:h1.nj']);
    expect(result[1]!.title).toBe('Log retention not fully checked: journald settings, the oldest files under /var/log not read');
    expect(result[1]!.evidence.commandIds).toEqual([ids.journald, ids.oldestLogs]);
  });

  test('on SmartOS, logadm rules and the oldest files not read are "not fully checked", naming logadm; no journal is asked for', () => {
    const result = retentionFindings(retentionFacts('smartos', []), context('cn1.nj', 'smartos'));
    expect(result.map((finding) => [finding.id, finding.severity, finding.title])).toEqual([
      ['retention.retention-unchecked:cn1.nj', 'low', 'Log retention not fully checked: logadm rules, the oldest files under /var/adm and /var/log not read'],
    ]);
    expect(result[0]!.evidence.commandIds).toEqual([ids.logadm, ids.oldestLogs]);
  });
});

describe('SmartOS (logadm)', () => {
  const smartos = (logadm: string, oldest: string) =>
    retentionFindings(retentionFacts('smartos', [output(ids.logadm, listedFileText('-', '/etc/logadm.conf', logadm)), output(ids.oldestLogs, oldest)]), context('cn1.nj', 'smartos'));
  const lsE = (daysAgo: number, path: string) =>
    `-rw-r--r--   1 root     sys   100 ${new Date(NOW.getTime() - daysAgo * 86_400_000).toISOString().replace('T', ' ').replace('Z', '000000 +0000')} ${path}\n`;

  test("logadm's stock style (four weekly versions of messages, pacct never expired, a two-year fault log) is too short, unbounded and too long", () => {
    const stockStyle = ['/var/adm/messages -C 4', '/var/adm/pacct -C 0 -N -p never', '/var/fm/fmd/infolog -N -A 2y -S 50m -s 10m'].join('\n');
    const result = smartos(stockStyle, lsE(100, '/var/adm/messages.3'));
    expect(result.map((finding) => [finding.id, finding.evidence.excerpt])).toEqual([
      ['retention.rotation-too-short:cn1.nj', ['/etc/logadm.conf:1 /var/adm/messages: -p 1w (default) -C 4 = 28 days']],
      ['retention.rotation-too-long:cn1.nj', ['/etc/logadm.conf:3 /var/fm/fmd/infolog: by size only -A 2y -S 50m = 730 days']],
      ['retention.rotation-unbounded:cn1.nj', ['/etc/logadm.conf:2 /var/adm/pacct: -p never -C 0 = no time bound']],
    ]);
    expect(result[0]!.detail).toMatch(/^logadm keeps \/var\/adm\/messages/);
    expect(result[0]!.evidence.commandIds).toEqual([ids.logadm]);
  });

  test('the demo nodes keep 180 days and no longer, and an old file under /var/adm is a finding', () => {
    const hosts = demoFleetSpec({ hosts: 24 }).hosts.filter((host) => host.os === 'smartos');
    for (const host of hosts) expect(smartos(SMARTOS_LOGADM_CONF, oldestLogsLsE(host, NOW)), host.name).toEqual([]);
    const old = smartos(SMARTOS_LOGADM_CONF, lsE(300, '/var/adm/sulog'));
    expect(old.map((finding) => finding.title)).toEqual(['Logs on disk 300 days old']);
    expect(old[0]!.detail).toContain('under /var/adm and /var/log');
  });
});

describe('the demo fleet', () => {
  const hosts = demoFleetSpec({ hosts: 24 }).hosts;
  const demoFindings = (name: string) => {
    const host = hosts.find((each) => each.name === name)!;
    return findings(logrotateListing(host), JOURNALD_CAT_CONFIG, oldestLogs(host, NOW), name);
  };

  test('every Debian host but web1.nj keeps its logs 180 days and no longer', () => {
    for (const host of hosts.filter((each) => each.os === 'debian' && each.name !== 'web1.nj')) expect(demoFindings(host.name), host.name).toEqual([]);
  });

  test("web1.nj's planted nginx rule keeps a year, and a year-old log is on disk", () => {
    const result = demoFindings('web1.nj');
    expect(result.map((finding) => finding.id)).toEqual(['retention.rotation-too-long:web1.nj', 'retention.old-logs-on-disk:web1.nj']);
    expect(result[0]!.evidence.excerpt).toEqual(['/etc/logrotate.d/nginx:1 /var/log/nginx/*.log: daily × rotate 365 = 365 days']);
  });
});
