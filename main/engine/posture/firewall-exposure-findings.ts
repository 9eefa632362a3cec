// Findings about what each listening service is exposed to, against the
// role baseline: a port reachable beyond it (or with no baseline entry at
// all), SSH open to any address, services that listen beyond loopback with
// no baseline entry (the firewall blocks them today), sockets whose reach
// depends on rules OpsDeck does not model, and a socket list that could not
// be read. One finding per port for the exposures (stable id
// `firewall.<kind>:<host>:tcp/5432`), one per host for the lists.
import { isEmptySet, setToCidrs, subtractSets, type AddrSet } from '../collectors/firewall/address-set';
import type { ExposureEntry } from '../collectors/firewall/exposure';
import { FIREWALL_COMMAND_IDS as ids } from '../collectors/firewall/firewall-commands';
import type { FirewallFacts } from '../collectors/firewall/firewall-facts';
import { baselineSources, isDatabasePort, isSsh, openToAll, reachedSources, serviceName, undeterminedSources, versionOf } from './firewall-baseline';
import { entryCommandIds, entryExcerpt, familiesText, listenerCommandIds } from './firewall-evidence';
import { FIREWALL_FINDING_KINDS as kinds, firewallFinding, plural } from './firewall-finding-kinds';
import type { Finding, Severity } from './finding';
import type { HostContext } from './host-context';

interface PortGroup {
  proto: 'tcp' | 'udp';
  port: number;
  entries: ExposureEntry[];
}

interface Excess {
  entry: ExposureEntry;
  beyond: AddrSet;
}

export function exposureFindings(facts: FirewallFacts, context: HostContext): Finding[] {
  // Unreadable rules are one finding of their own (filtering findings); nothing per port can be said.
  if (facts.firewall.state === 'unknown') return [];
  if (!facts.listenersKnown) return [listenersUnknown(facts, context)];
  const findings: Finding[] = [];
  const unlisted: PortGroup[] = [];
  const undetermined: ExposureEntry[] = [];
  for (const group of portGroups(facts.exposure)) {
    const inBaseline = baselineSources(context.policy, group.proto, group.port, 4) !== null;
    const excess = excessOf(group, context);
    const ssh = sshOpenToAny(group, context);
    if (ssh.length > 0) findings.push(sshFinding(facts, context, group, ssh));
    else if (excess.length > 0) findings.push(beyondBaselineFinding(facts, context, group, excess, inBaseline));
    else if (!inBaseline && group.entries.every((entry) => entry.reachability === 'none')) unlisted.push(group);
    undetermined.push(...group.entries.filter((entry) => entry.basis === 'ruleset' && entry.reachability === 'undetermined' && !isEmptySet(undeterminedBeyondBaseline(entry, context))));
  }
  if (unlisted.length > 0) findings.push(unlistedFinding(facts, context, unlisted));
  if (undetermined.length > 0) findings.push(undeterminedFinding(facts, context, undetermined));
  return findings;
}

/** Non-loopback sockets grouped by protocol and port, in port order. */
function portGroups(entries: ExposureEntry[]): PortGroup[] {
  const groups = new Map<string, PortGroup>();
  for (const entry of entries) {
    if (entry.reachability === 'local-only') continue;
    const key = `${entry.proto}/${entry.port}`;
    const group = groups.get(key) ?? { proto: entry.proto, port: entry.port, entries: [] };
    group.entries.push(entry);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => a.port - b.port || a.proto.localeCompare(b.proto));
}

function excessOf(group: PortGroup, context: HostContext): Excess[] {
  const out: Excess[] = [];
  for (const entry of group.entries) {
    const reached = reachedSources(entry);
    if (isEmptySet(reached)) continue;
    const baseline = baselineSources(context.policy, entry.proto, entry.port, versionOf(entry));
    const beyond = baseline ? subtractSets(reached, baseline.set, versionOf(entry)) : reached;
    if (!isEmptySet(beyond)) out.push({ entry, beyond });
  }
  return out;
}

function undeterminedBeyondBaseline(entry: ExposureEntry, context: HostContext): AddrSet {
  const maybe = undeterminedSources(entry);
  const baseline = baselineSources(context.policy, entry.proto, entry.port, versionOf(entry));
  return baseline ? subtractSets(maybe, baseline.set, versionOf(entry)) : maybe;
}

function sshOpenToAny(group: PortGroup, context: HostContext): ExposureEntry[] {
  return group.entries.filter((entry) => isSsh(entry) && openToAll(entry) && !baselineSources(context.policy, entry.proto, entry.port, versionOf(entry))?.any);
}

function label(proto: string, port: number): string {
  const name = serviceName(proto, port);
  return name ? `${name} (${proto}/${port})` : `${proto}/${port}`;
}

function roleText(context: HostContext): string {
  return context.policy.roles.length ? `${context.policy.roles.join('+')} baseline` : 'baseline';
}

function baselineText(context: HostContext, proto: 'tcp' | 'udp', port: number): string {
  const baseline = baselineSources(context.policy, proto, port, 4);
  return baseline ? `the ${roleText(context)} allows it only from ${baseline.text.join(', ')}` : `the ${roleText(context)} has no entry for it`;
}

function sourcesText(set: AddrSet, entry: ExposureEntry): string {
  const { cidrs, total } = setToCidrs(set, versionOf(entry), 4);
  return `${cidrs.join(', ')}${total > 4 ? ` and ${total - 4} more` : ''}`;
}

function processText(group: PortGroup): string {
  const names = [...new Set(group.entries.flatMap((entry) => (entry.process ? entry.process.split(',') : [])))];
  return names.length ? ` (${names.join(', ')})` : '';
}

function evidence(facts: FirewallFacts, entries: ExposureEntry[]): { commandIds: string[]; excerpt: string[] } {
  return { commandIds: entries.flatMap((entry) => entryCommandIds(facts, entry)), excerpt: entries.flatMap(entryExcerpt) };
}

function sshFinding(facts: FirewallFacts, context: HostContext, group: PortGroup, open: ExposureEntry[]): Finding {
  return firewallFinding({
    kind: kinds.sshOpenToAny,
    qualifier: `${group.proto}/${group.port}`,
    host: context.host,
    dc: context.dc,
    severity: 'high',
    title: `SSH (${group.proto}/${group.port}) reachable from any address (${familiesText(open)}); ${baselineText(context, group.proto, group.port)}`,
    detail: [...open.map((entry) => entry.summary), 'Restrict SSH to the management networks (or the bastion) in the input rules.'].join('\n'),
    ...evidence(facts, open),
  });
}

function beyondBaselineFinding(facts: FirewallFacts, context: HostContext, group: PortGroup, excess: Excess[], inBaseline: boolean): Finding {
  const toAll = excess.filter(({ entry }) => openToAll(entry));
  const database = isDatabasePort(group.proto, group.port);
  const severity: Severity = toAll.length > 0 ? (database ? 'critical' : 'high') : database ? 'high' : 'medium';
  const first = toAll[0] ?? excess[0]!;
  const from = toAll.length > 0 ? 'any address' : sourcesText(first.beyond, first.entry);
  const entries = excess.map((each) => each.entry);
  return firewallFinding({
    kind: kinds.portBeyondBaseline,
    qualifier: `${group.proto}/${group.port}`,
    host: context.host,
    dc: context.dc,
    severity,
    title: `${label(group.proto, group.port)}${processText(group)} reachable from ${from} (${familiesText(entries)}); ${baselineText(context, group.proto, group.port)}`,
    detail: [
      ...excess.map(({ entry, beyond }) => `${entry.summary}\n  beyond the baseline: ${openToAll(entry) ? 'any address' : sourcesText(beyond, entry)}`),
      inBaseline
        ? `Narrow the rule to the baseline's sources, or change the ${roleText(context)} if this is intended.`
        : `Close the port in the input rules, stop the service, or add it to the ${roleText(context)} if it is needed.`,
    ].join('\n'),
    ...evidence(facts, entries),
  });
}

function unlistedFinding(facts: FirewallFacts, context: HostContext, groups: PortGroup[]): Finding {
  const names = groups.map((group) => `${label(group.proto, group.port)}${processText(group)}`);
  const entries = groups.flatMap((group) => group.entries);
  return firewallFinding({
    kind: kinds.unlistedServices,
    host: context.host,
    dc: context.dc,
    severity: 'info',
    title: `${plural(groups.length, 'service')} ${groups.length === 1 ? 'listens' : 'listen'} beyond loopback with no ${roleText(context)} entry (the firewall blocks them): ${names.slice(0, 4).join(', ')}${names.length > 4 ? ', …' : ''}`,
    detail: `Not reachable today, but one rule change away from exposure. Bind them to loopback or the management address, or add them to the baseline.\n${entries.map((entry) => entry.summary).join('\n')}`,
    commandIds: [...entries.flatMap((entry) => listenerCommandIds(facts, entry)), ...entries.flatMap((entry) => entryCommandIds(facts, entry))],
    excerpt: entries.map((entry) => entry.socket.trim()),
  });
}

function undeterminedFinding(facts: FirewallFacts, context: HostContext, entries: ExposureEntry[]): Finding {
  const sensitive = entries.some((entry) => isSsh(entry) || isDatabasePort(entry.proto, entry.port));
  const ports = [...new Set(entries.map((entry) => label(entry.proto, entry.port)))];
  return firewallFinding({
    kind: kinds.exposureUndetermined,
    host: context.host,
    dc: context.dc,
    severity: sensitive ? 'medium' : 'low',
    title: `Exposure of ${ports.slice(0, 4).join(', ')}${ports.length > 4 ? ', …' : ''} depends on rules OpsDeck does not model: ${entries[0]!.reasons[0] ?? 'see the rules'}`,
    detail: entries.map((entry) => `${entry.summary}\n  may be reachable from: ${entry.undeterminedSources.join(', ')}`).join('\n'),
    ...evidence(facts, entries),
  });
}

function listenersUnknown(facts: FirewallFacts, context: HostContext): Finding {
  const source = facts.sources.find((each) => each.commandId === (facts.os === 'debian' ? ids.ssListeners : ids.netstatInet));
  const open = [facts.defaultInput.ipv4, facts.defaultInput.ipv6].filter((entry) => entry.reachability === 'any');
  return firewallFinding({
    kind: kinds.listenersUnknown,
    host: context.host,
    dc: context.dc,
    severity: open.length > 0 ? 'medium' : 'low',
    title: `Listening sockets could not be read (${source?.status ?? 'not run'}): which services the rules expose is unknown`,
    detail: `${source?.message ?? 'The socket list was not collected.'}\nThe input path's default: ${facts.defaultInput.ipv4.summary}; ${facts.defaultInput.ipv6.summary}`,
    commandIds: facts.os === 'debian' ? [ids.ssListeners] : [ids.netstatInet, ids.netstatInet6],
    excerpt: [source?.message ?? ''],
  });
}
