// The newest entries of the audit log as the UI shows them: one line each,
// what was done, on which host, by whom. Pure: reads the text it is given.
import type { AuditEntryView } from '../../../preload/contract';

export function recentAuditEntries(text: string, limit: number): AuditEntryView[] {
  const lines = text.split('\n').filter((line) => line.length > 0);
  const views: AuditEntryView[] = [];
  for (let index = lines.length - 1; index >= 0 && views.length < limit; index--) {
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(lines[index]!) as Record<string, unknown>;
    } catch {
      views.push({ seq: -1, at: new Date(0).toISOString(), kind: 'unreadable', operator: '—', host: null, summary: `line ${index + 1} is not JSON` });
      continue;
    }
    views.push(entryView(entry));
  }
  return views;
}

function entryView(entry: Record<string, unknown>): AuditEntryView {
  const operator = entry.operator as { login?: string; displayName?: string } | undefined;
  const text = (key: string) => (typeof entry[key] === 'string' ? (entry[key] as string) : null);
  return {
    seq: typeof entry.seq === 'number' ? entry.seq : -1,
    at: text('at') ?? new Date(0).toISOString(),
    kind: text('kind') ?? 'unknown',
    operator: operator?.displayName || operator?.login || '—',
    host: text('host'),
    summary: summaryOf(entry),
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
