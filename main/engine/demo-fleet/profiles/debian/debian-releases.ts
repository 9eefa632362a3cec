// Facts about the two Debian releases in the demo, as of the fixtures'
// capture (bookworm = oldstable at 12.15, trixie = stable at 13.8).
import type { DemoHostSpec } from '../../demo-fleet-spec';
import { hashFraction } from '../../seeded-hash';

export type DebianRelease = 'bookworm' | 'trixie';

export interface DebianReleaseFacts {
  codename: DebianRelease;
  /** apt origin of the point-release archive: `Debian:12.15/oldstable`. */
  mainOrigin: string;
  /** apt origin of the security archive: `Debian-Security:12/oldstable-security`. */
  securityOrigin: string;
  kernel: string;
  needrestartVersion: string;
}

export const DEBIAN_RELEASES: Record<DebianRelease, DebianReleaseFacts> = {
  bookworm: {
    codename: 'bookworm',
    mainOrigin: 'Debian:12.15/oldstable',
    securityOrigin: 'Debian-Security:12/oldstable-security',
    kernel: '6.1.0-56-amd64',
    needrestartVersion: '3.6',
  },
  trixie: {
    codename: 'trixie',
    mainOrigin: 'Debian:13.8/stable',
    securityOrigin: 'Debian-Security:13/stable-security',
    kernel: '6.12.118+deb13-amd64',
    needrestartVersion: '3.11',
  },
};

export function debianRelease(host: DemoHostSpec): DebianReleaseFacts {
  if (host.release === 'smartos') throw new Error(`${host.name} is not a Debian host`);
  return DEBIAN_RELEASES[host.release];
}

/** The kernel the host is running (older than the installed one on the reboot-pending host). */
export function runningKernel(host: DemoHostSpec): string {
  if (host.problems.includes('reboot-required')) return '6.12.115+deb13-amd64';
  return debianRelease(host).kernel;
}

/** Bookworm hosts that have not taken the 12.15 point release yet still say 12.11. */
export function debianVersionText(host: DemoHostSpec): string {
  if (host.release === 'trixie') return '13.8';
  return behindPointRelease(host) ? '12.11' : '12.15';
}

export function behindPointRelease(host: DemoHostSpec): boolean {
  return host.release === 'bookworm' && hashFraction(host.name, 'point-release') < 0.3;
}

export const OS_RELEASE: Record<DebianRelease, string> = {
  bookworm: `PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=debian
HOME_URL="https://www.debian.org/"
SUPPORT_URL="https://www.debian.org/support"
BUG_REPORT_URL="https://bugs.debian.org/"
`,
  trixie: `PRETTY_NAME="Debian GNU/Linux 13 (trixie)"
NAME="Debian GNU/Linux"
VERSION_ID="13"
VERSION="13 (trixie)"
VERSION_CODENAME=trixie
DEBIAN_VERSION_FULL=13.8
ID=debian
HOME_URL="https://www.debian.org/"
SUPPORT_URL="https://www.debian.org/support"
BUG_REPORT_URL="https://bugs.debian.org/"
`,
};
