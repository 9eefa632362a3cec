// pkgsrc state of a SmartOS global zone (the /opt/tools bootstrap):
// `pkg_admin audit`, `pkgin -n upgrade` and the vulnerability list's mtime.
import type { DemoHostSpec } from '../../demo-fleet-spec';
import { hasProblem } from '../../demo-fleet-spec';
import { hashInt } from '../../seeded-hash';
import { HOUR_MS, ago, epochSeconds } from '../time-format';

export const VULNERABILITIES_FILE = '/opt/tools/pkg/pkg-vulnerabilities';

export function pkgAdminAudit(host: DemoHostSpec): { stdout: string; exitCode: number } {
  if (!hasProblem(host, 'old-platform-image')) return { stdout: '', exitCode: 0 };
  const lines = [
    'Package curl-8.9.1 has a information-disclosure vulnerability, see https://nvd.nist.gov/vuln/detail/CVE-2024-9681',
    'Package libxml2-2.12.7 has a denial-of-service vulnerability, see https://nvd.nist.gov/vuln/detail/CVE-2024-40896',
    'Package openssl-3.0.14 has a denial-of-service vulnerability, see https://nvd.nist.gov/vuln/detail/CVE-2024-6119',
    'Package openssl-3.0.14 has a memory-corruption vulnerability, see https://nvd.nist.gov/vuln/detail/CVE-2024-9143',
    'Package sudo-1.9.15p5 has a privilege-escalation vulnerability, see https://nvd.nist.gov/vuln/detail/CVE-2025-32463',
  ];
  return { stdout: `${lines.join('\n')}\n`, exitCode: 1 };
}

export function pkginDryUpgrade(host: DemoHostSpec): string {
  if (!hasProblem(host, 'old-platform-image')) return 'calculating dependencies...done.\nnothing to do.\n';
  return `calculating dependencies...done.

1 package to refresh:
nghttp2-1.64.0

4 packages to upgrade:
curl-8.11.0
libxml2-2.12.9
openssl-3.0.15
sudo-1.9.17p1

0 to remove, 1 to refresh, 4 to upgrade, 0 to install
11M to download, 508K of additional disk space will be used
`;
}

/** pkg_admin fetch-pkg-vulnerabilities runs daily from cron. */
export function vulnerabilitiesMtime(host: DemoHostSpec, now: Date): string {
  return `${epochSeconds(ago(now, hashInt(2, 23, host.name, 'vulns') * HOUR_MS))}\n`;
}
