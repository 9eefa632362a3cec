// Ansible inventory (INI or YAML) → OpsDeck inventory YAML text, checked by
// parseInventory before it is returned. Connection vars become host fields
// (ansible_host, ansible_port, ansible_user, key file, ProxyJump); groups
// become datacentre, OS and roles through an optional mapping. Whatever could
// not be inferred is still imported, with a warning saying what was assumed.
import { Document, isScalar, visit } from 'yaml';
import { parseAnsibleIni } from './ansible-ini';
import { checkAnsibleMapping, type AnsibleMapping, type CheckedAnsibleMapping } from './ansible-mapping';
import { connectionFromVars } from './ansible-connection-vars';
import type { AnsibleParse } from './ansible-model';
import { knownDatacentreIds, placeHost, type HostPlacement } from './ansible-placement';
import { parseAnsibleYaml } from './ansible-yaml';
import { ansibleHostViews, type AnsibleHostView } from './ansible-vars';
import type { InventoryProblem } from './inventory-problem';
import type { InventoryFileDatacentre } from './inventory-schema';
import { parseInventory } from './parse-inventory';
import type { JumpSpec } from './proxy-jump-spec';
import { unsafeSshWordReason } from './ssh-argument-safety';
import { errorMessage } from '../errors/error-message';

export type { AnsibleMapping } from './ansible-mapping';
export { parseAnsibleMapping } from './ansible-mapping';

export type AnsibleImportResult = { yaml: string; warnings: string[] } | { problems: InventoryProblem[] };

export const UNASSIGNED_DC = 'unassigned';
/** Used only when neither the Ansible inventory nor the mapping names a user; the warning says so. */
export const FALLBACK_USER = 'root';

export function importAnsibleInventory(text: string, file: string, mapping?: AnsibleMapping): AnsibleImportResult {
  try {
    const checked = checkAnsibleMapping(mapping ?? {}, `${file} (mapping)`);
    if (!checked.ok) return { problems: checked.problems };
    const parsed = looksLikeYaml(text, file) ? parseAnsibleYaml(text, file) : parseAnsibleIni(text, file);
    if (parsed.problems.length > 0) return { problems: parsed.problems };
    return convert(parsed, file, checked.mapping);
  } catch (error) {
    return { problems: [{ file, line: 1, column: 1, message: `could not import: ${errorMessage(error)}` }] };
  }
}

/** By extension when it says; otherwise YAML inventories start with a `group:` mapping key, INI ones never do. */
function looksLikeYaml(text: string, file: string): boolean {
  if (/\.ya?ml$/i.test(file)) return true;
  if (/\.ini$/i.test(file)) return false;
  const firstLine = text.split(/\r?\n/).find((line) => line.trim() !== '' && !/^\s*[#;]/.test(line)) ?? '';
  return /^(---|[A-Za-z0-9_.-]+:\s*(#.*)?$)/.test(firstLine.trim());
}

interface ImportedHost {
  view: AnsibleHostView;
  placement: HostPlacement;
  entry: Record<string, unknown>;
}

function convert(parsed: AnsibleParse, file: string, mapping: CheckedAnsibleMapping): AnsibleImportResult {
  const views = ansibleHostViews(parsed.model);
  const warnings = new Set<string>([...parsed.warnings, ...views.warnings]);
  if (views.hosts.length === 0) {
    return { problems: [{ file, line: 1, column: 1, message: 'no hosts found; expected INI [group] sections with host lines, or YAML all: with hosts: and children:' }] };
  }
  const problems: InventoryProblem[] = [];
  const dcIds = knownDatacentreIds(mapping);
  const hosts: ImportedHost[] = [];
  for (const view of views.hosts) {
    const unsafe = unsafeSshWordReason(view.name);
    if (unsafe) {
      problems.push({ file, ...view.spot, message: `host ${JSON.stringify(view.name)} ${unsafe}; host names are passed to ssh and must be plain words` });
      continue;
    }
    const placement = placeHost(view.groups, mapping, dcIds);
    for (const conflict of placement.conflicts) warnings.add(`${view.name}: ${conflict}`);
    const entry = hostEntry(view, placement, (note) => warnings.add(`${view.name}: ${note}`));
    if (isDatacentreBastion(entry['proxy_jump'], entry['dc'], mapping)) delete entry['proxy_jump'];
    hosts.push({ view, placement, entry });
  }
  if (problems.length > 0) return { problems };

  for (const warning of inferenceWarnings(hosts, mapping)) warnings.add(warning);
  const datacentres = datacentresFor(hosts, mapping, (warning) => warnings.add(warning));
  const output = {
    datacentres,
    defaults: defaultsFor(hosts, mapping),
    roles: rolesFor(hosts, mapping),
    hosts: hosts.map((host) => host.entry),
  };
  const doc = new Document(output);
  // Lists of plain values (roles, sources) read better on one line: `roles: [imap]`.
  visit(doc, { Seq: (_, seq) => void (seq.flow = seq.items.every((item) => isScalar(item))) });
  doc.commentBefore = ` OpsDeck inventory imported from ${file}.\n Review each datacentre, os and roles before scanning (see the inventory section of the README).`;
  const yaml = doc.toString({ lineWidth: 0, flowCollectionPadding: false });
  const check = parseInventory(yaml, `${file} (as OpsDeck inventory)`);
  if (!check.ok) return { problems: check.problems };
  for (const warning of check.warnings) warnings.add(warning.message);
  return { yaml, warnings: [...warnings] };
}

function hostEntry(view: AnsibleHostView, placement: HostPlacement, note: (text: string) => void): Record<string, unknown> {
  const connection = connectionFromVars(view.vars);
  connection.notes.forEach(note);
  const kind = view.vars['ansible_connection'];
  if (typeof kind === 'string' && !['ssh', 'paramiko', 'smart'].includes(kind)) {
    note(`ansible_connection is ${kind}; OpsDeck always connects over SSH`);
  }
  const entry: Record<string, unknown> = { name: view.name };
  if (connection.address !== undefined) entry['address'] = connection.address;
  if (connection.port !== undefined) entry['port'] = connection.port;
  if (connection.user !== undefined) entry['user'] = connection.user;
  if (connection.identity !== undefined) entry['identity'] = connection.identity;
  entry['os'] = placement.os ?? 'auto';
  entry['dc'] = placement.dc ?? UNASSIGNED_DC;
  entry['roles'] = placement.roles;
  if (connection.jumps !== null) entry['proxy_jump'] = connection.jumps.map(jumpEntry);
  return entry;
}

/**
 * Ansible has no datacentres, so a bastion is repeated in every host's ssh
 * args; when that single hop is the mapped datacentre's bastion, the
 * datacentre's bastion says it once.
 */
function isDatacentreBastion(proxyJump: unknown, dc: unknown, mapping: CheckedAnsibleMapping): boolean {
  const bastion = (mapping.datacentres ?? []).find((candidate) => candidate.id === dc)?.bastion;
  if (!bastion || !Array.isArray(proxyJump) || proxyJump.length !== 1) return false;
  const hop = proxyJump[0] as Partial<Record<'address' | 'port' | 'user' | 'identity', unknown>>;
  const defaultPort = mapping.defaults?.port ?? 22;
  const defaultUser = mapping.defaults?.user;
  return hop.address === bastion.address && (hop.port ?? defaultPort) === (bastion.port ?? defaultPort) && (hop.user ?? defaultUser) === (bastion.user ?? defaultUser) && hop.identity === undefined;
}

function jumpEntry(jump: JumpSpec): Record<string, unknown> {
  return {
    address: jump.address,
    ...(jump.port !== undefined ? { port: jump.port } : {}),
    ...(jump.user !== undefined ? { user: jump.user } : {}),
    ...(jump.identity !== undefined ? { identity: jump.identity } : {}),
  };
}

function countHosts(count: number): string {
  return `${count} host${count === 1 ? '' : 's'}`;
}

/** "no mapping for groups nj, sea" or, for hosts in no group, "they are in no group". */
function noMappingFor(hosts: ImportedHost[]): string {
  const groups = [...new Set(hosts.flatMap((host) => host.view.groups))].sort();
  return groups.length > 0 ? `no mapping for groups ${groups.join(', ')}` : 'they are in no group';
}

function hostNames(hosts: ImportedHost[]): string {
  const shown = hosts.slice(0, 8).map((host) => host.view.name);
  return hosts.length > shown.length ? `${shown.join(', ')} and ${hosts.length - shown.length} more` : shown.join(', ');
}

/** One warning per thing that could not be inferred, counting the hosts concerned. */
function inferenceWarnings(hosts: ImportedHost[], mapping: CheckedAnsibleMapping): string[] {
  const warnings: string[] = [];
  const noDc = hosts.filter((host) => host.placement.dc === null);
  if (noDc.length > 0) warnings.push(`dc for ${countHosts(noDc.length)}: ${noMappingFor(noDc)}; they were put in dc '${UNASSIGNED_DC}'`);
  const noOs = hosts.filter((host) => host.placement.os === null);
  if (noOs.length > 0) warnings.push(`os for ${countHosts(noOs.length)}: ${noMappingFor(noOs)}; they were set to 'auto' (detected when scanned)`);
  const noRoles = hosts.filter((host) => host.placement.roles.length === 0);
  if (noRoles.length > 0) {
    warnings.push(`roles for ${countHosts(noRoles.length)} (${hostNames(noRoles)}): no group gives a role; they were imported with no roles`);
  }
  const unusable = [...new Set(hosts.flatMap((host) => host.placement.unusableGroups))];
  if (unusable.length > 0) warnings.push(`groups ${unusable.join(', ')}: not usable as role names (a letter, then letters, digits, "_", "." or "-"); map them to roles in the mapping`);
  const noUser = hosts.filter((host) => host.entry['user'] === undefined);
  if (noUser.length > 0 && mapping.defaults?.user === undefined) {
    warnings.push(
      `user for ${countHosts(noUser.length)}: no ansible_user and no defaults.user in the mapping; defaults.user was set to '${FALLBACK_USER}' (Ansible would use ~/.ssh/config or your login name): edit it`,
    );
  }
  return warnings;
}

function datacentresFor(hosts: ImportedHost[], mapping: CheckedAnsibleMapping, warn: (text: string) => void): InventoryFileDatacentre[] {
  const datacentres: InventoryFileDatacentre[] = (mapping.datacentres ?? []).map((dc) => structuredClone(dc));
  const used = [...new Set(hosts.map((host) => host.entry['dc'] as string))];
  // Named but undescribed datacentres first, the placeholder last: it is never the natural primary.
  for (const id of [...used.filter((dc) => dc !== UNASSIGNED_DC), ...used.filter((dc) => dc === UNASSIGNED_DC)]) {
    if (datacentres.some((dc) => dc.id === id)) continue;
    if (id !== UNASSIGNED_DC) warn(`datacentre '${id}' is named in the mapping but not described under datacentres; it was created with name '${id}' (edit its name, role and bastion)`);
    datacentres.push({ id, name: id === UNASSIGNED_DC ? 'Unassigned (edit: hosts whose datacentre was not known)' : id, role: 'secondary' });
  }
  const first = datacentres[0];
  if (first && !datacentres.some((dc) => dc.role === 'primary')) {
    first.role = 'primary';
    if (first.id !== UNASSIGNED_DC) warn(`no datacentre is primary; '${first.id}' was made primary (edit the roles if that is wrong)`);
  }
  return datacentres;
}

function defaultsFor(hosts: ImportedHost[], mapping: CheckedAnsibleMapping): Record<string, unknown> | undefined {
  const defaults: Record<string, unknown> = { ...(mapping.defaults ?? {}) };
  if (defaults['user'] === undefined && hosts.some((host) => host.entry['user'] === undefined)) defaults['user'] = FALLBACK_USER;
  return Object.keys(defaults).length > 0 ? defaults : undefined;
}

function rolesFor(hosts: ImportedHost[], mapping: CheckedAnsibleMapping): Record<string, unknown> {
  const roles: Record<string, unknown> = {};
  for (const [name, policy] of Object.entries(mapping.roles ?? {})) roles[name] = policy;
  for (const host of hosts) for (const role of host.placement.roles) if (!(role in roles)) roles[role] = {};
  return roles;
}
