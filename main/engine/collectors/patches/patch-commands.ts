// The fixed commands of the patches area, per OS. Read-only, no argument
// from anywhere else; remoteCommandLine adds `env LC_ALL=C` (and `sudo -n`
// for the privileged ones).
//
// Choices worth knowing:
// - `stat -c %Y /var/lib/apt/lists/*_InRelease` relies on the remote shell
//   expanding the glob; the string is a constant, so that is safe. apt keeps
//   the server's Last-Modified as the file's mtime, so the NEWEST mtime is
//   the index age (the main suite's file only changes at point releases).
// - debsecan: `--suite <codename> --only-fixed` would splice the host's
//   codename into the command (and `--only-fixed` alone fails with "error:
//   --only-fixed requires --suite" unless /etc/default/debsecan sets SUITE).
//   `debsecan --format detail` is the same string on every release; it
//   reads the suite from /etc/default/debsecan (set by debconf at install)
//   and marks each entry "fixed" when the suite has a fix, so the parser
//   filters on that instead. Hosts without debsecan answer "not found":
//   that is the tool-missing state, not an error. It needs network access
//   to security-tracker.debian.org; offline it fails with its own message.
// - SmartOS: OpsDeck scans the global zone, whose pkgsrc is the /opt/tools
//   bootstrap, so the vulnerability list pkg_admin audit relies on is
//   /opt/tools/pkg/pkg-vulnerabilities (/opt/local/pkg/… inside zones).
// - No per-command timeout: the transport's default applies (apt-get -s and
//   debsecan take seconds, and a scan's own limit must stay in charge).
import type { HostCommand, TargetOs } from '../host-command';

export const PATCH_COMMAND_IDS = {
  osRelease: 'patches.os-release',
  debianVersion: 'patches.debian-version',
  kernel: 'patches.uname-r',
  aptListsMtime: 'patches.apt-lists-mtime',
  aptSimulation: 'patches.apt-simulation',
  needrestart: 'patches.needrestart',
  rebootRequired: 'patches.reboot-required',
  rebootRequiredPkgs: 'patches.reboot-required-pkgs',
  unattendedUpgradesLog: 'patches.unattended-upgrades-log',
  debsecan: 'patches.debsecan',
  platformStamp: 'patches.uname-v',
  piadmList: 'patches.piadm-list',
  etcRelease: 'patches.etc-release',
  pkgAudit: 'patches.pkg-audit',
  pkgVulnerabilitiesMtime: 'patches.pkg-vulnerabilities-mtime',
  pkginUpgrade: 'patches.pkgin-upgrade',
} as const;

export const PKG_VULNERABILITIES_FILE = '/opt/tools/pkg/pkg-vulnerabilities';
export const UNATTENDED_UPGRADES_LOG = '/var/log/unattended-upgrades/unattended-upgrades.log';

const ids = PATCH_COMMAND_IDS;
const command = (id: string, text: string, privileged = false): HostCommand => ({ id, command: text, privileged });

export const PATCH_COMMANDS: Record<TargetOs, HostCommand[]> = {
  debian: [
    command(ids.osRelease, 'cat /etc/os-release'),
    command(ids.debianVersion, 'cat /etc/debian_version'),
    command(ids.kernel, 'uname -r'),
    command(ids.aptListsMtime, 'stat -c %Y /var/lib/apt/lists/*_InRelease'),
    command(ids.aptSimulation, 'apt-get -s -o Debug::NoLocking=1 dist-upgrade'),
    // Without root needrestart skips the kernel, microcode and service checks.
    command(ids.needrestart, 'needrestart -b', true),
    command(ids.rebootRequired, 'cat /var/run/reboot-required'),
    command(ids.rebootRequiredPkgs, 'cat /var/run/reboot-required.pkgs'),
    command(ids.unattendedUpgradesLog, `tail -n 200 ${UNATTENDED_UPGRADES_LOG}`),
    command(ids.debsecan, 'debsecan --format detail'),
  ],
  smartos: [
    command(ids.platformStamp, 'uname -v'),
    command(ids.piadmList, 'piadm list'),
    command(ids.etcRelease, 'cat /etc/release'),
    command(ids.pkgAudit, 'pkg_admin audit'),
    command(ids.pkgVulnerabilitiesMtime, `stat -c %Y ${PKG_VULNERABILITIES_FILE}`),
    command(ids.pkginUpgrade, 'pkgin -n upgrade'),
  ],
};
