// Hash routes: the address says which page is open, so back/forward and
// reloads keep the operator's place.
export type Route =
  | { page: 'fleet' }
  | { page: 'host'; name: string }
  | { page: 'findings' }
  | { page: 'patches' }
  | { page: 'encryption' }
  | { page: 'backups' }
  | { page: 'access' }
  | { page: 'transport' }
  /** The fleet matrix; with `host`, that host's firewall; with `compare` too, the two compared. */
  | { page: 'firewall'; host?: string; compare?: string }
  | { page: 'audit' }
  | { page: 'drills' }
  | { page: 'settings' }
  | { page: 'status' };

export const NAV_ITEMS: { page: Exclude<Route['page'], 'host'>; label: string; key: string }[] = [
  { page: 'fleet', label: 'Fleet', key: '1' },
  { page: 'findings', label: 'Findings', key: '2' },
  { page: 'patches', label: 'Patch levels', key: '3' },
  { page: 'encryption', label: 'Encryption', key: '4' },
  { page: 'firewall', label: 'Firewall', key: '5' },
  { page: 'backups', label: 'Backups', key: '6' },
  { page: 'drills', label: 'DR drills', key: '7' },
  { page: 'audit', label: 'Audit log', key: '8' },
  { page: 'settings', label: 'Settings', key: '9' },
  { page: 'status', label: 'Status', key: '0' },
  { page: 'access', label: 'Access', key: 'a' },
  { page: 'transport', label: 'Transport', key: 't' },
];

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  const [head, ...rest] = path.split('/');
  if (head === 'host' && rest.length > 0) return { page: 'host', name: decodeURIComponent(rest.join('/')) };
  if (head === 'audit') return { page: 'audit' };
  if (head === 'findings') return { page: 'findings' };
  if (head === 'patches') return { page: 'patches' };
  if (head === 'encryption') return { page: 'encryption' };
  if (head === 'backups') return { page: 'backups' };
  if (head === 'access') return { page: 'access' };
  if (head === 'transport') return { page: 'transport' };
  if (head === 'firewall') {
    const [host, compare] = rest.filter(Boolean).map(decodeSegment);
    return { page: 'firewall', ...(host ? { host } : {}), ...(host && compare ? { compare } : {}) };
  }
  if (head === 'drills') return { page: 'drills' };
  if (head === 'settings') return { page: 'settings' };
  if (head === 'status') return { page: 'status' };
  return { page: 'fleet' };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function routeHref(route: Route): string {
  if (route.page === 'host') return `#/host/${encodeURIComponent(route.name)}`;
  if (route.page === 'firewall' && route.host) {
    return `#/firewall/${encodeURIComponent(route.host)}${route.compare ? `/${encodeURIComponent(route.compare)}` : ''}`;
  }
  return `#/${route.page}`;
}
