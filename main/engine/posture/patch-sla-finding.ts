// Pending security updates against the role's patch SLA. The age of each is
// read from the first-seen map (the SLA clock); an update the map does not
// know yet was first seen by this scan. Within the SLA the finding is
// informational; past it, severity grows with how far past: up to one SLA
// beyond → medium, up to three → high, more → critical.
import { PATCH_COMMAND_IDS } from '../collectors/patches/patch-commands';
import type { PatchFacts, PendingUpdate } from '../collectors/patches/patch-facts';
import type { Finding, Severity } from './finding';
import type { HostContext } from './host-context';
import { formatAge, hoursToMs } from './patch-age';
import { PATCH_FINDING_KINDS, patchFinding, plural } from './patch-finding-kinds';
import { firstSeenKey, type FirstSeenMap } from './patch-first-seen';

interface AgedUpdate {
  update: PendingUpdate;
  ageMs: number;
}

export function securitySlaFinding(facts: PatchFacts, firstSeen: FirstSeenMap, context: HostContext): Finding | null {
  const pending = facts.pendingUpdates.filter((update) => update.security);
  if (pending.length === 0) return null;
  const slaMs = hoursToMs(context.policy.patchSlaHours);
  const aged = pending.map((update): AgedUpdate => ({ update, ageMs: ageOf(update, firstSeen, facts, context.now) })).sort((a, b) => b.ageMs - a.ageMs);
  const overdue = aged.filter((each) => each.ageMs > slaMs);
  const shown = overdue.length > 0 ? overdue : aged;
  const oldest = shown[0]!.ageMs;
  const sla = `SLA ${context.policy.patchSlaHours} h`;
  const within = aged.length - overdue.length;
  // No earlier scan saw any of them: the honest age is "since this scan", not "0 min".
  const allNew = aged.every(({ update }) => firstSeenByThisScan(update, firstSeen, facts));
  const ageText = (update: PendingUpdate, ageMs: number) => (firstSeenByThisScan(update, firstSeen, facts) ? 'first seen by this scan' : `pending for ${formatAge(ageMs)}`);
  const detailLines = [
    overdue.length > 0
      ? `${plural(overdue.length, 'security update')} pending longer than the ${sla}${within ? `; ${within} more within it` : ''}.`
      : `${plural(aged.length, 'security update')} pending, within the ${sla}.`,
    ...shown
      .slice(0, 20)
      .map(({ update, ageMs }) => `${update.name} ${update.from ?? '(new)'} → ${update.to}: ${ageText(update, ageMs)}${update.suites.length ? ` [${update.suites.join(', ')}]` : ''}`),
    ...(shown.length > 20 ? [`… and ${shown.length - 20} more`] : []),
  ];
  return patchFinding({
    kind: PATCH_FINDING_KINDS.securityUpdates,
    host: context.host,
    dc: context.dc,
    control: 'vendorSecurityUpdates',
    severity: overdue.length > 0 ? overdueSeverity(oldest - slaMs, slaMs) : 'info',
    title: allNew ? `${plural(shown.length, 'security update')} pending, first seen by this scan (${sla})` : `${plural(shown.length, 'security update')} pending for ${formatAge(oldest)} (${sla})`,
    detail: detailLines.join('\n'),
    commandIds: facts.os === 'debian' ? [PATCH_COMMAND_IDS.aptSimulation] : [PATCH_COMMAND_IDS.pkginUpgrade, PATCH_COMMAND_IDS.pkgAudit],
    excerpt: shown.map(({ update }) => update.evidence),
  });
}

/** Up to one SLA past it → medium, up to three → high, beyond → critical. */
export function overdueSeverity(overMs: number, slaMs: number): Severity {
  const ratio = slaMs > 0 ? overMs / slaMs : Number.POSITIVE_INFINITY;
  if (ratio <= 1) return 'medium';
  if (ratio <= 3) return 'high';
  return 'critical';
}

/** No earlier scan recorded it: its clock starts with this scan. */
function firstSeenByThisScan(update: PendingUpdate, firstSeen: FirstSeenMap, facts: PatchFacts): boolean {
  const entry = firstSeen[firstSeenKey(update.name, update.to)];
  return !entry || Date.parse(entry.pendingSince) >= Date.parse(facts.collectedAt);
}

function ageOf(update: PendingUpdate, firstSeen: FirstSeenMap, facts: PatchFacts, now: Date): number {
  const entry = firstSeen[firstSeenKey(update.name, update.to)];
  const since = entry ? Date.parse(entry.pendingSince) : Date.parse(facts.collectedAt);
  const age = now.getTime() - (Number.isNaN(since) ? now.getTime() : since);
  return Math.max(0, age);
}

/** The pending list could not be read: say so, with what the SLA clock last knew. */
export function updatesUnknownFinding(facts: PatchFacts, firstSeen: FirstSeenMap, context: HostContext): Finding | null {
  if (facts.pendingUpdatesKnown) return null;
  const commandId = facts.os === 'debian' ? PATCH_COMMAND_IDS.aptSimulation : PATCH_COMMAND_IDS.pkginUpgrade;
  const check = facts.checks.find((each) => each.commandId === commandId);
  const remembered = Object.values(firstSeen ?? {}).filter((entry) => entry && typeof entry.pendingSince === 'string');
  const oldest = remembered
    .map((entry) => Date.parse(entry.pendingSince))
    .filter((time) => !Number.isNaN(time))
    .sort((a, b) => a - b)[0];
  const memory =
    oldest !== undefined
      ? `Last known: ${plural(remembered.length, 'security update')} pending, the oldest for ${formatAge(context.now.getTime() - oldest)}.`
      : 'No security update was pending at the last successful check.';
  return patchFinding({
    kind: PATCH_FINDING_KINDS.updatesUnknown,
    host: context.host,
    dc: context.dc,
    control: 'softwareUpdates',
    severity: facts.os === 'debian' || remembered.length > 0 ? 'medium' : 'low',
    title: `Pending updates could not be read (${check?.status ?? 'not run'})`,
    detail: [`${check?.message ?? 'the command did not run'}`, memory, facts.upToDateReason].join('\n'),
    commandIds: [commandId],
    excerpt: check?.message ? [check.message] : [],
  });
}
