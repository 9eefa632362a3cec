// `apt-get -s -o Debug::NoLocking=1 dist-upgrade` text (apt 2.6 / 3.0) for a
// list of pending packages: preamble, NEW and upgraded name lists wrapped
// like apt does without a terminal, the summary line, then Inst and Conf.
import type { DebianReleaseFacts } from './debian-releases';
import type { PendingPackage } from './pending-packages';

const NON_ROOT_NOTE = `NOTE: This is only a simulation!
      apt-get needs root privileges for real execution.
      Keep also in mind that locking is deactivated,
      so don't depend on the relevance to the real current situation!
`;

/** apt's ShowList without a TTY: 2-space indent, no line longer than 78 (checked on the fixture). */
export function wrapPackageList(names: string[]): string {
  const lines: string[] = [];
  let line = ' ';
  for (const name of names) {
    if (line.length > 1 && line.length + 1 + name.length > 78) {
      lines.push(line);
      line = ' ';
    }
    line += ` ${name}`;
  }
  if (line.length > 1) lines.push(line);
  return lines.map((each) => `${each}\n`).join('');
}

function versionGroup(pending: PendingPackage, release: DebianReleaseFacts): string {
  const origins = pending.origins.map((origin) => (origin === 'main' ? release.mainOrigin : release.securityOrigin)).join(', ');
  return `(${pending.candidate} ${origins} [${pending.arch}])`;
}

export function aptSimulationText(packages: PendingPackage[], release: DebianReleaseFacts, asRoot: boolean): string {
  let text = asRoot ? '' : NON_ROOT_NOTE;
  text += 'Reading package lists...\nBuilding dependency tree...\nReading state information...\nCalculating upgrade...\n';
  const fresh = packages.filter((each) => each.installed === undefined);
  const upgraded = packages.filter((each) => each.installed !== undefined);
  if (fresh.length) text += `The following NEW packages will be installed:\n${wrapPackageList(fresh.map((each) => each.name).sort())}`;
  if (upgraded.length) text += `The following packages will be upgraded:\n${wrapPackageList(upgraded.map((each) => each.name).sort())}`;
  text += `${upgraded.length} upgraded, ${fresh.length} newly installed, 0 to remove and 0 not upgraded.\n`;
  for (const each of packages) {
    const installed = each.installed === undefined ? '' : ` [${each.installed}]`;
    text += `Inst ${each.name}${installed} ${versionGroup(each, release)}\n`;
  }
  for (const each of packages) text += `Conf ${each.name} ${versionGroup(each, release)}\n`;
  return text;
}
