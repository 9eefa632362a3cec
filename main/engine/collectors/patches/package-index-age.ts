// How old the package index (Debian: apt's InRelease files) or the
// vulnerability list (SmartOS: pkg-vulnerabilities) is. apt keeps the
// server's Last-Modified as each file's mtime, so the NEWEST one is when the
// index last changed; a quiet archive can make it look older than the last
// `apt update` — the safe direction: it never makes a stale index look fresh.
import type { PackageIndexAge } from './patch-facts';

/** Older than this, the package index (or vulnerability list) cannot vouch for "nothing pending". */
export const PACKAGE_INDEX_MAX_AGE_HOURS = 24;

/** Small clock differences are tolerated; an mtime further in the future than this proves nothing. */
const FUTURE_TOLERANCE_HOURS = 1;

/** Age of the newest mtime in hours; unknown when there is none or it lies in the future. */
export function packageIndexAge(kind: PackageIndexAge['kind'], newestEpochSeconds: number | null, now: Date): PackageIndexAge {
  if (newestEpochSeconds === null) return { kind, newestAt: null, ageHours: null, stale: 'unknown' };
  const newestAt = new Date(newestEpochSeconds * 1000).toISOString();
  const rawHours = (now.getTime() - newestEpochSeconds * 1000) / 3_600_000;
  if (rawHours < -FUTURE_TOLERANCE_HOURS) return { kind, newestAt, ageHours: null, stale: 'unknown' };
  const ageHours = Math.max(0, rawHours);
  const rounded = Math.round(ageHours * 10) / 10;
  return { kind, newestAt, ageHours: rounded, stale: ageHours > PACKAGE_INDEX_MAX_AGE_HOURS };
}

export function wholeDaysBetween(fromIso: string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(fromIso)) / 86_400_000));
}
