// Every patch parser by name, for tests that run them all alike.
import { parseAptSimulation } from '../../../../main/engine/collectors/patches/apt-simulation';
import { parseDebianVersion } from '../../../../main/engine/collectors/patches/debian-version';
import { parseDebsecanDetail } from '../../../../main/engine/collectors/patches/debsecan';
import { parseSmartosEtcRelease } from '../../../../main/engine/collectors/patches/etc-release';
import { parseStatMtimes } from '../../../../main/engine/collectors/patches/file-mtimes';
import { parseKernelRelease } from '../../../../main/engine/collectors/patches/kernel-release';
import { parseNeedrestartBatch } from '../../../../main/engine/collectors/patches/needrestart';
import { parseOsRelease } from '../../../../main/engine/collectors/patches/os-release';
import { parsePiadmList } from '../../../../main/engine/collectors/patches/piadm-list';
import { parsePkgAdminAudit } from '../../../../main/engine/collectors/patches/pkg-audit';
import { parsePkginUpgrade } from '../../../../main/engine/collectors/patches/pkgin-upgrade';
import { parseUnameV } from '../../../../main/engine/collectors/patches/platform-image';
import { parseRebootRequired, parseRebootRequiredPkgs } from '../../../../main/engine/collectors/patches/reboot-required';
import { parseUnattendedUpgradesLog } from '../../../../main/engine/collectors/patches/unattended-upgrades-log';
import type { Parsed } from '../../../../main/engine/collectors/parse-result';

type Parser = (stdout: string, stderr: string, exitCode: number | null) => Parsed<unknown>;

export const PATCH_PARSERS: Record<string, Parser> = {
  'apt-get': parseAptSimulation,
  needrestart: parseNeedrestartBatch,
  'reboot-required': parseRebootRequired,
  'reboot-required.pkgs': parseRebootRequiredPkgs,
  'unattended-upgrades log': parseUnattendedUpgradesLog,
  debsecan: parseDebsecanDetail,
  'os-release': parseOsRelease,
  debian_version: parseDebianVersion,
  'uname -r': parseKernelRelease,
  'uname -v': parseUnameV,
  '/etc/release': parseSmartosEtcRelease,
  piadm: parsePiadmList,
  'pkg_admin audit': parsePkgAdminAudit,
  pkgin: parsePkginUpgrade,
  stat: (stdout, stderr, exitCode) => parseStatMtimes(stdout, stderr, exitCode, 'files'),
};
