// Export of the status report: HTML (self-contained), PDF, CSV of every
// finding and JSON, written by the engine into a new folder of the data
// folder; the files written are listed, an error is shown in words.
import { useState } from 'react';
import type { MethodInput } from '../../../preload/contract';
import { errorText, getOpsDeck } from '../../api/opsdeck';
import { EngineErrorNote } from '../../components/EngineErrorNote';

type Format = MethodInput<'reports.export'>['formats'][number];

export function ExportReport() {
  const [busy, setBusy] = useState(false);
  const [files, setFiles] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const exportAs = async (formats: Format[]) => {
    const api = getOpsDeck();
    if (!api) return;
    setBusy(true);
    setError(null);
    const result = await api.reports.export({ formats });
    setBusy(false);
    setError(errorText(result));
    setFiles(result.ok ? result.value.files : null);
  };
  return (
    <section className="report-export" aria-label="Export the report">
      <button type="button" disabled={busy} onClick={() => void exportAs(['html', 'pdf', 'csv', 'json'])}>
        Export report (HTML, PDF, CSV, JSON)
      </button>{' '}
      <button type="button" disabled={busy} onClick={() => void exportAs(['html', 'csv', 'json'])}>
        Export without PDF
      </button>
      {busy && <span className="muted"> writing…</span>}
      <EngineErrorNote error={error} />
      {files && (
        <ul className="export-files mono" data-testid="export-files">
          {files.map((file) => (
            <li key={file}>{file}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
