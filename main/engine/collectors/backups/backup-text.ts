// Shared by the backup parsers: times in the tools' formats, and strings from
// a host made safe to show (control characters written as \xNN, so a hostile
// path or tag can never move a terminal's cursor or hide text).

/** restic's RFC 3339 with nanoseconds (and Z or an offset) → ISO UTC; null if it is not one. */
export function rfc3339ToIso(text: string): string | null {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/.exec(text);
  if (!match) return null;
  const millis = (match[2] ?? '').padEnd(3, '0').slice(0, 3);
  const time = Date.parse(`${match[1]}.${millis}${match[3]}`);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/**
 * borg 1.x prints local time with microseconds and no zone (borg/helpers/time.py
 * isoformat_time). OpsDeck reads it as UTC, which is what the hosts it
 * manages run on; a host on another zone shifts its backup ages by its offset.
 */
export function borgTimeToIso(text: string): string | null {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?$/.exec(text);
  if (!match) return null;
  const millis = (match[2] ?? '').padEnd(3, '0').slice(0, 3);
  const time = Date.parse(`${match[1]}.${millis}Z`);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function printable(text: string): string {
  return text.replace(CONTROL, (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function stringArray(value: unknown): string[] | null {
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? (value as string[]) : null;
}
