import type { ScanRunState } from './useScanRun';

export function ScanProgress({ run, running, onCancel }: { run: ScanRunState; running: boolean; onCancel: () => void }) {
  const percent = run.total === 0 ? 100 : Math.round((run.done / run.total) * 100);
  const outcome = run.finished
    ? run.finished.cancelled
      ? `cancelled: ${run.finished.ok} answered, ${run.finished.failed} failed`
      : `finished: ${run.finished.ok} answered, ${run.finished.failed} failed`
    : `${run.done} of ${run.total} hosts, ${run.failed} failed`;
  return (
    <section className="scan-progress" aria-label="Scan progress">
      <div className="scan-progress-head">
        <strong>Scan of {run.scopeLabel}</strong>
        <span data-testid="scan-outcome">{outcome}</span>
        {running && (
          <button type="button" onClick={onCancel} className="danger">
            Cancel scan
          </button>
        )}
      </div>
      <progress max={run.total || 1} value={run.done} aria-label={`${percent}% of hosts done`} />
    </section>
  );
}
