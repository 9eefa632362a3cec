// Durations as operators read them in patch findings: "45 min", "5 h",
// "3 d 4 h".
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export function formatAge(ms: number): string {
  const safe = Number.isFinite(ms) && ms > 0 ? ms : 0;
  if (safe < HOUR_MS) return `${Math.floor(safe / MINUTE_MS)} min`;
  if (safe < DAY_MS) return `${Math.floor(safe / HOUR_MS)} h`;
  const days = Math.floor(safe / DAY_MS);
  const hours = Math.floor((safe % DAY_MS) / HOUR_MS);
  return hours ? `${days} d ${hours} h` : `${days} d`;
}

export function hoursToMs(hours: number): number {
  return hours * HOUR_MS;
}

export const DAY_IN_MS = DAY_MS;
