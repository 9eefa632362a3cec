import type { ScanRunState } from './useScanRun';

function progressText(run: ScanRunState): string {
  if (run.finished) {
    const { ok, failed, cancelledHosts } = run.finished;
    const counts = `${ok} answered, ${failed} failed${cancelledHosts > 0 ? `, ${cancelledHosts} cancelled` : ''}`;
    return run.finished.cancelled ? `cancelled: ${counts}` : `finished: ${counts}`;
  }
  const parts = [`${run.done} of ${run.total} hosts`, `${run.failed} failed`];
  if (run.cancelled > 0) parts.push(`${run.cancelled} cancelled`);
  if (run.connecting > 0) parts.push(`${run.connecting} connecting`);
  return parts.join(', ');
}

export function ScanProgress({ run, running, onCancel }: { run: ScanRunState; running: boolean; onCancel: () => void }) {
  const percent = run.total === 0 ? 100 : Math.round((run.done / run.total) * 100);
  return (
    <section className="scan-progress" aria-label="Scan progress">
      <div className="scan-progress-head">
        <strong>Scan of {run.scopeLabel}</strong>
        <span data-testid="scan-outcome">{progressText(run)}</span>
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
