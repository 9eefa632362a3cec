// An Ansible inventory (INI or YAML) as plain data: groups with their direct
// hosts, children and vars, and each host's own vars, with where each was
// written so problems can point there. Built by ansible-ini.ts and
// ansible-yaml.ts; read by ansible-vars.ts.
import type { InventoryProblem } from './inventory-problem';

export interface SourceSpot {
  line: number;
  column: number;
}

export interface AnsibleGroup {
  name: string;
  hosts: string[];
  children: string[];
  vars: Record<string, unknown>;
}

export interface AnsibleHost {
  name: string;
  /** Vars written on the host itself, in the order written (later wins). */
  vars: Record<string, unknown>;
  /** Where the host is first named. */
  spot: SourceSpot;
}

export interface AnsibleInventoryModel {
  /** Always holds `all`; `ungrouped` when a host is in no other group. */
  groups: Map<string, AnsibleGroup>;
  hosts: Map<string, AnsibleHost>;
}

export interface AnsibleParse {
  model: AnsibleInventoryModel;
  problems: InventoryProblem[];
  warnings: string[];
}

export function emptyAnsibleModel(): AnsibleInventoryModel {
  return { groups: new Map([['all', { name: 'all', hosts: [], children: [], vars: {} }]]), hosts: new Map() };
}

export function groupNamed(model: AnsibleInventoryModel, name: string): AnsibleGroup {
  let group = model.groups.get(name);
  if (!group) {
    group = { name, hosts: [], children: [], vars: {} };
    model.groups.set(name, group);
  }
  return group;
}

/** Adds `name` to `group` (once) and merges the vars written with it. */
export function addHost(model: AnsibleInventoryModel, group: string, name: string, vars: Record<string, unknown>, spot: SourceSpot): void {
  const members = groupNamed(model, group).hosts;
  if (!members.includes(name)) members.push(name);
  const host = model.hosts.get(name);
  if (host) for (const [key, value] of Object.entries(vars)) setVar(host.vars, key, value);
  else model.hosts.set(name, { name, vars: { ...vars }, spot });
}

/** Sets a var as an own property, so that a var named `__proto__` is just a var. */
export function setVar(vars: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(vars, key, { value, enumerable: true, writable: true, configurable: true });
}

export function addChild(model: AnsibleInventoryModel, parent: string, child: string): void {
  const children = groupNamed(model, parent).children;
  groupNamed(model, child);
  if (!children.includes(child)) children.push(child);
}
