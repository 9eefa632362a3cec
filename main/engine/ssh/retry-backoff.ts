// Exponential backoff with full jitter for transient connect failures.
export function backoffDelayMs(attempt: number, baseMs = 250, capMs = 4000, random: () => number = Math.random): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** attempt);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
