// The firewall commands' raw outputs of the host's latest scan, in a modal
// dialog (Escape closes it): exactly what the host printed, as text in a
// <pre>, never as HTML. Outputs larger than a few megabytes show their
// beginning until the operator asks for all of it.
import { useEffect, useRef, useState } from 'react';
import type { RawOutputView } from '../../../preload/contract';
import { getOpsDeck } from '../../api/opsdeck';
import { CopyButton } from '../../components/CopyButton';
import { dateTimeText } from '../../components/date-text';

const SHOWN_CHARS = 2_000_000;

type Raw = { finishedAt: string | null; outputs: RawOutputView[] };

export function RawRulesetDialog({ host, open, onClose }: { host: string; open: boolean; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [raw, setRaw] = useState<Raw | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState(0);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  useEffect(() => {
    if (!open || raw !== undefined) return;
    void getOpsDeck()
      ?.firewall.rawOutputs({ host })
      .then((result) => {
        if (result.ok) setRaw(result.value);
        else setError(result.error.message);
      });
  }, [open, host, raw]);
  const output = raw?.outputs[selected];
  return (
    <dialog ref={dialog} className="prompt-dialog raw-dialog" aria-labelledby="raw-title" onClose={onClose}>
      <header className="raw-dialog-head">
        <h2 id="raw-title">
          Raw ruleset of <span className="mono">{host}</span>
        </h2>
        {raw?.finishedAt && <span className="muted">scan finished {dateTimeText(raw.finishedAt)}</span>}
        <button type="button" onClick={onClose} className="raw-close">
          Close
        </button>
      </header>
      {error && <p className="error">{error}</p>}
      {raw === undefined && !error && <p className="muted">Loading…</p>}
      {raw === null && <p className="muted">This host has not been scanned yet.</p>}
      {raw && raw.outputs.length === 0 && <p className="muted">The latest scan has no firewall outputs.</p>}
      {raw && raw.outputs.length > 0 && (
        <>
          <div className="toolbar raw-choices" role="group" aria-label="Output">
            {raw.outputs.map((each, index) => (
              <button key={each.id} type="button" aria-pressed={index === selected} onClick={() => setSelected(index)}>
                {each.command.replace(/^(sudo -n )?env LC_ALL=C /, '')} <span className="muted">({sizeText(each.stdout.length)})</span>
              </button>
            ))}
          </div>
          {output && <RawOutput key={output.id} output={output} />}
        </>
      )}
    </dialog>
  );
}

function RawOutput({ output }: { output: RawOutputView }) {
  const [all, setAll] = useState(false);
  const [indent, setIndent] = useState(false);
  const json = output.stdout.trimStart().startsWith('{') && output.stdout.length <= 5_000_000;
  let text = output.stdout;
  if (indent && json) {
    try {
      text = JSON.stringify(JSON.parse(output.stdout), null, 2);
    } catch {
      text = output.stdout;
    }
  }
  const cut = !all && text.length > SHOWN_CHARS;
  return (
    <section className="raw-output" aria-label={`Output of ${output.command}`}>
      <header>
        <code>{output.command}</code>
        <span className="muted">
          exit {output.exitCode ?? '—'} · {output.durationMs} ms
        </span>
        {json && (
          <label className="checkbox">
            <input type="checkbox" checked={indent} onChange={(event) => setIndent(event.target.checked)} aria-label="Indent the JSON" /> indent JSON
          </label>
        )}
        <CopyButton text={output.stdout} label={`Copy output of ${output.command}`} />
      </header>
      {output.error && <p className="error">{output.error}</p>}
      <pre className="mono raw-text" tabIndex={0} data-testid="raw-text">
        {cut ? text.slice(0, SHOWN_CHARS) : text || '(no output)'}
      </pre>
      {cut && (
        <p>
          Showing the first {sizeText(SHOWN_CHARS)} of {sizeText(text.length)}.{' '}
          <button type="button" onClick={() => setAll(true)}>
            Show all
          </button>
        </p>
      )}
      {output.stderr && (
        <pre className="mono stderr" tabIndex={0}>
          {output.stderr}
        </pre>
      )}
    </section>
  );
}

function sizeText(chars: number): string {
  if (chars < 1024) return `${chars} B`;
  if (chars < 1024 * 1024) return `${(chars / 1024).toFixed(1)} KiB`;
  return `${(chars / 1024 / 1024).toFixed(1)} MiB`;
}
