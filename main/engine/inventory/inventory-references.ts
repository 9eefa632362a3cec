// Checks that need the whole file rather than one value: datacentre ids are
// unique and exactly one is primary, every host names a known datacentre and
// known roles, host names are unique, and every connection has a user.
// Returns paths, not positions: parse-inventory.ts locates them in the YAML.
import { addressReason, type InventoryFile, type InventoryFileJumpHost } from './inventory-schema';
import type { LocatedMessage } from './zod-issue-message';
import { formatYamlPath, type YamlPath } from './yaml-locations';

export interface ReferenceCheck {
  problems: LocatedMessage[];
  warnings: LocatedMessage[];
}

export function checkInventoryReferences(file: InventoryFile): ReferenceCheck {
  const problems = [...datacentreProblems(file), ...hostProblems(file), ...userProblems(file), ...networkProblems(file), ...backupDcProblems(file), ...staffProblems(file)];
  return { problems, warnings: unusedWarnings(file) };
}

function at(path: YamlPath, text: string, target: LocatedMessage['target'] = 'value'): LocatedMessage {
  return { path, target, message: `${formatYamlPath(path)}: ${text}` };
}

function datacentreProblems(file: InventoryFile): LocatedMessage[] {
  const problems: LocatedMessage[] = [];
  const firstIndex = new Map<string, number>();
  let primary: string | null = null;
  file.datacentres.forEach((dc, index) => {
    const earlier = firstIndex.get(dc.id);
    if (earlier !== undefined) problems.push(at(['datacentres', index, 'id'], `duplicate datacentre id ${JSON.stringify(dc.id)}; datacentres[${earlier}] already uses it`));
    else firstIndex.set(dc.id, index);
    if (dc.role !== 'primary') return;
    if (primary === null) primary = dc.id;
    else problems.push(at(['datacentres', index, 'role'], `${JSON.stringify(primary)} is already the primary; exactly one datacentre may have role primary`));
  });
  if (primary === null) {
    problems.push(at(['datacentres'], 'exactly one datacentre must have role primary; found none (the others are secondary)'));
  }
  return problems;
}

function hostProblems(file: InventoryFile): LocatedMessage[] {
  const problems: LocatedMessage[] = [];
  const dcIds = [...new Set(file.datacentres.map((dc) => dc.id))];
  const roleNames = Object.keys(file.roles ?? {});
  const firstIndex = new Map<string, number>();
  file.hosts.forEach((host, index) => {
    // Names are compared as DNS does (case-insensitively): ~/.ssh/config matches them that way too.
    const key = host.name.toLowerCase();
    const earlier = firstIndex.get(key);
    if (earlier !== undefined) problems.push(at(['hosts', index, 'name'], `duplicate host name ${JSON.stringify(host.name)}; hosts[${earlier}] already uses it`));
    else firstIndex.set(key, index);
    const undiallable = host.address === undefined ? addressReason(host.name) : null;
    if (undiallable) {
      problems.push(at(['hosts', index, 'name'], `${JSON.stringify(host.name)} ${undiallable}; with no address the name is what gets dialled, so add "address"`));
    }
    problems.push(...unknownReferences({ dcIds, roleNames }, index, host.dc, host.roles));
  });
  return problems;
}

/**
 * A host's datacentre and roles that the file does not define. Also run on a
 * file that failed the schema (with what could be read of it), so both kinds
 * of problem are reported in one run; null means "could not be read: do not check".
 */
export function unknownReferences(known: { dcIds: string[] | null; roleNames: string[] | null }, index: number, dc: string | null, roles: (string | null)[]): LocatedMessage[] {
  const problems: LocatedMessage[] = [];
  const { dcIds, roleNames } = known;
  if (dcIds && dc !== null && !dcIds.includes(dc)) {
    problems.push(at(['hosts', index, 'dc'], `unknown datacentre ${JSON.stringify(dc)}; expected one of ${dcIds.join(', ')}`));
  }
  roles.forEach((role, roleIndex) => {
    if (!roleNames || role === null || roleNames.includes(role)) return;
    const defined = roleNames.length > 0 ? `roles defined: ${roleNames.join(', ')}` : 'no roles are defined (add it under roles:)';
    problems.push(at(['hosts', index, 'roles', roleIndex], `unknown role ${JSON.stringify(role)}; ${defined}`));
  });
  return problems;
}

/** Every backup job names the datacentre of its repository: a typo would hide an on-site repository. */
function backupDcProblems(file: InventoryFile): LocatedMessage[] {
  const dcIds = [...new Set(file.datacentres.map((dc) => dc.id))];
  const problems: LocatedMessage[] = [];
  const hostNames = new Set(file.hosts.map((host) => host.name));
  const check = (jobs: { repository_dc: string; replica_host?: string }[] | undefined, path: YamlPath) =>
    (jobs ?? []).forEach((job, index) => {
      if (!dcIds.includes(job.repository_dc)) {
        problems.push(at([...path, index, 'repository_dc'], `unknown datacentre ${JSON.stringify(job.repository_dc)}; expected one of ${dcIds.join(', ')}`));
      }
      if (job.replica_host !== undefined && !hostNames.has(job.replica_host)) {
        problems.push(at([...path, index, 'replica_host'], `unknown host ${JSON.stringify(job.replica_host)}; the replica must be a host of this inventory`));
      }
    });
  for (const [name, role] of Object.entries(file.roles ?? {})) check(role.backups, ['roles', name, 'backups']);
  file.hosts.forEach((host, index) => check(host.backups, ['hosts', index, 'backups']));
  return problems;
}

/** Staff names are unique, a key belongs to one person, and a role names only listed staff. */
function staffProblems(file: InventoryFile): LocatedMessage[] {
  const problems: LocatedMessage[] = [];
  const names = new Map<string, number>();
  const keyOwner = new Map<string, string>();
  (file.staff ?? []).forEach((member, index) => {
    const earlier = names.get(member.name);
    if (earlier !== undefined) problems.push(at(['staff', index, 'name'], `duplicate staff name ${JSON.stringify(member.name)}; staff[${earlier}] already uses it`));
    else names.set(member.name, index);
    member.keys.forEach((key, keyIndex) => {
      const owner = keyOwner.get(key);
      if (owner !== undefined && owner !== member.name) problems.push(at(['staff', index, 'keys', keyIndex], `key ${key} is already listed for ${JSON.stringify(owner)}; a key belongs to one person`));
      else keyOwner.set(key, member.name);
    });
  });
  for (const [role, policy] of Object.entries(file.roles ?? {})) {
    (policy.staff ?? []).forEach((name, index) => {
      if (!names.has(name)) {
        const listed = names.size > 0 ? `staff listed: ${[...names.keys()].join(', ')}` : 'the file has no staff list (add it under staff:)';
        problems.push(at(['roles', role, 'staff', index], `unknown staff member ${JSON.stringify(name)}; ${listed}`));
      }
    });
  }
  return problems;
}

/** A user must come from somewhere in the file: ssh's fallback (the local login name) is not knowable here. */
function userProblems(file: InventoryFile): LocatedMessage[] {
  if (file.defaults?.user !== undefined) return [];
  const missing = (path: YamlPath, what: string) => at(path, `no SSH user for ${what}; set "user" here or under "defaults"`);
  const problems: LocatedMessage[] = [];
  const jumpProblems = (jumps: InventoryFileJumpHost[], path: YamlPath) =>
    jumps.forEach((jump, index) => {
      if (jump.user === undefined) problems.push(missing([...path, index], `jump host ${jump.address}`));
    });
  file.datacentres.forEach((dc, index) => {
    if (dc.bastion && dc.bastion.user === undefined) problems.push(missing(['datacentres', index, 'bastion'], `the bastion of ${dc.id}`));
  });
  file.hosts.forEach((host, index) => {
    if (host.user === undefined) problems.push(missing(['hosts', index], host.name));
    jumpProblems(host.proxy_jump ?? [], ['hosts', index, 'proxy_jump']);
  });
  return problems;
}

/** Each logical network's sites are declared datacentres. */
function networkProblems(file: InventoryFile): LocatedMessage[] {
  const dcIds = file.datacentres.map((dc) => dc.id);
  const problems: LocatedMessage[] = [];
  for (const [name, sites] of Object.entries(file.networks ?? {})) {
    for (const dc of Object.keys(sites)) {
      if (!dcIds.includes(dc)) problems.push(at(['networks', name, dc], `unknown datacentre ${JSON.stringify(dc)} in network ${JSON.stringify(name)}; expected one of ${dcIds.join(', ')}`, 'key'));
    }
  }
  return problems;
}

function unusedWarnings(file: InventoryFile): LocatedMessage[] {
  const warnings: LocatedMessage[] = [];
  file.datacentres.forEach((dc, index) => {
    if (!file.hosts.some((host) => host.dc === dc.id)) warnings.push(at(['datacentres', index], `datacentre ${JSON.stringify(dc.id)} has no hosts`));
  });
  for (const role of Object.keys(file.roles ?? {})) {
    if (!file.hosts.some((host) => host.roles.includes(role))) warnings.push(at(['roles', role], `role ${JSON.stringify(role)} is not used by any host`, 'key'));
  }
  return warnings;
}
