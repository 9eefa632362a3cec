// Every authorized_keys entry of every host and of every SmartOS zone read:
// account, file and line, type, fingerprint, options (a forced command shown
// verbatim) and comment — always as text, whatever it holds. A key with a
// finding is marked, the worst first.
import type { FindingView } from '../../../preload/contract';
import { SeverityBadge } from '../../components/SeverityBadge';
import { worstRank } from '../../components/severity-order';
import { installedKeys, keyFindingSuffix, type HostAccess } from './access-view';

export function AccessKeyTable({ hosts, findings }: { hosts: HostAccess[]; findings: FindingView[] }) {
  const keys = hosts.flatMap((host) =>
    installedKeys(host).map((installed) => ({
      ...installed,
      finding: findings.find((finding) => finding.host === host.host && finding.id.endsWith(keyFindingSuffix(installed))) ?? null,
    })),
  );
  const rank = (finding: FindingView | null) => worstRank(finding ? [finding] : []);
  const sorted = [...keys].sort((a, b) => rank(a.finding) - rank(b.finding) || a.host.localeCompare(b.host, 'en', { numeric: true }));
  if (sorted.length === 0) return <p className="muted">No key was read.</p>;
  return (
    <div className="wide-scroll">
      <table className="grid access-keys" aria-label="Installed keys">
        <thead>
          <tr>
            <th scope="col">Host</th>
            <th scope="col">Zone</th>
            <th scope="col">Account</th>
            <th scope="col">File</th>
            <th scope="col">Key</th>
            <th scope="col">Options</th>
            <th scope="col">Comment</th>
            <th scope="col">Judgement</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map(({ host, zone, key, finding }) => (
            <tr key={`${host}:${zone ?? ''}:${key.file}:${key.line}`} data-fingerprint={key.fingerprint} data-zone={zone ?? undefined}>
              <td className="mono">{host}</td>
              <td className="mono small">{zone ?? <span className="muted">—</span>}</td>
              <td className="mono">{key.account}</td>
              <td className="mono">
                {key.file}:{key.line}
              </td>
              <td className="mono">
                {key.type} {key.fingerprint}
              </td>
              <td className="mono" data-testid="key-options">
                {key.options || <span className="muted">—</span>}
              </td>
              <td className="mono" data-testid="key-comment">
                {key.comment}
              </td>
              <td>
                {finding ? (
                  <>
                    <SeverityBadge severity={finding.severity} /> {finding.title}
                  </>
                ) : (
                  <span className="ok">✓ staff allowed here</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
