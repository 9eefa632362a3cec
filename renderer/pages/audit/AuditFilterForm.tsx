// The audit page's filter: host, operator and command (substrings), and a
// time window typed in ISO order ("2026-12-04 15:30", the operator's local
// time; a date alone means its midnight), sent as ISO instants. Not the
// browser's date picker: its mm/dd/yyyy depends on the locale.
import { useState } from 'react';

export interface AuditFilter {
  host: string;
  operator: string;
  command: string;
  /** "2026-12-04 15:30" or "2026-12-04", local time. */
  from: string;
  to: string;
}

export const emptyAuditFilter: AuditFilter = { host: '', operator: '', command: '', from: '', to: '' };

const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?$/;

/** The ISO instant of a local "YYYY-MM-DD[ HH:MM]", or null when it is not one. */
export function localInstant(text: string): string | null {
  const match = LOCAL_TIME.exec(text.trim());
  if (!match) return null;
  const [, year, month, day, hour = '00', minute = '00'] = match;
  const at = new Date(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute));
  return Number.isNaN(at.getTime()) || at.getMonth() !== Number(month) - 1 ? null : at.toISOString();
}

export function queryOf(filter: AuditFilter): { host?: string; operator?: string; command?: string; from?: string; to?: string } {
  const instant = (local: string) => localInstant(local) ?? undefined;
  return {
    ...(filter.host.trim() ? { host: filter.host.trim() } : {}),
    ...(filter.operator.trim() ? { operator: filter.operator.trim() } : {}),
    ...(filter.command.trim() ? { command: filter.command.trim() } : {}),
    ...(filter.from ? { from: instant(filter.from) } : {}),
    ...(filter.to ? { to: instant(filter.to) } : {}),
  };
}

export function AuditFilterForm({ value, onChange }: { value: AuditFilter; onChange: (filter: AuditFilter) => void }) {
  const [draft, setDraft] = useState(value);
  const invalid = (key: 'from' | 'to') => draft[key].trim() !== '' && localInstant(draft[key]) === null;
  const field = (key: keyof AuditFilter) => ({
    value: draft[key],
    onChange: (event: { target: { value: string } }) => setDraft({ ...draft, [key]: event.target.value }),
  });
  return (
    <form
      className="toolbar filters"
      role="search"
      aria-label="Filter the audit log"
      onSubmit={(event) => {
        event.preventDefault();
        if (!invalid('from') && !invalid('to')) onChange(draft);
      }}
    >
      <label>
        Host <input type="search" aria-label="Host" {...field('host')} />
      </label>
      <label>
        Operator <input type="search" aria-label="Operator" {...field('operator')} />
      </label>
      <label>
        Command <input type="search" aria-label="Command" {...field('command')} />
      </label>
      <label>
        From <input type="text" aria-label="From" placeholder="YYYY-MM-DD HH:MM" aria-invalid={invalid('from')} size={16} {...field('from')} />
      </label>
      <label>
        To <input type="text" aria-label="To" placeholder="YYYY-MM-DD HH:MM" aria-invalid={invalid('to')} size={16} {...field('to')} />
      </label>
      {(invalid('from') || invalid('to')) && <span className="error">write times as YYYY-MM-DD HH:MM (your local time)</span>}
      <button type="submit">Filter</button>
      <button
        type="button"
        onClick={() => {
          setDraft(emptyAuditFilter);
          onChange(emptyAuditFilter);
        }}
      >
        Clear
      </button>
    </form>
  );
}
