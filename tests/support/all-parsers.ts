// Every command-output parser of every area, by name, with the captured
// outputs of its own command (the shared fixtures, or a test folder's own
// captures where the shared ones have none), for tests that run them all
// alike: the fuzz job, the accounting properties, cross-feeding each parser
// the others' outputs. The backup parsers answer in their own shape (a state
// where the others have a status, no partial: an unreadable element makes the
// whole result unparsed); they are adapted here, not changed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAuditctlRules, parseAuditctlStatus } from '../../main/engine/collectors/access/audit-rules';
import { parseAuthorizedKeysListing } from '../../main/engine/collectors/access/authorized-keys';
import { parseGetentPasswd, parsePasswordStatus } from '../../main/engine/collectors/access/passwd-entries';
import { parseLast } from '../../main/engine/collectors/access/recent-logins';
import { parseSshdT } from '../../main/engine/collectors/access/sshd-config';
import { parseSyslogForwarding } from '../../main/engine/collectors/access/syslog-forwarding';
import { parseZoneAccess } from '../../main/engine/collectors/access/zone-access';
import type { BackupParse } from '../../main/engine/collectors/backups/backup-snapshot';
import { parseBorgFileList } from '../../main/engine/collectors/backups/borg-file-list';
import { parseBorgInfo, parseBorgList } from '../../main/engine/collectors/backups/borg-json';
import { parseResticLs } from '../../main/engine/collectors/backups/restic-ls';
import { parseResticSnapshots } from '../../main/engine/collectors/backups/restic-snapshots';
import { parseSystemctlShow } from '../../main/engine/collectors/backups/systemctl-show';
import { parseZfsSnapshots } from '../../main/engine/collectors/backups/zfs-snapshots';
import { parseBlkid } from '../../main/engine/collectors/encryption/blkid';
import { parseCryptsetupStatus } from '../../main/engine/collectors/encryption/cryptsetup-status';
import { parseCrypttab } from '../../main/engine/collectors/encryption/crypttab';
import { parseDmsetupCryptTable } from '../../main/engine/collectors/encryption/dmsetup-table';
import { parseFindmntJson } from '../../main/engine/collectors/encryption/findmnt-json';
import { parseLsblkJson } from '../../main/engine/collectors/encryption/lsblk-json';
import { parseLuksDump } from '../../main/engine/collectors/encryption/luks-dump';
import { parseProcSwaps } from '../../main/engine/collectors/encryption/proc-swaps';
import { parseSysinfo } from '../../main/engine/collectors/encryption/sysinfo';
import { parseZfsGet } from '../../main/engine/collectors/encryption/zfs-get';
import { parseZpoolStatus } from '../../main/engine/collectors/encryption/zpool-status';
import { parseFwadmList } from '../../main/engine/collectors/firewall/fwadm-json';
import { parseIpfstat, parseIpfstat6 } from '../../main/engine/collectors/firewall/ipfstat';
import { parseIp6tablesSave, parseIptablesSave } from '../../main/engine/collectors/firewall/iptables-save';
import { parseNftJson } from '../../main/engine/collectors/firewall/nft-json';
import { parseSmartosNetstat } from '../../main/engine/collectors/firewall/smartos-netstat';
import { parseSsListeners } from '../../main/engine/collectors/firewall/ss-listeners';
import { parseSvcsIpfilter } from '../../main/engine/collectors/firewall/svcs-ipfilter';
import { parseVmadmList } from '../../main/engine/collectors/firewall/vmadm-list';
import type { Parsed } from '../../main/engine/collectors/parse-result';
import { parseAptSimulation } from '../../main/engine/collectors/patches/apt-simulation';
import { parseDebianVersion } from '../../main/engine/collectors/patches/debian-version';
import { parseDebsecanDetail } from '../../main/engine/collectors/patches/debsecan';
import { parseSmartosEtcRelease } from '../../main/engine/collectors/patches/etc-release';
import { parseStatMtimes } from '../../main/engine/collectors/patches/file-mtimes';
import { parseKernelRelease } from '../../main/engine/collectors/patches/kernel-release';
import { parseNeedrestartBatch } from '../../main/engine/collectors/patches/needrestart';
import { parseOsRelease } from '../../main/engine/collectors/patches/os-release';
import { parsePiadmList } from '../../main/engine/collectors/patches/piadm-list';
import { parsePkgAdminAudit } from '../../main/engine/collectors/patches/pkg-audit';
import { parsePkginUpgrade } from '../../main/engine/collectors/patches/pkgin-upgrade';
import { parseUnameV } from '../../main/engine/collectors/patches/platform-image';
import { parseRebootRequired, parseRebootRequiredPkgs } from '../../main/engine/collectors/patches/reboot-required';
import { parseUnattendedUpgradesLog } from '../../main/engine/collectors/patches/unattended-upgrades-log';
import { parseJournaldCatConfig } from '../../main/engine/collectors/retention/journald-config';
import { parseLogadmListing } from '../../main/engine/collectors/retention/logadm-config';
import { parseLogrotateListing } from '../../main/engine/collectors/retention/logrotate-config';
import { parseOldestLogs, parseOldestLogsLsE } from '../../main/engine/collectors/retention/oldest-logs';
import { parseHstsAnswer } from '../../main/engine/collectors/transport/hsts-header';
import { parseSClient } from '../../main/engine/collectors/transport/s-client';
import { parseStarttlsCapabilities } from '../../main/engine/collectors/transport/starttls-capabilities';
import { fixture } from './fixtures';

export type OutputParser = (stdout: string, stderr: string, exitCode: number | null) => Parsed<unknown>;

export interface ParserUnderTest {
  parse: OutputParser;
  /** Outputs of this parser's own command (paths under the shared fixtures). */
  own: string[];
  /** A parser whose every line is one record: lines that are not its own are skipped, never read past. */
  lineGrammar: boolean;
}

const p = (parse: OutputParser, own: string[], lineGrammar = false): ParserUnderTest => ({ parse, own, lineGrammar });
/** A backup parser's state as a status (its value kept: with `unparsed` it holds what was readable). */
const backup =
  (parse: (stdout: string) => BackupParse<unknown>): OutputParser =>
  (stdout) => {
    const parsed = parse(stdout);
    return { status: parsed.state, value: parsed.value, message: parsed.message, warnings: [] };
  };

export const ALL_PARSERS: Record<string, ParserUnderTest> = {
  'nft -j': p(parseNftJson, ['debian/nft-j-list-ruleset.txt', 'debian/nft-j-list-ruleset-iptables-nft.txt', 'debian/nft-j-list-ruleset-empty.txt', 'debian/nft-j-list-ruleset.pretty.txt']),
  'iptables-save': p(parseIptablesSave, ['debian/iptables-save.txt'], true),
  'ip6tables-save': p(parseIp6tablesSave, ['debian/ip6tables-save.txt'], true),
  ss: p(parseSsListeners, ['debian/ss-H-tulpn.txt', 'debian/ss-H-tulpn-nonroot.txt'], true),
  ipfstat: p(parseIpfstat, ['smartos/ipfstat-io.txt'], true),
  'ipfstat -6': p(parseIpfstat6, ['smartos/ipfstat-io.txt'], true),
  svcs: p(parseSvcsIpfilter, ['smartos/svcs-H-ipfilter.txt']),
  'fwadm -j': p(parseFwadmList, ['smartos/fwadm-list-j.txt', 'smartos/fwadm-list-j-empty.txt']),
  vmadm: p(parseVmadmList, []),
  netstat: p(parseSmartosNetstat, []),
  'lsblk -J': p(parseLsblkJson, ['debian/lsblk-J-luks.txt']),
  'findmnt -J': p(parseFindmntJson, []),
  'cryptsetup status': p(parseCryptsetupStatus, ['debian/cryptsetup-status.txt', 'debian/cryptsetup-status-luks1.txt']),
  crypttab: p(parseCrypttab, ['debian/crypttab.txt', 'debian/crypttab-default.txt'], true),
  dmsetup: p(parseDmsetupCryptTable, ['debian/dmsetup-table-target-crypt.txt'], true),
  blkid: p(parseBlkid, [], true),
  '/proc/swaps': p(parseProcSwaps, [], true),
  luksDump: p(parseLuksDump, []),
  'zfs get': p(parseZfsGet, ['smartos/zfs-get-encryption.txt', 'smartos/zfs-get-encryption-unencrypted.txt'], true),
  'zpool status': p(parseZpoolStatus, ['smartos/zpool-status.txt']),
  sysinfo: p(parseSysinfo, ['smartos/sysinfo.txt', 'smartos/sysinfo-unencrypted-pool.txt']),
  'apt-get -s': p(parseAptSimulation, ['debian/apt-get-s-dist-upgrade.txt', 'debian/apt-get-s-upgrade.txt']),
  needrestart: p(parseNeedrestartBatch, ['debian/needrestart-b.txt', 'debian/needrestart-b-baremetal-clean.txt', 'debian/needrestart-b-trixie.txt'], true),
  'reboot-required': p(parseRebootRequired, ['debian/reboot-required.txt']),
  'reboot-required.pkgs': p(parseRebootRequiredPkgs, ['debian/reboot-required.pkgs.txt']),
  'unattended-upgrades log': p(parseUnattendedUpgradesLog, ['debian/unattended-upgrades-log.txt']),
  debsecan: p(parseDebsecanDetail, ['debian/debsecan-detail.txt']),
  'os-release': p(parseOsRelease, ['debian/os-release.txt', 'debian/os-release-trixie.txt']),
  debian_version: p(parseDebianVersion, ['debian/debian_version.txt', 'debian/debian_version-trixie.txt']),
  'uname -r': p(parseKernelRelease, ['debian/uname-r.txt', 'debian/uname-r-trixie.txt']),
  'uname -v': p(parseUnameV, ['smartos/uname-v.txt']),
  '/etc/release': p(parseSmartosEtcRelease, ['smartos/etc-release.txt']),
  piadm: p(parsePiadmList, ['smartos/piadm-list.txt'], true),
  'pkg_admin audit': p(parsePkgAdminAudit, ['smartos/pkg_admin-audit.txt'], true),
  pkgin: p(parsePkginUpgrade, ['smartos/pkgin-n-upgrade.txt']),
  stat: p((stdout, stderr, exitCode) => parseStatMtimes(stdout, stderr, exitCode, 'files'), []),
  'restic snapshots --json': p(backup(parseResticSnapshots), ['debian/restic-snapshots-json.txt', 'debian/restic-snapshots-json-0.18.txt', 'debian/restic-snapshots-json-empty.txt']),
  'restic ls --json': p(backup(parseResticLs), ['tests/unit/backups/fixtures/restic-ls-latest.txt', 'tests/unit/backups/fixtures/restic-ls-latest-restore-test.txt']),
  'borg list --json': p(backup(parseBorgList), ['debian/borg-list-json.txt']),
  'borg info --json': p(backup(parseBorgInfo), ['debian/borg-info-json.txt']),
  'borg list --format': p(backup(parseBorgFileList), []),
  'zfs list -t snapshot': p(
    backup((stdout) => parseZfsSnapshots(stdout, 'zones/data')),
    ['tests/unit/backups/fixtures/zfs-snapshots-source.txt'],
  ),
  'systemctl show': p(
    backup((stdout) => parseSystemctlShow(stdout, ['restic-backup.service'])),
    [],
  ),
  'getent passwd': p(parseGetentPasswd, ['tests/unit/access/captured/getent-passwd.txt'], true),
  'passwd -S': p(parsePasswordStatus, ['tests/unit/access/captured/passwd-S-a.txt'], true),
  'authorized_keys listing': p(parseAuthorizedKeysListing, []),
  'sshd -T': p(parseSshdT, ['tests/unit/access/captured/sshd-T-debian12-default.txt']),
  'auditctl -s': p(parseAuditctlStatus, ['tests/unit/access/captured/auditctl-s-disabled.txt']),
  'auditctl -l': p(parseAuditctlRules, ['tests/unit/access/captured/auditctl-l-no-rules.txt']),
  'syslog listing': p(parseSyslogForwarding, []),
  last: p(parseLast, ['tests/unit/access/captured/last-w.txt']),
  'zone access listing': p(parseZoneAccess, []),
  s_client: p(parseSClient, [
    'tests/unit/transport/fixtures/s-client-selfsigned.stdout.txt',
    'tests/unit/transport/fixtures/s-client-tls1_1.stdout.txt',
    'tests/unit/transport/fixtures/s-client-tls1_3-no-ticket.stdout.txt',
  ]),
  'smtp capabilities': p((stdout, stderr, exitCode) => parseStarttlsCapabilities('smtp', stdout, stderr, exitCode), []),
  'HEAD for HSTS': p(parseHstsAnswer, []),
  'logrotate listing': p(parseLogrotateListing, ['tests/unit/retention/captured/logrotate-listing.txt']),
  'systemd-analyze cat-config journald': p(parseJournaldCatConfig, ['tests/unit/retention/captured/journald-cat-config.txt']),
  'oldest logs': p(parseOldestLogs, []),
  'logadm listing': p(parseLogadmListing, []),
  'oldest logs (ls -E)': p(parseOldestLogsLsE, []),
};

/** Every fixture named above, read once: `tests/…` from this project, the rest from the shared fixtures. */
export function ownOutputs(name: string): string[] {
  return ALL_PARSERS[name]!.own.map((path) => (path.startsWith('tests/') ? readFileSync(join(process.cwd(), path), 'utf8') : fixture(path)));
}
