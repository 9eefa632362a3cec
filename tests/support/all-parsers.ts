// Every command-output parser of every area, by name, with the captured
// outputs of its own command (the shared fixtures), for tests that run them
// all alike: the fuzz job, the accounting properties, cross-feeding each
// parser the others' outputs.
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
};

/** Every fixture named above, read once. */
export function ownOutputs(name: string): string[] {
  return ALL_PARSERS[name]!.own.map((path) => fixture(path));
}
