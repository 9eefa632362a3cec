// `systemd-analyze cat-config systemd/journald.conf` → the journal's storage
// and retention settings (the last assignment wins, as systemd applies the
// drop-ins). Pure.
import { parsedFailure, parsedOk, unreadableOutput, type Parsed } from '../parse-result';

export interface JournaldSettings {
  /** volatile, persistent, auto (persistent when /var/log/journal exists, as on Debian 12) or none; auto when unset. */
  storage: string;
  /** MaxRetentionSec in days; null when unset or 0 (no time limit). */
  maxRetentionDays: number | null;
  maxRetentionText: string | null;
  systemMaxUse: string | null;
}

const UNIT_SECONDS: Array<[RegExp, number]> = [
  [/^(us|usec|µs)$/, 1e-6],
  [/^(ms|msec)$/, 1e-3],
  [/^(s|sec|second|seconds|)$/, 1],
  [/^(m|min|minute|minutes)$/, 60],
  [/^(h|hr|hour|hours)$/, 3600],
  [/^(d|day|days)$/, 86_400],
  [/^(w|week|weeks)$/, 604_800],
  [/^(M|month|months)$/, 2_629_800],
  [/^(y|year|years)$/, 31_557_600],
];

/** systemd.time(7) time span in seconds ("180day", "6month 2w", "15552000"), or null. */
export function timeSpanSeconds(text: string): number | null {
  const parts = text.trim().match(/(\d+(?:\.\d+)?)\s*([A-Za-zµ]*)/g);
  if (!parts || parts.join('').replace(/\s/g, '') !== text.replace(/\s/g, '')) return null;
  let total = 0;
  for (const part of parts) {
    const [, amount, unit] = /(\d+(?:\.\d+)?)\s*([A-Za-zµ]*)/.exec(part)!;
    const seconds = UNIT_SECONDS.find(([pattern]) => pattern.test(unit!))?.[1];
    if (seconds === undefined) return null;
    total += Number(amount) * seconds;
  }
  return total;
}

export function parseJournaldCatConfig(stdout: string, stderr = '', exitCode: number | null = 0): Parsed<JournaldSettings> {
  const unreadable = unreadableOutput('systemd-analyze', 'systemd-analyze cat-config', stdout, stderr, exitCode);
  if (unreadable) return unreadable;
  if (!/^\[Journal\]/m.test(stdout)) return parsedFailure('unparsed', 'not journald.conf: no [Journal] section');
  const values = new Map<string, string>();
  for (const raw of stdout.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';') || line.startsWith('[')) continue;
    const equals = line.indexOf('=');
    if (equals > 0) values.set(line.slice(0, equals).trim(), line.slice(equals + 1).trim());
  }
  const retention = values.get('MaxRetentionSec') ?? null;
  const seconds = retention === null || retention === '' ? null : timeSpanSeconds(retention);
  const warnings = retention && seconds === null ? [`MaxRetentionSec=${retention} is not a time span OpsDeck can read`] : [];
  return parsedOk(
    {
      storage: values.get('Storage') || 'auto',
      maxRetentionDays: seconds ? Math.round((seconds / 86_400) * 100) / 100 : null,
      maxRetentionText: retention,
      systemMaxUse: values.get('SystemMaxUse') || null,
    },
    warnings,
  );
}
