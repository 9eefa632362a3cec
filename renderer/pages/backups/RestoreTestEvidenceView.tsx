// A restore test's evidence as an operator reads it: outcome, snapshot,
// counts per class, and every file with both hashes (host text as text).
import type { RestoreTestEvidence } from '../../../preload/contract';

export function RestoreTestEvidenceView({ evidence }: { evidence: RestoreTestEvidence }) {
  const counts = Object.entries(evidence.counts).filter(([, count]) => count > 0);
  return (
    <div className="restore-evidence" data-testid="restore-evidence" data-outcome={evidence.outcome}>
      <p>
        <strong className={`outcome outcome-${evidence.outcome}`}>{evidence.outcome.toUpperCase()}</strong> {evidence.host}: snapshot <code>{evidence.snapshotId?.slice(0, 12) ?? '-'}</code> of{' '}
        {evidence.snapshotTime ?? 'unknown time'}, {evidence.files.length} files, {(evidence.durationMs / 1000).toFixed(1)} s{evidence.reason && <span> — {evidence.reason}</span>}
      </p>
      <p data-testid="restore-counts">{counts.map(([name, count]) => `${count} ${name}`).join(' · ') || 'no file restored'}</p>
      {evidence.files.length > 0 && (
        <table className="restore-files">
          <thead>
            <tr>
              <th scope="col">Class</th>
              <th scope="col">Restored sha256</th>
              <th scope="col">Live sha256</th>
              <th scope="col">File</th>
            </tr>
          </thead>
          <tbody>
            {evidence.files.map((file) => (
              <tr key={file.path} data-class={file.class}>
                <td>{file.class}</td>
                <td className="mono">{file.restoredSha256?.slice(0, 16) ?? '-'}</td>
                <td className="mono">{file.liveSha256?.slice(0, 16) ?? '-'}</td>
                <td className="mono">
                  {file.path}
                  {file.canary ? ' (canary)' : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
