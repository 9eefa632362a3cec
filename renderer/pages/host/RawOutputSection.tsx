// One raw output of a host's last scan, as evidence: the command, its exit
// status, how many bytes the host sent, whether it was cut at a cap, and its
// text. Only the first bytes come with the page; "Show more" pages through
// the rest from the store, so a huge answer never has to cross the bridge
// (or be laid out) at once.
import { useState } from 'react';
import type { RawOutputView } from '../../../preload/contract';
import { getOpsDeck } from '../../api/opsdeck';
import { CopyButton } from '../../components/CopyButton';
import { EngineErrorNote } from '../../components/EngineErrorNote';

const PAGE_BYTES = 256 * 1024;

export function RawOutputSection({ host, runId, index, output }: { host: string; runId: string; index: number; output: RawOutputView }) {
  const [more, setMore] = useState<{ text: string; shownBytes: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const totalBytes = output.stdoutBytes ?? null;
  const shownBytes = more?.shownBytes ?? output.stdoutShownBytes ?? totalBytes;
  const text = output.stdout + (more?.text ?? '');
  const showMore = () => {
    const api = getOpsDeck();
    if (!api || shownBytes === null) return;
    void api.host.rawOutputPage({ name: host, runId, index, stream: 'stdout', offset: shownBytes, length: PAGE_BYTES }).then((result) => {
      if (!result.ok) return setError(result.error.message);
      if (!result.value) return setError('this output is no longer in the store');
      const page = result.value;
      setMore((previous) => ({ text: (previous?.text ?? '') + page.text, shownBytes: page.offset + page.bytes }));
    });
  };
  return (
    <section className="raw-output" aria-label={`Output of ${output.command}`}>
      <header>
        <code>{output.command}</code>
        <span className="muted">
          exit {output.exitCode ?? '—'} · {output.durationMs} ms{totalBytes !== null && <> · {byteText(totalBytes)}</>}
        </span>
        {output.truncated && (
          <span className="badge badge-warning" role="status">
            cut at the per-{output.truncated.cap} cap ({byteText(output.truncated.capBytes)}): first {byteText(output.truncated.keptBytes)} kept
          </span>
        )}
        <CopyButton text={text} label={`Copy output of ${output.command}`} />
      </header>
      {output.error && <p className="error">{output.error}</p>}
      <pre className="mono" tabIndex={0}>
        {text || '(no output)'}
      </pre>
      {totalBytes !== null && shownBytes !== null && shownBytes < totalBytes && (
        <p className="muted">
          Showing the first {byteText(shownBytes)} of {byteText(totalBytes)}.{' '}
          <button type="button" onClick={showMore}>
            Show {byteText(Math.min(PAGE_BYTES, totalBytes - shownBytes))} more
          </button>
        </p>
      )}
      <EngineErrorNote error={error} />
      {output.stderr && (
        <pre className="mono stderr" tabIndex={0}>
          {output.stderr}
        </pre>
      )}
    </section>
  );
}

function byteText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}
