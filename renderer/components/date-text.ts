// The one way the UI writes a date or time: ISO order (2026-12-04 15:31), in
// the operator's time zone, never "12/04" that reads differently by locale.
// The full instant with its UTC offset goes in a title for the precise reader.

function parts(iso: string): { date: string; time: string; offset: string } | null {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return null;
  const two = (n: number) => String(n).padStart(2, '0');
  const minutes = -at.getTimezoneOffset();
  const sign = minutes >= 0 ? '+' : '−';
  const offset = minutes === 0 ? 'UTC' : `UTC${sign}${two(Math.floor(Math.abs(minutes) / 60))}:${two(Math.abs(minutes) % 60)}`;
  return {
    date: `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}`,
    time: `${two(at.getHours())}:${two(at.getMinutes())}`,
    offset,
  };
}

/** "2026-12-04 15:31" in local time; "—" for null, the input itself when it is not a date. */
export function dateTimeText(iso: string | null | undefined): string {
  if (!iso) return '—';
  const p = parts(iso);
  return p ? `${p.date} ${p.time}` : iso;
}

/** "2026-12-04" in local time. */
export function dateText(iso: string | null | undefined): string {
  if (!iso) return '—';
  const p = parts(iso);
  return p ? p.date : iso;
}

/** "2026-12-04 15:31 UTC+01:00": for titles and exports. */
export function dateTimeWithZone(iso: string | null | undefined): string {
  if (!iso) return '—';
  const p = parts(iso);
  return p ? `${p.date} ${p.time} ${p.offset}` : iso;
}

export function durationText(hours: number): string {
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  if (hours < 48) return `${Math.round(hours)} h`;
  const days = Math.floor(hours / 24);
  const rest = Math.round(hours - days * 24);
  return rest ? `${days} d ${rest} h` : `${days} d`;
}
