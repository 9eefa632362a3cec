// The audit page's filter: host, operator and command (substrings), and a
// time window (from/to, the operator's local time, sent as ISO instants).
import { useState } from 'react';

export interface AuditFilter {
  host: string;
  operator: string;
  command: string;
  /** datetime-local values ("2026-12-04T15:30"), local time. */
  from: string;
  to: string;
}

export const emptyAuditFilter: AuditFilter = { host: '', operator: '', command: '', from: '', to: '' };

export function queryOf(filter: AuditFilter): { host?: string; operator?: string; command?: string; from?: string; to?: string } {
  const instant = (local: string) => (local ? new Date(local).toISOString() : undefined);
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
        onChange(draft);
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
        From <input type="datetime-local" aria-label="From" {...field('from')} />
      </label>
      <label>
        To <input type="datetime-local" aria-label="To" {...field('to')} />
      </label>
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
