// Fleet findings of the firewall area: drift between hosts that should
// expose the same thing.
//
// Role drift: hosts with the same roles in the same datacentre share their
// networks, so their exposure is compared source by source. A host drifts
// when it lets in sources that most of its peers do not (with one peer:
// that the peer does not). The other direction — a host letting in less
// than most peers — is only told apart when there are at least two peers:
// between two hosts the one that exposes more is the odd one.
//
// Site drift: a secondary-site host and its primary counterpart (same roles,
// same name without the site label: imap1.sea ↔ imap1.nj) run the same
// service after a failover, but their rules name each site's own networks,
// so they are compared by class per port and IP version (any address, some
// networks, undetermined, nothing). The secondary drifts when it is more open
// than the primary, or less open where the primary's exposure is within its
// baseline (a failover would lose that service) — when the primary is open
// beyond its baseline, that is the primary's own finding, not drift.
import { EMPTY_SET, isEmptySet, subtractSets } from '../collectors/firewall/address-set';
import type { FleetHostFacts } from './fleet-host-facts';
import type { FirewallFacts } from '../collectors/firewall/firewall-facts';
import { baselineSources, versionOf } from './firewall-baseline';
import { entryCommandIds, entryExcerpt } from './firewall-evidence';
import { comparable, exposureProfile, moreOpen, portLabel, reachText, type ExposureProfile, type ProfileEntry } from './firewall-exposure-profile';
import { FIREWALL_FINDING_KINDS as kinds, firewallFinding } from './firewall-finding-kinds';
import type { Finding } from './finding';
import { siteCounterpartKey } from './site-counterpart';

interface ProfiledHost {
  host: FleetHostFacts<FirewallFacts>;
  profile: ExposureProfile;
}

interface Difference {
  key: string;
  mine: ProfileEntry | undefined;
  /** The compared host's entry, and that host. */
  theirs: ProfileEntry | undefined;
  other: ProfiledHost;
  direction: 'more' | 'less';
}

const MAX_NAMED_PEERS = 3;

const rolesKey = (roles: string[]) => [...roles].sort().join('+');

export function firewallDrift(hosts: FleetHostFacts<FirewallFacts>[]): Finding[] {
  const profiled = hosts.filter((host) => comparable(host.facts)).map((host) => ({ host, profile: exposureProfile(host.facts) }));
  return [...roleDrift(profiled), ...siteDrift(profiled)];
}

function roleDrift(hosts: ProfiledHost[]): Finding[] {
  const groups = new Map<string, ProfiledHost[]>();
  for (const each of hosts) {
    if (each.host.roles.length === 0) continue;
    const key = `${each.host.dc}|${rolesKey(each.host.roles)}`;
    groups.set(key, [...(groups.get(key) ?? []), each]);
  }
  const findings: Finding[] = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    for (const me of group) {
      const peers = group.filter((other) => other !== me);
      const differences = [...extraOverPeers(me, peers), ...(peers.length >= 2 ? lessThanPeers(me, peers) : [])];
      if (differences.length > 0) findings.push(roleDriftFinding(me, peers, differences));
    }
  }
  return findings;
}

/** Keys where `me` lets in sources that a majority of peers do not. */
function extraOverPeers(me: ProfiledHost, peers: ProfiledHost[]): Difference[] {
  const out: Difference[] = [];
  for (const [key, mine] of me.profile) {
    const lacking = peers.filter(
      (peer) => !isEmptySet(subtractSets(mine.reached, peer.profile.get(key)?.reached ?? EMPTY_SET, versionOf(mine))) || moreOpen(mine.cls, peer.profile.get(key)?.cls ?? 'none'),
    );
    if (lacking.length * 2 > peers.length) out.push({ key, mine, ...representative(lacking, key), direction: 'more' });
  }
  return out;
}

/** Keys where a majority of peers let in sources `me` does not. */
function lessThanPeers(me: ProfiledHost, peers: ProfiledHost[]): Difference[] {
  const keys = new Set(peers.flatMap((peer) => [...peer.profile.keys()]));
  const out: Difference[] = [];
  for (const key of keys) {
    const mine = me.profile.get(key);
    const having = peers.filter((peer) => {
      const theirs = peer.profile.get(key);
      return theirs !== undefined && (!isEmptySet(subtractSets(theirs.reached, mine?.reached ?? EMPTY_SET, versionOf(theirs))) || moreOpen(theirs.cls, mine?.cls ?? 'none'));
    });
    if (having.length * 2 > peers.length) out.push({ key, mine, ...representative(having, key), direction: 'less' });
  }
  return out;
}

/** The first of `hosts` that has an entry for `key` (else the first host): what the finding quotes. */
function representative(hosts: ProfiledHost[], key: string): { theirs: ProfileEntry | undefined; other: ProfiledHost } {
  const other = hosts.find((host) => host.profile.has(key)) ?? hosts[0]!;
  return { theirs: other.profile.get(key), other };
}

function siteDrift(hosts: ProfiledHost[]): Finding[] {
  const primaries = new Map<string, ProfiledHost[]>();
  for (const each of hosts) {
    if (each.host.siteRole !== 'primary') continue;
    const key = `${siteCounterpartKey(each.host.host, each.host.dc)}|${rolesKey(each.host.roles)}`;
    primaries.set(key, [...(primaries.get(key) ?? []), each]);
  }
  const findings: Finding[] = [];
  for (const secondary of hosts) {
    if (secondary.host.siteRole !== 'secondary') continue;
    const candidates = primaries.get(`${siteCounterpartKey(secondary.host.host, secondary.host.dc)}|${rolesKey(secondary.host.roles)}`) ?? [];
    // Two primaries with the same short name and roles: no single counterpart.
    if (candidates.length !== 1) continue;
    const primary = candidates[0]!;
    const differences: Difference[] = [];
    for (const key of new Set([...secondary.profile.keys(), ...primary.profile.keys()])) {
      const mine = secondary.profile.get(key);
      const theirs = primary.profile.get(key);
      const mineCls = mine?.cls ?? 'none';
      const theirCls = theirs?.cls ?? 'none';
      if (moreOpen(mineCls, theirCls)) differences.push({ key, mine, theirs, other: primary, direction: 'more' });
      else if (moreOpen(theirCls, mineCls) && withinBaseline(primary.host, theirs!)) differences.push({ key, mine, theirs, other: primary, direction: 'less' });
    }
    if (differences.length > 0) findings.push(siteDriftFinding(secondary, primary, differences));
  }
  return findings;
}

/** Whether the primary's exposure stays within its baseline; without a policy, assume it does (report the drift). */
function withinBaseline(host: FleetHostFacts<FirewallFacts>, entry: ProfileEntry): boolean {
  if (!host.policy) return true;
  const baseline = baselineSources(host.policy, entry.proto, entry.port, versionOf(entry));
  return baseline !== null && isEmptySet(subtractSets(entry.reached, baseline.set, versionOf(entry)));
}

function differenceText(difference: Difference, here: string, there: string): string {
  const entry = (difference.mine ?? difference.theirs)!;
  return `${portLabel(entry.proto, entry.port)} ${entry.family === 'ipv4' ? 'IPv4' : 'IPv6'}: ${here} ${reachText(difference.mine)}, ${there} ${reachText(difference.theirs)}`;
}

function driftEvidence(me: FleetHostFacts<FirewallFacts>, differences: Difference[]) {
  const commandIds = differences.flatMap((difference) => [
    ...(difference.mine?.entries ?? []).flatMap((entry) => entryCommandIds(me.facts, entry)),
    ...(difference.theirs?.entries ?? []).flatMap((entry) => entryCommandIds(difference.other.host.facts, entry)),
  ]);
  const excerpt = differences.flatMap((difference) => [
    ...(difference.mine?.entries ?? []).flatMap((entry) => entryExcerpt(entry).map((line) => `${me.host}: ${line}`)),
    ...(difference.theirs?.entries ?? []).flatMap((entry) => entryExcerpt(entry).map((line) => `${difference.other.host.host}: ${line}`)),
  ]);
  return { commandIds, excerpt };
}

function ports(differences: Difference[]): string {
  const labels = [...new Set(differences.map((difference) => portLabel((difference.mine ?? difference.theirs)!.proto, (difference.mine ?? difference.theirs)!.port)))];
  return `${labels.slice(0, 3).join(', ')}${labels.length > 3 ? ', …' : ''}`;
}

function roleDriftFinding(me: ProfiledHost, peers: ProfiledHost[], differences: Difference[]): Finding {
  const roles = rolesKey(me.host.roles);
  const names = peers.map((peer) => peer.host.host);
  // A role of hundreds of hosts must not put every name in a one-line title.
  const peerText =
    names.length === 1 ? names[0]! : names.length <= MAX_NAMED_PEERS ? `most of ${names.join(', ')}` : `most of its ${names.length} peers (${names.slice(0, MAX_NAMED_PEERS).join(', ')}, …)`;
  const more = differences.some((difference) => difference.direction === 'more');
  return firewallFinding({
    kind: kinds.roleDrift,
    qualifier: roles,
    host: me.host.host,
    dc: me.host.dc,
    severity: more ? 'medium' : 'low',
    title: `${me.host.host} exposes ${more ? 'more than' : 'less than'} ${peerText} (role ${roles} in ${me.host.dc}): ${ports(differences)}`,
    detail: [
      `Hosts of one role in one datacentre should expose the same services to the same networks.`,
      ...differences.map((difference) => differenceText(difference, 'here', names.length === 1 ? `on ${names[0]}` : 'on most peers')),
    ].join('\n'),
    ...driftEvidence(me.host, differences),
  });
}

function siteDriftFinding(secondary: ProfiledHost, primary: ProfiledHost, differences: Difference[]): Finding {
  const more = differences.some((difference) => difference.direction === 'more');
  return firewallFinding({
    kind: kinds.siteDrift,
    host: secondary.host.host,
    dc: secondary.host.dc,
    severity: 'medium',
    title: `${secondary.host.host} differs from its primary counterpart ${primary.host.host}: ${ports(differences)} ${more ? 'more open here' : 'less open here'}`,
    detail: [
      `After a failover to ${secondary.host.dc}, ${secondary.host.host} serves what ${primary.host.host} serves in ${primary.host.dc}; their firewalls should expose the same services (each site's own networks aside).`,
      ...differences.map((difference) => differenceText(difference, `${secondary.host.host}`, `${primary.host.host}`)),
    ].join('\n'),
    ...driftEvidence(secondary.host, differences),
  });
}
