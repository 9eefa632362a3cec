// One site's hosts as a dense table: name, roles, OS, identity, last scan.
import type { DatacentreView, HostView } from '../../../preload/contract';
import { PhaseBadge } from '../../components/PhaseBadge';
import { routeHref } from '../../app/routes';

interface Props {
  dc: DatacentreView;
  hosts: HostView[];
  scanDisabled: boolean;
  onScanSite: () => void;
  onScanHost: (name: string) => void;
}

export function SiteHostTable({ dc, hosts, scanDisabled, onScanSite, onScanHost }: Props) {
  const answered = hosts.filter((host) => host.last?.phase === 'done').length;
  return (
    <section className="site" aria-labelledby={`site-${dc.id}`}>
      <header className="site-head">
        <h2 id={`site-${dc.id}`}>
          {dc.name} <span className="muted">({dc.id}, {dc.role})</span>
        </h2>
        <span className="muted">
          {answered}/{hosts.length} answered · bastion {dc.bastion ?? 'none (direct)'}
        </span>
        <button type="button" disabled={scanDisabled} onClick={onScanSite}>
          Scan {dc.id}
        </button>
      </header>
      <table className="grid">
        <thead>
          <tr>
            <th scope="col">Host</th>
            <th scope="col">Roles</th>
            <th scope="col">OS</th>
            <th scope="col">Kernel / platform</th>
            <th scope="col">State</th>
            <th scope="col">Last scan</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {hosts.map((host) => (
            <tr key={host.name} data-host={host.name}>
              <th scope="row">
                <a href={routeHref({ page: 'host', name: host.name })}>{host.name}</a>
                <div className="muted mono">{host.address}</div>
              </th>
              <td>{host.roles.join(', ')}</td>
              <td>{osText(host)}</td>
              <td className="mono">{host.last?.identity?.kernel ?? '—'}</td>
              <td>
                <PhaseBadge phase={host.last?.phase ?? null} />
                {host.last?.reason && <div className="reason">{host.last.reason}</div>}
              </td>
              <td className="muted">{host.last?.finishedAt ? new Date(host.last.finishedAt).toLocaleTimeString() : '—'}</td>
              <td>
                <button type="button" className="small" disabled={scanDisabled} onClick={() => onScanHost(host.name)} aria-label={`Scan ${host.name}`}>
                  Scan
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function osText(host: HostView): string {
  const identity = host.last?.identity;
  if (identity?.osName) return `${identity.osName}${identity.osVersion ? ` ${identity.osVersion}` : ''}`;
  return host.os === 'auto' ? 'auto-detect' : host.os;
}
