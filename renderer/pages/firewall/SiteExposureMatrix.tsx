// One site's hosts × exposed ports, windowed: only the rows in view are in
// the DOM, and only their cells are worked out, so 500 hosts a site scroll
// and filter like 12. The columns are the fleet's, the same for both
// sites, so the two tables read side by side.
import { memo, useMemo } from 'react';
import type { DatacentreView, FirewallHostExposureView } from '../../../preload/contract';
import { routeHref } from '../../app/routes';
import { SpacerRow, useVirtualRows } from '../../components/use-virtual-rows';
import { CONFORMANCE_MARK, REACH_SHORT } from './exposure-marks';
import { filteredMatrixRows, hostCells, matrixOrder, siteTotals, type MatrixCell, type MatrixColumn, type MatrixFilter } from './exposure-matrix';

const ROW_HEIGHT = 28;
const ROLE_ROW_HEIGHT = 24;

interface Props {
  site: DatacentreView;
  hosts: FirewallHostExposureView[];
  columns: MatrixColumn[];
  filter: MatrixFilter;
}

// Memoized: the page re-renders on every host a running scan reports, and these props do not change then.
export const SiteExposureMatrix = memo(function SiteExposureMatrix({ site, hosts, columns, filter }: Props) {
  const ordered = useMemo(() => matrixOrder(hosts), [hosts]);
  const rows = useMemo(() => filteredMatrixRows(ordered, filter), [ordered, filter]);
  const totals = useMemo(() => siteTotals(hosts), [hosts]);
  const { scroller, items, before, after } = useVirtualRows(rows.length, (index) => (rows[index]?.kind === 'role' ? ROLE_ROW_HEIGHT : ROW_HEIGHT), 10);
  const span = columns.length + 1;
  return (
    <section className="site matrix-site" aria-labelledby={`fw-site-${site.id}`} data-site={site.id}>
      <header className="site-head">
        <h2 id={`fw-site-${site.id}`}>
          {site.name}{' '}
          <span className="muted">
            ({site.id}, {site.role})
          </span>
        </h2>
        <span className="muted" data-testid={`firewall-totals-${site.id}`}>
          {totals.hosts === 0 ? 'no host with firewall data yet' : `${totals.beyond} of ${totals.hosts} hosts with a port beyond the baseline`}
          {totals.undetermined > 0 ? `, ${totals.undetermined} undetermined` : ''}
          {totals.unread > 0 ? `, ${totals.unread} not read` : ''}
        </span>
      </header>
      <div className="matrix-scroll" ref={scroller} tabIndex={0} aria-label={`${site.name}: hosts by exposed port, scrollable`}>
        <table className="grid exposure-matrix" data-testid={`exposure-matrix-${site.id}`}>
          <thead>
            <tr>
              <th scope="col" className="host-col">
                Host
              </th>
              {columns.map((column) => (
                <th key={column.key} scope="col" className="port-col" data-column={column.key} title={column.processes.length ? `${column.key}: ${column.processes.join(', ')}` : column.key}>
                  <span className="port-number">{column.port}</span>
                  <span className="port-proto">{column.proto}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <SpacerRow height={before} columns={span} />
            {items.map((item) => {
              const row = rows[item.index]!;
              return row.kind === 'role' ? (
                <tr key={`role-${row.role}`} className="role-row">
                  <th scope="rowgroup" colSpan={span}>
                    {row.role} <span className="muted">· {row.count}</span>
                  </th>
                </tr>
              ) : (
                <HostMatrixRow key={row.host.host} host={row.host} columns={columns} />
              );
            })}
            <SpacerRow height={after} columns={span} />
          </tbody>
        </table>
        {rows.length === 0 && <p className="muted empty-matrix">{hosts.length === 0 ? 'No host of this site has firewall data yet.' : 'No host matches.'}</p>}
      </div>
    </section>
  );
});

/** Memoized: a filter keystroke that keeps a row on screen leaves it as it is. */
const HostMatrixRow = memo(function HostMatrixRow({ host, columns }: { host: FirewallHostExposureView; columns: MatrixColumn[] }) {
  const cells = useMemo(() => hostCells(host), [host]);
  const unread = host.firewall.state === 'unknown' || !host.listenersKnown;
  return (
    <tr data-host={host.host} style={{ height: ROW_HEIGHT }}>
      <th scope="row" className="host-col">
        <a href={routeHref({ page: 'firewall', host: host.host })}>{host.host}</a>
        {host.firewall.state === 'inactive' && <span className="host-note conformance-beyond-baseline"> no firewall</span>}
      </th>
      {unread ? (
        <td colSpan={columns.length} className="cell-unread" title={host.firewall.reason}>
          ? {host.firewall.state === 'unknown' ? 'rules not readable' : 'sockets not read'}: {host.firewall.reason}
        </td>
      ) : (
        columns.map((column) => <MatrixCellView key={column.key} cell={cells.get(column.key)} column={column} host={host.host} />)
      )}
    </tr>
  );
});

// A cell is named in words by aria-label (its title adds the whole description). A visually hidden
// text in every cell made each filter keystroke at 1,000 hosts 2-3× slower: ~700 more boxes to lay out.
function MatrixCellView({ cell, column, host }: { cell: MatrixCell | undefined; column: MatrixColumn; host: string }) {
  if (!cell) {
    return (
      <td className="cell-empty" data-column={column.key} aria-label={`${host} ${column.key}: not listening`}>
        <span aria-hidden="true">·</span>
      </td>
    );
  }
  return (
    <td className={`cell-${cell.conformance}`} data-column={column.key} data-conformance={cell.conformance} data-reach={cell.reachability} title={cell.description} aria-label={cell.summary}>
      <span aria-hidden="true">
        {CONFORMANCE_MARK[cell.conformance].symbol} {REACH_SHORT[cell.reachability]}
      </span>
    </td>
  );
}
