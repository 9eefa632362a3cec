// Patch-state outputs of a Debian demo host other than apt itself:
// `needrestart -b`, /var/run/reboot-required(.pkgs), the mtimes of the apt
// InRelease files and the unattended-upgrades log — all relative to `now`.
import type { DemoHostSpec } from '../../demo-fleet-spec';
import { hasProblem } from '../../demo-fleet-spec';
import { hashInt } from '../../seeded-hash';
import { DAY_MS, HOUR_MS, ago, epochSeconds, pythonAsctime } from '../time-format';
import { debianRelease, runningKernel } from './debian-releases';

/** needrestart -b (bare metal, so the microcode block is printed). */
export function needrestartBatch(host: DemoHostSpec, asRoot: boolean): string {
  const release = debianRelease(host);
  const lines = [`NEEDRESTART-VER: ${release.needrestartVersion}`];
  // Without root needrestart skips kernel, microcode and service checks.
  if (!asRoot) return `${lines.join('\n')}\n`;
  const rebootPending = hasProblem(host, 'reboot-required');
  const microcode = `0x${hashInt(0x2b000000, 0x2b0006ff, 'microcode').toString(16).padStart(8, '0')}`;
  lines.push(
    `NEEDRESTART-KCUR: ${runningKernel(host)}`,
    `NEEDRESTART-KEXP: ${release.kernel}`,
    `NEEDRESTART-KSTA: ${rebootPending ? 3 : 1}`,
    'NEEDRESTART-UCSTA: 1',
    `NEEDRESTART-UCCUR: ${microcode}`,
    `NEEDRESTART-UCEXP: ${microcode}`,
  );
  if (rebootPending) lines.push('NEEDRESTART-SVC: cron.service', 'NEEDRESTART-SVC: nginx.service', 'NEEDRESTART-SVC: ssh.service', 'NEEDRESTART-SVC: systemd-journald.service');
  return `${lines.join('\n')}\n`;
}

/** Contents of /var/run/reboot-required.pkgs, or null when the file does not exist. */
export function rebootRequiredPackages(host: DemoHostSpec): string | null {
  return hasProblem(host, 'reboot-required') ? `linux-image-${debianRelease(host).kernel}\n` : null;
}

/**
 * `stat -c %Y /var/lib/apt/lists/*_InRelease`, one mtime per file in glob
 * order. apt keeps the server's Last-Modified as the file's mtime, so the
 * main suite's file is as old as the last point release; only the security
 * (and updates) suites move daily. Staleness = the NEWEST mtime is old.
 */
export function inReleaseMtimes(host: DemoHostSpec, now: Date): string {
  const stale = hasProblem(host, 'stale-apt-index');
  const lastUpdate = stale ? 5 * DAY_MS + hashInt(1, 5, host.name, 'apt') * HOUR_MS : hashInt(1, 10, host.name, 'apt') * HOUR_MS;
  const pointRelease = 38 * DAY_MS + 3 * HOUR_MS;
  const updatesSuite = Math.max(lastUpdate, 26 * HOUR_MS);
  const securitySuite = lastUpdate + 17 * 60_000;
  // Glob order in the C locale: "<codename>-updates_" sorts before "<codename>_".
  return [updatesSuite, pointRelease, securitySuite].map((age) => `${epochSeconds(ago(now, age))}\n`).join('');
}

export const UNATTENDED_UPGRADES_LOG = '/var/log/unattended-upgrades/unattended-upgrades.log';

/** The unattended-upgrades log (null when unattended-upgrades is not installed). */
export function unattendedUpgradesLog(host: DemoHostSpec, now: Date, lines: number): string | null {
  const release = debianRelease(host);
  const securityPending = hasProblem(host, 'pending-security-updates');
  if (securityPending && host.role === 'db') return null;
  const origins = [
    `origin=Debian,codename=${release.codename},label=Debian`,
    `origin=Debian,codename=${release.codename},label=Debian-Security`,
    `origin=Debian,codename=${release.codename}-security,label=Debian-Security`,
  ].join(', ');
  // imap1.nj: a hung dpkg holds the lock; web1.sea: its apt timers stopped.
  const lockedDays = securityPending && host.role === 'imap' ? 6 : 0;
  const lastRunDay = hasProblem(host, 'stale-apt-index') ? 8 : 0;
  const out: string[] = [];
  for (let daysAgo = 20; daysAgo >= lastRunDay; daysAgo--) {
    const start = new Date(Math.floor((now.getTime() - daysAgo * DAY_MS) / DAY_MS) * DAY_MS + 6 * HOUR_MS + hashInt(0, 2_700_000, host.name, 'uu', daysAgo));
    if (start.getTime() > now.getTime()) continue;
    let at = start.getTime();
    const log = (level: string, message: string, stepMs = 1) => {
      at += stepMs;
      out.push(`${pythonAsctime(new Date(at))} ${level} ${message}`);
    };
    log('INFO', 'Starting unattended upgrades script', 0);
    if (daysAgo < lockedDays) {
      log('ERROR', 'Lock could not be acquired (another package manager running?)');
      continue;
    }
    log('INFO', `Allowed origins are: ${origins}`);
    log('INFO', 'Initial blacklist: ', 0);
    log('INFO', 'Initial whitelist (not strict): ', 0);
    if (daysAgo % 7 === 3) {
      log('INFO', 'Packages that will be upgraded: libssl3 openssl tzdata', 2400 + hashInt(0, 900, host.name, daysAgo));
      log('INFO', 'Writing dpkg log to /var/log/unattended-upgrades/unattended-upgrades-dpkg.log');
      log('INFO', 'All upgrades installed', 14_000 + hashInt(0, 6000, host.name, 'dpkg', daysAgo));
    } else {
      log('INFO', 'No packages found that can be upgraded unattended and no pending auto-removals', 2300 + hashInt(0, 900, host.name, daysAgo));
    }
  }
  return out
    .slice(-lines)
    .map((line) => `${line}\n`)
    .join('');
}
