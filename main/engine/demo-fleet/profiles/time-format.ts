// The date formats the simulated tools print. Demo hosts run in UTC (as most
// servers do), so "local time" in a tool's output is UTC here.
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

function hms(date: Date): string {
  return `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

function ymd(date: Date, separator = '-'): string {
  return [date.getUTCFullYear(), pad(date.getUTCMonth() + 1), pad(date.getUTCDate())].join(separator);
}

/** C ctime(3): `Sat Nov 28 16:12:54 2026` (day of month space-padded). */
export function ctime(date: Date): string {
  const day = String(date.getUTCDate()).padStart(2, ' ');
  return `${DAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${day} ${hms(date)} ${date.getUTCFullYear()}`;
}

/** Go's RFC 3339 with nanoseconds, as restic prints snapshot times. */
export function rfc3339Nano(date: Date, nanos: number): string {
  return `${ymd(date)}T${hms(date)}.${pad(date.getUTCMilliseconds(), 3)}${pad(nanos % 1_000_000, 6)}Z`;
}

/** borg 1.2/1.4 isoformat_time: local time, microseconds, no zone. */
export function borgTime(date: Date): string {
  return `${ymd(date)}T${hms(date)}.${pad(date.getUTCMilliseconds(), 3)}000`;
}

/** borg archive names made with {now:%Y-%m-%dT%H:%M:%S}. */
export function borgArchiveStamp(date: Date): string {
  return `${ymd(date)}T${hms(date)}`;
}

/** Python logging asctime: `2026-11-26 06:31:07,412`. */
export function pythonAsctime(date: Date): string {
  return `${ymd(date)} ${hms(date)},${pad(date.getUTCMilliseconds(), 3)}`;
}

/** SmartOS platform image stamp: `20241128T004404Z`. */
export function platformStamp(date: Date): string {
  return `${ymd(date, '')}T${hms(date).replaceAll(':', '')}Z`;
}

/** svcs(1) STIME: HH:MM:SS within 24 h, `Mon_DD` within a year, else the year. */
export function svcsStime(date: Date, now: Date): string {
  const age = now.getTime() - date.getTime();
  if (age < DAY_MS) return hms(date);
  if (age < 365 * DAY_MS) return `${MONTHS[date.getUTCMonth()]}_${pad(date.getUTCDate())}`;
  return String(date.getUTCFullYear());
}

export function epochSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

export function ago(now: Date, milliseconds: number): Date {
  return new Date(now.getTime() - milliseconds);
}
