// Entries of the audit log as the UI shows them: one line each, what was
// done (the command itself for command entries, also on their end entry), on
// which host, by whom; newest first, filtered and paged. Pure: reads the
// text it is given.
import type { AuditEntryView, AuditPageView } from '../../../preload/contract';

export interface AuditQuery {
  offset: number;
  limit: number;
  /** Case-insensitive substrings. */
  host?: string;
  operator?: string;
  command?: string;
  /** ISO instants, inclusive. */
  from?: string;
  to?: string;
}

export function recentAuditEntries(text: string, limit: number): AuditEntryView[] {
  return auditPage(text, { offset: 0, limit }).entries;
}

export function auditPage(text: string, query: AuditQuery): AuditPageView {
  const views = allEntryViews(text);
  const matches = matcher(query);
  const matching: AuditEntryView[] = [];
  for (let index = views.length - 1; index >= 0; index--) if (matches(views[index]!)) matching.push(views[index]!);
  return { total: matching.length, offset: query.offset, entries: matching.slice(query.offset, query.offset + query.limit) };
}

function allEntryViews(text: string): AuditEntryView[] {
  const lines = text.split('\n').filter((line) => line.length > 0);
  const commands = new Map<number, string>();
  return lines.map((line, index) => {
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return { seq: -1, at: new Date(0).toISOString(), kind: 'unreadable', operator: '—', host: null, summary: `line ${index + 1} is not JSON`, command: null };
    }
    const view = entryView(entry, commands);
    if (entry.kind === 'command.start' && typeof entry.seq === 'number' && typeof entry.command === 'string') commands.set(entry.seq, entry.command);
    return view;
  });
}

function matcher(query: AuditQuery): (view: AuditEntryView) => boolean {
  const needle = (value: string | undefined) => (value && value.trim() ? value.trim().toLowerCase() : null);
  const host = needle(query.host);
  const operator = needle(query.operator);
  const command = needle(query.command);
  const from = query.from ? Date.parse(query.from) : null;
  const to = query.to ? Date.parse(query.to) : null;
  return (view) => {
    if (host && !(view.host ?? '').toLowerCase().includes(host)) return false;
    if (operator && !view.operator.toLowerCase().includes(operator)) return false;
    if (command && !`${view.command ?? ''} ${view.summary}`.toLowerCase().includes(command)) return false;
    const at = Date.parse(view.at);
    if (from !== null && at < from) return false;
    if (to !== null && at > to) return false;
    return true;
  };
}

function entryView(entry: Record<string, unknown>, commands: Map<number, string>): AuditEntryView {
  const operator = entry.operator as { login?: string; displayName?: string } | undefined;
  const text = (key: string) => (typeof entry[key] === 'string' ? (entry[key] as string) : null);
  const command = entry.kind === 'command.start' ? text('command') : entry.kind === 'command.end' ? (commands.get(Number(entry.startSeq)) ?? null) : null;
  return {
    seq: typeof entry.seq === 'number' ? entry.seq : -1,
    at: text('at') ?? new Date(0).toISOString(),
    kind: text('kind') ?? 'unknown',
    operator: operator?.displayName || operator?.login || '—',
    host: text('host'),
    summary: summaryOf(entry),
    command,
  };
}

function summaryOf(entry: Record<string, unknown>): string {
  switch (entry.kind) {
    case 'command.start':
      return String(entry.command ?? '');
    case 'command.end':
      return entry.error
        ? `#${String(entry.startSeq)} failed: ${String(entry.error)}`
        : `#${String(entry.startSeq)} exit ${String(entry.exitCode)} in ${String(entry.durationMs)} ms, stdout sha256 ${String(entry.stdoutSha256).slice(0, 12)}…`;
    case 'hostkey.accept':
      return `accepted ${String(entry.keyType ?? '')} ${String(entry.fingerprint ?? '')} for ${String(entry.address ?? '')}:${String(entry.port ?? '')}`;
    case 'scan.start':
      return `scan ${String(entry.runId ?? '')} of ${JSON.stringify(entry.scope ?? {})}, ${String(entry.total ?? '?')} hosts`;
    case 'scan.end':
      return `scan ${String(entry.runId ?? '')}: ${String(entry.ok ?? '?')} answered, ${String(entry.failed ?? '?')} failed${entry.cancelled ? ', cancelled' : ''}`;
    case 'audit.recovered':
      return `torn tail of ${String(entry.tornBytes ?? '?')} bytes moved to ${String(entry.movedTo ?? '?')}`;
    default:
      return '';
  }
}
