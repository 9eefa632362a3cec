// Findings of the patches area, from patch facts, the SLA clock and the
// host's policy. Pure. Ids: patchFindingId(kind, host) — see
// patch-finding-kinds.ts. Cross-site parity is patchParity (patch-parity.ts).
import { PATCH_COMMAND_IDS as ids } from '../collectors/patches/patch-commands';
import { PACKAGE_INDEX_MAX_AGE_HOURS } from '../collectors/patches/package-index-age';
import type { PatchFacts } from '../collectors/patches/patch-facts';
import type { Finding } from './finding';
import type { HostContext } from './host-context';
import { formatAge, hoursToMs } from './patch-age';
import { PATCH_FINDING_KINDS as kinds, patchFinding, plural } from './patch-finding-kinds';
import type { FirstSeenMap } from './patch-first-seen';
import { securitySlaFinding, updatesUnknownFinding } from './patch-sla-finding';

export { patchParity, type ParityHost } from './patch-parity';
export { siteCounterpartKey } from './site-counterpart';
export { PATCH_FINDING_KINDS, patchFindingId } from './patch-finding-kinds';

/** A package index older than this is "high": a week without `apt update` is a broken pipeline. */
const VERY_STALE_INDEX_HOURS = 7 * 24;

export function patchFindings(facts: PatchFacts, firstSeen: FirstSeenMap, context: HostContext): Finding[] {
  return [
    securitySlaFinding(facts, firstSeen, context),
    updatesUnknownFinding(facts, firstSeen, context),
    packageIndexFinding(facts, context),
    rebootFinding(facts, context),
    platformImageAgeFinding(facts, context),
    vulnerablePackagesFinding(facts, context),
    securityFixNotOfferedFinding(facts, context),
    servicesRestartFinding(facts, context),
    unattendedUpgradesFinding(facts, context),
  ].filter((finding): finding is Finding => finding !== null);
}

function packageIndexFinding(facts: PatchFacts, context: HostContext): Finding | null {
  const index = facts.packageIndex;
  if (index.stale === false) return null;
  const apt = index.kind === 'apt-lists';
  const what = apt ? 'Package index' : 'Vulnerability list (pkg-vulnerabilities)';
  const consequence = apt ? '"nothing pending" cannot be trusted' : 'a clean pkg_admin audit cannot be trusted';
  const commandId = apt ? ids.aptListsMtime : ids.pkgVulnerabilitiesMtime;
  const check = facts.checks.find((each) => each.commandId === commandId);
  const base = { kind: kinds.packageIndex, host: context.host, dc: context.dc, control: 'softwareUpdates' as const, commandIds: [commandId] };
  if (index.ageHours === null) {
    return patchFinding({
      ...base,
      severity: 'medium',
      title: `${what} age unknown: ${consequence}`,
      detail: [
        index.newestAt ? `The newest modification time (${index.newestAt}) lies in the future.` : (check?.message ?? 'The modification times could not be read.'),
        apt ? 'Without InRelease files apt has never fetched its lists (or uses flat repositories only).' : 'pkg_admin audit relies on this file; run `pkg_admin fetch-pkg-vulnerabilities` daily.',
      ].join('\n'),
      excerpt: check?.message ? [check.message] : [],
    });
  }
  const ageText = formatAge(hoursToMs(index.ageHours));
  return patchFinding({
    ...base,
    severity: index.ageHours > VERY_STALE_INDEX_HOURS ? 'high' : 'medium',
    title: `${what} is ${ageText} old (limit ${PACKAGE_INDEX_MAX_AGE_HOURS} h): ${consequence}`,
    detail: [
      `Newest ${apt ? '/var/lib/apt/lists/*_InRelease' : 'pkg-vulnerabilities'} modification time: ${index.newestAt}.`,
      apt
        ? 'apt-get update (or the apt-daily timer) has not refreshed the lists; pending updates published since are invisible.'
        : 'pkg_admin fetch-pkg-vulnerabilities has not run; advisories published since are invisible.',
      `Up to date: ${String(facts.upToDate)} — ${facts.upToDateReason}`,
    ].join('\n'),
    excerpt: [`newest mtime ${index.newestAt} (${ageText} before the scan)`],
  });
}

function rebootFinding(facts: PatchFacts, context: HostContext): Finding | null {
  if (facts.reboot.needed !== true) return null;
  const reasons = facts.reboot.reasons;
  const main = reasons.find((reason) => reason.kind !== 'reboot-required-file') ?? reasons[0];
  return patchFinding({
    kind: kinds.rebootNeeded,
    host: context.host,
    dc: context.dc,
    control: 'softwareUpdates',
    severity: 'medium',
    title: `Reboot needed: ${main?.detail ?? 'a reboot is pending'}`,
    detail: reasons.map((reason) => `${reason.kind}: ${reason.detail}`).join('\n'),
    commandIds: reasons.flatMap((reason) => reason.commandIds),
    excerpt: reasons.flatMap((reason) => reason.evidence),
  });
}

function platformImageAgeFinding(facts: PatchFacts, context: HostContext): Finding | null {
  const image = facts.platformImage;
  const limit = context.policy.platformImageMaxAgeDays;
  if (!image || image.ageDays <= limit) return null;
  const staged = image.next && image.next !== image.running ? ` A newer image (${image.next}) is staged: reboot into it.` : '';
  return patchFinding({
    kind: kinds.platformImageAge,
    host: context.host,
    dc: context.dc,
    control: 'softwareUpdates',
    severity: image.ageDays > 2 * limit ? 'high' : 'medium',
    title: `Platform image ${image.running} is ${image.ageDays} days old (policy ${limit} days)`,
    detail: `Running platform image built ${image.builtAt}.${staged}`,
    commandIds: [ids.platformStamp, ids.piadmList],
    excerpt: [`uname -v: joyent_${image.running}`, ...image.images.map((entry) => entry.line)],
  });
}

function vulnerablePackagesFinding(facts: PatchFacts, context: HostContext): Finding | null {
  const reports = facts.vulnerablePackages.filter((entry) => entry.source === 'pkg_admin audit');
  if (reports.length === 0) return null;
  const vulnerable = reports.filter((entry) => !entry.endOfLife);
  const packages = new Set(vulnerable.map((entry) => entry.name));
  const eol = new Set(reports.filter((entry) => entry.endOfLife).map((entry) => entry.name));
  const fixable = vulnerable.some((entry) => entry.fixAvailable === true);
  const parts = [packages.size ? plural(packages.size, 'vulnerable pkgsrc package') : '', eol.size ? plural(eol.size, 'end-of-life package') : ''].filter(Boolean);
  return patchFinding({
    kind: kinds.vulnerablePackages,
    host: context.host,
    dc: context.dc,
    control: 'vendorSecurityUpdates',
    severity: fixable ? 'high' : vulnerable.length > 0 ? 'medium' : 'low',
    title: `${parts.join(', ')} (${plural(reports.length, 'advisory', 'advisories')})${fixable ? ': upgrades available' : ''}`,
    detail: reports
      .map((entry) => `${entry.name}-${entry.version ?? '?'}: ${entry.vulnerability}, ${entry.advisory ?? 'no advisory'}${entry.fixAvailable ? ' (pkgin has an upgrade)' : ''}`)
      .join('\n'),
    commandIds: [ids.pkgAudit, ids.pkginUpgrade],
    excerpt: reports.map(
      (entry) => `Package ${entry.name}-${entry.version ?? '?'} ${entry.endOfLife ? 'has reached end-of-life' : `has a ${entry.vulnerability} vulnerability`}, see ${entry.advisory ?? '?'}`,
    ),
  });
}

/**
 * debsecan knows a fix in the host's suite for a package apt does not offer
 * to upgrade: the security archive is probably missing from sources.list
 * (or pinned away) — the false "nothing pending" this area exists to catch.
 */
function securityFixNotOfferedFinding(facts: PatchFacts, context: HostContext): Finding | null {
  if (!facts.pendingUpdatesKnown) return null;
  const offered = new Set(facts.pendingUpdates.map((update) => update.name.replace(/:.*$/, '')));
  const missing = facts.vulnerablePackages.filter((entry) => entry.source === 'debsecan' && entry.fixAvailable && !offered.has(entry.name));
  if (missing.length === 0) return null;
  const names = [...new Set(missing.map((entry) => entry.name))];
  return patchFinding({
    kind: kinds.securityFixNotOffered,
    host: context.host,
    dc: context.dc,
    control: 'vendorSecurityUpdates',
    severity: 'medium',
    title: `${plural(names.length, 'package')} with a security fix apt does not offer (${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''})`,
    detail: [
      'debsecan reports fixes in this release for these packages, but apt-get -s dist-upgrade does not upgrade them: check that the security archive is in the apt sources and not pinned away, and that the package index is fresh.',
      ...missing.slice(0, 20).map((entry) => `${entry.vulnerability}: ${entry.name} ${entry.version ?? ''}`.trim()),
    ].join('\n'),
    commandIds: [ids.debsecan, ids.aptSimulation],
    excerpt: missing.map((entry) => `${entry.vulnerability} ${entry.name} ${entry.version ?? ''}`.trim()),
  });
}

function servicesRestartFinding(facts: PatchFacts, context: HostContext): Finding | null {
  const services = facts.servicesNeedingRestart;
  if (services.length === 0) return null;
  return patchFinding({
    kind: kinds.servicesRestart,
    host: context.host,
    dc: context.dc,
    control: 'softwareUpdates',
    severity: 'low',
    title: `${plural(services.length, 'service')} still run outdated libraries: ${services.slice(0, 4).join(', ')}${services.length > 4 ? ', …' : ''}`,
    detail: 'needrestart -b lists services whose processes map libraries replaced by an upgrade; the fix is not active until they restart.',
    commandIds: [ids.needrestart],
    excerpt: services.map((service) => `NEEDRESTART-SVC: ${service}`),
  });
}

function unattendedUpgradesFinding(facts: PatchFacts, context: HostContext): Finding | null {
  const run = facts.unattendedUpgrades?.lastRun;
  if (!run || (run.result !== 'lock-failed' && run.result !== 'failed')) return null;
  return patchFinding({
    kind: kinds.unattendedUpgrades,
    host: context.host,
    dc: context.dc,
    control: 'softwareUpdates',
    severity: 'low',
    title: `unattended-upgrades' last run failed: ${run.message ?? run.result}`,
    detail: `Run started ${run.startedAt.replace('T', ' ')} (host local time): ${run.result === 'lock-failed' ? 'another package manager held the dpkg lock, so nothing was installed' : 'it logged an error'}.`,
    commandIds: [ids.unattendedUpgradesLog],
    excerpt: [`${run.startedAt.replace('T', ' ')} ${run.message ?? ''}`.trim()],
  });
}
