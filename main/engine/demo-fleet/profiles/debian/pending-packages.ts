// Which packages apt would upgrade on each Debian demo host. Versions and
// origins follow the real archives (apt-get-s-dist-upgrade.txt); security
// fixes come from `Debian-Security:<n>/<suite>-security`.
import type { DemoHostSpec } from '../../demo-fleet-spec';
import { hasProblem } from '../../demo-fleet-spec';
import { hashFraction } from '../../seeded-hash';
import { behindPointRelease, debianRelease } from './debian-releases';

export interface PendingPackage {
  name: string;
  /** Installed version; absent for a package apt would newly install. */
  installed?: string;
  candidate: string;
  origins: Array<'main' | 'security'>;
  arch: 'amd64' | 'all';
}

const pkg = (name: string, installed: string | undefined, candidate: string, origins: PendingPackage['origins'], arch: PendingPackage['arch'] = 'amd64'): PendingPackage =>
  installed === undefined ? { name, candidate, origins, arch } : { name, installed, candidate, origins, arch };

const BOOKWORM_POINT = [
  pkg('dpkg', '1.21.22', '1.21.23', ['main']),
  pkg('sed', '4.9-1', '4.9-1+deb12u1', ['main']),
  pkg('distro-info-data', '0.58+deb12u6', '0.58+deb12u7', ['main'], 'all'),
  pkg('libcap2', '1:2.66-4+deb12u2+b2', '1:2.66-4+deb12u3+b1', ['main']),
];

const BOOKWORM_BASE_FILES = pkg('base-files', '12.4+deb12u11', '12.4+deb12u15', ['main']);

const BOOKWORM_SECURITY_IMAP = [
  pkg('libssl3', '3.0.19-1~deb12u2', '3.0.22-1~deb12u2', ['security']),
  pkg('openssl', '3.0.19-1~deb12u2', '3.0.22-1~deb12u2', ['security']),
  pkg('openssh-client', '1:9.2p1-2+deb12u6', '1:9.2p1-2+deb12u7', ['security']),
  pkg('openssh-server', '1:9.2p1-2+deb12u6', '1:9.2p1-2+deb12u7', ['security']),
  pkg('openssh-sftp-server', '1:9.2p1-2+deb12u6', '1:9.2p1-2+deb12u7', ['security']),
  pkg('libgnutls30', '3.7.9-2+deb12u6', '3.7.9-2+deb12u7', ['main', 'security']),
  pkg('linux-image-6.1.0-57-amd64', undefined, '6.1.192-3', ['security']),
  pkg('linux-image-amd64', '6.1.187-1', '6.1.192-3', ['security']),
];

const BOOKWORM_SECURITY_DB = [
  pkg('libssl3', '3.0.19-1~deb12u2', '3.0.22-1~deb12u2', ['security']),
  pkg('openssl', '3.0.19-1~deb12u2', '3.0.22-1~deb12u2', ['security']),
  pkg('libpq5', '15.18-0+deb12u1', '15.20-0+deb12u1', ['security']),
  pkg('postgresql-15', '15.18-0+deb12u1', '15.20-0+deb12u1', ['security']),
  pkg('postgresql-client-15', '15.18-0+deb12u1', '15.20-0+deb12u1', ['security']),
];

const TRIXIE_POINT = [
  pkg('libsystemd0', '257.8-1~deb13u1', '257.9-1~deb13u1', ['main']),
  pkg('libudev1', '257.8-1~deb13u1', '257.9-1~deb13u1', ['main']),
  pkg('systemd', '257.8-1~deb13u1', '257.9-1~deb13u1', ['main']),
  pkg('udev', '257.8-1~deb13u1', '257.9-1~deb13u1', ['main']),
];

const TRIXIE_SECURITY_WEB = [
  pkg('libssl3t64', '3.5.1-1', '3.5.1-1+deb13u1', ['security']),
  pkg('openssl', '3.5.1-1', '3.5.1-1+deb13u1', ['security']),
  pkg('openssl-provider-legacy', '3.5.1-1', '3.5.1-1+deb13u1', ['security']),
  pkg('nginx', '1.26.3-3', '1.26.3-3+deb13u1', ['security']),
  pkg('nginx-common', '1.26.3-3', '1.26.3-3+deb13u1', ['security'], 'all'),
  pkg('libxml2', '2.12.7+dfsg+really2.9.14-2.1', '2.12.7+dfsg+really2.9.14-2.1+deb13u1', ['security']),
];

export function pendingPackages(host: DemoHostSpec): PendingPackage[] {
  const release = debianRelease(host).codename;
  const packages: PendingPackage[] = [];
  if (behindPointRelease(host)) packages.push(BOOKWORM_BASE_FILES);
  // Background hosts: about half have the last point release's fixes waiting.
  if (hashFraction(host.name, 'point-updates') < 0.5) packages.push(...(release === 'bookworm' ? BOOKWORM_POINT : TRIXIE_POINT));
  if (hasProblem(host, 'pending-security-updates')) {
    if (release === 'trixie') packages.push(...TRIXIE_SECURITY_WEB);
    else packages.push(...(host.role === 'db' ? BOOKWORM_SECURITY_DB : BOOKWORM_SECURITY_IMAP));
  }
  return packages;
}
