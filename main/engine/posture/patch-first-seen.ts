// The SLA clock: when OpsDeck first saw each pending security update on a
// host, carried from scan to scan (the store persists the map per host), so
// "pending for 3 days" is an observation, not a guess. Pure.
//
// One map per host, keyed by package and candidate version. When a newer
// security candidate replaces one that was never installed (the installed
// version is unchanged), the clock keeps running from the first one:
// otherwise a host that never patches would look fresh after every new
// security release of the same package.
import type { PatchFacts } from '../collectors/patches/patch-facts';

export interface FirstSeenEntry {
  package: string;
  /** The candidate version. */
  version: string;
  /** Installed version when last seen pending (null: a new package, or not reported). */
  installed: string | null;
  /** When this exact package + candidate was first seen pending, ISO 8601. */
  firstSeen: string;
  /** When a security update of this package was first seen pending with the installed version unchanged since (≤ firstSeen). */
  pendingSince: string;
  lastSeen: string;
}

/** Key: `firstSeenKey(package, candidate)`. */
export type FirstSeenMap = Record<string, FirstSeenEntry>;

export function firstSeenKey(pkg: string, version: string): string {
  return `${pkg}=${version}`;
}

export function pendingSecuritySince(previous: FirstSeenMap, facts: PatchFacts, now: Date): FirstSeenMap {
  const known = validEntries(previous);
  // Not knowing what is pending is not "nothing pending": keep the clocks running.
  if (!facts.pendingUpdatesKnown) return Object.fromEntries(known.map(([key, entry]) => [key, { ...entry }]));
  const at = now.toISOString();
  const byKey = new Map(known);
  const next: FirstSeenMap = {};
  for (const update of facts.pendingUpdates) {
    if (!update.security) continue;
    const key = firstSeenKey(update.name, update.to);
    const seen = byKey.get(key);
    if (seen) {
      next[key] = { ...seen, installed: update.from, lastSeen: at };
      continue;
    }
    let pendingSince = at;
    for (const [, entry] of known) {
      if (entry.package === update.name && entry.installed === update.from && Date.parse(entry.pendingSince) < Date.parse(pendingSince)) {
        pendingSince = entry.pendingSince;
      }
    }
    next[key] = { package: update.name, version: update.to, installed: update.from, firstSeen: at, pendingSince, lastSeen: at };
  }
  return next;
}

/** Entries as stored may come from an older OpsDeck or a damaged row: keep only well-formed ones. */
function validEntries(map: FirstSeenMap): [string, FirstSeenEntry][] {
  if (typeof map !== 'object' || map === null) return [];
  return Object.entries(map).filter(([, entry]) => isEntry(entry));
}

function isEntry(value: unknown): value is FirstSeenEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  const isoTime = (text: unknown) => typeof text === 'string' && !Number.isNaN(Date.parse(text));
  return (
    typeof entry.package === 'string' &&
    typeof entry.version === 'string' &&
    (entry.installed === null || typeof entry.installed === 'string') &&
    isoTime(entry.firstSeen) &&
    isoTime(entry.pendingSince) &&
    isoTime(entry.lastSeen)
  );
}
