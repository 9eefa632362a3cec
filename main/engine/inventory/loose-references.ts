// The datacentre and role references of an inventory that failed its schema,
// checked on whatever parts of it can be read, so that `inventory check`
// reports unknown datacentres and roles in the same run as the schema errors
// instead of only after they are fixed. Parts that cannot be read (not a
// list, not a string) are skipped: the schema errors already name them.
import { unknownReferences } from './inventory-references';
import { DATACENTRE_ID, ROLE_NAME } from './inventory-schema';
import type { LocatedMessage } from './zod-issue-message';

export function looseReferenceProblems(root: Record<string, unknown>): LocatedMessage[] {
  const ids = Array.isArray(root.datacentres) ? root.datacentres.map((dc) => textField(dc, 'id')) : null;
  // A definition the schema rejected is still what the author meant: compare against none rather than report its users.
  const dcIds = ids?.every((id): id is string => id !== null && DATACENTRE_ID.test(id)) ? ids : null;
  const roles = root.roles;
  const names = roles === undefined || roles === null ? [] : isMapping(roles) ? Object.keys(roles) : null;
  const roleNames = names?.every((name) => ROLE_NAME.test(name)) ? names : null;
  if (!Array.isArray(root.hosts)) return [];
  return root.hosts.flatMap((host, index) => {
    if (!isMapping(host)) return [];
    const hostRoles = Array.isArray(host.roles) ? host.roles.map((role) => (typeof role === 'string' ? role : null)) : [];
    return unknownReferences({ dcIds, roleNames }, index, textField(host, 'dc'), hostRoles);
  });
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function textField(value: unknown, key: string): string | null {
  return isMapping(value) && typeof value[key] === 'string' ? value[key] : null;
}
