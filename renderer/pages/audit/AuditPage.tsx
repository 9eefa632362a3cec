// The audit log: verify the hash chain, read the latest entries.
import { useCallback, useEffect, useState } from 'react';
import type { AuditEntryView, AuditVerifyView } from '../../../preload/contract';
import { getOpsDeck } from '../../api/opsdeck';

export function AuditPage() {
  const [entries, setEntries] = useState<AuditEntryView[]>([]);
  const [verdict, setVerdict] = useState<AuditVerifyView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    void getOpsDeck()
      ?.audit.recent({ limit: 200 })
      .then((result) => (result.ok ? setEntries(result.value) : setError(result.error.message)));
  }, []);
  useEffect(load, [load]);
  const verify = () =>
    void getOpsDeck()
      ?.audit.verify({})
      .then((result) => (result.ok ? setVerdict(result.value) : setError(result.error.message)));
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
      </header>
      {error && <p role="alert" className="error">{error}</p>}
      {verdict && (
        <p role="status" className={verdict.ok ? (verdict.keying === 'keyed' ? 'ok' : 'warning') : 'error'} data-testid="audit-verdict">
          {!verdict.ok
            ? `✕ broken at entry ${verdict.brokenAtSeq ?? '?'} (line ${verdict.brokenAtLine}): ${verdict.reason}`
            : verdict.keying === 'keyed'
              ? `✓ ${verdict.entries} entries, chain intact and keyed (${verdict.path}): ${verdict.keyingNote}`
              : `⚠ ${verdict.entries} entries, chain intact but not verified against forgery (${verdict.path}): ${verdict.keyingNote}`}
        </p>
      )}
      <table className="grid">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">When</th>
            <th scope="col">Operator</th>
            <th scope="col">What</th>
            <th scope="col">Host</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.seq}>
              <td>{entry.seq}</td>
              <td>{new Date(entry.at).toLocaleString()}</td>
              <td>{entry.operator}</td>
              <td>{entry.kind}</td>
              <td className="mono">{entry.host ?? '—'}</td>
              <td className="mono">{entry.summary}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {entries.length === 0 && !error && <p className="muted">No entries yet: nothing has been run on any host.</p>}
    </div>
  );
}
