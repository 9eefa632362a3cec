// The audit log: verify the hash chain (and keep its head as an anchor, as
// the CLI prints it), read entries newest first with the command each one
// ran, filter by host, operator, command and time, page through all of it,
// and export the filtered entries as CSV.
import { useCallback, useEffect, useState } from 'react';
import type { AuditPageView, AuditVerifyView } from '../../../preload/contract';
import { getOpsDeck } from '../../api/opsdeck';
import { CopyButton } from '../../components/CopyButton';
import { csvText } from '../../components/csv-export';
import { downloadText } from '../../components/download-text';
import { TimeText } from '../../components/TimeText';
import { AuditFilterForm, emptyAuditFilter, queryOf, type AuditFilter } from './AuditFilterForm';
import { EngineErrorNote } from '../../components/EngineErrorNote';

const PAGE_SIZE = 200;
const EXPORT_LIMIT = 1000;

export function AuditPage() {
  const [page, setPage] = useState<AuditPageView | null>(null);
  const [offset, setOffset] = useState(0);
  const [filter, setFilter] = useState<AuditFilter>(emptyAuditFilter);
  const [verdict, setVerdict] = useState<AuditVerifyView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    void getOpsDeck()
      ?.audit.page({ ...queryOf(filter), offset, limit: PAGE_SIZE })
      .then((result) => {
        if (result.ok) {
          setPage(result.value);
          setError(null);
        } else setError(result.error.message);
      });
  }, [filter, offset]);
  useEffect(load, [load]);
  const verify = () =>
    void getOpsDeck()
      ?.audit.verify({})
      .then((result) => (result.ok ? setVerdict(result.value) : setError(result.error.message)));
  const exportCsv = async () => {
    const api = getOpsDeck();
    if (!api || !page) return;
    const rows: string[][] = [];
    for (let from = 0; from < page.total; from += EXPORT_LIMIT) {
      const result = await api.audit.page({ ...queryOf(filter), offset: from, limit: EXPORT_LIMIT });
      if (!result.ok) return setError(result.error.message);
      for (const entry of result.value.entries) rows.push([String(entry.seq), entry.at, entry.operator, entry.kind, entry.host ?? '', entry.command ?? '', entry.summary]);
    }
    downloadText(`opsdeck-audit-${new Date().toISOString().slice(0, 10)}.csv`, csvText(['seq', 'at', 'operator', 'kind', 'host', 'command', 'details'], rows));
  };
  const anchor = verdict?.ok ? verdict.anchor : undefined;
  const last = page ? Math.min(page.offset + page.entries.length, page.total) : 0;
  return (
    <div>
      <header className="page-head">
        <h1>Audit log</h1>
        <button type="button" onClick={verify}>
          Verify chain
        </button>
        <button type="button" onClick={load}>
          Refresh
        </button>
        <button type="button" onClick={() => void exportCsv()} disabled={!page || page.total === 0}>
          Export CSV
        </button>
      </header>
      <EngineErrorNote error={error} />
      {verdict && (
        <div role="status" className={verdict.ok ? (verdict.keying === 'keyed' ? 'ok' : 'warning') : 'error'} data-testid="audit-verdict">
          {!verdict.ok
            ? `✕ broken at entry ${verdict.brokenAtSeq ?? '?'} (line ${verdict.brokenAtLine}): ${verdict.reason}`
            : verdict.keying === 'keyed'
              ? `✓ ${verdict.entries} entries, chain intact and keyed (${verdict.path}): ${verdict.keyingNote}`
              : `⚠ ${verdict.entries} entries, chain intact but not verified against forgery (${verdict.path}): ${verdict.keyingNote}`}
          {anchor && (
            <p className="anchor-line">
              Anchor for a later check: <code data-testid="audit-anchor">--anchor {anchor}</code> <CopyButton text={`--anchor ${anchor}`} label="Copy the anchor" />
              <span className="muted"> — keep it with your report; `opsdeck audit verify --anchor …` then proves nothing up to this entry was removed or rewritten.</span>
            </p>
          )}
        </div>
      )}
      <AuditFilterForm
        value={filter}
        onChange={(next) => {
          setFilter(next);
          setOffset(0);
        }}
      />
      <nav className="toolbar filters pager" aria-label="Audit pages">
        <span data-testid="audit-range">{page ? (page.total === 0 ? 'no entries' : `entries ${page.offset + 1}–${last} of ${page.total}, newest first`) : 'loading…'}</span>
        <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>
          ← Newer
        </button>
        <button type="button" disabled={!page || last >= page.total} onClick={() => setOffset(offset + PAGE_SIZE)}>
          Older →
        </button>
      </nav>
      <div className="wide-scroll">
        <table className="grid audit-table">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">When</th>
              <th scope="col">Operator</th>
              <th scope="col">What</th>
              <th scope="col">Host</th>
              <th scope="col">Command</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {(page?.entries ?? []).map((entry) => (
              <tr key={`${entry.seq}-${entry.at}`} data-seq={entry.seq}>
                <td>{entry.seq}</td>
                <td className="nowrap">
                  <TimeText iso={entry.at} />
                </td>
                <td>{entry.operator}</td>
                <td className="nowrap">{entry.kind}</td>
                <td className="mono">{entry.host ?? '—'}</td>
                <td className="mono audit-command">{entry.command ?? '—'}</td>
                <td className="mono">{entry.kind === 'command.start' ? '' : entry.summary}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {page && page.total === 0 && !error && <p className="muted">No entries match{filter === emptyAuditFilter ? ': nothing has been run on any host yet' : ''}.</p>}
    </div>
  );
}
