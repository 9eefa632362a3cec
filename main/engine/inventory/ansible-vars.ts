// Each host of an Ansible inventory as Ansible sees it: the groups it is in
// (directly or through children), and its vars with Ansible's precedence:
// `all` vars, then group vars from the least to the most nested group (same
// depth: by name), then the host's own vars.
import { setVar, type AnsibleInventoryModel, type SourceSpot } from './ansible-model';

export interface AnsibleHostView {
  name: string;
  spot: SourceSpot;
  /** Groups the host is in, most specific first; without `all` and `ungrouped`. */
  groups: string[];
  vars: Record<string, unknown>;
}

export interface AnsibleHostViews {
  hosts: AnsibleHostView[];
  warnings: string[];
}

const IMPLICIT_GROUPS = new Set(['all', 'ungrouped']);

export function ansibleHostViews(model: AnsibleInventoryModel): AnsibleHostViews {
  const warnings: string[] = [];
  const parents = parentsOf(model);
  const depth = depthOf(parents, warnings);
  const ancestors = (group: string): Set<string> => {
    const seen = new Set<string>();
    const queue = [group];
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(...(parents.get(next) ?? []));
    }
    return seen;
  };
  const hosts = [...model.hosts.values()].map((host) => {
    const groups = new Set<string>(['all']);
    for (const group of model.groups.values()) {
      if (group.hosts.includes(host.name)) for (const member of ancestors(group.name)) groups.add(member);
    }
    const byPrecedence = [...groups].sort((a, b) => depth(a) - depth(b) || a.localeCompare(b));
    const vars: Record<string, unknown> = {};
    for (const group of byPrecedence) copyVars(vars, model.groups.get(group)?.vars ?? {});
    copyVars(vars, host.vars);
    const named = [...groups].filter((group) => !IMPLICIT_GROUPS.has(group)).sort((a, b) => depth(b) - depth(a) || a.localeCompare(b));
    return { name: host.name, spot: host.spot, groups: named, vars };
  });
  return { hosts, warnings };
}

/** Every group but `all` has a parent; a group named by no `children` is a child of `all`. */
function parentsOf(model: AnsibleInventoryModel): Map<string, string[]> {
  const parents = new Map<string, string[]>();
  for (const group of model.groups.values()) {
    for (const child of group.children) parents.set(child, [...(parents.get(child) ?? []), group.name]);
  }
  for (const name of model.groups.keys()) {
    if (name !== 'all' && !parents.has(name)) parents.set(name, ['all']);
  }
  parents.delete('all');
  return parents;
}

/** How deep a group is below `all` (its longest path), as Ansible orders group vars. */
function depthOf(parents: Map<string, string[]>, warnings: string[]): (group: string) => number {
  const memo = new Map<string, number>([['all', 0]]);
  const visiting: string[] = [];
  const depth = (group: string): number => {
    const known = memo.get(group);
    if (known !== undefined) return known;
    if (visiting.includes(group)) {
      warnings.push(`groups form a loop (${[...visiting.slice(visiting.indexOf(group)), group].join(' → ')}); their vars are applied in name order`);
      return 1;
    }
    visiting.push(group);
    const value = 1 + Math.max(0, ...(parents.get(group) ?? ['all']).map(depth));
    visiting.pop();
    memo.set(group, value);
    return value;
  };
  return depth;
}

function copyVars(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(source)) setVar(target, key, value);
}
