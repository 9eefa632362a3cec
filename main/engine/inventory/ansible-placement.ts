// Where an imported Ansible host goes in OpsDeck: its datacentre, OS and roles,
// from the mapping's group entries and its group names. The most specific
// group (the most nested) wins when groups disagree. Pure; no text output.
import type { CheckedAnsibleMapping } from './ansible-mapping';
import type { InventoryOs } from './inventory-schema';
import { ROLE_NAME } from './inventory-schema';

export interface HostPlacement {
  /** null when nothing says which datacentre. */
  dc: string | null;
  /** null when nothing says which OS. */
  os: InventoryOs | null;
  roles: string[];
  /** Group names that could not become role names. */
  unusableGroups: string[];
  /** Disagreements between groups, worded for a person. */
  conflicts: string[];
}

/** Datacentre ids the mapping knows: described under datacentres or named by a group. */
export function knownDatacentreIds(mapping: CheckedAnsibleMapping): Set<string> {
  const ids = new Set((mapping.datacentres ?? []).map((dc) => dc.id));
  for (const group of Object.values(mapping.groups ?? {})) if (group.dc) ids.add(group.dc);
  return ids;
}

/**
 * A group gives its mapped roles; with none mapped, its own name as a role,
 * unless it is a placement group (named like a datacentre, or mapped to a dc
 * and nothing else).
 */
export function placeHost(groups: string[], mapping: CheckedAnsibleMapping, dcIds: Set<string>): HostPlacement {
  const placement: HostPlacement = { dc: null, os: null, roles: [], unusableGroups: [], conflicts: [] };
  const entryOf = (group: string) => (Object.prototype.hasOwnProperty.call(mapping.groups ?? {}, group) ? mapping.groups?.[group] : undefined);
  const dcFrom = new Map<string, string>();
  const osFrom = new Map<string, string>();
  for (const group of groups) {
    const entry = entryOf(group);
    const dc = entry?.dc ?? (dcIds.has(group) ? group : undefined);
    if (dc !== undefined && !dcFrom.has(dc)) dcFrom.set(dc, group);
    if (entry?.os !== undefined && !osFrom.has(entry.os)) osFrom.set(entry.os, group);
    const isPlacementGroup = dcIds.has(group) || (entry?.dc !== undefined && entry.os === undefined);
    const roles = entry?.roles ?? (isPlacementGroup ? [] : [group]);
    for (const role of roles) {
      if (!ROLE_NAME.test(role)) placement.unusableGroups.push(role);
      else if (!placement.roles.includes(role)) placement.roles.push(role);
    }
  }
  placement.dc = firstKey(dcFrom);
  placement.os = firstKey(osFrom) as InventoryOs | null;
  if (dcFrom.size > 1) placement.conflicts.push(disagreement('dc', dcFrom));
  if (osFrom.size > 1) placement.conflicts.push(disagreement('os', osFrom));
  return placement;
}

function firstKey(map: Map<string, string>): string | null {
  return map.keys().next().value ?? null;
}

function disagreement(what: string, from: Map<string, string>): string {
  const [chosen, group] = [...from.entries()][0] ?? ['', ''];
  const all = [...from.entries()].map(([value, source]) => `${source}: ${value}`).join(', ');
  return `groups disagree on the ${what} (${all}); used ${chosen} from the most specific group, ${group}`;
}
